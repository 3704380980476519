//! What the loopback server accepts, as plain functions of a request's parts:
//! the `Host` and `Origin` headers, the path and method, the query or JSON body,
//! and the `state`. No sockets here, so every rule is unit-tested.

use serde_json::Value;

use super::{CALLBACK_PATH, Callback};
use crate::secret::ApiKey;

/// Why a request was refused; the wait goes on after every one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is not `localhost:<port>` or `127.0.0.1:<port>` (DNS rebinding).
    BadHost,
    /// A path other than `/callback`.
    NotFound,
    /// A method other than GET, POST and OPTIONS.
    MethodNotAllowed,
    /// A POST or preflight without the upstream's `Origin`, or a GET with another one.
    BadOrigin,
    /// A body over [`super::MAX_BODY`].
    TooLarge,
    /// A query or body that is not a callback (missing key, bad JSON, a field twice).
    Malformed(&'static str),
    /// A `state` that is not this login's.
    StateMismatch,
    /// The one callback was already taken.
    AlreadyUsed,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::BadHost | Refusal::BadOrigin => 403,
            Refusal::NotFound => 404,
            Refusal::MethodNotAllowed => 405,
            Refusal::AlreadyUsed => 409,
            Refusal::TooLarge => 413,
            Refusal::Malformed(_) | Refusal::StateMismatch => 400,
        }
    }

    /// What the page shows (fixed text, nothing from the request).
    pub fn message(self) -> &'static str {
        match self {
            Refusal::BadHost => "This address is not served under that host name.",
            Refusal::NotFound => "Not found.",
            Refusal::MethodNotAllowed => "Method not allowed.",
            Refusal::BadOrigin => "Only the Skene sign-in page may deliver a login here.",
            Refusal::TooLarge => "The request is too large.",
            Refusal::Malformed(why) => why,
            Refusal::StateMismatch => {
                "This login does not belong to the skene login that is waiting (its state differs)."
            }
            Refusal::AlreadyUsed => "This login link was already used.",
        }
    }
}

/// What kind of request passed [`head`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `OPTIONS`: the CORS preflight of the page's fetch.
    Preflight,
    /// `GET /callback?…`: the page redirected the browser here.
    Redirect,
    /// `POST /callback` with JSON: the page fetched it.
    Fetch,
}

/// The checks that need only the request line and headers.
pub fn head(
    method: &str,
    path: &str,
    host: Option<&str>,
    origin: Option<&str>,
    port: u16,
    upstream_origin: &str,
) -> Result<Kind, Refusal> {
    if !host.is_some_and(|h| host_ok(h, port)) {
        return Err(Refusal::BadHost);
    }
    if path != CALLBACK_PATH {
        return Err(Refusal::NotFound);
    }
    let kind = match method {
        "GET" => Kind::Redirect,
        "POST" => Kind::Fetch,
        "OPTIONS" => Kind::Preflight,
        _ => return Err(Refusal::MethodNotAllowed),
    };
    let origin_ok = match (kind, origin) {
        // A top-level navigation sends no Origin; a cross-site fetch always does.
        (Kind::Redirect, None) => true,
        (_, Some(o)) => o == upstream_origin,
        (_, None) => false,
    };
    if !origin_ok {
        return Err(Refusal::BadOrigin);
    }
    Ok(kind)
}

/// `localhost:<port>` (any case) or `127.0.0.1:<port>`, nothing else.
fn host_ok(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    p == port.to_string() && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1")
}

/// The fields of a callback, as delivered.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub api_key: Option<String>,
    pub model: Option<String>,
    pub slug: Option<String>,
    pub error: Option<String>,
    pub state: Option<String>,
}

impl Fields {
    fn slot(&mut self, name: &str) -> Option<&mut Option<String>> {
        match name {
            "api_key" => Some(&mut self.api_key),
            "model" => Some(&mut self.model),
            "slug" => Some(&mut self.slug),
            "error" => Some(&mut self.error),
            "state" => Some(&mut self.state),
            _ => None,
        }
    }

