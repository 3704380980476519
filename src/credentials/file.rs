//! `credentials.toml`: keys in plain text, mode 0600, written atomically, for when
//! no keyring is usable.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Store, StoreError, StoreKind};
use crate::fsutil;
use crate::secret::ApiKey;
use crate::settings::lock::ConfigLock;

pub const CREDENTIALS_FILE: &str = "credentials.toml";

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

    fn error(&self, error: io::Error) -> StoreError {
        StoreError::File {
            path: self.path.clone(),
            error,
        }
    }

    fn load(&self) -> Result<CredentialsFile, StoreError> {
        match fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text).map_err(|e| {
                self.error(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("not valid TOML: {}", e.message().trim()),
                ))
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(CredentialsFile::default()),
            Err(e) => Err(self.error(e)),
        }
    }

    fn save(&self, file: &CredentialsFile) -> Result<(), StoreError> {
        if file.keys.is_empty() {
            return match fs::remove_file(&self.path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(self.error(e)),
                _ => Ok(()),
            };
        }
        let mut text = String::from(
            "# Written by skene: API keys in plain text, because no OS keyring was usable.\n# Keep this file private (mode 0600); `skene logout` removes entries.\n",
        );
        text.push_str(&toml::to_string(file).map_err(|e| self.error(io::Error::other(e)))?);
        fsutil::write_atomic(&self.path, text.as_bytes(), 0o600).map_err(|e| self.error(e))
    }

    pub fn readable_by_others(&self) -> bool {
        fsutil::readable_by_others(&self.path)
    }
}

impl Store for FileStore {
    fn kind(&self) -> StoreKind {
        StoreKind::File
    }

    fn describe(&self) -> String {
        self.path().display().to_string()
    }

    fn get(&self, account: &str) -> Result<Option<ApiKey>, StoreError> {
        Ok(self.load()?.keys.get(account).map(ApiKey::new))
    }

    fn set(&self, _: &ConfigLock, account: &str, key: &ApiKey, _: &str) -> Result<(), StoreError> {
        let mut file = self.load()?;
        file.keys
            .insert(account.to_owned(), key.expose().to_owned());
        self.save(&file)
    }

    fn delete(&self, _: &ConfigLock, account: &str) -> Result<bool, StoreError> {
        let mut file = self.load()?;
        let existed = file.keys.remove(account).is_some();
        if existed {
            self.save(&file)?;
        }
        Ok(existed)
    }

    fn accounts(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.load()?.keys.into_keys().collect())
    }

    fn exposure(&self) -> Option<String> {
        self.readable_by_others().then(|| {
            format!(
                "{path} can be read by other users; run `chmod 600 {path}`",
                path = self.path.display()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_store_round_trip_and_cleanup() {
        let dir = tempfile::tempdir().unwrap();
        let lock = ConfigLock::acquire(dir.path()).unwrap();
        let store = FileStore::new(dir.path());
        let key = ApiKey::new("sk_ws_file_store_test_0001");
        store.set(&lock, "a@h", &key, "a").unwrap();
        store
            .set(&lock, "b@h", &ApiKey::new("sk_ws_other"), "b")
            .unwrap();
        assert_eq!(store.get("a@h").unwrap(), Some(key));
        assert_eq!(store.accounts().unwrap(), ["a@h", "b@h"]);
        assert!(!store.readable_by_others());
        assert!(store.delete(&lock, "a@h").unwrap());
        assert!(!store.delete(&lock, "a@h").unwrap());
        assert!(store.delete(&lock, "b@h").unwrap());
        assert!(
            !store.path().exists(),
            "an empty credentials file is removed"
        );
    }
}
