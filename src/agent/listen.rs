//! `skene agent listen`'s engine: tails `skene_growth.event_log` on a read-only
//! session — at once on NOTIFY when the database announces new events, else by
//! polling every 250 ms — and relays what a delivering agent announces on
//! `skene_agent_outcomes` (sent when its transaction commits, so only what
//! really happened). Reconnects by itself. Never writes; needs no cloud.
//!
//! An event that commits after events with higher ids (read already) is found
//! by its NOTIFY, or, when polling, by looking up the ids that were skipped
//! over ([`Gaps`]) on every poll.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::events::Backoff;
use super::events::gaps::Gaps;
use super::events::outbox::OUTCOME_CHANNEL;
use crate::db::{self, ConnectOptions, Connection, DbError, DbUrl};
use crate::triggers::schema::NOTIFY_CHANNEL;

/// Rows read per query.
const PAGE: i64 = 500;
/// Recently shown events remembered (for outcomes and late commits).
const REMEMBERED: usize = 10_000;

/// Which events to show.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// `orders` (any schema) or `public.orders`, case-insensitive.
    pub table: Option<String>,
    /// `insert`, `update` or `delete`.
    pub op: Option<String>,
}

impl Filter {
    pub fn matches(&self, event_type: &str) -> bool {
        let lower = event_type.to_ascii_lowercase();
        let (rest, op) = lower.rsplit_once('.').unwrap_or((lower.as_str(), ""));
        if let Some(want) = &self.op
            && !op.eq_ignore_ascii_case(want)
        {
            return false;
        }
        if let Some(want) = &self.table {
            let want = want.to_ascii_lowercase();
            let table = rest.split_once('.').map_or(rest, |(_, t)| t);
            if want.contains('.') {
                return rest == want;
            }
            return table == want;
        }
        true
    }
}

/// One event row.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: i64,
    pub event_type: String,
    pub entity_id: Option<String>,
    /// `metadata` as jsonb text.
    pub metadata: String,
    /// `occurred_at`, Unix seconds.
    pub occurred_at: f64,
    /// The whole row as jsonb text (for `--json`).
    pub record: String,
}

/// What a delivering agent announced about one event.
#[derive(Debug, Clone, Deserialize)]
pub struct Outcome {
    pub id: i64,
    /// `delivered`, `retry`, `failed` or `paused`.
    pub outcome: String,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub retry_in_ms: Option<u64>,
    #[serde(default)]
    pub error: Option<String>,
}

/// What the tail hands over.
#[derive(Debug, Clone)]
pub enum Item {
    Event(Event),
    /// An outcome, with the type of the event it is about.
    Outcome(Outcome, String),
    /// (Re)connected; `notify` tells whether NOTIFY announces events.
    Connected {
        database: String,
        notify: bool,
    },
    /// The connection failed; trying again after `retry_in`.
    Lost {
        error: String,
        retry_in: Duration,
    },
}

const ROWS: &str = "SELECT id, event_type, entity_id::text,
       coalesce(metadata, '{}'::jsonb)::text, extract(epoch FROM occurred_at)::float8,
       to_jsonb(e)::text
FROM skene_growth.event_log e";

pub struct Tail {
    url: DbUrl,
    filter: Filter,
    /// Events with an id up to this were read.
    last: i64,
    /// Ids below `last` that were not visible when it moved past them.
    gaps: Gaps,
    /// Shown event ids → type, the latest [`REMEMBERED`].
    shown: BTreeMap<i64, String>,
    since: Option<i64>,
    conn: Option<Connection>,
    poll: Duration,
    backoff: Backoff,
    failures: u32,
    /// The last page was full: read on without waiting.
    more: bool,
    /// When to connect again after a loss.
    retry_at: Option<tokio::time::Instant>,
}

impl Tail {
    /// `since`: start with the events from that id on (else only new ones).
    pub fn new(url: DbUrl, filter: Filter, since: Option<i64>, backoff: Backoff) -> Self {
        Self {
            url,
            filter,
            last: since.map_or(i64::MAX, |s| s.saturating_sub(1)),
            gaps: Gaps::default(),
            shown: BTreeMap::new(),
            since,
            conn: None,
            poll: Duration::from_millis(250),
            backoff,
            failures: 0,
            more: false,
            retry_at: None,
        }
    }

    /// The next things to show; waits for them. Errors are only those that
    /// waiting cannot fix (a refused password, no outbox); a lost connection is
    /// an [`Item::Lost`], and the tail connects again on the next call.
    pub async fn next(&mut self) -> Result<Vec<Item>, DbError> {
        if self.conn.is_none() {
            if let Some(at) = self.retry_at.take() {
                tokio::time::sleep_until(at).await;
            }
            match self.open().await {
                Ok(item) => {
                    self.failures = 0;
                    let mut items = vec![item];
                    items.extend(self.read_after().await.unwrap_or_default());
                    return Ok(items);
                }
                Err(e) if e.is_transient() => return Ok(vec![self.lost(e)]),
                Err(e) => return Err(e),
            }
        }
        match self.wait_and_read().await {
            Ok(items) => Ok(items),
            Err(e) if e.is_transient() => Ok(vec![self.lost(e)]),
            Err(e) => Err(e),
        }
    }

    /// Says the connection is lost; the next call waits `retry_in`, then reconnects.
    fn lost(&mut self, e: DbError) -> Item {
        self.conn = None;
        self.failures += 1;
        let retry_in = self.backoff.wait(self.failures, None);
        self.retry_at = Some(tokio::time::Instant::now() + retry_in);
        Item::Lost {
            error: e.to_string(),
            retry_in,
        }
    }

