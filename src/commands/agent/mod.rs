//! `skene agent …`: the local agent — forwarding database events to the
//! workspace (`run`), watching them (`listen`), its proxy secret, its OS service,
//! and giving delivery back to pg_net (`release`).

mod listen;
mod release;
mod run;
mod secret;
mod service;
mod source;

use clap::Subcommand;

use super::Context;

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Run the agent in the foreground: forward database events to the workspace
    Run(run::RunArgs),
    /// Show database events as they happen (read-only; works offline)
    Listen(listen::ListenArgs),
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
        AgentCommand::Listen(args) => listen::run(ctx, args).await,
        AgentCommand::Secret(cmd) => secret::run(ctx, cmd).await,
        AgentCommand::Service(cmd) => service::run(ctx, cmd),
        AgentCommand::Release(args) => release::run(ctx, args).await,
    }
}
