//! Secrets: the API key type and redaction of anything that looks like one.

use std::fmt;

/// The prefix of every Skene workspace API key.
pub const KEY_PREFIX: &str = "sk_ws_";
/// Key characters after the prefix from which a token counts as a key to redact
/// (the bundle check uses the same bound).
pub const MIN_SECRET_CHARS: usize = 16;

/// A workspace API key. `Debug` and `Display` print only a masked form
/// (`sk_ws_…abcd`); the key itself is reachable through [`ApiKey::expose`] alone.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the `Authorization` header, the credential store and
    /// `skene auth token`. Never format it into a message.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `sk_ws_…abcd`: enough to tell keys apart, not enough to use one.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// Whether this is a key as Skene Cloud makes them: `sk_ws_` and visible
    /// ASCII after it. A key a server sends is printed only when it is.
    pub fn is_well_formed(&self) -> bool {
        self.0
            .strip_prefix(KEY_PREFIX)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_graphic()))
    }

    /// Checks the shape of a key typed or piped by a user.
    pub fn check_syntax(&self) -> Result<KeyShape, &'static str> {
        if self.0.is_empty() {
            return Err("the key is empty");
        }
        if self.0.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("the key contains spaces or control characters");
        }
        if self.0.starts_with(KEY_PREFIX) {
            Ok(KeyShape::Expected)
        } else {
            Ok(KeyShape::UnknownPrefix)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyShape {
    Expected,
    UnknownPrefix,
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({})", self.masked())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

fn mask(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    let tail: String = if chars.len() >= 12 {
        chars[chars.len() - 4..].iter().collect()
    } else {
        String::new()
    };
    if key.starts_with(KEY_PREFIX) {
        format!("{KEY_PREFIX}…{tail}")
    } else {
        format!("…{tail}")
    }
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Replaces every `sk_ws_…` token in `text` by its masked form.
pub fn redact(text: &str) -> String {
    if !text.contains(KEY_PREFIX) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY_PREFIX) {
        out.push_str(&rest[..at]);
        let token = &rest[at..];
        let end = KEY_PREFIX.len()
            + token[KEY_PREFIX.len()..]
                .find(|c: char| !is_key_char(c))
                .unwrap_or(token.len() - KEY_PREFIX.len());
        if end - KEY_PREFIX.len() < MIN_SECRET_CHARS {
            // A bare or short prefix (`sk_ws_ab12`, as key lists show), or one already
            // masked (`sk_ws_…abcd`): too short to be a usable key.
            out.push_str(&token[..end]);
        } else {
            out.push_str(&mask(&token[..end]));
        }
        rest = &token[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_are_masked() {
        let key = ApiKey::new(format!("{KEY_PREFIX}0123456789abcdefWXYZ"));
        assert_eq!(format!("{key}"), "sk_ws_…WXYZ");
        assert_eq!(format!("{key:?}"), "ApiKey(sk_ws_…WXYZ)");
        assert!(!format!("{key:#?}").contains("0123456789"));
    }

    #[test]
    fn short_keys_show_no_tail() {
        assert_eq!(ApiKey::new("sk_ws_ab").masked(), "sk_ws_…");
        assert_eq!(ApiKey::new("short").masked(), "…");
    }

    #[test]
    fn redact_masks_every_key_and_keeps_the_rest() {
        let text = "Bearer SK_WS_AAAAAAAAAAAAAAAA1234, and SK_WS_BBBBBBBBBBBB-_99zz."
            .replace("SK_WS_", KEY_PREFIX);
        assert_eq!(redact(&text), "Bearer sk_ws_…1234, and sk_ws_…99zz.");
        assert_eq!(redact("nothing here"), "nothing here");
        assert_eq!(redact("ends sk_ws_"), "ends sk_ws_");
        assert_eq!(redact("prefix sk_ws_ab12 shown"), "prefix sk_ws_ab12 shown");
        assert_eq!(
            redact("sk_ws_…1234"),
            "sk_ws_…1234",
            "masking is idempotent"
        );
    }

    #[test]
    fn syntax_checks() {
        assert_eq!(ApiKey::new("").check_syntax(), Err("the key is empty"));
        assert!(ApiKey::new("sk_ws_a b").check_syntax().is_err());
        assert!(ApiKey::new("sk_ws_a\u{7}").check_syntax().is_err());
        assert_eq!(
            ApiKey::new("sk_ws_abc").check_syntax(),
            Ok(KeyShape::Expected)
        );
        assert_eq!(
            ApiKey::new("pk_abc").check_syntax(),
            Ok(KeyShape::UnknownPrefix)
        );
    }
}
