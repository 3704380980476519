//! One module per command; [`dispatch`] runs the one clap parsed. What every
//! command shares (settings, printer, the HTTP client) is in [`Context`].

pub mod agent;
pub mod auth;
pub mod call;
pub mod chat;
mod choose;
pub mod completions;
mod context;
pub mod integrations;
pub mod keys;
pub mod link;
pub mod login;
pub mod logout;
pub mod logs;
pub mod man;
pub mod members;
pub mod models;
pub mod open;
mod page;
pub mod push;
pub mod triggers;
pub mod validate;
pub mod whoami;

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
        Command::Link(args) => link::link(ctx, args).await,
        Command::Unlink(args) => link::unlink(ctx, args),
        Command::Whoami(args) => whoami::run(ctx, args).await,
        Command::Open(args) => open::run(ctx, args).await,
        Command::Man(args) => man::run(ctx, args),
        Command::Logs(args) => logs::run(ctx, args).await,
        Command::Agent(cmd) => agent::run(ctx, cmd).await,
    }
}
