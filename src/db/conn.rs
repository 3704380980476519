//! One connection: TLS per `sslmode`, a connect timeout, a background task that
//! drives the socket and hands over notifications, and an end reason when the
//! server goes away — so that a long-running caller (the agent) can reconnect by
//! calling [`connect`] again and re-`LISTEN`.

use std::future::poll_fn;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, Client};

use super::error::{DbError, DbErrorKind};
use super::tls;
use super::url::DbUrl;

/// A `NOTIFY` received on a channel this connection listens to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub channel: String,
    pub payload: String,
    /// The server process that sent it.
    pub process_id: i32,
}

#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// Upper bound on any one statement run through [`Connection::timed`] and on
    /// `statement_timeout` inside read-only snapshots.
    pub statement_timeout: Duration,
    /// TCP keepalive idle time: a dead peer is noticed within about this long.
    pub keepalive_idle: Duration,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            statement_timeout: Duration::from_secs(30),
            keepalive_idle: Duration::from_secs(30),
        }
    }
}

pub struct Connection {
    client: Client,
    notifications: mpsc::UnboundedReceiver<Notification>,
    ended: Arc<Mutex<Option<String>>>,
    task: tokio::task::JoinHandle<()>,
    url: String,
    password: Option<String>,
    options: ConnectOptions,
}

/// Connects to `url`. Must run inside a Tokio runtime (the connection's task is
/// spawned on it).
pub async fn connect(url: &DbUrl, options: &ConnectOptions) -> Result<Connection, DbError> {
    let shown = url.redacted();
    let password = url.password();
    let mut config = url.config().clone();
    config.ssl_mode(tls::driver_mode(url.ssl_mode));
    config.keepalives_idle(options.keepalive_idle);
    // Reading the system's CA certificates takes tens of milliseconds: on a
    // blocking thread, not the agent's one runtime thread.
    let (mode, root) = (url.ssl_mode, url.ssl_root_cert.clone());
    let connector = tokio::task::spawn_blocking(move || tls::connector(mode, root.as_deref()))
        .await
        .map_err(|e| DbError::config(format!("cannot set up TLS: {e}")))??;
    let limit = config
        .get_connect_timeout()
        .copied()
        .unwrap_or(super::url::DEFAULT_CONNECT_TIMEOUT)
        + Duration::from_secs(5);
    let what = format!("cannot connect to {shown}");
    let (client, mut connection) =
        match tokio::time::timeout(limit, config.connect(connector)).await {
            Ok(Ok(pair)) => pair,
            Ok(Err(e)) => return Err(DbError::from_driver(&e, &what, password.as_deref())),
            Err(_) => {
                return Err(DbError::new(
                    DbErrorKind::Timeout,
                    format!("{what}: no answer within {} s", limit.as_secs()),
                ));
            }
        };
    let (tx, rx) = mpsc::unbounded_channel();
    let ended = Arc::new(Mutex::new(None));
    let ended_in_task = ended.clone();
    let scrub_with = password.clone();
    let task = tokio::spawn(async move {
        let reason = loop {
            match poll_fn(|cx| connection.poll_message(cx)).await {
                Some(Ok(AsyncMessage::Notification(n))) => {
                    let _ = tx.send(Notification {
                        channel: n.channel().to_owned(),
                        payload: n.payload().to_owned(),
                        process_id: n.process_id(),
                    });
                }
                Some(Ok(_)) => {} // notices and future message kinds
                Some(Err(e)) => {
                    break DbError::from_driver(&e, "the connection ended", scrub_with.as_deref())
                        .to_string();
                }
                None => break "the connection was closed".to_owned(),
            }
        };
        if let Ok(mut slot) = ended_in_task.lock() {
            *slot = Some(reason);
        }
    });
    Ok(Connection {
        client,
        notifications: rx,
        ended,
        task,
        url: shown,
        password,
        options: options.clone(),
    })
}

impl Connection {
    /// The driver's client, for queries of the caller's own.
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn client_mut(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The redacted URL, for messages.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The password, to scrub from driver messages of the caller's own queries.
    pub(crate) fn password_to_scrub(&self) -> Option<String> {
        self.password.clone()
    }

    pub fn options(&self) -> &ConnectOptions {
        &self.options
    }

    /// Turns a driver error of this connection into a redacted [`DbError`].
    pub fn error(&self, err: &tokio_postgres::Error, what: &str) -> DbError {
        DbError::from_driver(
            err,
            &format!("{what} on {}", self.url),
            self.password.as_deref(),
        )
    }

    /// Runs `fut` (a query on this connection) with the statement time limit.
    pub async fn timed<T>(
        &self,
        what: &str,
        fut: impl Future<Output = Result<T, tokio_postgres::Error>>,
    ) -> Result<T, DbError> {
        match tokio::time::timeout(self.options.statement_timeout, fut).await {
            Ok(result) => result.map_err(|e| self.error(&e, what)),
            Err(_) => Err(DbError::new(
                DbErrorKind::Timeout,
                format!(
                    "{what} on {}: no answer within {} s",
                    self.url,
                    self.options.statement_timeout.as_secs()
                ),
            )),
        }
    }

    /// `LISTEN "channel"`. After a reconnect, listen again on the new connection.
    pub async fn listen(&self, channel: &str) -> Result<(), DbError> {
        let sql = format!("LISTEN {}", crate::sql::quote::ident(channel));
        self.timed("cannot listen", self.client.batch_execute(&sql))
            .await
    }

    /// The next notification; `None` once the connection has ended.
    pub async fn next_notification(&mut self) -> Option<Notification> {
        self.notifications.recv().await
    }

    /// A notification already received, without waiting.
    pub fn try_notification(&mut self) -> Option<Notification> {
        self.notifications.try_recv().ok()
    }

    /// Whether the connection has ended (the agent then reconnects).
    pub fn is_closed(&self) -> bool {
        self.client.is_closed() || self.task.is_finished()
    }

    /// Why the connection ended, once it has.
    pub fn end_reason(&self) -> Option<String> {
        self.ended.lock().ok().and_then(|r| r.clone())
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.task.abort();
    }
}
