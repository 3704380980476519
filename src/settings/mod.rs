//! Settings resolved once, in layers — flags, then the environment, then the
//! project's `.skene.config`, then the user's `config.toml`, then defaults — into
//! plain values that remember where they came from. No clap, no printing.

pub mod env;
pub mod link;
pub mod lock;
pub mod profiles;
pub mod project;
pub mod target;
pub mod trust;

use std::cell::{OnceCell, RefCell};
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::CliError;

pub use profiles::{Profile, StoreKind, UserConfig};
pub use project::ProjectConfig;
pub use target::{Endpoint, Target};

/// Where a setting came from, for messages such as "API base (from SKENE_API_URL)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    Project(PathBuf),
    Profile(String),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "{flag}"),
            Source::Env(var) => write!(f, "{var}"),
            Source::Project(path) => write!(f, "{}", path.display()),
            Source::Profile(name) => write!(f, "profile {name}"),
            Source::Default => f.write_str("the default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source) -> Self {
        Self { value, source }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What the command line said, after clap: plain values with their sources.
#[derive(Debug, Clone)]
pub struct Flags {
    pub upstream: Option<Sourced<String>>,
    pub api_url: Option<Sourced<String>>,
    pub workspace: Option<Sourced<String>>,
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    /// `--no-input` / `SKENE_NO_INPUT`, and which of them said so.
    pub no_input: Sourced<bool>,
    pub color: ColorChoice,
    /// Where `.skene.config` is looked for (upwards): the command's PATH, or `.`.
    pub project_dir: PathBuf,
    /// `--http-timeout` or `SKENE_HTTP_TIMEOUT`, as given (checked by [`Settings::http`]).
    pub http_timeout: Option<Sourced<String>>,
}

/// How the HTTP client behaves.
#[derive(Debug, Clone)]
pub struct Http {
    /// How long one command's request may take, retries and waits included.
    pub timeout: Sourced<Duration>,
    pub connect_timeout: Duration,
    /// The first retry's delay; later ones double it.
    pub retry_base_delay: Duration,
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const MIN_TIMEOUT_SECS: f64 = 0.1;
const MAX_TIMEOUT_SECS: f64 = 86_400.0;
const DEFAULT_RETRY_BASE: Duration = Duration::from_millis(250);

/// Every setting of one run.
#[derive(Debug)]
pub struct Settings {
    pub flags: Flags,
    config_dir: OnceCell<PathBuf>,
    project: OnceCell<Option<ProjectConfig>>,
    /// Warnings for the user, printed by the command layer.
    notices: RefCell<Vec<String>>,
}

impl Settings {
    pub fn new(flags: Flags) -> Self {
        Self {
            flags,
            config_dir: OnceCell::new(),
            project: OnceCell::new(),
            notices: RefCell::new(Vec::new()),
        }
    }

    /// Warnings gathered while resolving settings, once each.
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut self.notices.borrow_mut())
    }

    /// The directory of `config.toml` and `credentials.toml`: `SKENE_CONFIG_DIR`, else
    /// the platform's config dir (`~/.config/skene` on Linux). It and its files must
    /// be the user's own and not writable by others, or nothing in them is used.
    pub fn config_dir(&self) -> Result<&Path, CliError> {
        if let Some(dir) = self.config_dir.get() {
            return Ok(dir);
        }
        let dir = user_config_dir()?;
        Ok(self.config_dir.get_or_init(|| dir))
    }

    /// The project's `.skene.config`, found upwards from the project directory.
    pub fn project(&self) -> Result<Option<&ProjectConfig>, CliError> {
        if let Some(p) = self.project.get() {
            return Ok(p.as_ref());
        }
        let home = home_dir();
        let (found, ignored) = ProjectConfig::discover(&self.flags.project_dir, home.as_deref())?;
        self.notices.borrow_mut().extend(
            ignored
                .into_iter()
                .map(|i| format!("ignoring {}: {}", i.path.display(), i.reason)),
        );
        Ok(self.project.get_or_init(|| found).as_ref())
    }

    /// The HTTP settings; a timeout outside 0.1 s to one day is a usage error
    /// that names the flag or variable it came from.
    pub fn http(&self) -> Result<Http, CliError> {
        let timeout = match &self.flags.http_timeout {
            None => Sourced::new(DEFAULT_TIMEOUT, Source::Default),
            Some(raw) => Sourced::new(
                parse_timeout(&raw.value).ok_or_else(|| {
                    CliError::usage(format!(
                        "{} must be a number of seconds from {MIN_TIMEOUT_SECS} to {MAX_TIMEOUT_SECS}, not `{}`",
                        raw.source,
                        raw.value.escape_debug()
                    ))
                })?,
                raw.source.clone(),
            ),
        };
        let retry_base_delay = env::get(env::RETRY_BASE_DELAY_MS)
            .and_then(|ms| ms.trim().parse::<u64>().ok())
            .map(|ms| Duration::from_millis(ms.min(60_000)))
            .unwrap_or(DEFAULT_RETRY_BASE);
        Ok(Http {
            timeout,
            connect_timeout: CONNECT_TIMEOUT,
            retry_base_delay,
        })
    }

    /// Why input is disabled, if it is, naming what disabled it: `--no-input`,
    /// `SKENE_NO_INPUT` or a truthy `CI`.
    pub fn input_disabled(&self) -> Option<String> {
        if self.flags.no_input.value {
            Some(format!(
                "prompts are disabled ({})",
                self.flags.no_input.source
            ))
        } else if env::truthy(env::CI) {
            Some("prompts are disabled in CI (CI is set)".to_owned())
        } else {
            None
        }
    }

    /// Why no prompt can be shown, if none can: prompts need input enabled and a
    /// terminal on stdin and stderr.
    pub fn prompt_blocker(&self) -> Option<String> {
        self.input_disabled().or_else(|| {
            (!(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()))
                .then(|| "standard input is not a terminal".to_owned())
        })
    }

    /// Running as a GitHub Actions step.
    pub fn github_actions(&self) -> bool {
        env::get(env::GITHUB_ACTIONS).is_some_and(|v| v == "true")
    }
}

