//! [`AgentStatus`]: the running agent's picture of itself, shared by its parts
//! (`Arc<AgentStatus>`, thread-safe) and served as JSON by `GET /status`.
//!
//! The gateway counts its requests itself. The event forwarder either reports
//! through the methods under "the event forwarder's side" (connection states,
//! the backlog, delivered and failed counts, the last error), or keeps counters
//! of its own and lends them with [`AgentStatus::set_forwarder_source`], read at
//! each snapshot. What goes in must hold no secret (no database password, no
//! proxy secret); keys are masked anyway.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::secret::redact;

/// The state of a connection (to the database, to the cloud).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// Not used by this agent (`--gateway-only`).
    Off,
    Connecting,
    Connected,
    /// Lost; being retried.
    Disconnected,
    /// Deliberately stopped (e.g. a 401 from the ingest: the secret is wrong).
    Paused,
}

impl Link {
    pub fn as_str(self) -> &'static str {
        match self {
            Link::Off => "off",
            Link::Connecting => "connecting",
            Link::Connected => "connected",
            Link::Disconnected => "disconnected",
            Link::Paused => "paused",
        }
    }
}

/// A connection's state, since when, and why (a short, secret-free reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkState {
    pub state: Link,
    /// RFC 3339, UTC.
    pub since: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// An error and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastError {
    pub at: String,
    pub message: String,
}

/// The gateway's part of `/status`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GatewayStatus {
    pub enabled: bool,
    /// `http://127.0.0.1:<port>/v1`.
    pub base_url: Option<String>,
    /// Requests answered, whatever the answer.
    pub requests: u64,
    /// Requests relayed to the cloud.
    pub forwarded: u64,
    /// Requests refused by the gateway itself (Host, Origin, token, size…).
    pub refused: u64,
    /// Answers the gateway made because the cloud could not be reached or was too slow.
    pub upstream_errors: u64,
    pub in_flight: u64,
    pub last_error: Option<LastError>,
}

/// The event forwarder's part of `/status` (filled by the forwarder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ForwarderStatus {
    pub enabled: bool,
    pub database: LinkState,
    pub cloud: LinkState,
    /// Rows of the outbox not yet processed, when known.
    pub backlog: Option<u64>,
    /// Seconds since the oldest unprocessed event occurred, when there is one.
    pub oldest_unprocessed_age_secs: Option<f64>,
    pub delivered: u64,
    pub failed: u64,
    pub last_error: Option<LastError>,
    /// The database, password redacted.
    pub database_url: Option<String>,
    /// Whether new events are announced by NOTIFY (else found by polling).
    pub notify: Option<bool>,
    /// Failed attempts, retried later.
    pub retries: u64,
    /// When an event was last delivered (RFC 3339, UTC).
    pub last_delivered_at: Option<String>,
}

impl Default for ForwarderStatus {
    fn default() -> Self {
        let off = LinkState {
            state: Link::Off,
            since: String::new(),
            detail: None,
        };
        Self {
            enabled: false,
            database: off.clone(),
            cloud: off,
            backlog: None,
            oldest_unprocessed_age_secs: None,
            delivered: 0,
            failed: 0,
            last_error: None,
            database_url: None,
            notify: None,
            retries: 0,
            last_delivered_at: None,
        }
    }
}

/// Reads a forwarder's own counters as the `forwarder` part of `/status`.
pub type ForwarderSource = Box<dyn Fn() -> ForwarderStatus + Send + Sync>;

/// What `GET /status` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: String,
    pub pid: u32,
    pub workspace: String,
    pub api_base: String,
    pub started_at: String,
    pub uptime_secs: u64,
    #[serde(default)]
    pub gateway: GatewayStatus,
    #[serde(default)]
    pub forwarder: ForwarderStatus,
}

/// Who the agent is, fixed at start.
#[derive(Debug, Clone)]
pub struct AgentInfo {
    pub workspace: String,
    pub api_base: String,
}

/// Where the forwarder's counters come from, when it runs.
#[derive(Default)]
struct Forwarder {
    source: Option<ForwarderSource>,
}

impl std::fmt::Debug for Forwarder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Forwarder")
            .field("running", &self.source.is_some())
            .finish()
    }
}

/// The running agent's shared status. Create one per agent with
/// [`AgentStatus::new`] and hand `Arc` clones to its parts.
#[derive(Debug)]
pub struct AgentStatus {
    info: AgentInfo,
    started: Instant,
    started_at: DateTime<Utc>,
    gateway_url: OnceLock<String>,
    requests: AtomicU64,
    forwarded: AtomicU64,
    refused: AtomicU64,
    upstream_errors: AtomicU64,
    in_flight: AtomicU64,
    gateway_error: Mutex<Option<LastError>>,
    forwarder: Mutex<Forwarder>,
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AgentStatus {
    pub fn new(info: AgentInfo) -> Self {
        Self {
            info,
            started: Instant::now(),
            started_at: Utc::now(),
            gateway_url: OnceLock::new(),
            requests: AtomicU64::new(0),
            forwarded: AtomicU64::new(0),
            refused: AtomicU64::new(0),
            upstream_errors: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            gateway_error: Mutex::new(None),
            forwarder: Mutex::new(Forwarder::default()),
        }
    }

    pub fn started_at(&self) -> String {
        self.started_at.to_rfc3339_opts(SecondsFormat::Secs, true)
    }
}

/// The event forwarder's side: it keeps counters of its own and lends them.
impl AgentStatus {
    /// `/status` reads the forwarder's counters from `source` at each request
    /// (`enabled` is set, and secrets masked, here).
    pub fn set_forwarder_source(&self, source: ForwarderSource) {
        lock(&self.forwarder).source = Some(source);
    }
}

/// The gateway's side.
impl AgentStatus {
    pub(crate) fn set_gateway_url(&self, url: String) {
        let _ = self.gateway_url.set(url);
    }

