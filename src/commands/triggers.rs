//! `skene triggers generate|list|check`: the database side of the bundle.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;

use super::{Context, block_on};
use crate::bundle::diag::Diagnostic;
use crate::bundle::engine::{self, Engine};
use crate::bundle::files::{self as bundle_files, ENGINE_FILE, LocateError, MIGRATIONS_DIR};
use crate::db::{self, DbError, DbErrorKind, DbUrl};
use crate::error::{CliError, ExitKind};
use crate::output::table;
use crate::triggers::check::{self, Row};
use crate::triggers::drift::{self, Drift};
use crate::triggers::render::{same_content, trigger_migration};
use crate::triggers::schema::{Delivery, base_schema};
use crate::triggers::spec::{self, TriggerSpec};
use crate::triggers::{Origin, files};

#[derive(Debug, Subcommand)]
pub enum TriggersCommand {
    /// Write the base schema and a trigger migration from engine.yaml
    Generate(GenerateArgs),
    /// List each action feature with its event, trigger and function
    List(ProjectArgs),
    /// Check the migrations, and with --db a database, against engine.yaml
    Check(CheckArgs),
}

impl TriggersCommand {
    /// The project directory, where `.skene.config` is looked for.
    pub fn path(&self) -> PathBuf {
        match self {
            TriggersCommand::Generate(a) => a.project.path.clone(),
            TriggersCommand::List(a) => a.path.clone(),
            TriggersCommand::Check(a) => a.project.path.clone(),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// The project directory: holds the bundle directory and supabase/migrations
    #[arg(default_value = ".", value_name = "PATH")]
    pub path: PathBuf,

    /// The bundle directory, relative to PATH [default: skene-context, else skene]
    #[arg(long, env = "SKENE_OUTPUT_DIR", value_name = "DIR")]
    pub output_dir: Option<String>,
}

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
    pub project: ProjectArgs,

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
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, value_name = "URL")]
    pub db: Option<String>,
}

pub fn run(ctx: &Context, cmd: TriggersCommand) -> anyhow::Result<()> {
    match cmd {
        TriggersCommand::Generate(args) => generate(ctx, args),
        TriggersCommand::List(args) => list(ctx, args),
        TriggersCommand::Check(args) => check_cmd(ctx, args),
    }
}

/// A project whose engine.yaml is valid, with the triggers it wants.
struct Loaded {
    root: PathBuf,
    engine_rel: String,
    specs: Vec<TriggerSpec>,
}

/// `PATH/` as the user wrote it, or nothing for the current directory.
fn prefix(user_path: &Path) -> String {
    let shown = user_path.to_string_lossy();
    let trimmed = shown.trim_end_matches('/');
    let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
    if trimmed.is_empty() || trimmed == "." {
        String::new()
    } else {
        format!("{trimmed}/")
    }
}

fn report(ctx: &Context, diags: &[Diagnostic], user_path: &Path) {
    let prefix = prefix(user_path);
    for d in diags {
        let mut text = format!("{prefix}{d}");
        if let Some(snippet) = &d.snippet {
            text.push('\n');
            text.push_str(snippet);
        }
        if let Some(hint) = &d.hint {
            text.push_str(&format!("\n  hint: {hint}"));
        }
        ctx.printer.diagnostic(text);
    }
}

/// Finds the project and checks engine.yaml as `validate` does; refuses (exit 5)
/// what it refuses, and what cannot become triggers.
fn load(ctx: &Context, args: &ProjectArgs) -> anyhow::Result<Loaded> {
    let root = std::fs::canonicalize(&args.path).map_err(|e| {
        CliError::usage(format!(
            "cannot open the project directory {}: {e}",
            args.path.display()
        ))
    })?;
    let configured = match &args.output_dir {
        Some(dir) => Some(dir.clone()),
        None => ctx.project()?.and_then(|p| p.output_dir.clone()),
    };
    let bundle = bundle_files::locate(&root, configured.as_deref()).map_err(|e| match e {
        LocateError::NotFound { looked } => {
            let looked: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
            CliError::input(format!("no bundle found: looked for {}", looked.join(" and ")))
                .hint("run skene in the project directory, pass it as PATH, or name the bundle with --output-dir")
        }
        LocateError::Outside { dir } => CliError::input(format!(
            "the bundle directory {} is outside the project {}",
            dir.display(),
            root.display()
        )),
    })?;
    let engine_rel = format!("{}/{ENGINE_FILE}", bundle.rel);
    let text = std::fs::read_to_string(bundle.abs.join(ENGINE_FILE)).map_err(|e| {
        CliError::input(format!(
            "cannot read {}{engine_rel}: {e}",
            prefix(&args.path)
        ))
    })?;
    let text = text.replace("\r\n", "\n");
    let mut diags = Vec::new();
    let engine: Option<Engine> = engine::check(&text, &engine_rel, &mut diags);
    let specs = match &engine {
        Some(e) if diags.iter().all(|d| !d.is_error()) => match spec::from_engine(e) {
            Ok(specs) => specs,
            Err(problems) => {
                for p in problems {
                    diags.push(Diagnostic::error(&engine_rel, p.message).at(p.line, 1));
                }
                Vec::new()
            }
        },
        _ => Vec::new(),
    };
    report(ctx, &diags, &args.path);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        return Err(CliError::input(format!(
            "{}{engine_rel} has {errors} error{}; nothing was written",
            prefix(&args.path),
            if errors == 1 { "" } else { "s" }
        ))
        .hint("fix them, then run the command again (`skene validate` checks the whole bundle)")
        .into());
    }
    Ok(Loaded {
        root,
        engine_rel,
        specs,
    })
}

