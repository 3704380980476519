//! `skene agent run`: the event forwarder in the foreground, its log on stderr
//! (one line per state change; `-v` adds one per event; `--json` makes every
//! line an NDJSON object for journald or Docker). Ctrl-C or SIGTERM stop it
//! after the batch in flight is settled.
//!
//! The forwarder itself is one library call, `agent::events::run`; this file
//! builds its config from the settings and prints what it reports.

use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use serde_json::{Value, json};

use super::source;
use crate::agent::events::{self, Backoff, Config, ForwardError, LogEvent, Status};
use crate::agent::secret::SecretLookup;
use crate::api::{Client, ClientConfig, RetryPolicy};
use crate::commands::Context;
use crate::error::CliError;
use crate::output::Printer;
use crate::settings::{Source, env};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Reads new rows of skene_growth.event_log (at once on NOTIFY, else every 250 ms) and
posts each to the workspace's /cloud/ingest/db-trigger with the proxy secret, exactly as
pg_net would. A row is marked processed only after a 2xx; failures are retried with
backoff (1 s to 60 s, Retry-After honoured) for as long as it takes; a row refused
(4xx) --max-attempts times is moved to skene_growth.failed_events; a 401 pauses delivery
until the secret is fixed (`skene agent secret set`).

Refuses to run when pg_net already delivers (its trigger enabled with a real URL),
unless --take-over.")]
pub struct RunArgs {
    /// The database to read events from [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]
    #[arg(long, env = env::DATABASE_URL, hide_env_values = true, value_name = "URL")]
    pub db: Option<String>,

    /// When pg_net's webhook trigger delivers, disable it and forward instead (`skene agent release` re-enables it)
    #[arg(long)]
    pub take_over: bool,

    /// Requests in flight at once (also rows per transaction: at most this many are sent twice after a crash)
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64), value_name = "N")]
    pub in_flight: u16,

    /// 4xx answers (other than 401, 408, 429) after which an event is moved to skene_growth.failed_events
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000), value_name = "N")]
    pub max_attempts: u32,
}

/// How long one ingest request may take unless SKENE_HTTP_TIMEOUT says otherwise
/// (pg_net allows 5 s).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

pub async fn run(ctx: &Context, args: RunArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (url, _) = source::database(ctx, args.db.as_deref())?;
    let (target, workspace) = source::workspace(ctx)?;
    let lookup = SecretLookup::new(ctx.stores()?, &workspace);
    let origin = match lookup.find() {
        Ok(Some((secret, origin))) => {
            secret.check().map_err(|problem| {
                CliError::auth(format!(
                    "the proxy secret from {}: {problem}",
                    origin.describe()
                ))
                .hint("set it again with `skene agent secret set`")
            })?;
            origin
        }
        Ok(None) => return Err(no_secret(&workspace).into()),
        Err(e) => {
            return Err(CliError::auth(format!("cannot read the proxy secret: {e}"))
                .hint("unlock the keyring, or set SKENE_PROXY_SECRET")
                .into());
        }
    };

    let http = ctx.settings.http()?;
    let request_timeout = match http.timeout.source {
        Source::Default => REQUEST_TIMEOUT,
        _ => http.timeout.value,
    };
    let verbose = p.verbosity();
    let tracer: Option<crate::api::trace::Tracer> = (verbose >= 2).then(|| {
        let printer = p.clone();
        Arc::new(move |level: u8, line: &str| printer.trace(level, line))
            as crate::api::trace::Tracer
    });
    let client = Client::new(ClientConfig {
        timeout: request_timeout,
        connect_timeout: http.connect_timeout.min(request_timeout),
        retry: RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        },
        tracer,
        ca_file: env::get_os(env::SSL_CERT_FILE).map(Into::into),
    })?
    .at(&target.endpoint.api_base, None);

    let mut config = Config::new(
        url,
        client,
        Arc::new(lookup),
        ctx.config_dir()?.join("agent"),
        format!("{} {workspace}", target.endpoint.base()),
    );
    config.take_over = args.take_over;
    config.in_flight = usize::from(args.in_flight);
    config.max_rejections = args.max_attempts;
    config.request_timeout = request_timeout;
    if let Some(ms) = env::get(env::RETRY_BASE_DELAY_MS).and_then(|v| v.trim().parse::<u64>().ok())
    {
        // Skene's own tests: every wait scaled down.
        config.backoff = Backoff::scaled(Duration::from_millis(ms.clamp(1, 1000)));
    }

    let database = config.database.redacted();
    let status = Status::new(database.clone());
    log_line(
        p,
        &json!({"event": "starting", "database": database, "api_base": target.endpoint.base(), "secret_from": origin.describe()}),
        &format!(
            "forwarding events from {database} to {} (proxy secret from {})",
            target.endpoint.base(),
            origin.describe()
        ),
        false,
    );
    let printer = p.clone();
    let observer = Arc::new(move |event: &LogEvent| print_event(&printer, event));

    let mut interrupt = ctx.interrupts.claim();
    let shutdown = async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        () = interrupt.pressed() => {}
                        _ = term.recv() => {}
                    }
                }
                Err(_) => interrupt.pressed().await,
            }
        }
        #[cfg(not(unix))]
        interrupt.pressed().await;
    };
    events::run(config, status, observer, shutdown)
        .await
        .map_err(|e| forward_error(e, &workspace).into())
}

