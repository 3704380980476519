//! A PostgreSQL connection string (`postgresql://…` URL or `key=value` form),
//! parsed once: the driver's settings, the TLS mode, and a redacted form for every
//! message. The password is never part of any text this type produces.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use tokio_postgres::config::Host;

use super::error::DbError;

/// libpq's `sslmode`, all six values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    Disable,
    Allow,
    /// libpq's default: TLS when the server offers it, certificate not verified.
    #[default]
    Prefer,
    /// TLS or fail; the certificate is not verified (unless `sslrootcert` is given).
    Require,
    /// TLS, certificate chain verified, host name not.
    VerifyCa,
    /// TLS, certificate chain and host name verified.
    VerifyFull,
}

impl SslMode {
    pub fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// Defaults applied where the connection string says nothing.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const APPLICATION_NAME: &str = "skene";

#[derive(Clone)]
pub struct DbUrl {
    config: tokio_postgres::Config,
    pub ssl_mode: SslMode,
    /// `sslrootcert`: a PEM file of CAs to trust instead of the system's.
    pub ssl_root_cert: Option<PathBuf>,
    ssl_mode_given: bool,
}

/// Parameters skene handles itself rather than the driver.
const OURS: [&str; 2] = ["sslmode", "sslrootcert"];

impl DbUrl {
    /// Parses `raw`. Errors never quote it (it may hold the password).
    pub fn parse(raw: &str) -> Result<DbUrl, DbError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DbError::config("the database URL is empty"));
        }
        let (rest, ours) = if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            split_url_params(raw)
        } else if raw.contains('=') {
            split_keyword_params(raw)
        } else {
            return Err(DbError::config(
                "the database URL is neither a postgresql:// URL nor key=value pairs",
            ));
        };
        let mut config = tokio_postgres::Config::from_str(&rest)
            .map_err(|e| DbError::config(format!("the database URL is not valid: {e}")))?;
        let mut url = DbUrl {
            config: tokio_postgres::Config::new(),
            ssl_mode: SslMode::default(),
            ssl_root_cert: None,
            ssl_mode_given: false,
        };
        for (key, value) in ours {
            match key.as_str() {
                "sslmode" => {
                    url.ssl_mode = SslMode::parse(&value).ok_or_else(|| {
                        DbError::config(
                            "the database URL's sslmode is not one of disable, allow, prefer, \
                             require, verify-ca, verify-full",
                        )
                    })?;
                    url.ssl_mode_given = true;
                }
                _ => url.ssl_root_cert = Some(PathBuf::from(value)),
            }
        }
        if config.get_hosts().is_empty() {
            config.host("localhost");
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(DEFAULT_CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name(APPLICATION_NAME);
        }
        url.config = config;
        Ok(url)
    }

    /// Uses `password` (e.g. from `PGPASSWORD`) when the URL has none.
    pub fn set_password_if_missing(&mut self, password: &str) {
        if self.config.get_password().is_none() && !password.is_empty() {
            self.config.password(password);
        }
    }

    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    /// The password, for scrubbing it out of driver messages.
    pub(super) fn password(&self) -> Option<String> {
        self.config
            .get_password()
            .map(|p| String::from_utf8_lossy(p).into_owned())
    }

    /// The driver's settings (with the TLS mode still to be applied).
    pub(super) fn config(&self) -> &tokio_postgres::Config {
        &self.config
    }

    pub fn user(&self) -> Option<&str> {
        self.config.get_user()
    }

    pub fn dbname(&self) -> Option<&str> {
        self.config.get_dbname()
    }

    /// Whether every host is a unix socket or a loopback address.
    pub fn is_local(&self) -> bool {
        self.config.get_hosts().iter().all(|h| match h {
            Host::Tcp(name) => {
                name == "localhost"
                    || name
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            #[cfg(unix)]
            Host::Unix(_) => true,
        })
    }

    /// Which database this is, whatever the URL's spelling: each host
    /// (lower-cased; `localhost`, 127.0.0.1 and ::1 as `localhost`) with its port
    /// (5432 when none), and the database name (the user's name when none, as
    /// the server assumes). No user, password or parameters: the same database
    /// reached with or without a password, or with other options, is the same.
    pub fn identity(&self) -> String {
        let c = &self.config;
        let ports = c.get_ports();
        let hosts: Vec<String> = c
            .get_hosts()
            .iter()
            .enumerate()
            .map(|(i, host)| {
                let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
                match host {
                    Host::Tcp(name) => {
                        let name = name.trim_matches(['[', ']']).to_ascii_lowercase();
                        let loopback = name == "localhost"
                            || name
                                .parse::<std::net::IpAddr>()
                                .is_ok_and(|ip| ip.is_loopback());
                        let name = if loopback {
                            "localhost".to_owned()
                        } else {
                            name
                        };
                        format!("{name}:{port}")
                    }
                    #[cfg(unix)]
                    Host::Unix(path) => format!("{}:{port}", path.to_string_lossy()),
                }
            })
            .collect();
        let db = c.get_dbname().or(c.get_user()).unwrap_or("");
        format!("{}/{db}", hosts.join(","))
    }

    /// `postgresql://user:***@host:port/db?sslmode=…`: what messages show.
    pub fn redacted(&self) -> String {
        let c = &self.config;
        let mut out = String::from("postgresql://");
        if let Some(user) = c.get_user() {
            out.push_str(&encode(user));
        }
        if c.get_password().is_some() {
            out.push_str(":***");
        }
        if c.get_user().is_some() || c.get_password().is_some() {
            out.push('@');
        }
        let ports = c.get_ports();
        let mut sockets = Vec::new();
        let mut tcp = Vec::new();
        for (i, host) in c.get_hosts().iter().enumerate() {
            let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
            match host {
                Host::Tcp(name) if name.contains(':') => tcp.push(format!("[{name}]:{port}")),
                Host::Tcp(name) => tcp.push(format!("{}:{port}", encode(name))),
                #[cfg(unix)]
                Host::Unix(path) => {
                    sockets.push(format!("host={}", encode(&path.to_string_lossy())))
                }
            }
        }
        out.push_str(&tcp.join(","));
        out.push('/');
        if let Some(db) = c.get_dbname() {
            out.push_str(&encode(db));
        }
        let mut params = sockets;
        if self.ssl_mode_given {
            params.push(format!("sslmode={}", self.ssl_mode.as_str()));
        }
        if !params.is_empty() {
            out.push('?');
            out.push_str(&params.join("&"));
        }
        out
    }
}

