//! The outbox in SQL: claiming unprocessed rows (`FOR UPDATE SKIP LOCKED`, so two
//! agents never hold the same row), settling them in the same transaction
//! (`processed_at` after a 2xx; `attempts`, `last_error` after a failure; a move
//! to `failed_events`), and counting the backlog.
//!
//! Claims start at a *floor*: the smallest id that may still be unprocessed.
//! `ORDER BY id` from the floor reads only the unprocessed tail of the table,
//! however long its history; the floor is recomputed from scratch now and then
//! (a row can commit later than rows with higher ids).
//!
//! Round trips are what a remote database costs: the statements are prepared once
//! per connection, and each batch takes two — `BEGIN` with the claim, then the
//! updates, the announcement and `COMMIT` — sent back to back (pipelined).

use tokio_postgres::Statement;
use tokio_postgres::types::ToSql;

use crate::db::{Connection, DbError, DbErrorKind};

/// One claimed row: its id, type, and the row as jsonb text (what pg_net sends as
/// `record`).
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub event_type: String,
    pub record: String,
    /// The row's `last_error` (what the previous attempt, of any agent, got).
    pub last_error: Option<String>,
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
    /// `delivered`, `retry`, `paused` or `failed`.
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

/// The claim's transaction: the planner's statistics of a freshly filled outbox
/// are poor, and a bitmap scan with a sort over the whole backlog (to_jsonb of
/// every row included) costs milliseconds per row; the primary key's order is
/// what a claim wants.
const BEGIN: &str = "BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off";

const CLAIM: &str = "SELECT id, event_type, to_jsonb(e)::text, last_error
FROM skene_growth.event_log e
WHERE processed_at IS NULL AND id >= $1 AND NOT (id = ANY($2::bigint[]))
ORDER BY id
LIMIT $3
FOR UPDATE SKIP LOCKED";

const DELIVERED: &str =
    "UPDATE skene_growth.event_log SET processed_at = now() WHERE id = ANY($1::bigint[])";

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

const NOTIFY: &str = "SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p";

/// Which of these ids exist now, and whether each is unprocessed.
const LOOK_UP: &str =
    "SELECT id, processed_at IS NULL FROM skene_growth.event_log WHERE id = ANY($1::bigint[])";

/// The smallest unprocessed id (a scan of the unprocessed rows' index range).
const FLOOR: &str = "SELECT min(id) FROM skene_growth.event_log WHERE processed_at IS NULL";

const STATS: &str = "SELECT count(*), extract(epoch FROM now() - min(occurred_at))::float8
FROM skene_growth.event_log WHERE processed_at IS NULL AND id >= $1";

/// The statements of one connection, prepared once.
pub struct Statements {
    claim: Statement,
    delivered: Statement,
    failed: Statement,
    moved: Statement,
    notify: Statement,
}

impl Statements {
    pub async fn prepare(conn: &Connection) -> Result<Self, DbError> {
        let c = conn.client();
        let what = "cannot prepare the outbox's statements";
        Ok(Self {
            claim: conn.timed(what, c.prepare(CLAIM)).await?,
            delivered: conn.timed(what, c.prepare(DELIVERED)).await?,
            failed: conn.timed(what, c.prepare(FAILED)).await?,
            moved: conn.timed(what, c.prepare(MOVE)).await?,
            notify: conn.timed(what, c.prepare(NOTIFY)).await?,
        })
    }
}

/// Runs `fut` within the connection's statement time limit.
async fn bounded<T>(
    conn: &Connection,
    what: &str,
    fut: impl Future<Output = Result<T, DbError>>,
) -> Result<T, DbError> {
    tokio::time::timeout(conn.options().statement_timeout, fut)
        .await
        .unwrap_or_else(|_| {
            Err(DbError::new(
                DbErrorKind::Timeout,
                format!("{what} on {}: no answer in time", conn.url()),
            ))
        })
}

/// Opens a transaction and locks up to `limit` unprocessed rows from `floor` on,
/// leaving out `skip` (rows waiting for a later retry). Rows another agent holds
/// are skipped, not waited for. The transaction stays open: end it with
/// [`settle`], or [`release`] when nothing was claimed.
pub async fn claim(
    conn: &Connection,
    st: &Statements,
    floor: i64,
    skip: &[i64],
    limit: i64,
) -> Result<Vec<Claimed>, DbError> {
    let what = "cannot claim events";
    let c = conn.client();
    let params: [&(dyn ToSql + Sync); 3] = [&floor, &skip, &limit];
    let pipelined = async {
        let (begun, rows) = tokio::join!(c.batch_execute(BEGIN), c.query(&st.claim, &params));
        begun.map_err(|e| conn.error(&e, what))?;
        rows.map_err(|e| conn.error(&e, what))
    };
    let rows = bounded(conn, what, pipelined).await?;
    Ok(rows
        .iter()
        .map(|r| Claimed {
            id: r.get(0),
            event_type: r.get(1),
            record: r.get(2),
            last_error: r.get(3),
        })
        .collect())
}

/// Ends a transaction that claimed nothing.
pub async fn release(conn: &Connection) -> Result<(), DbError> {
    conn.timed(
        "cannot end a transaction",
        conn.client().batch_execute("ROLLBACK"),
    )
    .await
}

/// Records what became of each claimed row, announces it, and commits: one
/// transaction with the claim, so a crash before the commit leaves every row
/// unprocessed (and it is sent again: at least once).
pub async fn settle(
    conn: &Connection,
    st: &Statements,
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
    let payloads = outcome_payloads(outcomes);
    let what = "cannot record the deliveries";
    let c = conn.client();
    // Sent back to back; if one fails, the rest fail too and COMMIT rolls back.
    let delivered_params: [&(dyn ToSql + Sync); 1] = [&delivered];
    let failed_params: [&(dyn ToSql + Sync); 2] = [&failed_ids, &failed_errors];
    let move_params: [&(dyn ToSql + Sync); 2] = [&move_ids, &move_reasons];
    let notify_params: [&(dyn ToSql + Sync); 2] = [&OUTCOME_CHANNEL, &payloads];
    let pipelined = async {
        let (a, b, m, n, commit) = tokio::join!(
            c.execute(&st.delivered, &delivered_params),
            c.execute(&st.failed, &failed_params),
            c.execute(&st.moved, &move_params),
            c.execute(&st.notify, &notify_params),
            c.batch_execute("COMMIT"),
        );
        for result in [a, b, m, n] {
            result.map_err(|e| conn.error(&e, what))?;
        }
        commit.map_err(|e| conn.error(&e, "cannot commit the deliveries"))
    };
    bounded(conn, what, pipelined).await
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

/// Which of `ids` exist now (committed), each with whether it is unprocessed.
pub async fn look_up(conn: &Connection, ids: &[i64]) -> Result<Vec<(i64, bool)>, DbError> {
    let ids = ids.to_vec();
    let rows = conn
        .timed(
            "cannot look for late events",
            conn.client().query(LOOK_UP, &[&ids]),
        )
        .await?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
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
