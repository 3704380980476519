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
    let mut cmd = opener(Some(url))?;
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    cmd.env_clear()
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
    opener(None).map(|_| ())
}

/// The command that opens `url` (`None`: only whether there is one).
fn opener(url: Option<&str>) -> Result<Command, NotOpened> {
    if let Some(browser) = env::get(env::BROWSER) {
        // `$BROWSER` may hold several commands separated by `:`; the first is used.
        // Like xdg-open, a command may carry arguments (`firefox --new-window`) and a
        // `%s` where the URL goes; without one, the URL is the last argument.
        let first = browser.split(':').next().unwrap_or_default();
        let words = shell_words(first)
            .ok_or_else(|| NotOpened::Failed(format!("$BROWSER has an unclosed quote: {first}")))?;
        if let Some((program, args)) = words.split_first() {
            let mut cmd = Command::new(program);
            let mut placed = false;
            for arg in args {
                if arg.contains("%s") {
                    placed = true;
                }
                cmd.arg(
                    arg.replace("%s", url.unwrap_or_default())
                        .replace("%%", "%"),
                );
            }
            if !placed && let Some(url) = url {
                cmd.arg(url);
            }
            return Ok(cmd);
        }
    }
    let mut cmd = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut c = Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        let graphical =
            env::get_os(env::DISPLAY).is_some() || env::get_os(env::WAYLAND_DISPLAY).is_some();
        if !graphical {
            return Err(NotOpened::NoDisplay);
        }
        Command::new("xdg-open")
    };
    if let Some(url) = url {
        cmd.arg(url);
    }
    Ok(cmd)
}

/// Splits a command line as a POSIX shell would, for quoting only (no expansion):
/// `'…'` is literal, `"…"` keeps spaces and honours `\"` and `\\`, a backslash
/// outside quotes escapes the next character. `None` for an unclosed quote.
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if let Some(w) = word.take() {
                    words.push(w);
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\' | '$' | '`') => w.push(c),
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::shell_words;

    #[test]
    fn browser_commands_are_split_as_a_shell_would() {
        let split = |s: &str| shell_words(s).map(|w| w.join("|"));
        assert_eq!(split("firefox").as_deref(), Some("firefox"));
        assert_eq!(
            split("  firefox   --new-window ").as_deref(),
            Some("firefox|--new-window")
        );
        assert_eq!(
            split("open -a 'Google Chrome' %s").as_deref(),
            Some("open|-a|Google Chrome|%s")
        );
        assert_eq!(
            split(r#""/opt/My Browser/bin" --x="a \"b\"" c\ d"#).as_deref(),
            Some(r#"/opt/My Browser/bin|--x=a "b"|c d"#)
        );
        assert_eq!(split("''").as_deref(), Some(""));
        assert_eq!(split("").as_deref(), Some(""));
        assert_eq!(split("'unclosed"), None);
        assert_eq!(split("\"unclosed"), None);
        assert_eq!(split("trailing\\"), None);
    }
}
