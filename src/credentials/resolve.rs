//! Which key a command sends, and to where it may be sent.
//!
//! First hit wins: `SKENE_API_KEY`, `SKENE_UPSTREAM_API_KEY`, the selected
//! profile's stored key, a project's plaintext `upstream_api_key`. A stored key
//! is sent only to the API base it was stored for.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::{Store, StoreKind, Stores, keyring};
use crate::api::{KeyProvider, Upstream};
use crate::error::{CliError, KeyOrigin};
use crate::secret::ApiKey;
use crate::settings::{Endpoint, Profile, Settings, Target, env};

/// Where the key in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    Env(&'static str),
    Store(StoreKind),
    Project(PathBuf),
}

impl KeySource {
    pub fn describe(&self) -> String {
        match self {
            KeySource::Env(var) => format!("environment ({var})"),
            KeySource::Store(StoreKind::Keyring) => keyring::name().to_owned(),
            KeySource::Store(StoreKind::File) => "credentials file".to_owned(),
            KeySource::Project(path) => format!("project config ({})", path.display()),
        }
    }

    /// Where the key came from, as the advice for a refused key needs it.
    pub fn origin(&self) -> KeyOrigin {
        match self {
            KeySource::Env(var) => KeyOrigin::Env(var),
            KeySource::Store(_) => KeyOrigin::Login,
            KeySource::Project(path) => KeyOrigin::ProjectFile(path.clone()),
        }
    }

    pub fn tag(&self) -> &'static str {
        match self {
            KeySource::Env(_) => "env",
            KeySource::Store(kind) => kind.as_str(),
            KeySource::Project(_) => "project-config",
        }
    }
}

/// Something the user should hear about the key in use; printed by the command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Warning(String),
    Hint(String),
}

/// The key a command uses, where it came from, and what to tell the user.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub key: ApiKey,
    pub source: KeySource,
    /// The saved profile the key came from.
    pub profile: Option<(String, Profile)>,
    /// The only API base the key may be sent to; `None` for a key from the
    /// environment, which goes wherever the command points.
    pub bound_to: Option<String>,
    pub notices: Vec<Notice>,
}

impl Resolved {
    /// Refuses to send the key anywhere but the server it was stored for.
    pub fn check_destination(&self, endpoint: &Endpoint) -> Result<(), CliError> {
        let Some(bound) = &self.bound_to else {
            return Ok(());
        };
        let whose = match (&self.profile, &self.source) {
            (Some((name, _)), _) => format!("the key stored for {name}"),
            (None, source) => format!("the key from {}", source.describe()),
        };
        if !endpoint.is_base(bound) {
            return Err(CliError::auth(format!(
                "refusing to send {whose} to {} (from {}): it was saved for {bound}",
                endpoint.base(),
                endpoint.source,
            ))
            .hint(format!(
                "run `skene login --api-url {}` to log in there",
                endpoint.base()
            ))
            .hint("or pass a key meant for that server in SKENE_API_KEY"));
        }
        if let Some((name, _)) = &self.profile
            && !name_matches_base(name, bound)
        {
            return Err(CliError::auth(format!(
                "profile {name} now points at {bound}, not the server its key was stored for"
            ))
            .hint("config.toml was changed by hand or by someone else; run `skene login` again"));
        }
        Ok(())
    }
}

/// The key from the environment, if one is set.
pub fn env_key() -> Option<(ApiKey, &'static str)> {
    env::KEY_VARS.iter().find_map(|var| {
        env::get(var)
            .filter(|v| !v.trim().is_empty())
            .map(|v| (ApiKey::new(v.trim()), *var))
    })
}

/// Whether a profile name (`slug@host[:port]`, also the keyring account) was made
/// for `api_base`: a profile edited to point elsewhere gets no key sent.
pub fn name_matches_base(name: &str, api_base: &str) -> bool {
    let Ok(url) = url::Url::parse(api_base) else {
        return false;
    };
    // Built as the name was: the host reduced to plain characters.
    let suffix =
        crate::settings::profiles::host_suffix(url.host_str().unwrap_or("unknown"), url.port());
    name.ends_with(&suffix)
}

