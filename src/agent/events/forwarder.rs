//! The forwarder's loop: connect (again, with backoff), check that pg_net does not
//! deliver already, LISTEN, then claim → send → settle batches until stopped.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::deliver::send_all;
use super::gaps::Gaps;
use super::outbox::{self, Claimed, Outcome, Settle, Statements};
use super::policy::Policy;
use super::status::{DbState, LogEvent, Observer, Status};
use super::stop::Stop;
use super::{Config, ForwardError, guard};
use crate::agent::secret::ProxySecret;
use crate::db::{self, Connection, DbError, DbErrorKind};
use crate::triggers::schema::{NOTIFY_CHANNEL, WEBHOOK_TRIGGER};

/// A backlog at least this large is announced (smaller ones come and go).
const ANNOUNCE_BACKLOG: u64 = 100;

pub(super) struct Forwarder {
    config: Config,
    status: Status,
    observer: Arc<dyn Observer>,
    secret: Option<ProxySecret>,
    /// The smallest id that may still be unprocessed.
    floor: i64,
    /// Ids the floor moved past that were not visible then (possibly late
    /// commits), looked up on every poll.
    gaps: Gaps,
    last_gap_check: Instant,
    policy: Policy,
    announced_backlog: bool,
    said_placeholder: bool,
    delivered_total: u64,
    delivered_window: u64,
    last_summary: Instant,
    last_stats: Option<Instant>,
    last_rescan: Instant,
    last_guard: Instant,
    db_failures: u32,
    said_db_error: Option<String>,
}

fn closed(conn: &Connection) -> DbError {
    DbError::new(
        DbErrorKind::Closed,
        conn.end_reason()
            .unwrap_or_else(|| format!("the connection to {} ended", conn.url())),
    )
}

impl Forwarder {
    pub(super) fn new(config: Config, status: Status, observer: Arc<dyn Observer>) -> Self {
        Self {
            policy: Policy::new(config.backoff, config.max_rejections),
            config,
            status,
            observer,
            secret: None,
            floor: 0,
            gaps: Gaps::default(),
            last_gap_check: Instant::now(),
            announced_backlog: false,
            said_placeholder: false,
            delivered_total: 0,
            delivered_window: 0,
            last_summary: Instant::now(),
            last_stats: None,
            last_rescan: Instant::now(),
            last_guard: Instant::now(),
            db_failures: 0,
            said_db_error: None,
        }
    }

    fn log(&self, event: LogEvent) {
        self.observer.log(&event);
    }

    async fn read_secret(&self) -> Result<Option<ProxySecret>, ForwardError> {
        let source = self.config.secret.clone();
        tokio::task::spawn_blocking(move || source.current())
            .await
            .map_err(|e| ForwardError::Secret(e.to_string()))?
            .map_err(ForwardError::Secret)
    }

    pub(super) async fn run(
        mut self,
        shutdown: Pin<&mut (dyn Future<Output = ()> + Send)>,
    ) -> Result<(), ForwardError> {
        self.secret = Some(self.read_secret().await?.ok_or(ForwardError::NoSecret)?);
        let mut stop = Stop {
            fut: shutdown,
            done: false,
        };
        loop {
            if stop.asked().await {
                break;
            }
            // A server that does not answer costs up to the connect timeout: stop wins.
            let connected = tokio::select! {
                c = db::connect(&self.config.database, &self.config.connect) => c,
                () = stop.wait() => break,
            };
            let result = match connected {
                Ok(conn) => self.serve(conn, &mut stop).await,
                Err(e) => Err(ForwardError::Database(e)),
            };
            match result {
                Ok(()) => break,
                Err(ForwardError::Database(e)) if e.is_transient() => {
                    self.db_failures += 1;
                    let wait = self.config.backoff.wait(self.db_failures, None);
                    self.status.update(|s| s.database = DbState::Reconnecting);
                    let error = e.to_string();
                    self.status.error(&error);
                    // Said once per outage (and when the reason changes), not per attempt.
                    let event = LogEvent::DatabaseLost {
                        error: error.clone(),
                        retry_in_ms: wait.as_millis() as u64,
                    };
                    if self.said_db_error.as_deref() != Some(error.as_str()) {
                        self.said_db_error = Some(error);
                        self.log(event);
                    } else {
                        self.log(LogEvent::Reconnecting {
                            retry_in_ms: wait.as_millis() as u64,
                        });
                    }
                    tokio::select! {
                        () = tokio::time::sleep(wait) => {}
                        () = stop.wait() => break,
                    }
                }
                Err(e) => {
                    if let ForwardError::Database(db) = &e {
                        self.status.error(&db.to_string());
                    }
                    return Err(e);
                }
            }
        }
        self.log(LogEvent::Stopped {
            delivered: self.delivered_total,
        });
        Ok(())
    }

