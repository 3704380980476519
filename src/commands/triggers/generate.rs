//! `skene triggers generate`: write the base schema and a trigger migration.

use clap::Args;
use serde_json::json;

use super::{load, report, spec_json};
use crate::bundle::diag::path_prefix;
use crate::bundle::files::{self as bundle_files, MIGRATIONS_DIR};
use crate::commands::Context;
use crate::error::CliError;
use crate::output::table;
use crate::triggers::check;
use crate::triggers::render::{same_content, trigger_migration};
use crate::triggers::schema::{Delivery, base_schema};
use crate::triggers::{Origin, files};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene triggers generate                  # webhook placeholders, as the Python client writes them
  skene triggers generate --no-webhook     # no pg_net: the local agent forwards events
  SKENE_PROXY_SECRET=… skene triggers generate --ingest-url https://www.skene.ai \\
      --proxy-secret-env SKENE_PROXY_SECRET
  skene triggers generate --dry-run        # print the SQL, write nothing

Writes supabase/migrations/20260201000000_skene_growth_schema.sql (or the existing
*skene_growth_schema*.sql) and a new <timestamp>_skene_triggers.sql, unless the newest
trigger migration already says the same. Review them, apply them (`supabase db push`, or
`psql -v ON_ERROR_STOP=1 -f FILE`), then run `skene triggers check --db URL`.")]
pub struct GenerateArgs {
    #[command(flatten)]
    pub project: super::ProjectArgs,

    /// Print the SQL instead of writing it
    #[arg(long)]
    pub dry_run: bool,

    /// Leave pg_net and the webhook out; announce new events with NOTIFY for the local agent
    #[arg(long, conflicts_with_all = ["ingest_url", "proxy_secret_env"])]
    pub no_webhook: bool,

    /// Where pg_net posts events (…/api/v1/cloud/ingest/db-trigger is appended) [default: a placeholder]
    #[arg(long, value_name = "URL")]
    pub ingest_url: Option<String>,

    /// The environment variable holding the proxy secret for the webhook [default: a placeholder]
    #[arg(long, value_name = "VAR")]
    pub proxy_secret_env: Option<String>,
}

