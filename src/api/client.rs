//! The one HTTP client: user agent, auth header, timeouts, retries with backoff
//! and `Retry-After`, proxies and CA bundles from the environment, redacted traces.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::error::{ApiError, http_reason};
use crate::secret::{ApiKey, redact};

/// Receives trace lines: level 1 for one line per request, 2 for headers and bodies.
pub type Tracer = Arc<dyn Fn(u8, &str) + Send + Sync>;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Retries after the first attempt, for requests that are safe to repeat.
pub const MAX_RETRIES: u32 = 3;
const BACKOFF_BASE: Duration = Duration::from_millis(250);
const MAX_WAIT: Duration = Duration::from_secs(60);
const TRACE_BODY_LIMIT: usize = 2048;
const SENSITIVE_HEADERS: [&str; 4] = ["authorization", "x-api-key", "x-skene-token", "cookie"];

pub fn user_agent() -> String {
    format!(
        "skene/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// Parses an API base and insists on HTTPS unless the host is loopback.
pub fn check_base_url(raw: &str) -> Result<Url, ApiError> {
    let url = Url::parse(raw.trim()).map_err(|e| ApiError::BadUrl {
        url: raw.to_owned(),
        reason: e.to_string(),
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(ApiError::Insecure {
                url: raw.to_owned(),
            });
        }
        other => {
            return Err(ApiError::BadUrl {
                url: raw.to_owned(),
                reason: format!("the scheme must be https, not {other}"),
            });
        }
    }
    if url.host().is_none() {
        return Err(ApiError::BadUrl {
            url: raw.to_owned(),
            reason: "it has no host".into(),
        });
    }
    Ok(url)
}

pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// What a request sends. A streamed body is made anew for every attempt.
#[derive(Clone)]
pub enum Payload {
    Bytes(bytes::Bytes),
    Stream {
        len: u64,
        /// Shown by `-vv` instead of the body.
        preview: String,
        make: Arc<dyn Fn() -> reqwest::Body + Send + Sync>,
    },
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Payload::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            Payload::Stream { len, .. } => write!(f, "Stream({len} bytes)"),
        }
    }
}

/// One request.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Option<Payload>,
    pub content_type: Option<&'static str>,
    pub idempotency_key: Option<String>,
    /// Safe to repeat although the method alone does not say so (`POST /push`).
    pub idempotent: bool,
    /// Overrides the client's whole-request timeout.
    pub timeout: Option<Duration>,
    /// `Accept`, when not JSON.
    pub accept: Option<&'static str>,
    /// Extra headers (`skene api -H`).
    pub headers: Vec<(reqwest::header::HeaderName, HeaderValue)>,
}

impl Request {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            body: None,
            content_type: None,
            idempotency_key: None,
            idempotent: false,
            timeout: None,
            accept: None,
            headers: Vec::new(),
        }
    }

    pub fn json(mut self, value: &serde_json::Value) -> Self {
        self.body = Some(Payload::Bytes(
            serde_json::to_vec(value).unwrap_or_default().into(),
        ));
        self.content_type = Some("application/json");
        self
    }

    fn retry_safe(&self) -> bool {
        self.idempotent
            || self.idempotency_key.is_some()
            || matches!(
                self.method,
                Method::GET | Method::HEAD | Method::PUT | Method::DELETE
            )
    }
}

/// A whole answer (with a 2xx status, except from [`Client::send_raw`]).
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub url: String,
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
}

impl Response {
    /// The body as JSON. An empty body reads as `{}`; HTML or other text is an error.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        if looks_like_html(&self.headers, &self.body) {
            return Err(ApiError::Html {
                status: self.status,
                url: self.url.clone(),
            });
        }
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|_| ApiError::NotJson {
            status: self.status,
            url: self.url.clone(),
        })
    }
}

pub struct Client {
    http: reqwest::Client,
    base: String,
    key: Option<ApiKey>,
    timeout: Duration,
    tracer: Option<Tracer>,
}

