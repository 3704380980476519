//! The local token: what a tool on this machine shows the agent to be let in
//! (`Authorization: Bearer skl_…`). One per install: `skl_` and 256 random bits
//! in hex, in `agent/token` (mode 0600) in the config directory. It is not the
//! workspace key and opens nothing but the loopback agent; `skene agent token
//! rotate` replaces it, and a running agent takes the new one at its first
//! request with it (the command makes one), refusing the old one from then on.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::error::CliError;
use crate::fsutil;
use crate::settings::lock::ConfigLock;

pub const PREFIX: &str = "skl_";
/// Random bytes after the prefix (256 bits).
const RANDOM_BYTES: usize = 32;
/// Where the token lives, below the config directory.
pub const FILE: &str = "agent/token";

/// A local token. `Debug` and `Display` show `skl_…abcd` only.
#[derive(Clone, PartialEq, Eq)]
pub struct LocalToken(String);

impl LocalToken {
    pub fn generate() -> Self {
        Self(format!("{PREFIX}{}", crate::random::hex(RANDOM_BYTES)))
    }

    /// A token as written in its file: the prefix and 64 hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let hex = text.strip_prefix(PREFIX)?;
        (hex.len() == RANDOM_BYTES * 2 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(text.to_owned()))
    }

    /// The token itself, for `skene agent env` and the status request.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `presented` is this token, in time that does not depend on where
    /// they differ.
    pub fn matches(&self, presented: &[u8]) -> bool {
        constant_time_eq(self.0.as_bytes(), presented)
    }
}

impl std::fmt::Debug for LocalToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LocalToken({self})")
    }
}

impl std::fmt::Display for LocalToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tail = &self.0[self.0.len().saturating_sub(4)..];
        write!(f, "{PREFIX}…{tail}")
    }
}

/// Compares two byte strings; the time taken depends on their lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

pub fn path(config_dir: &Path) -> PathBuf {
    config_dir.join(FILE)
}

/// The token in the config directory, if there is a usable one.
pub fn load(config_dir: &Path) -> Result<Option<LocalToken>, CliError> {
    let path = path(config_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CliError::failure(format!(
                "cannot read the agent's local token {}: {e}",
                path.display()
            )));
        }
    };
    if fsutil::readable_by_others(&path) {
        return Err(CliError::failure(format!(
            "refusing to use the agent's local token {}: other users can read it",
            path.display()
        ))
        .hint("run `skene agent token rotate` to write a new, private one"));
    }
    LocalToken::parse(&text).map(Some).ok_or_else(|| {
        CliError::failure(format!(
            "{} does not hold a local token (skl_ and 64 hex digits)",
            path.display()
        ))
        .hint("run `skene agent token rotate` to write a new one")
    })
}

/// The token, made now if there is none yet. Hold the config lock: two commands
/// starting at once must agree on one token.
pub fn load_or_create(config_dir: &Path, _lock: &ConfigLock) -> Result<LocalToken, CliError> {
    match load(config_dir)? {
        Some(token) => Ok(token),
        None => write_new(config_dir),
    }
}

/// Replaces the token with a new one.
pub fn rotate(config_dir: &Path, _lock: &ConfigLock) -> Result<LocalToken, CliError> {
    write_new(config_dir)
}

fn write_new(config_dir: &Path) -> Result<LocalToken, CliError> {
    let token = LocalToken::generate();
    let path = path(config_dir);
    fsutil::write_atomic(&path, format!("{}\n", token.expose()).as_bytes(), 0o600).map_err(
        |e| {
            CliError::failure(format!(
                "cannot write the agent's local token {}: {e}",
                path.display()
            ))
        },
    )?;
    Ok(token)
}

/// What identifies one version of the token file: a rotation replaces it (a new
/// inode), an edit changes its time and size, a `chmod` its mode and ctime.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    inode: u64,
    #[cfg(unix)]
    mode: u32,
    #[cfg(unix)]
    changed: (i64, i64),
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    Some(Stamp {
        modified: meta.modified().ok(),
        len: meta.len(),
        #[cfg(unix)]
        inode: meta.ino(),
        #[cfg(unix)]
        mode: meta.mode(),
        #[cfg(unix)]
        changed: (meta.ctime(), meta.ctime_nsec()),
    })
}

