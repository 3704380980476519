//! The OS service that keeps `skene agent run` going: a systemd user unit on
//! Linux, a LaunchAgent on macOS. Pure: the files' text and where they go; the
//! command writes them and asks systemctl or launchctl to start them.
//!
//! Neither file holds a secret: the agent reads the proxy secret from the OS
//! keyring (or `credentials.toml`), and the unit may read `SKENE_PROXY_SECRET` or
//! `DATABASE_URL` from an optional 0600 environment file the user writes.

use std::path::{Path, PathBuf};

pub const SYSTEMD_UNIT: &str = "skene-agent.service";
pub const LAUNCHD_LABEL: &str = "ai.skene.agent";
/// The optional environment file, in the config directory.
pub const ENV_FILE: &str = "agent.env";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Systemd,
    Launchd,
}

impl Kind {
    /// This platform's kind, if it has one.
    pub fn native() -> Option<Kind> {
        if cfg!(target_os = "macos") {
            Some(Kind::Launchd)
        } else if cfg!(target_os = "linux") {
            Some(Kind::Systemd)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Systemd => "systemd user unit",
            Kind::Launchd => "LaunchAgent",
        }
    }
}

/// What the service runs.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The skene binary (absolute).
    pub program: PathBuf,
    /// Its arguments: `agent run …`.
    pub args: Vec<String>,
    /// The project directory (where `.skene.config` is found).
    pub working_dir: PathBuf,
    /// Non-secret variables to set (e.g. `SKENE_CONFIG_DIR`).
    pub env: Vec<(String, String)>,
    /// The optional environment file (systemd only).
    pub env_file: PathBuf,
    /// Where launchd writes the agent's output.
    pub log_file: PathBuf,
}

/// Where the service file goes.
pub fn path(kind: Kind, home: &Path, xdg_config: Option<&Path>) -> PathBuf {
    match kind {
        Kind::Systemd => xdg_config
            .map(Path::to_path_buf)
            .unwrap_or_else(|| home.join(".config"))
            .join("systemd/user")
            .join(SYSTEMD_UNIT),
        Kind::Launchd => home
            .join("Library/LaunchAgents")
            .join(format!("{LAUNCHD_LABEL}.plist")),
    }
}

/// The launchd log file.
pub fn launchd_log(home: &Path) -> PathBuf {
    home.join("Library/Logs/skene-agent.log")
}

/// Why a value cannot go into a service file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable(pub String);

fn check(value: &str) -> Result<(), Unwritable> {
    if value.chars().any(|c| c.is_control()) {
        return Err(Unwritable(format!(
            "`{}` holds a line break or control character",
            value.escape_debug()
        )));
    }
    Ok(())
}

