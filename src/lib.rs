//! `skene`: the command-line client of Skene Cloud.
//!
//! The binary is `src/main.rs`; this library exposes the clap tree so that tests
//! can check it and generate completions and man pages from it.

pub mod api;
mod bundle;
pub mod cli;
mod commands;
mod config;
mod credentials;
/// PostgreSQL access (public for the integration tests and the agent to come).
pub mod db;
mod error;
mod fsutil;
mod output;
mod prompt;
mod secret;
mod sql;
/// engine.yaml → SQL migrations (public so that tests can render what engine.yaml cannot express).
pub mod triggers;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

pub use error::ExitKind;

/// Runs the command line and returns the process exit code.
pub fn run() -> ExitCode {
    let matches = match cli::Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let parsed = match cli::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let g = &parsed.global;
    let printer = output::Printer::new(g.json, g.quiet, g.verbose, g.color);
    let project_dir = commands::project_dir(&parsed.command);
    let ctx = commands::Context::new(
        parsed.global.clone(),
        &matches,
        printer.clone(),
        project_dir,
    );
    match commands::dispatch(&ctx, parsed.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let (kind, hints) = error::classify(&err);
            if kind == ExitKind::Interrupted {
                printer.error("interrupted; nothing was changed");
            } else {
                printer.error(error::render_chain(&err));
                for hint in hints {
                    printer.hint(hint);
                }
            }
            ExitCode::from(kind.code())
        }
    }
}
