//! What every command gets: the settings, the printer, the one HTTP client of the
//! process, Ctrl-C, and the helpers that turn settings and stores into a client
//! that may talk to the workspace.

use std::cell::{OnceCell, RefCell};
use std::path::Path;
use std::sync::Arc;

use crate::api::{Client, ClientConfig, KeyProvider, RetryPolicy};
use crate::credentials::resolve::{self, FixedKey};
use crate::credentials::{Notice, Resolved, Stores};
use crate::error::{CliError, KeyOrigin};
use crate::interrupt::Interrupts;
use crate::output::Printer;
use crate::secret::ApiKey;
use crate::settings::lock::ConfigLock;
use crate::settings::{Endpoint, Settings, Target, UserConfig, env, target};

pub struct Context {
    pub settings: Settings,
    pub printer: Printer,
    pub interrupts: Interrupts,
    http: OnceCell<Client>,
    /// Where the key in use came from, once one was found: the advice for a
    /// refused key depends on it.
    key_origin: RefCell<Option<KeyOrigin>>,
}

/// A command's connection to the workspace: the client, where it points, and the
/// key it sends.
pub struct Session {
    pub client: Client,
    pub target: Target,
    pub creds: Resolved,
}

impl Session {
    pub fn endpoint(&self) -> &Endpoint {
        &self.target.endpoint
    }

    /// The workspace slug for messages.
    pub fn workspace_label(&self) -> String {
        match &self.creds.profile {
            Some((_, p)) => p.workspace.clone(),
            None => self.target.workspace_label(),
        }
    }
}

impl Context {
    pub fn new(settings: Settings, printer: Printer, interrupts: Interrupts) -> Self {
        Self {
            settings,
            printer,
            interrupts,
            http: OnceCell::new(),
            key_origin: RefCell::new(None),
        }
    }

    pub fn config_dir(&self) -> Result<&Path, CliError> {
        self.settings.config_dir()
    }

    pub fn user_config(&self) -> Result<UserConfig, CliError> {
        UserConfig::load(self.config_dir()?)
    }

    /// The keyring and the credentials file.
    pub fn stores(&self) -> Result<Stores, CliError> {
        Ok(Stores::system(self.config_dir()?))
    }

    /// The config directory's lock, for a read-modify-write of its files. Blocks
    /// the thread while another skene holds it: async code uses [`Self::config_lock`].
    pub fn lock(&self) -> Result<ConfigLock, CliError> {
        ConfigLock::acquire(self.config_dir()?)
    }

    /// The config directory's lock, waited for without holding up the runtime,
    /// saying so when another skene holds it.
    pub async fn config_lock(&self) -> Result<ConfigLock, CliError> {
        let dir = self.config_dir()?;
        ConfigLock::acquire_async(dir, || {
            self.printer.status(format!(
                "Waiting for another skene to finish changing {}…",
                dir.display()
            ));
        })
        .await
    }

    /// Why no prompt can be shown, if none can.
    pub fn prompt_blocker(&self) -> Option<String> {
        self.settings.prompt_blocker()
    }

    pub fn can_prompt(&self) -> bool {
        self.prompt_blocker().is_none()
    }

    /// Asks before a destructive action. `--yes` answers for scripts; without a
    /// terminal and without it, the command fails at once (exit 2) naming `--yes`.
    pub fn confirm(&self, yes: bool, question: &str) -> Result<(), CliError> {
        if yes {
            return Ok(());
        }
        if let Some(why) = self.prompt_blocker() {
            return Err(
                CliError::usage(format!("this needs a confirmation, and {why}"))
                    .hint("pass --yes to confirm"),
            );
        }
        if crate::prompt::confirm(&self.printer, question)? {
            Ok(())
        } else {
            Err(CliError::failure("cancelled; nothing was changed"))
        }
    }

