//! Requests and answers: what a call sends, and what comes back whole or as it
//! arrives.

use std::time::Duration;

use bytes::Bytes;
use http::Method;
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use super::body::Payload;
use super::error::{ApiError, error_from_body, looks_like_html};

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
    /// Overrides the client's deadline for this call.
    pub timeout: Option<Duration>,
    /// For streamed answers: the longest silence allowed between two pieces.
    pub idle_timeout: Option<Duration>,
    /// `Accept`, when not JSON.
    pub accept: Option<&'static str>,
    /// Extra headers (`skene api -H`).
    pub headers: Vec<(HeaderName, HeaderValue)>,
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
            idle_timeout: None,
            accept: None,
            headers: Vec::new(),
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(mut self, value: &T) -> Self {
        let bytes = serde_json::to_vec(value).unwrap_or_default();
        self.body = Some(Payload::Bytes(bytes.into()));
        self.content_type = Some("application/json");
        self
    }

    pub(super) fn retry_safe(&self) -> bool {
        self.idempotent
            || self.idempotency_key.is_some()
            || matches!(
                self.method,
                Method::GET | Method::HEAD | Method::PUT | Method::DELETE
            )
    }
}

/// A whole answer, read up to a bound.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub url: String,
    pub headers: HeaderMap,
    pub body: Bytes,
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

/// An answer being read as it arrives.
pub struct StreamingResponse {
    pub(super) inner: reqwest::Response,
    pub url: String,
    pub status: u16,
    pub headers: HeaderMap,
    pub(super) idle: Option<Duration>,
}

impl StreamingResponse {
    /// The next piece of the body; `None` at its end. Silence longer than the idle
    /// timeout is an error.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, ApiError> {
        let next = self.inner.chunk();
        let result = match self.idle {
            Some(idle) => {
                tokio::time::timeout(idle, next)
                    .await
                    .map_err(|_| ApiError::Stalled {
                        url: self.url.clone(),
                        secs: idle.as_secs_f64(),
                    })?
            }
            None => next.await,
        };
        result.map_err(|e| super::error::transport_error(&self.url, &e))
    }

    /// Reads what is left of the body (at most 64 KiB, waiting at most a second),
    /// so that the connection can serve the next request instead of being closed.
    pub async fn finish(mut self) {
        let mut left = 64 * 1024usize;
        let drain = async {
            while let Ok(Some(chunk)) = self.inner.chunk().await {
                left = left.saturating_sub(chunk.len());
                if left == 0 {
                    break;
                }
            }
        };
        let _ = tokio::time::timeout(Duration::from_secs(1), drain).await;
    }

    /// Whether the body is HTML (a proxy's page, not an event stream).
    pub fn is_html(&self) -> bool {
        looks_like_html(&self.headers, b"")
    }
}

/// Reads at most `limit` bytes of the body; false when there was more.
pub(super) async fn read_capped(
    mut resp: reqwest::Response,
    limit: usize,
) -> Result<(Bytes, bool), reqwest::Error> {
    let mut buf = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        if buf.len() + chunk.len() > limit {
            buf.extend_from_slice(&chunk[..limit - buf.len()]);
            return Ok((buf.into(), false));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok((buf.into(), true))
}

/// A 2xx answer as is; a redirect or an error status as an [`ApiError`].
pub(super) fn check(resp: Response) -> Result<Response, ApiError> {
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
