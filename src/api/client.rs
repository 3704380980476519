//! The one HTTP client: user agent, auth header, one deadline per call, retries
//! with backoff and `Retry-After`, bounded answers, proxies and CA bundles,
//! redacted traces. Cheap to clone; clones share one connection pool.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::header::{self, HeaderMap, HeaderValue};
use url::Url;

use super::body::Payload;
use super::error::{ApiError, http_reason, retry_after, root_cause, transport_error};
use super::key::{KeyProvider, reload};
use super::request::{Request, Response, StreamingResponse, check, read_capped};
use super::retry::RetryPolicy;
use super::trace::{Tracer, format_headers, preview};
use crate::secret::redact;

/// The most a JSON answer may weigh.
pub const JSON_LIMIT: usize = 16 * 1024 * 1024;
/// The most of an error answer that is read.
pub const ERROR_LIMIT: usize = 64 * 1024;

/// rustls's cryptography: ring, for the whole process (PostgreSQL's TLS uses it
/// too). Installing it twice is harmless; the first one stays.
fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn user_agent() -> String {
    format!(
        "skene/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// How a client behaves, decided by the caller (the settings).
#[derive(Clone)]
pub struct ClientConfig {
    /// How long one call may take, attempts and waits included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub retry: RetryPolicy,
    pub tracer: Option<Tracer>,
    /// A PEM bundle of extra CA certificates (`SSL_CERT_FILE`).
    pub ca_file: Option<PathBuf>,
    /// Never through a proxy (`http_proxy`…): for loopback servers of this machine.
    pub direct: bool,
}

struct Shared {
    http: reqwest::Client,
}

/// A client for one API base and key; clones (and [`Client::at`]) share the pool.
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    /// Per handle, so that one part of a process can go untraced ([`Client::untraced`]).
    tracer: Option<Tracer>,
    /// Per handle too: the agent's forwarder retries on its own, with its own limit.
    timeout: Duration,
    retry: RetryPolicy,
    base: String,
    /// `base` parsed, when it is a plain base (no query or fragment): each
    /// request's URL is made from it without parsing the host again.
    base_url: Option<Url>,
    key: Option<Arc<dyn KeyProvider>>,
}

/// What an attempt gave: a whole answer or one being streamed.
enum Got {
    Whole(Response),
    Stream(StreamingResponse),
}

/// Which answers an attempt accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The whole body, 2xx only.
    Whole,
    /// The body as it arrives, 2xx only.
    Stream,
    /// The body as it arrives, whatever the status (`skene api`).
    StreamAny,
    /// The body as it arrives, whatever the status, never retried but once with a
    /// fresh key after a 401 (the agent's gateway: the caller's SDK retries).
    Forward,
}

impl Client {
    /// A client without an API base yet; see [`Client::at`].
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        install_crypto();
        let mut builder = reqwest::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(config.connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if config.direct {
            builder = builder.no_proxy();
        }
        if let Some(path) = &config.ca_file {
            let pem = std::fs::read(path).map_err(|e| {
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
            shared: Arc::new(Shared { http }),
            tracer: config.tracer,
            timeout: config.timeout,
            retry: config.retry,
            base: String::new(),
            base_url: None,
            key: None,
        })
    }

    /// A client of its own for a loopback server of this machine (the running
    /// agent's control endpoint): never through a proxy, which would see the
    /// local token, one attempt within `timeout`, untraced.
    pub fn loopback(timeout: Duration) -> Result<Self, ApiError> {
        Self::new(ClientConfig {
            timeout,
            connect_timeout: timeout,
            retry: RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            },
            tracer: None,
            ca_file: None,
            direct: true,
        })
    }

    /// The same client (same connection pool) for `base`, sending `key`.
    pub fn at(&self, base: &Url, key: Option<Arc<dyn KeyProvider>>) -> Self {
        Self {
            base: base.as_str().trim_end_matches('/').to_owned(),
            base_url: super::url::plain_base(base),
            key,
            ..self.clone()
        }
    }

    /// The same client, key and pool for another base on the same server.
    pub fn rebased(&self, base: &Url) -> Self {
        Self {
            base: base.as_str().trim_end_matches('/').to_owned(),
            base_url: super::url::plain_base(base),
            ..self.clone()
        }
    }