/// Finds the key for `target`. `Ok(None)` when there is none at all.
pub fn resolve(
    settings: &Settings,
    target: &Target,
    stores: &Stores,
) -> Result<Option<Resolved>, CliError> {
    resolve_with(settings, target, stores, env_key())
}

/// [`resolve`] with the environment's key given.
fn resolve_with(
    settings: &Settings,
    target: &Target,
    stores: &Stores,
    from_env: Option<(ApiKey, &'static str)>,
) -> Result<Option<Resolved>, CliError> {
    let mut notices = Vec::new();
    if let Some((key, var)) = from_env {
        return Ok(Some(Resolved {
            key,
            source: KeySource::Env(var),
            profile: None,
            bound_to: None,
            notices,
        }));
    }
    let mut missing = None;
    if let Some((name, profile)) = &target.profile {
        match load(stores.get(profile.store), name, &mut notices)? {
            Some(key) => {
                return Ok(Some(Resolved {
                    key,
                    source: KeySource::Store(profile.store),
                    profile: Some((name.clone(), profile.clone())),
                    bound_to: Some(profile.api_base.clone()),
                    notices,
                }));
            }
            None => {
                missing = Some(format!(
                    "the key of profile {name} is missing from the {}",
                    KeySource::Store(profile.store).describe()
                ));
            }
        }
    }
    if let Some(project) = settings.project()?
        && let Some(key) = &project.api_key
    {
        let bound = project
            .upstream
            .as_deref()
            .and_then(|u| Upstream::parse(u).ok())
            .map(|u| u.api_base())
            .unwrap_or_else(|| crate::api::DEFAULT_API_BASE.to_owned());
        if let Some(m) = missing {
            notices.push(Notice::Warning(format!("{m}; run `skene login` again")));
        }
        notices.push(Notice::Warning(format!(
            "using the plaintext upstream_api_key from {}",
            project.path.display()
        )));
        notices.push(Notice::Hint(
            "run `skene login` to keep the key in the OS keyring, then remove it from that file"
                .into(),
        ));
        return Ok(Some(Resolved {
            key: key.clone(),
            source: KeySource::Project(project.path.clone()),
            profile: None,
            bound_to: Some(bound),
            notices,
        }));
    }
    match missing {
        Some(m) => Err(CliError::auth(m)
            .hint("run `skene login` again, or set SKENE_API_KEY for scripts and CI")),
        None => Ok(None),
    }
}

/// Reads a profile's key from its store.
fn load(
    store: &dyn Store,
    name: &str,
    notices: &mut Vec<Notice>,
) -> Result<Option<ApiKey>, CliError> {
    if let Some(warning) = store.exposure() {
        notices.push(Notice::Warning(warning));
    }
    store.get(name).map_err(|e| {
        CliError::auth(format!(
            "cannot read the key of profile {name} from the {}: {e}",
            KeySource::Store(store.kind()).describe()
        ))
        .hint("unlock the keyring, log in again with `skene login`, or set SKENE_API_KEY")
    })
}

/// A key that never changes (a command's whole run).
#[derive(Debug, Clone)]
pub struct FixedKey(pub ApiKey);

impl KeyProvider for FixedKey {
    fn key(&self) -> Option<ApiKey> {
        Some(self.0.clone())
    }
}

/// A profile's key, read again from its store after the server rejected it (it may
/// have been rotated by `skene login`): for long-running processes (the agent).
pub struct StoredKey {
    stores: Arc<Stores>,
    kind: StoreKind,
    account: String,
    current: Mutex<Option<ApiKey>>,
}

impl std::fmt::Debug for StoredKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredKey")
            .field("kind", &self.kind)
            .field("account", &self.account)
            .finish()
    }
}

