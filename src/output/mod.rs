//! The printer: the only place that writes to stdout and stderr.
//!
//! stdout carries data (tables, JSON, tokens, answers); everything else (status,
//! warnings, errors, traces, prompts) goes to stderr. Every stderr line is redacted
//! (no key leaks into a terminal or a CI log) and made terminal-safe; so is every
//! human-readable data line. Writing to stdout returns its error (a closed pipe
//! included): `lib.rs` decides what it means for the exit code.
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub mod sanitize;
mod table;

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};

use serde::Serialize;

pub use self::sanitize::sanitize;
pub use self::table::table;
use crate::secret::{ApiKey, redact};
use crate::settings::{ColorChoice, env};

#[derive(Debug, Clone)]
pub struct Printer {
    json: bool,
    quiet: bool,
    verbose: u8,
    color: bool,
    stdout_color: bool,
    stdout_tty: bool,
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

pub type Result = io::Result<()>;

impl Printer {
    pub fn new(json: bool, quiet: bool, verbose: u8, color: ColorChoice) -> Self {
        let allowed =
            env::get_os(env::NO_COLOR).is_none() && env::get(env::TERM).is_none_or(|t| t != "dumb");
        let stdout_tty = io::stdout().is_terminal();
        let (color, stdout_color) = match color {
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
            ColorChoice::Auto => (allowed && io::stderr().is_terminal(), allowed && stdout_tty),
        };
        Self {
            json,
            quiet,
            verbose,
            color,
            stdout_color,
            stdout_tty,
        }
    }

    pub fn json_mode(&self) -> bool {
        self.json
    }

    pub fn verbosity(&self) -> u8 {
        self.verbose
    }

    /// `--quiet`: only data and errors.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// Whether stdout is a terminal.
    pub fn stdout_is_terminal(&self) -> bool {
        self.stdout_tty
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    /// A word of data for stdout, green, red or yellow on a terminal (made safe
    /// before it is painted: the caller passes text it may not trust).
    pub fn outcome(&self, word: &str, good: Option<bool>) -> String {
        let safe = sanitize::line(word).into_owned();
        if !self.stdout_color {
            return safe;
        }
        let style = match good {
            Some(true) => GREEN,
            Some(false) => RED,
            None => YELLOW,
        };
        format!("{style}{safe}{RESET}")
    }

    /// A line of data on stdout whose parts were made safe by the caller (it may
    /// hold this printer's own colors): redacted only.
    pub fn data_styled(&self, line: &str) -> Result {
        self.stdout_bytes(format!("{}\n", redact(line)).as_bytes())
    }

    /// One line on stderr, after a styled prefix: redacted and terminal-safe,
    /// newlines and tabs escaped too (a server's name or message could otherwise
    /// forge a line such as `error: …`).
    fn stderr_line(&self, prefix: &str, message: &str) {
        self.stderr_text(prefix, &sanitize::line(message));
    }

    /// Text on stderr after a prefix: redacted, terminal-safe with its newlines
    /// kept (a diagnostic's snippet).
    fn stderr_text(&self, prefix: &str, message: &str) {
        let text = redact(&sanitize(message, true));
        stderr_line(format!("{prefix}{text}\n"));
    }

    fn stdout_bytes(&self, bytes: &[u8]) -> Result {
        let mut out = io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush())
    }

    /// A line of data on stdout, redacted and terminal-safe.
    pub fn data(&self, line: impl Display) -> Result {
        let text = redact(&sanitize(&line.to_string(), true));
        self.stdout_bytes(format!("{text}\n").as_bytes())
    }

    /// One line of data on stdout, redacted and terminal-safe, newlines and tabs
    /// escaped too: for lines that hold single-line values from a server.
    pub fn data_line(&self, line: impl Display) -> Result {
        let text = redact(&sanitize::line(&line.to_string()));
        self.stdout_bytes(format!("{text}\n").as_bytes())
    }

