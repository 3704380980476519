//! Ctrl-C for the whole process: one listener, created when the runtime starts.
//!
//! While some code holds a [`Claim`] (a chat answer being streamed, a push being
//! sent), a Ctrl-C goes to it, and it decides what stopping means. Otherwise the
//! command is stopped where it waits and the process exits with 130.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::watch;

#[derive(Clone)]
pub struct Interrupts {
    inner: Arc<Inner>,
}

struct Inner {
    claims: AtomicUsize,
    claimed: watch::Sender<u64>,
    unclaimed: watch::Sender<u64>,
}

impl Interrupts {
    /// Starts listening for Ctrl-C; call inside the runtime.
    pub fn start() -> Self {
        let inner = Arc::new(Inner {
            claims: AtomicUsize::new(0),
            claimed: watch::Sender::new(0),
            unclaimed: watch::Sender::new(0),
        });
        let listener = inner.clone();
        tokio::spawn(async move {
            while tokio::signal::ctrl_c().await.is_ok() {
                let to = if listener.claims.load(Ordering::SeqCst) > 0 {
                    &listener.claimed
                } else {
                    &listener.unclaimed
                };
                to.send_modify(|n| *n += 1);
            }
        });
        Self { inner }
    }

    /// Takes Ctrl-C for as long as the claim lives.
    pub fn claim(&self) -> Claim {
        self.inner.claims.fetch_add(1, Ordering::SeqCst);
        let rx = self.inner.claimed.subscribe();
        Claim {
            inner: self.inner.clone(),
            rx,
        }
    }

    /// Resolves at the first Ctrl-C that nobody claimed.
    pub async fn unclaimed(&self) {
        let mut rx = self.inner.unclaimed.subscribe();
        let _ = rx.changed().await;
    }
}

/// Ctrl-C taken by one piece of code.
pub struct Claim {
    inner: Arc<Inner>,
    rx: watch::Receiver<u64>,
}

impl Claim {
    /// Resolves at the next Ctrl-C.
    pub async fn pressed(&mut self) {
        let _ = self.rx.changed().await;
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.inner.claims.fetch_sub(1, Ordering::SeqCst);
    }
}
