//! What the forwarder tells the world: live counters anyone can read
//! ([`Status`], for `GET /status`), and one [`LogEvent`] per state change (and per
//! event, for `-v`) handed to an [`Observer`] that the command layer prints.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde::Serialize;

/// The database side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DbState {
    Connecting,
    Connected,
    /// Lost; reconnecting with backoff.
    Reconnecting,
}

/// The cloud side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CloudState {
    /// Nothing sent yet.
    Unknown,
    /// The last request was accepted.
    Ok,
    /// 5xx, 429, 408 or no answer: retrying with backoff.
    Retrying,
    /// 401: the proxy secret was refused; delivery waits for a new one.
    PausedUnauthorized,
}

/// A snapshot of the forwarder's counters. Serializes as the `events` part of the
/// agent's `GET /status` (field names are part of that JSON).
#[derive(Debug, Clone, Serialize)]
pub struct EventsStatus {
    pub database: DbState,
    /// The database, password redacted.
    pub database_url: String,
    pub cloud: CloudState,
    /// Whether new events are announced by NOTIFY (else they are found by polling).
    pub notify: bool,
    /// Unprocessed rows in `event_log`, as last counted (`None` before the first count).
    pub backlog: Option<u64>,
    /// Seconds since the oldest unprocessed event occurred, as last counted.
    pub oldest_unprocessed_age_secs: Option<f64>,
    /// Events the cloud accepted (2xx) since the agent started.
    pub delivered: u64,
    /// Events moved to `failed_events` since the agent started.
    pub failed: u64,
    /// Failed attempts (retried later) since the agent started.
    pub retries: u64,
    /// The last error, database or cloud (never holds a secret or a password).
    pub last_error: Option<String>,
    /// When `last_error` happened (Unix seconds).
    pub last_error_at: Option<f64>,
    /// When an event was last delivered (Unix seconds).
    pub last_delivered_at: Option<f64>,
}

/// The counters, shared: the forwarder updates them, anyone may read a snapshot.
/// Cheap to clone (one `Arc`).
#[derive(Debug, Clone)]
pub struct Status {
    inner: Arc<Mutex<EventsStatus>>,
}

fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

impl Status {
    pub fn new(database_url: String) -> Self {
        Self {
            inner: Arc::new(Mutex::new(EventsStatus {
                database: DbState::Connecting,
                database_url,
                cloud: CloudState::Unknown,
                notify: false,
                backlog: None,
                oldest_unprocessed_age_secs: None,
                delivered: 0,
                failed: 0,
                retries: 0,
                last_error: None,
                last_error_at: None,
                last_delivered_at: None,
            })),
        }
    }

    /// The counters as they are now.
    pub fn snapshot(&self) -> EventsStatus {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, EventsStatus> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn update(&self, change: impl FnOnce(&mut EventsStatus)) {
        change(&mut self.lock());
    }

    pub(super) fn error(&self, message: &str) {
        self.update(|s| {
            s.last_error = Some(message.to_owned());
            s.last_error_at = Some(unix_now());
        });
    }

    pub(super) fn delivered(&self, n: u64) {
        if n > 0 {
            self.update(|s| {
                s.delivered += n;
                s.last_delivered_at = Some(unix_now());
            });
        }
    }
}

/// One thing worth saying about the forwarder. `verbose()` ones are per event.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum LogEvent {
    /// Connected to the database (again).
    Connected { database: String, notify: bool },
    /// The database connection failed or ended; trying again.
    DatabaseLost { error: String, retry_in_ms: u64 },
    /// Still unavailable, for the same reason; trying again (verbose).
    Reconnecting { retry_in_ms: u64 },
    /// `--take-over`: the pg_net webhook trigger was disabled.
    TookOver { trigger: String, url: String },
    /// The pg_net webhook trigger exists with the placeholder URL: it sends nothing
    /// that arrives, so the agent forwards.
    WebhookPlaceholder { trigger: String },
    /// Unprocessed events waiting.
    Backlog {
        size: u64,
        oldest_age_secs: Option<f64>,
    },
    /// No unprocessed event is left.
    CaughtUp { delivered: u64 },
    /// The cloud failed (5xx, 429, 408, no answer): waiting, then trying again.
    CloudRetrying {
        error: String,
        status: Option<u16>,
        retry_in_ms: u64,
    },
    /// The cloud accepts events again.
    CloudRecovered,
    /// 401: delivery paused until the proxy secret is fixed.
    Paused { error: String },
    /// Delivery resumed after a pause.
    Resumed,
    /// How many events were delivered in the last `secs` seconds (once a minute).
    DeliveredRecently {
        count: u64,
        secs: u64,
        backlog: Option<u64>,
    },
    /// An event was accepted (verbose).
    Delivered {
        id: i64,
        event_type: String,
        status: u16,
        ms: u64,
    },
    /// An event's attempt failed; it is tried again (verbose).
    Retry {
        id: i64,
        event_type: String,
        status: Option<u16>,
        error: String,
    },
    /// An event was refused (4xx) too often and moved to `failed_events`.
    MovedToFailed {
        id: i64,
        event_type: String,
        status: u16,
        reason: String,
    },
    /// Stopping on request; the in-flight batch was settled.
    Stopped { delivered: u64 },
}