    /// One connection's life: checks, LISTEN, then batches until stopped (`Ok`)
    /// or the connection fails.
    async fn serve(
        &mut self,
        mut conn: Connection,
        stop: &mut Stop<'_>,
    ) -> Result<(), ForwardError> {
        let db_err = ForwardError::Database;
        let notify = self.check_webhook(&conn).await?;
        conn.listen(NOTIFY_CHANNEL).await.map_err(db_err)?;
        let statements = Statements::prepare(&conn).await.map_err(db_err)?;
        self.rescan(&conn).await.map_err(db_err)?;
        self.db_failures = 0;
        self.said_db_error = None;
        self.status.update(|s| {
            s.database = DbState::Connected;
            s.notify = notify;
        });
        self.log(LogEvent::Connected {
            database: conn.url().to_owned(),
            notify,
        });
        self.last_stats = None;
        self.announced_backlog = false;
        loop {
            if stop.asked().await {
                return Ok(());
            }
            while let Some(n) = conn.try_notification() {
                self.noticed(&n.payload);
            }
            if conn.is_closed() {
                return Err(db_err(closed(&conn)));
            }
            self.housekeeping(&conn).await.map_err(db_err)?;
            if self.last_guard.elapsed() >= self.config.guard_every {
                let notify = self.check_webhook(&conn).await?;
                self.status.update(|s| s.notify = notify);
            }
            self.look_for_late_rows(&conn).await.map_err(db_err)?;
            if let Some(wait) = self.must_wait().await? {
                self.idle(&mut conn, stop, wait).await?;
                continue;
            }
            let cautious = self.policy.cautious();
            let limit = if cautious {
                1
            } else {
                self.config.in_flight.max(1)
            };
            let now = Instant::now();
            let skip = self.policy.waiting(now);
            let from = self.floor;
            let rows = outbox::claim(&conn, &statements, from, &skip, limit as i64)
                .await
                .map_err(db_err)?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            self.gaps.skipped(from, &ids, now);
            if rows.is_empty() {
                outbox::release(&conn).await.map_err(db_err)?;
                if self.announced_backlog {
                    self.announced_backlog = false;
                    self.last_stats = None;
                    self.log(LogEvent::CaughtUp {
                        delivered: self.delivered_total,
                    });
                }
                let wait = self
                    .policy
                    .next_deferred()
                    .unwrap_or(self.config.poll_interval);
                self.idle(&mut conn, stop, wait.min(self.config.poll_interval))
                    .await?;
                continue;
            }
            let (settled, outcomes) = self.deliver(&rows).await;
            outbox::settle(&conn, &statements, &settled, &outcomes)
                .await
                .map_err(db_err)?;
            self.after_commit(&rows, &settled);
        }
    }

    /// A NOTIFY payload: a new event's id, which may be below the floor (a
    /// transaction that committed late).
    fn noticed(&mut self, payload: &str) {
        if let Ok(id) = payload.trim().parse::<i64>()
            && id < self.floor
        {
            self.floor = id;
        }
    }