/// The delivery the flags ask for; the secret is read from the named variable.
fn delivery(args: &GenerateArgs) -> anyhow::Result<Delivery> {
    if args.no_webhook {
        return Ok(Delivery::Notify);
    }
    let url = match &args.ingest_url {
        None => None,
        Some(raw) => {
            let parsed = url::Url::parse(raw)
                .map_err(|e| CliError::usage(format!("--ingest-url is not a URL: {e}")))?;
            let loopback = matches!(parsed.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
            if parsed.scheme() != "https" && !(parsed.scheme() == "http" && loopback) {
                return Err(CliError::usage(
                    "--ingest-url must be https (http only for localhost): the proxy secret travels with every event",
                )
                .into());
            }
            Some(raw.clone())
        }
    };
    let secret = match &args.proxy_secret_env {
        None => None,
        Some(var) if args.dry_run => Some(format!("<the value of ${var}>")),
        Some(var) => match crate::settings::env::get_named(var) {
            Some(v) => Some(v),
            None => {
                return Err(CliError::usage(format!(
                    "--proxy-secret-env names {var}, which is not set"
                ))
                .hint(format!(
                    "export {var} with the workspace's proxy secret first"
                ))
                .into());
            }
        },
    };
    Ok(Delivery::Webhook { url, secret })
}

pub fn run(ctx: &Context, args: GenerateArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let delivery = delivery(&args)?;
    let loaded = load(ctx, &args.project)?;
    let migrations = loaded.root.join(MIGRATIONS_DIR);
    let origin = Origin::new(&loaded.engine_rel);
    let schema_abs = files::schema_path(&migrations);
    let schema_name = schema_abs
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let schema_rel = format!("{MIGRATIONS_DIR}/{schema_name}");
    let schema_sql = base_schema(&origin, &delivery);
    let schema_same = std::fs::read_to_string(&schema_abs).is_ok_and(|t| t == schema_sql);
    let trigger_sql = trigger_migration(&loaded.specs, &origin, &schema_name);
    let newest = bundle_files::newest_trigger_migration(&loaded.root);
    let up_to_date = newest.as_ref().filter(|(_, abs)| {
        std::fs::read_to_string(abs).is_ok_and(|t| same_content(&t, &trigger_sql))
    });
    let new_name = files::next_trigger_file(&migrations, chrono::Local::now().naive_local());
    let trigger_rel = match (&up_to_date, loaded.specs.is_empty()) {
        (_, true) => None,
        (Some((rel, _)), _) => Some(rel.clone()),
        (None, _) => Some(format!("{MIGRATIONS_DIR}/{new_name}")),
    };
    let verb = |same: bool| match (same, args.dry_run) {
        (true, _) => "unchanged",
        (false, true) => "would_write",
        (false, false) => "written",
    };
    let schema_status = verb(schema_same);
    let trigger_status = if trigger_rel.is_none() {
        "none"
    } else {
        verb(up_to_date.is_some())
    };

    if args.dry_run {
        if p.json_mode() {
            p.json(&json!({
                "dry_run": true,
                "delivery": if args.no_webhook { "notify" } else { "webhook" },
                "schema": {"path": schema_rel, "status": schema_status, "sql": schema_sql},
                "migration": {"path": trigger_rel, "status": trigger_status,
                              "sql": (!loaded.specs.is_empty()).then_some(&trigger_sql)},
                "triggers": loaded.specs.iter().map(spec_json).collect::<Vec<_>>(),
            }))?;
        } else {
            p.data(format!(
                "-- ===== {schema_rel} ({}) =====\n{schema_sql}",
                schema_status.replace('_', " ")
            ))?;
            if let Some(rel) = &trigger_rel {
                p.data(format!(
                    "-- ===== {rel} ({}) =====\n{trigger_sql}",
                    trigger_status.replace('_', " ")
                ))?;
            }
        }
        return Ok(());
    }

    std::fs::create_dir_all(&migrations)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", migrations.display()))?;
    let holds_secret = matches!(
        delivery,
        Delivery::Webhook {
            secret: Some(_),
            ..
        }
    );
    if !schema_same {
        // A file that holds the proxy secret is readable by its owner alone.
        let mode = if holds_secret { 0o600 } else { 0o644 };
        crate::fsutil::write_atomic(&schema_abs, schema_sql.as_bytes(), mode)
            .map_err(|e| anyhow::anyhow!("cannot write {schema_rel}: {e}"))?;
    }
    if up_to_date.is_none() && !loaded.specs.is_empty() {
        let abs = migrations.join(&new_name);
        crate::fsutil::write_atomic(&abs, trigger_sql.as_bytes(), 0o644)
            .map_err(|e| anyhow::anyhow!("cannot write {MIGRATIONS_DIR}/{new_name}: {e}"))?;
    }

    if p.json_mode() {
        p.json(&json!({
            "dry_run": false,
            "delivery": if args.no_webhook { "notify" } else { "webhook" },
            "schema": {"path": schema_rel, "status": schema_status},
            "migration": {"path": trigger_rel, "status": trigger_status},
            "triggers": loaded.specs.iter().map(spec_json).collect::<Vec<_>>(),
        }))?;
    } else {
        let shown = path_prefix(&args.project.path);
        p.status(format!(
            "Base schema {shown}{schema_rel}: {}",
            schema_status
        ));
        match (&trigger_rel, trigger_status) {
            (None, _) => p.warn("no feature has an action: no trigger migration is needed"),
            (Some(rel), "unchanged") => p.success(format!(
                "{shown}{rel} is up to date with engine.yaml; nothing new was written"
            )),
            (Some(rel), _) => {
                let n = loaded.specs.len();
                p.success(format!(
                    "Wrote {shown}{rel}: {n} trigger{}",
                    if n == 1 { "" } else { "s" }
                ));
            }
        }
        let rows: Vec<Vec<String>> = loaded
            .specs
            .iter()
            .map(|s| vec![s.event_type(), s.trigger_name()])
            .collect();
        if !rows.is_empty() {
            for line in table(&["EVENT", "TRIGGER"], &rows).lines() {
                p.status(format!("  {line}"));
            }
        }
        if matches!(
            delivery,
            Delivery::Webhook {
                secret: Some(_),
                ..
            }
        ) {
            p.warn(format!(
                "{schema_rel} now holds the proxy secret: keep it out of version control"
            ));
        }
        let wrote = !schema_same || trigger_status == "written";
        if wrote {
            p.hint("review the SQL, apply it (`supabase db push`, or `psql -v ON_ERROR_STOP=1 -f FILE`), then run `skene triggers check --db URL`");
        }
    }
    // Older migrations the Python client broke still stop `supabase db push`.
    let defects = check::defects(&loaded.root);
    if !defects.is_empty() {
        p.warn("these migrations cannot be applied as written:");
        report(ctx, &defects, &args.project.path);
    }
    Ok(())
}
