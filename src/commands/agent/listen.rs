//! `skene agent listen`: database events as they happen, one line each, with
//! what a delivering agent did with them. Read-only, and needs no cloud.

use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::source;
use crate::agent::events::{Backoff, secs};
use crate::agent::listen::{Event, Filter, Item, Outcome, Tail};
use crate::commands::Context;
use crate::output::Printer;
use crate::settings::env;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Each event prints as

  12:01:02  #17 public.orders.insert  entity=2222…  {\"organization_id\": \"2222…\"}

(its occurred_at in local time, id, type, entity and metadata), and when an agent
delivers it, a line with the outcome that agent committed:

  12:01:02  #17 → 202
  12:01:05  #18 → retry in 4 s (503 …)

New events appear at once when the database announces them (the NOTIFY trigger of
`skene triggers generate --no-webhook`), else within 250 ms. The session is read-only.")]
pub struct ListenArgs {
    /// The database [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]
    #[arg(long, env = env::DATABASE_URL, hide_env_values = true, value_name = "URL")]
    pub db: Option<String>,

    /// Only events of this table: `orders` (any schema) or `public.orders`
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,

    /// Only events of this kind
    #[arg(long = "type", value_enum, value_name = "OP")]
    pub op: Option<Op>,

    /// First show the events from this id on (default: only new ones)
    #[arg(long, value_name = "ID")]
    pub since: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    fn as_str(self) -> &'static str {
        match self {
            Op::Insert => "insert",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }
}

pub async fn run(ctx: &Context, args: ListenArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (url, _) = source::database(ctx, args.db.as_deref())?;
    let filter = Filter {
        table: args.table.clone(),
        op: args.op.map(|o| o.as_str().to_owned()),
    };
    let mut tail = Tail::new(url, filter, args.since, Backoff::default());
    loop {
        let items = tail.next().await.map_err(|e| source::db_error(&e))?;
        for item in items {
            show(p, &item)?;
        }
    }
}

fn show(p: &Printer, item: &Item) -> std::io::Result<()> {
    match item {
        Item::Connected { database, notify } => {
            p.status(format!(
                "Listening to {database} ({}); Ctrl-C stops",
                if *notify {
                    "events announced by NOTIFY"
                } else {
                    "no NOTIFY trigger: polling every 250 ms"
                }
            ));
            Ok(())
        }
        Item::Lost { error, retry_in } => {
            p.warn(format!(
                "{error}; reconnecting (after {})",
                secs(retry_in.as_millis() as u64)
            ));
            Ok(())
        }
        Item::Event(e) if p.json_mode() => {
            let record: Value = serde_json::from_str(&e.record).unwrap_or(Value::Null);
            p.json_line(&json!({"type": "event", "record": record}))
        }
        Item::Event(e) => p.data(event_line(e)),
        Item::Outcome(o, event_type) if p.json_mode() => p.json_line(&json!({
            "type": "outcome",
            "id": o.id,
            "event_type": event_type,
            "outcome": o.outcome,
            "status": o.status,
            "retry_in_ms": o.retry_in_ms,
            "error": o.error,
        })),
        Item::Outcome(o, _) => p.data(outcome_line(o)),
    }
}

fn clock(unix: f64) -> String {
    chrono::DateTime::from_timestamp_millis((unix * 1000.0) as i64)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|| "--:--:--".into())
}

fn event_line(e: &Event) -> String {
    // One line whatever the data holds: control characters become escapes.
    let metadata = crate::output::sanitize::line(&e.metadata);
    format!(
        "{}  #{} {}  entity={}  {metadata}",
        clock(e.occurred_at),
        e.id,
        crate::output::sanitize::line(&e.event_type),
        e.entity_id.as_deref().unwrap_or("-"),
    )
}

fn outcome_line(o: &Outcome) -> String {
    let now = chrono::Local::now().format("%H:%M:%S");
    let status = o.status.map(|s| s.to_string());
    let error = o
        .error
        .as_deref()
        .map(|e| crate::output::sanitize::line(e).into_owned());
    let what = match o.outcome.as_str() {
        "delivered" => status.unwrap_or_else(|| "delivered".into()),
        "retry" => {
            let wait = o
                .retry_in_ms
                .map(|ms| format!(" in {}", secs(ms)))
                .unwrap_or_default();
            format!(
                "retry{wait} ({})",
                error.or(status).unwrap_or_else(|| "no answer".into())
            )
        }
        "paused" => "paused: 401, the proxy secret was refused".to_owned(),
        "failed" => format!(
            "moved to failed_events ({})",
            error.or(status).unwrap_or_default()
        ),
        other => crate::output::sanitize::line(other).into_owned(),
    };
    format!("{now}  #{} → {what}", o.id)
}
