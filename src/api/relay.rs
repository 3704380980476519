//! An answer's body as it arrives, for a caller that relays it unchanged (the
//! agent's gateway): the server's bytes, frame by frame, neither parsed nor
//! buffered. Silence longer than the idle timeout ends it with an error, and
//! dropping it closes the connection to the server (the request is cancelled).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::{Instant, Sleep};

use super::error::ApiError;
use super::request::StreamingResponse;

/// The body of a [`StreamingResponse`], as an [`http_body::Body`].
pub struct RelayBody {
    inner: reqwest::Body,
    url: String,
    idle: Option<Duration>,
    timer: Option<Pin<Box<Sleep>>>,
}

impl StreamingResponse {
    /// The rest of the body, for relaying as it arrives.
    pub fn into_body(self) -> RelayBody {
        let inner = http::Response::<reqwest::Body>::from(self.inner).into_body();
        RelayBody {
            inner,
            url: self.url,
            idle: self.idle,
            timer: None,
        }
    }
}

impl std::fmt::Debug for RelayBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RelayBody").field("url", &self.url).finish()
    }
}

impl Body for RelayBody {
    type Data = Bytes;
    type Error = ApiError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, ApiError>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let (Some(idle), Some(timer)) = (this.idle, this.timer.as_mut()) {
                    timer.as_mut().reset(Instant::now() + idle);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(e))) => {
                Poll::Ready(Some(Err(super::error::transport_error(&this.url, &e))))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                let Some(idle) = this.idle else {
                    return Poll::Pending;
                };
                let timer = this
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                match timer.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Some(Err(ApiError::Stalled {
                        url: this.url.clone(),
                        secs: idle.as_secs_f64(),
                    }))),
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
