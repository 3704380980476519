//! The event forwarder's side of `skene agent run`: its configuration from the
//! settings, its log lines, its errors, and its counters in `/status`. The
//! forwarder itself is one library call, `agent::events::run`.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};

use super::run::RunArgs;
use super::source;
use crate::agent::events::{
    Backoff, CloudState, Config, DbState, EventsStatus, ForwardError, LogEvent,
};
use crate::agent::secret::SecretLookup;
use crate::agent::status::{ForwarderStatus, LastError, Link, LinkState};
use crate::api::RetryPolicy;
use crate::commands::Context;
use crate::error::CliError;
use crate::output::Printer;
use crate::settings::{Source, Target, env};

/// How long one ingest request may take unless SKENE_HTTP_TIMEOUT says otherwise
/// (pg_net allows 5 s).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The forwarder's configuration, and where its proxy secret comes from.
pub fn config(
    ctx: &Context,
    args: &RunArgs,
    target: &Target,
    workspace: &str,
) -> anyhow::Result<(Config, String)> {
    let (url, _) = source::database(ctx, args.db.as_deref())?;
    let lookup = SecretLookup::new(ctx.stores()?, workspace);
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
        Ok(None) => return Err(no_secret(workspace).into()),
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
    let p = &ctx.printer;
    let tracer: Option<crate::api::trace::Tracer> = (p.verbosity() >= 2).then(|| {
        let printer = p.clone();
        Arc::new(move |level: u8, line: &str| printer.trace(level, line))
            as crate::api::trace::Tracer
    });
    // The process's one client (its pool, TLS roots and proxy), with the forwarder's
    // own policy: it retries itself, for as long as it takes, so no retries here.
    let client = ctx
        .http()?
        .with_policy(
            request_timeout,
            RetryPolicy {
                max_retries: 0,
                ..RetryPolicy::default()
            },
            tracer,
        )
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
    Ok((config, origin.describe()))
}

fn no_secret(workspace: &str) -> CliError {
    CliError::auth(format!("no proxy secret is set for {workspace}"))
        .hint("run `skene agent secret set` (the secret is on the workspace's integrations page), or set SKENE_PROXY_SECRET")
}

/// What the user reads when the forwarder cannot go on.
pub fn error(err: ForwardError, workspace: &str) -> CliError {
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

/// The forwarder's counters as `/status` shows them.
pub fn status(s: &EventsStatus) -> ForwarderStatus {
    let link = |state: Link, detail: Option<String>| LinkState {
        state,
        since: String::new(),
        detail,
    };
    let database = match s.database {
        DbState::Connecting => Link::Connecting,
        DbState::Connected => Link::Connected,
        DbState::Reconnecting => Link::Disconnected,
    };
    let (cloud, detail) = match s.cloud {
        CloudState::Unknown => (Link::Connecting, None),
        CloudState::Ok => (Link::Connected, None),
        CloudState::Retrying => (Link::Disconnected, None),
        CloudState::PausedUnauthorized => (
            Link::Paused,
            Some("401: set the proxy secret (`skene agent secret set`)".to_owned()),
        ),
    };
    ForwarderStatus {
        enabled: true,
        database: link(database, None),
        cloud: link(cloud, detail),
        backlog: s.backlog,
        oldest_unprocessed_age_secs: s.oldest_unprocessed_age_secs,
        delivered: s.delivered,
        failed: s.failed,
        last_error: s.last_error.clone().map(|message| LastError {
            at: s.last_error_at.map(rfc3339).unwrap_or_default(),
            message,
        }),
        database_url: Some(s.database_url.clone()),
        notify: Some(s.notify),
        retries: s.retries,
        last_delivered_at: s.last_delivered_at.map(rfc3339),
    }
}

fn rfc3339(unix: f64) -> String {
    DateTime::<Utc>::from_timestamp_millis((unix * 1000.0) as i64)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Prints one of the forwarder's log events.
pub fn print_event(p: &Printer, event: &LogEvent) {
    if event.verbose() && p.verbosity() == 0 {
        return;
    }
    let value = serde_json::to_value(event).unwrap_or(Value::Null);
    log_line(p, &value, &event.message(), event.is_warning());
}

/// A log line: NDJSON with `--json` (never silenced), else the time and the
/// message (warnings always shown, the rest silenced by `--quiet`).
pub fn log_line(p: &Printer, value: &Value, message: &str, warning: bool) {
    if p.json_mode() {
        let mut object = json!({
            "ts": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
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