impl LogEvent {
    /// Per-event lines, shown with `-v` only.
    pub fn verbose(&self) -> bool {
        matches!(
            self,
            LogEvent::Delivered { .. } | LogEvent::Retry { .. } | LogEvent::Reconnecting { .. }
        )
    }

    /// Problems, shown as warnings.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            LogEvent::DatabaseLost { .. }
                | LogEvent::CloudRetrying { .. }
                | LogEvent::Paused { .. }
                | LogEvent::MovedToFailed { .. }
        )
    }

    /// One line for people.
    pub fn message(&self) -> String {
        match self {
            LogEvent::Connected { database, notify } => format!(
                "connected to {database} ({})",
                if *notify {
                    "new events announced by NOTIFY"
                } else {
                    "no NOTIFY trigger: polling every 250 ms"
                }
            ),
            LogEvent::DatabaseLost { error, retry_in_ms } => format!(
                "database unavailable: {error}; reconnecting in {}",
                secs(*retry_in_ms)
            ),
            LogEvent::Reconnecting { retry_in_ms } => {
                format!("still no database; trying again in {}", secs(*retry_in_ms))
            }
            LogEvent::TookOver { trigger, url } => format!(
                "took over from pg_net: disabled the trigger {trigger} (it posted to {url}); `skene agent release` re-enables it"
            ),
            LogEvent::WebhookPlaceholder { trigger } => format!(
                "the pg_net trigger {trigger} holds the placeholder URL (it delivers nothing); forwarding"
            ),
            LogEvent::Backlog {
                size,
                oldest_age_secs,
            } => match oldest_age_secs {
                Some(age) => format!(
                    "backlog {size} event{} (oldest {} old)",
                    plural(*size),
                    secs((age * 1000.0) as u64)
                ),
                None => format!("backlog {size} event{}", plural(*size)),
            },
            LogEvent::CaughtUp { delivered } => {
                format!("caught up ({delivered} delivered so far)")
            }
            LogEvent::CloudRetrying {
                error, retry_in_ms, ..
            } => format!("cloud failing: {error}; retrying in {}", secs(*retry_in_ms)),
            LogEvent::CloudRecovered => "cloud accepts events again".to_owned(),
            LogEvent::Paused { error } => format!(
                "paused: 401, the proxy secret was refused ({error}); nothing is dropped. \
                 Set the right one with `skene agent secret set`"
            ),
            LogEvent::Resumed => "resumed: the proxy secret is accepted".to_owned(),
            LogEvent::DeliveredRecently {
                count,
                secs: window,
                backlog,
            } => {
                let mut text = if *window == 60 {
                    format!("delivered {count} in the last minute")
                } else {
                    format!("delivered {count} in the last {window} s")
                };
                if let Some(b) = backlog.filter(|b| *b > 0) {
                    text.push_str(&format!("; backlog {b}"));
                }
                text
            }
            LogEvent::Delivered {
                id,
                event_type,
                status,
                ms,
            } => format!("#{id} {event_type} → {status} ({ms} ms)"),
            LogEvent::Retry {
                id,
                event_type,
                error,
                ..
            } => format!("#{id} {event_type} → retry: {error}"),
            LogEvent::MovedToFailed {
                id,
                event_type,
                reason,
                ..
            } => format!("#{id} {event_type} moved to skene_growth.failed_events: {reason}"),
            LogEvent::Stopped { delivered } => {
                format!("stopped ({delivered} delivered)")
            }
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `250 ms`, `4 s`, `2 min`.
pub fn secs(ms: u64) -> String {
    let d = Duration::from_millis(ms);
    if ms < 1000 {
        format!("{ms} ms")
    } else if d.as_secs() < 120 {
        let s = d.as_secs_f64();
        if s.fract() < 0.05 || s >= 10.0 {
            format!("{:.0} s", s)
        } else {
            format!("{s:.1} s")
        }
    } else if d.as_secs() < 7200 {
        format!("{} min", d.as_secs() / 60)
    } else {
        format!("{} h", d.as_secs() / 3600)
    }
}

/// Receives the forwarder's log events (the command prints them).
pub trait Observer: Send + Sync {
    fn log(&self, event: &LogEvent);
}

impl<F: Fn(&LogEvent) + Send + Sync> Observer for F {
    fn log(&self, event: &LogEvent) {
        self(event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(secs(250), "250 ms");
        assert_eq!(secs(4000), "4 s");
        assert_eq!(secs(1500), "1.5 s");
        assert_eq!(secs(59_900), "60 s");
        assert_eq!(secs(600_000), "10 min");
    }

    #[test]
    fn events_serialize_with_their_name() {
        let v = serde_json::to_value(LogEvent::CaughtUp { delivered: 3 }).unwrap();
        assert_eq!(v, serde_json::json!({"event": "caught_up", "delivered": 3}));
        let s = Status::new("postgresql://u:***@h/db".into());
        s.delivered(2);
        let snap = serde_json::to_value(s.snapshot()).unwrap();
        assert_eq!(snap["delivered"], 2);
        assert_eq!(snap["database"], "connecting");
        assert_eq!(snap["cloud"], "unknown");
    }
}
