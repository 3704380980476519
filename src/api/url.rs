//! API bases, workspace URLs and dashboard pages: which URLs a key may go to.

use url::Url;

use super::error::ApiError;

/// The API base of the hosted Skene Cloud.
pub const DEFAULT_API_BASE: &str = "https://www.skene.ai/api/v1";
/// Appended to an upstream's origin to make its API base.
pub const API_PATH: &str = "/api/v1";

/// Parses an API base: HTTPS unless the host is loopback, a host, no user name or
/// password (they would be echoed in traces and stored in config.toml).
pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    let url = parse(raw)?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(ApiError::Insecure {
                url: url.origin().ascii_serialization(),
            });
        }
        other => {
            return Err(ApiError::BadUrl {
                url: raw.to_owned(),
                reason: format!("the scheme must be https, not {other}"),
            });
        }
    }
    Ok(url)
}

/// Parses an http(s) URL with a host and without credentials.
fn parse(raw: &str) -> Result<Url, ApiError> {
    let trimmed = raw.trim();
    let url = Url::parse(trimmed).map_err(|e| ApiError::BadUrl {
        url: shown(trimmed),
        reason: match e {
            url::ParseError::RelativeUrlWithoutBase => {
                "it has no scheme (add https://, or http:// for localhost)".to_owned()
            }
            other => other.to_string(),
        },
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ApiError::BadUrl {
            url: shown(trimmed),
            reason: "a user name or password in the URL is not allowed (log in with a key)".into(),
        });
    }
    if url.host().is_none() || !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::BadUrl {
            url: shown(trimmed),
            reason: "expected a URL like https://www.skene.ai/workspace/my-app".into(),
        });
    }
    Ok(url)
}

/// A URL for messages: any `user:password@` part is dropped.
fn shown(raw: &str) -> String {
    match raw.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            match authority.rsplit_once('@') {
                Some((_, host)) => format!("{scheme}://…@{host}{path}"),
                None => raw.to_owned(),
            }
        }
        None => raw.to_owned(),
    }
}

pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// What a URL given without a scheme was most likely meant as: `http://` for a
/// loopback host (`localhost`, `127.0.0.0/8`, `[::1]`: the only hosts plain
/// http is allowed for), `https://` for any other.
pub fn with_scheme(raw: &str) -> String {
    let raw = raw.trim();
    match Url::parse(&format!("http://{raw}")) {
        Ok(url) if is_loopback(&url) => format!("http://{raw}"),
        _ => format!("https://{raw}"),
    }
}

/// Percent-encodes one path segment.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A workspace URL as users give it: `https://www.skene.ai/workspace/my-app`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    /// `scheme://host[:port]`
    pub origin: String,
    /// The path segment after `/workspace/`, when there is one.
    pub slug: Option<String>,
}

impl Upstream {
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        let url = parse(raw)?;
        let mut segments = url.path_segments().into_iter().flatten();
        let slug = segments
            .by_ref()
            .find(|s| *s == "workspace")
            .and_then(|_| segments.next())
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        Ok(Self {
            origin: url.origin().ascii_serialization(),
            slug,
        })
    }

    /// From an API base: its origin, with `/api/v1` dropped.
    pub fn from_api_base(base: &Url) -> Self {
        Self {
            origin: base.origin().ascii_serialization(),
            slug: None,
        }
    }

    /// The API base: the origin + `/api/v1`.
    pub fn api_base(&self) -> String {
        format!("{}{API_PATH}", self.origin)
    }

    pub fn workspace_url(&self, slug: &str) -> String {
        format!("{}/workspace/{}", self.origin, encode_segment(slug))
    }

    /// A dashboard page of the workspace: `{origin}/workspace/{slug}/{page}`.
    pub fn dashboard_page(&self, slug: &str, page: &str) -> String {
        format!("{}/{page}", self.workspace_url(slug))
    }

    /// Where keys are made in the dashboard.
    pub fn api_keys_page(&self, slug: Option<&str>) -> String {
        match slug {
            Some(slug) => self.dashboard_page(slug, pages::API_KEYS),
            None => self.origin.clone(),
        }
    }
}

/// Dashboard pages below `{origin}/workspace/{slug}/`.
pub mod pages {
    pub const API_KEYS: &str = "apikeys";
    pub const MEMBERS: &str = "members";
    pub const INTEGRATIONS: &str = "integrations";
    pub const ENGINE: &str = "engine";
}

