//! The base schema migration: the `skene_growth` schema, its outbox tables, the
//! enrichment trigger, and how new events leave the database — the pg_net webhook
//! (as the Python client writes it) or, with `--no-webhook`, a NOTIFY for the local
//! agent.

use super::render::{Origin, header};
use crate::sql::quote::{dollar_quoted, literal};
use crate::sql::{Tok, lex};

/// The base schema's file name when none exists yet.
pub const SCHEMA_FILE: &str = "20260201000000_skene_growth_schema.sql";
/// Any file whose name contains this is a base schema migration.
pub const SCHEMA_MARKER: &str = "skene_growth_schema";
/// The path pg_net posts to, after the ingest URL's origin.
pub const DB_TRIGGER_PATH: &str = "/api/v1/cloud/ingest/db-trigger";
/// The placeholders the Python client writes (the cloud fills them in).
pub const PLACEHOLDER_URL: &str = "https://YOUR_UPSTREAM_INGEST_URL";
pub const PLACEHOLDER_SECRET: &str = "YOUR_PROXY_SECRET";
/// The channel new event ids are announced on with `--no-webhook`.
pub const NOTIFY_CHANNEL: &str = "skene_growth_events";
/// Triggers on `skene_growth.event_log`.
pub const WEBHOOK_TRIGGER: &str = "skene_growth_webhook_event_log";
pub const NOTIFY_TRIGGER: &str = "skene_growth_notify_event_log";
pub const ENRICH_TRIGGER: &str = "skene_growth_enrich_event";

/// How events leave the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// pg_net posts each event; `None` keeps the Python client's placeholders.
    Webhook {
        url: Option<String>,
        secret: Option<String>,
    },
    /// No pg_net: `pg_notify` announces each new event id to the local agent.
    Notify,
}

/// The full ingest URL: `url` with the db-trigger path appended unless present.
pub fn ingest_url(url: &str) -> String {
    let base = url.trim_end_matches('/');
    if base.ends_with(DB_TRIGGER_PATH) {
        base.to_owned()
    } else {
        format!("{base}{DB_TRIGGER_PATH}")
    }
}

/// The columns of the outbox tables a forwarder (the agent) reads or writes, with
/// the type each is added with when an older base schema lacks it. `NOT NULL`
/// only where a default fills the rows already there.
pub const OUTBOX_COLUMNS: &[(&str, &str, &str)] = &[
    ("event_log", "org_id", "uuid"),
    ("event_log", "entity_id", "uuid"),
    ("event_log", "metadata", "jsonb DEFAULT '{}'"),
    (
        "event_log",
        "occurred_at",
        "timestamptz DEFAULT now() NOT NULL",
    ),
    ("event_log", "processed_at", "timestamptz"),
    ("event_log", "attempts", "int DEFAULT 0 NOT NULL"),
    ("event_log", "last_error", "text"),
    ("failed_events", "event_log_id", "bigint"),
    ("failed_events", "event_type", "text"),
    ("failed_events", "payload", "jsonb DEFAULT '{}'"),
    ("failed_events", "failure_reason", "text"),
    (
        "failed_events",
        "moved_at",
        "timestamptz DEFAULT now() NOT NULL",
    ),
];

/// `ALTER TABLE … ADD COLUMN IF NOT EXISTS` for every [`OUTBOX_COLUMNS`] entry:
/// `CREATE TABLE IF NOT EXISTS` leaves an older table as it was, so this is what
/// upgrades a database whose event_log predates the outbox columns.
fn upgrade() -> String {
    let mut out = String::from(
        "-- An event_log or failed_events made by an older base schema gets the columns
-- it lacks (CREATE TABLE IF NOT EXISTS leaves an existing table as it was).
",
    );
    let mut table = "";
    for (t, column, def) in OUTBOX_COLUMNS {
        if *t != table {
            if !table.is_empty() {
                out.push_str(";\n");
            }
            out.push_str(&format!("ALTER TABLE skene_growth.{t}\n"));
            table = t;
        } else {
            out.push_str(",\n");
        }
        out.push_str(&format!("  ADD COLUMN IF NOT EXISTS {column} {def}"));
    }
    out.push_str(";\n");
    out
}

const TABLES: &str = "CREATE SCHEMA IF NOT EXISTS skene_growth;

CREATE TABLE IF NOT EXISTS skene_growth.event_log (
  id bigserial PRIMARY KEY,
  org_id uuid,
  entity_id uuid,
  event_type text NOT NULL,
  metadata jsonb DEFAULT '{}',
  occurred_at timestamptz DEFAULT now() NOT NULL,
  processed_at timestamptz,
  attempts int DEFAULT 0 NOT NULL,
  last_error text
);

