//! One module per command; [`dispatch`] runs the one clap parsed. [`Context`]
//! resolves settings once, in layers, and decides whether prompting is allowed.

pub mod auth;
pub mod bundle_args;
pub mod call;
pub mod chat;
pub mod completions;
pub mod integrations;
pub mod keys;
pub mod login;
pub mod logout;
pub mod members;
pub mod push;
pub mod validate;

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::ArgMatches;
use clap::parser::ValueSource;
use reqwest::Url;

use crate::api::{self, ApiError, Client, Upstream};
use crate::cli::{Command, GlobalArgs};
use crate::config::{Profile, ProjectConfig, UserConfig};
use crate::credentials::{FileStore, Keyring, StoreKind};
use crate::error::CliError;
use crate::output::Printer;
use crate::secret::ApiKey;

/// The project directory a command works on: its PATH argument, or `.`.
pub fn project_dir(command: &Command) -> PathBuf {
    match command {
        Command::Push(args) => args.bundle.path.clone(),
        Command::Validate(args) => args.bundle.path.clone(),
        _ => PathBuf::from("."),
    }
}

pub fn dispatch(ctx: &Context, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Login(args) => login::run(ctx, args),
        Command::Logout(args) => logout::run(ctx, args),
        Command::Auth(cmd) => auth::run(ctx, cmd),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Push(args) => push::run(ctx, args),
        Command::Members(cmd) => members::run(ctx, cmd),
        Command::Keys(cmd) => keys::run(ctx, cmd),
        Command::Integrations(cmd) => integrations::run(ctx, cmd),
        Command::Chat(args) => chat::run(ctx, args),
        Command::Models(args) => chat::models(ctx, args),
        Command::Api(args) => call::run(ctx, args),
        Command::Validate(args) => validate::run(ctx, args),
    }
}

/// Where a setting came from, for messages such as "API base (from SKENE_API_URL)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag(&'static str),
    Env(&'static str),
    Project(PathBuf),
    Profile(String),
    Default,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::Env(var) => write!(f, "{var}"),
            Origin::Project(path) => write!(f, "{}", path.display()),
            Origin::Profile(name) => write!(f, "profile {name}"),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// Which API base requests go to, and the workspace URL it belongs to.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub api_base: Url,
    pub upstream: Upstream,
    pub origin: Origin,
}

impl Endpoint {
    fn from_base(raw: &str, upstream: Option<Upstream>, origin: Origin) -> anyhow::Result<Self> {
        let api_base = api::check_base_url(raw).map_err(|e| url_error(e, &origin))?;
        let mut up = Upstream::from_api_base(&api_base);
        up.slug = upstream.and_then(|u| u.slug);
        Ok(Self {
            api_base,
            upstream: up,
            origin,
        })
    }

    fn from_upstream(raw: &str, origin: Origin) -> anyhow::Result<Self> {
        let upstream = Upstream::parse(raw).map_err(|e| url_error(e, &origin))?;
        Self::from_base(&upstream.api_base(), Some(upstream), origin)
    }

    pub fn default_cloud() -> Self {
        Self::from_base(api::DEFAULT_API_BASE, None, Origin::Default)
            .expect("the default API base is valid")
    }

    /// The API base as a string without a trailing slash.
    pub fn base(&self) -> String {
        self.api_base.as_str().trim_end_matches('/').to_owned()
    }
}

fn url_error(err: ApiError, origin: &Origin) -> anyhow::Error {
    anyhow::Error::new(err).context(format!("invalid URL in {origin}"))
}

pub fn same_base(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

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
            KeySource::Store(StoreKind::Keyring) => Keyring::name().to_owned(),
            KeySource::Store(StoreKind::File) => "credentials file".to_owned(),
            KeySource::Project(path) => format!("project config ({})", path.display()),
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

/// A key and everything known about where it came from.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub key: ApiKey,
    pub source: KeySource,
    /// The saved profile the key belongs to, when it came from a store.
    pub profile: Option<(String, Profile)>,
    /// The only API base this key may be sent to; `None` for keys from the environment.
    pub bound_to: Option<String>,
}

pub const KEY_ENV_VARS: [&str; 2] = ["SKENE_API_KEY", "SKENE_UPSTREAM_API_KEY"];