    /// The one HTTP client of the process (no API base yet).
    pub fn http(&self) -> Result<&Client, CliError> {
        if let Some(c) = self.http.get() {
            return Ok(c);
        }
        let http = self.settings.http()?;
        let printer = self.printer.clone();
        let tracer: Option<crate::api::trace::Tracer> = (printer.verbosity() > 0).then(|| {
            Arc::new(move |level: u8, line: &str| printer.trace(level, line))
                as crate::api::trace::Tracer
        });
        let client = Client::new(ClientConfig {
            timeout: http.timeout.value,
            connect_timeout: http.connect_timeout,
            retry: RetryPolicy {
                base_delay: http.retry_base_delay,
                ..RetryPolicy::default()
            },
            tracer,
            ca_file: env::get_os(env::SSL_CERT_FILE).map(Into::into),
            direct: false,
        })?;
        Ok(self.http.get_or_init(|| client))
    }

    /// A client for `endpoint` that sends `key`, sharing the process's pool.
    pub fn client_for(
        &self,
        endpoint: &Endpoint,
        key: Option<&ApiKey>,
    ) -> Result<Client, CliError> {
        let provider = key.map(|k| Arc::new(FixedKey(k.clone())) as Arc<dyn KeyProvider>);
        Ok(self.http()?.at(&endpoint.api_base, provider))
    }

    /// The server and saved login the command uses.
    pub fn target(&self) -> Result<Target, CliError> {
        let target = target::resolve(&self.settings, &self.user_config()?);
        self.print_settings_notices();
        target
    }

    /// Warnings the settings gathered (an ignored `.skene.config`), printed once.
    pub fn print_settings_notices(&self) {
        for warning in self.settings.take_notices() {
            self.printer.warn(warning);
        }
    }

    /// Finds the key for `target`, printing what the user should hear about it.
    pub fn resolve_key(&self, target: &Target) -> Result<Option<Resolved>, CliError> {
        let found = resolve::resolve(&self.settings, target, &self.stores()?);
        self.print_settings_notices();
        let found = found?;
        if let Some(r) = &found {
            self.print_notices(&r.notices);
            self.key_origin.replace(Some(r.source.origin()));
        }
        Ok(found)
    }

    /// Where the key of this run came from, once one was found.
    pub fn key_origin(&self) -> Option<KeyOrigin> {
        self.key_origin.borrow().clone()
    }

    /// Exit kind and hints of `err`, the advice knowing where the key came from.
    pub fn classify(&self, err: &anyhow::Error) -> (crate::error::ExitKind, Vec<String>) {
        crate::error::classify(err, self.key_origin().as_ref())
    }

    pub fn print_notices(&self, notices: &[Notice]) {
        for n in notices {
            match n {
                Notice::Warning(w) => self.printer.warn(w),
                Notice::Hint(h) => self.printer.hint(h),
            }
        }
    }

    /// The key, target and client for a command that talks to the workspace.
    pub fn authed(&self) -> Result<Session, CliError> {
        let cfg = self.user_config()?;
        let target = target::resolve(&self.settings, &cfg);
        self.print_settings_notices();
        let target = target?;
        let creds = match self.resolve_key(&target)? {
            Some(c) => c,
            None => return Err(not_logged_in(&cfg)),
        };
        creds.check_destination(&target.endpoint)?;
        let client = self.client_for(&target.endpoint, Some(&creds.key))?;
        Ok(Session {
            client,
            target,
            creds,
        })
    }
}

/// "Not logged in", naming the saved logins when there are some but none is active.
pub fn not_logged_in(cfg: &UserConfig) -> CliError {
    if cfg.profiles.is_empty() || cfg.active_profile().is_some() {
        return CliError::not_logged_in();
    }
    let names: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
    CliError::auth("no saved login is active")
        .hint(format!("saved logins: {}", names.join(", ")))
        .hint("pick one with `skene auth switch <workspace>`, or pass --workspace")
}

/// A 403 becomes `error` (exit 4, with its own hints), followed by the server's
/// reason when that says more than `error` does; anything else stays as it is.
pub fn when_forbidden(err: crate::api::ApiError, error: CliError) -> anyhow::Error {
    if err.status() == Some(403) {
        let message = crate::error::with_reason(&error.message, err.server_message());
        CliError { message, ..error }.into()
    } else {
        anyhow::Error::new(err)
    }
}
