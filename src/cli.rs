//! The clap tree: global flags and the command enum, nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::commands::{
    agent, auth, call, chat, completions, integrations, keys, link, login, logout, logs, man,
    members, models, open, push, triggers, validate, whoami,
};
use crate::settings::{UserConfig, env};

/// The exit codes, as `--help` and the man pages list them (a macro, so that the
/// top-level help can end with it).
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0    success
  1    other error
  2    usage error, or a prompt that cannot be shown
  3    network or server error
  4    authentication or permission error (not logged in, key rejected)
  5    invalid input files
  130  interrupted"
    };
}

pub const EXIT_CODES: &str = exit_codes!();

const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "skene",
    version,
    about = "Command-line client of Skene Cloud",
    long_about = "Command-line client of Skene Cloud: log in to a workspace and keep its API key in \
the OS keyring, check and push the growth bundle, manage members and keys, chat with the \
workspace's Agent and call any API endpoint, from a terminal or a CI script.",
    after_long_help = concat!(
        "\
Examples:
  skene login                      # log in to a workspace (the key goes to the OS keyring)
  skene link                       # record this project's workspace in .skene.config
  skene push --dry-run             # what would be sent, offline
  skene push                       # check and upload the bundle
  skene whoami                     # who and where you are logged in
  skene open keys                  # the dashboard's API keys page

",
        exit_codes!()
    ),
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
    #[arg(
        long,
        global = true,
        env = env::WORKSPACE,
        value_name = "SLUG",
        help_heading = GLOBAL,
        add = ArgValueCandidates::new(saved_logins)
    )]
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

    /// Seconds a request may take, retries included, from 0.1 to 86400 (default 60); for a stream, the longest silence
    #[arg(
        long,
        global = true,
        env = env::HTTP_TIMEOUT,
        value_name = "SECS",
        help_heading = GLOBAL
    )]
    pub http_timeout: Option<String>,
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
    /// Show what the workspace did with each event, and follow new ones
    Logs(logs::LogsArgs),
    /// Generate and check the database trigger migrations from engine.yaml
    #[command(subcommand)]
    Triggers(triggers::TriggersCommand),
    /// Inspect and manage stored logins
    #[command(subcommand)]
    Auth(auth::AuthCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// The local agent: forward database events to the workspace, and serve its
    /// Agent to local tools as an OpenAI-compatible endpoint on 127.0.0.1
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// Record the project's workspace in .skene.config, so commands here need no flag
    Link(link::LinkArgs),
    /// Remove the workspace that `skene link` recorded for this project
    Unlink(link::UnlinkArgs),
    /// Show who and where you are logged in, in one line (`skene auth status` has the rest)
    Whoami(whoami::WhoamiArgs),
    /// Open a page of the workspace's dashboard in the browser
    Open(open::OpenArgs),
    /// Print the man page, or write every page into a directory
    Man(man::ManArgs),
}

/// What shell completion offers for a saved login: each workspace slug that names
/// one login, and the full profile name where a slug is saved for several servers.
/// Reads config.toml only (never a key); nothing when it cannot be read.
pub fn saved_logins() -> Vec<CompletionCandidate> {
    let Some(cfg) = crate::settings::user_config_dir()
        .ok()
        .and_then(|dir| UserConfig::load(&dir).ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, profile) in &cfg.profiles {
        let unique = cfg
            .profiles
            .values()
            .filter(|p| p.workspace == profile.workspace)
            .count()
            == 1;
        let value = if unique { &profile.workspace } else { name };
        let about = match &profile.workspace_name {
            Some(n) => format!("{n} on {}", profile.api_base),
            None => profile.api_base.clone(),
        };
        out.push(CompletionCandidate::new(value).help(Some(about.into())));
    }
    out
}
