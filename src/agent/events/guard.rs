//! Never twice by design: when the database's pg_net webhook trigger is enabled
//! and posts to a real URL, pg_net already delivers every event, and the agent
//! must not forward them too — unless it takes over (disables that trigger).
//! `skene agent release` gives delivery back to pg_net.

use crate::db::{Connection, DbError, DbErrorKind};
use crate::sql::quote::ident;
use crate::triggers::schema::{NOTIFY_TRIGGER, WEBHOOK_TRIGGER, webhook_url};

/// What `event_log`'s delivery triggers look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triggers {
    /// The pg_net webhook trigger: enabled?, and the URL its function posts to
    /// with whether that is the placeholder.
    pub webhook: Option<Webhook>,
    /// The NOTIFY trigger exists and is enabled.
    pub notify: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub enabled: bool,
    /// `None` when the function's body holds no recognisable URL.
    pub url: Option<String>,
    pub placeholder: bool,
}

impl Webhook {
    /// pg_net delivers: the trigger is on and posts to a real URL (an unreadable
    /// body counts as real: better to refuse than to send twice).
    pub fn delivers(&self) -> bool {
        self.enabled && !self.placeholder
    }
}

const EVENT_LOG_EXISTS: &str = "SELECT to_regclass('skene_growth.event_log') IS NOT NULL";

const TRIGGERS: &str = "SELECT t.tgname::text, t.tgenabled::text, p.prosrc
FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
WHERE t.tgrelid = 'skene_growth.event_log'::regclass AND NOT t.tgisinternal
  AND t.tgname IN ($1, $2)";

/// Reads the delivery triggers. Fails (not transient) when there is no outbox.
pub async fn inspect(conn: &Connection) -> Result<Triggers, DbError> {
    let exists: bool = conn
        .timed(
            "cannot read the catalogs",
            conn.client().query_one(EVENT_LOG_EXISTS, &[]),
        )
        .await?
        .get(0);
    if !exists {
        return Err(DbError::new(
            DbErrorKind::Query,
            format!(
                "{} has no skene_growth.event_log table: apply the base schema (`skene triggers generate --no-webhook`, then `supabase db push` or psql)",
                conn.url()
            ),
        )
        .with_code("42P01"));
    }
    let rows = conn
        .timed(
            "cannot read the triggers of skene_growth.event_log",
            conn.client()
                .query(TRIGGERS, &[&WEBHOOK_TRIGGER, &NOTIFY_TRIGGER]),
        )
        .await?;
    let mut found = Triggers {
        webhook: None,
        notify: false,
    };
    for row in rows {
        let name: String = row.get(0);
        let enabled: String = row.get(1);
        let body: String = row.get(2);
        let on = enabled != "D";
        if name == NOTIFY_TRIGGER {
            found.notify = on;
        } else {
            let parsed = webhook_url(&body);
            found.webhook = Some(Webhook {
                enabled: on,
                placeholder: parsed.as_ref().is_some_and(|(_, p)| *p),
                url: parsed.map(|(u, _)| u),
            });
        }
    }
    Ok(found)
}

/// Enables or disables the pg_net webhook trigger (needs the table's owner).
pub async fn set_webhook(conn: &Connection, enabled: bool) -> Result<(), DbError> {
    let sql = format!(
        "ALTER TABLE skene_growth.event_log {} TRIGGER {}",
        if enabled { "ENABLE" } else { "DISABLE" },
        ident(WEBHOOK_TRIGGER)
    );
    conn.timed(
        if enabled {
            "cannot enable the pg_net trigger"
        } else {
            "cannot disable the pg_net trigger"
        },
        conn.client().batch_execute(&sql),
    )
    .await
}