pub struct Context {
    pub printer: Printer,
    pub global: GlobalArgs,
    api_url_origin: Origin,
    upstream_origin: Origin,
    config_dir: OnceCell<PathBuf>,
    project_dir: PathBuf,
    project: OnceCell<Option<ProjectConfig>>,
}

fn origin_of(matches: &ArgMatches, id: &str, flag: &'static str, env: &'static str) -> Origin {
    match matches.value_source(id) {
        Some(ValueSource::EnvVariable) => Origin::Env(env),
        _ => Origin::Flag(flag),
    }
}

fn truthy(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| {
        let v = v.trim().to_ascii_lowercase();
        !(v.is_empty() || v == "0" || v == "false" || v == "no" || v == "off")
    })
}

impl Context {
    /// `project_dir` is where `.skene.config` is looked for (upwards): the command's
    /// PATH, or the current directory.
    pub fn new(
        global: GlobalArgs,
        matches: &ArgMatches,
        printer: Printer,
        project_dir: PathBuf,
    ) -> Self {
        Self {
            printer,
            api_url_origin: origin_of(matches, "api_url", "--api-url", "SKENE_API_URL"),
            upstream_origin: origin_of(matches, "upstream", "--upstream", "SKENE_UPSTREAM"),
            global,
            config_dir: OnceCell::new(),
            project_dir,
            project: OnceCell::new(),
        }
    }

    pub fn config_dir(&self) -> anyhow::Result<&Path> {
        if let Some(dir) = self.config_dir.get() {
            return Ok(dir);
        }
        let dir = crate::config::config_dir()?;
        Ok(self.config_dir.get_or_init(|| dir))
    }

    pub fn user_config(&self) -> anyhow::Result<UserConfig> {
        UserConfig::load(self.config_dir()?)
    }

    pub fn file_store(&self) -> anyhow::Result<FileStore> {
        Ok(FileStore::new(self.config_dir()?))
    }

    /// The project's `.skene.config`, found upwards from the project directory.
    pub fn project(&self) -> anyhow::Result<Option<&ProjectConfig>> {
        if let Some(p) = self.project.get() {
            return Ok(p.as_ref());
        }
        let found = ProjectConfig::discover(&self.project_dir)?;
        Ok(self.project.get_or_init(|| found).as_ref())
    }

