//! Writing a project's `.skene.config` for `skene link` and `skene unlink`: only
//! the `upstream` key is set or removed; every other key and every comment stays
//! as the user (or the Python client) wrote it. Never a key.

use std::fs;
use std::io;
use std::path::Path;

use toml_edit::DocumentMut;

use crate::error::CliError;
use crate::fsutil;

/// The first lines of a `.skene.config` that `skene link` creates.
pub const HEADER: &str = "\
# Written by `skene link`: the Skene workspace this project uses.
# It holds no key: keys live in the OS keyring (`skene login`).
";

/// What happened to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Updated,
    /// It already said that.
    Unchanged,
    /// `upstream` was removed; other settings stay.
    Removed,
    /// `upstream` was all it held: the file is gone.
    Deleted,
    /// There was no `upstream` to remove.
    Absent,
}

fn read(path: &Path) -> Result<Option<(String, DocumentMut)>, CliError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::failure(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    let doc = text.parse::<DocumentMut>().map_err(|e| {
        CliError::input(format!(
            "{} is not valid TOML: {}",
            path.display(),
            e.message().trim()
        ))
        .hint("fix the file, then run the command again")
    })?;
    Ok(Some((text, doc)))
}

/// The mode a rewritten file keeps: its own (never writable by others), or 0644
/// for a new one, which holds no secret.
fn mode_for(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path) {
            return meta.permissions().mode() & 0o777 & !0o022;
        }
    }
    let _ = path;
    0o644
}

/// Writes atomically with exactly `mode` (whatever the umask), so the file is
/// never seen half-written.
fn write(path: &Path, text: &str, mode: u32) -> Result<(), CliError> {
    let fail = |e: io::Error| CliError::failure(format!("cannot write {}: {e}", path.display()));
    fsutil::write_atomic(path, text.as_bytes(), mode).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
    Ok(())
}

/// Sets `upstream` in the file at `path`, creating it if needed.
pub fn set_upstream(path: &Path, upstream: &str) -> Result<Change, CliError> {
    let mode = mode_for(path);
    let Some((_, mut doc)) = read(path)? else {
        let mut doc = DocumentMut::new();
        doc["upstream"] = toml_edit::value(upstream);
        write(path, &format!("{HEADER}{doc}"), 0o644)?;
        return Ok(Change::Created);
    };
    if doc.get("upstream").and_then(|v| v.as_str()) == Some(upstream) {
        return Ok(Change::Unchanged);
    }
    match doc.get_mut("upstream") {
        // Keep the key where it is, with its comments.
        Some(item) if item.is_value() => {
            let decor = item.as_value().map(|v| v.decor().clone());
            *item = toml_edit::value(upstream);
            if let (Some(decor), Some(v)) = (decor, item.as_value_mut()) {
                *v.decor_mut() = decor;
            }
        }
        _ => doc["upstream"] = toml_edit::value(upstream),
    }
    write(path, &doc.to_string(), mode)?;
    Ok(Change::Updated)
}

/// Removes `upstream` from the file at `path`; deletes the file when nothing but
/// what `skene link` wrote is left.
pub fn remove_upstream(path: &Path) -> Result<Change, CliError> {
    let mode = mode_for(path);
    let Some((_, mut doc)) = read(path)? else {
        return Ok(Change::Absent);
    };
    if doc.remove("upstream").is_none() {
        return Ok(Change::Absent);
    }
    let rest = doc.to_string();
    let leftover = rest.strip_prefix(HEADER).unwrap_or(&rest);
    if doc.as_table().is_empty() && leftover.trim().is_empty() {
        fs::remove_file(path)
            .map_err(|e| CliError::failure(format!("cannot delete {}: {e}", path.display())))?;
        return Ok(Change::Deleted);
    }
    write(path, &rest, mode)?;
    Ok(Change::Removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_keeps_other_keys_and_comments_and_unlink_undoes_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".skene.config");
        fs::write(
            &path,
            "# my project\nupstream = \"https://a.example/workspace/x\" # old\noutput_dir = \"ctx\"\n",
        )
        .unwrap();
        assert_eq!(
            set_upstream(&path, "https://b.example/workspace/y").unwrap(),
            Change::Updated
        );
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# my project\n"), "{text}");
        assert!(
            text.contains("upstream = \"https://b.example/workspace/y\""),
            "{text}"
        );
        assert!(text.contains("output_dir = \"ctx\""), "{text}");
        assert_eq!(
            set_upstream(&path, "https://b.example/workspace/y").unwrap(),
            Change::Unchanged
        );
        assert_eq!(remove_upstream(&path).unwrap(), Change::Removed);
        let text = fs::read_to_string(&path).unwrap();
        assert!(!text.contains("upstream ="), "{text}");
        assert!(text.contains("output_dir"), "{text}");
        assert_eq!(remove_upstream(&path).unwrap(), Change::Absent);
    }

    #[test]
    fn a_file_link_created_is_deleted_by_unlink() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".skene.config");
        assert_eq!(
            set_upstream(&path, "https://a.example/workspace/x").unwrap(),
            Change::Created
        );
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            format!("{HEADER}upstream = \"https://a.example/workspace/x\"\n")
        );
        assert_eq!(remove_upstream(&path).unwrap(), Change::Deleted);
        assert!(!path.exists());
    }

    #[test]
    fn invalid_toml_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".skene.config");
        fs::write(&path, "upstream = [\n").unwrap();
        let e = set_upstream(&path, "https://a.example/workspace/x").unwrap_err();
        assert!(e.message.contains("not valid TOML"), "{}", e.message);
        assert_eq!(fs::read_to_string(&path).unwrap(), "upstream = [\n");
    }
}
