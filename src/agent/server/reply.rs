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
        /// What was read of the upstream's body before relaying began, sent first.
        prefix: Option<Bytes>,
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

    /// The upstream's body, relayed as it arrives, after `prefix` (what was
    /// already read of it).
    pub fn relay(prefix: Bytes, inner: RelayBody) -> Self {
        Self {
            kind: Kind::Relay {
                prefix: (!prefix.is_empty()).then_some(prefix),
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
            Kind::Relay {
                prefix,
                inner,
                done,
                ..
            } => prefix.is_none() && (*done || http_body::Body::is_end_stream(inner)),
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
                prefix,
                inner,
                done,
                failed,
            } => {
                let polled = match prefix.take() {
                    Some(bytes) => Poll::Ready(Some(Ok(Frame::data(bytes)))),
                    None => Pin::new(inner).poll_frame(cx),
                };
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
            Kind::Relay { prefix, inner, .. } => {
                let rest = http_body::Body::size_hint(inner);
                let first = prefix.as_ref().map_or(0, |b| b.len() as u64);
                let mut hint = SizeHint::new();
                if let Some(upper) = rest.upper() {
                    hint.set_upper(upper + first);
                }
                hint.set_lower(rest.lower() + first);
                hint
            }
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
        if let Some(meter) = &mut self.meter {
            meter.ending = ending;
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
    /// The code of the gateway's own error answer (`host_not_allowed`…).
    pub error: Option<&'static str>,
}

/// Follows one request from its arrival: counts its answer's bytes and logs it
/// when dropped — with the answer's body when that is done, or on its own when
/// the caller went away before there was an answer (logged as 499).
pub struct Meter {
    app: Arc<App>,
    method: String,
    path: String,
    pub facts: Facts,
    started: Instant,
    local_id: u64,
    answer: Option<(u16, Duration)>,
    bytes: u64,
    ending: Ending,
}

/// The status logged for a request whose caller left before the answer.
const CLIENT_CLOSED: u16 = 499;

impl Meter {
    pub(super) fn start(app: Arc<App>, method: String, path: String, local_id: u64) -> Self {
        app.status.request_started();
        Self {
            app,
            method,
            path,
            facts: Facts::default(),
            started: Instant::now(),
            local_id,
            answer: None,
            bytes: 0,
            ending: Ending::ClientLeft,
        }
    }

    /// The answer's head is ready.
    pub(super) fn answered(&mut self, status: u16) {
        self.answer = Some((status, self.started.elapsed()));
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        let (status, latency) = self
            .answer
            .unwrap_or((CLIENT_CLOSED, self.started.elapsed()));
        let request_id = self
            .facts
            .request_id
            .take()
            .unwrap_or_else(|| format!("local-{}", self.local_id));
        self.app.logger.request(&RequestLine {
            method: std::mem::take(&mut self.method),
            path: std::mem::take(&mut self.path),
            model: self.facts.model.take(),
            stream: self.facts.stream,
            status,
            latency,
            duration: self.started.elapsed(),
            bytes: self.bytes,
            request_id,
            error: self.facts.error,
            ending: self.ending,
        });
        self.app.status.request_ended();
    }
}

/// The code of an error the gateway made itself (not the cloud's), for the log.
#[derive(Debug, Clone, Copy)]
pub struct OwnError(pub &'static str);

/// An error the gateway makes, in OpenAI's shape:
/// `{"error": {"message", "type", "param", "code"}}`.
pub fn error(status: u16, code: &'static str, message: impl Into<String>) -> Response<Body> {
    let kind = if status >= 500 {
        "api_error"
    } else {
        "invalid_request_error"
    };
    let body =
        json!({"error": {"message": message.into(), "type": kind, "param": null, "code": code}});
    let mut resp = json_response(status, &body);
    resp.extensions_mut().insert(OwnError(code));
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
