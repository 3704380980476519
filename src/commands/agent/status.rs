//! `skene agent status`: what the running agent reports at `GET /status`, for
//! people or (`--json`) for scripts. Exit 3 when no agent runs.

use clap::Args;

use super::Context;
use crate::agent::status::{LastError, LinkState, Snapshot};
use crate::agent::{control, state, token};
use crate::error::CliError;

#[derive(Debug, Args)]
pub struct StatusArgs {}

pub async fn run(ctx: &Context, _args: StatusArgs) -> anyhow::Result<()> {
    let dir = ctx.config_dir()?;
    let Some(agent) = super::find_running(ctx)? else {
        return Err(CliError::network("no skene agent is running")
            .hint("start one with `skene agent run --gateway-only`")
            .into());
    };
    let local_token = token::load(dir)?.ok_or_else(|| {
        CliError::failure(format!(
            "the agent's local token {} is missing",
            token::path(dir).display()
        ))
        .hint("run `skene agent token rotate`")
    })?;
    let snapshot = control::fetch_status(ctx.http()?, &agent, &local_token)
        .await
        .map_err(|e| {
            CliError::network(format!(
                "the agent for {} (pid {}) did not answer on port {}: {e}",
                state::workspace_label(&agent.workspace),
                agent.pid,
                agent.port
            ))
        })?;
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&snapshot)?;
        return Ok(());
    }
    for line in human(&snapshot) {
        p.data(line)?;
    }
    Ok(())
}

fn human(s: &Snapshot) -> Vec<String> {
    let mut lines = vec![
        format!(
            "Agent:      running for {} (pid {}, skene {}), up {}",
            state::workspace_label(&s.workspace),
            s.pid,
            s.version,
            duration(s.uptime_secs)
        ),
        format!("API:        {}", s.api_base),
    ];
    let g = &s.gateway;
    match (&g.base_url, g.enabled) {
        (Some(url), true) => {
            lines.push(format!("Gateway:    {url}"));
            lines.push(format!(
                "  requests: {} ({} relayed, {} refused, {} upstream errors, {} in flight)",
                g.requests, g.forwarded, g.refused, g.upstream_errors, g.in_flight
            ));
            if let Some(e) = &g.last_error {
                lines.push(last_error(e));
            }
        }
        _ => lines.push("Gateway:    off".into()),
    }
    let f = &s.forwarder;
    if !f.enabled {
        lines.push("Forwarder:  off (--gateway-only)".into());
        return lines;
    }
    lines.push("Forwarder:".into());
    lines.push(link("database", &f.database));
    lines.push(link("cloud", &f.cloud));
    match (f.backlog, f.oldest_unprocessed_age_secs) {
        (Some(n), Some(age)) if n > 0 => lines.push(format!(
            "  backlog:  {n} events, the oldest {} old",
            duration(age as u64)
        )),
        (Some(n), _) => lines.push(format!("  backlog:  {n} events")),
        (None, _) => lines.push("  backlog:  unknown".into()),
    }
    lines.push(format!("  delivered {}, failed {}", f.delivered, f.failed));
    if let Some(e) = &f.last_error {
        lines.push(last_error(e));
    }
    lines
}

fn link(name: &str, l: &LinkState) -> String {
    let mut text = format!("  {name}: {:<9}", format!("{}", l.state.as_str()));
    if !l.since.is_empty() {
        text.push_str(&format!(" since {}", l.since));
    }
    if let Some(d) = &l.detail {
        text.push_str(&format!(" ({d})"));
    }
    text
}

fn last_error(e: &LastError) -> String {
    format!("  last error at {}: {}", e.at, e.message)
}

/// `42 s`, `3 min`, `2 h 5 min`, `3 d 4 h`.
fn duration(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        3600..86400 => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
        _ => format!("{} d {} h", secs / 86400, secs % 86400 / 3600),
    }
}
