//! Error kinds, their exit codes, and hints.
//!
//! Commands return `anyhow::Result`. An error that carries a [`CliError`] or an
//! [`ApiError`](crate::api::ApiError) anywhere in its chain gets that kind's exit
//! code; anything else exits 1.

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
#[derive(Debug)]
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
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ExitKind::Failure, message)
    }
    pub fn interrupted() -> Self {
        Self::new(ExitKind::Interrupted, "interrupted")
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
/// `ApiError`.
pub fn classify(err: &anyhow::Error) -> (ExitKind, Vec<String>) {
    // anyhow's downcast sees through `.context(…)` layers, which `chain()` does not.
    if let Some(e) = err.downcast_ref::<CliError>() {
        return (e.kind, e.hints.clone());
    }
    if let Some(e) = err.downcast_ref::<ApiError>() {
        return (api_kind(e), Vec::new());
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

/// One line for the whole chain: `outer: inner: root cause`, without repeats.
pub fn render_chain(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if parts.last().is_some_and(|last| last.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}