/// How long the server trusts what it last read of the token file: a token
/// that matched is taken without looking at the file again for this long (no
/// file system call per request). A token that does not match makes the server
/// look at once, so a new token is taken at its first request — which is how
/// `skene agent token rotate` switches a running agent over at once.
pub const RECHECK: Duration = Duration::from_secs(1);

/// The server's side: checks a presented token against the file, read again
/// whenever it changes, so that a rotation takes effect without a restart. A
/// file that goes missing or becomes unusable (readable by others, not a token)
/// lets nobody in, from the first request after [`RECHECK`] at the latest.
#[derive(Debug)]
pub struct TokenCheck {
    config_dir: PathBuf,
    recheck: Duration,
    current: Mutex<Current>,
}

/// What was last read of the token file, and when it was last looked at.
#[derive(Debug, Default)]
struct Current {
    /// The version of the file `token` was read from; `None` when there is no
    /// usable token (the next request looks again).
    stamp: Option<Stamp>,
    token: Option<LocalToken>,
    checked: Option<Instant>,
    /// Why there is no usable token, when there is none.
    problem: Option<String>,
}

/// What [`TokenCheck::verify`] found.
#[derive(Debug, Default)]
pub struct Verdict {
    /// The presented token is the current one.
    pub ok: bool,
    /// The token file changed in a way worth a line in the log (said once).
    pub news: Option<News>,
    /// Refused because no token is usable: why.
    pub problem: Option<String>,
}

/// A change of the token file, for the agent's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// A new token was taken (a rotation).
    Changed,
    /// The file cannot be used any more: why.
    Unusable(String),
    /// The file can be used again.
    Usable,
}

impl TokenCheck {
    /// A check of the token file in `config_dir`, read at the first request
    /// (what the agent read at its start may have been rotated since).
    pub fn new(config_dir: &Path) -> Self {
        Self::with_recheck(config_dir, RECHECK)
    }

    fn with_recheck(config_dir: &Path, recheck: Duration) -> Self {
        Self {
            config_dir: config_dir.to_path_buf(),
            recheck,
            current: Mutex::new(Current::default()),
        }
    }

