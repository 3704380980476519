//! The one registry of environment variables: every variable skene reads is
//! declared here, with what it means and where it is documented, and read through
//! [`get`] (a `clippy.toml` rule forbids `std::env::var` anywhere else).
//!
//! The man page's ENVIRONMENT section is generated from [`REGISTRY`].
#![allow(clippy::disallowed_methods)]

use std::ffi::OsString;

/// Who a variable belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// skene's own (`SKENE_*`).
    Skene,
    /// A convention shared with other tools (`CI`, `NO_COLOR`, `SSL_CERT_FILE`, …).
    Standard,
    /// For skene's own test suite; not for users.
    Test,
}

/// One environment variable skene reads.
#[derive(Debug, Clone, Copy)]
pub struct Var {
    pub name: &'static str,
    pub meaning: &'static str,
    /// Where a user reads more (a README section or a command's help).
    pub documented: &'static str,
    /// Holds a secret: never shown, never handed to a child process.
    pub secret: bool,
    pub scope: Scope,
}

pub const API_KEY: &str = "SKENE_API_KEY";
pub const UPSTREAM_API_KEY: &str = "SKENE_UPSTREAM_API_KEY";
pub const API_URL: &str = "SKENE_API_URL";
pub const UPSTREAM: &str = "SKENE_UPSTREAM";
pub const WORKSPACE: &str = "SKENE_WORKSPACE";
pub const NO_INPUT: &str = "SKENE_NO_INPUT";
pub const CREDENTIAL_STORE: &str = "SKENE_CREDENTIAL_STORE";
pub const OUTPUT_DIR: &str = "SKENE_OUTPUT_DIR";
pub const CONFIG_DIR: &str = "SKENE_CONFIG_DIR";
pub const HTTP_TIMEOUT: &str = "SKENE_HTTP_TIMEOUT";
pub const RETRY_BASE_DELAY_MS: &str = "SKENE_RETRY_BASE_DELAY_MS";
pub const CI: &str = "CI";
pub const NO_COLOR: &str = "NO_COLOR";
pub const TERM: &str = "TERM";
pub const GITHUB_ACTIONS: &str = "GITHUB_ACTIONS";
pub const SSL_CERT_FILE: &str = "SSL_CERT_FILE";
pub const SSL_CERT_DIR: &str = "SSL_CERT_DIR";
pub const HOME: &str = "HOME";
pub const XDG_CONFIG_HOME: &str = "XDG_CONFIG_HOME";
pub const DBUS_SESSION_BUS_ADDRESS: &str = "DBUS_SESSION_BUS_ADDRESS";
pub const XDG_RUNTIME_DIR: &str = "XDG_RUNTIME_DIR";
pub const DISPLAY: &str = "DISPLAY";
pub const WAYLAND_DISPLAY: &str = "WAYLAND_DISPLAY";
pub const BROWSER: &str = "BROWSER";
pub const DATABASE_URL: &str = "DATABASE_URL";
pub const PGPASSWORD: &str = "PGPASSWORD";
pub const PROXY_SECRET: &str = "SKENE_PROXY_SECRET";
pub const COMPLETE: &str = "SKENE_COMPLETE";

/// The key variables, in the order they are looked at.
pub const KEY_VARS: [&str; 2] = [API_KEY, UPSTREAM_API_KEY];

