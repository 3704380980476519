//! The agent's log on stderr: one line per request and per state change, as text
//! for people or, with `--json`, one JSON object per line (journald, Docker).
//! Requests are logged by method, path, model, status, latency, size and request
//! id — never headers or bodies. Every line goes through the printer, which masks
//! anything that looks like a workspace key.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::output::Printer;

/// Writes the agent's log lines. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Logger {
    printer: Printer,
    json: bool,
}

/// How a request's answer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The whole answer was sent.
    Complete,
    /// The caller went away before the end (the upstream request was cancelled).
    ClientLeft,
    /// The upstream failed or fell silent mid-answer; the answer was cut.
    UpstreamFailed,
}

/// One request, as logged.
#[derive(Debug, Clone)]
pub struct RequestLine {
    pub method: String,
    pub path: String,
    pub model: Option<String>,
    pub stream: bool,
    pub status: u16,
    /// Until the answer's head was ready.
    pub latency: Duration,
    /// Until its body ended.
    pub duration: Duration,
    pub bytes: u64,
    pub request_id: String,
    /// The code of the gateway's own error answer, if it made one.
    pub error: Option<&'static str>,
    pub ending: Ending,
}

/// The longest model name logged, in characters.
const MODEL_LIMIT: usize = 100;

impl Logger {
    pub fn new(printer: Printer) -> Self {
        let json = printer.json_mode();
        Self { printer, json }
    }

    /// A state change ("listening on …", "stopped").
    pub fn info(&self, message: impl AsRef<str>) {
        self.line("info", message.as_ref());
    }

    /// Something the user should act on.
    pub fn warn(&self, message: impl AsRef<str>) {
        self.line("warn", message.as_ref());
    }

    fn line(&self, level: &str, message: &str) {
        if self.json {
            self.emit(json!({"ts": utc(), "level": level, "message": message}));
        } else {
            let tag = if level == "warn" { "warning: " } else { "" };
            self.printer
                .diagnostic(format!("{}  {tag}{message}", local_time()));
        }
    }

    /// One request.
    pub fn request(&self, r: &RequestLine) {
        let model = r.model.as_deref().map(shown);
        let ending = match r.ending {
            Ending::Complete => None,
            Ending::ClientLeft => Some("client_left"),
            Ending::UpstreamFailed => Some("upstream_failed"),
        };
        if self.json {
            self.emit(json!({
                "ts": utc(), "level": "info", "message": "request",
                "method": r.method, "path": r.path, "model": model, "stream": r.stream,
                "status": r.status, "latency_ms": ms(r.latency), "duration_ms": ms(r.duration),
                "bytes": r.bytes, "request_id": r.request_id, "error": r.error, "ending": ending,
            }));
            return;
        }
        let mut text = format!("{}  {} {}", local_time(), r.method, r.path);
        if let Some(m) = &model {
            text.push_str(&format!(" model={m}"));
        }
        if r.stream {
            text.push_str(" stream");
        }
        text.push_str(&format!(" → {}", r.status));
        if let Some(code) = r.error {
            text.push_str(&format!(" {code}"));
        }
        text.push_str(&format!(" in {:.1} ms", ms(r.latency)));
        if r.duration > r.latency + Duration::from_millis(1) {
            text.push_str(&format!(", body {:.2} s", r.duration.as_secs_f64()));
        }
        text.push_str(&format!(", {} B, id {}", r.bytes, r.request_id));
        if let Some(e) = ending {
            text.push_str(&format!(" ({})", e.replace('_', " ")));
        }
        self.printer.diagnostic(text);
    }

    fn emit(&self, value: Value) {
        self.printer.diagnostic(value.to_string());
    }
}

/// The caller's text as logged: at most [`MODEL_LIMIT`] characters, control
/// characters escaped (no forged log lines).
fn shown(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().take(MODEL_LIMIT) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0
}

fn utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The local time of day, `HH:MM:SS`: worked out with the time zone once per
/// second (a busy gateway logs many lines a second).
fn local_time() -> String {
    static LAST: Mutex<(u64, String)> = Mutex::new((u64::MAX, String::new()));
    let now = SystemTime::now();
    let second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if last.0 != second {
        let local: DateTime<Local> = now.into();
        *last = (second, local.format("%H:%M:%S").to_string());
    }
    last.1.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_name_cannot_forge_a_log_line() {
        assert_eq!(shown("auto"), "auto");
        assert_eq!(shown("a\n07:00:00  GET /x"), "a\\n07:00:00  GET /x");
        assert_eq!(shown(&"m".repeat(500)).len(), MODEL_LIMIT);
    }
}
