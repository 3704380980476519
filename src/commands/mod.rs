//! One module per command; [`dispatch`] runs the one clap parsed. What every
//! command shares (settings, printer, the HTTP client) is in [`Context`].

pub mod agent;
pub mod auth;
pub mod call;
pub mod chat;
pub mod completions;
mod context;
pub mod integrations;
pub mod keys;
pub mod login;
pub mod logout;
pub mod members;
pub mod models;
pub mod push;
pub mod triggers;
pub mod validate;

pub use context::{Context, Session, not_logged_in, when_forbidden};

use crate::cli::Command;

pub async fn dispatch(ctx: &Context, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Login(args) => login::run(ctx, args).await,
        Command::Logout(args) => logout::run(ctx, args).await,
        Command::Auth(cmd) => auth::run(ctx, cmd).await,
        Command::Completions(args) => completions::run(ctx, args),
        Command::Push(args) => push::run(ctx, args).await,
        Command::Validate(args) => validate::run(ctx, args),
        Command::Triggers(cmd) => triggers::run(ctx, cmd).await,
        Command::Members(cmd) => members::run(ctx, cmd).await,
        Command::Keys(cmd) => keys::run(ctx, cmd).await,
        Command::Integrations(cmd) => integrations::run(ctx, cmd).await,
        Command::Chat(args) => chat::run(ctx, args).await,
        Command::Models(args) => models::run(ctx, args).await,
        Command::Api(args) => call::run(ctx, args).await,
        Command::Agent(cmd) => agent::run(ctx, cmd).await,
    }
}
