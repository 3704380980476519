//! `--verbose` traces and shown headers: one list of sensitive headers, used by
//! `-vv` and `skene api -i`. Every line is redacted before it leaves.

use std::sync::Arc;

use http::HeaderMap;

use crate::secret::redact;

/// Receives trace lines: level 1 for one line per request, 2 for headers and bodies.
pub type Tracer = Arc<dyn Fn(u8, &str) + Send + Sync>;

/// Headers whose values are never shown.
pub const SENSITIVE_HEADERS: [&str; 7] = [
    "authorization",
    "proxy-authorization",
    "x-api-key",
    "x-skene-token",
    "x-skene-secret",
    "cookie",
    "set-cookie",
];

const BODY_PREVIEW: usize = 2048;

pub fn is_sensitive(name: &str) -> bool {
    SENSITIVE_HEADERS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(name))
}

/// A header value as it may be shown: `[redacted]` for sensitive headers, keys
/// masked in the others.
pub fn shown_value(name: &str, value: &[u8]) -> String {
    if is_sensitive(name) {
        "[redacted]".to_owned()
    } else {
        redact(&String::from_utf8_lossy(value))
    }
}

/// `{prefix}name: value` lines.
pub fn format_headers(prefix: &str, headers: &HeaderMap) -> String {
    headers
        .iter()
        .map(|(name, value)| {
            format!(
                "{prefix}{name}: {}",
                shown_value(name.as_str(), value.as_bytes())
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The start of a body, redacted.
pub fn preview(body: &[u8]) -> String {
    let cut = body.len().min(BODY_PREVIEW);
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    if body.len() > cut {
        text.push_str(&format!("… ({} more bytes)", body.len() - cut));
    }
    redact(&text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use http::header;

    /// A key-shaped string made at run time, so none sits in the source.
    fn fake_key() -> String {
        format!("{}{}", crate::secret::KEY_PREFIX, "secret".repeat(4))
    }

    #[test]
    fn traces_redact_secrets_and_cookies() {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {}", fake_key())).unwrap(),
        );
        h.insert("x-note", HeaderValue::from_str(&fake_key()).unwrap());
        h.insert(header::SET_COOKIE, HeaderValue::from_static("session=abc"));
        h.insert(header::COOKIE, HeaderValue::from_static("session=abc"));
        let text = format_headers("> ", &h);
        assert!(!text.contains("secretsecret"), "{text}");
        assert!(!text.contains("session=abc"), "{text}");
        assert!(preview(format!("{{\"key\":\"{}\"}}", fake_key()).as_bytes()).contains("sk_ws_…"));
    }
}
