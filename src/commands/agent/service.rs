//! `skene agent service install|uninstall|status`: keep `skene agent run` going
//! as a systemd user unit (Linux) or a LaunchAgent (macOS), restarted when it
//! fails. The service file holds no secret.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use crate::agent::service::{self, Kind, Spec};
use crate::commands::Context;
use crate::db::DbUrl;
use crate::error::CliError;
use crate::settings::{Source, env};

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Write the service file for `skene agent run` in this directory, and start it
    Install(InstallArgs),
    /// Stop the service and remove its file
    Uninstall(KindArgs),
    /// Say whether the service is installed and running
    Status(KindArgs),
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Linux: ~/.config/systemd/user/skene-agent.service (Restart=on-failure, RestartSec=5,
After=network-online.target), enabled with `systemctl --user enable --now`. To keep it
running while you are logged out: `loginctl enable-linger $USER`.
macOS: ~/Library/LaunchAgents/ai.skene.agent.plist (KeepAlive when it fails), logs in
~/Library/Logs/skene-agent.log, loaded with `launchctl bootstrap`.

The agent runs in the current directory (so it finds .skene.config there) with the
--api-url, --upstream, --workspace and --db given here. No secret goes into the file:
the agent reads the proxy secret from the OS keyring (or credentials.toml); a database
password belongs in db_url of .skene.config, or DATABASE_URL in the optional 0600 file
<config dir>/agent.env that the systemd unit reads.")]
pub struct InstallArgs {
    /// The database, without a password [default: as `skene agent run` finds it]
    #[arg(long, value_name = "URL")]
    pub db: Option<String>,

    /// Pass --take-over to the agent
    #[arg(long)]
    pub take_over: bool,

    /// Print the service file instead of writing it
    #[arg(long)]
    pub dry_run: bool,

    /// Write the file, but do not start the service
    #[arg(long)]
    pub no_start: bool,

    #[command(flatten)]
    pub kind: KindArgs,
}

