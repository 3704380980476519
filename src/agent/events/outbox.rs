//! The outbox in SQL: claiming unprocessed rows (`FOR UPDATE SKIP LOCKED`, so two
//! agents never hold the same row), settling them in the same transaction
//! (`processed_at` after a 2xx; `attempts`, `last_error` after a failure; a move
//! to `failed_events`), and counting the backlog.
//!
//! Claims start at a *floor*: the smallest id that may still be unprocessed.
//! `ORDER BY id` from the floor reads only the unprocessed tail of the table,
//! however long its history; the floor is recomputed from scratch now and then
//! (a row can commit later than rows with higher ids).

use tokio_postgres::Transaction;

use crate::db::{Connection, DbError};

/// One claimed row: its id, type, and the row as jsonb text (what pg_net sends as
/// `record`).
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub event_type: String,
    pub record: String,
}

/// What became of one claimed row.
#[derive(Debug, Clone)]
pub enum Settle {
    Delivered,
    /// Tried again later: `attempts + 1`, `last_error`.
    Failed {
        error: String,
    },
    /// Given up on: moved to `failed_events` with the reason.
    Move {
        error: String,
    },
}

/// An outcome, as announced to `skene agent listen` on [`OUTCOME_CHANNEL`].
#[derive(Debug, Clone, serde::Serialize)]
pub struct Outcome {
    pub id: i64,
    /// `delivered`, `retry` or `failed`.
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_in_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Where the agent announces what became of each event, when its transaction
/// commits (so `listen` shows only what really happened).
pub const OUTCOME_CHANNEL: &str = "skene_agent_outcomes";
/// pg_notify's payload limit is 8000 bytes.
const NOTIFY_LIMIT: usize = 7900;

const CLAIM: &str = "SELECT id, event_type, to_jsonb(e)::text
FROM skene_growth.event_log e
WHERE processed_at IS NULL AND id >= $1 AND NOT (id = ANY($2))
ORDER BY id
LIMIT $3
FOR UPDATE SKIP LOCKED";

const DELIVERED: &str = "UPDATE skene_growth.event_log SET processed_at = now() WHERE id = ANY($1)";

const FAILED: &str = "UPDATE skene_growth.event_log e
SET attempts = e.attempts + 1, last_error = r.err
FROM unnest($1::bigint[], $2::text[]) AS r(id, err)
WHERE e.id = r.id";

const MOVE: &str = "WITH r AS (SELECT * FROM unnest($1::bigint[], $2::text[]) AS r(id, reason)),
moved AS (
  DELETE FROM skene_growth.event_log e USING r WHERE e.id = r.id
  RETURNING e.id, e.event_type, to_jsonb(e) AS payload, r.reason
)
INSERT INTO skene_growth.failed_events (event_log_id, event_type, payload, failure_reason)
SELECT id, event_type, payload, reason FROM moved";

/// The smallest unprocessed id (a full scan of the unprocessed rows' index range).
const FLOOR: &str = "SELECT min(id) FROM skene_growth.event_log WHERE processed_at IS NULL";

const STATS: &str = "SELECT count(*), extract(epoch FROM now() - min(occurred_at))::float8
FROM skene_growth.event_log WHERE processed_at IS NULL AND id >= $1";

/// Opens a transaction and locks up to `limit` unprocessed rows from `floor` on,
/// leaving out `skip` (rows waiting for a later retry). Rows another agent holds
/// are skipped, not waited for.
pub async fn claim<'a>(
    conn: &'a mut Connection,
    floor: i64,
    skip: &[i64],
    limit: i64,
) -> Result<(Transaction<'a>, Vec<Claimed>), DbError> {
    let url = conn.url().to_owned();
    let scrub = Scrub::of(conn);
    let timeout = conn.options().statement_timeout;
    let tx = tokio::time::timeout(timeout, conn.client_mut().transaction())
        .await
        .map_err(|_| scrub.timeout("cannot start a transaction", &url))?
        .map_err(|e| scrub.err(&e, "cannot start a transaction", &url))?;
    let rows = tokio::time::timeout(timeout, tx.query(CLAIM, &[&floor, &skip, &limit]))
        .await
        .map_err(|_| scrub.timeout("cannot claim events", &url))?
        .map_err(|e| scrub.err(&e, "cannot claim events", &url))?;
    let claimed = rows
        .iter()
        .map(|r| Claimed {
            id: r.get(0),
            event_type: r.get(1),
            record: r.get(2),
        })
        .collect();
    Ok((tx, claimed))
}