impl Client {
    /// A client for `base` (already checked by [`check_base_url`]).
    pub fn new(
        base: &Url,
        key: Option<ApiKey>,
        timeout: Duration,
        tracer: Option<Tracer>,
    ) -> Result<Self, ApiError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none());
        if let Some(path) = std::env::var_os("SSL_CERT_FILE").filter(|p| !p.is_empty()) {
            let pem = std::fs::read(&path).map_err(|e| {
                ApiError::Setup(format!("cannot read SSL_CERT_FILE {}: {e}", path.display()))
            })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    ApiError::Setup(format!(
                        "SSL_CERT_FILE {} holds no PEM certificate",
                        path.display()
                    ))
                })?;
            builder = builder.tls_certs_merge(certs);
        }
        let http = builder
            .build()
            .map_err(|e| ApiError::Setup(root_cause(&e)))?;
        Ok(Self {
            http,
            base: base.as_str().trim_end_matches('/').to_owned(),
            key,
            timeout,
            tracer,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn trace(&self, level: u8, line: impl FnOnce() -> String) {
        if let Some(t) = &self.tracer {
            t(level, &redact(&line()));
        }
    }

    pub fn url_for(&self, path: &str) -> String {
        format!("{}/{}", self.base, path.trim_start_matches('/'))
    }

    /// How long to wait before retrying after `err`, if the request may be retried.
    fn retry_wait(&self, err: &ApiError, attempt: u32, req: &Request) -> Option<Duration> {
        let wait = match err {
            ApiError::Status {
                status: 429 | 502 | 503 | 504,
                retry_after,
                ..
            } => retry_after
                .map(Duration::from_secs)
                .unwrap_or_else(|| backoff(attempt)),
            ApiError::Connect { .. } | ApiError::Timeout { .. } | ApiError::Transport { .. } => {
                backoff(attempt)
            }
            _ => return None,
        };
        (attempt < MAX_RETRIES && req.retry_safe() && wait <= MAX_WAIT).then_some(wait)
    }

    async fn pause(&self, wait: Duration, attempt: u32) {
        self.trace(1, || {
            format!(
                "  retrying in {:.1} s (retry {attempt} of {MAX_RETRIES})",
                wait.as_secs_f64()
            )
        });
        tokio::time::sleep(wait).await;
    }

    /// Sends a request, retrying what is safe to retry, and returns a 2xx answer.
    pub async fn send(&self, req: &Request) -> Result<Response, ApiError> {
        let url = self.url_for(&req.path);
        let mut attempt = 0;
        loop {
            let outcome = match self.exchange(req, &url).await {
                Ok(resp) => check(resp),
                Err(e) => Err(e),
            };
            match outcome {
                Err(e) => match self.retry_wait(&e, attempt, req) {
                    Some(wait) => {
                        attempt += 1;
                        self.pause(wait, attempt).await;
                    }
                    None => return Err(e),
                },
                ok => return ok,
            }
        }
    }

    /// Like [`Client::send`], but any status is an answer: for `skene api`, which shows
    /// error bodies as they are. Statuses worth a retry are still retried.
    pub async fn send_raw(&self, req: &Request) -> Result<Response, ApiError> {
        let url = self.url_for(&req.path);
        let mut attempt = 0;
        loop {
            let resp = match self.exchange(req, &url).await {
                Ok(resp) => resp,
                Err(e) => match self.retry_wait(&e, attempt, req) {
                    Some(wait) => {
                        attempt += 1;
                        self.pause(wait, attempt).await;
                        continue;
                    }
                    None => return Err(e),
                },
            };
            if matches!(resp.status, 429 | 502 | 503 | 504) {
                let err = ApiError::Status {
                    status: resp.status,
                    url: url.clone(),
                    message: None,
                    code: None,
                    retry_after: retry_after(&resp.headers),
                };
                if let Some(wait) = self.retry_wait(&err, attempt, req) {
                    attempt += 1;
                    self.pause(wait, attempt).await;
                    continue;
                }
            }
            return Ok(resp);
        }
    }

    /// Sends a request whose answer is read as it arrives (server-sent events).
    /// Retries happen only before the answer starts.
    pub async fn send_streaming(&self, req: &Request) -> Result<StreamingResponse, ApiError> {
        let url = self.url_for(&req.path);
        let mut attempt = 0;
        loop {
            let err = match self.start(req, &url).await {
                Ok((resp, started)) if resp.status().is_success() => {
                    let status = resp.status().as_u16();
                    self.trace(1, || {
                        let ms = started.elapsed().as_millis();
                        format!("← {status} {} ({ms} ms, streaming)", http_reason(status))
                    });
                    self.trace(2, || format_headers("  < ", resp.headers()));
                    return Ok(StreamingResponse {
                        inner: resp,
                        url: url.clone(),
                    });
                }
                Ok((resp, started)) => match self.finish(resp, &url, started).await {
                    Ok(done) => match check(done) {
                        Err(e) => e,
                        Ok(_) => ApiError::Setup("a failed answer passed as a success".into()),
                    },
                    Err(e) => e,
                },
                Err(e) => e,
            };
            match self.retry_wait(&err, attempt, req) {
                Some(wait) => {
                    attempt += 1;
                    self.pause(wait, attempt).await;
                }
                None => return Err(err),
            }
        }
    }

    /// One request and its whole answer, whatever the status.
    async fn exchange(&self, req: &Request, url: &str) -> Result<Response, ApiError> {
        let (resp, started) = self.start(req, url).await?;
        self.finish(resp, url, started).await
    }

    /// Sends the request; returns as soon as the status and headers arrived.
    async fn start(
        &self,
        req: &Request,
        url: &str,
    ) -> Result<(reqwest::Response, Instant), ApiError> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(req.accept.unwrap_or("application/json")),
        );
        if let Some(key) = &self.key {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                    ApiError::Setup(
                        "the API key holds characters that cannot be sent in a header".into(),
                    )
                })?;
            value.set_sensitive(true);
            headers.insert(header::AUTHORIZATION, value);
        }
        if let Some(ct) = req.content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
        }
        if let Some(k) = &req.idempotency_key
            && let Ok(v) = HeaderValue::from_str(k)
        {
            headers.insert("idempotency-key", v);
        }
        for (name, value) in &req.headers {
            headers.insert(name.clone(), value.clone());
        }
        self.trace(1, || format!("→ {} {url}", req.method));
        self.trace(2, || {
            format!(
                "  > user-agent: {}\n{}",
                user_agent(),
                format_headers("  > ", &headers)
            )
        });
        let mut builder = self.http.request(req.method.clone(), url).headers(headers);
        match &req.body {
            Some(Payload::Bytes(body)) => {
                self.trace(2, || {
                    format!("  > body ({} bytes): {}", body.len(), preview(body))
                });
                builder = builder.body(body.clone());
            }
            Some(Payload::Stream {
                len,
                preview: shown,
                make,
            }) => {
                self.trace(2, || {
                    format!(
                        "  > body ({len} bytes, streamed): {}",
                        preview(shown.as_bytes())
                    )
                });
                builder = builder.header(header::CONTENT_LENGTH, *len).body(make());
            }
            None => {}
        }
        if let Some(timeout) = req.timeout {
            builder = builder.timeout(timeout);
        }
        let started = Instant::now();
        let resp = builder
            .send()
            .await
            .map_err(|e| self.transport_error(url, &e))?;
        Ok((resp, started))
    }

    /// Reads the whole answer.
    async fn finish(
        &self,
        resp: reqwest::Response,
        url: &str,
        started: Instant,
    ) -> Result<Response, ApiError> {
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp
            .bytes()
            .await
            .map_err(|e| self.transport_error(url, &e))?;
        self.trace(1, || {
            format!(
                "← {status} {} ({} ms)",
                http_reason(status),
                started.elapsed().as_millis()
            )
        });
        self.trace(2, || format_headers("  < ", &headers));
        if !body.is_empty() {
            self.trace(2, || {
                format!("  < body ({} bytes): {}", body.len(), preview(&body))
            });
        }
        Ok(Response {
            status,
            url: url.to_owned(),
            headers,
            body,
        })
    }

    /// What a failure while reading a streamed answer means.
    pub fn stream_error(&self, url: &str, err: &reqwest::Error) -> ApiError {
        self.transport_error(url, err)
    }

    fn transport_error(&self, url: &str, err: &reqwest::Error) -> ApiError {
        let cause = root_cause(err);
        self.trace(1, || format!("  ✗ {cause}"));
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = source {
            if let Some(body) = e.downcast_ref::<BodySourceError>() {
                return ApiError::BodySource(body.0.clone());
            }
            source = e.source();
        }
        if cause.to_ascii_lowercase().contains("certificate") {
            return ApiError::Tls {
                url: url.to_owned(),
                cause,
            };
        }
        if err.is_timeout() {
            ApiError::Timeout {
                url: url.to_owned(),
                secs: self.timeout.as_secs(),
            }
        } else if err.is_connect() {
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
}

/// The producer of a streamed body failed; the request is abandoned, not retried.
#[derive(Debug, Clone)]
pub struct BodySourceError(pub String);

impl std::fmt::Display for BodySourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BodySourceError {}

/// The sending half of a streamed body, for a producer on another thread.
pub struct BodySender {
    tx: tokio::sync::mpsc::Sender<Result<bytes::Bytes, BodySourceError>>,
}

impl BodySender {
    /// Blocks until the chunk is queued; false when the request is gone.
    pub fn send(&self, chunk: Vec<u8>) -> bool {
        self.tx.blocking_send(Ok(chunk.into())).is_ok()
    }

    /// Ends the body with an error: the request fails with [`ApiError::BodySource`].
    pub fn fail(&self, message: String) {
        let _ = self.tx.blocking_send(Err(BodySourceError(message)));
    }
}

/// A body of exactly `len` bytes fed by a [`BodySender`]; at most a few chunks wait
/// in memory at any time.
pub fn channel_body(len: u64) -> (BodySender, reqwest::Body) {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    (
        BodySender { tx },
        reqwest::Body::wrap(ChannelBody { rx, remaining: len }),
    )
}

struct ChannelBody {
    rx: tokio::sync::mpsc::Receiver<Result<bytes::Bytes, BodySourceError>>,
    remaining: u64,
}

impl http_body::Body for ChannelBody {
    type Data = bytes::Bytes;
    type Error = BodySourceError;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, BodySourceError>>> {
        use std::task::Poll;
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let n = chunk.len() as u64;
                if n > self.remaining {
                    let e = BodySourceError("the body grew past its length".into());
                    return Poll::Ready(Some(Err(e)));
                }
                self.remaining -= n;
                Poll::Ready(Some(Ok(http_body::Frame::data(chunk))))
            }
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
            Poll::Ready(None) if self.remaining == 0 => Poll::Ready(None),
            Poll::Ready(None) => {
                Poll::Ready(Some(Err(BodySourceError("the body ended early".into()))))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.remaining)
    }
}