    /// Why no prompt can be shown, if none can: prompts need a terminal on stdin
    /// and stderr, and input not disabled.
    pub fn prompt_blocker(&self) -> Option<&'static str> {
        if self.input_disabled() {
            Some("prompts are disabled (--no-input, SKENE_NO_INPUT or CI)")
        } else if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            Some("standard input is not a terminal")
        } else {
            None
        }
    }

    pub fn can_prompt(&self) -> bool {
        self.prompt_blocker().is_none()
    }

    /// Asks before a destructive action. `--yes` answers for scripts; without a
    /// terminal and without it, the command fails at once (exit 2) naming `--yes`.
    pub fn confirm(&self, yes: bool, question: &str) -> anyhow::Result<()> {
        if yes {
            return Ok(());
        }
        if let Some(why) = self.prompt_blocker() {
            return Err(
                CliError::usage(format!("this needs a confirmation, and {why}"))
                    .hint("pass --yes to confirm")
                    .into(),
            );
        }
        if crate::prompt::confirm(&self.printer, question)? {
            Ok(())
        } else {
            Err(CliError::failure("cancelled; nothing was changed").into())
        }
    }

    /// The key, endpoint and client for a command that talks to the workspace.
    pub fn authed(&self) -> anyhow::Result<(Client, Endpoint, Credentials)> {
        let cfg = self.user_config()?;
        let creds = self
            .resolve_key(&cfg)?
            .ok_or_else(CliError::not_logged_in)?;
        let endpoint = self.endpoint_for(Some(&creds))?;
        let client = self.client(&endpoint, Some(&creds.key))?;
        Ok((client, endpoint, creds))
    }

    /// The workspace slug for messages: the profile's, the URL's, or a plain noun.
    pub fn workspace_label(endpoint: &Endpoint, creds: &Credentials) -> String {
        creds
            .profile
            .as_ref()
            .map(|(_, p)| p.workspace.clone())
            .or_else(|| endpoint.upstream.slug.clone())
            .unwrap_or_else(|| "the workspace".into())
    }

    /// `--no-input`, `SKENE_NO_INPUT`, or a truthy `CI`.
    pub fn input_disabled(&self) -> bool {
        self.global.no_input || truthy("CI")
    }

    /// The API base chosen by flags, environment or the project file, if any.
    pub fn explicit_endpoint(&self) -> anyhow::Result<Option<Endpoint>> {
        let upstream = match &self.global.upstream {
            Some(raw) => Some((raw.clone(), self.upstream_origin.clone())),
            None => self.project()?.and_then(|p| {
                p.upstream
                    .clone()
                    .map(|u| (u, Origin::Project(p.path.clone())))
            }),
        };
        if let Some(raw) = &self.global.api_url {
            let slug_hint = upstream.and_then(|(u, _)| Upstream::parse(&u).ok());
            return Endpoint::from_base(raw, slug_hint, self.api_url_origin.clone()).map(Some);
        }
        match upstream {
            Some((raw, origin)) => Endpoint::from_upstream(&raw, origin).map(Some),
            None => Ok(None),
        }
    }

    /// The saved profile to use: `--workspace`, else one matching the explicit
    /// workspace URL, else the active one.
    pub fn select_profile<'a>(
        &self,
        cfg: &'a UserConfig,
        explicit: Option<&Endpoint>,
    ) -> anyhow::Result<Option<(&'a String, &'a Profile)>> {
        if let Some(wanted) = &self.global.workspace {
            let found = cfg.find(wanted);
            let on_base: Vec<_> = match explicit {
                Some(ep) => found
                    .iter()
                    .filter(|(_, p)| same_base(&p.api_base, ep.api_base.as_str()))
                    .copied()
                    .collect(),
                None => Vec::new(),
            };
            return match (found.len(), on_base.len()) {
                (0, _) => Err(CliError::auth(format!("no saved login for workspace `{wanted}`"))
                    .hint("run `skene login` for that workspace; `skene auth status` lists saved logins")
                    .into()),
                (1, _) => Ok(Some(found[0])),
                (_, 1) => Ok(Some(on_base[0])),
                _ => {
                    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
                    Err(CliError::usage(format!(
                        "workspace `{wanted}` is saved for several servers: {}",
                        names.join(", ")
                    ))
                    .hint("pass the full profile name to --workspace")
                    .into())
                }
            };
        }
        if let Some(ep) = explicit
            && let Some(slug) = &ep.upstream.slug
            && let Some(found) = cfg
                .profiles
                .iter()
                .find(|(_, p)| &p.workspace == slug && same_base(&p.api_base, ep.api_base.as_str()))
        {
            return Ok(Some(found));
        }
        Ok(cfg
            .active
            .as_ref()
            .and_then(|name| cfg.profiles.get_key_value(name)))
    }

    /// Finds the key to use. First hit wins: `SKENE_API_KEY`, `SKENE_UPSTREAM_API_KEY`,
    /// the selected profile's stored key, a project's plaintext `upstream_api_key`.
    pub fn resolve_key(&self, cfg: &UserConfig) -> anyhow::Result<Option<Credentials>> {
        for var in KEY_ENV_VARS {
            if let Ok(value) = std::env::var(var)
                && !value.trim().is_empty()
            {
                return Ok(Some(Credentials {
                    key: ApiKey::new(value.trim()),
                    source: KeySource::Env(var),
                    profile: None,
                    bound_to: None,
                }));
            }
        }
        let explicit = self.explicit_endpoint()?;
        if let Some((name, profile)) = self.select_profile(cfg, explicit.as_ref())? {
            match self.load_stored_key(name, profile.store)? {
                Some(key) => {
                    return Ok(Some(Credentials {
                        key,
                        source: KeySource::Store(profile.store),
                        profile: Some((name.clone(), profile.clone())),
                        bound_to: Some(profile.api_base.clone()),
                    }));
                }
                None => self.printer.warn(format!(
                    "the key of profile {name} is missing from the {}; run `skene login` again",
                    KeySource::Store(profile.store).describe()
                )),
            }
        }
        if let Some(project) = self.project()?
            && let Some(key) = &project.api_key
        {
            self.printer.warn(format!(
                "using the plaintext upstream_api_key from {}",
                project.path.display()
            ));
            self.printer
                .hint("run `skene login` to keep the key in the OS keyring, then remove it from that file");
            let bound = match &project.upstream {
                Some(u) => Upstream::parse(u)
                    .map(|u| u.api_base())
                    .unwrap_or_else(|_| api::DEFAULT_API_BASE.to_owned()),
                None => api::DEFAULT_API_BASE.to_owned(),
            };
            return Ok(Some(Credentials {
                key: key.clone(),
                source: KeySource::Project(project.path.clone()),
                profile: None,
                bound_to: Some(bound),
            }));
        }
        Ok(None)
    }

    pub fn load_stored_key(&self, name: &str, store: StoreKind) -> anyhow::Result<Option<ApiKey>> {
        match store {
            StoreKind::Keyring => Keyring::get(name).map_err(|e| {
                CliError::auth(format!(
                    "cannot read the key of profile {name} from the {}: {e}",
                    Keyring::name()
                ))
                .hint("unlock the keyring, log in again with `skene login`, or set SKENE_API_KEY")
                .into()
            }),
            StoreKind::File => {
                let files = self.file_store()?;
                if files.readable_by_others() {
                    self.printer.warn(format!(
                        "{} can be read by other users; run `chmod 600 {}`",
                        files.path().display(),
                        files.path().display()
                    ));
                }
                files
                    .get(name)
                    .with_context(|| format!("cannot read {}", files.path().display()))
            }
        }
    }

    /// The endpoint for `creds`: flags, environment and project file first, then the
    /// profile the key was stored for, then the default cloud. A stored key is only
    /// ever sent to the API base it was stored for.
    pub fn endpoint_for(&self, creds: Option<&Credentials>) -> anyhow::Result<Endpoint> {
        let endpoint = match (self.explicit_endpoint()?, creds) {
            (Some(ep), _) => ep,
            (
                None,
                Some(Credentials {
                    bound_to: Some(base),
                    profile,
                    ..
                }),
            ) => {
                let origin = match profile {
                    Some((name, _)) => Origin::Profile(name.clone()),
                    None => Origin::Default,
                };
                let upstream = profile
                    .as_ref()
                    .and_then(|(_, p)| Upstream::parse(&p.upstream).ok());
                Endpoint::from_base(base, upstream, origin)?
            }
            _ => Endpoint::default_cloud(),
        };
        if let Some(c) = creds
            && let Some(bound) = &c.bound_to
            && !same_base(bound, endpoint.api_base.as_str())
        {
            let whose = match &c.profile {
                Some((name, _)) => format!("the key stored for {name}"),
                None => format!("the key from {}", c.source.describe()),
            };
            return Err(CliError::auth(format!(
                "refusing to send {whose} to {} (from {}): it was saved for {bound}",
                endpoint.base(),
                endpoint.origin
            ))
            .hint(format!(
                "run `skene login --api-url {}` to log in there",
                endpoint.base()
            ))
            .hint("or pass a key meant for that server in SKENE_API_KEY")
            .into());
        }
        Ok(endpoint)
    }

    pub fn http_timeout(&self) -> anyhow::Result<Duration> {
        match std::env::var("SKENE_HTTP_TIMEOUT") {
            Err(_) => Ok(api::DEFAULT_TIMEOUT),
            Ok(raw) => raw
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s > 0.0)
                .map(Duration::from_secs_f64)
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "SKENE_HTTP_TIMEOUT must be a number of seconds, not `{raw}`"
                    ))
                    .into()
                }),
        }
    }

    /// An HTTP client for `endpoint` that sends `key`.
    pub fn client(&self, endpoint: &Endpoint, key: Option<&ApiKey>) -> anyhow::Result<Client> {
        let printer = self.printer.clone();
        let tracer: Option<api::Tracer> = (printer.verbosity() > 0).then(|| {
            Arc::new(move |level: u8, line: &str| printer.trace(level, line)) as api::Tracer
        });
        Ok(Client::new(
            &endpoint.api_base,
            key.cloned(),
            self.http_timeout()?,
            tracer,
        )?)
    }
}

/// A 403 becomes `error` (exit 4, with its hints); anything else stays as it is.
pub fn when_forbidden(err: ApiError, error: CliError) -> anyhow::Error {
    if err.status() == Some(403) {
        anyhow::Error::new(err).context(error)
    } else {
        anyhow::Error::new(err)
    }
}

/// Runs a future on a current-thread runtime, started only by commands that use
/// the network.
pub fn block_on<F: std::future::Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    Ok(runtime.block_on(future))
}
