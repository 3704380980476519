//! Settings files: the user's `config.toml` (profiles, never a key) and a
//! project's `.skene.config` (the Python client's file, read but never written).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::credentials::StoreKind;
use crate::error::CliError;
use crate::fsutil;
use crate::secret::ApiKey;

pub const CONFIG_FILE: &str = "config.toml";
pub const PROJECT_FILE: &str = ".skene.config";

/// Where the config directory is: `SKENE_CONFIG_DIR`, else the platform's
/// config dir (`~/.config/skene` on Linux).
pub fn config_dir() -> anyhow::Result<PathBuf> {
    if let Some(dir) = std::env::var_os("SKENE_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("ai", "skene", "skene")
        .map(|d| d.config_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::failure("cannot find a home directory for the skene config")
                .hint("set SKENE_CONFIG_DIR to a directory skene may write to")
                .into()
        })
}

/// One saved login. Holds nothing secret: the key lives in `store`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub workspace: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace_name: Option<String>,
    pub upstream: String,
    pub api_base: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_prefix: Option<String>,
    pub store: StoreKind,
}

/// `config.toml`: the saved profiles and which one is active.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct UserConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

impl UserConfig {
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join(CONFIG_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(
                    CliError::failure(format!("cannot read {}: {e}", path.display())).into(),
                );
            }
        };
        toml::from_str(&text).map_err(|e| {
            CliError::input(format!(
                "{} is not valid: {}",
                path.display(),
                e.message().trim()
            ))
            .hint("fix or delete the file, then run `skene login` again")
            .into()
        })
    }

    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let path = dir.join(CONFIG_FILE);
        let mut text = String::from(
            "# Written by skene. Holds no secrets: keys live in the OS keyring\n# (or credentials.toml when no keyring is usable).\n",
        );
        text.push_str(&toml::to_string_pretty(self)?);
        fsutil::write_atomic(&path, text.as_bytes(), 0o600)
            .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
        Ok(())
    }

    /// Profiles for a workspace given by slug or by full profile name.
    pub fn find(&self, wanted: &str) -> Vec<(&String, &Profile)> {
        if let Some((name, p)) = self.profiles.get_key_value(wanted) {
            return vec![(name, p)];
        }
        self.profiles
            .iter()
            .filter(|(_, p)| p.workspace == wanted)
            .collect()
    }

    /// Removes a profile; when it was active, the first remaining one becomes active.
    pub fn remove(&mut self, name: &str) -> Option<Profile> {
        let removed = self.profiles.remove(name);
        if self.active.as_deref() == Some(name) {
            self.active = self.profiles.keys().next().cloned();
        }
        removed
    }
}

/// A project's `.skene.config` (TOML), as the Python client writes it.
#[derive(Debug, Clone)]
pub struct ProjectConfig {
    pub path: PathBuf,
    pub upstream: Option<String>,
    pub api_key: Option<ApiKey>,
    /// The bundle directory, relative to the project.
    pub output_dir: Option<String>,
}

impl ProjectConfig {
    /// Finds `.skene.config` in `start` or the nearest directory above it.
    pub fn discover(start: &Path) -> anyhow::Result<Option<Self>> {
        let start = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
        for dir in start.ancestors() {
            let path = dir.join(PROJECT_FILE);
            if path.is_file() {
                return Self::load(&path).map(Some);
            }
        }
        Ok(None)
    }

    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = fs::read_to_string(path)
            .map_err(|e| CliError::input(format!("cannot read {}: {e}", path.display())))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            CliError::input(format!(
                "{} is not valid TOML: {}",
                path.display(),
                e.message().trim()
            ))
        })?;
        let string = |key: &str| -> anyhow::Result<Option<String>> {
            match table.get(key) {
                None => Ok(None),
                Some(toml::Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(toml::Value::String(s)) => Ok(Some(s.trim().to_owned())),
                Some(_) => Err(CliError::input(format!(
                    "{}: `{key}` must be a string",
                    path.display()
                ))
                .into()),
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
        let cfg = ProjectConfig::discover(&nested).unwrap().unwrap();
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
        let err = ProjectConfig::discover(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(".skene.config") && err.contains("upstream"),
            "{err}"
        );
    }
}
