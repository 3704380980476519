//! The platform keyring (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), every call bounded by [`TIMEOUT`].

use std::collections::HashMap;
use std::fmt;
use std::sync::mpsc;
use std::time::Duration;

use super::{SERVICE, Store, StoreError, StoreKind};
use crate::secret::ApiKey;
use crate::settings::env;
use crate::settings::lock::ConfigLock;

/// How long a keyring call may take before the keyring counts as unusable.
pub const TIMEOUT: Duration = Duration::from_secs(3);

/// Why the keyring could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyringError {
    /// Linux: no D-Bus session bus to reach a Secret Service on.
    NoBus,
    /// Linux: the session bus's address leads nowhere.
    BusUnreachable(String),
    /// A bus, but no keyring service answered on it.
    NoService(String),
    /// The keyring refused access (locked, or access denied).
    Locked(String),
    /// The keyring did not answer in time (a hung service, a prompt nobody sees).
    Timeout,
    /// Several entries match one account.
    Ambiguous(usize),
    /// This keyring cannot list its entries.
    CannotList,
    Other(String),
}

impl fmt::Display for KeyringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyringError::NoBus => {
                f.write_str("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
            }
            KeyringError::BusUnreachable(detail) => {
                write!(f, "the D-Bus session bus cannot be reached ({detail})")
            }
            KeyringError::NoService(_) if cfg!(target_os = "linux") => f.write_str(
                "no Secret Service answered (is gnome-keyring or KeePassXC running and unlocked?)",
            ),
            KeyringError::NoService(detail) => write!(f, "the keyring is not available: {detail}"),
            KeyringError::Locked(detail) => {
                write!(f, "the keyring refused access (is it locked?): {detail}")
            }
            KeyringError::Timeout => write!(
                f,
                "the keyring did not answer within {} s",
                TIMEOUT.as_secs()
            ),
            KeyringError::Ambiguous(n) => {
                write!(f, "the keyring holds {n} entries for this account")
            }
            KeyringError::CannotList => f.write_str("this keyring cannot list its entries"),
            KeyringError::Other(detail) => write!(f, "the keyring failed: {detail}"),
        }
    }
}

impl std::error::Error for KeyringError {}

impl From<KeyringError> for StoreError {
    fn from(e: KeyringError) -> Self {
        StoreError::Keyring(e)
    }
}

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

/// The platform keyring as a [`Store`].
///
/// Entries are found by service `skene` and username (the profile name). On the
/// Secret Service each entry also carries a `skene_scope` attribute naming the
/// config directory that stored it, so that listing (to clean up keys no profile
/// refers to) never touches what another config directory stored.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    scope: String,
}

/// The attribute that ties a Secret Service entry to one config directory.
const SCOPE_ATTRIBUTE: &str = "skene_scope";

