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
            .hint("start one with `skene agent run` (`--gateway-only` serves the gateway without forwarding events), or keep one running with `skene agent service install`")
            .into());
    };
    let local_token = token::load(dir)?.ok_or_else(|| {
        CliError::failure(format!(
            "the agent's local token {} is missing",
            token::path(dir).display()
        ))
        .hint("run `skene agent token rotate`")
    })?;
    let snapshot = control::fetch_status(&agent, &local_token)
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
        // Only an agent without a workspace key runs without its gateway.
        _ => lines.push(
            "Gateway:    off (no workspace key: run `skene login`, then restart the agent)".into(),
        ),
    }
    let f = &s.forwarder;
    if !f.enabled {
        lines.push("Forwarder:  off (--gateway-only)".into());
        return lines;
    }
    lines.push("Forwarder:".into());
    if let Some(url) = &f.database_url {
        let how = match f.notify {
            Some(true) => " (new events announced by NOTIFY)",
            Some(false) => " (new events found by polling)",
            None => "",
        };
        lines.push(format!("  source:   {url}{how}"));
    }
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
    let mut counts = format!(
        "  delivered {}, failed {}, retried {}",
        f.delivered, f.failed, f.retries
    );
    if let Some(at) = &f.last_delivered_at {
        counts.push_str(&format!("; last delivery at {at}"));
    }
    lines.push(counts);
    if let Some(e) = &f.last_error {
        lines.push(last_error(e));
    }
    lines
}

fn link(name: &str, l: &LinkState) -> String {
    let mut text = format!("  {:<9} {}", format!("{name}:"), l.state.as_str());
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::status::{ForwarderStatus, GatewayStatus, Link};

    #[test]
    fn a_running_forwarder_is_shown_in_full() {
        let snapshot = Snapshot {
            version: "1.0.0".into(),
            pid: 42,
            workspace: "my-app".into(),
            api_base: "https://www.skene.ai/api/v1".into(),
            started_at: "2026-01-01T00:00:00Z".into(),
            uptime_secs: 3725,
            gateway: GatewayStatus::default(),
            forwarder: ForwarderStatus {
                enabled: true,
                database: LinkState {
                    state: Link::Connected,
                    since: "2026-01-01T00:00:01Z".into(),
                    detail: None,
                },
                cloud: LinkState {
                    state: Link::Paused,
                    since: "2026-01-01T00:10:00Z".into(),
                    detail: Some("401: set the proxy secret".into()),
                },
                backlog: Some(12),
                oldest_unprocessed_age_secs: Some(90.0),
                delivered: 100,
                failed: 1,
                retries: 3,
                database_url: Some("postgresql://postgres:***@127.0.0.1:54322/postgres".into()),
                notify: Some(true),
                last_delivered_at: Some("2026-01-01T00:09:59Z".into()),
                last_error: None,
            },
        };
        let text = human(&snapshot).join("\n");
        insta::assert_snapshot!(text, @"
        Agent:      running for workspace my-app (pid 42, skene 1.0.0), up 1 h 2 min
        API:        https://www.skene.ai/api/v1
        Gateway:    off (no workspace key: run `skene login`, then restart the agent)
        Forwarder:
          source:   postgresql://postgres:***@127.0.0.1:54322/postgres (new events announced by NOTIFY)
          database: connected since 2026-01-01T00:00:01Z
          cloud:    paused since 2026-01-01T00:10:00Z (401: set the proxy secret)
          backlog:  12 events, the oldest 1 min old
          delivered 100, failed 1, retried 3; last delivery at 2026-01-01T00:09:59Z
        ");
    }
}
