//! The forwarder's stop signal.

use std::future::Future;
use std::pin::Pin;

/// The stop signal, polled between batches and while waiting.
pub(super) struct Stop<'a> {
    pub fut: Pin<&'a mut (dyn Future<Output = ()> + Send)>,
    pub done: bool,
}

impl Stop<'_> {
    /// Resolves once stop was asked (at once if it already was).
    pub async fn wait(&mut self) {
        if !self.done {
            self.fut.as_mut().await;
            self.done = true;
        }
    }

    /// Whether stop was asked, without waiting.
    pub async fn asked(&mut self) -> bool {
        if !self.done {
            tokio::select! {
                biased;
                () = self.fut.as_mut() => self.done = true,
                () = std::future::ready(()) => {}
            }
        }
        self.done
    }
}
