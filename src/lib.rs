//! `skene`: the command-line client and local agent of Skene Cloud.
//!
//! The binary is `src/main.rs`; this library builds the one async runtime of the
//! process, runs the command clap parsed, and turns its result into an exit code.
//! It also exposes the clap tree so that tests can check it and generate
//! completions and man pages from it.

mod agent;
pub mod api;
mod browser;
mod bundle;
pub mod cli;
mod commands;
mod credentials;
/// PostgreSQL access (public for the integration tests and the agent to come).
pub mod db;
mod error;
mod fsutil;
mod interrupt;
mod output;
mod prompt;
mod random;
mod secret;
pub mod settings;
mod sql;
mod time;
/// engine.yaml → SQL migrations (public so that tests can render what engine.yaml cannot express).
pub mod triggers;
mod version;
mod weblogin;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::error::CliError;
pub use crate::error::ExitKind;
use crate::output::Printer;
use crate::settings::{Flags, Settings, Source, Sourced, env};

/// What is generated from the clap tree: the man pages and the shell completion
/// scripts, as `skene man` and `skene completions` write them (the tests check
/// the checked-in copies against these).
pub mod generated {
    pub use crate::commands::completions::script as completion_script;
    pub use crate::commands::man::pages as man_pages;
}

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    // A completion script asking what to complete (SKENE_COMPLETE is set): answer
    // and exit, before anything else runs or prints.
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(env::COMPLETE)
        .bin("skene")
        .completer("skene")
        .complete();
    let matches = match version::with_build_info(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let parsed = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let flags = flags(&parsed, &matches);
    let printer = Printer::new(flags.json, flags.quiet, flags.verbose, flags.color);
    // One thread for every command, `skene agent run` included: its gateway
    // spends less CPU per request without worker threads waking each other
    // (measured in the README's gateway section), and what could block (the
    // keyring) runs on tokio's blocking threads.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            printer.error(format!("cannot start the async runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(async {
        let interrupts = interrupt::Interrupts::start();
        let ctx = commands::Context::new(Settings::new(flags), printer.clone(), interrupts.clone());
        let result = tokio::select! {
            result = commands::dispatch(&ctx, parsed.command) => result,
            () = interrupts.unclaimed() => Err(CliError::new(ExitKind::Interrupted, "interrupted").into()),
        };
        ctx.print_settings_notices();
        exit_code(&ctx, result)
    });
    // Threads still blocked (a keyring call that timed out) end with the process.
    runtime.shutdown_background();
    code
}

/// Reports an error and picks the exit code.
fn exit_code(ctx: &commands::Context, result: anyhow::Result<()>) -> ExitCode {
    let printer = &ctx.printer;
    let Err(err) = result else {
        return ExitCode::SUCCESS;
    };
    if error::is_broken_pipe(&err) {
        // `skene … | head`: the reader has all it wanted.
        return ExitCode::SUCCESS;
    }
    let (kind, hints) = ctx.classify(&err);
    printer.error(error::render_chain(&err));
    for hint in hints {
        printer.hint(hint);
    }
    ExitCode::from(kind.code())
}

/// The global flags as plain settings, each knowing whether it came from the
/// command line or the environment.
fn flags(cli: &Cli, matches: &ArgMatches) -> Flags {
    let g = &cli.global;
    let sourced = |value: &Option<String>, id: &str, flag: &'static str, var: &'static str| {
        value.as_ref().map(|v| {
            let source = match matches.value_source(id) {
                Some(ValueSource::EnvVariable) => Source::Env(var),
                _ => Source::Flag(flag),
            };
            Sourced::new(v.clone(), source)
        })
    };
    Flags {
        upstream: sourced(&g.upstream, "upstream", "--upstream", env::UPSTREAM),
        api_url: sourced(&g.api_url, "api_url", "--api-url", env::API_URL),
        workspace: sourced(&g.workspace, "workspace", "--workspace", env::WORKSPACE),
        json: g.json,
        quiet: g.quiet,
        verbose: g.verbose,
        no_input: Sourced::new(
            g.no_input,
            match matches.value_source("no_input") {
                Some(ValueSource::EnvVariable) => Source::Env(env::NO_INPUT),
                Some(ValueSource::CommandLine) => Source::Flag("--no-input"),
                _ => Source::Default,
            },
        ),
        color: match g.color {
            cli::ColorChoice::Auto => settings::ColorChoice::Auto,
            cli::ColorChoice::Always => settings::ColorChoice::Always,
            cli::ColorChoice::Never => settings::ColorChoice::Never,
        },
        project_dir: project_dir(&cli.command),
        http_timeout: sourced(
            &g.http_timeout,
            "http_timeout",
            "--http-timeout",
            env::HTTP_TIMEOUT,
        ),
    }
}

/// The project directory a command works on: its PATH argument, or `.`.
fn project_dir(command: &Command) -> PathBuf {
    match command {
        Command::Push(args) => args.bundle.path.clone(),
        Command::Validate(args) => args.bundle.path.clone(),
        Command::Triggers(cmd) => cmd.path(),
        _ => PathBuf::from("."),
    }
}