CREATE TABLE IF NOT EXISTS skene_growth.failed_events (
  id bigserial PRIMARY KEY,
  event_log_id bigint NOT NULL,
  event_type text NOT NULL,
  payload jsonb DEFAULT '{}',
  failure_reason text,
  moved_at timestamptz DEFAULT now() NOT NULL
);
";

const INDEX: &str = "-- The unprocessed events alone, in id order: a forwarder finds the oldest and
-- claims the next ones without reading the processed history.
CREATE INDEX IF NOT EXISTS event_log_unprocessed_idx
  ON skene_growth.event_log (id) WHERE processed_at IS NULL;

DROP TABLE IF EXISTS skene_growth.enrichment_map;
CREATE TABLE skene_growth.enrichment_map (
  trigger_event text NOT NULL,
  metadata_key  text NOT NULL,
  enrich_sql    text,
  strip_after   boolean DEFAULT false,
  PRIMARY KEY (trigger_event, metadata_key)
);
";

const ENRICH: &str = "CREATE OR REPLACE FUNCTION skene_growth.enrich_event()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth
AS $$
DECLARE
  rule        RECORD;
  _result     jsonb;
  _strip_keys text[] := ARRAY[]::text[];
BEGIN
  FOR rule IN
    SELECT metadata_key, enrich_sql, strip_after
    FROM skene_growth.enrichment_map
    WHERE trigger_event = NEW.event_type
      AND NEW.metadata ? metadata_key
  LOOP
    BEGIN
      IF rule.enrich_sql IS NOT NULL THEN
        EXECUTE rule.enrich_sql INTO _result USING (NEW.metadata->>rule.metadata_key);
        IF _result IS NOT NULL THEN
          NEW.metadata = NEW.metadata || _result;
        END IF;
      END IF;
      IF rule.strip_after THEN
        _strip_keys := _strip_keys || rule.metadata_key;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      NULL;
    END;
  END LOOP;
  IF array_length(_strip_keys, 1) > 0 THEN
    NEW.metadata = NEW.metadata - _strip_keys;
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS skene_growth_enrich_event ON skene_growth.event_log;
CREATE TRIGGER skene_growth_enrich_event
  BEFORE INSERT ON skene_growth.event_log
  FOR EACH ROW
  EXECUTE FUNCTION skene_growth.enrich_event();
";

fn webhook(url: &str, secret: &str) -> String {
    let body = format!(
        "
DECLARE
  payload jsonb;
  ingest_url text := {};
  proxy_secret text := {};
BEGIN
  payload := jsonb_build_object(
    'type', 'INSERT',
    'table', 'event_log',
    'schema', 'skene_growth',
    'record', to_jsonb(NEW),
    'old_record', null
  );
  PERFORM net.http_post(
    url := ingest_url,
    body := payload,
    headers := jsonb_build_object(
      'Content-Type', 'application/json',
      'x-skene-secret', proxy_secret
    ),
    timeout_milliseconds := 5000
  );
  RETURN NEW;
END;
",
        literal(url),
        literal(secret)
    );
    format!(
        "-- Each new event is posted to Skene Cloud by pg_net (at most once: pg_net does not retry).
CREATE EXTENSION IF NOT EXISTS pg_net;

CREATE OR REPLACE FUNCTION skene_growth.notify_event_log()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth, net
AS {};

DROP TRIGGER IF EXISTS {WEBHOOK_TRIGGER} ON skene_growth.event_log;
CREATE TRIGGER {WEBHOOK_TRIGGER}
  AFTER INSERT ON skene_growth.event_log
  FOR EACH ROW
  EXECUTE FUNCTION skene_growth.notify_event_log();
",
        dollar_quoted(&body)
    )
}

fn notify() -> String {
    format!(
        "-- No pg_net: the local agent (`skene agent run`) forwards events from event_log.
-- Each new event's id is announced on the channel {NOTIFY_CHANNEL}, so it need not wait.
CREATE OR REPLACE FUNCTION skene_growth.notify_new_event()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth
AS $$
BEGIN
  PERFORM pg_notify('{NOTIFY_CHANNEL}', NEW.id::text);
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS {NOTIFY_TRIGGER} ON skene_growth.event_log;
CREATE TRIGGER {NOTIFY_TRIGGER}
  AFTER INSERT ON skene_growth.event_log
  FOR EACH ROW
  EXECUTE FUNCTION skene_growth.notify_new_event();
"
    )
}

/// The base schema migration.
pub fn base_schema(origin: &Origin, delivery: &Delivery) -> String {
    let mut out = header(
        origin,
        "Skene growth schema: the event_log outbox, failed_events, enrichment_map.",
    );
    out.push('\n');
    out.push_str(TABLES);
    out.push('\n');
    out.push_str(&upgrade());
    out.push('\n');
    out.push_str(INDEX);
    out.push('\n');
    out.push_str(ENRICH);
    out.push('\n');
    match delivery {
        Delivery::Webhook { url, secret } => {
            let url = ingest_url(url.as_deref().unwrap_or(PLACEHOLDER_URL));
            out.push_str(&webhook(
                &url,
                secret.as_deref().unwrap_or(PLACEHOLDER_SECRET),
            ));
        }
        Delivery::Notify => out.push_str(&notify()),
    }
    out
}