#[derive(Debug, Args)]
pub struct KindArgs {
    /// The kind of service [default: this platform's]
    #[arg(long, value_enum, hide = true)]
    pub kind: Option<KindChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindChoice {
    Systemd,
    Launchd,
}

impl KindArgs {
    fn resolve(&self) -> Result<Kind, CliError> {
        match self.kind {
            Some(KindChoice::Systemd) => Ok(Kind::Systemd),
            Some(KindChoice::Launchd) => Ok(Kind::Launchd),
            None => Kind::native().ok_or_else(|| {
                CliError::usage("no service manager is supported on this platform (systemd on Linux, launchd on macOS)")
                    .hint("run `skene agent run` under your own supervisor")
            }),
        }
    }
}

pub fn run(ctx: &Context, cmd: ServiceCommand) -> anyhow::Result<()> {
    match cmd {
        ServiceCommand::Install(args) => install(ctx, args),
        ServiceCommand::Uninstall(args) => uninstall(ctx, &args),
        ServiceCommand::Status(args) => status(ctx, &args),
    }
}

fn home() -> Result<PathBuf, CliError> {
    directories::BaseDirs::new()
        .map(|b| b.home_dir().to_path_buf())
        .ok_or_else(|| CliError::failure("cannot find the home directory"))
}

fn file_path(kind: Kind) -> Result<PathBuf, CliError> {
    let xdg = directories::BaseDirs::new().map(|b| b.config_dir().to_path_buf());
    Ok(service::path(
        kind,
        &home()?,
        if cfg!(target_os = "linux") {
            xdg.as_deref()
        } else {
            None
        },
    ))
}

/// The `skene agent run …` command line the service runs.
fn agent_args(ctx: &Context, args: &InstallArgs) -> Result<Vec<String>, CliError> {
    let mut out = vec!["agent".to_owned(), "run".to_owned()];
    let flags = &ctx.settings.flags;
    for (value, flag) in [
        (&flags.api_url, "--api-url"),
        (&flags.upstream, "--upstream"),
        (&flags.workspace, "--workspace"),
    ] {
        if let Some(v) = value {
            out.push(flag.to_owned());
            out.push(v.value.clone());
        }
    }
    if let Some(raw) = &args.db {
        let url = DbUrl::parse(raw).map_err(|e| super::source::db_error(&e))?;
        if url.has_password() {
            return Err(CliError::usage(
                "the service file would hold the database password from --db",
            )
            .hint("put db_url in .skene.config, or DATABASE_URL in <config dir>/agent.env (mode 0600), and leave --db out")
            .hint("or give --db without the password and set PGPASSWORD in that file"));
        }
        out.push("--db".to_owned());
        out.push(raw.clone());
    }
    if args.take_over {
        out.push("--take-over".to_owned());
    }
    Ok(out)
}

fn install(ctx: &Context, args: InstallArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let kind = args.kind.resolve()?;
    let program = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| CliError::failure(format!("cannot find the skene binary: {e}")))?;
    let working_dir = std::env::current_dir()
        .map_err(|e| CliError::failure(format!("cannot read the current directory: {e}")))?;
    let config_dir = ctx.config_dir()?.to_path_buf();
    let mut spec_env = Vec::new();
    if env::get_os(env::CONFIG_DIR).is_some() {
        spec_env.push((
            env::CONFIG_DIR.to_owned(),
            config_dir.to_string_lossy().into_owned(),
        ));
    }
    if ctx.settings.flags.api_url.as_ref().map(|v| &v.source) == Some(&Source::Env(env::API_URL))
        || ctx.settings.flags.upstream.as_ref().map(|v| &v.source)
            == Some(&Source::Env(env::UPSTREAM))
    {
        p.status("The API URL from the environment is written into the service as a flag");
    }
    let spec = Spec {
        program,
        args: agent_args(ctx, &args)?,
        working_dir,
        env: spec_env,
        env_file: config_dir.join(service::ENV_FILE),
        log_file: service::launchd_log(&home()?),
    };
    let text = match kind {
        Kind::Systemd => service::systemd_unit(&spec),
        Kind::Launchd => service::launchd_plist(&spec),
    }
    .map_err(|e| CliError::usage(format!("cannot write the service file: {}", e.0)))?;
    if args.dry_run {
        p.raw(text.as_bytes())?;
        return Ok(());
    }
    let path = file_path(kind)?;
    if kind == Kind::Systemd {
        env_file(ctx, &args, &spec.env_file)?;
    }
    crate::fsutil::write_atomic(&path, text.as_bytes(), 0o644)
        .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
    p.success(format!("Wrote the {} {}", kind.name(), path.display()));
    if args.no_start {
        p.hint(format!(
            "start it with: {}",
            start_commands(kind, &path).join(" && ")
        ));
        return Ok(());
    }
    for cmd in start_commands(kind, &path) {
        let words: Vec<&str> = cmd.split(' ').collect();
        run_tool(&words)?;
    }
    p.success("Started; it restarts when it fails and at login");
    match kind {
        Kind::Systemd => p.hint(format!(
            "logs: journalctl --user -u {}; to run while logged out: loginctl enable-linger",
            service::SYSTEMD_UNIT
        )),
        Kind::Launchd => p.hint(format!("logs: {}", spec.log_file.display())),
    }
    Ok(())
}

/// The unit's optional `EnvironmentFile`: when the database comes from this
/// shell's DATABASE_URL (no --db, no db_url in .skene.config), the service would
/// not have it, so it is written there, readable by this user alone. An
/// existing file is left as it is, and said when others can read it.
fn env_file(ctx: &Context, args: &InstallArgs, path: &Path) -> Result<(), CliError> {
    let p = &ctx.printer;
    if path.exists() {
        warn_if_readable(p, path);
        return Ok(());
    }
    let in_project = matches!(ctx.settings.project(), Ok(Some(cfg)) if cfg.db_url.is_some());
    let Some(url) = env::get(env::DATABASE_URL).filter(|u| !u.trim().is_empty()) else {
        return Ok(());
    };
    if args.db.is_some() || in_project {
        return Ok(());
    }
    let quoted = url.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "# Read by the skene agent's systemd unit; holds the database URL. Keep it mode 0600.\nDATABASE_URL=\"{quoted}\"\n"
    );
    crate::fsutil::write_atomic(path, text.as_bytes(), 0o600)
        .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
    p.success(format!(
        "Wrote {} (mode 0600): the service reads DATABASE_URL from it",
        path.display()
    ));
    Ok(())
}

