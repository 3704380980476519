//! Database errors: a kind (what to do about it) and a message that never holds
//! the password.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbErrorKind {
    /// The connection string is not usable.
    Config,
    /// The server could not be reached (refused, unreachable, DNS, timeout).
    Connect,
    /// TLS failed: the server offers none, or its certificate is not trusted.
    Tls,
    /// The server refused the credentials.
    Auth,
    /// A statement took longer than allowed.
    Timeout,
    /// The connection ended (server restart, network drop).
    Closed,
    /// The server rejected a statement.
    Query,
}

#[derive(Debug, Clone)]
pub struct DbError {
    kind: DbErrorKind,
    message: String,
    code: Option<String>,
}

impl DbError {
    pub fn new(kind: DbErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            code: None,
        }
    }

    pub fn config(message: impl Into<String>) -> Self {
        Self::new(DbErrorKind::Config, message)
    }

    pub fn kind(&self) -> DbErrorKind {
        self.kind
    }

    /// With a SQLSTATE, for an error found by reading the catalogs that the server
    /// would have reported with it.
    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_owned());
        self
    }

    /// The SQLSTATE, for errors the server reported.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// Worth trying again after reconnecting (what an agent loop wants to know).
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            DbErrorKind::Connect | DbErrorKind::Closed | DbErrorKind::Timeout
        )
    }

    /// Classifies a driver error; `what` says what was being done ("cannot connect
    /// to postgresql://u:***@h/db"); `password` is scrubbed from the driver's text.
    pub fn from_driver(err: &tokio_postgres::Error, what: &str, password: Option<&str>) -> Self {
        let (kind, detail, code) = match err.as_db_error() {
            Some(db) => {
                let code = db.code().code().to_owned();
                let kind = match code.as_str() {
                    "28P01" | "28000" => DbErrorKind::Auth,
                    "57014" => DbErrorKind::Timeout,
                    "57P01" | "57P02" | "57P03" | "08006" | "08003" => DbErrorKind::Closed,
                    _ => DbErrorKind::Query,
                };
                let mut text = format!("{}: {} (SQLSTATE {code})", db.severity(), db.message());
                if let Some(detail) = db.detail() {
                    text.push_str(&format!("; {detail}"));
                }
                if let Some(hint) = db.hint() {
                    text.push_str(&format!("; hint: {hint}"));
                }
                (kind, text, Some(code))
            }
            None => {
                let text = chain(err);
                let lower = text.to_lowercase();
                let kind = if err.is_closed() {
                    DbErrorKind::Closed
                } else if lower.contains("tls")
                    || lower.contains("certificate")
                    || lower.contains("ssl")
                {
                    DbErrorKind::Tls
                } else if lower.contains("timed out") || lower.contains("timeout") {
                    DbErrorKind::Timeout
                } else if lower.contains("password") || lower.contains("authentication") {
                    DbErrorKind::Auth
                } else {
                    DbErrorKind::Connect
                };
                (kind, text, None)
            }
        };
        Self {
            kind,
            message: scrub(&format!("{what}: {detail}"), password),
            code,
        }
    }
}

/// The error and its sources, joined, without repeats.
fn chain(err: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// `text` with every occurrence of `password` (4 characters or more) masked.
pub fn scrub(text: &str, password: Option<&str>) -> String {
    match password {
        Some(p) if p.chars().count() >= 4 => text.replace(p, "***"),
        _ => text.to_owned(),
    }
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DbError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubbing_masks_real_passwords_only() {
        assert_eq!(
            scrub("user hunter2x failed", Some("hunter2x")),
            "user *** failed"
        );
        assert_eq!(scrub("abc", Some("a")), "abc");
        assert_eq!(scrub("abc", None), "abc");
    }
}
