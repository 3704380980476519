//! The checks every request passes before the local token is looked at and
//! before any body is read — the lessons of Ollama's DNS rebinding
//! (CVE-2024-28224) and of unauthenticated local proxies (CVE-2025-49596):
//!
//! - `Host` must be exactly `127.0.0.1:<port>`, `localhost:<port>` or
//!   `[::1]:<port>`: a page on `evil.example` that rebinds its name to 127.0.0.1
//!   still sends `Host: evil.example:<port>`. An empty or missing one is refused.
//! - A request with an `Origin` is refused unless that origin was allowed
//!   (`--allow-origin`; none by default), and CORS headers go to allowed origins only.
//! - `POST` needs `Content-Type: application/json`: a form or `text/plain` post
//!   (a "simple" cross-site request, sent without a preflight) never gets through.
//! - A body declared larger than the limit is refused at once (413).

use std::borrow::Cow;

use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, Response, Uri};

use super::reply::{Body, error};

/// Why a request was refused: the status, code and message of the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub code: &'static str,
    pub message: Cow<'static, str>,
}

impl Refusal {
    pub fn new(status: u16, code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// The answer, in OpenAI's error shape.
    pub fn response(self) -> Response<Body> {
        error(self.status, self.code, self.message)
    }
}

/// Checks `Host` (and the authority of an absolute-form request line).
pub fn host(headers: &HeaderMap, uri: &Uri, port: u16) -> Result<(), Refusal> {
    let mut values = headers.get_all(header::HOST).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(refused_host(port));
    };
    let value = value.to_str().map_err(|_| refused_host(port))?;
    if !host_allowed(value, port) {
        return Err(refused_host(port));
    }
    if let Some(authority) = uri.authority()
        && !host_allowed(authority.as_str(), port)
    {
        return Err(refused_host(port));
    }
    Ok(())
}

fn host_allowed(value: &str, port: u16) -> bool {
    let Some((name, digits)) = value.rsplit_once(':') else {
        return false;
    };
    // The port exactly as written in a URL: digits, no leading zero.
    let port_ok = !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.parse::<u16>() == Ok(port);
    port_ok
        && ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|allowed| name.eq_ignore_ascii_case(allowed))
}

fn refused_host(port: u16) -> Refusal {
    Refusal::new(
        403,
        "host_not_allowed",
        format!("the Host header must be 127.0.0.1:{port}, localhost:{port} or [::1]:{port}"),
    )
}

/// Checks `Origin`: none, or one on the allowlist (returned, for the CORS headers).
pub fn origin(headers: &HeaderMap, allowed: &[String]) -> Result<Option<HeaderValue>, Refusal> {
    let mut values = headers.get_all(header::ORIGIN).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let ok = values.next().is_none()
        && value
            .to_str()
            .is_ok_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v)));
    if ok {
        Ok(Some(value.clone()))
    } else {
        Err(Refusal::new(
            403,
            "origin_not_allowed",
            "requests from web pages are refused unless their origin was allowed with `skene agent run --allow-origin`",
        ))
    }
}

/// An origin as `--allow-origin` takes it: `scheme://host[:port]`, nothing more.
pub fn parse_origin(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_end_matches('/');
    let url = url::Url::parse(trimmed).map_err(|e| format!("`{raw}` is not an origin: {e}"))?;
    let origin = url.origin().ascii_serialization();
    if origin == "null" || !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "`{raw}` is not an http(s) origin such as http://localhost:3000"
        ));
    }
    if origin != trimmed.to_ascii_lowercase() {
        return Err(format!(
            "`{raw}` is not an origin: write it as {origin} (scheme, host and port only)"
        ));
    }
    Ok(origin)
}

/// `POST` must carry a JSON body.
pub fn content_type(method: &Method, headers: &HeaderMap) -> Result<(), Refusal> {
    if method != Method::POST {
        return Ok(());
    }
    let mut values = headers.get_all(header::CONTENT_TYPE).iter();
    let ok = match (values.next(), values.next()) {
        (Some(v), None) => v.to_str().is_ok_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        }),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Refusal::new(
            415,
            "unsupported_media_type",
            "POST requests must have Content-Type: application/json",
        ))
    }
}

/// A declared body over `limit` bytes is refused before it is read.
pub fn declared_size(headers: &HeaderMap, limit: usize) -> Result<(), Refusal> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(n) if n > limit as u64 => Err(too_large(limit)),
        _ => Ok(()),
    }
}

pub fn too_large(limit: usize) -> Refusal {
    Refusal::new(
        413,
        "request_too_large",
        format!(
            "the request body is larger than the gateway's limit of {} MiB",
            limit / (1024 * 1024)
        ),
    )
}

