//! Error kinds, their exit codes, and hints.
//!
//! Commands return `anyhow::Result`. An error that carries a [`CliError`] or an
//! [`ApiError`] anywhere in its chain gets that kind's exit code; anything else
//! exits 1. What to do about an API error is said here, once, for every command.

use std::fmt;
use std::path::PathBuf;

use crate::api::ApiError;

/// What went wrong, as far as the exit code is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// 1: anything not covered below.
    Failure,
    /// 2: bad usage, or a prompt that cannot be shown.
    Usage,
    /// 3: the network or the server failed.
    Network,
    /// 4: not logged in, key rejected, or not allowed.
    Auth,
    /// 5: invalid input files.
    Input,
    /// 130: interrupted by the user.
    Interrupted,
}

impl ExitKind {
    pub fn code(self) -> u8 {
        match self {
            ExitKind::Failure => 1,
            ExitKind::Usage => 2,
            ExitKind::Network => 3,
            ExitKind::Auth => 4,
            ExitKind::Input => 5,
            ExitKind::Interrupted => 130,
        }
    }
}

/// An error with a kind and hints that tell the user what to do next.
#[derive(Debug, Clone)]
pub struct CliError {
    pub kind: ExitKind,
    pub message: String,
    pub hints: Vec<String>,
}

impl CliError {
    pub fn new(kind: ExitKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hints: Vec::new(),
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Usage, message)
    }
    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Auth, message)
    }
    pub fn input(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Input, message)
    }
    pub fn network(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Network, message)
    }
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Failure, message)
    }
    /// Ctrl-C at a prompt: nothing was changed.
    pub fn interrupted() -> Self {
        Self::new(ExitKind::Interrupted, "interrupted; nothing was changed")
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    pub fn hints(mut self, hints: impl IntoIterator<Item = String>) -> Self {
        self.hints.extend(hints);
        self
    }
    /// The standard error for commands that need a key and found none.
    pub fn not_logged_in() -> Self {
        Self::auth("not logged in")
            .hint("run `skene login`, or set SKENE_API_KEY for scripts and CI")
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// Where the key of a failed request came from: what to do about a refused key
/// depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOrigin {
    /// An environment variable (`SKENE_API_KEY`).
    Env(&'static str),
    /// A login saved by `skene login` (the OS keyring or the credentials file).
    Login,
    /// A project's `.skene.config` (`upstream_api_key`).
    ProjectFile(PathBuf),
}

/// Exit kind and hints of an error chain: a `CliError` anywhere in it wins, then an
/// `ApiError` (with the [`advice`] every command gives for it, knowing where the
/// key came from when `key` says). A `CliError` carries its own hints.
pub fn classify(err: &anyhow::Error, key: Option<&KeyOrigin>) -> (ExitKind, Vec<String>) {
    // anyhow's downcast sees through `.context(…)` layers, which `chain()` does not.
    if let Some(e) = err.downcast_ref::<CliError>() {
        return (e.kind, e.hints.clone());
    }
    if let Some(e) = err.downcast_ref::<ApiError>() {
        return (api_kind(e), advice(e, key));
    }
    (ExitKind::Failure, Vec::new())
}

pub fn api_kind(err: &ApiError) -> ExitKind {
    match err {
        ApiError::BadUrl { .. } | ApiError::Insecure { .. } => ExitKind::Usage,
        e if e.is_auth() => ExitKind::Auth,
        ApiError::Setup(_) | ApiError::BodySource(_) => ExitKind::Failure,
        _ => ExitKind::Network,
    }
}

/// What to do about an API error, whichever command met it: the one place this
/// advice is written. `key` is where the request's key came from, when known.
pub fn advice(err: &ApiError, key: Option<&KeyOrigin>) -> Vec<String> {
    let hint = match err {
        ApiError::Status { status: 401, .. } => match key {
            Some(KeyOrigin::Env(var)) => format!(
                "{var} holds a key the server does not accept: set a valid one, or unset it to use a saved login"
            ),
            Some(KeyOrigin::Login) => "the saved login's key is not accepted (revoked, or for another server?): run `skene login` to replace it".to_owned(),
            Some(KeyOrigin::ProjectFile(path)) => format!(
                "upstream_api_key in {} is not accepted: correct it there, or delete it and run `skene login`",
                path.display()
            ),
            None => "the key was not accepted: `skene auth status` shows where it comes from; `skene login` replaces it".to_owned(),
        },
        // The key is valid; what it asked is not allowed to its role.
        ApiError::Status { status: 403, .. } => {
            "the key is valid but its role may not do this: `skene auth status` shows the role; ask the workspace owner".to_owned()
        }
        ApiError::BadKey => match key {
            Some(KeyOrigin::Env(var)) => format!(
                "copy the whole key into {var} again, without spaces or control characters"
            ),
            Some(KeyOrigin::ProjectFile(path)) => format!(
                "copy the whole key into upstream_api_key in {} again, without spaces or control characters",
                path.display()
            ),
            Some(KeyOrigin::Login) | None => "copy the whole key again (`skene login`, or SKENE_API_KEY), without spaces or control characters".to_owned(),
        },
        ApiError::Status { status: 404, .. }
        | ApiError::Html { .. }
        | ApiError::NotJson { .. }
        | ApiError::Redirect { .. } => {
            "check --upstream / --api-url (or SKENE_API_URL): the API base ends in /api/v1".to_owned()
        }
        ApiError::Connect { .. } => {
            "check the URL (--upstream, --api-url, SKENE_API_URL), your network, and any proxy (HTTPS_PROXY)".to_owned()
        }
        ApiError::Tls { .. } => {
            "for a private CA or a TLS-inspecting proxy, point SSL_CERT_FILE at its PEM file".to_owned()
        }
        ApiError::PagingLoop { .. } => {
            "a fault of the server, not of the request: try again later, and report it if it lasts".to_owned()
        }
        ApiError::ListTooLarge { .. } => {
            "skene holds at most 100,000 items (32 MiB) of one list: the server sent more; report it if the list should be this long".to_owned()
        }
        ApiError::Timeout { .. } | ApiError::Stalled { .. } => {
            "try again later, or allow more time with --http-timeout / SKENE_HTTP_TIMEOUT (seconds)".to_owned()
        }
        ApiError::Status {
            status: 429,
            retry_after: Some(s),
            ..
        } => format!("the server asked to wait {s} s before trying again"),
        _ => return Vec::new(),
    };
    vec![hint]
}

/// `ours`, with the server's `reason` after it when the reason says more: when
/// every word that matters in it is already in `ours`, it is left out rather
/// than said twice ("only the workspace owner can manage members: only the
/// owner can manage members").
pub fn with_reason(ours: &str, reason: Option<&str>) -> String {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) if says_more(reason, ours) => format!("{ours}: {reason}"),
        _ => ours.to_owned(),
    }
}

