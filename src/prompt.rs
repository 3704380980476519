//! Terminal prompts. Callers ask [`crate::commands::Context::prompt_blocker`] first.

use console::{Key, Term};

use crate::error::CliError;
use crate::output::Printer;
use crate::secret::ApiKey;

/// Reads a secret from the terminal, echoing `*` for each character. Ctrl-C, Esc
/// or Ctrl-D end the command with exit 130.
pub fn masked(printer: &Printer, label: &str) -> anyhow::Result<ApiKey> {
    match read(printer, label, true)? {
        Some(secret) => Ok(ApiKey::new(secret)),
        None => Err(CliError::interrupted().into()),
    }
}

/// Reads one line on the terminal, echoing it. `Ok(None)` for Ctrl-D on an empty
/// line; Ctrl-C ends the command with exit 130.
pub fn read_line(printer: &Printer, label: &str) -> anyhow::Result<Option<String>> {
    read(printer, label, false)
}

/// The line reader behind both prompts. The terminal is in raw mode only while one
/// key is read, so Ctrl-C arrives as a key and the terminal is left as it was.
fn read(printer: &Printer, label: &str, masked: bool) -> anyhow::Result<Option<String>> {
    let term = Term::stderr();
    printer.prompt(label);
    let mut line = String::new();
    loop {
        let key = term
            .read_key_raw()
            .map_err(|e| CliError::failure(format!("cannot read from the terminal: {e}")))?;
        match key {
            Key::Enter => {
                printer.prompt("\n");
                return Ok(Some(line));
            }
            Key::CtrlC => {
                printer.prompt("\n");
                return Err(CliError::interrupted().into());
            }
            Key::Escape if masked => {
                printer.prompt("\n");
                return Err(CliError::interrupted().into());
            }
            Key::Char('\u{4}') if line.is_empty() => {
                printer.prompt("\n");
                return Ok(None);
            }
            Key::Backspace | Key::Char('\u{7f}') if line.pop().is_some() => {
                let _ = term.clear_chars(1);
            }
            Key::Char(c) if !c.is_control() => {
                line.push(c);
                let mut buf = [0u8; 4];
                printer.prompt(if masked { "*" } else { c.encode_utf8(&mut buf) });
            }
            _ => {}
        }
    }
}

/// Asks a yes/no question on the terminal; anything but `y` means no. Ctrl-C or
/// Esc ends the command with exit 130.
pub fn confirm(printer: &Printer, question: &str) -> anyhow::Result<bool> {
    let term = Term::stderr();
    printer.prompt(&format!("{question} [y/N] "));
    loop {
        let key = term
            .read_key_raw()
            .map_err(|e| CliError::failure(format!("cannot read from the terminal: {e}")))?;
        match key {
            Key::Char('y' | 'Y') => {
                printer.prompt("yes\n");
                return Ok(true);
            }
            Key::Char('n' | 'N') | Key::Enter => {
                printer.prompt("no\n");
                return Ok(false);
            }
            Key::CtrlC | Key::Escape | Key::Char('\u{4}') => {
                printer.prompt("\n");
                return Err(CliError::interrupted().into());
            }
            _ => {}
        }
    }
}
