//! What went wrong talking to Skene Cloud, and how error answers are read. Says
//! what happened; the command layer adds what to do.

use http::HeaderMap;
use http::header;
use thiserror::Error;

use super::body::BodySourceError;
use crate::secret::redact;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("`{url}` is not a usable URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "refusing to talk to {url} over plain http: HTTPS is required for every host but localhost"
    )]
    Insecure { url: String },
    #[error("could not connect to {url}: {cause}")]
    Connect { url: String, cause: String },
    #[error("the TLS certificate of {url} is not trusted ({cause})")]
    Tls { url: String, cause: String },
    #[error("{url} did not answer within {}", seconds(*secs))]
    Timeout { url: String, secs: f64 },
    #[error("{url} sent nothing for {} while answering", seconds(*secs))]
    Stalled { url: String, secs: f64 },
    #[error("the connection to {url} failed: {cause}")]
    Transport { url: String, cause: String },
    #[error("{}", status_message(*status, message.as_deref(), url))]
    Status {
        status: u16,
        url: String,
        message: Option<String>,
        code: Option<String>,
        retry_after: Option<u64>,
    },
    #[error(
        "the server answered with an HTML page (status {status}), not the API: is the URL right?"
    )]
    Html { status: u16, url: String },
    #[error(
        "the server answered with something that is not JSON (status {status}): is the URL right?"
    )]
    NotJson { status: u16, url: String },
    #[error("the server's answer lacks {missing} (status {status} from {url})")]
    Incomplete {
        status: u16,
        url: String,
        missing: String,
    },
    #[error("the server redirected {url} to {location} (HTTP {status}): is the URL right?")]
    Redirect {
        status: u16,
        url: String,
        location: String,
    },
    #[error("the answer from {url} is larger than {} MiB; stopped reading it", limit / (1024 * 1024))]
    TooLarge { url: String, limit: usize },
    #[error(
        "the server's paging of {url} does not end ({pages} pages read, a cursor repeated or no end in sight)"
    )]
    PagingLoop { url: String, pages: usize },
    #[error(
        "the list at {url} is too large to hold (more than {} items or {} MiB of answers); stopped reading it",
        super::paging::MAX_ITEMS,
        super::paging::MAX_LIST_BYTES >> 20
    )]
    ListTooLarge { url: String },
    #[error("the API key is malformed: it holds characters that cannot be sent in a header")]
    BadKey,
    #[error("{0}")]
    BodySource(String),
    #[error("could not set up the HTTP client: {0}")]
    Setup(String),
}

fn seconds(secs: f64) -> String {
    if secs.fract() == 0.0 {
        format!("{secs:.0} s")
    } else {
        format!("{secs:.1} s")
    }
}

fn status_message(status: u16, message: Option<&str>, url: &str) -> String {
    let reason = http_reason(status);
    match message {
        Some(m) => format!("{m} (HTTP {status} {reason} from {url})"),
        None => format!("the server answered HTTP {status} {reason} for {url}"),
    }
}

pub fn http_reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

impl ApiError {
    /// The HTTP status, for errors that have one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. }
            | ApiError::Html { status, .. }
            | ApiError::NotJson { status, .. }
            | ApiError::Incomplete { status, .. }
            | ApiError::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 401 or 403: the key is missing, unknown, revoked or not allowed.
    pub fn is_auth(&self) -> bool {
        matches!(self.status(), Some(401 | 403)) || matches!(self, ApiError::BadKey)
    }

    /// The server's own message, if it gave one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Status { message, .. } => message.as_deref(),
            _ => None,
        }
    }

    /// The URL the failed request went to.
    pub fn url(&self) -> Option<&str> {
        match self {
            ApiError::Connect { url, .. }
            | ApiError::Tls { url, .. }
            | ApiError::Timeout { url, .. }
            | ApiError::Stalled { url, .. }
            | ApiError::Transport { url, .. }
            | ApiError::Status { url, .. }
            | ApiError::Html { url, .. }
            | ApiError::NotJson { url, .. }
            | ApiError::Incomplete { url, .. }
            | ApiError::Redirect { url, .. }
            | ApiError::TooLarge { url, .. }
            | ApiError::PagingLoop { url, .. }
            | ApiError::ListTooLarge { url } => Some(url),
            _ => None,
        }
    }
}

/// Whether an answer is an HTML page rather than the API's JSON.
pub fn looks_like_html(headers: &HeaderMap, body: &[u8]) -> bool {
    let ct_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"));
    let start: Vec<u8> = body
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    ct_html || start.starts_with(b"<!doctype") || start.starts_with(b"<html")
}

/// `Retry-After` in seconds (the HTTP-date form is left to the backoff).
pub fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// Longest server message kept, in characters.
const MESSAGE_LIMIT: usize = 300;