    /// Never twice: refuses to forward while pg_net's webhook trigger delivers
    /// (or disables it with `--take-over`). Run at connect and every
    /// `guard_every` after, as the trigger's URL may be filled in meanwhile.
    /// Says whether the NOTIFY trigger is on.
    async fn check_webhook(&mut self, conn: &Connection) -> Result<bool, ForwardError> {
        let db_err = ForwardError::Database;
        self.last_guard = Instant::now();
        let triggers = guard::inspect(conn).await.map_err(db_err)?;
        if let Some(webhook) = &triggers.webhook {
            if webhook.delivers() {
                if !self.config.take_over {
                    return Err(ForwardError::WebhookActive {
                        database: conn.url().to_owned(),
                        trigger: WEBHOOK_TRIGGER.to_owned(),
                        url: webhook.url.clone(),
                    });
                }
                guard::set_webhook(conn, false).await.map_err(db_err)?;
                self.log(LogEvent::TookOver {
                    trigger: WEBHOOK_TRIGGER.to_owned(),
                    url: webhook.url.clone().unwrap_or_default(),
                });
            } else if webhook.enabled && !self.said_placeholder {
                self.said_placeholder = true;
                self.log(LogEvent::WebhookPlaceholder {
                    trigger: WEBHOOK_TRIGGER.to_owned(),
                });
            }
        }
        Ok(triggers.notify)
    }

    /// Looks up the ids the floor moved past (at most once per poll interval):
    /// one that committed since and is unprocessed brings the floor back to it.
    async fn look_for_late_rows(&mut self, conn: &Connection) -> Result<(), DbError> {
        if self.gaps.is_empty() || self.last_gap_check.elapsed() < self.config.poll_interval {
            return Ok(());
        }
        self.last_gap_check = Instant::now();
        let ids = self.gaps.due(self.last_gap_check);
        if ids.is_empty() {
            return Ok(());
        }
        let found = outbox::look_up(conn, &ids).await?;
        self.gaps.found(found.iter().map(|(id, _)| *id));
        if let Some(late) = found
            .iter()
            .filter(|(_, waiting)| *waiting)
            .map(|(id, _)| *id)
            .min()
        {
            self.floor = self.floor.min(late);
        }
        Ok(())
    }