    /// Whether `presented` is the current token, and what changed on the way.
    pub fn verify(&self, presented: &[u8]) -> Verdict {
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let matches = |c: &Current| c.token.as_ref().is_some_and(|t| t.matches(presented));
        let fresh = current
            .checked
            .is_some_and(|at| at.elapsed() < self.recheck);
        if fresh && matches(&current) {
            return Verdict {
                ok: true,
                ..Verdict::default()
            };
        }
        let mut news = None;
        let file = path(&self.config_dir);
        let now = stamp(&file);
        if now.is_none() || now != current.stamp {
            // A file that cannot be used now (gone, unreadable, out of file
            // descriptors) is not remembered as seen: the next request tries again.
            let read = match now {
                None => Err(format!("{} is missing", file.display())),
                Some(_) => match load(&self.config_dir) {
                    Ok(Some(token)) => Ok(token),
                    Ok(None) => Err(format!("{} is missing", file.display())),
                    Err(e) => Err(e.to_string()),
                },
            };
            news = match (&read, &current.token, &current.problem) {
                (Ok(_), _, Some(_)) => Some(News::Usable),
                (Ok(new), Some(old), None) if new != old => Some(News::Changed),
                (Err(why), _, problem) if problem.as_ref() != Some(why) => {
                    Some(News::Unusable(why.clone()))
                }
                _ => None,
            };
            match read {
                Ok(token) => {
                    current.stamp = now;
                    current.token = Some(token);
                    current.problem = None;
                }
                Err(why) => {
                    current.stamp = None;
                    current.token = None;
                    current.problem = Some(why);
                }
            }
        }
        current.checked = Some(Instant::now());
        let ok = matches(&current);
        Verdict {
            ok,
            news,
            problem: if ok { None } else { current.problem.clone() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_their_shape_and_hide_in_messages() {
        let t = LocalToken::generate();
        assert_eq!(t.expose().len(), 4 + 64);
        assert_eq!(
            LocalToken::parse(&format!("{}\n", t.expose())),
            Some(t.clone())
        );
        assert_ne!(t, LocalToken::generate());
        let shown = format!("{t} {t:?}");
        assert!(!shown.contains(&t.expose()[4..20]), "{shown}");
        for bad in [
            "",
            "skl_",
            "skl_xyz",
            "sk_ws_0000",
            &format!("skl_{}", "g".repeat(64)),
        ] {
            assert_eq!(LocalToken::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn matching_is_exact() {
        let t = LocalToken::generate();
        assert!(t.matches(t.expose().as_bytes()));
        assert!(!t.matches(&t.expose().as_bytes()[..10]));
        let mut other = t.expose().as_bytes().to_vec();
        let last = other.len() - 1;
        other[last] = if other[last] == b'0' { b'1' } else { b'0' };
        assert!(!t.matches(&other));
    }

    #[test]
    fn a_rotation_is_seen_without_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let lock = ConfigLock::acquire(dir.path()).unwrap();
        let first = load_or_create(dir.path(), &lock).unwrap();
        assert_eq!(load_or_create(dir.path(), &lock).unwrap(), first, "kept");
        assert!(!fsutil::readable_by_others(&path(dir.path())));
        let recheck = Duration::from_millis(200);
        let check = TokenCheck::with_recheck(dir.path(), recheck);
        assert!(check.verify(first.expose().as_bytes()).ok);
        let second = rotate(dir.path(), &lock).unwrap();
        let verdict = check.verify(second.expose().as_bytes());
        assert!(verdict.ok, "the new one is in at its first request");
        assert_eq!(verdict.news, Some(News::Changed));
        assert!(
            !check.verify(first.expose().as_bytes()).ok,
            "and the old one is out from then on"
        );
        let third = rotate(dir.path(), &lock).unwrap();
        std::thread::sleep(recheck + Duration::from_millis(50));
        assert!(
            !check.verify(second.expose().as_bytes()).ok,
            "a rotation nobody announced is seen within the recheck time"
        );
        assert!(check.verify(third.expose().as_bytes()).ok);
        std::fs::remove_file(path(dir.path())).unwrap();
        std::thread::sleep(recheck + Duration::from_millis(50));
        assert!(
            !check.verify(third.expose().as_bytes()).ok,
            "no file, no entry"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_token_file_made_readable_by_others_is_refused_and_a_fixed_one_taken_again() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let lock = ConfigLock::acquire(dir.path()).unwrap();
        let token = load_or_create(dir.path(), &lock).unwrap();
        let recheck = Duration::from_millis(100);
        let check = TokenCheck::with_recheck(dir.path(), recheck);
        let first = check.verify(token.expose().as_bytes());
        assert!(first.ok);
        let file = path(dir.path());
        assert_eq!(first.news, None, "the first read is no news");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::thread::sleep(recheck + Duration::from_millis(50));
        let refused = check.verify(token.expose().as_bytes());
        assert!(
            !refused.ok,
            "a chmod is seen: the token is no longer private"
        );
        let problem = refused.problem.unwrap();
        assert!(problem.contains("other users can read it"), "{problem}");
        assert!(matches!(refused.news, Some(News::Unusable(p)) if p == problem));
        let again = check.verify(token.expose().as_bytes());
        assert!(!again.ok);
        assert_eq!(again.news, None, "said once");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let fixed = check.verify(token.expose().as_bytes());
        assert!(
            fixed.ok,
            "and the fixed file is read again at the next request"
        );
        assert_eq!(fixed.news, Some(News::Usable));
        assert_eq!(fixed.problem, None);
    }

    #[test]
    fn the_file_is_read_at_the_first_request_not_trusted_from_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let lock = ConfigLock::acquire(dir.path()).unwrap();
        let old = load_or_create(dir.path(), &lock).unwrap();
        let check = TokenCheck::new(dir.path());
        // Rotated between the agent's start and its first request.
        let new = rotate(dir.path(), &lock).unwrap();
        assert!(!check.verify(old.expose().as_bytes()).ok);
        assert!(check.verify(new.expose().as_bytes()).ok);
    }
}