/// `base` when a request's URL can be made from it by [`join`]: no query or
/// fragment (anything else is parsed whole, from text).
pub(super) fn plain_base(base: &Url) -> Option<Url> {
    (base.query().is_none() && base.fragment().is_none() && !base.cannot_be_a_base())
        .then(|| base.clone())
}

/// `path` (which may end in a query) below a [`plain_base`]: the URL that
/// parsing `<base>/<path>` gives, without parsing the host again.
pub(super) fn join(base: &Url, path: &str) -> Url {
    let (route, query) = match path.split_once('?') {
        Some((route, query)) => (route, Some(query)),
        None => (path, None),
    };
    let mut url = base.clone();
    url.set_path(&format!(
        "{}/{}",
        base.path().trim_end_matches('/'),
        route.trim_start_matches('/')
    ));
    url.set_query(query);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_gives_origin_slug_and_api_base() {
        let u = Upstream::parse("https://eu.example.com/workspace/x/settings").unwrap();
        assert_eq!(u.origin, "https://eu.example.com");
        assert_eq!(u.slug.as_deref(), Some("x"));
        assert_eq!(u.api_base(), "https://eu.example.com/api/v1");
        let u = Upstream::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(u.api_base(), "http://127.0.0.1:8080/api/v1");
        assert_eq!(u.slug, None);
        assert_eq!(with_scheme("127.0.0.1:46191"), "http://127.0.0.1:46191");
        assert_eq!(with_scheme(" localhost:3000/x "), "http://localhost:3000/x");
        assert_eq!(with_scheme("[::1]:80"), "http://[::1]:80");
        assert_eq!(
            with_scheme("www.skene.ai/workspace/x"),
            "https://www.skene.ai/workspace/x"
        );
        let e = Upstream::parse("www.skene.ai/workspace/x").unwrap_err();
        assert!(e.to_string().contains("add https://"), "{e}");
    }

    #[test]
    fn https_is_required_except_for_loopback() {
        assert!(check_base_url("https://www.skene.ai/api/v1").is_ok());
        assert!(check_base_url("http://127.0.0.1:8080/api/v1").is_ok());
        assert!(check_base_url("http://localhost/api/v1").is_ok());
        assert!(check_base_url("http://[::1]:9/api/v1").is_ok());
        assert!(matches!(
            check_base_url("http://example.com/api/v1"),
            Err(ApiError::Insecure { .. })
        ));
        assert!(matches!(
            check_base_url("ftp://example.com"),
            Err(ApiError::BadUrl { .. })
        ));
        assert!(matches!(
            check_base_url("not a url"),
            Err(ApiError::BadUrl { .. })
        ));
    }

    #[test]
    fn credentials_in_urls_are_refused_and_never_echoed() {
        for raw in [
            "http://user:pw@127.0.0.1:9/api/v1",
            "https://user@www.skene.ai/api/v1",
        ] {
            let e = check_base_url(raw).unwrap_err().to_string();
            assert!(!e.contains("pw") && !e.contains("user@"), "{e}");
            assert!(Upstream::parse(raw).is_err());
        }
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_segment("key_1"), "key_1");
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
    }

    #[test]
    fn a_joined_url_is_the_one_parsing_the_text_gives() {
        for base in [
            "https://www.skene.ai/api/v1",
            "http://127.0.0.1:8080/api/v1/",
            "http://[::1]:9/x",
            "https://Host.Example",
        ] {
            let parsed = Url::parse(base).unwrap();
            let plain = plain_base(&parsed).unwrap();
            for path in [
                "/chat/completions",
                "me",
                "members?after=abc%3D&limit=5",
                "models/openai%2Fgpt-4o",
                "cloud/logs?since=2026-11-28T00:00:00Z&q=a b",
                "/",
            ] {
                let text = format!(
                    "{}/{}",
                    parsed.as_str().trim_end_matches('/'),
                    path.trim_start_matches('/')
                );
                assert_eq!(
                    join(&plain, path),
                    Url::parse(&text).unwrap(),
                    "{base} {path}"
                );
            }
        }
        assert!(plain_base(&Url::parse("https://h.example/v1?x=1").unwrap()).is_none());
    }
}
