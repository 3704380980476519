//! Where keys live: the OS keyring, or `credentials.toml` (mode 0600) when no
//! keyring is usable. The environment and a project's `.skene.config` are read
//! elsewhere ([`crate::commands::Context::resolve_key`]); nothing here prints.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::fsutil;
use crate::secret::ApiKey;

/// The keyring service name under which every skene key is stored.
pub const SERVICE: &str = "skene";
pub const CREDENTIALS_FILE: &str = "credentials.toml";
/// How long a keyring call may take before the keyring counts as unusable.
pub const KEYRING_TIMEOUT: Duration = Duration::from_secs(3);

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

/// `--store`: where `skene login` puts the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreChoice {
    /// The OS keyring, or the credentials file when no keyring is usable
    Auto,
    /// The OS keyring only: fail when it is not usable
    Keyring,
    /// The plaintext credentials file (mode 0600) in the config directory
    File,
}

/// Why the keyring could not be used.
#[derive(Debug, Clone)]
pub struct KeyringError(pub String);

impl fmt::Display for KeyringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyringError {}

/// The platform keyring, every call bounded by [`KEYRING_TIMEOUT`].
pub struct Keyring;

impl Keyring {
    /// A human name for the platform's keyring.
    pub fn name() -> &'static str {
        if cfg!(target_os = "macos") {
            "macOS Keychain"
        } else if cfg!(windows) {
            "Windows Credential Manager"
        } else {
            "OS keyring (Secret Service)"
        }
    }

    pub fn set(account: &str, key: &ApiKey) -> Result<(), KeyringError> {
        let secret = key.expose().to_owned();
        with_entry(account, move |entry| entry.set_password(&secret))
    }

    pub fn get(account: &str) -> Result<Option<ApiKey>, KeyringError> {
        match with_entry(account, |entry| entry.get_password()) {
            Ok(secret) => Ok(Some(ApiKey::new(secret))),
            Err(e) if e.0 == NO_ENTRY => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Deletes the entry; `Ok(false)` when there was none.
    pub fn delete(account: &str) -> Result<bool, KeyringError> {
        match with_entry(account, |entry| entry.delete_credential()) {
            Ok(()) => Ok(true),
            Err(e) if e.0 == NO_ENTRY => Ok(false),
            Err(e) => Err(e),
        }
    }
}

const NO_ENTRY: &str = "no entry";

/// Runs `op` on the keyring entry in a thread of its own so that a keyring that
/// never answers (a hung D-Bus peer, a prompt nobody will see) costs at most
/// [`KEYRING_TIMEOUT`]. A timed-out thread is left behind; it ends with the process.
fn with_entry<T: Send + 'static>(
    account: &str,
    op: impl FnOnce(&keyring_core::Entry) -> keyring_core::Result<T> + Send + 'static,
) -> Result<T, KeyringError> {
    precheck()?;
    let account = account.to_owned();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let result = open_store()
                .and_then(|store| keyring_core::Entry::new_in_store(&store, SERVICE, &account))
                .and_then(|entry| op(&entry));
            let _ = tx.send(result);
        })
        .map_err(|e| KeyringError(format!("cannot start a keyring thread: {e}")))?;
    match rx.recv_timeout(KEYRING_TIMEOUT) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(describe(e)),
        Err(_) => Err(KeyringError(format!(
            "the keyring did not answer within {} s",
            KEYRING_TIMEOUT.as_secs()
        ))),
    }
}

fn describe(err: keyring_core::Error) -> KeyringError {
    use keyring_core::Error as E;
    KeyringError(match err {
        E::NoEntry => NO_ENTRY.to_owned(),
        E::NoStorageAccess(e) => format!("the keyring refused access (is it locked?): {e}"),
        E::PlatformFailure(e) => format!("the keyring is not available: {e}"),
        E::NoDefaultStore => "no keyring is available on this platform".to_owned(),
        E::Ambiguous(entries) => {
            format!(
                "the keyring holds {} entries for this account",
                entries.len()
            )
        }
        other => format!("the keyring failed: {other}"),
    })
}

#[cfg(target_os = "linux")]
fn precheck() -> Result<(), KeyringError> {
    let has_address = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    let has_socket =
        std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    if has_address || has_socket {
        Ok(())
    } else {
        Err(KeyringError(
            "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)".into(),
        ))
    }
}

#[cfg(not(target_os = "linux"))]
fn precheck() -> Result<(), KeyringError> {
    Ok(())
}

#[cfg(target_os = "linux")]
fn open_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn open_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(windows)]
fn open_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn open_store() -> keyring_core::Result<std::sync::Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

/// `credentials.toml`: keys in plain text, mode 0600, written atomically.
pub struct FileStore {
    path: PathBuf,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CredentialsFile {
    #[serde(default)]
    keys: BTreeMap<String, String>,
}

impl FileStore {
    pub fn new(config_dir: &Path) -> Self {
        Self {
            path: config_dir.join(CREDENTIALS_FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn load(&self) -> io::Result<CredentialsFile> {
        match fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "{} is not valid TOML: {}",
                        self.path.display(),
                        e.message().trim()
                    ),
                )
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(CredentialsFile::default()),
            Err(e) => Err(e),
        }
    }

    fn save(&self, file: &CredentialsFile) -> io::Result<()> {
        if file.keys.is_empty() {
            return match fs::remove_file(&self.path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        let mut text = String::from(
            "# Written by skene: API keys in plain text, because no OS keyring was usable.\n# Keep this file private (mode 0600); `skene logout` removes entries.\n",
        );
        text.push_str(&toml::to_string(file).map_err(io::Error::other)?);
        fsutil::write_atomic(&self.path, text.as_bytes(), 0o600)
    }

    pub fn get(&self, account: &str) -> io::Result<Option<ApiKey>> {
        Ok(self.load()?.keys.get(account).cloned().map(ApiKey::new))
    }

    pub fn set(&self, account: &str, key: &ApiKey) -> io::Result<()> {
        let mut file = self.load()?;
        file.keys
            .insert(account.to_owned(), key.expose().to_owned());
        self.save(&file)
    }

    /// Deletes the entry; `Ok(false)` when there was none.
    pub fn delete(&self, account: &str) -> io::Result<bool> {
        let mut file = self.load()?;
        let existed = file.keys.remove(account).is_some();
        if existed {
            self.save(&file)?;
        }
        Ok(existed)
    }

    pub fn readable_by_others(&self) -> bool {
        fsutil::readable_by_others(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_store_round_trip_and_cleanup() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileStore::new(dir.path());
        let key = ApiKey::new("sk_ws_file_store_test_0001");
        store.set("a@h", &key).unwrap();
        store.set("b@h", &ApiKey::new("sk_ws_other")).unwrap();
        assert_eq!(store.get("a@h").unwrap(), Some(key));
        assert!(!store.readable_by_others());
        assert!(store.delete("a@h").unwrap());
        assert!(!store.delete("a@h").unwrap());
        assert!(store.delete("b@h").unwrap());
        assert!(
            !store.path().exists(),
            "an empty credentials file is removed"
        );
    }
}
