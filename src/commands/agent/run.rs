//! `skene agent run`: the local agent in the foreground, until Ctrl-C or SIGTERM.
//!
//! Today it runs the gateway only (`--gateway-only`): the workspace's Agent as an
//! OpenAI-compatible endpoint on 127.0.0.1. The event forwarder (issue #13) is
//! started beside it, at the marked place below, sharing the [`AgentStatus`], the
//! logger, the upstream client and the stop signal.

use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use tokio::sync::watch;

use super::Context;
use crate::agent::lock::AgentLock;
use crate::agent::log::Logger;
use crate::agent::server::{self, guard};
use crate::agent::state::{self, AgentState, StateFile};
use crate::agent::status::{AgentInfo, AgentStatus};
use crate::agent::{VERSION, token, upstream};
use crate::commands::not_logged_in;
use crate::error::{CliError, ExitKind};
use crate::interrupt::Claim;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene agent run --gateway-only                 # http://127.0.0.1:4917/v1
  eval \"$(skene agent env)\"                       # in another shell: point SDKs at it
  skene agent run --gateway-only --allow-origin http://localhost:3000

The gateway listens on 127.0.0.1 only. It refuses requests whose Host is not
127.0.0.1:<port>, localhost:<port> or [::1]:<port> (DNS rebinding), requests from
web pages unless their origin is allowed (--allow-origin), POSTs that are not
application/json, bodies over 4 MiB, and requests without the local token that
`skene agent env` prints. The workspace key stays in the credential store.

Ctrl-C or SIGTERM stops the agent: requests in flight get up to 10 s to finish
(a second Ctrl-C stops at once), then it exits with 0.")]
pub struct RunArgs {
    /// Run the gateway alone, without the event forwarder
    #[arg(long)]
    pub gateway_only: bool,

    /// The gateway's port on 127.0.0.1 [default: 4917, or a free port when it is taken; 0: any free port]
    #[arg(long, value_name = "PORT")]
    pub gateway_port: Option<u16>,

    /// Let web pages of ORIGIN (e.g. http://localhost:3000) call the gateway; repeatable
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,
}

/// How long requests in flight may take to finish after a stop signal.
const GRACE: Duration = Duration::from_secs(10);

pub async fn run(ctx: &Context, args: RunArgs) -> anyhow::Result<()> {
    if !args.gateway_only {
        return Err(CliError::usage(
            "`skene agent run` also forwards database events, and the event forwarder is not in this build yet",
        )
        .hint("run the gateway alone with `skene agent run --gateway-only`")
        .into());
    }
    let allowed_origins = args
        .allow_origins
        .iter()
        .map(|o| guard::parse_origin(o))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CliError::usage(format!("--allow-origin: {e}")))?;

    // The workspace and its key, as every command finds them.
    let target = ctx.target()?;
    let creds = ctx
        .resolve_key(&target)?
        .ok_or_else(|| match ctx.user_config() {
            Ok(cfg) => not_logged_in(&cfg),
            Err(e) => e,
        })?;
    creds.check_destination(&target.endpoint)?;
    // The slug, when the login or the URL names it (a bare SKENE_API_KEY does not).
    let workspace = match (&creds.profile, &target.endpoint.upstream.slug) {
        (Some((_, p)), _) => p.workspace.clone(),
        (None, Some(slug)) => slug.clone(),
        (None, None) => String::new(),
    };

    // One agent per workspace; the local token, made on first use.
    let config_dir = ctx.config_dir()?;
    let slot = state::slot(&target);
    let agent_lock = AgentLock::acquire(config_dir, &slot)?;
    let local_token = {
        let lock = ctx.lock()?;
        token::load_or_create(config_dir, &lock)?
    };

    let http = ctx.settings.http()?;
    let base_client = upstream::client(&http)?;
    let key = upstream::key_provider(&creds, ctx.stores()?);
    let workspace_api = upstream::workspace_client(&base_client, &target.endpoint, key);

    let (listener, note) = server::bind(args.gateway_port).await?;
    let port = listener.port();
    let logger = Logger::new(ctx.printer.clone());
    if let Some(note) = note {
        logger.warn(note);
    }
    let status = Arc::new(AgentStatus::new(AgentInfo {
        workspace: workspace.clone(),
        api_base: target.endpoint.base(),
    }));
    let state_file = StateFile::write(
        config_dir,
        &AgentState {
            slot,
            workspace: workspace.clone(),
            api_base: target.endpoint.base(),
            pid: std::process::id(),
            port,
            version: VERSION.to_owned(),
            started_at: status.started_at(),
            forwarder: false,
        },
        &agent_lock,
    )?;
    logger.info(format!(
        "gateway for {} listening on http://127.0.0.1:{port}/v1 (workspace key from the {})",
        state::workspace_label(&workspace),
        creds.source.describe()
    ));
    logger.info("point tools at it with: eval \"$(skene agent env)\"");

    // Ctrl-C and SIGTERM, counted: the first stops gracefully, the second at once.
    let signals = watch_signals(ctx.interrupts.claim())?;

    // ── The event forwarder (issue #13) starts here, when --gateway-only is not
    // given: `start_forwarder(ForwarderContext { status: status.clone(), logger:
    // logger.clone(), http: base_client.clone(), stop: stopped(signals.clone()), … })`,
    // and is awaited below after the server has stopped. ──

    let config = server::Config {
        token: token::TokenCheck::new(config_dir, local_token),
        upstream: workspace_api,
        upstream_timeout: upstream::timeout(&http),
        status: status.clone(),
        logger: logger.clone(),
        allowed_origins,
    };
    let announce = {
        let logger = logger.clone();
        let signals = signals.clone();
        async move {
            stopped(signals).await;
            logger.info(format!(
                "stopping: requests in flight have up to {} s to finish (Ctrl-C again stops at once)",
                GRACE.as_secs()
            ));
        }
    };
    let forced = tokio::select! {
        () = server::serve(listener, config, announce, GRACE) => false,
        () = nth_signal(signals, 2) => true,
    };
    drop(state_file);
    if forced {
        return Err(CliError::new(ExitKind::Interrupted, "stopped at once").into());
    }
    logger.info("stopped");
    Ok(())
}

/// Counts stop signals (Ctrl-C, and SIGTERM on Unix) in a watch channel.
fn watch_signals(mut claim: Claim) -> anyhow::Result<watch::Receiver<u32>> {
    let (tx, rx) = watch::channel(0u32);
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| CliError::failure(format!("cannot listen for SIGTERM: {e}")))?;
    tokio::spawn(async move {
        loop {
            #[cfg(unix)]
            tokio::select! {
                () = claim.pressed() => {}
                _ = term.recv() => {}
            }
            #[cfg(not(unix))]
            claim.pressed().await;
            tx.send_modify(|n| *n += 1);
        }
    });
    Ok(rx)
}

/// Resolves at the first stop signal.
pub async fn stopped(signals: watch::Receiver<u32>) {
    nth_signal(signals, 1).await;
}

async fn nth_signal(mut signals: watch::Receiver<u32>, n: u32) {
    let _ = signals.wait_for(|count| *count >= n).await;
}