    /// The same client (same pool, base and key) without `--verbose` traces: for
    /// the agent's gateway, whose log never holds headers or bodies.
    pub fn untraced(&self) -> Self {
        Self {
            tracer: None,
            ..self.clone()
        }
    }

    /// The same client (same pool, base and key) with its own time limit, retries
    /// and traces: for a part of the process with a policy of its own (the agent's
    /// event forwarder retries for as long as it takes, and traces from `-vv`).
    pub fn with_policy(
        &self,
        timeout: Duration,
        retry: RetryPolicy,
        tracer: Option<Tracer>,
    ) -> Self {
        Self {
            timeout,
            retry,
            tracer,
            ..self.clone()
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// How long one call may take (and, for streams, the longest silence).
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn url_for(&self, path: &str) -> String {
        format!("{}/{}", self.base, path.trim_start_matches('/'))
    }

    /// [`Client::url_for`] as a parsed URL, made from the parsed base when there
    /// is one (parsing the whole string again costs a host parse per request).
    fn parsed_url_for(&self, path: &str) -> Result<Url, ApiError> {
        match &self.base_url {
            Some(base) => Ok(super::url::join(base, path)),
            None => Url::parse(&self.url_for(path)).map_err(|e| ApiError::BadUrl {
                url: self.url_for(path),
                reason: e.to_string(),
            }),
        }
    }

    fn trace(&self, level: u8, line: impl FnOnce() -> String) {
        if let Some(t) = &self.tracer {
            t(level, &redact(&line()));
        }
    }

    /// Sends a request, retrying what is safe to retry, and returns a 2xx answer.
    pub async fn send(&self, req: &Request) -> Result<Response, ApiError> {
        match self.drive(req, Mode::Whole).await? {
            Got::Whole(r) => Ok(r),
            Got::Stream(_) => Err(ApiError::Setup(
                "a streamed answer where none was asked".into(),
            )),
        }
    }

    /// Sends a request whose 2xx answer is read as it arrives (server-sent events).
    /// Retries happen only before the answer starts.
    pub async fn open(&self, req: &Request) -> Result<StreamingResponse, ApiError> {
        self.open_mode(req, Mode::Stream).await
    }

    /// Like [`Client::open`], but any status is an answer (`skene api` shows error
    /// bodies as they are). Statuses worth a retry are still retried.
    pub async fn open_any(&self, req: &Request) -> Result<StreamingResponse, ApiError> {
        self.open_mode(req, Mode::StreamAny).await
    }

    /// Relays a request for the agent's gateway: any status is an answer, with its
    /// headers and its body unread. Nothing is retried (the caller's own client
    /// decides, from the relayed status and `Retry-After`), except once after a 401
    /// when the key provider has a new key. Redirects are answers, not followed.
    pub async fn forward(&self, req: &Request) -> Result<StreamingResponse, ApiError> {
        self.open_mode(req, Mode::Forward).await
    }

    async fn open_mode(&self, req: &Request, mode: Mode) -> Result<StreamingResponse, ApiError> {
        match self.drive(req, mode).await? {
            Got::Stream(s) => Ok(s),
            Got::Whole(_) => Err(ApiError::Setup(
                "a whole answer where a stream was asked".into(),
            )),
        }
    }

    /// The retry loop shared by every send: attempts until one succeeds, the error
    /// is not worth a retry, or the call's deadline would pass.
    async fn drive(&self, req: &Request, mode: Mode) -> Result<Got, ApiError> {
        let url = self.url_for(&req.path);
        let budget = req.timeout.unwrap_or(self.timeout);
        let deadline = Instant::now() + budget;
        let mut attempt = 0;
        let mut reloaded = false;
        loop {
            let (err, fallback) = match self.attempt(req, &url, mode, deadline, budget).await {
                Ok(got) => return Ok(got),
                Err(failed) => failed,
            };
            if err.status() == Some(401)
                && !reloaded
                && let Some(key) = &self.key
                && reload(key).await
            {
                reloaded = true;
                self.trace(1, || {
                    "  the key changed; trying again with the new one".into()
                });
                continue;
            }
            if mode == Mode::Forward {
                return fallback.map(Ok).unwrap_or(Err(err));
            }
            let retry_safe = req.retry_safe();
            match self.retry.wait_after(&err, attempt, retry_safe, deadline) {
                Some(wait) => {
                    attempt += 1;
                    self.trace(1, || {
                        format!(
                            "  retrying in {:.1} s (retry {attempt} of {})",
                            wait.as_secs_f64(),
                            self.retry.max_retries
                        )
                    });
                    tokio::time::sleep(wait).await;
                }
                None => return fallback.map(Ok).unwrap_or(Err(err)),
            }
        }
    }

    /// One attempt. On failure, the error and (for [`Mode::StreamAny`]) the answer
    /// to give if no retry follows.
    async fn attempt(
        &self,
        req: &Request,
        url: &str,
        mode: Mode,
        deadline: Instant,
        budget: Duration,
    ) -> Result<Got, (ApiError, Option<Got>)> {
        let timed_out = || ApiError::Timeout {
            url: url.to_owned(),
            secs: budget.as_secs_f64(),
        };
        let builder = self.build(req, url).map_err(|e| (e, None))?;
        let started = Instant::now();
        let resp = match tokio::time::timeout_at(deadline.into(), builder.send()).await {
            Err(_) => return Err((self.failed(timed_out()), None)),
            Ok(Err(e)) => return Err((self.failed(transport_error(url, &e)), None)),
            Ok(Ok(resp)) => resp,
        };
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let any_status = matches!(mode, Mode::StreamAny | Mode::Forward);
        let streamed = mode != Mode::Whole && (any_status || (200..300).contains(&status));
        if streamed {
            self.trace(1, || {
                let ms = started.elapsed().as_millis();
                format!("← {status} {} ({ms} ms, streaming)", http_reason(status))
            });
            self.trace(2, || format_headers("  < ", &headers));
            let stream = StreamingResponse {
                inner: resp,
                url: url.to_owned(),
                status,
                headers,
                idle: req.idle_timeout,
            };
            let worth_retrying = match mode {
                Mode::Forward => status == 401,
                _ => matches!(status, 429 | 502 | 503 | 504),
            };
            if worth_retrying {
                let err = ApiError::Status {
                    status,
                    url: url.to_owned(),
                    message: None,
                    code: None,
                    retry_after: retry_after(&stream.headers),
                };
                return Err((err, Some(Got::Stream(stream))));
            }
            return Ok(Got::Stream(stream));
        }
        let limit = if (200..300).contains(&status) {
            JSON_LIMIT
        } else {
            ERROR_LIMIT
        };
        let body = match tokio::time::timeout_at(deadline.into(), read_capped(resp, limit)).await {
            Err(_) => return Err((self.failed(timed_out()), None)),
            Ok(Err(e)) => return Err((self.failed(transport_error(url, &e)), None)),
            Ok(Ok((body, complete))) => {
                if !complete && (200..300).contains(&status) {
                    return Err((
                        ApiError::TooLarge {
                            url: url.to_owned(),
                            limit,
                        },
                        None,
                    ));
                }
                body
            }
        };
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
        let resp = Response {
            status,
            url: url.to_owned(),
            headers,
            body,
        };
        check(resp).map(Got::Whole).map_err(|e| (e, None))
    }

    /// The request for one attempt, with the key, headers and a fresh body.
    fn build(&self, req: &Request, url: &str) -> Result<reqwest::RequestBuilder, ApiError> {
        let parsed = self.parsed_url_for(&req.path)?;
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(req.accept.unwrap_or("application/json")),
        );
        if let Some(key) = self.key.as_ref().and_then(|k| k.key()) {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", key.expose()))
                .map_err(|_| ApiError::BadKey)?;
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
        let mut builder = self
            .shared
            .http
            .request(req.method.clone(), parsed)
            .headers(headers);
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
                builder = builder
                    .header(header::CONTENT_LENGTH, *len)
                    .body(reqwest::Body::wrap(make()));
            }
            None => {}
        }
        Ok(builder)
    }

    fn failed(&self, err: ApiError) -> ApiError {
        self.trace(1, || format!("  ✗ {err}"));
        err
    }
}
