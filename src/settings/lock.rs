//! The config directory's lock: every read-modify-write of `config.toml` and
//! `credentials.toml` happens while it is held, so that two skene processes (two
//! logins at once) never lose each other's changes.

use std::fs::File;
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
    /// Temporary files of a dead process removed on taking the lock.
    stale_removed: usize,
}

impl ConfigLock {
    /// Takes the lock, waiting up to [`WAIT`] for another skene to release it.
    /// Blocks the thread while it waits: async code uses [`ConfigLock::acquire_async`].
    pub fn acquire(dir: &Path) -> Result<Self, CliError> {
        Self::acquire_within(dir, WAIT)
    }

    pub fn acquire_within(dir: &Path, wait: Duration) -> Result<Self, CliError> {
        let pending = Pending::open(dir)?;
        let started = Instant::now();
        loop {
            if pending.try_take()? {
                return Ok(pending.taken());
            }
            if started.elapsed() >= wait {
                return Err(pending.gave_up(wait));
            }
            std::thread::sleep(POLL);
        }
    }

    /// Takes the lock, waiting up to [`WAIT`] without holding up the async
    /// runtime (the Ctrl-C listener and other tasks go on). `on_wait` is called
    /// once, when another skene is found holding it.
    pub async fn acquire_async(dir: &Path, on_wait: impl FnOnce()) -> Result<Self, CliError> {
        Self::acquire_async_within(dir, WAIT, on_wait).await
    }

    pub async fn acquire_async_within(
        dir: &Path,
        wait: Duration,
        on_wait: impl FnOnce(),
    ) -> Result<Self, CliError> {
        let pending = Pending::open(dir)?;
        let started = Instant::now();
        let mut on_wait = Some(on_wait);
        loop {
            if pending.try_take()? {
                return Ok(pending.taken());
            }
            if started.elapsed() >= wait {
                return Err(pending.gave_up(wait));
            }
            if let Some(tell) = on_wait.take() {
                tell();
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// How many temporary files a dead process left, removed on taking the lock.
    pub fn stale_removed(&self) -> usize {
        self.stale_removed
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// How often a held lock is tried again.
const POLL: Duration = Duration::from_millis(25);

/// The lock file, open and not yet locked.
struct Pending {
    file: File,
    path: PathBuf,
    dir: PathBuf,
}

impl Pending {
    fn open(dir: &Path) -> Result<Self, CliError> {
        fsutil::create_private_dir(dir)
            .map_err(|e| CliError::failure(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(LOCK_FILE);
        let file = fsutil::open_lock_file(&path)
            .map_err(|e| CliError::failure(format!("cannot open {}: {e}", path.display())))?;
        Ok(Self {
            file,
            path,
            dir: dir.to_owned(),
        })
    }

    /// Whether the lock was taken; `false` while another process holds it.
    fn try_take(&self) -> Result<bool, CliError> {
        match self.file.try_lock() {
            Ok(()) => Ok(true),
            Err(std::fs::TryLockError::WouldBlock) => Ok(false),
            Err(std::fs::TryLockError::Error(e)) => Err(CliError::failure(format!(
                "cannot lock {}: {e}",
                self.path.display()
            ))),
        }
    }

    fn taken(self) -> ConfigLock {
        // No write is in flight while the lock is held: temporary files left here
        // were a dead process's, and may hold a key.
        let stale_removed = fsutil::stale_temp_files(&self.dir)
            .into_iter()
            .filter(|stale| std::fs::remove_file(stale).is_ok())
            .count();
        ConfigLock {
            _file: self.file,
            path: self.path,
            stale_removed,
        }
    }

    fn gave_up(&self, wait: Duration) -> CliError {
        CliError::failure(format!(
            "another skene has been changing {} for over {} s",
            self.dir.display(),
            wait.as_secs()
        ))
        .hint("wait for it to finish, then run this command again")
    }
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

    #[test]
    fn waiting_asynchronously_leaves_the_runtime_free() {
        let dir = tempfile::tempdir().unwrap();
        let first = ConfigLock::acquire(dir.path()).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let told = std::cell::Cell::new(0);
            let ticks = std::cell::Cell::new(0);
            let release = async {
                // Another task of the same one-thread runtime runs while the lock is awaited.
                for _ in 0..4 {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    ticks.set(ticks.get() + 1);
                }
                drop(first);
            };
            let take = ConfigLock::acquire_async_within(dir.path(), Duration::from_secs(5), || {
                told.set(told.get() + 1)
            });
            let ((), taken) = tokio::join!(release, take);
            taken.unwrap();
            assert_eq!(ticks.get(), 4);
            assert_eq!(told.get(), 1, "told once that another skene holds it");
        });
    }
}
