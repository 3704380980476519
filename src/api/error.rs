use thiserror::Error;

/// What went wrong talking to Skene Cloud. Says what happened; the command layer
/// adds what to do.
#[derive(Debug, Error)]
pub enum ApiError {
    #[error("`{url}` is not a usable URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "refusing to talk to {url} over plain http: HTTPS is required for every host but localhost"
    )]
    Insecure { url: String },
    #[error("could not connect to {url}: {cause}")]
    Connect { url: String, cause: String },
    #[error(
        "the TLS certificate of {url} is not trusted ({cause}); for a private CA, point SSL_CERT_FILE at its PEM file"
    )]
    Tls { url: String, cause: String },
    #[error("{url} did not answer within {secs} s")]
    Timeout { url: String, secs: u64 },
    #[error("the connection to {url} failed: {cause}")]
    Transport { url: String, cause: String },
    #[error("{}", status_message(*status, message.as_deref(), url))]
    Status {
        status: u16,
        url: String,
        message: Option<String>,
        code: Option<String>,
        retry_after: Option<u64>,
    },
    #[error("the server answered with an HTML page (status {status}) — is the upstream URL right?")]
    Html { status: u16, url: String },
    #[error(
        "the server answered with something that is not JSON (status {status}) — is the upstream URL right?"
    )]
    NotJson { status: u16, url: String },
    #[error(
        "the server redirected {url} to {location} (HTTP {status}) — is the upstream URL right?"
    )]
    Redirect {
        status: u16,
        url: String,
        location: String,
    },
    #[error("{0}")]
    BodySource(String),
    #[error("could not set up the HTTP client: {0}")]
    Setup(String),
}

fn status_message(status: u16, message: Option<&str>, url: &str) -> String {
    let reason = http_reason(status);
    match message {
        Some(m) => format!("{m} (HTTP {status} {reason} from {url})"),
        None => format!("the server answered HTTP {status} {reason} for {url}"),
    }
}

pub fn http_reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

impl ApiError {
    /// The HTTP status, for errors that have one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. }
            | ApiError::Html { status, .. }
            | ApiError::NotJson { status, .. }
            | ApiError::Redirect { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// 401 or 403: the key is missing, unknown, revoked or not allowed.
    pub fn is_auth(&self) -> bool {
        matches!(self.status(), Some(401 | 403))
    }
}