/// Whether `text` has a word that matters (not a small word like "the", "can",
/// "may") that `than` lacks.
fn says_more(text: &str, than: &str) -> bool {
    const SMALL: &[&str] = &[
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "for",
        "is",
        "are",
        "be",
        "can",
        "may",
        "could",
        "do",
        "does",
        "this",
        "that",
        "it",
        "you",
        "your",
        "only",
        "and",
        "or",
        "not",
        "no",
        "allowed",
        "permitted",
        "must",
    ];
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '_')
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
            // A plural and its singular are the same word here.
            .map(|w| match w.strip_suffix('s') {
                Some(stem) if stem.len() > 2 => stem.to_owned(),
                _ => w,
            })
            .collect()
    };
    let known = words(than);
    words(text).iter().any(|w| !known.contains(w))
}

/// One line for the whole chain: `outer: inner: root cause`, without repeats.
/// Each part is kept to one line (a server's message can hold a newline and a
/// forged `error: …` line after it).
pub fn render_chain(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = crate::output::sanitize::line(&cause.to_string()).into_owned();
        if text.is_empty() || parts.last().is_some_and(|last| last.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

/// Whether the error is stdout having been closed (`skene … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

impl From<ApiError> for CliError {
    fn from(e: ApiError) -> Self {
        Self {
            kind: api_kind(&e),
            hints: advice(&e, None),
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> ApiError {
        ApiError::Status {
            status,
            url: "https://www.skene.ai/api/v1/me".into(),
            message: None,
            code: None,
            retry_after: None,
        }
    }

    #[test]
    fn a_refused_key_gets_advice_for_where_it_came_from() {
        let env = advice(&status(401), Some(&KeyOrigin::Env("SKENE_API_KEY")));
        assert!(env[0].starts_with("SKENE_API_KEY holds a key"), "{env:?}");
        let login = advice(&status(401), Some(&KeyOrigin::Login));
        assert!(login[0].contains("run `skene login`"), "{login:?}");
        let file = KeyOrigin::ProjectFile(PathBuf::from("/p/.skene.config"));
        let project = advice(&status(401), Some(&file));
        assert!(project[0].contains("/p/.skene.config"), "{project:?}");
        // A 403 is an action the role may not take, not a bad key.
        let forbidden = advice(&status(403), Some(&KeyOrigin::Login));
        assert!(!forbidden[0].contains("skene login"), "{forbidden:?}");
        assert!(forbidden[0].contains("role"), "{forbidden:?}");
    }

    #[test]
    fn the_servers_reason_is_kept_only_when_it_says_more() {
        let ours = "only the workspace owner can manage members";
        assert_eq!(
            with_reason(ours, Some("only the owner can manage members")),
            ours
        );
        assert_eq!(
            with_reason(ours, Some("only the workspace owner may do this")),
            ours
        );
        assert_eq!(
            with_reason(ours, Some("the workspace is suspended")),
            format!("{ours}: the workspace is suspended")
        );
        assert_eq!(with_reason(ours, None), ours);
        assert_eq!(with_reason(ours, Some("  ")), ours);
    }
}