    /// Recomputes the floor from scratch.
    async fn rescan(&mut self, conn: &Connection) -> Result<(), DbError> {
        let lowest = outbox::floor(conn).await?;
        let deferred = self.policy.deferred_first();
        self.floor = match (lowest, deferred) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            // Nothing unprocessed: start above what exists.
            (None, _) => self.floor.max(0),
        };
        if lowest.is_none() {
            let max: Option<i64> = conn
                .timed(
                    "cannot read the newest event",
                    conn.client()
                        .query_one("SELECT max(id) FROM skene_growth.event_log", &[]),
                )
                .await?
                .get(0);
            if let Some(max) = max {
                self.floor = self.floor.max(max + 1);
            }
            if let Some(d) = deferred {
                self.floor = self.floor.min(d);
            }
        }
        self.last_rescan = Instant::now();
        Ok(())
    }

    /// Counting the backlog, the floor's rescan, the minute's summary.
    async fn housekeeping(&mut self, conn: &Connection) -> Result<(), DbError> {
        if self.last_rescan.elapsed() >= self.config.rescan_every {
            self.rescan(conn).await?;
        }
        let stats_due = self
            .last_stats
            .is_none_or(|at| at.elapsed() >= self.config.stats_every);
        if stats_due {
            let (backlog, age) =
                outbox::stats(conn, self.floor.min(self.policy.lowest_deferred())).await?;
            self.last_stats = Some(Instant::now());
            self.status.update(|s| {
                s.backlog = Some(backlog);
                s.oldest_unprocessed_age_secs = age;
            });
            if backlog >= ANNOUNCE_BACKLOG && !self.announced_backlog {
                self.announced_backlog = true;
                self.log(LogEvent::Backlog {
                    size: backlog,
                    oldest_age_secs: age,
                });
            }
        }
        if self.last_summary.elapsed() >= self.config.summary_every {
            if self.delivered_window > 0 {
                let backlog = self.status.snapshot().backlog;
                self.log(LogEvent::DeliveredRecently {
                    count: self.delivered_window,
                    secs: self.config.summary_every.as_secs(),
                    backlog,
                });
            }
            self.delivered_window = 0;
            self.last_summary = Instant::now();
        }
        Ok(())
    }

    /// How long to wait before the next request, if at all: a backoff, or a 401
    /// pause (left as soon as the secret changes).
    async fn must_wait(&mut self) -> Result<Option<Duration>, ForwardError> {
        if let Some((refused, retry_at)) = self.policy.paused.clone() {
            if let Some(fresh) = self.read_secret().await?
                && fresh != refused
            {
                // A new secret: try it at once (the pause ends at the first 2xx).
                self.secret = Some(fresh);
                self.policy.not_before = None;
                return Ok(None);
            }
            let now = Instant::now();
            if now >= retry_at {
                // Try the same secret again now and then: the cloud may have changed.
                self.policy.paused = Some((refused, now + self.config.backoff.max));
                return Ok(None);
            }
            // Look at the secret again soon.
            let recheck = self.config.backoff.base.max(Duration::from_millis(100));
            return Ok(Some(recheck.min(retry_at - now)));
        }
        match self.policy.not_before {
            Some(at) if at > Instant::now() => Ok(Some(at - Instant::now())),
            _ => Ok(None),
        }
    }

    /// Waits for `wait`, a NOTIFY, or stop, whichever comes first.
    async fn idle(
        &mut self,
        conn: &mut Connection,
        stop: &mut Stop<'_>,
        wait: Duration,
    ) -> Result<(), ForwardError> {
        tokio::select! {
            n = conn.next_notification() => match n {
                Some(n) => self.noticed(&n.payload),
                None => return Err(ForwardError::Database(closed(conn))),
            },
            () = tokio::time::sleep(wait) => {}
            () = stop.wait() => {}
        }
        Ok(())
    }

    /// Sends a batch; the policy decides what becomes of each row.
    async fn deliver(&mut self, rows: &[Claimed]) -> (Vec<(i64, Settle)>, Vec<Outcome>) {
        let secret = self.secret.clone().unwrap_or_else(|| ProxySecret::new(""));
        let answers = send_all(
            &self.config.client,
            secret.expose(),
            self.config.request_timeout,
            rows,
        )
        .await;
        self.policy.judge(
            rows,
            &answers,
            &secret,
            &self.status,
            self.observer.as_ref(),
        )
    }

    /// Counters and the floor, once the batch's transaction committed.
    fn after_commit(&mut self, rows: &[Claimed], settled: &[(i64, Settle)]) {
        let delivered = settled
            .iter()
            .filter(|(_, s)| matches!(s, Settle::Delivered))
            .count() as u64;
        let moved = settled
            .iter()
            .filter(|(_, s)| matches!(s, Settle::Move { .. }))
            .count() as u64;
        let failed = settled.len() as u64 - delivered - moved;
        self.delivered_total += delivered;
        self.delivered_window += delivered;
        self.status.delivered(delivered);
        self.status.update(|s| {
            s.failed += moved;
            s.retries += failed;
            if let Some(b) = s.backlog.as_mut() {
                *b = b.saturating_sub(delivered + moved);
            }
        });
        // Rows still unprocessed stay at or above the floor; past the batch, only
        // rows of other agents (or late commits, found by NOTIFY or the rescan).
        let unsettled = settled
            .iter()
            .filter(|(_, s)| matches!(s, Settle::Failed { .. }))
            .map(|(id, _)| *id)
            .min();
        let past = rows
            .iter()
            .map(|r| r.id)
            .max()
            .map_or(self.floor, |m| m + 1);
        self.floor = unsettled
            .unwrap_or(past)
            .min(past)
            .min(self.policy.lowest_deferred());
    }
}
