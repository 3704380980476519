//! `skene agent run`: the local agent in the foreground, until Ctrl-C or SIGTERM.
//!
//! Two parts share one process, one status (`GET /status`), one log and one stop
//! signal: the loopback server — the control endpoint (`/status`, `/healthz`),
//! always, and the gateway (the workspace's Agent as an OpenAI-compatible
//! endpoint on 127.0.0.1) when a workspace key is at hand — and the event
//! forwarder (rows of `skene_growth.event_log` to the workspace's ingest; not
//! with `--gateway-only`). When one part cannot go on, the other is stopped too.

use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use serde_json::json;
use tokio::sync::watch;

use super::{Context, forward, source};
use crate::agent::events::{self, LogEvent, Status};
use crate::agent::lock::AgentLock;
use crate::agent::log::Logger;
use crate::agent::server::{self, guard};
use crate::agent::state::{self, AgentState, StateFile};
use crate::agent::status::{AgentInfo, AgentStatus};
use crate::agent::upstream::Upstream;
use crate::agent::{VERSION, token};
use crate::commands::not_logged_in;
use crate::error::{CliError, ExitKind};
use crate::interrupt::Claim;
use crate::settings::env;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene agent run                                # forward events, serve the gateway
  skene agent run --gateway-only                 # http://127.0.0.1:4917/v1 alone
  eval \"$(skene agent env)\"                       # in another shell: point SDKs at it
  skene agent run --gateway-only --allow-origin http://localhost:3000

Events: reads new rows of skene_growth.event_log (at once on NOTIFY, else every 250 ms)
and posts each to the workspace's /cloud/ingest/db-trigger with the proxy secret, exactly
as pg_net would. A row is marked processed only after a 2xx; failures are retried with
backoff (1 s to 60 s, Retry-After honoured) for as long as it takes; a row refused (4xx)
--max-attempts times in a row (counted on the row, across restarts) is moved to
skene_growth.failed_events; a 401 pauses delivery until
the secret is fixed (`skene agent secret set`). Refuses to run when pg_net already
delivers (its trigger enabled with a real URL), unless --take-over.

Gateway: listens on 127.0.0.1 only. It refuses requests whose Host is not
127.0.0.1:<port>, localhost:<port> or [::1]:<port> (DNS rebinding), requests from web
pages unless their origin is allowed (--allow-origin), POSTs that are not
application/json, bodies over 4 MiB, and requests without the local token that
`skene agent env` prints. The workspace key stays in the credential store.

Ctrl-C or SIGTERM stops the agent: the batch of events in flight is settled and
requests in flight get up to 10 s to finish (a second Ctrl-C stops at once); it exits 0.")]
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

    /// The database to read events from [default: DATABASE_URL, db_url in .skene.config, else the local `supabase start` database]
    #[arg(long, env = env::DATABASE_URL, hide_env_values = true, value_name = "URL")]
    pub db: Option<String>,

    /// When pg_net's webhook trigger delivers, disable it and forward instead (`skene agent release` re-enables it)
    #[arg(long)]
    pub take_over: bool,

    /// Requests in flight at once (also rows per transaction: at most this many are sent twice after a crash)
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64), value_name = "N")]
    pub in_flight: u16,

    /// 4xx answers in a row (other than 401, 408, 429) after which an event is moved to skene_growth.failed_events
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000), value_name = "N")]
    pub max_attempts: u32,
}

/// How long requests in flight may take to finish after a stop signal.
const GRACE: Duration = Duration::from_secs(10);

