//! The push bundle: finding its files, checking them, and serializing them the way
//! the Python client does. Pure: no network, no printing.
//!
//! [`check`] is the door the commands use: it finds the bundle of a project and
//! reads it once (the first pass of every push, and all of `skene validate`),
//! giving a [`Plan`] with its problems, its package checksum and the exact size of
//! the body; [`body`] then produces that body.

pub mod body;
pub mod change;
pub mod checksum;
pub mod diag;
pub mod engine;
pub mod escaped_keys;
pub mod files;
pub mod json;
pub mod keys;
pub mod locate;
pub mod plan;
pub mod snippet;
mod summary;
pub mod text;
pub mod yaml;

use std::fmt;
use std::path::{Path, PathBuf};

use diag::Diagnostic;
pub use files::DEFAULT_DIRS;
pub use locate::LocateError;
pub use plan::Plan;

/// Why a project's bundle could not be read at all (problems inside a bundle are
/// [`diag::Diagnostic`]s of the [`Plan`] instead).
#[derive(Debug)]
pub enum CheckError {
    /// The project directory itself cannot be opened or is not a directory: a usage
    /// mistake.
    Project { path: PathBuf, reason: String },
    /// No bundle where it was looked for, or one outside the project.
    Locate(LocateError),
}

impl CheckError {
    /// True when the user named something that is not a project directory (as
    /// opposed to a project without a usable bundle).
    pub fn is_usage(&self) -> bool {
        matches!(self, CheckError::Project { .. })
    }
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckError::Project { path, reason } => {
                write!(
                    f,
                    "cannot open the project directory {}: {reason}",
                    path.display()
                )
            }
            CheckError::Locate(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CheckError {}

/// Finds the bundle of the project at `project` (as the user gave it) and reads it:
/// `configured_dir` is the bundle directory from `--output-dir`, `SKENE_OUTPUT_DIR` or
/// `.skene.config`, relative to the project; without it `skene-context/`, else
/// `skene/`.
pub fn check(project: &Path, configured_dir: Option<&str>) -> Result<Plan, CheckError> {
    let root = std::fs::canonicalize(project).map_err(|e| CheckError::Project {
        path: project.to_path_buf(),
        reason: e.to_string(),
    })?;
    if !root.is_dir() {
        return Err(CheckError::Project {
            path: project.to_path_buf(),
            reason: "not a directory".into(),
        });
    }
    let mut plan = plan::prepare(&root, configured_dir).map_err(CheckError::Locate)?;
    warn_about_defects(&mut plan);
    Ok(plan)
}

/// The Python client writes trigger functions whose outer `BEGIN` is never closed:
/// such a migration fails on PostgreSQL. A warning for each one the push sends.
fn warn_about_defects(plan: &mut Plan) {
    let migrations: Vec<(String, std::path::PathBuf)> = plan
        .files
        .iter()
        .filter(|f| f.path.starts_with(&format!("{}/", files::MIGRATIONS_DIR)))
        .map(|f| (f.path.clone(), f.abs.clone()))
        .collect();
    for (path, abs) in migrations {
        let Ok(sql) = std::fs::read_to_string(&abs) else {
            continue;
        };
        for finding in crate::sql::defect::unbalanced_begin(&sql) {
            plan.diags.push(
                Diagnostic::warning(&path, finding.message)
                    .at(finding.line, 1)
                    .hint(crate::sql::defect::HINT),
            );
        }
    }
}
