//! `skene validate [PATH]`: the push checks alone, offline.

use clap::Args;
use serde_json::json;

use super::Context;
use super::bundle_args::BundleArgs;
use crate::bundle::{Plan, diag};
use crate::error::CliError;

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

/// Prints each problem with its place, snippet and hint (the first
/// [`diag::SHOWN_AT_MOST`]); and, on GitHub Actions, workflow commands.
fn report(ctx: &Context, plan: &Plan, prefix: &str) -> anyhow::Result<()> {
    for text in diag::report(&BundleArgs::shown(ctx, plan), prefix) {
        ctx.printer.data(text)?;
    }
    annotate(ctx, plan, prefix)
}

/// On GitHub Actions, problems as `::error file=…,line=…,col=…::…` workflow commands:
/// on stdout, or on stderr when stdout holds a JSON document.
fn annotate(ctx: &Context, plan: &Plan, prefix: &str) -> anyhow::Result<()> {
    if !ctx.settings.github_actions() {
        return Ok(());
    }
    for line in diag::annotations(&plan.diags, prefix) {
        if ctx.printer.json_mode() {
            ctx.printer.diagnostic(line);
        } else {
            ctx.printer.data(line)?;
        }
    }
    Ok(())
}

pub fn run(ctx: &Context, args: ValidateArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let plan = match args.bundle.check(ctx) {
        Ok(plan) => plan,
        Err(e) => {
            // Scripts read the report from stdout even when there is no bundle.
            if p.json_mode() {
                p.json(&json!({
                    "valid": false,
                    "errors": 1,
                    "warnings": 0,
                    "error": crate::error::render_chain(&e),
                    "diagnostics": [],
                }))?;
            }
            return Err(e);
        }
    };
    let prefix = args.bundle.prefix();
    let (errors, warnings) = plan.counts();
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
            "files": plan.files_json(),
            "package_checksum": plan.checksum,
            "diagnostics": plan.diagnostics_json(),
        }))?;
        annotate(ctx, &plan, &prefix)?;
    } else {
        report(ctx, &plan, &prefix)?;
        p.data(plan.summary(&prefix))?;
    }
    if errors > 0 {
        return Err(
            CliError::input(format!("the bundle is not valid: {}", plan.counts_text())).into(),
        );
    }
    if !p.json_mode() {
        let tail = match warnings {
            0 => String::new(),
            1 => " (1 warning)".to_owned(),
            n => format!(" ({n} warnings)"),
        };
        p.success(format!("The bundle is valid{tail}"));
    }
    Ok(())
}
