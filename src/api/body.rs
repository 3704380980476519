//! Request bodies: bytes, or a stream of exactly `len` bytes fed by a producer on
//! another thread (the push body), made anew for each attempt.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use tokio::sync::mpsc;

/// What a request sends.
#[derive(Clone)]
pub enum Payload {
    Bytes(Bytes),
    Stream {
        len: u64,
        /// Shown by `-vv` instead of the body.
        preview: String,
        /// Starts a producer and returns the body it feeds; called once per attempt.
        make: Arc<dyn Fn() -> BodyReceiver + Send + Sync>,
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
    tx: mpsc::Sender<Result<Bytes, BodySourceError>>,
}

impl BodySender {
    /// Blocks until the chunk is queued; false when the request is gone.
    pub fn send(&self, chunk: Vec<u8>) -> bool {
        self.tx.blocking_send(Ok(chunk.into())).is_ok()
    }

    /// Ends the body with an error: the request fails with
    /// [`ApiError::BodySource`](super::ApiError::BodySource).
    pub fn fail(&self, message: String) {
        let _ = self.tx.blocking_send(Err(BodySourceError(message)));
    }
}

/// The receiving half: a body of exactly `len` bytes. At most a few chunks wait in
/// memory at any time.
pub struct BodyReceiver {
    rx: mpsc::Receiver<Result<Bytes, BodySourceError>>,
    remaining: u64,
}

/// A channel for a body of exactly `len` bytes.
pub fn channel(len: u64) -> (BodySender, BodyReceiver) {
    let (tx, rx) = mpsc::channel(4);
    (BodySender { tx }, BodyReceiver { rx, remaining: len })
}

impl http_body::Body for BodyReceiver {
    type Data = Bytes;
    type Error = BodySourceError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, BodySourceError>>> {
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
