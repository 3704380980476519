//! Error kinds, their exit codes, and hints.
//!
//! Commands return `anyhow::Result`. An error that carries a [`CliError`] or an
//! [`ApiError`] anywhere in its chain gets that kind's exit code; anything else
//! exits 1. What to do about an API error is said here, once, for every command.

use std::fmt;

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

/// Exit kind and hints of an error chain: a `CliError` anywhere in it wins, then an
/// `ApiError` (with the advice every command gives for it). A `CliError` carries
/// its own, more precise hints.
pub fn classify(err: &anyhow::Error) -> (ExitKind, Vec<String>) {
    // anyhow's downcast sees through `.context(…)` layers, which `chain()` does not.
    if let Some(e) = err.downcast_ref::<CliError>() {
        return (e.kind, e.hints.clone());
    }
    if let Some(e) = err.downcast_ref::<ApiError>() {
        return (api_kind(e), api_hints(e));
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

/// What to do about an API error, whichever command met it.
pub fn api_hints(err: &ApiError) -> Vec<String> {
    let hint = match err {
        ApiError::Status { status: 401, .. } => {
            "the key was not accepted: `skene auth status` shows where it comes from; `skene login` replaces it"
        }
        ApiError::Status { status: 403, .. } => {
            "the key's role may not do this: `skene auth status` shows the role; ask the workspace owner"
        }
        ApiError::BadKey => {
            "copy the whole key again (SKENE_API_KEY or `skene login`), without spaces or control characters"
        }
        ApiError::Status { status: 404, .. }
        | ApiError::Html { .. }
        | ApiError::NotJson { .. }
        | ApiError::Redirect { .. } => {
            "check --upstream / --api-url (or SKENE_API_URL): the API base ends in /api/v1"
        }
        ApiError::Connect { .. } => {
            "check the URL (--upstream, --api-url, SKENE_API_URL), your network, and any proxy (HTTPS_PROXY)"
        }
        ApiError::Tls { .. } => {
            "for a private CA or a TLS-inspecting proxy, point SSL_CERT_FILE at its PEM file"
        }
        ApiError::PagingLoop { .. } => {
            "a fault of the server, not of the request: try again later, and report it if it lasts"
        }
        ApiError::Timeout { .. } | ApiError::Stalled { .. } => {
            "try again later, or allow more time with SKENE_HTTP_TIMEOUT (seconds)"
        }
        ApiError::Status {
            status: 429,
            retry_after: Some(s),
            ..
        } => {
            return vec![format!(
                "the server asked to wait {s} s before trying again"
            )];
        }
        _ => return Vec::new(),
    };
    vec![hint.to_owned()]
}

/// One line for the whole chain: `outer: inner: root cause`, without repeats.
pub fn render_chain(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
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
            hints: api_hints(&e),
            message: e.to_string(),
        }
    }
}