/// Whether a request is a CORS preflight (from an allowed origin, by then).
pub fn is_preflight(method: &Method, headers: &HeaderMap) -> bool {
    method == Method::OPTIONS && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

/// The answer to an allowed origin's preflight.
pub fn preflight(headers: &HeaderMap) -> Response<Body> {
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = http::StatusCode::NO_CONTENT;
    let h = resp.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    // The headers asked for, when each is a plain header name.
    if let Some(asked) = headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        && let Ok(text) = asked.to_str()
        && text
            .split(',')
            .all(|n| HeaderName::from_bytes(n.trim().as_bytes()).is_ok())
    {
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, asked.clone());
    }
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    // Chromium's Private Network Access asks before a public page reaches loopback.
    if headers
        .get("access-control-request-private-network")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true"))
    {
        h.insert(
            "access-control-allow-private-network",
            HeaderValue::from_static("true"),
        );
    }
    resp
}

/// CORS headers on an answer to an allowed origin.
pub fn add_cors(resp: &mut Response<Body>, origin: HeaderValue) {
    let h = resp.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("x-request-id, retry-after, retry-after-ms, x-should-retry"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.append(
                HeaderName::from_bytes(n.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    fn status<T>(r: Result<T, Refusal>) -> u16 {
        r.err().map(|r| r.status).unwrap_or(200)
    }

    #[test]
    fn only_loopback_names_with_our_port_pass_the_host_check() {
        let uri: Uri = "/v1/models".parse().unwrap();
        for ok in [
            "127.0.0.1:4917",
            "localhost:4917",
            "LocalHost:4917",
            "[::1]:4917",
        ] {
            assert_eq!(
                status(host(&headers(&[("host", ok)]), &uri, 4917)),
                200,
                "{ok}"
            );
        }
        for bad in [
            "evil.example:4917",
            "127.0.0.1.nip.io:4917",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:4918",
            "",
            "localhost:4917.evil",
            "localhost:04917",
            "localhost:+4917",
            "localhost:49170",
            "evil:localhost:4917",
            "[::1]:",
        ] {
            assert_eq!(
                status(host(&headers(&[("host", bad)]), &uri, 4917)),
                403,
                "{bad}"
            );
        }
        assert_eq!(status(host(&headers(&[]), &uri, 4917)), 403, "missing");
        let two = headers(&[("host", "127.0.0.1:4917"), ("host", "evil:4917")]);
        assert_eq!(status(host(&two, &uri, 4917)), 403, "two");
        let absolute: Uri = "http://evil.example:4917/v1/models".parse().unwrap();
        let h = headers(&[("host", "127.0.0.1:4917")]);
        assert_eq!(status(host(&h, &absolute, 4917)), 403, "absolute form");
    }

    #[test]
    fn origins_must_be_allowed() {
        let allowed = vec!["http://localhost:3000".to_owned()];
        assert_eq!(origin(&headers(&[]), &[]).unwrap(), None);
        let o = headers(&[("origin", "http://localhost:3000")]);
        assert!(origin(&o, &allowed).unwrap().is_some());
        assert_eq!(status(origin(&o, &[])), 403, "default: none allowed");
        for bad in ["https://evil.example", "null", "http://localhost:3001"] {
            assert_eq!(status(origin(&headers(&[("origin", bad)]), &allowed)), 403);
        }
    }

    #[test]
    fn allowed_origins_are_plain_origins() {
        assert_eq!(
            parse_origin("http://localhost:3000/").unwrap(),
            "http://localhost:3000"
        );
        assert_eq!(
            parse_origin("https://App.example.com").unwrap(),
            "https://app.example.com"
        );
        for bad in [
            "localhost:3000",
            "http://x.example/path",
            "file:///tmp",
            "*",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn posts_must_be_json_and_fit() {
        let post = Method::POST;
        let json = headers(&[("content-type", "application/json; charset=utf-8")]);
        assert_eq!(status(content_type(&post, &json)), 200);
        for bad in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "application/jsonx",
        ] {
            assert_eq!(
                status(content_type(&post, &headers(&[("content-type", bad)]))),
                415,
                "{bad}"
            );
        }
        assert_eq!(status(content_type(&post, &headers(&[]))), 415);
        assert_eq!(status(content_type(&Method::GET, &headers(&[]))), 200);
        assert_eq!(
            status(declared_size(&headers(&[("content-length", "11")]), 10)),
            413
        );
        assert_eq!(
            status(declared_size(&headers(&[("content-length", "10")]), 10)),
            200
        );
    }
}
