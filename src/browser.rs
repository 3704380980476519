//! Opening a web page: `$BROWSER` if set, else the platform's opener, always with
//! an environment that holds no skene secret.

use std::process::{Command, Stdio};

use crate::settings::env;

/// Why no browser was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOpened {
    /// Linux without DISPLAY or WAYLAND_DISPLAY (an SSH session, a container).
    NoDisplay,
    /// The opener could not be started or failed.
    Failed(String),
}

/// Opens `url`, waiting for the opener (not the browser) to finish. The opener
/// runs in a process group of its own (as Python's `webbrowser` does): a Ctrl-C
/// in the terminal, or the terminal closing, stops skene and not the browser.
pub fn open(url: &str) -> Result<(), NotOpened> {
    let mut cmd = opener()?;
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd.arg(url)
        .env_clear()
        .envs(env::for_child())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(NotOpened::Failed(format!("the opener exited with {s}"))),
        Err(e) => Err(NotOpened::Failed(e.to_string())),
    }
}

/// Whether [`open`] has something to run here (`$BROWSER`, or the platform's
/// opener with a display), without running it.
pub fn available() -> Result<(), NotOpened> {
    opener().map(|_| ())
}

fn opener() -> Result<Command, NotOpened> {
    if let Some(browser) = env::get(env::BROWSER) {
        // `$BROWSER` may hold several programs separated by `:`; the first is used.
        let first = browser
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        if !first.is_empty() {
            return Ok(Command::new(first));
        }
    }
    if cfg!(target_os = "macos") {
        Ok(Command::new("open"))
    } else if cfg!(windows) {
        let mut c = Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        Ok(c)
    } else {
        let graphical =
            env::get_os(env::DISPLAY).is_some() || env::get_os(env::WAYLAND_DISPLAY).is_some();
        if !graphical {
            return Err(NotOpened::NoDisplay);
        }
        Ok(Command::new("xdg-open"))
    }
}