/// The directory of `config.toml` and `credentials.toml` (see
/// [`Settings::config_dir`]), checked to be the user's alone. Also read by shell
/// completion, which runs before any settings exist.
pub fn user_config_dir() -> Result<PathBuf, CliError> {
    let dir = match env::get_os(env::CONFIG_DIR) {
        Some(dir) => PathBuf::from(dir),
        None => platform_config_dir().ok_or_else(|| {
            CliError::failure("cannot find a home directory for the skene config")
                .hint("set SKENE_CONFIG_DIR to a directory skene may write to")
        })?,
    };
    for path in [
        dir.clone(),
        dir.join(profiles::CONFIG_FILE),
        dir.join("credentials.toml"),
    ] {
        trust::check_private(&path)?;
    }
    Ok(dir)
}

/// The user's home directory: `HOME` when it is an absolute path (read through
/// the registry, like every variable), else what the platform says (Windows has
/// no `HOME`).
pub fn home_dir() -> Option<PathBuf> {
    env::get_os(env::HOME)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()))
}

/// The default config dir: on Linux and the BSDs `$XDG_CONFIG_HOME/skene` (when
/// absolute, as the XDG spec asks) or `~/.config/skene`; elsewhere the platform's
/// (`~/Library/Application Support/ai.skene.skene`, `%APPDATA%\skene\skene\config`).
fn platform_config_dir() -> Option<PathBuf> {
    if cfg!(all(unix, not(target_os = "macos"))) {
        let xdg = env::get_os(env::XDG_CONFIG_HOME)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute());
        return xdg
            .or_else(|| home_dir().map(|h| h.join(".config")))
            .map(|base| base.join("skene"));
    }
    directories::ProjectDirs::from("ai", "skene", "skene").map(|d| d.config_dir().to_path_buf())
}

/// Seconds as a finite number in the accepted range.
fn parse_timeout(raw: &str) -> Option<Duration> {
    let secs: f64 = raw.trim().parse().ok()?;
    (secs.is_finite() && (MIN_TIMEOUT_SECS..=MAX_TIMEOUT_SECS).contains(&secs))
        .then(|| Duration::from_secs_f64(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_outside_the_range_are_refused_not_panicked_on() {
        assert_eq!(parse_timeout("60"), Some(Duration::from_secs(60)));
        assert_eq!(parse_timeout(" 0.5 "), Some(Duration::from_millis(500)));
        for bad in [
            "18446744073709551616",
            "1e20",
            "1e309",
            "nan",
            "inf",
            "-1",
            "0",
            "0.01",
            "86401",
            "ten",
            "",
        ] {
            assert_eq!(parse_timeout(bad), None, "{bad}");
        }
    }
}