impl StoredKey {
    pub fn new(stores: Arc<Stores>, kind: StoreKind, account: String, key: ApiKey) -> Self {
        Self {
            stores,
            kind,
            account,
            current: Mutex::new(Some(key)),
        }
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<ApiKey>> {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl KeyProvider for StoredKey {
    fn key(&self) -> Option<ApiKey> {
        self.slot().clone()
    }

    fn reload(&self) -> bool {
        let Ok(Some(fresh)) = self.stores.get(self.kind).get(&self.account) else {
            return false;
        };
        let mut slot = self.slot();
        let changed = slot.as_ref() != Some(&fresh);
        *slot = Some(fresh);
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::memory::MemoryStore;
    use crate::settings::{ColorChoice, Endpoint, Flags, Source, Sourced, UserConfig, target};

    fn settings(dir: &std::path::Path) -> Settings {
        Settings::new(Flags {
            upstream: None,
            api_url: None,
            workspace: None,
            json: false,
            quiet: false,
            verbose: 0,
            no_input: Sourced::new(true, Source::Flag("--no-input")),
            color: ColorChoice::Never,
            project_dir: dir.to_path_buf(),
            http_timeout: None,
        })
    }

    fn profile(base: &str, store: StoreKind) -> Profile {
        Profile {
            workspace: "w".into(),
            workspace_name: None,
            upstream: format!("{}/workspace/w", base.trim_end_matches("/api/v1")),
            api_base: base.into(),
            user_email: None,
            user_name: None,
            role: None,
            key_id: None,
            key_prefix: None,
            store,
        }
    }

    fn stores() -> (Stores, Arc<MemoryStore>) {
        let file = Arc::new(MemoryStore::new(StoreKind::File));
        (
            Stores {
                keyring: Box::new(MemoryStore::new(StoreKind::Keyring)),
                file: Box::new(ArcStore(file.clone())),
            },
            file,
        )
    }

    /// A shared memory store, so that a test can change it behind `Stores`.
    struct ArcStore(Arc<MemoryStore>);

    impl Store for ArcStore {
        fn kind(&self) -> StoreKind {
            self.0.kind()
        }
        fn describe(&self) -> String {
            self.0.describe()
        }
        fn get(&self, a: &str) -> Result<Option<ApiKey>, super::super::StoreError> {
            self.0.get(a)
        }
        fn set(
            &self,
            l: &crate::settings::lock::ConfigLock,
            a: &str,
            k: &ApiKey,
            label: &str,
        ) -> Result<(), super::super::StoreError> {
            self.0.set(l, a, k, label)
        }
        fn delete(
            &self,
            l: &crate::settings::lock::ConfigLock,
            a: &str,
        ) -> Result<bool, super::super::StoreError> {
            self.0.delete(l, a)
        }
        fn accounts(&self) -> Result<Vec<String>, super::super::StoreError> {
            self.0.accounts()
        }
    }

    const BASE: &str = "http://127.0.0.1:9/api/v1";

    fn config_with(name: &str, p: Profile) -> UserConfig {
        let mut cfg = UserConfig::default();
        cfg.profiles.insert(name.into(), p);
        cfg.active = Some(name.into());
        cfg
    }

    #[test]
    fn the_environment_wins_and_goes_to_the_active_profiles_server() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let cfg = config_with("w@127.0.0.1:9", profile(BASE, StoreKind::File));
        let target = target::resolve(&s, &cfg).unwrap();
        assert_eq!(
            target.endpoint.base(),
            BASE,
            "the API base follows the profile"
        );
        let (st, _) = stores();
        let env = Some((ApiKey::new("sk_ws_env"), "SKENE_API_KEY"));
        let r = resolve_with(&s, &target, &st, env).unwrap().unwrap();
        assert_eq!(r.key.expose(), "sk_ws_env");
        assert_eq!(r.source, KeySource::Env("SKENE_API_KEY"));
    }

    #[test]
    fn a_stored_key_is_found_and_bound_to_its_server() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let name = "w@127.0.0.1:9";
        let cfg = config_with(name, profile(BASE, StoreKind::File));
        let (st, file) = stores();
        file.insert(name, "sk_ws_stored");
        let target = target::resolve(&s, &cfg).unwrap();
        let r = resolve_with(&s, &target, &st, None).unwrap().unwrap();
        assert_eq!(r.key.expose(), "sk_ws_stored");
        r.check_destination(&target.endpoint).unwrap();
        assert_eq!(r.profile.unwrap().0, name);

        // The same profile, but the command points elsewhere: no key is sent.
        let other = Target {
            endpoint: Endpoint::from_base(
                "http://127.0.0.1:10/api/v1",
                None,
                Source::Flag("--api-url"),
            )
            .unwrap(),
            profile: target.profile.clone(),
        };
        let r = resolve_with(&s, &other, &st, None).unwrap().unwrap();
        let e = r.check_destination(&other.endpoint).unwrap_err();
        assert!(e.message.starts_with("refusing to send"), "{}", e.message);

        // A profile edited to point at another server than its name says.
        let moved = config_with(name, profile("http://127.0.0.1:10/api/v1", StoreKind::File));
        let target = target::resolve(&s, &moved).unwrap();
        let r = resolve_with(&s, &target, &st, None).unwrap().unwrap();
        let e = r.check_destination(&target.endpoint).unwrap_err();
        assert!(
            e.message.contains("not the server its key was stored for"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_missing_stored_key_is_said() {
        let dir = tempfile::tempdir().unwrap();
        let s = settings(dir.path());
        let cfg = config_with("w@127.0.0.1:9", profile(BASE, StoreKind::Keyring));
        let (st, _) = stores();
        let target = target::resolve(&s, &cfg).unwrap();
        let e = resolve_with(&s, &target, &st, None).unwrap_err();
        assert!(e.message.contains("is missing from the"), "{}", e.message);
        let none = target::resolve(&s, &UserConfig::default()).unwrap();
        assert!(resolve_with(&s, &none, &st, None).unwrap().is_none());
    }

    #[test]
    fn a_stored_key_is_read_again_after_a_rotation() {
        let (st, file) = stores();
        file.insert("a@h", "sk_ws_old");
        let st = Arc::new(st);
        let key = StoredKey::new(st, StoreKind::File, "a@h".into(), ApiKey::new("sk_ws_old"));
        assert!(!key.reload(), "unchanged");
        file.insert("a@h", "sk_ws_new");
        assert!(key.reload());
        assert_eq!(key.key().unwrap().expose(), "sk_ws_new");
    }

    #[test]
    fn names_are_bound_to_their_host() {
        assert!(name_matches_base(
            "a@www.skene.ai",
            "https://www.skene.ai/api/v1"
        ));
        assert!(name_matches_base(
            "a@127.0.0.1:8080",
            "http://127.0.0.1:8080/api/v1"
        ));
        assert!(!name_matches_base(
            "a@127.0.0.1:8080",
            "http://127.0.0.1:9/api/v1"
        ));
        assert!(!name_matches_base(
            "a@www.skene.ai",
            "https://evil.example/api/v1"
        ));
        assert!(!name_matches_base("a@www.skene.ai", "not a url"));
    }

    #[test]
    fn names_made_from_ipv6_and_long_hosts_match_their_base() {
        use crate::settings::profiles::profile_name;
        for base in [
            "http://[::1]:8080/api/v1".to_owned(),
            "http://[::1]/api/v1".to_owned(),
            format!("https://{}.example/api/v1", "h".repeat(100)),
        ] {
            let url = url::Url::parse(&base).unwrap();
            let name = profile_name("my-app", url.host_str().unwrap(), url.port());
            assert!(name_matches_base(&name, &base), "{name} for {base}");
            assert!(
                !name_matches_base(&name, "http://[::2]:8080/api/v1"),
                "{name}"
            );
        }
    }
}