pub async fn run(ctx: &Context, args: RunArgs) -> anyhow::Result<()> {
    let allowed_origins = args
        .allow_origins
        .iter()
        .map(|o| guard::parse_origin(o))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CliError::usage(format!("--allow-origin: {e}")))?;

    // The workspace, and its key for the gateway. The forwarder needs no key (the
    // ingest takes the proxy secret), so without one the gateway's routes are off
    // (the control endpoint is still served).
    // `events_name` names the workspace for the forwarder's lock and secret
    // (`<slug>@<host>`); `workspace` is the slug people know, when known.
    let (target, events_name) = source::workspace(ctx)?;
    let creds = match ctx.resolve_key(&target)? {
        Some(creds) => {
            creds.check_destination(&target.endpoint)?;
            Some(creds)
        }
        None if args.gateway_only => {
            return Err(match ctx.user_config() {
                Ok(cfg) => not_logged_in(&cfg),
                Err(e) => e,
            }
            .into());
        }
        None => None,
    };

    // The slug, when the login or the URL names it (a bare SKENE_API_KEY does not).
    let workspace = match (
        &creds.as_ref().and_then(|c| c.profile.clone()),
        &target.endpoint.upstream.slug,
    ) {
        (Some((_, p)), _) => p.workspace.clone(),
        (None, Some(slug)) => slug.clone(),
        (None, None) => String::new(),
    };

    // One forwarder per (database, workspace): its lock comes first, so a second
    // agent for the same pair hears about the database. One gateway, state file
    // and status per workspace: an agent that finds them taken by an agent
    // forwarding another database forwards alone.
    let config_dir = ctx.config_dir()?;
    let slot = state::slot(&target);
    let forwarder_setup = if args.gateway_only {
        None
    } else {
        let (config, secret_from) = forward::config(ctx, &args, &target, &events_name)?;
        let held = events::lock(&config).map_err(|e| forward::error(e, &events_name))?;
        Some((config, held, secret_from))
    };
    let agent_lock = match forwarder_setup {
        Some(_) => AgentLock::try_acquire(config_dir, &slot)?,
        None => Some(AgentLock::acquire(config_dir, &slot)?),
    };
    // Made now if there is none (the server reads it again at its first request).
    {
        let lock = ctx.lock()?;
        token::load_or_create(config_dir, &lock)?;
    }
    let logger = Logger::new(ctx.printer.clone());
    let status = Arc::new(AgentStatus::new(AgentInfo {
        workspace: workspace.clone(),
        api_base: target.endpoint.base(),
    }));

    // The forwarder's configuration is checked before anything is served: a
    // missing secret or an unreachable database URL is said at once.
    let forwarder = if let Some((config, held, secret_from)) = forwarder_setup {
        let database = config.database.redacted();
        forward::log_line(
            &ctx.printer,
            &json!({"event": "starting", "database": database, "api_base": target.endpoint.base(), "secret_from": secret_from}),
            &format!(
                "forwarding events from {database} to {} (proxy secret from {secret_from})",
                target.endpoint.base()
            ),
            false,
        );
        Some((config, held, Status::new(database)))
    } else {
        None
    };

    // The control endpoint (/status, /healthz) is served whenever this agent holds
    // the workspace's slot, so that `skene agent status` finds it; the gateway's
    // routes need a key as well. An agent that finds the slot taken (another agent
    // forwards another database of the same workspace) forwards events only.
    let listener = match &agent_lock {
        Some(_) => {
            let (listener, note) = server::bind(args.gateway_port).await?;
            if let Some(note) = note {
                logger.warn(note);
            }
            Some(listener)
        }
        None => {
            logger.warn(format!(
                "another skene agent serves the gateway and status of {slot}: this one forwards events only"
            ));
            None
        }
    };
    let upstream = match (&creds, &listener) {
        (Some(creds), Some(_)) => Some(Upstream::new(
            ctx.http()?,
            &ctx.settings.http()?,
            &target.endpoint,
            creds,
            ctx.stores()?,
        )),
        _ => None,
    };

    let state_file = match (&agent_lock, &listener) {
        (Some(agent_lock), Some(listener)) => Some(StateFile::write(
            config_dir,
            &AgentState {
                slot,
                workspace: workspace.clone(),
                api_base: target.endpoint.base(),
                pid: std::process::id(),
                port: listener.port(),
                version: VERSION.to_owned(),
                started_at: status.started_at(),
                forwarder: forwarder.is_some(),
            },
            agent_lock,
        )?),
        _ => None,
    };

    // Ctrl-C and SIGTERM, counted: the first stops gracefully, the second at once.
    // A part that cannot go on stops the other through the same signal.
    let (signals, stop) = watch_signals(ctx.interrupts.claim())?;

    let forwarding = forwarder.map(|(config, held, events_status)| {
        let shared = events_status.clone();
        status.set_forwarder_source(Box::new(move || forward::status(&shared.snapshot())));
        let printer = ctx.printer.clone();
        let observer = Arc::new(move |event: &LogEvent| forward::print_event(&printer, event));
        tokio::spawn(events::run(
            config,
            held,
            events_status,
            observer,
            stopped(signals.clone()),
        ))
    });

    let port = listener.as_ref().map(|l| l.port());
    match (&creds, port) {
        (_, None) => {}
        (Some(creds), Some(port)) => {
            logger.info(format!(
                "gateway for {} listening on http://127.0.0.1:{port}/v1 (workspace key from the {})",
                state::workspace_label(&workspace),
                creds.source.describe(),
            ));
            logger.info("point tools at it with: eval \"$(skene agent env)\"");
        }
        (None, Some(port)) => logger.warn(format!(
            "no workspace key: events are forwarded, but the gateway's /v1 routes on port {port} answer 503 (run `skene login` or set SKENE_API_KEY, then restart the agent); `skene agent status` works"
        )),
    }
    let config = server::Config {
        token: token::TokenCheck::new(config_dir),
        upstream,
        status: status.clone(),
        logger: logger.clone(),
        allowed_origins,
    };
    // Set when a part of the agent stops the other (it cannot go on): that is no
    // Ctrl-C, and the reason is said as the command's error.
    let stopped_inside = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let announce = {
        let logger = logger.clone();
        let signals = signals.clone();
        let stopped_inside = stopped_inside.clone();
        async move {
            stopped(signals).await;
            if stopped_inside.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            logger.info(format!(
                "stopping: requests in flight have up to {} s to finish (a second Ctrl-C or SIGTERM stops at once)",
                GRACE.as_secs()
            ));
        }
    };
    let serving = {
        let serving = listener.map(|listener| server::serve(listener, config, announce, GRACE));
        let signals = signals.clone();
        async move {
            match serving {
                Some(serving) => serving.await,
                // Nothing served: this part ends with the stop, like a server would.
                None => stopped(signals).await,
            }
        }
    };

    // Both parts run until a stop; a forwarder that ends on its own (it cannot
    // go on: locked, pg_net delivers, no secret) stops the gateway too.
    let outcome = async {
        // Without the forwarder, only a stop ends the server.
        let has_forwarder = forwarding.is_some();
        let forwarded = async {
            match forwarding {
                Some(handle) => match handle.await {
                    Ok(result) => result,
                    Err(e) => Err(events::ForwardError::Lock(format!(
                        "the event forwarder stopped: {e}"
                    ))),
                },
                None => std::future::pending().await,
            }
        };
        tokio::pin!(serving, forwarded);
        tokio::select! {
            () = &mut serving => {
                stopped_inside.store(true, std::sync::atomic::Ordering::SeqCst);
                let _ = stop.send(1);
                if has_forwarder { forwarded.await } else { Ok(()) }
            }
            result = &mut forwarded => {
                stopped_inside.store(true, std::sync::atomic::Ordering::SeqCst);
                let _ = stop.send(1);
                serving.await;
                result
            }
        }
    };
    let result = tokio::select! {
        result = outcome => result,
        () = nth_signal(signals, 2) => {
            drop(state_file);
            return Err(CliError::new(ExitKind::Interrupted, "stopped at once").into());
        }
    };
    drop(state_file);
    result.map_err(|e| forward::error(e, &events_name))?;
    logger.info("stopped");
    Ok(())
}

/// Counts stop signals (Ctrl-C, and SIGTERM on Unix) in a watch channel; the
/// sender lets a part of the agent ask for a stop as well.
fn watch_signals(mut claim: Claim) -> anyhow::Result<(watch::Receiver<u32>, watch::Sender<u32>)> {
    let (tx, rx) = watch::channel(0u32);
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| CliError::failure(format!("cannot listen for SIGTERM: {e}")))?;
    let counter = tx.clone();
    tokio::spawn(async move {
        loop {
            #[cfg(unix)]
            tokio::select! {
                () = claim.pressed() => {}
                _ = term.recv() => {}
            }
            #[cfg(not(unix))]
            claim.pressed().await;
            counter.send_modify(|n| *n += 1);
        }
    });
    Ok((rx, tx))
}

/// Resolves at the first stop signal.
pub async fn stopped(signals: watch::Receiver<u32>) {
    nth_signal(signals, 1).await;
}

async fn nth_signal(mut signals: watch::Receiver<u32>, n: u32) {
    let _ = signals.wait_for(|count| *count >= n).await;
}
