//! A project's `.skene.config` (TOML), as the Python client writes it: read here;
//! only `skene link` writes it, and only its `upstream` (see `link.rs`).

use std::fs;
use std::path::{Path, PathBuf};

use super::trust::{Ignored, file_trusted, project_dirs};
use crate::error::CliError;
use crate::secret::ApiKey;

pub const PROJECT_FILE: &str = ".skene.config";

#[derive(Debug, Clone)]
pub struct ProjectConfig {
    pub path: PathBuf,
    pub upstream: Option<String>,
    pub api_key: Option<ApiKey>,
    /// The bundle directory, relative to the project.
    pub output_dir: Option<String>,
}

impl ProjectConfig {
    /// Finds `.skene.config` in `start` or the nearest directory above it that may
    /// be trusted (see [`super::trust::project_dirs`]); files another user could
    /// have written are skipped and returned, so that the user hears of them.
    pub fn discover(
        start: &Path,
        home: Option<&Path>,
    ) -> Result<(Option<Self>, Vec<Ignored>), CliError> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        let mut ignored = Vec::new();
        for dir in project_dirs(&start, home) {
            let path = dir.join(PROJECT_FILE);
            if !path.is_file() {
                continue;
            }
            match file_trusted(&path) {
                Ok(()) => return Ok((Some(Self::load(&path)?), ignored)),
                Err(why) => ignored.push(why),
            }
        }
        Ok((None, ignored))
    }

    pub fn load(path: &Path) -> Result<Self, CliError> {
        let text = fs::read_to_string(path)
            .map_err(|e| CliError::input(format!("cannot read {}: {e}", path.display())))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            CliError::input(format!(
                "{} is not valid TOML: {}",
                path.display(),
                e.message().trim()
            ))
        })?;
        let string = |key: &str| -> Result<Option<String>, CliError> {
            match table.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.trim().to_owned())),
                Some(_) => Err(CliError::input(format!(
                    "{}: `{key}` must be a string",
                    path.display()
                ))),
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            upstream: string("upstream")?,
            api_key: string("upstream_api_key")?.map(ApiKey::new),
            output_dir: string("output_dir")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text in `.skene.config`: read or refused with an error, never a panic.
        #[test]
        fn any_project_file_is_read_or_refused(text in prop_oneof![
            "\\PC{0,300}",
            "(upstream|upstream_api_key|output_dir|x) = (\"[^\"\\\\]{0,20}\"|[0-9]{1,3}|\\[\\]|true)\n{0,3}",
        ]) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(PROJECT_FILE);
            fs::write(&path, &text).unwrap();
            let _ = ProjectConfig::load(&path);
        }
    }

    #[test]
    fn project_config_is_found_upwards_and_read() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        fs::create_dir_all(&nested).unwrap();
        fs::write(
            dir.path().join(PROJECT_FILE),
            "upstream = \"https://www.skene.ai/workspace/x\"\nupstream_api_key = \"sk_ws_k\"\noutput_dir = \"out\"\nmodel = \"gpt\"\n",
        )
        .unwrap();
        let cfg = ProjectConfig::discover(&nested, None).unwrap().0.unwrap();
        assert_eq!(
            cfg.upstream.as_deref(),
            Some("https://www.skene.ai/workspace/x")
        );
        assert_eq!(cfg.api_key.unwrap().expose(), "sk_ws_k");
        assert_eq!(cfg.output_dir.as_deref(), Some("out"));
    }

    #[test]
    fn project_config_errors_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(PROJECT_FILE), "upstream = [1]\n").unwrap();
        let err = ProjectConfig::discover(dir.path(), None)
            .unwrap_err()
            .message;
        assert!(
            err.contains(".skene.config") && err.contains("upstream"),
            "{err}"
        );
    }
}
