//! `skene logs`: what the workspace did with each event, and `--follow` to watch.
//!
//! Entries are printed oldest first (the order of `kubectl logs` and `fly logs`),
//! so that the backlog and what `--follow` adds read as one story; `--json`
//! prints each entry as received, one per line, in the same order. Reading
//! the pages is in [`read`], the polling of `--follow` in [`follow`].

mod follow;
mod read;

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};
use serde_json::Value;

use super::Context;
use crate::api::logs::{LogFields, RETENTION_DAYS};
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
A backlog longer than 1000 pages is cut there, with a notice: narrow it with --since/--until.
--follow polls every second, slowing to every 5 s while nothing happens; Ctrl-C stops it
(exit 0), during the backlog too.")]
pub struct LogsArgs {
    /// From this time on: a duration back from now (10m, 2h, 3d) or an RFC 3339 time; entries are kept 7 days
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Up to this time (same forms as --since)
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// Only entries of this table, e.g. public.orders
    #[arg(long, value_name = "TABLE")]
    pub table: Option<String>,
    /// Only entries of this operation (any case: INSERT as printed, or insert)
    #[arg(long, value_enum, ignore_case = true)]
    pub operation: Option<Operation>,
    /// Only entries with this outcome (any case)
    #[arg(long, value_enum, ignore_case = true)]
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
    // Only Ctrl-C ends a follow, so it is its normal end (exit 0), during the
    // backlog as after it. A plain `logs` cut short exits 130, like any command.
    let mut ctrl_c = args.follow.then(|| ctx.interrupts.claim());
    let now = Utc::now();
    let point = |raw: &Option<String>, flag: &str| -> Result<Option<DateTime<Utc>>, CliError> {
        raw.as_deref()
            .map(|r| time::parse_point(r, now).map_err(|e| CliError::usage(format!("{flag}: {e}"))))
            .transpose()
    };
    let since = point(&args.since, "--since")?;
    let until = point(&args.until, "--until")?;
    if let (Some(s), Some(u)) = (since, until)
        && u < s
    {
        return Err(CliError::usage(format!(
            "--until ({}) is before --since ({}): the window is empty",
            time::for_people(u, args.utc),
            time::for_people(s, args.utc)
        ))
        .hint("durations count back from now: `--since 2h --until 1h` is the hour before the last")
        .into());
    }
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
    let reading = read::backlog(&session, since_text.as_deref(), limit, &filter);
    let backlog = match &mut ctrl_c {
        Some(claim) => tokio::select! {
            r = reading => r?,
            () = claim.pressed() => return Ok(()),
        },
        None => reading.await?,
    };
    for entry in &backlog.entries {
        print_entry(ctx, entry, args.utc)?;
    }
    if let Some(capped) = &backlog.capped {
        let before = match capped.oldest {
            Some(t) => format!(
                "entries before {} were not read",
                time::for_people(t, args.utc)
            ),
            None => "older entries were not read".to_owned(),
        };
        ctx.printer.warn(format!(
            "stopped after {} pages ({} entries); {before}: narrow the window with --since/--until",
            capped.pages, capped.read
        ));
    }
    if let Some(claim) = ctrl_c {
        follow::follow(
            ctx,
            &session,
            &filter,
            backlog.tail,
            since_text,
            args.utc,
            claim,
        )
        .await?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use clap::{Args, Command};

    use super::*;

    #[test]
    fn the_since_help_states_the_retention() {
        let cmd = LogsArgs::augment_args(Command::new("logs"));
        let since = cmd
            .get_arguments()
            .find(|a| a.get_id() == "since")
            .and_then(|a| a.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        assert!(
            since.contains(&format!("entries are kept {RETENTION_DAYS} days")),
            "{since}"
        );
    }
}
