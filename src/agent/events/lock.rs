//! One forwarder per database and workspace on this machine: an advisory lock on
//! a file named after both, held for the process's life (the operating system
//! releases it when the process dies, SIGKILL included). The file says who holds
//! it, for the message the second one prints.
//!
//! Agents on other machines (or with another config directory) are not stopped by
//! it; `FOR UPDATE SKIP LOCKED` keeps them from sending the same row at once.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sha2::Digest;

use crate::db::DbUrl;

#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; what its file says ("pid 123, …").
    Held { holder: String, path: PathBuf },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held { holder, .. } => write!(f, "held by {holder}"),
            LockError::Io { path, error } => write!(f, "cannot lock {}: {error}", path.display()),
        }
    }
}

/// The lock file of a (database, workspace) pair: `events-<hash>.lock`, from
/// the database's [`DbUrl::identity`] (host, port, name: the same database
/// however its URL is spelt, with or without a password).
pub fn path_for(dir: &Path, database: &DbUrl, workspace: &str) -> PathBuf {
    let key = format!("{}\n{workspace}", database.identity());
    let digest = sha2::Sha256::digest(key.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("events-{hex}.lock"))
}

impl DbLock {
    /// Takes the lock without waiting.
    pub fn acquire(dir: &Path, database: &DbUrl, workspace: &str) -> Result<Self, LockError> {
        let path = path_for(dir, database, workspace);
        let database = database.redacted();
        let io = |error| LockError::Io {
            path: path.clone(),
            error,
        };
        crate::fsutil::create_private_dir(dir).map_err(io)?;
        let mut file = crate::fsutil::open_lock_file(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let holder = text.lines().next().unwrap_or("").trim().to_owned();
                return Err(LockError::Held {
                    holder: if holder.is_empty() {
                        "another skene agent".to_owned()
                    } else {
                        crate::output::sanitize::line(&holder).into_owned()
                    },
                    path,
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let note = format!(
            "skene agent pid {} (forwarding {database} to {workspace})\n",
            std::process::id()
        );
        let _ = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(note.as_bytes()))
            .and_then(|()| file.flush());
        Ok(Self { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_forwarder_of_the_same_pair_is_told_who_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let url = |raw: &str| DbUrl::parse(raw).unwrap();
        let db = url("postgresql://u:pw@h:5432/db");
        let first = DbLock::acquire(dir.path(), &db, "https://a/api/v1 w").unwrap();
        // The same database, spelt otherwise: the same lock.
        for same in [
            "postgresql://u@h/db",
            "postgresql://other:pw2@H:5432/db?sslmode=require",
            "host=h port=5432 dbname=db user=u",
        ] {
            match DbLock::acquire(dir.path(), &url(same), "https://a/api/v1 w") {
                Err(LockError::Held { holder, .. }) => {
                    assert!(
                        holder.contains(&format!("pid {}", std::process::id())),
                        "{holder}"
                    );
                    assert!(!holder.contains("pw"), "{holder}");
                }
                other => panic!("{same}: {other:?}"),
            }
        }
        // Another workspace or database is another lock.
        let _other = DbLock::acquire(dir.path(), &db, "https://b/api/v1 w").unwrap();
        let _other_db = DbLock::acquire(
            dir.path(),
            &url("postgresql://u@h/db2"),
            "https://a/api/v1 w",
        )
        .unwrap();
        let _other_port = DbLock::acquire(
            dir.path(),
            &url("postgresql://u@h:6543/db"),
            "https://a/api/v1 w",
        )
        .unwrap();
        drop(first);
        DbLock::acquire(dir.path(), &db, "https://a/api/v1 w").unwrap();
    }

    #[test]
    fn loopback_spellings_and_a_missing_name_are_one_database() {
        let id = |raw: &str| DbUrl::parse(raw).unwrap().identity();
        assert_eq!(
            id("postgresql://u@localhost/app"),
            id("postgresql://u:x@127.0.0.1:5432/app")
        );
        assert_eq!(
            id("postgresql://app@[::1]:5432"),
            id("postgresql://app@localhost/app")
        );
        assert_ne!(
            id("postgresql://u@localhost/app"),
            id("postgresql://u@db.example/app")
        );
    }
}
