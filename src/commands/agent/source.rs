//! What the agent commands share: which database they read (`--db`,
//! `DATABASE_URL`, `db_url` in `.skene.config`, else the local `supabase start`
//! database when it answers), which workspace they forward to, and how their
//! database errors read.

use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use crate::commands::Context;
use crate::credentials::resolve::name_matches_base;
use crate::db::{DbError, DbErrorKind, DbUrl};
use crate::error::{CliError, ExitKind};
use crate::settings::{Source, Target, env};

/// The database `supabase start` runs.
pub const SUPABASE_LOCAL: &str = "postgresql://postgres:postgres@127.0.0.1:54322/postgres";

/// The database to read, and where its URL came from.
pub fn database(ctx: &Context, flag: Option<&str>) -> Result<(DbUrl, Source), CliError> {
    let p = &ctx.printer;
    let (raw, source) = match flag.filter(|r| !r.trim().is_empty()) {
        Some(raw) => {
            let from_env = env::get(env::DATABASE_URL).is_some_and(|v| v == raw);
            let source = if from_env {
                Source::Env(env::DATABASE_URL)
            } else {
                Source::Flag("--db")
            };
            (raw.to_owned(), source)
        }
        None => {
            let project = ctx.settings.project();
            ctx.print_settings_notices();
            match project?.and_then(|p| p.db_url.clone().map(|u| (u, p.path.clone()))) {
                Some((url, path)) => (url, Source::Project(path)),
                None if supabase_local_answers() => (SUPABASE_LOCAL.to_owned(), Source::Default),
                None => {
                    return Err(CliError::usage("no database to read events from")
                        .hint("pass --db URL, set DATABASE_URL, or put db_url = \"postgresql://…\" in .skene.config")
                        .hint(format!("(the local `supabase start` database, {}, does not answer)", redacted_default())));
                }
            }
        }
    };
    let mut url = DbUrl::parse(&raw).map_err(|e| db_error(&e))?;
    if url.has_password() && source == Source::Flag("--db") {
        p.warn("a password in --db can be seen by other users of this machine; prefer DATABASE_URL, PGPASSWORD or db_url in .skene.config");
    }
    if let Some(pw) = env::get(env::PGPASSWORD) {
        url.set_password_if_missing(&pw);
    }
    Ok((url, source))
}

fn redacted_default() -> String {
    DbUrl::parse(SUPABASE_LOCAL)
        .map(|u| u.redacted())
        .unwrap_or_default()
}

fn supabase_local_answers() -> bool {
    let addr: SocketAddr = ([127, 0, 0, 1], 54322).into();
    TcpStream::connect_timeout(&addr, Duration::from_millis(300)).is_ok()
}

/// The workspace events go to: its target and its name for the secret's account
/// and the lock (`<slug>@<host[:port]>`, the saved login's when it is for this
/// server).
pub fn workspace(ctx: &Context) -> Result<(Target, String), CliError> {
    let target = ctx.target()?;
    let base = target.endpoint.base();
    let name = match &target.profile {
        Some((name, _)) if name_matches_base(name, &base) => name.clone(),
        _ => target.endpoint.profile_name(
            target
                .endpoint
                .upstream
                .slug
                .as_deref()
                .unwrap_or("default"),
        ),
    };
    Ok((target, name))
}

/// A database error as the agent commands report it.
pub fn db_error(err: &DbError) -> CliError {
    let (kind, hint) = match err.kind() {
        DbErrorKind::Config => (
            ExitKind::Usage,
            "a URL looks like postgresql://USER@HOST:5432/DB?sslmode=require",
        ),
        DbErrorKind::Auth => (
            ExitKind::Auth,
            "check the user and password (in DATABASE_URL, db_url or PGPASSWORD)",
        ),
        DbErrorKind::Tls => (
            ExitKind::Network,
            "hosted Supabase needs TLS: sslmode=require, or verify-full with sslrootcert=<its CA file>",
        ),
        DbErrorKind::Connect | DbErrorKind::Timeout | DbErrorKind::Closed => {
            (ExitKind::Network, "is the database running and reachable?")
        }
        // Undefined column or table: the base schema predates what the agent reads.
        DbErrorKind::Query if matches!(err.code(), Some("42703" | "42P01")) => (
            ExitKind::Failure,
            "the database's skene_growth schema is older than this agent needs; apply the current base schema: `skene triggers generate` writes it (*_skene_growth_schema.sql), then apply it (`supabase db push`, or psql) and run `skene triggers check --db URL`",
        ),
        DbErrorKind::Query => (
            ExitKind::Failure,
            "the database user needs to read and update skene_growth.event_log",
        ),
    };
    CliError::new(kind, err.to_string()).hint(hint)
}