    pub(crate) fn request_started(&self) {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn request_ended(&self) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.in_flight.fetch_sub(1, Ordering::Relaxed);
    }

    pub(crate) fn count_forwarded(&self) {
        self.forwarded.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn count_refused(&self) {
        self.refused.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn upstream_error(&self, message: &str) {
        self.upstream_errors.fetch_add(1, Ordering::Relaxed);
        *lock(&self.gateway_error) = Some(LastError {
            at: now(),
            message: clean(message),
        });
    }

    pub fn snapshot(&self) -> Snapshot {
        let forwarder = {
            let f = lock(&self.forwarder);
            match &f.source {
                Some(source) => {
                    let mut status = source();
                    status.enabled = true;
                    for link in [&mut status.database, &mut status.cloud] {
                        link.detail = link.detail.as_deref().map(clean);
                    }
                    status.last_error = status.last_error.map(|e| LastError {
                        message: clean(&e.message),
                        ..e
                    });
                    status
                }
                // `--gateway-only`: both links off.
                None => ForwarderStatus::default(),
            }
        };
        let url = self.gateway_url.get().cloned();
        Snapshot {
            version: super::VERSION.to_owned(),
            pid: std::process::id(),
            workspace: self.info.workspace.clone(),
            api_base: self.info.api_base.clone(),
            started_at: self.started_at(),
            uptime_secs: self.started.elapsed().as_secs(),
            gateway: GatewayStatus {
                enabled: url.is_some(),
                base_url: url,
                requests: self.requests.load(Ordering::Relaxed),
                forwarded: self.forwarded.load(Ordering::Relaxed),
                refused: self.refused.load(Ordering::Relaxed),
                upstream_errors: self.upstream_errors.load(Ordering::Relaxed),
                in_flight: self.in_flight.load(Ordering::Relaxed),
                last_error: lock(&self.gateway_error).clone(),
            },
            forwarder,
        }
    }
}

/// A message as status may show it: keys masked, at most 300 characters.
fn clean(text: &str) -> String {
    let text = redact(text);
    let mut out: String = text.chars().take(300).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status() -> AgentStatus {
        AgentStatus::new(AgentInfo {
            workspace: "my-app".into(),
            api_base: "http://127.0.0.1:9/api/v1".into(),
        })
    }

    #[test]
    fn without_a_forwarder_its_links_are_off() {
        let s = status();
        let snap = s.snapshot();
        assert!(!snap.forwarder.enabled);
        assert_eq!(snap.forwarder.database.state, Link::Off);
        assert_eq!(snap.forwarder.cloud.state, Link::Off);
        assert!(!snap.gateway.enabled);
        s.set_gateway_url("http://127.0.0.1:1/v1".into());
        let json = serde_json::to_string(&s.snapshot()).unwrap();
        let back: Snapshot = serde_json::from_str(&json).unwrap();
        assert!(back.gateway.enabled);
    }

    #[test]
    fn a_forwarder_with_counters_of_its_own_lends_them() {
        let s = status();
        let key = format!("{}{}", crate::secret::KEY_PREFIX, "k".repeat(20));
        let message = format!("refused {key}");
        s.set_forwarder_source(Box::new(move || ForwarderStatus {
            database: LinkState {
                state: Link::Connected,
                since: String::new(),
                detail: None,
            },
            delivered: 7,
            retries: 2,
            notify: Some(true),
            last_error: Some(LastError {
                at: "2026-01-01T00:00:00Z".into(),
                message: message.clone(),
            }),
            ..ForwarderStatus::default()
        }));
        let f = s.snapshot().forwarder;
        assert!(f.enabled);
        assert_eq!(
            (f.database.state, f.delivered, f.retries),
            (Link::Connected, 7, 2)
        );
        assert!(!f.last_error.unwrap().message.contains(&key));
    }

    #[test]
    fn gateway_counters() {
        let s = status();
        s.request_started();
        s.request_started();
        s.count_refused();
        s.request_ended();
        s.upstream_error("could not connect");
        let g = s.snapshot().gateway;
        assert_eq!(
            (g.requests, g.in_flight, g.refused, g.upstream_errors),
            (1, 1, 1, 1)
        );
        assert_eq!(g.last_error.unwrap().message, "could not connect");
    }
}
