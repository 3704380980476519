//! What a database holds of skene's objects, read from the catalogs in one
//! read-only transaction: the `skene_growth_*` triggers with their functions, the
//! `skene_growth_fn_*` functions, and the columns of the tables triggers want.

use std::time::Duration;

use super::conn::Connection;
use super::error::{DbError, DbErrorKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbFunction {
    pub schema: String,
    pub name: String,
    /// `pg_proc.prosrc`: the body between the dollar quotes.
    pub body: String,
    pub security_definer: bool,
    /// `pg_proc.proconfig`, e.g. `search_path=public, skene_growth`.
    pub config: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbTrigger {
    pub schema: String,
    pub table: String,
    pub name: String,
    /// `pg_trigger.tgtype`: row (1), before (2), insert (4), delete (8), update (16)…
    pub tgtype: i16,
    /// `pg_trigger.tgenabled`: `O` enabled, `D` disabled, `R`/`A` replica/always.
    pub enabled: String,
    pub function: DbFunction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbTable {
    pub schema: String,
    pub name: String,
    /// In column order; `None` when the table does not exist.
    pub columns: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// `skene_growth.event_log` exists.
    pub event_log: bool,
    /// Every trigger named `skene_growth_*`, on any table.
    pub triggers: Vec<DbTrigger>,
    /// Every function named `skene_growth_fn_*`, in any schema.
    pub functions: Vec<DbFunction>,
    pub tables: Vec<DbTable>,
}

const TRIGGERS: &str =
    "SELECT n.nspname::text, c.relname::text, t.tgname::text, t.tgtype, t.tgenabled::text,
       pn.nspname::text, p.proname::text, p.prosrc, p.prosecdef,
       coalesce(p.proconfig, '{}'::text[])
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = t.tgfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
WHERE NOT t.tgisinternal AND t.tgname LIKE 'skene\\_growth\\_%'
ORDER BY 1, 2, 3";

const FUNCTIONS: &str = "SELECT n.nspname::text, p.proname::text, p.prosrc, p.prosecdef,
       coalesce(p.proconfig, '{}'::text[])
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.proname LIKE 'skene\\_growth\\_fn\\_%'
ORDER BY 1, 2";

const COLUMNS: &str = "SELECT a.attname::text
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum";

const TABLE_EXISTS: &str = "SELECT EXISTS (
  SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'f', 'm'))";

/// Reads the snapshot in a `READ ONLY` transaction (rolled back), with the
/// connection's statement timeout set inside it and enforced on this side too.
pub async fn snapshot(
    conn: &mut Connection,
    tables: &[(String, String)],
) -> Result<Snapshot, DbError> {
    let limit = conn.options().statement_timeout;
    let shown = conn.url().to_owned();
    let password = conn.password_to_scrub();
    let fail = |e: tokio_postgres::Error, what: &str| {
        DbError::from_driver(&e, &format!("{what} on {shown}"), password.as_deref())
    };
    let timed_out = || {
        DbError::new(
            DbErrorKind::Timeout,
            format!(
                "cannot read the catalogs of {shown}: no answer within {} s",
                limit.as_secs()
            ),
        )
    };
    let started = tokio::time::timeout(
        limit,
        conn.client_mut()
            .build_transaction()
            .read_only(true)
            .start(),
    )
    .await;
    let tx = match started {
        Ok(r) => r.map_err(|e| fail(e, "cannot start a read-only transaction"))?,
        Err(_) => return Err(timed_out()),
    };
    let read = async {
        tx.batch_execute(&format!(
            "SET LOCAL statement_timeout = {}",
            limit.as_millis()
        ))
        .await
        .map_err(|e| fail(e, "cannot set the statement timeout"))?;
        let event_log: bool = tx
            .query_one(
                "SELECT to_regclass('skene_growth.event_log') IS NOT NULL",
                &[],
            )
            .await
            .map_err(|e| fail(e, "cannot read the catalogs"))?
            .get(0);
        let function = |row: &tokio_postgres::Row, at: usize| DbFunction {
            schema: row.get(at),
            name: row.get(at + 1),
            body: row.get(at + 2),
            security_definer: row.get(at + 3),
            config: row.get(at + 4),
        };
        let triggers = tx
            .query(TRIGGERS, &[])
            .await
            .map_err(|e| fail(e, "cannot read pg_trigger"))?
            .iter()
            .map(|row| DbTrigger {
                schema: row.get(0),
                table: row.get(1),
                name: row.get(2),
                tgtype: row.get(3),
                enabled: row.get(4),
                function: function(row, 5),
            })
            .collect();
        let functions = tx
            .query(FUNCTIONS, &[])
            .await
            .map_err(|e| fail(e, "cannot read pg_proc"))?
            .iter()
            .map(|row| function(row, 0))
            .collect();
        let mut out_tables = Vec::new();
        for (schema, name) in tables {
            let exists: bool = tx
                .query_one(TABLE_EXISTS, &[schema, name])
                .await
                .map_err(|e| fail(e, "cannot read pg_class"))?
                .get(0);
            let columns = if exists {
                let rows = tx
                    .query(COLUMNS, &[schema, name])
                    .await
                    .map_err(|e| fail(e, "cannot read pg_attribute"))?;
                Some(rows.iter().map(|r| r.get(0)).collect())
            } else {
                None
            };
            out_tables.push(DbTable {
                schema: schema.clone(),
                name: name.clone(),
                columns,
            });
        }
        Ok::<_, DbError>(Snapshot {
            event_log,
            triggers,
            functions,
            tables: out_tables,
        })
    };
    let snapshot = match tokio::time::timeout(limit + Duration::from_secs(5), read).await {
        Ok(r) => r?,
        Err(_) => return Err(timed_out()),
    };
    tx.rollback()
        .await
        .map_err(|e| fail(e, "cannot end the read-only transaction"))?;
    Ok(snapshot)
}
