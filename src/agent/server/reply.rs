//! What the server answers with: a [`Body`] that is either the server's own
//! (an error, a JSON document) or the cloud's answer relayed frame by frame, and
//! a [`Meter`] riding along that counts the bytes and logs the request when the
//! body is done (sent, cut, or dropped because the caller left).

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Response, StatusCode};
use http_body::{Frame, SizeHint};
use serde_json::json;

use super::App;
use crate::agent::log::{Ending, RequestLine};
use crate::api::{ApiError, RelayBody};

/// A response body.
pub struct Body {
    kind: Kind,
    meter: Option<Meter>,
}

enum Kind {
    Full(Option<Bytes>),
    Relay {
        inner: RelayBody,
        /// The upstream's body ended normally.
        done: bool,
        /// The upstream failed mid-body.
        failed: bool,
    },
}

impl Body {
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        let bytes: Bytes = bytes.into();
        Self {
            kind: Kind::Full((!bytes.is_empty()).then_some(bytes)),
            meter: None,
        }
    }

    pub fn empty() -> Self {
        Self::full(Bytes::new())
    }

    pub fn relay(inner: RelayBody) -> Self {
        Self {
            kind: Kind::Relay {
                inner,
                done: false,
                failed: false,
            },
            meter: None,
        }
    }

    pub(super) fn set_meter(&mut self, meter: Meter) {
        self.meter = Some(meter);
    }

    fn ended(&self) -> bool {
        match &self.kind {
            Kind::Full(rest) => rest.is_none(),
            Kind::Relay { inner, done, .. } => *done || http_body::Body::is_end_stream(inner),
        }
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = ApiError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, ApiError>>> {
        let this = &mut *self;
        let polled = match &mut this.kind {
            Kind::Full(rest) => Poll::Ready(rest.take().map(|b| Ok(Frame::data(b)))),
            Kind::Relay {
                inner,
                done,
                failed,
            } => {
                let polled = Pin::new(inner).poll_frame(cx);
                match &polled {
                    Poll::Ready(None) => *done = true,
                    Poll::Ready(Some(Err(e))) => {
                        *failed = true;
                        if let Some(m) = &this.meter {
                            m.app
                                .status
                                .upstream_error(&format!("an answer was cut: {e}"));
                        }
                    }
                    _ => {}
                }
                polled
            }
        };
        if let (Poll::Ready(Some(Ok(frame))), Some(meter)) = (&polled, this.meter.as_mut())
            && let Some(data) = frame.data_ref()
        {
            meter.bytes += data.len() as u64;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.ended()
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Kind::Full(None) => SizeHint::with_exact(0),
            Kind::Relay { inner, .. } => http_body::Body::size_hint(inner),
        }
    }
}

impl Drop for Body {
    fn drop(&mut self) {
        let ending = match &self.kind {
            Kind::Relay { failed: true, .. } => Ending::UpstreamFailed,
            _ if self.ended() => Ending::Complete,
            _ => Ending::ClientLeft,
        };
        if let Some(meter) = self.meter.take() {
            meter.finish(ending);
        }
    }
}

/// What is known of a request by the time it is logged.
#[derive(Debug, Default)]
pub struct Facts {
    pub model: Option<String>,
    pub stream: bool,
    /// The cloud's `x-request-id`, when the request reached it.
    pub request_id: Option<String>,
}

/// Counts a response's bytes and logs the request when its body is done.
pub struct Meter {
    app: Arc<App>,
    method: String,
    path: String,
    facts: Facts,
    status: u16,
    started: Instant,
    latency: Duration,
    local_id: u64,
    bytes: u64,
}

impl Meter {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        app: Arc<App>,
        method: String,
        path: String,
        facts: Facts,
        status: u16,
        started: Instant,
        local_id: u64,
    ) -> Self {
        Self {
            app,
            method,
            path,
            facts,
            status,
            started,
            latency: started.elapsed(),
            local_id,
            bytes: 0,
        }
    }

    fn finish(self, ending: Ending) {
        let request_id = self
            .facts
            .request_id
            .unwrap_or_else(|| format!("local-{}", self.local_id));
        self.app.logger.request(&RequestLine {
            method: self.method,
            path: self.path,
            model: self.facts.model,
            stream: self.facts.stream,
            status: self.status,
            latency: self.latency,
            duration: self.started.elapsed(),
            bytes: self.bytes,
            request_id,
            ending,
        });
        self.app.status.request_ended();
    }
}

/// An error the gateway makes, in OpenAI's shape:
/// `{"error": {"message", "type", "param", "code"}}`.
pub fn error(status: u16, code: &str, message: impl Into<String>) -> Response<Body> {
    let kind = if status >= 500 {
        "api_error"
    } else {
        "invalid_request_error"
    };
    let body =
        json!({"error": {"message": message.into(), "type": kind, "param": null, "code": code}});
    let mut resp = json_response(status, &body);
    if status == 401 {
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    resp
}

/// A JSON document the gateway answers with itself.
pub fn json_response(status: u16, value: &impl serde::Serialize) -> Response<Body> {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let mut resp = Response::new(Body::full(bytes));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}
