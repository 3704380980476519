//! The user's `config.toml`: saved logins (profiles) and which one is active. It
//! never holds a key: each profile names the store that does.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::lock::ConfigLock;
use crate::error::CliError;
use crate::fsutil;

pub const CONFIG_FILE: &str = "config.toml";

/// A store that holds a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    Keyring,
    File,
}

impl StoreKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StoreKind::Keyring => "keyring",
            StoreKind::File => "file",
        }
    }
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
    pub fn load(dir: &Path) -> Result<Self, CliError> {
        let path = dir.join(CONFIG_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(CliError::failure(format!(
                    "cannot read {}: {e}",
                    path.display()
                )));
            }
        };
        toml::from_str(&text).map_err(|e| {
            CliError::input(format!(
                "{} is not valid: {}",
                path.display(),
                e.message().trim()
            ))
            .hint("fix or delete the file, then run `skene login` again")
        })
    }

    /// Writes the file atomically; the caller holds the config lock.
    pub fn save(&self, dir: &Path, _lock: &ConfigLock) -> Result<(), CliError> {
        let path = dir.join(CONFIG_FILE);
        let mut text = String::from(
            "# Written by skene. Holds no secrets: keys live in the OS keyring\n# (or credentials.toml when no keyring is usable).\n",
        );
        text.push_str(
            &toml::to_string_pretty(self)
                .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?,
        );
        fsutil::write_atomic(&path, text.as_bytes(), 0o600)
            .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))
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

    /// Removes a profile; when it was active, no profile is active afterwards
    /// (another saved login never becomes active by itself).
    pub fn remove(&mut self, name: &str) -> Option<Profile> {
        let removed = self.profiles.remove(name);
        if self.active.as_deref() == Some(name) {
            self.active = None;
        }
        removed
    }

    /// The active profile, if one is set and still exists.
    pub fn active_profile(&self) -> Option<(&String, &Profile)> {
        self.active
            .as_ref()
            .and_then(|name| self.profiles.get_key_value(name))
    }
}

/// `<workspace-slug>@<api-host[:port]>`: the profile name and the keyring account.
/// Server-chosen parts are reduced to plain characters, so a name never carries
/// terminal controls, spaces or path separators.
pub fn profile_name(slug: &str, host: &str, port: Option<u16>) -> String {
    format!("{}{}", plain(slug, "workspace"), host_suffix(host, port))
}

/// `@<api-host[:port]>`, the end of every profile name made for this host (the
/// host reduced as in [`profile_name`]: `[::1]` is `1`, a long one is cut).
pub fn host_suffix(host: &str, port: Option<u16>) -> String {
    let host = plain(host, "unknown");
    match port {
        Some(port) => format!("@{host}:{port}"),
        None => format!("@{host}"),
    }
}

/// Keeps `[A-Za-z0-9._-]`, replaces runs of anything else by one `-`.
fn plain(text: &str, empty: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').chars().take(64).collect::<String>();
    if out.is_empty() {
        empty.to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_are_plain() {
        assert_eq!(
            profile_name("my-app", "www.skene.ai", None),
            "my-app@www.skene.ai"
        );
        assert_eq!(
            profile_name("demo", "127.0.0.1", Some(80)),
            "demo@127.0.0.1:80"
        );
        assert_eq!(
            profile_name("evil\u{1b}[2J/../x y", "h", None),
            "evil-2J-..-x-y@h"
        );
        assert_eq!(profile_name("\u{202e}", "h", None), "workspace@h");
    }

    #[test]
    fn removing_the_active_profile_leaves_none_active() {
        let mut cfg = UserConfig::default();
        for name in ["a", "b"] {
            cfg.profiles.insert(
                name.into(),
                Profile {
                    workspace: name.into(),
                    workspace_name: None,
                    upstream: String::new(),
                    api_base: String::new(),
                    user_email: None,
                    user_name: None,
                    role: None,
                    key_id: None,
                    key_prefix: None,
                    store: StoreKind::File,
                },
            );
        }
        cfg.active = Some("a".into());
        cfg.remove("a");
        assert_eq!(cfg.active, None);
        assert!(cfg.active_profile().is_none());
    }
}