/// Turns an error answer in any of the contract's forms into one [`ApiError`].
pub fn error_from_body(status: u16, url: &str, headers: &HeaderMap, body: &[u8]) -> ApiError {
    if looks_like_html(headers, body) {
        return ApiError::Html {
            status,
            url: url.to_owned(),
        };
    }
    let retry_after = retry_after(headers);
    let (message, code) = if body.iter().all(u8::is_ascii_whitespace) {
        (None, None)
    } else {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Ok(v) => {
                let err = v.get("error");
                let message = err
                    .and_then(|e| e.get("message"))
                    .or_else(|| err.filter(|e| e.is_string()))
                    .or_else(|| v.get("message"))
                    .and_then(|m| m.as_str())
                    .map(|m| shorten(&redact(m.trim())));
                let code = err
                    .and_then(|e| e.get("code"))
                    .and_then(|c| c.as_str())
                    .map(shorten);
                (message, code)
            }
            Err(_) => {
                return ApiError::NotJson {
                    status,
                    url: url.to_owned(),
                };
            }
        }
    };
    ApiError::Status {
        status,
        url: url.to_owned(),
        message,
        code,
        retry_after,
    }
}

/// At most [`MESSAGE_LIMIT`] characters of a server's text, on one line: line
/// breaks and other control characters become visible escapes.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let mut out = String::new();
    for c in chars.by_ref().take(MESSAGE_LIMIT) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// What a transport failure means.
pub(super) fn transport_error(url: &str, err: &reqwest::Error) -> ApiError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        if let Some(body) = e.downcast_ref::<BodySourceError>() {
            return ApiError::BodySource(body.0.clone());
        }
        source = e.source();
    }
    let cause = root_cause(err);
    if cause.to_ascii_lowercase().contains("certificate") {
        return ApiError::Tls {
            url: url.to_owned(),
            cause,
        };
    }
    if err.is_connect() {
        ApiError::Connect {
            url: url.to_owned(),
            cause,
        }
    } else {
        ApiError::Transport {
            url: url.to_owned(),
            cause,
        }
    }
}

/// The innermost cause of an error: "Connection refused (os error 111)" rather
/// than "error sending request for url (…)".
pub fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever a server sends as an error body: no panic, a bounded one-line
        /// message.
        #[test]
        fn any_error_body_gives_a_bounded_message(
            status in 400u16..600,
            body in prop_oneof![
                proptest::collection::vec(any::<u8>(), 0..512),
                "\\PC{0,2000}".prop_map(|m| serde_json::json!({"error": {"message": m, "code": m}}).to_string().into_bytes()),
                "\\PC{0,2000}".prop_map(|m| serde_json::json!({"message": m}).to_string().into_bytes()),
            ],
        ) {
            let e = error_from_body(status, "u", &HeaderMap::new(), &body);
            let text = e.to_string();
            prop_assert!(text.chars().count() < 400, "{}", text.len());
            prop_assert!(!text.contains('\n'));
        }
    }

    fn json_headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h
    }

    #[test]
    fn every_error_form_gives_its_message() {
        let h = json_headers();
        for body in [
            r#"{"error": {"code": "bad", "message": "nope"}}"#,
            r#"{"error": "nope"}"#,
            r#"{"message": "nope"}"#,
        ] {
            let e = error_from_body(422, "u", &h, body.as_bytes());
            assert!(e.to_string().starts_with("nope (HTTP 422"), "{e}");
        }
        let e = error_from_body(
            409,
            "u",
            &h,
            br#"{"error": {"code": "owner_cannot_be_removed"}}"#,
        );
        assert!(
            matches!(e, ApiError::Status { code: Some(ref c), .. } if c == "owner_cannot_be_removed")
        );
    }

    #[test]
    fn html_and_text_bodies_become_clear_messages() {
        let e = error_from_body(
            502,
            "u",
            &HeaderMap::new(),
            b"  <!DOCTYPE html><html></html>",
        );
        assert_eq!(
            e.to_string(),
            "the server answered with an HTML page (status 502), not the API: is the URL right?"
        );
        let e = error_from_body(500, "u", &HeaderMap::new(), b"Internal oops");
        assert!(matches!(e, ApiError::NotJson { status: 500, .. }));
    }

    #[test]
    fn long_messages_are_cut() {
        let body = format!(r#"{{"error": "{}"}}"#, "x".repeat(10_000));
        let e = error_from_body(400, "u", &json_headers(), body.as_bytes());
        assert!(e.to_string().len() < 400, "{}", e.to_string().len());
    }

    #[test]
    fn retry_after_is_read() {
        let mut h = json_headers();
        h.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        let e = error_from_body(429, "u", &h, b"");
        assert!(matches!(
            e,
            ApiError::Status {
                retry_after: Some(7),
                ..
            }
        ));
    }
}
