//! `skene agent …`: the local agent (`src/agent/`) — running it (`run`: the
//! gateway and the event forwarder), watching events (`listen`), finding and
//! showing it (`status`), pointing tools at it (`env`, `token`), its proxy
//! secret, its OS service, and giving delivery back to pg_net (`release`).

mod env;
mod forward;
mod listen;
mod release;
mod run;
mod secret;
mod service;
mod source;
mod status;
mod token;

use clap::Subcommand;

use super::Context;
use crate::agent::state::{self, AgentState};
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Run the local agent in the foreground: forward database events to the
    /// workspace and serve its Agent to local tools (Ctrl-C or SIGTERM stops it)
    Run(run::RunArgs),
    /// Show what the running agent is doing (exit 3 when none runs)
    Status(status::StatusArgs),
    /// Show database events as they happen (read-only; works offline)
    Listen(listen::ListenArgs),
    /// Print the variables that point OpenAI SDKs and tools at the agent's gateway
    Env(env::EnvArgs),
    /// Manage the local token that tools show the agent
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Set, check or delete the workspace's proxy secret
    #[command(subcommand)]
    Secret(secret::SecretCommand),
    /// Install, remove or check the OS service that keeps the agent running
    #[command(subcommand)]
    Service(service::ServiceCommand),
    /// Give event delivery back to pg_net: re-enable its webhook trigger
    Release(release::ReleaseArgs),
}

pub async fn run(ctx: &Context, cmd: AgentCommand) -> anyhow::Result<()> {
    match cmd {
        AgentCommand::Run(args) => run::run(ctx, args).await,
        AgentCommand::Status(args) => status::run(ctx, args).await,
        AgentCommand::Listen(args) => listen::run(ctx, args).await,
        AgentCommand::Env(args) => env::run(ctx, args),
        AgentCommand::Token(cmd) => token::run(ctx, cmd).await,
        AgentCommand::Secret(cmd) => secret::run(ctx, cmd).await,
        AgentCommand::Service(cmd) => service::run(ctx, cmd),
        AgentCommand::Release(args) => release::run(ctx, args).await,
    }
}

/// The running agent a command means: the one of `--workspace`, else the only
/// one, else the active login's. `None` when no agent runs.
fn find_running(ctx: &Context) -> Result<Option<AgentState>, CliError> {
    let dir = ctx.config_dir()?;
    let wanted = ctx
        .settings
        .flags
        .workspace
        .as_ref()
        .map(|w| w.value.clone());
    let active = ctx.user_config()?.active;
    state::find(dir, wanted.as_deref(), active.as_deref())
}
