//! The config directory's lock: every read-modify-write of `config.toml` and
//! `credentials.toml` happens while it is held, so that two skene processes (two
//! logins at once) never lose each other's changes.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::CliError;
use crate::fsutil;

pub const LOCK_FILE: &str = ".lock";
/// How long to wait for another skene to finish before giving up.
pub const WAIT: Duration = Duration::from_secs(10);

/// An exclusive advisory lock on the config directory, released on drop (and by
/// the operating system if the process dies).
#[derive(Debug)]
pub struct ConfigLock {
    _file: File,
    path: PathBuf,
}

impl ConfigLock {
    /// Takes the lock, waiting up to [`WAIT`] for another skene to release it.
    pub fn acquire(dir: &Path) -> Result<Self, CliError> {
        Self::acquire_within(dir, WAIT)
    }

    pub fn acquire_within(dir: &Path, wait: Duration) -> Result<Self, CliError> {
        fsutil::create_private_dir(dir)
            .map_err(|e| CliError::failure(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(LOCK_FILE);
        let file = open(&path)
            .map_err(|e| CliError::failure(format!("cannot open {}: {e}", path.display())))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    // No write is in flight while the lock is held: temporary files
                    // left here were a dead process's, and may hold a key.
                    for stale in fsutil::stale_temp_files(dir) {
                        let _ = std::fs::remove_file(stale);
                    }
                    return Ok(Self { _file: file, path });
                }
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(CliError::failure(format!(
                        "another skene has been changing {} for over {} s",
                        dir.display(),
                        wait.as_secs()
                    ))
                    .hint("wait for it to finish, then run this command again"));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(CliError::failure(format!(
                        "cannot lock {}: {e}",
                        path.display()
                    )));
                }
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_gives_up_with_a_clear_message() {
        let dir = tempfile::tempdir().unwrap();
        let first = ConfigLock::acquire(dir.path()).unwrap();
        let err = ConfigLock::acquire_within(dir.path(), Duration::from_millis(100)).unwrap_err();
        assert!(err.message.contains("another skene"), "{}", err.message);
        drop(first);
        ConfigLock::acquire_within(dir.path(), Duration::from_millis(100)).unwrap();
    }
}
