//! `skene agent release`: gives event delivery back to pg_net by re-enabling the
//! webhook trigger that `skene agent run --take-over` disabled. Refuses while an
//! agent of this machine forwards the same database to the same workspace (both
//! would then deliver every event).

use clap::Args;
use serde_json::json;

use super::source;
use crate::agent::events::{guard, lock};
use crate::commands::Context;
use crate::db::{self, ConnectOptions};
use crate::error::CliError;
use crate::settings::env;
use crate::triggers::schema::WEBHOOK_TRIGGER;

#[derive(Debug, Args)]
pub struct ReleaseArgs {
    /// The database [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]
    #[arg(long, env = env::DATABASE_URL, hide_env_values = true, value_name = "URL")]
    pub db: Option<String>,
}

pub async fn run(ctx: &Context, args: ReleaseArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (url, _) = source::database(ctx, args.db.as_deref())?;
    let (target, workspace) = source::workspace(ctx)?;
    let database = url.redacted();
    let identity = format!("{} {workspace}", target.endpoint.base());
    // Held for the whole release: no agent of ours starts forwarding meanwhile.
    let _held =
        lock::DbLock::acquire(&ctx.config_dir()?.join("agent"), &url, &identity).map_err(|e| {
            match e {
                lock::LockError::Held { holder, .. } => CliError::failure(format!(
                    "an agent is forwarding the events of {database}: {holder}"
                ))
                .hint("stop it first: with pg_net delivering too, every event would be sent twice"),
                other => CliError::failure(other.to_string()),
            }
        })?;
    let conn = db::connect(&url, &ConnectOptions::default())
        .await
        .map_err(|e| source::db_error(&e))?;
    let triggers = guard::inspect(&conn)
        .await
        .map_err(|e| source::db_error(&e))?;
    let status = match &triggers.webhook {
        None => "absent",
        Some(w) if w.enabled => "already_enabled",
        Some(_) => {
            guard::set_webhook(&conn, true).await.map_err(|e| {
                source::db_error(&e)
                    .hint("only the owner of skene_growth.event_log may enable its triggers")
            })?;
            "enabled"
        }
    };
    if p.json_mode() {
        p.json(&json!({"database": database, "trigger": WEBHOOK_TRIGGER, "status": status}))?;
    }
    match status {
        "absent" => p.status(format!(
            "{database} has no pg_net webhook trigger ({WEBHOOK_TRIGGER}); nothing to release"
        )),
        "already_enabled" => p.status(format!(
            "{WEBHOOK_TRIGGER} is already enabled on {database}: pg_net delivers"
        )),
        _ => {
            p.success(format!(
                "Enabled {WEBHOOK_TRIGGER} on {database}: pg_net delivers new events again"
            ));
            if triggers.webhook.as_ref().is_some_and(|w| w.placeholder) {
                p.warn("its URL is still the placeholder: pg_net sends nothing that arrives until the cloud fills it in");
            }
            p.hint("events already in event_log and not yet processed are not sent by pg_net (it sends only new ones)");
        }
    }
    Ok(())
}