impl fmt::Display for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DbUrl({})", self.redacted())
    }
}

/// Percent-encodes what would make the shown URL ambiguous.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '@' | ':' | '/' | '?' | '&' | '=' | '%' | '#' | ' ' | ',' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("%{:02X}", c as u32 & 0xff)),
            c => out.push(c),
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Takes `sslmode` and `sslrootcert` out of a URL's query (found where the driver
/// looks for it: after the first `@`).
fn split_url_params(raw: &str) -> (String, Vec<(String, String)>) {
    let after_creds = raw.find('@').map_or(0, |i| i + 1);
    let Some(q) = raw[after_creds..].find('?').map(|i| i + after_creds) else {
        return (raw.to_owned(), Vec::new());
    };
    let mut kept = Vec::new();
    let mut ours = Vec::new();
    for pair in raw[q + 1..].split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k);
        if OURS.contains(&key.as_str()) {
            ours.push((key, percent_decode(v)));
        } else {
            kept.push(pair);
        }
    }
    let mut rest = raw[..q].to_owned();
    if !kept.is_empty() {
        rest.push('?');
        rest.push_str(&kept.join("&"));
    }
    (rest, ours)
}

/// The same for `key=value` pairs (values may be single-quoted with `\` escapes).
fn split_keyword_params(raw: &str) -> (String, Vec<(String, String)>) {
    let chars: Vec<char> = raw.chars().collect();
    let mut i = 0;
    let mut kept = String::new();
    let mut ours = Vec::new();
    while i < chars.len() {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let start = i;
        while i < chars.len() && chars[i] != '=' && !chars[i].is_whitespace() {
            i += 1;
        }
        let key: String = chars[start..i].iter().collect();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i < chars.len() && chars[i] == '=' {
            i += 1;
        }
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < chars.len() && chars[i] == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    i += 1;
                }
                value.push(chars[i]);
                i += 1;
            }
            i += 1;
        } else {
            while i < chars.len() && !chars[i].is_whitespace() {
                value.push(chars[i]);
                i += 1;
            }
        }
        if key.is_empty() {
            continue;
        }
        if OURS.contains(&key.as_str()) {
            ours.push((key, value));
        } else {
            let quoted = value.replace('\\', "\\\\").replace('\'', "\\'");
            kept.push_str(&format!("{key}='{quoted}' "));
        }
    }
    (kept, ours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_their_password() {
        let url = DbUrl::parse("postgresql://ada:s3cr%40t@db.example.com:6543/postgres?sslmode=verify-full&application_name=x").unwrap();
        assert_eq!(
            url.redacted(),
            "postgresql://ada:***@db.example.com:6543/postgres?sslmode=verify-full"
        );
        assert_eq!(url.ssl_mode, SslMode::VerifyFull);
        assert_eq!(url.password().as_deref(), Some("s3cr@t"));
        assert!(!format!("{url:?} {url}").contains("s3cr"));
        assert!(!url.is_local());
    }

    #[test]
    fn keyword_form_and_defaults() {
        let url = DbUrl::parse("host=127.0.0.1 port=5433 user=u password='p w\\'d' dbname=d sslmode=disable sslrootcert=/ca.pem").unwrap();
        assert_eq!(
            url.redacted(),
            "postgresql://u:***@127.0.0.1:5433/d?sslmode=disable"
        );
        assert_eq!(url.password().as_deref(), Some("p w'd"));
        assert_eq!(url.ssl_root_cert, Some(PathBuf::from("/ca.pem")));
        assert!(url.is_local());
        let plain = DbUrl::parse("postgres://localhost/app").unwrap();
        assert_eq!(plain.ssl_mode, SslMode::Prefer);
        assert_eq!(plain.redacted(), "postgresql://localhost:5432/app");
        assert_eq!(plain.config().get_application_name(), Some("skene"));
    }

    #[test]
    fn bad_urls_do_not_echo_themselves() {
        for raw in [
            "postgresql://u:hunter22@h:notaport/db",
            "postgresql://u:hunter22@h/db?sslmode=hunter22",
            "postgresql://u:hunter22@h/db?bogus=1",
            "hunter22",
        ] {
            let err = DbUrl::parse(raw).unwrap_err().to_string();
            assert!(!err.contains("hunter22"), "{err}");
        }
    }

    #[test]
    fn a_password_from_the_environment_fills_a_gap_only() {
        let mut url = DbUrl::parse("postgresql://u@h/db").unwrap();
        assert!(!url.has_password());
        url.set_password_if_missing("pw");
        assert_eq!(url.password().as_deref(), Some("pw"));
        url.set_password_if_missing("other");
        assert_eq!(url.password().as_deref(), Some("pw"));
    }
}
