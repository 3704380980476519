//! `skene logs`: what the workspace did with each event, and `--follow` to watch.
//!
//! Entries are printed oldest first (the order of `kubectl logs` and `fly logs`),
//! so that the backlog and what `--follow` adds read as one story; `--json`
//! prints each entry as received, one per line, in the same order.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde_json::Value;

use super::{Context, Session};
use crate::api::logs::{LogFields, PAGE_SIZE, RETENTION_DAYS};
use crate::api::{ApiError, MAX_PAGES};
use crate::error::CliError;
use crate::output::sanitize;
use crate::time;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene logs                          # the last 100 entries
  skene logs --since 2h --outcome failed
  skene logs -f --table public.orders # the backlog, then new entries as they come
  skene logs --json --since 1d | jq .

Entries are kept for 7 days. Times are shown in local time (--utc for UTC), oldest first.
--follow polls every second, slowing to every 5 s while nothing happens; Ctrl-C stops it.")]
pub struct LogsArgs {
    /// From this time on: a duration back from now (10m, 2h, 3d) or an RFC 3339 time
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Up to this time (same forms as --since)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Only entries of this table, e.g. public.orders
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,
    /// Only entries of this operation
    #[arg(long, value_enum)]
    pub operation: Option<Operation>,
    /// Only entries with this outcome
    #[arg(long, value_enum)]
    pub outcome: Option<Outcome>,
    /// Only entries where this feature fired
    #[arg(long, value_name = "KEY")]
    pub feature: Option<String>,
    /// At most this many entries of the backlog [default: 100 without --since]
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// After the backlog, print new entries as they arrive
    #[arg(short, long)]
    pub follow: bool,
    /// Show times in UTC instead of local time
    #[arg(long)]
    pub utc: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Operation {
    Insert,
    Update,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Outcome {
    Success,
    Failed,
    Skipped,
}

const DEFAULT_LIMIT: usize = 100;
const FAST_POLL: Duration = Duration::from_secs(1);
const SLOW_POLL: Duration = Duration::from_secs(5);

/// The entries wanted, by what the API cannot filter.
struct Filter {
    until: Option<DateTime<Utc>>,
    table: Option<String>,
    operation: Option<&'static str>,
    outcome: Option<&'static str>,
    feature: Option<String>,
}

impl Filter {
    fn keeps(&self, f: &LogFields) -> bool {
        let until_ok = match (self.until, time::parse_server(&f.received_at)) {
            (Some(until), Some(at)) => at <= until,
            _ => true,
        };
        until_ok
            && self
                .table
                .as_deref()
                .is_none_or(|t| f.table.eq_ignore_ascii_case(t))
            && self
                .operation
                .is_none_or(|o| f.operation.eq_ignore_ascii_case(o))
            && self
                .outcome
                .is_none_or(|o| f.outcome.eq_ignore_ascii_case(o))
            && self
                .feature
                .as_deref()
                .is_none_or(|k| f.features.iter().any(|x| x == k))
    }
}

pub async fn run(ctx: &Context, args: LogsArgs) -> anyhow::Result<()> {
    let now = Utc::now();
    let point = |raw: &Option<String>, flag: &str| -> Result<Option<DateTime<Utc>>, CliError> {
        raw.as_deref()
            .map(|r| time::parse_point(r, now).map_err(|e| CliError::usage(format!("{flag}: {e}"))))
            .transpose()
    };
    let since = point(&args.since, "--since")?;
    let until = point(&args.until, "--until")?;
    if args.limit == Some(0) {
        return Err(CliError::usage("--limit must be at least 1").into());
    }
    if let Some(s) = since
        && s < now - chrono::Duration::days(RETENTION_DAYS)
    {
        ctx.printer.warn(format!(
            "entries are kept for {RETENTION_DAYS} days: nothing before {} is left",
            time::for_people(now - chrono::Duration::days(RETENTION_DAYS), args.utc)
        ));
    }
    let filter = Filter {
        until,
        table: args.table.clone(),
        operation: args.operation.map(|o| match o {
            Operation::Insert => "INSERT",
            Operation::Update => "UPDATE",
            Operation::Delete => "DELETE",
        }),
        outcome: args.outcome.map(|o| match o {
            Outcome::Success => "success",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }),
        feature: args.feature.clone(),
    };
    let limit = args
        .limit
        .or_else(|| (since.is_none()).then_some(DEFAULT_LIMIT));
    let session = ctx.authed()?;
    let since_text = since.map(time::for_api);
    let backlog = backlog(&session, since_text.as_deref(), limit, &filter).await?;
    let mut cursor = Tail::default();
    for entry in &backlog {
        cursor.saw(entry);
        print_entry(ctx, entry, args.utc)?;
    }
    if args.follow {
        follow(ctx, &session, &filter, cursor, since_text, args.utc).await?;
    }
    Ok(())
}

/// The backlog, oldest first: pages newest first until the window or `limit` is
/// filled, bounded like every list.
async fn backlog(
    session: &Session,
    since: Option<&str>,
    limit: Option<usize>,
    filter: &Filter,
) -> Result<Vec<Value>, ApiError> {
    let mut kept = Vec::new();
    let mut cursor: Option<String> = None;
    let mut seen_cursors = HashSet::new();
    for pages in 1.. {
        let page = session
            .client
            .logs_page(cursor.as_deref(), since, PAGE_SIZE)
            .await?;
        for entry in page.data {
            if filter.keeps(&LogFields::of(&entry)) {
                kept.push(entry);
            }
        }
        if limit.is_some_and(|l| kept.len() >= l) {
            break;
        }
        match page.next_cursor.filter(|c| !c.is_empty()) {
            None => break,
            Some(next) if !seen_cursors.insert(next.clone()) || pages >= MAX_PAGES => {
                return Err(ApiError::PagingLoop {
                    url: session.client.url_for(crate::api::logs::PATH),
                    pages,
                });
            }
            Some(next) => cursor = Some(next),
        }
    }
    if let Some(l) = limit {
        kept.truncate(l);
    }
    kept.reverse();
    Ok(kept)
}

/// Where the printed log ends: the newest time seen and the entries at that time
/// (the API's `since` is inclusive, so they come back and must not print twice).
#[derive(Default)]
struct Tail {
    newest: Option<String>,
    at_newest: HashSet<String>,
}

impl Tail {
    fn saw(&mut self, entry: &Value) {
        let f = LogFields::of(entry);
        let newer = match &self.newest {
            None => true,
            Some(n) => later(&f.received_at, n),
        };
        if newer {
            self.newest = Some(f.received_at.clone());
            self.at_newest.clear();
        }
        if self.newest.as_deref() == Some(f.received_at.as_str()) {
            self.at_newest.insert(identity(entry, &f));
        }
    }

    fn is_new(&self, entry: &Value) -> bool {
        let f = LogFields::of(entry);
        match &self.newest {
            None => true,
            Some(n) if f.received_at == *n => !self.at_newest.contains(&identity(entry, &f)),
            Some(n) => later(&f.received_at, n),
        }
    }
}

/// `a` is after `b` (as times when both parse, as text otherwise).
fn later(a: &str, b: &str) -> bool {
    match (time::parse_server(a), time::parse_server(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a > b,
    }
}

/// An entry's id, or its whole text when it has none.
fn identity(entry: &Value, f: &LogFields) -> String {
    if f.id.is_empty() {
        entry.to_string()
    } else {
        f.id.clone()
    }
}

/// Polls for entries newer than the tail, until Ctrl-C (exit 0) or a closed pipe.
async fn follow(
    ctx: &Context,
    session: &Session,
    filter: &Filter,
    mut tail: Tail,
    since: Option<String>,
    utc: bool,
) -> anyhow::Result<()> {
    let mut ctrl_c = ctx.interrupts.claim();
    let mut wait = FAST_POLL;
    let mut offline = false;
    loop {
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = ctrl_c.pressed() => return Ok(()),
        }
        let from = tail.newest.clone().or_else(|| since.clone());
        let fresh = tokio::select! {
            r = newer_than(session, &tail, from.as_deref()) => r,
            () = ctrl_c.pressed() => return Ok(()),
        };
        match fresh {
            Ok(entries) => {
                if offline {
                    ctx.printer
                        .status("Reconnected; going on where the log left off.");
                    offline = false;
                }
                wait = if entries.is_empty() {
                    (wait * 2).min(SLOW_POLL)
                } else {
                    FAST_POLL
                };
                for entry in entries {
                    tail.saw(&entry);
                    if filter.keeps(&LogFields::of(&entry)) {
                        print_entry(ctx, &entry, utc)?;
                    }
                }
            }
            Err(e) if e.is_auth() => return Err(e.into()),
            Err(e) => {
                if !offline {
                    ctx.printer.warn(format!(
                        "{e}; retrying until the server answers (Ctrl-C stops)"
                    ));
                    offline = true;
                }
                wait = match &e {
                    ApiError::Status {
                        retry_after: Some(s),
                        ..
                    } => Duration::from_secs(*s).max(FAST_POLL),
                    _ => SLOW_POLL,
                };
            }
        }
    }
}

/// Every entry the tail has not printed, oldest first.
async fn newer_than(
    session: &Session,
    tail: &Tail,
    since: Option<&str>,
) -> Result<Vec<Value>, ApiError> {
    let mut fresh = Vec::new();
    let mut cursor: Option<String> = None;
    let mut seen_cursors = HashSet::new();
    for pages in 1.. {
        let page = session
            .client
            .logs_page(cursor.as_deref(), since, PAGE_SIZE)
            .await?;
        let mut reached_old = false;
        for entry in page.data {
            if tail.is_new(&entry) {
                fresh.push(entry);
            } else {
                reached_old = true;
            }
        }
        if reached_old {
            break;
        }
        match page.next_cursor.filter(|c| !c.is_empty()) {
            None => break,
            Some(next) if !seen_cursors.insert(next.clone()) || pages >= MAX_PAGES => {
                return Err(ApiError::PagingLoop {
                    url: session.client.url_for(crate::api::logs::PATH),
                    pages,
                });
            }
            Some(next) => cursor = Some(next),
        }
    }
    fresh.reverse();
    Ok(fresh)
}

fn print_entry(ctx: &Context, entry: &Value, utc: bool) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.json_mode() {
        p.json_line(entry)?;
        return Ok(());
    }
    let f = LogFields::of(entry);
    let when = match time::parse_server(&f.received_at) {
        Some(t) => time::for_people(t, utc),
        None => sanitize::line(&f.received_at).into_owned(),
    };
    let good = match f.outcome.as_str() {
        "success" => Some(true),
        "failed" => Some(false),
        _ => None,
    };
    let features = if f.features.is_empty() {
        "no feature fired".to_owned()
    } else {
        format!("fired: {}", f.features.join(", "))
    };
    let line = format!(
        "{when}  {}  {}  {}  {}  trigger {}",
        sanitize::line(&f.table),
        sanitize::line(&f.operation),
        p.outcome(&f.outcome, good),
        sanitize::line(&features),
        sanitize::line(&f.trigger),
    );
    p.data_styled(&line)?;
    Ok(())
}
