//! A store in memory, for tests of what sits on top of stores.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::{Store, StoreError, StoreKind};
use crate::secret::ApiKey;
use crate::settings::lock::ConfigLock;

#[derive(Debug, Default)]
pub struct MemoryStore {
    kind: Option<StoreKind>,
    keys: Mutex<BTreeMap<String, String>>,
}

impl MemoryStore {
    /// An empty store that says it is of `kind`.
    pub fn new(kind: StoreKind) -> Self {
        Self {
            kind: Some(kind),
            keys: Mutex::default(),
        }
    }

    /// Puts a key without a lock (test setup).
    pub fn insert(&self, account: &str, key: &str) {
        self.map().insert(account.to_owned(), key.to_owned());
    }

    fn map(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.keys
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Store for MemoryStore {
    fn kind(&self) -> StoreKind {
        self.kind.unwrap_or(StoreKind::File)
    }
    fn describe(&self) -> String {
        "memory store".into()
    }
    fn get(&self, account: &str) -> Result<Option<ApiKey>, StoreError> {
        Ok(self.map().get(account).map(ApiKey::new))
    }
    fn set(&self, _: &ConfigLock, account: &str, key: &ApiKey, _: &str) -> Result<(), StoreError> {
        self.insert(account, key.expose());
        Ok(())
    }
    fn delete(&self, _: &ConfigLock, account: &str) -> Result<bool, StoreError> {
        Ok(self.map().remove(account).is_some())
    }
    fn accounts(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map().keys().cloned().collect())
    }
}
