//! The gateway's connection to Skene Cloud: the process's one HTTP client (one
//! connection pool, the command context's), without `--verbose` traces (the
//! agent never logs headers or bodies), and the key it sends — a stored login's
//! key is read again from the credential store after a 401, so that a key
//! rotated with `skene login` is picked up without a restart.

use std::sync::Arc;
use std::time::Duration;

use crate::api::{Client, KeyProvider};
use crate::credentials::resolve::{FixedKey, StoredKey};
use crate::credentials::{KeySource, Resolved, Stores};
use crate::settings::{Endpoint, Http, Source};

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

/// The gateway's way to the workspace's API.
pub struct Upstream {
    /// The workspace's API with its key. Its deadlines are set per request
    /// ([`Upstream::timeout`]); it never retries (the caller's SDK does).
    pub client: Client,
    /// How long the cloud may take to start answering, and the longest silence
    /// inside a streamed answer.
    pub timeout: Duration,
    /// What the log says when the cloud refuses the key (401), by where it came from.
    pub refused_key: String,
}

impl Upstream {
    /// The gateway's upstream on `http`, the process's client (its pool shared,
    /// its traces left out), for `endpoint` with the key of `creds`.
    pub fn new(
        http: &Client,
        settings: &Http,
        endpoint: &Endpoint,
        creds: &Resolved,
        stores: Stores,
    ) -> Self {
        Self {
            client: http
                .untraced()
                .at(&endpoint.api_base, Some(key_provider(creds, stores))),
            timeout: timeout(settings),
            refused_key: refused_key(&creds.source, creds.profile.is_some()),
        }
    }
}

/// The key to send for `creds`: a stored login's key is read again from its
/// store after a 401; a key from the environment or a project file is fixed.
fn key_provider(creds: &Resolved, stores: Stores) -> Arc<dyn KeyProvider> {
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

/// The log line for a 401 from the cloud. Only a stored login's key is read
/// again (see [`key_provider`]); a key from the environment or a project file
/// is read once, at start.
fn refused_key(source: &KeySource, has_profile: bool) -> String {
    match source {
        KeySource::Store(_) if has_profile => format!(
            "Skene Cloud refused the workspace key (401), also after reading the {} again: run `skene login`",
            source.describe()
        ),
        KeySource::Store(_) => format!(
            "Skene Cloud refused the workspace key from the {} (401): run `skene login`, then restart the agent",
            source.describe()
        ),
        KeySource::Env(var) => format!(
            "Skene Cloud refused the workspace key in {var} (401): set a valid key there (or unset it to use `skene login`'s), then restart the agent, which reads {var} only when it starts"
        ),
        KeySource::Project(path) => format!(
            "Skene Cloud refused the workspace key in {} (401): fix the key there (or remove it to use `skene login`'s), then restart the agent, which reads it only when it starts",
            path.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::StoreKind;

    #[test]
    fn a_refused_key_is_told_by_where_it_came_from() {
        let env = refused_key(&KeySource::Env("SKENE_API_KEY"), false);
        assert!(env.contains("in SKENE_API_KEY"), "{env}");
        assert!(env.contains("restart the agent"), "{env}");
        assert!(!env.contains("again"), "an env key is never re-read: {env}");
        let stored = refused_key(&KeySource::Store(StoreKind::File), true);
        assert!(
            stored.contains("after reading the credentials file again"),
            "{stored}"
        );
        let project = refused_key(&KeySource::Project(".skene.config".into()), false);
        assert!(project.contains("in .skene.config"), "{project}");
        assert!(!project.contains("again"), "{project}");
    }
}