    /// Text on stdout as received, flushed at once (a streamed answer): made
    /// terminal-safe on a terminal, unchanged otherwise.
    pub fn stream(&self, text: &str) -> Result {
        if self.stdout_tty {
            self.stdout_bytes(sanitize(text, true).as_bytes())
        } else {
            self.stdout_bytes(text.as_bytes())
        }
    }

    /// Bytes on stdout as received (`skene api` bodies): made terminal-safe on a
    /// terminal, unchanged otherwise.
    pub fn raw(&self, bytes: &[u8]) -> Result {
        if self.stdout_tty {
            self.stdout_bytes(sanitize(&String::from_utf8_lossy(bytes), true).as_bytes())
        } else {
            self.stdout_bytes(bytes)
        }
    }

    /// One compact JSON document on one line of stdout (NDJSON).
    pub fn json_line<T: Serialize>(&self, value: &T) -> Result {
        let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
        self.stdout_bytes(format!("{text}\n").as_bytes())
    }

    /// A key on stdout, unredacted, for `skene auth token` and `keys create`.
    pub fn secret(&self, key: &ApiKey) -> Result {
        self.stdout_bytes(format!("{}\n", key.expose()).as_bytes())
    }

    /// One JSON document on stdout, keys redacted.
    pub fn json<T: Serialize>(&self, value: &T) -> Result {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
        self.stdout_bytes(format!("{}\n", redact(&text)).as_bytes())
    }

    /// One JSON document on stdout that holds a key on purpose (`keys create --json`).
    pub fn json_with_secret<T: Serialize>(&self, value: &T) -> Result {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
        self.stdout_bytes(format!("{text}\n").as_bytes())
    }

    /// A status message on stderr; silenced by `--quiet`.
    pub fn status(&self, message: impl Display) {
        if !self.quiet {
            self.stderr_line("", &message.to_string());
        }
    }

    /// A success line (`✓ …`) on stderr; silenced by `--quiet`.
    pub fn success(&self, message: impl Display) {
        if !self.quiet {
            self.stderr_line(
                &format!("{} ", self.paint(GREEN, "✓")),
                &message.to_string(),
            );
        }
    }

    /// A warning on stderr. Warnings are about safety and are never silenced.
    pub fn warn(&self, message: impl Display) {
        self.stderr_line(
            &format!("{} ", self.paint(YELLOW, "warning:")),
            &message.to_string(),
        );
    }

    /// A hint on stderr, usually after a warning or an error.
    pub fn hint(&self, message: impl Display) {
        self.stderr_line(
            &format!("  {} ", self.paint(CYAN, "hint:")),
            &message.to_string(),
        );
    }

    pub fn error(&self, message: impl Display) {
        self.stderr_line(
            &format!("{} ", self.paint(RED, "error:")),
            &message.to_string(),
        );
    }

    /// A problem report (e.g. `file:line:col: error: …`) on stderr; never silenced.
    pub fn diagnostic(&self, text: impl Display) {
        self.stderr_text("", &text.to_string());
    }

    /// A progress bar for `total` bytes on stderr, only when a person is watching.
    pub fn progress(&self, total: u64) -> Option<indicatif::ProgressBar> {
        if self.quiet || self.json || !io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        let style = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
        )
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        // Redraw while the server is slow to answer, too.
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Some(bar)
    }

    /// A `--verbose` trace line on stderr, shown from `level` up.
    pub fn trace(&self, level: u8, message: impl Display) {
        if self.verbose >= level {
            let text = redact(&sanitize(&message.to_string(), true));
            stderr_line(format!("{}\n", self.paint(DIM, &text)));
        }
    }

    /// Writes a prompt to stderr without a newline.
    pub fn prompt(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = write!(err, "{}", sanitize(text, true));
        let _ = err.flush();
    }

    /// Echoes typed input (or a mask) on stderr as it is, without a newline.
    pub fn echo(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = write!(err, "{text}");
        let _ = err.flush();
    }
}

/// Writes a whole line to stderr (unbuffered) in one call: `writeln!` would
/// make a write per piece: a system call more per agent log line, and room for
/// another process writing to the same stderr to land between the pieces.
fn stderr_line(line: String) {
    let _ = io::stderr().lock().write_all(line.as_bytes());
}
