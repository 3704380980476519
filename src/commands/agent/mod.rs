//! `skene agent run | status | env | token rotate`: the local agent (`src/agent/`)
//! and the commands that find it, show it and point tools at it.

mod env;
mod run;
mod status;
mod token;

use clap::Subcommand;

use super::Context;
use crate::agent::state::{self, AgentState};
use crate::error::CliError;

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Run the local agent in the foreground (Ctrl-C or SIGTERM stops it)
    Run(run::RunArgs),
    /// Show what the running agent is doing (exit 3 when none runs)
    Status(status::StatusArgs),
    /// Print the variables that point OpenAI SDKs and tools at the agent's gateway
    Env(env::EnvArgs),
    /// Manage the local token that tools show the agent
    #[command(subcommand)]
    Token(token::TokenCommand),
}

impl AgentCommand {
    /// Whether the command serves many connections at once (it gets a runtime
    /// with worker threads; every other command runs on one thread).
    pub fn is_server(&self) -> bool {
        matches!(self, AgentCommand::Run(_))
    }
}

pub async fn run(ctx: &Context, cmd: AgentCommand) -> anyhow::Result<()> {
    match cmd {
        AgentCommand::Run(args) => run::run(ctx, args).await,
        AgentCommand::Status(args) => status::run(ctx, args).await,
        AgentCommand::Env(args) => env::run(ctx, args),
        AgentCommand::Token(cmd) => token::run(ctx, cmd),
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