/// Records what became of each claimed row, announces it, and commits: one
/// transaction with the claim, so a crash before the commit leaves every row
/// unprocessed (and it is sent again: at least once).
pub async fn settle(
    tx: Transaction<'_>,
    scrub: &Scrub,
    url: &str,
    settled: &[(i64, Settle)],
    outcomes: &[Outcome],
) -> Result<(), DbError> {
    let mut delivered = Vec::new();
    let (mut failed_ids, mut failed_errors) = (Vec::new(), Vec::new());
    let (mut move_ids, mut move_reasons) = (Vec::new(), Vec::new());
    for (id, s) in settled {
        match s {
            Settle::Delivered => delivered.push(*id),
            Settle::Failed { error } => {
                failed_ids.push(*id);
                failed_errors.push(error.clone());
            }
            Settle::Move { error } => {
                failed_ids.push(*id);
                failed_errors.push(error.clone());
                move_ids.push(*id);
                move_reasons.push(error.clone());
            }
        }
    }
    let fail = |e: tokio_postgres::Error| scrub.err(&e, "cannot record the deliveries", url);
    if !delivered.is_empty() {
        tx.execute(DELIVERED, &[&delivered]).await.map_err(fail)?;
    }
    if !failed_ids.is_empty() {
        tx.execute(FAILED, &[&failed_ids, &failed_errors])
            .await
            .map_err(fail)?;
    }
    if !move_ids.is_empty() {
        tx.execute(MOVE, &[&move_ids, &move_reasons])
            .await
            .map_err(fail)?;
    }
    for payload in outcome_payloads(outcomes) {
        tx.execute("SELECT pg_notify($1, $2)", &[&OUTCOME_CHANNEL, &payload])
            .await
            .map_err(fail)?;
    }
    tx.commit()
        .await
        .map_err(|e| scrub.err(&e, "cannot commit the deliveries", url))
}

/// JSON arrays of outcomes, each under pg_notify's size limit.
fn outcome_payloads(outcomes: &[Outcome]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = 2;
    for o in outcomes {
        let Ok(mut text) = serde_json::to_string(o) else {
            continue;
        };
        if text.len() > NOTIFY_LIMIT / 2 {
            // An enormous error message: keep the outcome, drop the detail.
            let mut short = o.clone();
            short.error = None;
            text = serde_json::to_string(&short).unwrap_or_default();
        }
        if size + text.len() + 1 > NOTIFY_LIMIT && !current.is_empty() {
            out.push(format!("[{}]", current.join(",")));
            current.clear();
            size = 2;
        }
        size += text.len() + 1;
        current.push(text);
    }
    if !current.is_empty() {
        out.push(format!("[{}]", current.join(",")));
    }
    out
}

/// The smallest unprocessed id, or `None` when there is none.
pub async fn floor(conn: &Connection) -> Result<Option<i64>, DbError> {
    let row = conn
        .timed(
            "cannot read the oldest unprocessed event",
            conn.client().query_one(FLOOR, &[]),
        )
        .await?;
    Ok(row.get(0))
}

/// How many events wait, and the age of the oldest, in seconds.
pub async fn stats(conn: &Connection, floor: i64) -> Result<(u64, Option<f64>), DbError> {
    let row = conn
        .timed(
            "cannot count the backlog",
            conn.client().query_one(STATS, &[&floor]),
        )
        .await?;
    let count: i64 = row.get(0);
    Ok((count.max(0) as u64, row.get(1)))
}

/// Turns driver errors into redacted [`DbError`]s without borrowing the connection
/// (which the open transaction holds).
pub struct Scrub {
    password: Option<String>,
}

impl Scrub {
    pub fn of(conn: &Connection) -> Self {
        Self {
            password: conn.password_to_scrub(),
        }
    }

    pub fn err(&self, e: &tokio_postgres::Error, what: &str, url: &str) -> DbError {
        DbError::from_driver(e, &format!("{what} on {url}"), self.password.as_deref())
    }

    pub fn timeout(&self, what: &str, url: &str) -> DbError {
        DbError::new(
            crate::db::DbErrorKind::Timeout,
            format!("{what} on {url}: no answer in time"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_split_under_the_notify_limit() {
        let many: Vec<Outcome> = (0..2000)
            .map(|id| Outcome {
                id,
                outcome: "delivered",
                status: Some(202),
                retry_in_ms: None,
                error: None,
            })
            .collect();
        let payloads = outcome_payloads(&many);
        assert!(payloads.len() > 1);
        let mut seen = 0;
        for p in &payloads {
            assert!(p.len() <= NOTIFY_LIMIT);
            seen += serde_json::from_str::<Vec<serde_json::Value>>(p)
                .unwrap()
                .len();
        }
        assert_eq!(seen, 2000);
        let huge = Outcome {
            id: 1,
            outcome: "retry",
            status: None,
            retry_in_ms: Some(5),
            error: Some("x".repeat(20_000)),
        };
        let p = outcome_payloads(&[huge]);
        assert_eq!(p.len(), 1);
        assert!(p[0].len() < 200);
    }
}