fn no_secret(workspace: &str) -> CliError {
    CliError::auth(format!("no proxy secret is set for {workspace}"))
        .hint("run `skene agent secret set` (the secret is on the workspace's integrations page), or set SKENE_PROXY_SECRET")
}

fn forward_error(err: ForwardError, workspace: &str) -> CliError {
    match err {
        ForwardError::Locked { .. } | ForwardError::Lock(_) => {
            CliError::failure(err.to_string())
                .hint("stop that agent first (or `skene agent service uninstall`), or use it as it is")
        }
        ForwardError::WebhookActive { .. } => CliError::failure(err.to_string()).hint(
            "pass --take-over to disable that trigger and forward with the agent instead (`skene agent release` gives delivery back to pg_net)",
        ),
        ForwardError::NoSecret => no_secret(workspace),
        ForwardError::Secret(_) => CliError::auth(err.to_string())
            .hint("unlock the keyring, or set SKENE_PROXY_SECRET"),
        ForwardError::Database(e) => source::db_error(&e),
    }
}

/// Prints one of the forwarder's log events.
fn print_event(p: &Printer, event: &LogEvent) {
    if event.verbose() && p.verbosity() == 0 {
        return;
    }
    let value = serde_json::to_value(event).unwrap_or(Value::Null);
    log_line(p, &value, &event.message(), event.is_warning());
}

/// A log line: NDJSON with `--json` (never silenced), else the time and the
/// message (warnings always shown, the rest silenced by `--quiet`).
fn log_line(p: &Printer, value: &Value, message: &str, warning: bool) {
    if p.json_mode() {
        let mut object = json!({
            "ts": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "level": if warning { "warn" } else { "info" },
        });
        if let (Some(out), Some(fields)) = (object.as_object_mut(), value.as_object()) {
            for (k, v) in fields {
                out.insert(k.clone(), v.clone());
            }
            out.insert("message".into(), Value::from(message));
        }
        p.diagnostic(terminal_safe_json(&object));
        return;
    }
    let line = format!("{}  {message}", chrono::Local::now().format("%H:%M:%S"));
    if warning {
        p.warn(line);
    } else {
        p.status(line);
    }
}

/// Compact JSON whose every character is safe on a terminal: what serde_json
/// leaves raw of DEL, the C1 controls and bidirectional marks becomes `\uXXXX`.
pub fn terminal_safe_json(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let unsafe_char = matches!(c, '\u{7f}'..='\u{9f}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if unsafe_char {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_stay_json_and_terminal_safe() {
        let v = json!({"m": "a\u{9b}b\u{202e}c\u{7f}\u{1b}"});
        let text = terminal_safe_json(&v);
        assert!(!text.chars().any(|c| c.is_control()), "{text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }
}
