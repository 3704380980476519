//! What a client sends as its key, and how a long-running process gets a fresh
//! one after the server refused it.

use std::sync::Arc;

use crate::secret::ApiKey;

/// Gives the client the key to send, and a fresh one after the server rejected it
/// (a long-running process re-reads the keyring after a rotation).
pub trait KeyProvider: Send + Sync + std::fmt::Debug {
    fn key(&self) -> Option<ApiKey>;
    /// Reads the key again; true when it changed (the request is then retried).
    fn reload(&self) -> bool {
        false
    }
}

/// [`KeyProvider::reload`] on one of tokio's blocking threads: a keyring read
/// may wait on D-Bus, and must not hold up the runtime's one thread (the
/// agent's gateway and forwarder go on meanwhile).
pub(super) async fn reload(key: &Arc<dyn KeyProvider>) -> bool {
    let key = key.clone();
    tokio::task::spawn_blocking(move || key.reload())
        .await
        .unwrap_or(false)
}
