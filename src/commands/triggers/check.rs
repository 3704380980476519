//! `skene triggers list` and `skene triggers check`: the migrations, and a
//! database, against engine.yaml.

use clap::Args;
use serde_json::json;

use super::{ProjectArgs, load, report};
use crate::bundle::diag::path_prefix;
use crate::bundle::files::MIGRATIONS_DIR;
use crate::commands::Context;
use crate::db::{self, DbError, DbErrorKind, DbUrl};
use crate::error::{CliError, ExitKind};
use crate::output::table;
use crate::settings::env;
use crate::triggers::check::{self, Row};
use crate::triggers::drift::{self, Drift};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Offline, checks that the newest trigger migration creates every trigger and function
engine.yaml wants, and that no migration has the Python client's unclosed BEGIN. With a
database, also compares its catalogs with engine.yaml (missing, extra skene_growth_trg_*
triggers, stale functions), reading only, in a read-only transaction.

Exit codes: 5 when the migrations have problems, 1 when the database differs.")]
pub struct CheckArgs {
    #[command(flatten)]
    pub project: ProjectArgs,

    /// The database to compare (sslmode honoured; PGPASSWORD fills a missing password)
    #[arg(long, env = env::DATABASE_URL, hide_env_values = true, value_name = "URL")]
    pub db: Option<String>,
}

pub fn list(ctx: &Context, args: ProjectArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let loaded = load(ctx, &args)?;
    let offline = check::offline(&loaded.root, &loaded.engine_rel, &loaded.specs);
    if p.json_mode() {
        p.json(&json!({"migration": offline.migration, "triggers": offline.rows}))?;
        return Ok(());
    }
    if offline.rows.is_empty() {
        p.status("No feature of engine.yaml has an action: no triggers are needed.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = offline
        .rows
        .iter()
        .map(|r: &Row| {
            vec![
                r.feature.clone(),
                r.event.clone(),
                r.trigger.clone(),
                r.function.clone(),
                if r.defined { "yes" } else { "no" }.to_owned(),
            ]
        })
        .collect();
    p.data(table(
        &["FEATURE", "EVENT", "TRIGGER", "FUNCTION", "IN MIGRATION"],
        &rows,
    ))?;
    match &offline.migration {
        Some(m) => p.status(format!(
            "Newest trigger migration: {}{m}",
            path_prefix(&args.path)
        )),
        None => p.status(format!(
            "No trigger migration in {MIGRATIONS_DIR}/ yet: run `skene triggers generate`"
        )),
    }
    Ok(())
}

fn db_error(err: DbError) -> anyhow::Error {
    let (kind, hint) = match err.kind() {
        DbErrorKind::Config => (
            ExitKind::Usage,
            "a URL looks like postgresql://USER@HOST:5432/DB?sslmode=require",
        ),
        DbErrorKind::Auth => (
            ExitKind::Auth,
            "check the user and password (in DATABASE_URL, or PGPASSWORD)",
        ),
        DbErrorKind::Tls => (
            ExitKind::Network,
            "hosted Supabase needs TLS: sslmode=require, or verify-full with sslrootcert=<its CA file>",
        ),
        DbErrorKind::Connect | DbErrorKind::Timeout | DbErrorKind::Closed => (
            ExitKind::Network,
            "is the database running and reachable? `supabase start` listens on postgresql://postgres:postgres@127.0.0.1:54322/postgres",
        ),
        DbErrorKind::Query => (
            ExitKind::Failure,
            "the user needs to read the catalogs (pg_trigger, pg_proc)",
        ),
    };
    CliError::new(kind, err.to_string()).hint(hint).into()
}

pub async fn run(ctx: &Context, args: CheckArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let loaded = load(ctx, &args.project)?;
    let offline = check::offline(&loaded.root, &loaded.engine_rel, &loaded.specs);
    let mut database = None;
    if let Some(raw) = args.db.as_deref().filter(|r| !r.trim().is_empty()) {
        let mut url = DbUrl::parse(raw).map_err(db_error)?;
        let from_env = env::get(env::DATABASE_URL).is_some_and(|v| v == raw);
        if url.has_password() && !from_env {
            p.warn("a password in --db can be seen by other users of this machine; prefer DATABASE_URL or PGPASSWORD");
        }
        if let Some(pw) = env::get(env::PGPASSWORD) {
            url.set_password_if_missing(&pw);
        }
        let mut tables: Vec<(String, String)> = Vec::new();
        for s in &loaded.specs {
            let t = (s.schema.clone(), s.table.clone());
            if !tables.contains(&t) {
                tables.push(t);
            }
        }
        tables.extend(drift::outbox_tables());
        let options = db::ConnectOptions::default();
        let snapshot = async {
            let mut conn = db::connect(&url, &options).await?;
            db::snapshot(&mut conn, &tables).await
        }
        .await
        .map_err(db_error)?;
        database = Some((url.redacted(), drift::compare(&loaded.specs, &snapshot)));
    }
    let errors = offline.diags.iter().filter(|d| d.is_error()).count();
    let drift_count = database.as_ref().map_or(0, |(_, d)| d.len());
    if p.json_mode() {
        p.json(&json!({
            "ok": errors == 0 && drift_count == 0,
            "migration": offline.migration,
            "triggers": offline.rows,
            "diagnostics": offline.diags,
            "database": database.as_ref().map(|(url, drift)| json!({"url": url, "drift": drift})),
        }))?;
    } else {
        report(ctx, &offline.diags, &args.project.path);
        if errors == 0 {
            p.success(format!(
                "The migrations create all {} trigger{} engine.yaml wants",
                loaded.specs.len(),
                if loaded.specs.len() == 1 { "" } else { "s" }
            ));
        }
        if let Some((url, drift)) = &database {
            for d in drift {
                p.diagnostic(format!("{url}: {}: {}", kind_label(d), d.message));
            }
            if drift.is_empty() {
                p.success(format!(
                    "{url} has every trigger engine.yaml wants, up to date"
                ));
            }
        }
    }
    if errors > 0 {
        return Err(CliError::input(format!(
            "the migrations have {errors} problem{}",
            if errors == 1 { "" } else { "s" }
        ))
        .hint("run `skene triggers generate`")
        .into());
    }
    if drift_count > 0 {
        return Err(CliError::failure(format!(
            "the database differs from engine.yaml: {drift_count} difference{}",
            if drift_count == 1 { "" } else { "s" }
        ))
        .hint(
            if database.as_ref().is_some_and(|(_, d)| {
                d.iter().any(|d| d.kind == drift::DriftKind::OldBaseSchema)
            }) {
                "apply the current base schema: `skene triggers generate`, then apply the migrations (`supabase db push`, or psql), then check again"
            } else {
                "apply the newest migrations (`supabase db push`, or psql), then check again"
            },
        )
        .into());
    }
    Ok(())
}

fn kind_label(d: &Drift) -> String {
    serde_json::to_value(d.kind)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}
