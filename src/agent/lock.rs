//! One agent per config directory and workspace: an exclusive advisory lock on
//! `agent/<slot>.lock`, held for the agent's whole life and released by the
//! operating system if it dies (so a killed agent never blocks the next one).

use std::fs::File;
use std::path::{Path, PathBuf};

use super::state;
use crate::error::CliError;
use crate::fsutil;

/// The lock of one slot, held until dropped.
#[derive(Debug)]
pub struct AgentLock {
    _file: File,
}

pub fn path(config_dir: &Path, slot: &str) -> PathBuf {
    state::dir(config_dir).join(format!("{}.lock", state::file_stem(slot)))
}

impl AgentLock {
    /// Takes the slot's lock, or says which agent holds it.
    pub fn acquire(config_dir: &Path, slot: &str) -> Result<Self, CliError> {
        match Self::try_acquire(config_dir, slot)? {
            Some(lock) => Ok(lock),
            None => {
                let running = state::read(&state::path(config_dir, slot));
                // The pid and port of the agent that holds the lock, if it wrote them.
                let who = match running {
                    Some(s) => format!(
                        " (pid {}, gateway on {}, since {})",
                        s.pid,
                        s.origin(),
                        s.started_at
                    ),
                    None => String::new(),
                };
                Err(CliError::failure(format!(
                    "another skene agent is already running for {slot}{who}"
                ))
                .hint("see it with `skene agent status`; stop it before starting another"))
            }
        }
    }

    /// Takes the slot's lock if nobody holds it; `Ok(None)` when an agent does.
    pub fn try_acquire(config_dir: &Path, slot: &str) -> Result<Option<Self>, CliError> {
        let dir = state::dir(config_dir);
        fsutil::create_private_dir(&dir)
            .map_err(|e| CliError::failure(format!("cannot create {}: {e}", dir.display())))?;
        let path = path(config_dir, slot);
        let file = fsutil::open_lock_file(&path)
            .map_err(|e| CliError::failure(format!("cannot open {}: {e}", path.display())))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(CliError::failure(format!(
                "cannot lock {}: {e}",
                path.display()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_agent_per_slot() {
        let dir = tempfile::tempdir().unwrap();
        let first = AgentLock::acquire(dir.path(), "a@h").unwrap();
        let e = AgentLock::acquire(dir.path(), "a@h").unwrap_err();
        assert!(
            e.message.contains("already running for a@h"),
            "{}",
            e.message
        );
        let _other = AgentLock::acquire(dir.path(), "b@h").unwrap();
        drop(first);
        AgentLock::acquire(dir.path(), "a@h").unwrap();
    }
}
