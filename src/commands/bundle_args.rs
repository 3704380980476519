//! What `push` and `validate` share: the bundle arguments (PATH, `--output-dir`)
//! and how they become a checked bundle. Not a command; the printing stays in each
//! command, the text it prints comes from `bundle::diag`.

use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::bundle::{self, DEFAULT_DIRS, Plan};
use crate::error::{CliError, ExitKind};

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

impl BundleArgs {
    /// Finds and checks the bundle: the first pass of every push.
    pub fn check(&self, ctx: &Context) -> anyhow::Result<Plan> {
        let configured = match &self.output_dir {
            Some(dir) => Some(dir.clone()),
            None => {
                let project = ctx.settings.project();
                ctx.print_settings_notices();
                project?.and_then(|p| p.output_dir.clone())
            }
        };
        bundle::check(&self.path, configured.as_deref()).map_err(|e| {
            let kind = if e.is_usage() {
                ExitKind::Usage
            } else {
                ExitKind::Input
            };
            let mut err = CliError::new(kind, e.to_string());
            if let bundle::CheckError::Locate(locate) = &e {
                if let Some(hint) = locate.hint() {
                    err = err.hint(hint);
                } else if configured.is_none()
                    && matches!(locate, bundle::LocateError::NotFound { .. })
                {
                    err = err.hint(format!(
                        "run skene in the project directory, pass it as PATH, or name the bundle with --output-dir (default {} or {})",
                        DEFAULT_DIRS[0], DEFAULT_DIRS[1]
                    ));
                }
            }
            err.into()
        })
    }

    /// The problems to print: all of them, or only the errors under `--quiet`.
    pub fn shown(ctx: &Context, plan: &Plan) -> Vec<crate::bundle::diag::Diagnostic> {
        plan.diags
            .iter()
            .filter(|d| d.is_error() || !ctx.printer.quiet())
            .cloned()
            .collect()
    }

    /// What goes before a project-relative path to show it from the current directory.
    pub fn prefix(&self) -> String {
        bundle::diag::path_prefix(&self.path)
    }
}
