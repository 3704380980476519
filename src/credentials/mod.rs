//! Where keys live: the OS keyring, or `credentials.toml` (mode 0600) when no
//! keyring is usable; and which key a command uses ([`resolve`]). Nothing here
//! prints: what a user should hear comes back as notices.

pub mod file;
pub mod keyring;
#[cfg(test)]
pub mod memory;
pub mod resolve;

use std::fmt;

pub use self::file::FileStore;
pub use self::keyring::{KeyringError, KeyringStore};
pub use self::resolve::{KeySource, Notice, Resolved};
use crate::secret::ApiKey;
pub use crate::settings::StoreKind;
use crate::settings::lock::ConfigLock;

/// The keyring service name under which every skene key is stored.
pub const SERVICE: &str = "skene";

/// Accounts that hold a workspace's proxy secret (`skene agent secret set`), not
/// an API key: no profile refers to them, and they are no leftovers.
pub const PROXY_SECRET_ACCOUNT_PREFIX: &str = "proxy-secret:";

/// Why a store could not be used.
#[derive(Debug)]
pub enum StoreError {
    Keyring(KeyringError),
    File {
        path: std::path::PathBuf,
        error: std::io::Error,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Keyring(e) => write!(f, "{e}"),
            StoreError::File { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for StoreError {}

/// A place that keeps keys by account (profile) name.
pub trait Store: Send + Sync {
    fn kind(&self) -> StoreKind;
    /// A human name: "OS keyring (Secret Service)", or the file's path.
    fn describe(&self) -> String;
    fn get(&self, account: &str) -> Result<Option<ApiKey>, StoreError>;
    /// Stores a key; `label` is what a keyring manager shows for it.
    fn set(
        &self,
        lock: &ConfigLock,
        account: &str,
        key: &ApiKey,
        label: &str,
    ) -> Result<(), StoreError>;
    /// Deletes the entry; `Ok(false)` when there was none.
    fn delete(&self, lock: &ConfigLock, account: &str) -> Result<bool, StoreError>;
    /// Every account this store holds a skene key for.
    fn accounts(&self) -> Result<Vec<String>, StoreError>;
    /// Why the keys here may be seen by others, if they may.
    fn exposure(&self) -> Option<String> {
        None
    }
}

/// The two stores a profile can name.
pub struct Stores {
    pub keyring: Box<dyn Store>,
    pub file: Box<dyn Store>,
}

impl Stores {
    /// The platform keyring and `credentials.toml` in `config_dir`.
    pub fn system(config_dir: &std::path::Path) -> Self {
        Self {
            keyring: Box::new(KeyringStore::new(config_dir)),
            file: Box::new(FileStore::new(config_dir)),
        }
    }

    pub fn get(&self, kind: StoreKind) -> &dyn Store {
        match kind {
            StoreKind::Keyring => self.keyring.as_ref(),
            StoreKind::File => self.file.as_ref(),
        }
    }

    /// Deletes `account` from the store of `kind`.
    pub fn delete(
        &self,
        lock: &ConfigLock,
        kind: StoreKind,
        account: &str,
    ) -> Result<bool, StoreError> {
        self.get(kind).delete(lock, account)
    }

    pub fn all(&self) -> [&dyn Store; 2] {
        [self.keyring.as_ref(), self.file.as_ref()]
    }
}

/// What earlier runs left behind: keys no profile refers to (a crash between
/// writes, an old version) and temporary files of interrupted writes.
#[derive(Debug, Default)]
pub struct Leftovers {
    pub keys: Vec<(StoreKind, String)>,
    pub temp_files: Vec<std::path::PathBuf>,
}

impl Leftovers {
    /// Looks in both stores and the config directory. A store that cannot list its
    /// entries (no keyring) is skipped.
    pub fn find(
        stores: &Stores,
        profiles: &crate::settings::UserConfig,
        config_dir: &std::path::Path,
    ) -> Self {
        let mut keys = Vec::new();
        for store in stores.all() {
            for account in store.accounts().unwrap_or_default() {
                if !profiles.profiles.contains_key(&account)
                    && !account.starts_with(PROXY_SECRET_ACCOUNT_PREFIX)
                {
                    keys.push((store.kind(), account));
                }
            }
        }
        Self {
            keys,
            temp_files: crate::fsutil::stale_temp_files(config_dir),
        }
    }

    /// Removes them; returns how many keys and files were removed.
    pub fn remove(&self, stores: &Stores, lock: &ConfigLock) -> (usize, usize) {
        let keys = self
            .keys
            .iter()
            .filter(|(kind, account)| stores.delete(lock, *kind, account).unwrap_or(false))
            .count();
        let files = self
            .temp_files
            .iter()
            .filter(|p| std::fs::remove_file(p).is_ok())
            .count();
        (keys, files)
    }
}
