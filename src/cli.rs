//! The clap tree: global flags and the command enum, nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands::{
    agent, auth, call, chat, completions, integrations, keys, login, logout, members, models, push,
    triggers, validate,
};
use crate::settings::env;

pub const EXIT_CODES: &str = "\
Exit codes:
  0    success
  1    other error
  2    usage error, or a prompt that cannot be shown
  3    network or server error
  4    authentication or permission error (not logged in, key rejected)
  5    invalid input files
  130  interrupted";

const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "skene",
    version,
    about = "Command-line client of Skene Cloud",
    long_about = "Command-line client of Skene Cloud: log in to a workspace and keep its API key in \
the OS keyring, check and push the growth bundle, manage members and keys, chat with the \
workspace's Agent and call any API endpoint, from a terminal or a CI script.",
    after_long_help = EXIT_CODES,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Workspace URL, e.g. https://www.skene.ai/workspace/my-app; its origin + /api/v1 is the API base
    #[arg(long, global = true, env = env::UPSTREAM, value_name = "URL", help_heading = GLOBAL)]
    pub upstream: Option<String>,

    /// API base URL, used verbatim; wins over --upstream
    #[arg(long, global = true, env = env::API_URL, value_name = "URL", help_heading = GLOBAL)]
    pub api_url: Option<String>,

    /// Saved login to use (its workspace slug, or a profile name from `skene auth status`)
    #[arg(long, global = true, env = env::WORKSPACE, value_name = "SLUG", help_heading = GLOBAL)]
    pub workspace: Option<String>,

    /// Print machine-readable JSON on stdout
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,

    /// Print only data and errors
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Log each HTTP request to stderr; twice adds headers and bodies (secrets redacted)
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = GLOBAL)]
    pub verbose: u8,

    /// Never prompt; fail instead and name the flag that would answer (implied by a truthy CI)
    #[arg(
        long,
        global = true,
        env = env::NO_INPUT,
        value_parser = clap::builder::FalseyValueParser::new(),
        help_heading = GLOBAL
    )]
    pub no_input: bool,

    /// When to use colors on stderr (NO_COLOR is honoured)
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        help_heading = GLOBAL
    )]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in to a workspace and store its API key in the OS keyring
    Login(login::LoginArgs),
    /// Remove a stored key and its profile
    Logout(logout::LogoutArgs),
    /// Check the bundle and upload it to the workspace
    Push(push::PushArgs),
    /// Check the bundle offline, without pushing it
    Validate(validate::ValidateArgs),
    /// Manage the workspace's members and invitations
    #[command(subcommand)]
    Members(members::MembersCommand),
    /// Manage the workspace's API keys and allowed origins
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// See the workspace's Supabase and GitHub connections
    #[command(subcommand)]
    Integrations(integrations::IntegrationsCommand),
    /// Ask the workspace's Agent (OpenAI-compatible chat), streaming the answer
    Chat(chat::ChatArgs),
    /// List the models the workspace offers
    Models(models::ModelsArgs),
    /// Send an authenticated request to any API endpoint
    Api(call::ApiArgs),
    /// Generate and check the database trigger migrations from engine.yaml
    #[command(subcommand)]
    Triggers(triggers::TriggersCommand),
    /// The local agent: the workspace's Agent as an OpenAI-compatible endpoint on 127.0.0.1
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Inspect and manage stored logins
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
}