    fn set(&mut self, name: &str, value: String) -> Result<(), Refusal> {
        if let Some(slot) = self.slot(name) {
            if slot.is_some() {
                return Err(Refusal::Malformed("A callback field was given twice."));
            }
            *slot = Some(value);
        }
        Ok(())
    }
}

/// The query of `GET /callback?api_key=…&model=…&slug=…[&state=…]`.
pub fn query(query: &str) -> Result<Fields, Refusal> {
    let mut fields = Fields::default();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        fields.set(&name, value.into_owned())?;
    }
    Ok(fields)
}

/// The body of `POST /callback`: `{"api_key", "model", "slug", "error", "state"}`,
/// each a string or null; other fields are ignored.
pub fn json(body: &[u8]) -> Result<Fields, Refusal> {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
        return Err(Refusal::Malformed("The body is not a JSON object."));
    };
    let mut fields = Fields::default();
    for (name, value) in map {
        match value {
            Value::Null => {}
            Value::String(s) => fields.set(&name, s)?,
            _ if fields.slot(&name).is_some() => {
                return Err(Refusal::Malformed("A callback field is not a string."));
            }
            _ => {}
        }
    }
    Ok(fields)
}

/// Turns delivered fields into a callback: a `state`, when present, must be
/// `expected`; then an `error`, or a well-formed key. Returns whether the
/// callback is tied to this login (its state came back).
pub fn judge(fields: Fields, expected: &str) -> Result<(Callback, bool), Refusal> {
    let tied = match &fields.state {
        Some(s) if same(s, expected) => true,
        Some(_) => return Err(Refusal::StateMismatch),
        None => false,
    };
    let non_empty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    if let Some(error) = non_empty(fields.error) {
        return Ok((Callback::Failed { error }, tied));
    }
    let Some(key) = non_empty(fields.api_key) else {
        return Err(Refusal::Malformed("The callback carries no api_key."));
    };
    let key = ApiKey::new(key);
    if key.check_syntax().is_err() {
        return Err(Refusal::Malformed(
            "The api_key contains spaces or control characters.",
        ));
    }
    Ok((
        Callback::Key {
            key,
            slug: non_empty(fields.slug),
        },
        tied,
    ))
}

