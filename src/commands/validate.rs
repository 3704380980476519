//! `skene validate [PATH]`: the push checks alone, offline.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::json;

use super::Context;
use crate::bundle::diag::{Diagnostic, Severity};
use crate::bundle::files::{DEFAULT_DIRS, LocateError};
use crate::bundle::plan::{self, Plan};
use crate::error::CliError;

/// Where the bundle is: shared by `push` and `validate`.
#[derive(Debug, Clone, Args)]
pub struct BundleArgs {
    /// The project directory: holds the bundle directory and supabase/migrations
    #[arg(default_value = ".", value_name = "PATH")]
    pub path: PathBuf,

    /// The bundle directory, relative to PATH [default: skene-context, else skene]
    #[arg(long, env = crate::settings::env::OUTPUT_DIR, value_name = "DIR")]
    pub output_dir: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene validate                 # the project in the current directory
  skene validate ../my-app --json

With GITHUB_ACTIONS=true, problems are also printed as ::error/::warning workflow
commands so that they show up on the pull request.")]
pub struct ValidateArgs {
    #[command(flatten)]
    pub bundle: BundleArgs,
}

/// Finds and checks the bundle: the first pass of every push.
pub fn load_plan(ctx: &Context, args: &BundleArgs) -> anyhow::Result<Plan> {
    let root = std::fs::canonicalize(&args.path).map_err(|e| {
        CliError::usage(format!(
            "cannot open the project directory {}: {e}",
            args.path.display()
        ))
    })?;
    if !root.is_dir() {
        return Err(CliError::usage(format!("{} is not a directory", args.path.display())).into());
    }
    let configured = match &args.output_dir {
        Some(dir) => Some(dir.clone()),
        None => {
            let project = ctx.settings.project();
            ctx.print_settings_notices();
            project?.and_then(|p| p.output_dir.clone())
        }
    };
    plan::prepare(&root, configured.as_deref()).map_err(|e| match e {
        LocateError::NotFound { looked } => {
            let looked: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
            let mut err = CliError::input(format!("no bundle found: looked for {}", looked.join(" and ")));
            if configured.is_none() {
                err = err.hint(format!(
                    "run skene in the project directory, pass it as PATH, or name the bundle with --output-dir (default {} or {})",
                    DEFAULT_DIRS[0], DEFAULT_DIRS[1]
                ));
            }
            err.into()
        }
        LocateError::Outside { dir } => CliError::input(format!(
            "the bundle directory {} is outside the project {}",
            dir.display(),
            root.display()
        ))
        .into(),
    })
}

/// Prints each problem with its place, snippet and hint; and, on GitHub Actions,
/// as workflow commands on stdout.
pub fn report(ctx: &Context, plan: &Plan, user_path: &Path, to_stdout: bool) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let prefix = path_prefix(user_path);
    for d in &plan.diags {
        // Paths as seen from the current directory, so that editors can open them.
        let mut text = format!("{prefix}{d}");
        if let Some(snippet) = &d.snippet {
            text.push('\n');
            text.push_str(snippet);
        }
        if let Some(hint) = &d.hint {
            text.push_str(&format!("\n  hint: {hint}"));
        }
        if to_stdout {
            p.data(text)?;
        } else {
            p.diagnostic(text);
        }
    }
    annotate(ctx, plan, user_path)
}

/// On GitHub Actions, problems as `::error file=…,line=…,col=…::…` workflow commands:
/// on stdout, or on stderr when stdout holds a JSON document.
fn annotate(ctx: &Context, plan: &Plan, user_path: &Path) -> anyhow::Result<()> {
    if !ctx.settings.github_actions() {
        return Ok(());
    }
    for d in &plan.diags {
        let line = github_annotation(d, user_path);
        if ctx.printer.json_mode() {
            ctx.printer.diagnostic(line);
        } else {
            ctx.printer.data(line)?;
        }
    }
    Ok(())
}

/// `PATH/` as the user wrote it, or nothing for the current directory.
fn path_prefix(user_path: &Path) -> String {
    let shown = user_path.to_string_lossy();
    let trimmed = shown.trim_end_matches('/');
    let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
    if trimmed.is_empty() || trimmed == "." {
        String::new()
    } else {
        format!("{trimmed}/")
    }
}

fn github_annotation(d: &Diagnostic, user_path: &Path) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let file = format!("{}{}", path_prefix(user_path), d.file);
    let mut props = format!("file={}", escape_property(&file));
    if let Some(line) = d.line {
        props.push_str(&format!(",line={line}"));
    }
    if let Some(col) = d.column {
        props.push_str(&format!(",col={col}"));
    }
    format!("::{level} {props}::{}", escape_data(&d.message))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn counts(plan: &Plan) -> (usize, usize) {
    let errors = plan.diags.iter().filter(|d| d.is_error()).count();
    (errors, plan.diags.len() - errors)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "skene-context/: 4 subjects, 3 features, 2 actions (email ×1, webhook ×1); 4 files"
pub fn summary(plan: &Plan, user_path: &Path) -> String {
    let dir = format!("{}{}/", path_prefix(user_path), plan.bundle.rel);
    let Some(engine) = &plan.engine else {
        return format!("{dir}: {}", plural(plan.files.len(), "file"));
    };
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &engine.features {
        if let Some(a) = &f.action {
            *uses.entry(a.as_str()).or_default() += 1;
        }
    }
    let actions: usize = uses.values().sum();
    let detail = if uses.is_empty() {
        String::new()
    } else {
        let parts: Vec<String> = uses.iter().map(|(u, n)| format!("{u} ×{n}")).collect();
        format!(" ({})", parts.join(", "))
    };
    format!(
        "{dir}: {}, {}, {}{detail}; {}",
        plural(engine.subjects, "subject"),
        plural(engine.features.len(), "feature"),
        plural(actions, "action"),
        plural(plan.files.len(), "file"),
    )
}

pub fn diagnostics_json(plan: &Plan) -> serde_json::Value {
    serde_json::to_value(&plan.diags).unwrap_or_default()
}

pub fn run(ctx: &Context, args: ValidateArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let plan = load_plan(ctx, &args.bundle)?;
    let (errors, warnings) = counts(&plan);
    if p.json_mode() {
        let engine = plan.engine.as_ref();
        p.json(&json!({
            "valid": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "bundle": plan.bundle.rel,
            "subjects": engine.map(|e| e.subjects),
            "features": engine.map(|e| e.features.len()),
            "actions": engine.map(|e| e.features.iter().filter(|f| f.action.is_some()).count()),
            "trigger_events": engine.map(|e| e.trigger_events()),
            "files": plan.files.iter().map(|f| json!({"path": f.path, "size": f.size})).collect::<Vec<_>>(),
            "package_checksum": plan.checksum,
            "diagnostics": diagnostics_json(&plan),
        }))?;
        annotate(ctx, &plan, &args.bundle.path)?;
    } else {
        report(ctx, &plan, &args.bundle.path, true)?;
        p.data(summary(&plan, &args.bundle.path))?;
    }
    if errors > 0 {
        return Err(CliError::input(format!(
            "the bundle is not valid: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ))
        .into());
    }
    if !p.json_mode() {
        let tail = if warnings > 0 {
            format!(" ({})", plural(warnings, "warning"))
        } else {
            String::new()
        };
        p.success(format!("The bundle is valid{tail}"));
    }
    Ok(())
}
