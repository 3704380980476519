//! What a file must be for its settings to be trusted: owned by the user and not
//! writable by others (as ssh's StrictModes and git's safe.directory insist), and
//! how far up the tree a project's `.skene.config` is looked for.

use std::path::{Path, PathBuf};

use crate::error::CliError;

/// Refuses a config directory or file that another user could have written:
/// not owned by the user, or writable by the group or by others.
pub fn check_private(path: &Path) -> Result<(), CliError> {
    match problem(path) {
        None => Ok(()),
        Some(Problem::NotOwned) => Err(CliError::failure(format!(
            "refusing to use {}: it belongs to another user",
            path.display()
        ))
        .hint(format!(
            "it must be yours alone: `chown \"$(id -u)\" {}`, or set SKENE_CONFIG_DIR to a directory of your own",
            path.display()
        ))),
        Some(Problem::Writable) => Err(CliError::failure(format!(
            "refusing to use {}: other users may change it",
            path.display()
        ))
        .hint(format!("run `chmod go-w {}`", path.display()))),
    }
}

enum Problem {
    NotOwned,
    Writable,
}

#[cfg(unix)]
fn problem(path: &Path) -> Option<Problem> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    if meta.uid() != current_uid() {
        Some(Problem::NotOwned)
    } else if meta.mode() & 0o022 != 0 {
        Some(Problem::Writable)
    } else {
        None
    }
}

#[cfg(not(unix))]
fn problem(_path: &Path) -> Option<Problem> {
    None
}

#[cfg(unix)]
fn current_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// Why a `.skene.config` found while walking up was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// The directories to look in for `.skene.config`, from `start` upwards. The walk
/// stops at the first directory owned by another user (root's are crossed), at
/// the home directory, and at a file-system boundary.
pub fn project_dirs(start: &Path, home: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let first_dev = device(start);
    for dir in start.ancestors() {
        if !dir_trusted(dir) || device(dir) != first_dev {
            break;
        }
        dirs.push(dir.to_path_buf());
        if home.is_some_and(|h| h == dir) {
            break;
        }
    }
    dirs
}

/// Whether a `.skene.config` may be read: the user's own (or root's), and not
/// writable by others.
pub fn file_trusted(path: &Path) -> Result<(), Ignored> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.uid() != current_uid() && meta.uid() != 0 {
                return Err(Ignored {
                    path: path.to_path_buf(),
                    reason: "it belongs to another user",
                });
            }
            if meta.mode() & 0o022 != 0 {
                return Err(Ignored {
                    path: path.to_path_buf(),
                    reason: "other users may change it",
                });
            }
        }
    }
    let _ = path;
    Ok(())
}

#[cfg(unix)]
fn dir_trusted(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).is_ok_and(|m| m.uid() == current_uid() || m.uid() == 0)
}

#[cfg(not(unix))]
fn dir_trusted(_dir: &Path) -> bool {
    true
}

#[cfg(unix)]
fn device(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| m.dev())
}

#[cfg(not(unix))]
fn device(_path: &Path) -> Option<u64> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn writable_by_others_is_refused_and_private_is_fine() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        check_private(dir.path()).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let e = check_private(dir.path()).unwrap_err();
        assert!(
            e.message.contains("other users may change it"),
            "{}",
            e.message
        );
        assert!(e.hints[0].contains("chmod go-w"), "{:?}", e.hints);
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert!(file_trusted(&file).is_err());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(file_trusted(&file).is_ok());
    }

    #[test]
    fn the_walk_stops_at_home() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let deep = home.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let dirs = project_dirs(&deep, Some(&home));
        assert_eq!(dirs.last().unwrap(), &home);
        assert_eq!(dirs.len(), 3);
    }
}
