//! The printer: the only place that writes to stdout and stderr.
//!
//! stdout carries data (tables, JSON, tokens); everything else (status, warnings,
//! errors, traces, prompts) goes to stderr, where every line is passed through
//! [`redact`] so that no key can leak into a terminal or a CI log.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::fmt::Display;
use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

use crate::secret::{ApiKey, redact};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone)]
pub struct Printer {
    json: bool,
    quiet: bool,
    verbose: u8,
    color: bool,
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

impl Printer {
    pub fn new(json: bool, quiet: bool, verbose: u8, color: ColorChoice) -> Self {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
                    && io::stderr().is_terminal()
            }
        };
        Self {
            json,
            quiet,
            verbose,
            color,
        }
    }

    pub fn json_mode(&self) -> bool {
        self.json
    }

    pub fn verbosity(&self) -> u8 {
        self.verbose
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_owned()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(BOLD, text)
    }

    fn stderr_line(&self, line: &str) {
        let mut err = io::stderr().lock();
        let _ = writeln!(err, "{}", redact(line));
    }

    fn stdout_write(&self, text: &str) {
        self.raw(text.as_bytes());
    }

    /// A line of data on stdout.
    pub fn data(&self, line: impl Display) {
        self.stdout_write(&format!("{}\n", redact(&line.to_string())));
    }

    /// Text on stdout as it is, flushed at once (a streamed answer).
    pub fn stream(&self, text: &str) {
        self.stdout_write(text);
    }

    /// Bytes on stdout as they are, flushed at once (`skene api` bodies).
    pub fn raw(&self, bytes: &[u8]) {
        let mut out = io::stdout().lock();
        if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
            // A closed pipe (`skene … | head`) is not an error worth a message.
            if e.kind() == io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            self.stderr_line(&format!("error: could not write to standard output: {e}"));
            std::process::exit(1);
        }
    }

    /// One compact JSON document on one line of stdout (NDJSON).
    pub fn json_line<T: Serialize>(&self, value: &T) {
        let text = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
        self.stdout_write(&format!("{text}\n"));
    }

    /// Whether stdout is a terminal.
    pub fn stdout_is_terminal(&self) -> bool {
        io::stdout().is_terminal()
    }

    /// A key on stdout, unredacted, for `skene auth token` alone.
    pub fn secret(&self, key: &ApiKey) {
        self.stdout_write(&format!("{}\n", key.expose()));
    }

    /// One JSON document on stdout.
    pub fn json<T: Serialize>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
        self.stdout_write(&format!("{}\n", redact(&text)));
    }

    /// One JSON document on stdout that holds a key on purpose (`keys create --json`).
    pub fn json_with_secret<T: Serialize>(&self, value: &T) {
        let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
        self.stdout_write(&format!("{text}\n"));
    }

    /// A status message on stderr; silenced by `--quiet`.
    pub fn status(&self, message: impl Display) {
        if !self.quiet {
            self.stderr_line(&message.to_string());
        }
    }

    /// A success line (`✓ …`) on stderr; silenced by `--quiet`.
    pub fn success(&self, message: impl Display) {
        if !self.quiet {
            self.stderr_line(&format!("{} {message}", self.paint(GREEN, "✓")));
        }
    }

    /// A warning on stderr. Warnings are about safety and are never silenced.
    pub fn warn(&self, message: impl Display) {
        self.stderr_line(&format!("{} {message}", self.paint(YELLOW, "warning:")));
    }

    /// A hint on stderr, usually after a warning or an error.
    pub fn hint(&self, message: impl Display) {
        self.stderr_line(&format!("  {} {message}", self.paint(CYAN, "hint:")));
    }

    pub fn error(&self, message: impl Display) {
        self.stderr_line(&format!("{} {message}", self.paint(RED, "error:")));
    }

    /// A problem report (e.g. `file:line:col: error: …`) on stderr; never silenced.
    pub fn diagnostic(&self, text: impl Display) {
        self.stderr_line(&text.to_string());
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
            self.stderr_line(&self.paint(DIM, &message.to_string()));
        }
    }

    /// Writes a prompt to stderr without a newline.
    pub fn prompt(&self, text: &str) {
        let mut err = io::stderr().lock();
        let _ = write!(err, "{text}");
        let _ = err.flush();
    }
}

/// Aligns `rows` under `headers` in columns two spaces apart.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let width = |s: &str| console::measure_text_width(s);
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        out.trim_end().to_owned()
    };
    let mut lines = vec![line(headers.to_vec())];
    for row in rows {
        lines.push(line(row.iter().map(String::as_str).collect()));
    }
    lines.join("\n")
}
