//! The running agent's state file, `agent/<slot>.json` in the config directory:
//! where other commands (`agent status`, `agent env`, `agent token rotate`) find
//! it. Written (0600, atomically) once the agent listens, removed when it stops
//! cleanly. A file left by an agent that was killed is recognised by its lock
//! being free ([`super::lock`]) and is ignored, then removed.
//!
//! One slot per workspace: the saved login's profile name (`my-app@www.skene.ai`),
//! so one config directory can run an agent per workspace.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lock::AgentLock;
use crate::error::CliError;
use crate::fsutil;
use crate::settings::Target;

/// The directory of the agent's files, below the config directory.
pub const DIR: &str = "agent";

/// What a running agent tells other commands about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentState {
    /// Whose agent this is (the profile name of the workspace's login).
    pub slot: String,
    /// The workspace slug, for messages; empty when not known.
    pub workspace: String,
    pub api_base: String,
    pub pid: u32,
    /// The port on 127.0.0.1 of the gateway and the control endpoint.
    pub port: u16,
    pub version: String,
    /// RFC 3339, UTC.
    pub started_at: String,
    /// Whether the event forwarder runs (false with `--gateway-only`).
    #[serde(default)]
    pub forwarder: bool,
}

impl AgentState {
    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// "workspace my-app", or what to say when the slug is not known (a key from
/// the environment names no workspace until the server is asked).
pub fn workspace_label(slug: &str) -> String {
    if slug.is_empty() {
        "the workspace of its key".to_owned()
    } else {
        format!("workspace {slug}")
    }
}

/// The slot of the workspace `target` names: its profile's name, or for a key
/// from the environment without a profile, the name a login would get.
pub fn slot(target: &Target) -> String {
    match &target.profile {
        Some((name, _)) => name.clone(),
        None => target.endpoint.profile_name(
            target
                .endpoint
                .upstream
                .slug
                .as_deref()
                .unwrap_or("default"),
        ),
    }
}

/// A slot as a file name: characters other than letters, digits, `.`, `-`, `_`
/// and `@` become `_`.
pub fn file_stem(slot: &str) -> String {
    slot.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

pub fn dir(config_dir: &Path) -> PathBuf {
    config_dir.join(DIR)
}

pub fn path(config_dir: &Path, slot: &str) -> PathBuf {
    dir(config_dir).join(format!("{}.json", file_stem(slot)))
}

/// Reads one state file; `None` when it is missing or not a state file.
pub fn read(path: &Path) -> Option<AgentState> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// The state file of the running agent; removed when dropped.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
}

impl StateFile {
    /// Writes the state; the caller holds the slot's lock.
    pub fn write(
        config_dir: &Path,
        state: &AgentState,
        _lock: &AgentLock,
    ) -> Result<Self, CliError> {
        let path = path(config_dir, &state.slot);
        let text = serde_json::to_string_pretty(state).unwrap_or_default();
        fsutil::write_atomic(&path, format!("{text}\n").as_bytes(), 0o600)
            .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
        Ok(Self { path })
    }

    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StateFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Every running agent of this config directory. State files whose agent is gone
/// (killed before it could remove them) are removed on the way.
pub fn running(config_dir: &Path) -> Vec<AgentState> {
    let Ok(entries) = std::fs::read_dir(dir(config_dir)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Some(state) = read(&path) else { continue };
        if path != self::path(config_dir, &state.slot) {
            continue;
        }
        match AgentLock::try_acquire(config_dir, &state.slot) {
            // Nobody holds the lock: the agent is gone and left its file.
            Ok(Some(_free)) => {
                let _ = std::fs::remove_file(&path);
            }
            Ok(None) => found.push(state),
            Err(_) => {}
        }
    }
    found.sort_by(|a, b| a.slot.cmp(&b.slot));
    found
}

/// The running agent a command means: the one of `wanted` (a slot or workspace
/// slug, from `--workspace`), else the only one, else the one of `active` (the
/// active login's slot). `Ok(None)` when no agent runs.
pub fn find(
    config_dir: &Path,
    wanted: Option<&str>,
    active: Option<&str>,
) -> Result<Option<AgentState>, CliError> {
    let all = running(config_dir);
    if let Some(w) = wanted {
        return Ok(all
            .into_iter()
            .find(|s| s.slot == w || (!s.workspace.is_empty() && s.workspace == w)));
    }
    if all.len() <= 1 {
        return Ok(all.into_iter().next());
    }
    if let Some(a) = active
        && let Some(s) = all.iter().find(|s| s.slot == a)
    {
        return Ok(Some(s.clone()));
    }
    let names: Vec<&str> = all.iter().map(|s| s.slot.as_str()).collect();
    Err(CliError::usage(format!(
        "{} agents are running: {}",
        all.len(),
        names.join(", ")
    ))
    .hint("name one with --workspace"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(slot: &str, port: u16) -> AgentState {
        AgentState {
            slot: slot.into(),
            workspace: slot.split('@').next().unwrap().into(),
            api_base: "http://127.0.0.1:9/api/v1".into(),
            pid: std::process::id(),
            port,
            version: "0.0.0".into(),
            started_at: "2026-01-01T00:00:00Z".into(),
            forwarder: false,
        }
    }

    #[test]
    fn slots_become_safe_file_names() {
        assert_eq!(file_stem("my-app@127.0.0.1:4000"), "my-app@127.0.0.1_4000");
        assert_eq!(file_stem("../x/y"), ".._x_y");
    }

    #[test]
    fn live_agents_are_found_and_stale_files_removed() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path();
        assert_eq!(find(cfg, None, None).unwrap(), None);

        let lock_a = AgentLock::acquire(cfg, "a@h").unwrap();
        let file_a = StateFile::write(cfg, &state("a@h", 1), &lock_a).unwrap();
        assert_eq!(find(cfg, None, None).unwrap().unwrap().port, 1);

        let lock_b = AgentLock::acquire(cfg, "b@h").unwrap();
        let _file_b = StateFile::write(cfg, &state("b@h", 2), &lock_b).unwrap();
        let e = find(cfg, None, None).unwrap_err();
        assert!(e.message.contains("2 agents are running"), "{}", e.message);
        assert_eq!(find(cfg, Some("b"), None).unwrap().unwrap().port, 2);
        assert_eq!(find(cfg, None, Some("a@h")).unwrap().unwrap().port, 1);
        assert_eq!(find(cfg, Some("c"), None).unwrap(), None);

        // An agent killed without cleaning up: its file stays, its lock is free.
        let path_b = path(cfg, "b@h");
        std::mem::forget(_file_b);
        drop(lock_b);
        assert!(path_b.exists());
        assert_eq!(find(cfg, None, None).unwrap().unwrap().slot, "a@h");
        assert!(!path_b.exists(), "the stale file was removed");

        let path_a = file_a.path().to_path_buf();
        drop(file_a);
        assert!(!path_a.exists(), "removed on a clean stop");
    }
}