/// Compares two strings in a time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const UP: &str = "https://www.skene.ai";

    fn h(method: &str, path: &str, host: &str, origin: Option<&str>) -> Result<Kind, Refusal> {
        head(method, path, Some(host), origin, 4321, UP)
    }

    #[test]
    fn only_the_callback_on_a_loopback_host_is_served() {
        assert_eq!(
            h("GET", "/callback", "localhost:4321", None),
            Ok(Kind::Redirect)
        );
        assert_eq!(
            h("GET", "/callback", "LocalHost:4321", None),
            Ok(Kind::Redirect)
        );
        assert_eq!(
            h("GET", "/callback", "127.0.0.1:4321", None),
            Ok(Kind::Redirect)
        );
        for bad in [
            "evil.example:4321",
            "localhost:4322",
            "localhost",
            "127.0.0.1",
            "[::1]:4321",
            "localhost.evil.example:4321",
            "",
        ] {
            assert_eq!(
                h("GET", "/callback", bad, None),
                Err(Refusal::BadHost),
                "{bad}"
            );
        }
        assert_eq!(
            head("GET", "/callback", None, None, 4321, UP),
            Err(Refusal::BadHost)
        );
        for path in [
            "/",
            "/callback/",
            "/Callback",
            "/favicon.ico",
            "/callback/x",
        ] {
            assert_eq!(
                h("GET", path, "localhost:4321", None),
                Err(Refusal::NotFound)
            );
        }
        for method in ["PUT", "DELETE", "PATCH", "HEAD", "TRACE"] {
            assert_eq!(
                h(method, "/callback", "localhost:4321", Some(UP)),
                Err(Refusal::MethodNotAllowed)
            );
        }
    }

    #[test]
    fn a_fetch_needs_the_upstream_origin() {
        assert_eq!(
            h("POST", "/callback", "localhost:4321", Some(UP)),
            Ok(Kind::Fetch)
        );
        assert_eq!(
            h("OPTIONS", "/callback", "localhost:4321", Some(UP)),
            Ok(Kind::Preflight)
        );
        for origin in [
            None,
            Some("null"),
            Some("https://evil.example"),
            Some("http://www.skene.ai"),
            Some("https://www.skene.ai.evil.example"),
            Some("https://www.skene.ai:444"),
        ] {
            assert_eq!(
                h("POST", "/callback", "localhost:4321", origin),
                Err(Refusal::BadOrigin),
                "{origin:?}"
            );
            assert_eq!(
                h("OPTIONS", "/callback", "localhost:4321", origin),
                Err(Refusal::BadOrigin)
            );
        }
        // A redirect carries no Origin; a GET fetched by another page does.
        assert_eq!(
            h(
                "GET",
                "/callback",
                "localhost:4321",
                Some("https://evil.example")
            ),
            Err(Refusal::BadOrigin)
        );
        assert_eq!(
            h("GET", "/callback", "localhost:4321", Some(UP)),
            Ok(Kind::Redirect)
        );
    }

    #[test]
    fn query_and_json_give_the_same_fields() {
        let q = query("api_key=sk_ws_abc%2Bdef&model=auto&slug=my-app&state=s1&extra=1").unwrap();
        let j = json(
            br#"{"api_key": "sk_ws_abc+def", "model": "auto", "slug": "my-app", "state": "s1", "error": null, "extra": 1}"#,
        )
        .unwrap();
        assert_eq!(q, j);
        assert_eq!(q.api_key.as_deref(), Some("sk_ws_abc+def"));
        assert_eq!(
            query("state=a&state=b"),
            Err(Refusal::Malformed("A callback field was given twice."))
        );
        assert!(json(b"[1]").is_err());
        assert!(json(b"not json").is_err());
        assert!(json(br#"{"api_key": 5}"#).is_err());
    }

    #[test]
    fn a_state_must_match_when_it_comes_back() {
        let fields = |state: Option<&str>| Fields {
            api_key: Some(format!(
                "{}{}",
                crate::secret::KEY_PREFIX,
                "abcdefabcdefabcdef"
            )),
            slug: Some("acme".into()),
            state: state.map(str::to_owned),
            ..Fields::default()
        };
        let (cb, tied) = judge(fields(Some("right")), "right").unwrap();
        assert!(tied);
        assert!(matches!(cb, Callback::Key { slug: Some(s), .. } if s == "acme"));
        let (_, tied) = judge(fields(None), "right").unwrap();
        assert!(!tied);
        assert_eq!(
            judge(fields(Some("wrong")), "right").unwrap_err(),
            Refusal::StateMismatch
        );
        assert_eq!(
            judge(fields(Some("righ")), "right").unwrap_err(),
            Refusal::StateMismatch
        );
        assert_eq!(
            judge(fields(Some("")), "right").unwrap_err(),
            Refusal::StateMismatch
        );
    }

    #[test]
    fn an_error_or_a_clean_key_is_required() {
        let (cb, _) = judge(
            Fields {
                error: Some("cancelled".into()),
                ..Fields::default()
            },
            "s",
        )
        .unwrap();
        assert!(matches!(cb, Callback::Failed { error } if error == "cancelled"));
        assert!(matches!(
            judge(Fields::default(), "s"),
            Err(Refusal::Malformed(_))
        ));
        assert!(matches!(
            judge(
                Fields {
                    api_key: Some("sk_ws_a\r\nX-Evil: 1".into()),
                    ..Fields::default()
                },
                "s"
            ),
            Err(Refusal::Malformed(_))
        ));
    }
}
