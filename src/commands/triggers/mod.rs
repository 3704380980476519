//! `skene triggers generate|list|check`: the database side of the bundle.

mod check;
mod generate;

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;

use super::Context;
use crate::bundle::diag::{Diagnostic, path_prefix};
use crate::bundle::engine::{self, Engine};
use crate::bundle::files::{self as bundle_files, ENGINE_FILE};
use crate::error::CliError;
use crate::triggers::spec::{self, TriggerSpec};

pub use check::CheckArgs;
pub use generate::GenerateArgs;

#[derive(Debug, Subcommand)]
pub enum TriggersCommand {
    /// Write the base schema and a trigger migration from engine.yaml
    Generate(GenerateArgs),
    /// List each action feature with its event, trigger and function
    List(ProjectArgs),
    /// Check the migrations, and with --db a database, against engine.yaml
    Check(CheckArgs),
}

impl TriggersCommand {
    /// The project directory, where `.skene.config` is looked for.
    pub fn path(&self) -> PathBuf {
        match self {
            TriggersCommand::Generate(a) => a.project.path.clone(),
            TriggersCommand::List(a) => a.path.clone(),
            TriggersCommand::Check(a) => a.project.path.clone(),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ProjectArgs {
    /// The project directory: holds the bundle directory and supabase/migrations
    #[arg(default_value = ".", value_name = "PATH")]
    pub path: PathBuf,

    /// The bundle directory, relative to PATH [default: skene-context, else skene]
    #[arg(long, env = crate::settings::env::OUTPUT_DIR, value_name = "DIR")]
    pub output_dir: Option<String>,
}

pub async fn run(ctx: &Context, cmd: TriggersCommand) -> anyhow::Result<()> {
    match cmd {
        TriggersCommand::Generate(args) => generate::run(ctx, args),
        TriggersCommand::List(args) => check::list(ctx, args),
        TriggersCommand::Check(args) => check::run(ctx, args).await,
    }
}

/// A project whose engine.yaml is valid, with the triggers it wants.
pub(super) struct Loaded {
    root: PathBuf,
    engine_rel: String,
    specs: Vec<TriggerSpec>,
}

pub(super) fn report(ctx: &Context, diags: &[Diagnostic], user_path: &Path) {
    let prefix = path_prefix(user_path);
    for d in diags {
        let mut text = format!("{prefix}{d}");
        if let Some(snippet) = &d.snippet {
            text.push('\n');
            text.push_str(snippet);
        }
        if let Some(hint) = &d.hint {
            text.push_str(&format!("\n  hint: {hint}"));
        }
        ctx.printer.diagnostic(text);
    }
}

/// Finds the project and checks engine.yaml as `validate` does; refuses (exit 5)
/// what it refuses, and what cannot become triggers.
pub(super) fn load(ctx: &Context, args: &ProjectArgs) -> anyhow::Result<Loaded> {
    let root = std::fs::canonicalize(&args.path).map_err(|e| {
        CliError::usage(format!(
            "cannot open the project directory {}: {e}",
            args.path.display()
        ))
    })?;
    let configured = match &args.output_dir {
        Some(dir) => Some(dir.clone()),
        None => {
            let project = ctx.settings.project();
            ctx.print_settings_notices();
            project?.and_then(|p| p.output_dir.clone())
        }
    };
    let bundle = bundle_files::locate(&root, configured.as_deref()).map_err(|e| {
        let err = CliError::input(e.to_string());
        match e.hint() {
            Some(hint) => err.hint(hint),
            None => err.hint(
                "run skene in the project directory, pass it as PATH, or name the bundle with --output-dir",
            ),
        }
    })?;
    let engine_rel = format!("{}/{ENGINE_FILE}", bundle.rel);
    let text = std::fs::read_to_string(bundle.abs.join(ENGINE_FILE)).map_err(|e| {
        CliError::input(format!(
            "cannot read {}{engine_rel}: {e}",
            path_prefix(&args.path)
        ))
    })?;
    let text = text.replace("\r\n", "\n");
    let mut diags = Vec::new();
    let engine: Option<Engine> = engine::check(&text, &engine_rel, &mut diags);
    let specs = match &engine {
        Some(e) if diags.iter().all(|d| !d.is_error()) => match spec::from_engine(e) {
            Ok(specs) => specs,
            Err(problems) => {
                for p in problems {
                    diags.push(Diagnostic::error(&engine_rel, p.message).at(p.line, 1));
                }
                Vec::new()
            }
        },
        _ => Vec::new(),
    };
    report(ctx, &diags, &args.path);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        return Err(CliError::input(format!(
            "{}{engine_rel} has {errors} error{}; nothing was written",
            path_prefix(&args.path),
            if errors == 1 { "" } else { "s" }
        ))
        .hint("fix them, then run the command again (`skene validate` checks the whole bundle)")
        .into());
    }
    Ok(Loaded {
        root,
        engine_rel,
        specs,
    })
}

pub(super) fn spec_json(s: &TriggerSpec) -> serde_json::Value {
    json!({
        "feature": s.feature,
        "event": s.event_type(),
        "table": s.table_label(),
        "trigger": s.trigger_name(),
        "trigger_db_name": s.stored_trigger_name(),
        "function": s.function_name(),
        "function_db_name": s.stored_function_name(),
        "properties": s.properties,
        "entity_column": s.entity_column,
    })
}