    async fn open(&mut self) -> Result<Item, DbError> {
        let conn = db::connect(&self.url, &ConnectOptions::default()).await?;
        conn.listen(NOTIFY_CHANNEL).await?;
        conn.listen(OUTCOME_CHANNEL).await?;
        // This session never writes, whatever happens below.
        conn.timed(
            "cannot make the session read-only",
            conn.client()
                .batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"),
        )
        .await?;
        let notify = super::events::guard::inspect(&conn).await?.notify;
        if self.last == i64::MAX {
            let max: Option<i64> = conn
                .timed(
                    "cannot read event_log",
                    conn.client()
                        .query_one("SELECT max(id) FROM skene_growth.event_log", &[]),
                )
                .await?
                .get(0);
            self.last = max.unwrap_or(0);
        }
        let item = Item::Connected {
            database: conn.url().to_owned(),
            notify,
        };
        self.conn = Some(conn);
        Ok(item)
    }

    async fn wait_and_read(&mut self) -> Result<Vec<Item>, DbError> {
        let Some(conn) = self.conn.as_mut() else {
            return Ok(Vec::new());
        };
        let mut notes = Vec::new();
        if !self.more {
            tokio::select! {
                n = conn.next_notification() => match n {
                    Some(n) => notes.push(n),
                    None => {
                        return Err(DbError::new(
                            db::DbErrorKind::Closed,
                            conn.end_reason().unwrap_or_else(|| "the connection ended".into()),
                        ));
                    }
                },
                () = tokio::time::sleep(self.poll) => {}
            }
        }
        while let Some(n) = conn.try_notification() {
            notes.push(n);
        }
        let mut late = Vec::new();
        let mut outcomes = Vec::new();
        for n in notes {
            if n.channel == OUTCOME_CHANNEL {
                outcomes
                    .extend(serde_json::from_str::<Vec<Outcome>>(&n.payload).unwrap_or_default());
            } else if let Ok(id) = n.payload.trim().parse::<i64>()
                && id <= self.last
                && !self.shown.contains_key(&id)
            {
                late.push(id);
            }
        }
        late.extend(self.gaps.due(std::time::Instant::now()));
        late.sort_unstable();
        late.dedup();
        let mut items = Vec::new();
        if !late.is_empty() {
            let sql = format!("{ROWS} WHERE id = ANY($1) ORDER BY id");
            let rows = self.query(&sql, &late).await?;
            self.gaps.found(rows.iter().map(|r| r.id));
            items.extend(self.keep(rows));
        }
        items.extend(self.read_after().await?);
        for o in outcomes {
            if let Some(event_type) = self.shown.get(&o.id) {
                let t = event_type.clone();
                items.push(Item::Outcome(o, t));
            }
        }
        Ok(items)
    }

    /// Events after the last one read, a page at a time.
    async fn read_after(&mut self) -> Result<Vec<Item>, DbError> {
        let sql = format!("{ROWS} WHERE id > $1 ORDER BY id LIMIT {PAGE}");
        let rows = self.query(&sql, &self.last).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        self.gaps
            .skipped(self.last.saturating_add(1), &ids, std::time::Instant::now());
        self.more = rows.len() as i64 == PAGE;
        if let Some(last) = rows.last() {
            self.last = last.id;
        }
        Ok(self.keep(rows))
    }

    async fn query(
        &self,
        sql: &str,
        param: &(dyn tokio_postgres::types::ToSql + Sync),
    ) -> Result<Vec<Event>, DbError> {
        let Some(conn) = self.conn.as_ref() else {
            return Ok(Vec::new());
        };
        let rows = conn
            .timed("cannot read event_log", conn.client().query(sql, &[param]))
            .await?;
        Ok(rows
            .iter()
            .map(|r| Event {
                id: r.get(0),
                event_type: r.get(1),
                entity_id: r.get(2),
                metadata: r.get(3),
                occurred_at: r.get(4),
                record: r.get(5),
            })
            .collect())
    }

    /// The events that pass the filter, remembered for their outcomes.
    fn keep(&mut self, events: Vec<Event>) -> Vec<Item> {
        let mut out = Vec::new();
        for e in events {
            if self.since.is_some_and(|s| e.id < s) || !self.filter.matches(&e.event_type) {
                continue;
            }
            self.shown.insert(e.id, e.event_type.clone());
            if self.shown.len() > REMEMBERED
                && let Some((&first, _)) = self.shown.iter().next()
            {
                self.shown.remove(&first);
            }
            out.push(Item::Event(e));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_match_tables_and_operations() {
        let any = Filter::default();
        assert!(any.matches("public.orders.insert"));
        let orders = Filter {
            table: Some("orders".into()),
            op: None,
        };
        assert!(orders.matches("public.orders.insert"));
        assert!(orders.matches("billing.orders.delete"));
        assert!(!orders.matches("public.orders_archive.insert"));
        let qualified = Filter {
            table: Some("Public.Orders".into()),
            op: Some("insert".into()),
        };
        assert!(qualified.matches("public.orders.insert"));
        assert!(!qualified.matches("public.orders.update"));
        assert!(!qualified.matches("billing.orders.insert"));
        let users = Filter {
            table: Some("auth.users".into()),
            op: None,
        };
        assert!(users.matches("auth.users.insert"));
    }
}
