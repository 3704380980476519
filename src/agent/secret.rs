//! The workspace's proxy secret: what the ingest endpoint checks in
//! `x-skene-secret` (the secret pg_net's trigger would carry). Not an API key.
//!
//! Kept per workspace in a credential [`Store`] under the account
//! `proxy-secret:<workspace profile>` (the OS keyring, or `credentials.toml` when
//! no keyring is usable); `SKENE_PROXY_SECRET` overrides. Never on argv, never
//! printed, never in logs or status: this type's `Debug` shows nothing of it.

use std::fmt;

use crate::credentials::{KeyringError, Store, StoreError, StoreKind, Stores};
use crate::secret::ApiKey;
use crate::settings::env;
use crate::settings::lock::ConfigLock;

/// The prefix of every proxy-secret account in a store (never a profile name,
/// which has no `:` before its `@`).
pub const ACCOUNT_PREFIX: &str = crate::credentials::PROXY_SECRET_ACCOUNT_PREFIX;

#[derive(Clone, PartialEq, Eq)]
pub struct ProxySecret(String);

impl ProxySecret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the header and the store only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Checks what a user typed or piped.
    pub fn check(&self) -> Result<(), &'static str> {
        if self.0.is_empty() {
            return Err("the proxy secret is empty");
        }
        if self
            .0
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii())
        {
            return Err(
                "the proxy secret holds spaces, control or non-ASCII characters (it travels in an HTTP header)",
            );
        }
        Ok(())
    }
}

impl fmt::Debug for ProxySecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProxySecret(***)")
    }
}

/// The store account of a workspace's secret.
pub fn account(workspace: &str) -> String {
    format!("{ACCOUNT_PREFIX}{workspace}")
}

/// Where the secret in use comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Env,
    Store(StoreKind),
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::Env => format!("environment ({})", env::PROXY_SECRET),
            Origin::Store(StoreKind::Keyring) => crate::credentials::keyring::name().to_owned(),
            Origin::Store(StoreKind::File) => "credentials file".to_owned(),
        }
    }
}

/// Reads a workspace's secret: the environment, then the keyring, then the file.
pub struct SecretLookup {
    stores: Stores,
    account: String,
}

impl SecretLookup {
    pub fn new(stores: Stores, workspace: &str) -> Self {
        Self {
            stores,
            account: account(workspace),
        }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// The secret and where it came from; `Ok(None)` when there is none. A store
    /// that cannot be read is an error only when no other store has the secret.
    pub fn find(&self) -> Result<Option<(ProxySecret, Origin)>, String> {
        if let Some(s) = env::get(env::PROXY_SECRET) {
            return Ok(Some((ProxySecret::new(s.trim()), Origin::Env)));
        }
        let mut failure = None;
        for store in self.stores.all() {
            match store.get(&self.account) {
                Ok(Some(key)) => {
                    return Ok(Some((
                        ProxySecret::new(key.expose()),
                        Origin::Store(store.kind()),
                    )));
                }
                Ok(None) => {}
                // No keyring on this machine: the normal case for the file fallback.
                Err(StoreError::Keyring(
                    KeyringError::NoBus
                    | KeyringError::BusUnreachable(_)
                    | KeyringError::NoService(_),
                )) => {}
                Err(e) => failure = Some(format!("{}: {e}", store.describe())),
            }
        }
        match failure {
            Some(f) => Err(f),
            None => Ok(None),
        }
    }

    /// Stores `secret` in `store`, then removes it from the other store (one place).
    pub fn save(
        &self,
        store: &dyn Store,
        lock: &ConfigLock,
        secret: &ProxySecret,
        label: &str,
    ) -> Result<(), StoreError> {
        store.set(lock, &self.account, &ApiKey::new(secret.expose()), label)?;
        for other in self.stores.all() {
            if other.kind() != store.kind() {
                let _ = other.delete(lock, &self.account);
            }
        }
        Ok(())
    }

    /// Deletes it everywhere; the stores that held it.
    pub fn delete(&self, lock: &ConfigLock) -> Vec<StoreKind> {
        self.stores
            .all()
            .iter()
            .filter(|s| s.delete(lock, &self.account).unwrap_or(false))
            .map(|s| s.kind())
            .collect()
    }

    pub fn stores(&self) -> &Stores {
        &self.stores
    }
}

impl super::events::SecretSource for SecretLookup {
    fn current(&self) -> Result<Option<ProxySecret>, String> {
        self.find().map(|found| found.map(|(s, _)| s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::memory::MemoryStore;

    #[test]
    fn the_secret_never_shows_and_is_checked() {
        let s = ProxySecret::new("psk_abcdef");
        assert_eq!(format!("{s:?}"), "ProxySecret(***)");
        assert!(s.check().is_ok());
        assert!(ProxySecret::new("").check().is_err());
        assert!(ProxySecret::new("a b").check().is_err());
        assert!(ProxySecret::new("a\u{1b}").check().is_err());
    }

    #[test]
    fn stores_are_read_keyring_first_and_accounts_are_prefixed() {
        let keyring = MemoryStore::new(StoreKind::Keyring);
        let file = MemoryStore::new(StoreKind::File);
        file.insert("proxy-secret:w@h", "from-file");
        let lookup = SecretLookup::new(
            Stores {
                keyring: Box::new(keyring),
                file: Box::new(file),
            },
            "w@h",
        );
        assert_eq!(lookup.account(), "proxy-secret:w@h");
        let (s, origin) = lookup.find().unwrap().unwrap();
        assert_eq!(s.expose(), "from-file");
        assert_eq!(origin, Origin::Store(StoreKind::File));
    }
}