/// Says when a file that may hold a password can be read by others.
fn warn_if_readable(p: &crate::output::Printer, path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                p.warn(format!(
                    "{} can be read by other users of this machine (mode {mode:03o}) and may hold the database password; run `chmod 600 {}`",
                    path.display(),
                    path.display()
                ));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (p, path);
}

fn start_commands(kind: Kind, path: &Path) -> Vec<String> {
    match kind {
        Kind::Systemd => vec![
            "systemctl --user daemon-reload".to_owned(),
            format!("systemctl --user enable --now {}", service::SYSTEMD_UNIT),
        ],
        Kind::Launchd => vec![format!(
            "launchctl bootstrap gui/{} {}",
            uid(),
            path.display()
        )],
    }
}

#[cfg(unix)]
fn uid() -> u32 {
    rustix::process::getuid().as_raw()
}

#[cfg(not(unix))]
fn uid() -> u32 {
    0
}

/// Runs systemctl or launchctl; its failure is ours, with what it said.
fn run_tool(words: &[&str]) -> Result<String, CliError> {
    let (program, rest) = words.split_first().unwrap_or((&"true", &[]));
    let out = Command::new(program)
        .args(rest)
        .env_clear()
        .envs(env::for_child())
        .output()
        .map_err(|e| CliError::failure(format!("cannot run {program}: {e}")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(CliError::failure(format!(
            "`{}` failed: {}",
            words.join(" "),
            crate::output::sanitize::line(&said)
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn uninstall(ctx: &Context, args: &KindArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let kind = args.resolve()?;
    let path = file_path(kind)?;
    if !path.exists() {
        p.status(format!(
            "No {} at {}; nothing to remove.",
            kind.name(),
            path.display()
        ));
        return Ok(());
    }
    let stop = match kind {
        Kind::Systemd => vec![format!(
            "systemctl --user disable --now {}",
            service::SYSTEMD_UNIT
        )],
        Kind::Launchd => vec![format!(
            "launchctl bootout gui/{}/{}",
            uid(),
            service::LAUNCHD_LABEL
        )],
    };
    for cmd in &stop {
        let words: Vec<&str> = cmd.split(' ').collect();
        if let Err(e) = run_tool(&words) {
            p.warn(format!("{}; removing the file anyway", e.message));
        }
    }
    std::fs::remove_file(&path)
        .map_err(|e| CliError::failure(format!("cannot remove {}: {e}", path.display())))?;
    if kind == Kind::Systemd {
        let _ = run_tool(&["systemctl", "--user", "daemon-reload"]);
    }
    p.success(format!("Removed {}", path.display()));
    Ok(())
}

fn status(ctx: &Context, args: &KindArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let kind = args.resolve()?;
    let path = file_path(kind)?;
    let installed = path.exists();
    if kind == Kind::Systemd {
        warn_if_readable(p, &ctx.config_dir()?.join(service::ENV_FILE));
    }
    let state = if installed {
        let query = match kind {
            Kind::Systemd => run_tool(&["systemctl", "--user", "is-active", service::SYSTEMD_UNIT]),
            Kind::Launchd => run_tool(&[
                "launchctl",
                "print",
                &format!("gui/{}/{}", uid(), service::LAUNCHD_LABEL),
            ])
            .map(|_| "loaded".to_owned()),
        };
        match query {
            Ok(s) => s,
            Err(e) => format!("unknown ({})", e.message),
        }
    } else {
        "not installed".to_owned()
    };
    if p.json_mode() {
        p.json(&json!({"kind": match kind { Kind::Systemd => "systemd", Kind::Launchd => "launchd" }, "path": path, "installed": installed, "state": state}))?;
    } else if installed {
        p.data(format!("{}: {} ({state})", kind.name(), path.display()))?;
    } else {
        p.data(format!(
            "{}: not installed ({} does not exist)",
            kind.name(),
            path.display()
        ))?;
    }
    Ok(())
}
