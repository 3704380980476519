//! Problems found in a bundle, each with the file and place it is about, and the
//! pure text forms the commands print: `file:line:col: error: …` with its snippet
//! and hint, and GitHub Actions workflow commands. Nothing here prints.

use std::fmt;
use std::path::Path;

use serde::Serialize;

/// How many problems a command shows as text before it says how many more there are;
/// `--json` always has all of them.
pub const SHOWN_AT_MOST: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the project root (POSIX separators).
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The source line with a caret, for people (not in JSON).
    #[serde(skip)]
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` (as much of it as is known).
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }

    /// The whole report for people: `PREFIXfile:line:col: error: …`, then the snippet
    /// and the hint on their own lines. `prefix` is [`path_prefix`] of the PATH the
    /// user gave, so that the file can be opened from the current directory.
    pub fn shown(&self, prefix: &str) -> String {
        let mut text = format!("{prefix}{self}");
        if let Some(snippet) = &self.snippet {
            text.push('\n');
            text.push_str(snippet);
        }
        if let Some(hint) = &self.hint {
            text.push_str("\n  hint: ");
            text.push_str(hint);
        }
        text
    }

    /// `::error file=…,line=…,col=…::…`, a GitHub Actions workflow command.
    pub fn github_annotation(&self, prefix: &str) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = format!("{prefix}{}", self.file);
        let mut props = format!("file={}", escape_property(&file));
        if let Some(line) = self.line {
            props.push_str(&format!(",line={line}"));
        }
        if let Some(col) = self.column {
            props.push_str(&format!(",col={col}"));
        }
        format!("::{level} {props}::{}", escape_data(&self.message))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {level}: {}", self.place(), self.message)
    }
}

/// `PATH/` as the user wrote it, or nothing for the current directory: what goes in
/// front of a project-relative path to make it relative to the current directory.
pub fn path_prefix(user_path: &Path) -> String {
    let shown = user_path.to_string_lossy();
    let trimmed = shown.trim_end_matches('/');
    let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
    if trimmed.is_empty() || trimmed == "." {
        String::new()
    } else {
        format!("{trimmed}/")
    }
}

/// The texts a command prints for `diags` (see [`Diagnostic::shown`]): the first
/// [`SHOWN_AT_MOST`], then "… and N more; `--json` has all" if there are more.
pub fn report(diags: &[Diagnostic], prefix: &str) -> Vec<String> {
    let mut lines: Vec<String> = diags
        .iter()
        .take(SHOWN_AT_MOST)
        .map(|d| d.shown(prefix))
        .collect();
    lines.extend(more_note(diags.len()));
    lines
}

/// GitHub Actions workflow commands for the first [`SHOWN_AT_MOST`] of `diags` (see
/// [`Diagnostic::github_annotation`]; GitHub shows fewer than that anyway).
pub fn annotations(diags: &[Diagnostic], prefix: &str) -> Vec<String> {
    diags
        .iter()
        .take(SHOWN_AT_MOST)
        .map(|d| d.github_annotation(prefix))
        .collect()
}

/// The line that follows the first [`SHOWN_AT_MOST`] of `total` problems, if some
/// were left out: "… and 12 more; `--json` has all".
pub fn more_note(total: usize) -> Option<String> {
    (total > SHOWN_AT_MOST)
        .then(|| format!("… and {} more; `--json` has all", total - SHOWN_AT_MOST))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_has_place_snippet_and_hint() {
        let mut d = Diagnostic::error("skene-context/engine.yaml", "bad")
            .at(2, 3)
            .hint("fix it");
        d.snippet = Some("  |\n2 | x\n  |   ^".into());
        assert_eq!(
            d.shown("app/"),
            "app/skene-context/engine.yaml:2:3: error: bad\n  |\n2 | x\n  |   ^\n  hint: fix it"
        );
        assert_eq!(
            Diagnostic::warning("a,b:c", "50% done\nnext").github_annotation(""),
            "::warning file=a%2Cb%3Ac::50%25 done%0Anext"
        );
    }

    #[test]
    fn reports_are_capped() {
        let diags: Vec<Diagnostic> = (0..SHOWN_AT_MOST + 3)
            .map(|i| Diagnostic::error(format!("f{i}"), "bad"))
            .collect();
        let lines = report(&diags, "");
        assert_eq!(lines.len(), SHOWN_AT_MOST + 1);
        assert_eq!(lines[0], "f0: error: bad");
        assert_eq!(lines[SHOWN_AT_MOST], "… and 3 more; `--json` has all");
        assert_eq!(annotations(&diags[..2], "").len(), 2);
    }

    #[test]
    fn prefixes_and_the_cap() {
        assert_eq!(path_prefix(Path::new(".")), "");
        assert_eq!(path_prefix(Path::new("./")), "");
        assert_eq!(path_prefix(Path::new("./app/")), "app/");
        assert_eq!(more_note(SHOWN_AT_MOST), None);
        assert_eq!(
            more_note(SHOWN_AT_MOST + 7).as_deref(),
            Some("… and 7 more; `--json` has all")
        );
    }
}