pub const REGISTRY: &[Var] = &[
    Var {
        name: API_KEY,
        meaning: "the workspace API key to use instead of a stored login (scripts and CI)",
        documented: "README: Log in; skene-login(1)",
        secret: true,
        scope: Scope::Skene,
    },
    Var {
        name: UPSTREAM_API_KEY,
        meaning: "the Python client's name for SKENE_API_KEY; read when SKENE_API_KEY is unset",
        documented: "README: Log in",
        secret: true,
        scope: Scope::Skene,
    },
    Var {
        name: API_URL,
        meaning: "the API base URL, used verbatim (same as --api-url)",
        documented: "skene(1) --api-url",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: UPSTREAM,
        meaning: "the workspace URL; its origin + /api/v1 is the API base (same as --upstream)",
        documented: "skene(1) --upstream",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: WORKSPACE,
        meaning: "the saved login to use, by workspace slug or profile name (same as --workspace)",
        documented: "skene(1) --workspace",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: NO_INPUT,
        meaning: "never prompt; fail and name the flag that would answer (same as --no-input)",
        documented: "skene(1) --no-input",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: CREDENTIAL_STORE,
        meaning: "where `skene login` keeps the key: auto, keyring or file (same as --store)",
        documented: "skene-login(1) --store",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: OUTPUT_DIR,
        meaning: "the bundle directory, relative to the project (same as --output-dir)",
        documented: "skene-push(1) --output-dir",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: CONFIG_DIR,
        meaning: "the directory of config.toml and credentials.toml (default ~/.config/skene)",
        documented: "README: Where keys live",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: HTTP_TIMEOUT,
        meaning: "seconds a command may wait for the server, retries included (0.1 to 86400; default 60)",
        documented: "skene(1) --http-timeout",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: COMPLETE,
        meaning: "set by the completion scripts of `skene completions`: complete the command line instead of running it",
        documented: "skene-completions(1)",
        secret: false,
        scope: Scope::Skene,
    },
    Var {
        name: RETRY_BASE_DELAY_MS,
        meaning: "the first retry's delay in milliseconds (default 250); for skene's own tests",
        documented: "tests/support",
        secret: false,
        scope: Scope::Test,
    },
    Var {
        name: CI,
        meaning: "when truthy, skene never prompts (as with --no-input)",
        documented: "skene(1) --no-input",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: NO_COLOR,
        meaning: "when set and not empty, no colors",
        documented: "skene(1) --color",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: TERM,
        meaning: "`dumb` turns colors off",
        documented: "skene(1) --color",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: GITHUB_ACTIONS,
        meaning: "`true` adds ::error/::warning workflow commands to validate and push",
        documented: "skene-validate(1)",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: SSL_CERT_FILE,
        meaning: "a PEM file of CA certificates to trust (a private CA or a TLS-inspecting proxy)",
        documented: "README: Networks, proxies and certificates",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: SSL_CERT_DIR,
        meaning: "a directory of CA certificates (hashed names, as OpenSSL's) added to the system's roots",
        documented: "README: Networks, proxies and certificates",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: HOME,
        meaning: "the home directory: the default config dir is below it, and `.skene.config` is not looked for above it",
        documented: "README: Where keys live",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: XDG_CONFIG_HOME,
        meaning: "the base of the default config dir on Linux: $XDG_CONFIG_HOME/skene (else ~/.config/skene)",
        documented: "README: Where keys live",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: "HTTPS_PROXY",
        meaning: "proxy for HTTPS requests (also https_proxy, HTTP_PROXY, ALL_PROXY, NO_PROXY)",
        documented: "README: Networks, proxies and certificates",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: DBUS_SESSION_BUS_ADDRESS,
        meaning: "the D-Bus session bus of the Secret Service keyring (Linux)",
        documented: "README: Where keys live",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: XDG_RUNTIME_DIR,
        meaning: "where the D-Bus session bus socket is looked for when the address is unset (Linux)",
        documented: "README: Where keys live",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: DISPLAY,
        meaning: "with WAYLAND_DISPLAY: whether a browser can be opened (Linux)",
        documented: "skene-login(1), skene-integrations-open(1)",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: WAYLAND_DISPLAY,
        meaning: "with DISPLAY: whether a browser can be opened (Linux)",
        documented: "skene-login(1), skene-integrations-open(1)",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: BROWSER,
        meaning: "the program that opens web pages, instead of the platform's opener",
        documented: "skene-login(1), skene-integrations-open(1)",
        secret: false,
        scope: Scope::Standard,
    },
    Var {
        name: DATABASE_URL,
        meaning: "the PostgreSQL database to check or read events from (same as --db)",
        documented: "README: Database triggers",
        secret: true,
        scope: Scope::Standard,
    },
    Var {
        name: PROXY_SECRET,
        meaning: "the workspace's proxy secret for the local agent's event forwarding (instead of `skene agent secret set`)",
        documented: "README: The local agent",
        secret: true,
        scope: Scope::Skene,
    },
    Var {
        name: PGPASSWORD,
        meaning: "the PostgreSQL password when the database URL has none",
        documented: "README: Database triggers",
        secret: true,
        scope: Scope::Standard,
    },
];

