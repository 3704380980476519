//! The agent's connection to Skene Cloud: one HTTP client (one connection pool)
//! for the whole process, without `--verbose` traces (the agent never logs
//! headers or bodies), and the key it sends — read again from the credential
//! store after a 401, so that a key rotated with `skene login` is picked up
//! without a restart.

use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, ClientConfig, KeyProvider, RetryPolicy};
use crate::credentials::resolve::{FixedKey, StoredKey};
use crate::credentials::{KeySource, Resolved, Stores};
use crate::error::CliError;
use crate::settings::{Endpoint, Http, Source, env};

/// How long the cloud may take to start a chat answer (the OpenAI SDKs wait ten
/// minutes) unless `SKENE_HTTP_TIMEOUT` says otherwise; also the longest silence
/// allowed inside a streamed answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// The upstream timeout: `SKENE_HTTP_TIMEOUT` when set, else [`DEFAULT_TIMEOUT`].
pub fn timeout(http: &Http) -> Duration {
    match http.timeout.source {
        Source::Default => DEFAULT_TIMEOUT,
        _ => http.timeout.value,
    }
}

/// The process's client for the cloud, without an API base or key yet (give them
/// with [`Client::at`]); the gateway and the event forwarder share its pool.
pub fn client(http: &Http) -> Result<Client, CliError> {
    Ok(Client::new(ClientConfig {
        timeout: timeout(http),
        connect_timeout: http.connect_timeout,
        retry: RetryPolicy {
            base_delay: http.retry_base_delay,
            ..RetryPolicy::default()
        },
        tracer: None,
        ca_file: env::get_os(env::SSL_CERT_FILE).map(Into::into),
    })?)
}

/// The key to send for `creds`: a stored login's key is read again from its
/// store after a 401; a key from the environment or a project file is fixed.
pub fn key_provider(creds: &Resolved, stores: Stores) -> Arc<dyn KeyProvider> {
    match (&creds.source, &creds.profile) {
        (KeySource::Store(kind), Some((account, _))) => Arc::new(StoredKey::new(
            Arc::new(stores),
            *kind,
            account.clone(),
            creds.key.clone(),
        )),
        _ => Arc::new(FixedKey(creds.key.clone())),
    }
}

/// The client for the workspace's API with its key.
pub fn workspace_client(base: &Client, endpoint: &Endpoint, key: Arc<dyn KeyProvider>) -> Client {
    base.at(&endpoint.api_base, Some(key))
}