/// A 2xx answer as is; a redirect or an error status as an [`ApiError`].
fn check(resp: Response) -> Result<Response, ApiError> {
    let status = resp.status;
    if (200..300).contains(&status) {
        return Ok(resp);
    }
    if (300..400).contains(&status) {
        let location = resp
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("(no location)")
            .to_owned();
        return Err(ApiError::Redirect {
            status,
            url: resp.url,
            location,
        });
    }
    Err(error_from_body(
        status,
        &resp.url,
        &resp.headers,
        &resp.body,
    ))
}

/// An answer being read as it arrives.
pub struct StreamingResponse {
    inner: reqwest::Response,
    pub url: String,
}

impl StreamingResponse {
    /// The next piece of the body; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, reqwest::Error> {
        self.inner.chunk().await
    }
}

/// `BACKOFF_BASE · 2^attempt`, times a random factor in [0.5, 1.5).
fn backoff(attempt: u32) -> Duration {
    BACKOFF_BASE.mul_f64(f64::from(1u32 << attempt.min(8)) * (0.5 + random_unit()))
}

fn random_unit() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let bits = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
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

fn looks_like_html(headers: &HeaderMap, body: &[u8]) -> bool {
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
fn retry_after(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

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
                    .map(|m| redact(m.trim()));
                let code = err
                    .and_then(|e| e.get("code"))
                    .and_then(|c| c.as_str())
                    .map(str::to_owned);
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

fn format_headers(prefix: &str, headers: &HeaderMap) -> String {
    let mut lines = Vec::new();
    for (name, value) in headers {
        let shown = if SENSITIVE_HEADERS.contains(&name.as_str()) {
            "[redacted]".to_owned()
        } else {
            redact(&String::from_utf8_lossy(value.as_bytes()))
        };
        lines.push(format!("{prefix}{name}: {shown}"));
    }
    lines.join("\n")
}

fn preview(body: &[u8]) -> String {
    let cut = body.len().min(TRACE_BODY_LIMIT);
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    if body.len() > cut {
        text.push_str(&format!("… ({} more bytes)", body.len() - cut));
    }
    redact(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h
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
            "the server answered with an HTML page (status 502) — is the upstream URL right?"
        );
        let e = error_from_body(500, "u", &HeaderMap::new(), b"Internal oops");
        assert!(matches!(e, ApiError::NotJson { status: 500, .. }));
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

    #[test]
    fn backoff_grows_with_jitter() {
        for attempt in 0..3 {
            let d = backoff(attempt);
            let nominal = BACKOFF_BASE * (1 << attempt);
            assert!(d >= nominal / 2 && d < nominal * 3 / 2, "{d:?}");
        }
    }

    /// A key-shaped string made at run time, so none sits in the source.
    fn fake_key() -> String {
        format!("{}{}", crate::secret::KEY_PREFIX, "secret".repeat(4))
    }

    #[test]
    fn traces_redact_secrets() {
        let mut h = HeaderMap::new();
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {}", fake_key())).unwrap(),
        );
        h.insert("x-note", HeaderValue::from_str(&fake_key()).unwrap());
        let text = format_headers("> ", &h);
        assert!(!text.contains("secretsecret"), "{text}");
        assert!(preview(format!("{{\"key\":\"{}\"}}", fake_key()).as_bytes()).contains("sk_ws_…"));
    }
}