fn spec_json(s: &TriggerSpec) -> serde_json::Value {
    json!({
        "feature": s.feature,
        "event": s.event_type(),
        "table": s.table_label(),
        "trigger": s.stored_trigger_name(),
        "function": s.stored_function_name(),
        "properties": s.properties,
        "entity_column": s.entity_column,
    })
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
        Some(var) => match std::env::var(var) {
            Ok(v) if !v.is_empty() => Some(v),
            _ => {
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

fn generate(ctx: &Context, args: GenerateArgs) -> anyhow::Result<()> {
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
            }));
        } else {
            p.data(format!(
                "-- ===== {schema_rel} ({}) =====\n{schema_sql}",
                schema_status.replace('_', " ")
            ));
            if let Some(rel) = &trigger_rel {
                p.data(format!(
                    "-- ===== {rel} ({}) =====\n{trigger_sql}",
                    trigger_status.replace('_', " ")
                ));
            }
        }
        return Ok(());
    }

    std::fs::create_dir_all(&migrations)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", migrations.display()))?;
    if !schema_same {
        crate::fsutil::write_atomic(&schema_abs, schema_sql.as_bytes(), 0o644)
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
        }));
    } else {
        let shown = prefix(&args.project.path);
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
        for s in &loaded.specs {
            p.status(format!(
                "  {:<28} {}",
                s.event_type(),
                s.stored_trigger_name()
            ));
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
        p.hint("review the SQL, apply it (`supabase db push`, or `psql -v ON_ERROR_STOP=1 -f FILE`), then run `skene triggers check --db URL`");
    }
    // Older migrations the Python client broke still stop `supabase db push`.
    let defects = check::defects(&loaded.root);
    if !defects.is_empty() {
        p.warn("these migrations cannot be applied as written:");
        report(ctx, &defects, &args.project.path);
    }
    Ok(())
}

fn list(ctx: &Context, args: ProjectArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let loaded = load(ctx, &args)?;
    let offline = check::offline(&loaded.root, &loaded.engine_rel, &loaded.specs);
    if p.json_mode() {
        p.json(&json!({"migration": offline.migration, "triggers": offline.rows}));
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
    ));
    match &offline.migration {
        Some(m) => p.status(format!(
            "Newest trigger migration: {}{m}",
            prefix(&args.path)
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

fn check_cmd(ctx: &Context, args: CheckArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let loaded = load(ctx, &args.project)?;
    let offline = check::offline(&loaded.root, &loaded.engine_rel, &loaded.specs);
    let mut database = None;
    if let Some(raw) = args.db.as_deref().filter(|r| !r.trim().is_empty()) {
        let mut url = DbUrl::parse(raw).map_err(db_error)?;
        let from_env = std::env::var("DATABASE_URL").is_ok_and(|v| v == raw);
        if url.has_password() && !from_env {
            p.warn("a password in --db can be seen by other users of this machine; prefer DATABASE_URL or PGPASSWORD");
        }
        if let Ok(pw) = std::env::var("PGPASSWORD") {
            url.set_password_if_missing(&pw);
        }
        let mut tables: Vec<(String, String)> = Vec::new();
        for s in &loaded.specs {
            let t = (s.schema.clone(), s.table.clone());
            if !tables.contains(&t) {
                tables.push(t);
            }
        }
        let options = db::ConnectOptions::default();
        let snapshot = block_on(async {
            let mut conn = db::connect(&url, &options).await?;
            db::snapshot(&mut conn, &tables).await
        })?
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
        }));
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
        .hint("apply the newest migrations (`supabase db push`, or psql), then check again")
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