/// The registry entry of `name`.
pub fn lookup(name: &str) -> Option<&'static Var> {
    REGISTRY.iter().find(|v| v.name == name)
}

/// A variable's value; unset, empty and non-UTF-8 values read as `None`.
pub fn get(name: &str) -> Option<String> {
    debug_assert!(lookup(name).is_some(), "{name} is not in the registry");
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A variable the user named on the command line (`--proxy-secret-env VAR`): not in
/// the registry by definition; unset, empty and non-UTF-8 read as `None`.
pub fn get_named(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// A variable's raw value (paths); unset and empty read as `None`.
pub fn get_os(name: &str) -> Option<OsString> {
    debug_assert!(lookup(name).is_some(), "{name} is not in the registry");
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// Whether a variable is set to something other than a false word
/// (`0`, `false`, `no`, `off`, or empty).
pub fn truthy(name: &str) -> bool {
    get(name).is_some_and(|v| is_truthy(&v))
}

pub fn is_truthy(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    !(v.is_empty() || v == "0" || v == "false" || v == "no" || v == "off")
}

/// Whether a variable must not reach a child process: every `SKENE_*` variable
/// and every secret one.
pub fn withheld_from_children(name: &str) -> bool {
    name.starts_with("SKENE_") || lookup(name).is_some_and(|v| v.secret)
}

/// The environment of a child process (a browser, an opener): this process's,
/// without what [`withheld_from_children`] keeps back.
pub fn for_child() -> Vec<(OsString, OsString)> {
    std::env::vars_os()
        .filter(|(k, _)| k.to_str().is_none_or(|k| !withheld_from_children(k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_registered_once() {
        let mut names: Vec<&str> = REGISTRY.iter().map(|v| v.name).collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "a variable is registered twice");
        for name in [
            API_KEY,
            UPSTREAM_API_KEY,
            API_URL,
            UPSTREAM,
            WORKSPACE,
            NO_INPUT,
            CREDENTIAL_STORE,
            OUTPUT_DIR,
            CONFIG_DIR,
            HTTP_TIMEOUT,
            RETRY_BASE_DELAY_MS,
            CI,
            NO_COLOR,
            TERM,
            GITHUB_ACTIONS,
            SSL_CERT_FILE,
            SSL_CERT_DIR,
            HOME,
            XDG_CONFIG_HOME,
            DBUS_SESSION_BUS_ADDRESS,
            XDG_RUNTIME_DIR,
            DISPLAY,
            WAYLAND_DISPLAY,
            BROWSER,
            DATABASE_URL,
            PGPASSWORD,
            PROXY_SECRET,
            COMPLETE,
        ] {
            assert!(lookup(name).is_some(), "{name}");
        }
    }

    #[test]
    fn secrets_and_skene_variables_are_withheld() {
        assert!(withheld_from_children(API_KEY));
        assert!(withheld_from_children(UPSTREAM_API_KEY));
        assert!(withheld_from_children("SKENE_ANYTHING"));
        assert!(!withheld_from_children("PATH"));
        assert!(!withheld_from_children(DISPLAY));
    }

    #[test]
    fn truthy_words() {
        for yes in ["1", "true", "YES", "on", "anything"] {
            assert!(is_truthy(yes), "{yes}");
        }
        for no in ["", "0", "false", "No", " off "] {
            assert!(!is_truthy(no), "{no}");
        }
    }
}