/// The ingest URL a `notify_event_log()` body posts to (`ingest_url text := '…'`),
/// and whether it is still the placeholder. For the agent: pg_net already delivers
/// when the webhook trigger is enabled and this is a real URL.
pub fn webhook_url(body: &str) -> Option<(String, bool)> {
    let lexed = lex(body, 1);
    let t = &lexed.tokens;
    t.windows(5).find_map(|w| {
        let is_decl =
            w[0].is("ingest_url") && w[1].is("text") && w[2].is_char(':') && w[3].is_char('=');
        match (&w[4].tok, is_decl) {
            (Tok::Str(url), true) => Some((url.clone(), url.starts_with(PLACEHOLDER_URL))),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::defect::unbalanced_begin;
    use crate::sql::objects::created;

    fn origin() -> Origin {
        Origin::new("skene-context/engine.yaml")
    }

    #[test]
    fn the_default_keeps_the_python_placeholders() {
        let sql = base_schema(
            &origin(),
            &Delivery::Webhook {
                url: None,
                secret: None,
            },
        );
        assert!(sql.contains(
            "ingest_url text := 'https://YOUR_UPSTREAM_INGEST_URL/api/v1/cloud/ingest/db-trigger';"
        ));
        assert!(sql.contains("proxy_secret text := 'YOUR_PROXY_SECRET';"));
        assert!(sql.contains("CREATE EXTENSION IF NOT EXISTS pg_net;"));
        assert!(unbalanced_begin(&sql).is_empty());
        let c = created(&sql);
        let body = c
            .functions
            .iter()
            .find(|f| f.name == "notify_event_log")
            .unwrap();
        let (url, placeholder) = webhook_url(body.body.as_deref().unwrap()).unwrap();
        assert!(placeholder);
        assert!(url.ends_with(DB_TRIGGER_PATH));
    }

    #[test]
    fn a_hostile_secret_stays_a_literal() {
        let sql = base_schema(
            &origin(),
            &Delivery::Webhook {
                url: Some("https://x.example/".into()),
                secret: Some("a'b$$c;\\".into()),
            },
        );
        assert!(
            sql.contains("ingest_url text := 'https://x.example/api/v1/cloud/ingest/db-trigger';")
        );
        assert!(sql.contains("proxy_secret text := E'a''b$$c;\\\\';"));
        assert!(sql.contains("AS $skene$\nDECLARE"));
        let c = created(&sql);
        let body = c
            .functions
            .iter()
            .find(|f| f.name == "notify_event_log")
            .unwrap();
        assert!(!webhook_url(body.body.as_deref().unwrap()).unwrap().1);
    }

    #[test]
    fn no_webhook_means_no_pg_net_and_a_notify() {
        let sql = base_schema(&origin(), &Delivery::Notify);
        assert!(!sql.contains("pg_net;"));
        assert!(!sql.contains("net.http_post"));
        assert!(sql.contains("pg_notify('skene_growth_events', NEW.id::text)"));
        let c = created(&sql);
        let triggers: Vec<&str> = c.triggers.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(triggers, [ENRICH_TRIGGER, NOTIFY_TRIGGER]);
    }

    #[test]
    fn every_outbox_column_is_created_and_added_if_missing() {
        let sql = base_schema(&origin(), &Delivery::Notify);
        for (table, column, def) in OUTBOX_COLUMNS {
            let create = sql
                .split(&format!(
                    "CREATE TABLE IF NOT EXISTS skene_growth.{table} ("
                ))
                .nth(1)
                .and_then(|rest| rest.split(");").next())
                .unwrap();
            assert!(
                create.contains(&format!("\n  {column} {}", def.split(' ').next().unwrap())),
                "{table}.{column} is not in its CREATE TABLE"
            );
            assert!(sql.contains(&format!("ADD COLUMN IF NOT EXISTS {column} {def}")));
        }
        // The partial index comes after the columns it needs are there.
        let added = sql.find("ADD COLUMN IF NOT EXISTS processed_at").unwrap();
        assert!(
            added
                < sql
                    .find("CREATE INDEX IF NOT EXISTS event_log_unprocessed_idx")
                    .unwrap()
        );
    }

    #[test]
    fn ingest_url_appends_the_path_once() {
        assert_eq!(
            ingest_url("https://a.b/"),
            "https://a.b/api/v1/cloud/ingest/db-trigger"
        );
        assert_eq!(
            ingest_url("https://a.b/api/v1/cloud/ingest/db-trigger"),
            "https://a.b/api/v1/cloud/ingest/db-trigger"
        );
    }
}
