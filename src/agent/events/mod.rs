//! The event forwarder: carries `skene_growth.event_log` rows to the workspace's
//! `POST /cloud/ingest/db-trigger`, at least once, never two agents at once,
//! surviving database and cloud outages and SIGKILL.
//!
//! One entry point, [`run`]: give it a [`Config`], a [`Status`] to keep up to date
//! (read it from anywhere with [`Status::snapshot`]), an [`Observer`] that
//! receives [`LogEvent`]s (the command prints them), and a future that resolves
//! when it should stop. It returns once stopped (the batch in flight settled) or
//! on an error it cannot wait out (wrong password, missing outbox, pg_net already
//! delivering, another agent holding the lock). No printing here.
//!
//! How a row travels: a transaction locks up to `in_flight` unprocessed rows in
//! id order (`FOR UPDATE SKIP LOCKED`), posts them all at once, records each
//! answer (`processed_at` after a 2xx; `attempts`, `last_error` otherwise; a move
//! to `failed_events` after `max_rejections` 4xx answers), announces the outcomes
//! on `skene_agent_outcomes` and commits. A crash before the commit leaves the
//! rows unprocessed and unlocked: they are sent again (the cloud ignores
//! duplicates by `record.id`), at most one batch per crash.

mod backoff;
mod deliver;
mod forwarder;
pub mod gaps;
pub mod guard;
pub mod lock;
pub mod outbox;
mod policy;
mod status;
mod stop;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use backoff::Backoff;
// CloudState, DbState and EventsStatus are read by the agent's `GET /status`.
#[allow(unused_imports)]
pub use status::{CloudState, DbState, EventsStatus, LogEvent, Observer, Status, secs};

use crate::agent::secret::ProxySecret;
use crate::api::Client;
use crate::db::{ConnectOptions, DbError, DbUrl};

/// Where the proxy secret is read from; read again while delivery is paused by a
/// 401 (it may have been fixed). May block (a keyring call): it is called on a
/// blocking thread.
pub trait SecretSource: Send + Sync {
    fn current(&self) -> Result<Option<ProxySecret>, String>;
}

/// Everything the forwarder needs; [`Config::new`] fills in the defaults.
pub struct Config {
    pub database: DbUrl,
    pub connect: ConnectOptions,
    /// A client at the workspace's API base, with no key and no retries of its
    /// own (`RetryPolicy { max_retries: 0, .. }`): the forwarder retries.
    pub client: Client,
    pub secret: Arc<dyn SecretSource>,
    /// Where the per-database lock file lives (`<config dir>/agent`).
    pub lock_dir: PathBuf,
    /// The workspace, for the lock and messages: `<API base> <profile>`.
    pub workspace: String,
    /// Requests in flight at once, and rows per transaction (at most this many
    /// are sent again after a crash).
    pub in_flight: usize,
    /// 4xx answers (other than 401, 408, 429) after which a row is moved to
    /// `failed_events`.
    pub max_rejections: u32,
    /// How often the outbox is looked at without a NOTIFY.
    pub poll_interval: Duration,
    /// Waits between failed attempts (full jitter; Retry-After wins).
    pub backoff: Backoff,
    /// How long one request may take.
    pub request_timeout: Duration,
    /// Disable the pg_net webhook trigger when it delivers, instead of refusing.
    pub take_over: bool,
    /// How often the oldest unprocessed id is looked for from scratch.
    pub rescan_every: Duration,
    /// How often the backlog is counted.
    pub stats_every: Duration,
    /// How often the pg_net webhook trigger is looked at again (its URL may be
    /// filled in while the agent runs: then both would deliver).
    pub guard_every: Duration,
    /// How often "delivered N in the last minute" is said.
    pub summary_every: Duration,
}

impl Config {
    pub fn new(
        database: DbUrl,
        client: Client,
        secret: Arc<dyn SecretSource>,
        lock_dir: PathBuf,
        workspace: String,
    ) -> Self {
        Self {
            database,
            connect: ConnectOptions::default(),
            client,
            secret,
            lock_dir,
            workspace,
            in_flight: 8,
            max_rejections: 5,
            poll_interval: Duration::from_millis(250),
            backoff: Backoff::default(),
            request_timeout: Duration::from_secs(10),
            take_over: false,
            rescan_every: Duration::from_secs(30),
            stats_every: Duration::from_secs(2),
            guard_every: Duration::from_secs(10),
            summary_every: Duration::from_secs(60),
        }
    }
}

/// Why the forwarder stopped without being asked to.
#[derive(Debug)]
pub enum ForwardError {
    /// Another agent forwards this database to this workspace on this machine.
    Locked {
        holder: String,
        path: PathBuf,
    },
    Lock(String),
    /// pg_net's webhook trigger is enabled with a real URL (found at connect,
    /// or while forwarding: then the agent stops): forwarding too would send
    /// every event twice.
    WebhookActive {
        database: String,
        trigger: String,
        url: Option<String>,
    },
    /// No proxy secret anywhere.
    NoSecret,
    /// The secret store could not be read.
    Secret(String),
    /// A database error that waiting will not fix (password, TLS, missing
    /// outbox, permissions).
    Database(DbError),
}

impl std::fmt::Display for ForwardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ForwardError::Locked { holder, path } => write!(
                f,
                "another skene agent already forwards this database's events to this workspace: {holder} (lock {})",
                path.display()
            ),
            ForwardError::Lock(e) => write!(f, "{e}"),
            ForwardError::WebhookActive {
                database,
                trigger,
                url,
            } => write!(
                f,
                "pg_net already delivers the events of {database}: its trigger {trigger} is enabled and posts to {}; forwarding too would send every event twice",
                url.as_deref()
                    .unwrap_or("a URL that is not the placeholder")
            ),
            ForwardError::NoSecret => f.write_str("no proxy secret is set for this workspace"),
            ForwardError::Secret(e) => write!(f, "cannot read the proxy secret: {e}"),
            ForwardError::Database(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ForwardError {}

/// Takes the lock of this (database, workspace) pair on this machine, for
/// [`run`]: one forwarder per pair, whatever else runs.
pub fn lock(config: &Config) -> Result<lock::DbLock, ForwardError> {
    lock::DbLock::acquire(&config.lock_dir, &config.database, &config.workspace).map_err(
        |e| match e {
            lock::LockError::Held { holder, path } => ForwardError::Locked { holder, path },
            other => ForwardError::Lock(other.to_string()),
        },
    )
}

/// Runs the forwarder until `shutdown` resolves (then settles the batch in flight
/// and returns `Ok`) or an error that waiting cannot fix. `held` is the pair's
/// lock from [`lock`], held until this returns.
pub async fn run(
    config: Config,
    held: lock::DbLock,
    status: Status,
    observer: Arc<dyn Observer>,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ForwardError> {
    let result = forwarder::Forwarder::new(config, status, observer)
        .run(std::pin::pin!(shutdown))
        .await;
    drop(held);
    result
}

/// The forwarder can be spawned on a multi-thread runtime (checked at compile time).
#[allow(dead_code)]
fn run_is_send(config: Config, held: lock::DbLock, status: Status, observer: Arc<dyn Observer>) {
    fn is_send<T: Send>(_: &T) {}
    is_send(&run(config, held, status, observer, async {}));
}