impl KeyringStore {
    pub fn new(config_dir: &std::path::Path) -> Self {
        use sha2::Digest;
        let path = std::path::absolute(config_dir).unwrap_or_else(|_| config_dir.to_path_buf());
        let digest = sha2::Sha256::digest(path.to_string_lossy().as_bytes());
        Self {
            scope: digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

impl Store for KeyringStore {
    fn kind(&self) -> StoreKind {
        StoreKind::Keyring
    }

    fn describe(&self) -> String {
        name().to_owned()
    }

    fn get(&self, account: &str) -> Result<Option<ApiKey>, StoreError> {
        match run(entry_op(account, None, |e| e.get_password()))? {
            Ok(secret) => Ok(Some(ApiKey::new(secret))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(e).into()),
        }
    }

    fn set(
        &self,
        _lock: &ConfigLock,
        account: &str,
        key: &ApiKey,
        label: &str,
    ) -> Result<(), StoreError> {
        let secret = key.expose().to_owned();
        let scope = self.scope.clone();
        run(entry_op(account, Some(label), move |e| {
            e.set_password(&secret)?;
            if cfg!(target_os = "linux") {
                // Best effort: without it the entry is only never listed as a leftover.
                let _ = e.update_attributes(&HashMap::from([(SCOPE_ATTRIBUTE, scope.as_str())]));
            }
            Ok(())
        }))?
        .map_err(|e| describe(e).into())
    }

    fn delete(&self, _lock: &ConfigLock, account: &str) -> Result<bool, StoreError> {
        match run(entry_op(account, None, |e| e.delete_credential()))? {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(describe(e).into()),
        }
    }

    fn accounts(&self) -> Result<Vec<String>, StoreError> {
        let scope = self.scope.clone();
        let found = run(move || {
            let store = open_store()?;
            let spec = HashMap::from([("service", SERVICE), (SCOPE_ATTRIBUTE, scope.as_str())]);
            let entries = keyring_core::Entry::search_in_store(&store, &spec)?;
            Ok(entries
                .iter()
                .filter_map(|e| e.get_specifiers())
                .filter(|(service, _)| service == SERVICE)
                .map(|(_, user)| user)
                .collect::<Vec<_>>())
        })?;
        match found {
            Ok(mut accounts) => {
                accounts.sort();
                accounts.dedup();
                Ok(accounts)
            }
            Err(keyring_core::Error::NotSupportedByStore(_)) => {
                Err(KeyringError::CannotList.into())
            }
            Err(e) => Err(describe(e).into()),
        }
    }
}

/// An operation on the entry of `account` (with a label for a new item, where the
/// platform store takes one).
fn entry_op<T>(
    account: &str,
    label: Option<&str>,
    op: impl FnOnce(&keyring_core::Entry) -> keyring_core::Result<T> + Send + 'static,
) -> impl FnOnce() -> keyring_core::Result<T> + Send + 'static {
    let account = account.to_owned();
    let label = label.map(str::to_owned);
    move || {
        let store = open_store()?;
        let entry = match label.as_deref() {
            Some(label) if cfg!(target_os = "linux") => {
                let modifiers = HashMap::from([("label", label)]);
                keyring_core::Entry::new_in_store_with_modifiers(
                    &store, SERVICE, &account, &modifiers,
                )?
            }
            _ => keyring_core::Entry::new_in_store(&store, SERVICE, &account)?,
        };
        op(&entry)
    }
}

/// Runs `op` in a thread of its own so that a keyring that never answers costs at
/// most [`TIMEOUT`]. A timed-out thread is left behind; it ends with the process.
/// The outer error says the keyring could not be reached; the inner result is the
/// keyring's own answer.
fn run<T: Send + 'static>(
    op: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> Result<keyring_core::Result<T>, KeyringError> {
    precheck()?;
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keyring".into())
        .spawn(move || {
            let _ = tx.send(op());
        })
        .map_err(|e| KeyringError::Other(format!("cannot start a keyring thread: {e}")))?;
    rx.recv_timeout(TIMEOUT).map_err(|_| KeyringError::Timeout)
}

fn describe(err: keyring_core::Error) -> KeyringError {
    use keyring_core::Error as E;
    match err {
        E::NoStorageAccess(e) => KeyringError::Locked(e.to_string()),
        E::PlatformFailure(e) => {
            let detail = e.to_string();
            match detail.split_once("Failed to connect to address") {
                Some((_, rest)) => KeyringError::BusUnreachable(
                    rest.trim_start_matches([' ', '`'])
                        .replace('`', "")
                        .trim()
                        .to_owned(),
                ),
                None => KeyringError::NoService(detail),
            }
        }
        E::NoDefaultStore => KeyringError::NoService("no keyring on this platform".into()),
        E::Ambiguous(entries) => KeyringError::Ambiguous(entries.len()),
        other => KeyringError::Other(other.to_string()),
    }
}

#[cfg(target_os = "linux")]
fn precheck() -> Result<(), KeyringError> {
    let has_address = env::get_os(env::DBUS_SESSION_BUS_ADDRESS).is_some();
    let has_socket = env::get_os(env::XDG_RUNTIME_DIR)
        .is_some_and(|d| std::path::Path::new(&d).join("bus").exists());
    if has_address || has_socket {
        Ok(())
    } else {
        Err(KeyringError::NoBus)
    }
}

#[cfg(not(target_os = "linux"))]
fn precheck() -> Result<(), KeyringError> {
    let _ = env::DBUS_SESSION_BUS_ADDRESS;
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

#[cfg(test)]
mod tests {
    /// `skene -vV` names the store from build.rs, which mirrors the target-specific
    /// keyring dependencies: it must name the one this code opens.
    #[test]
    fn the_version_names_the_store_compiled_in() {
        let built = env!("SKENE_BUILD_KEYRING");
        let word = if cfg!(target_os = "macos") {
            "Keychain"
        } else if cfg!(windows) {
            "Credential Manager"
        } else if cfg!(target_os = "linux") {
            "Secret Service"
        } else {
            "none"
        };
        assert!(built.contains(word), "{built}");
        assert!(
            word == "none" || super::name().contains(word),
            "{}",
            super::name()
        );
    }
}