/// One word of a systemd command line or assignment: double-quoted, `\` and `"`
/// escaped, `%` (specifiers) and `$` (variables) doubled.
fn systemd_word(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '%' => out.push_str("%%"),
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A path in a directive that takes no quotes: `%` doubled.
fn systemd_path(path: &Path) -> String {
    path.to_string_lossy().replace('%', "%%")
}

pub fn systemd_unit(spec: &Spec) -> Result<String, Unwritable> {
    let mut words = vec![spec.program.to_string_lossy().into_owned()];
    words.extend(spec.args.iter().cloned());
    for w in &words {
        check(w)?;
    }
    check(&spec.working_dir.to_string_lossy())?;
    check(&spec.env_file.to_string_lossy())?;
    let exec: Vec<String> = words.iter().map(|w| systemd_word(w)).collect();
    let mut env = String::new();
    for (name, value) in &spec.env {
        check(value)?;
        env.push_str(&format!(
            "Environment={}\n",
            systemd_word(&format!("{name}={value}"))
        ));
    }
    Ok(format!(
        "# Written by `skene agent service install`; `skene agent service uninstall` removes it.
# No secret here: the agent reads the proxy secret from the OS keyring (or the
# config directory's credentials.toml); SKENE_PROXY_SECRET or DATABASE_URL may be
# put in the optional EnvironmentFile below (create it with mode 0600).
[Unit]
Description=Skene agent: forwards growth events from the database to Skene Cloud
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
WorkingDirectory={}
ExecStart={}
{env}EnvironmentFile=-{}
Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
",
        systemd_path(&spec.working_dir),
        exec.join(" "),
        systemd_path(&spec.env_file),
    ))
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn launchd_plist(spec: &Spec) -> Result<String, Unwritable> {
    let mut args = vec![spec.program.to_string_lossy().into_owned()];
    args.extend(spec.args.iter().cloned());
    for a in &args {
        check(a)?;
    }
    let arguments: String = args
        .iter()
        .map(|a| format!("    <string>{}</string>\n", xml(a)))
        .collect();
    let mut env = String::new();
    if !spec.env.is_empty() {
        env.push_str("  <key>EnvironmentVariables</key>\n  <dict>\n");
        for (name, value) in &spec.env {
            check(value)?;
            env.push_str(&format!(
                "    <key>{}</key>\n    <string>{}</string>\n",
                xml(name),
                xml(value)
            ));
        }
        env.push_str("  </dict>\n");
    }
    let log = xml(&spec.log_file.to_string_lossy());
    Ok(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<!-- Written by `skene agent service install`. No secret here: the agent reads the
     proxy secret from the macOS Keychain. -->
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>{LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
{arguments}  </array>
  <key>WorkingDirectory</key>
  <string>{}</string>
{env}  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>5</integer>
  <key>ProcessType</key>
  <string>Background</string>
  <key>StandardOutPath</key>
  <string>{log}</string>
  <key>StandardErrorPath</key>
  <string>{log}</string>
</dict>
</plist>
"#,
        xml(&spec.working_dir.to_string_lossy()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        Spec {
            program: PathBuf::from("/opt/my tools/skene"),
            args: vec![
                "agent".into(),
                "run".into(),
                "--api-url".into(),
                "https://x.example/api/v1?a=1&b=%20$HOME\"".into(),
            ],
            working_dir: PathBuf::from("/home/ada/app"),
            env: vec![("SKENE_CONFIG_DIR".into(), "/home/ada/.skene <x>".into())],
            env_file: PathBuf::from("/home/ada/.config/skene/agent.env"),
            log_file: PathBuf::from("/Users/ada/Library/Logs/skene-agent.log"),
        }
    }

    #[test]
    fn the_unit_quotes_every_word() {
        let unit = systemd_unit(&spec()).unwrap();
        assert!(unit.contains(
            r#"ExecStart="/opt/my tools/skene" "agent" "run" "--api-url" "https://x.example/api/v1?a=1&b=%%20$$HOME\"""#
        ), "{unit}");
        assert!(unit.contains("Restart=on-failure\nRestartSec=5\n"));
        assert!(unit.contains("After=network-online.target\n"));
        assert!(unit.contains("EnvironmentFile=-/home/ada/.config/skene/agent.env\n"));
        let mut bad = spec();
        bad.args.push("a\nExecStartPre=/bin/evil".into());
        assert!(systemd_unit(&bad).is_err());
        assert!(launchd_plist(&bad).is_err());
    }

    #[test]
    fn the_plist_parses_and_says_what_launchd_needs() {
        let text = launchd_plist(&spec()).unwrap();
        let value = plist::Value::from_reader_xml(text.as_bytes()).unwrap();
        let dict = value.as_dictionary().unwrap();
        assert_eq!(dict["Label"].as_string(), Some(LAUNCHD_LABEL));
        let args: Vec<&str> = dict["ProgramArguments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_string().unwrap())
            .collect();
        assert_eq!(args[0], "/opt/my tools/skene");
        assert_eq!(args[4], "https://x.example/api/v1?a=1&b=%20$HOME\"");
        let keep = dict["KeepAlive"].as_dictionary().unwrap();
        assert_eq!(keep["SuccessfulExit"].as_boolean(), Some(false));
        assert_eq!(
            dict["StandardErrorPath"].as_string(),
            Some("/Users/ada/Library/Logs/skene-agent.log")
        );
        assert_eq!(
            dict["EnvironmentVariables"].as_dictionary().unwrap()["SKENE_CONFIG_DIR"].as_string(),
            Some("/home/ada/.skene <x>")
        );
        assert_eq!(dict["RunAtLoad"].as_boolean(), Some(true));
    }
}
