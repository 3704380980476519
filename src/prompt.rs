//! Terminal prompts. Callers ask `Settings::prompt_blocker` first.
//!
//! The terminal stays in raw mode for a whole prompt (one guard, restored on every
//! way out), so nothing typed is ever echoed by the terminal itself, and Ctrl-C
//! arrives as a key: the command ends with exit 130 and the terminal intact.

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use crate::error::CliError;
use crate::output::Printer;
use crate::secret::ApiKey;

/// Raw mode for as long as it lives.
struct RawMode;

impl RawMode {
    fn enter() -> Result<Self, CliError> {
        terminal::enable_raw_mode()
            .map_err(|e| CliError::failure(format!("cannot read from the terminal: {e}")))?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// One key press, as the prompts see it.
enum Key {
    Char(char),
    Enter,
    Backspace,
    Escape,
    CtrlC,
    CtrlD,
    Up,
    Down,
    Other,
}

fn next_key() -> Result<Key, CliError> {
    loop {
        let ev = event::read()
            .map_err(|e| CliError::failure(format!("cannot read from the terminal: {e}")))?;
        let Event::Key(KeyEvent {
            code,
            modifiers,
            kind,
            ..
        }) = ev
        else {
            continue;
        };
        if kind == KeyEventKind::Release {
            continue;
        }
        let ctrl = modifiers.contains(KeyModifiers::CONTROL);
        return Ok(match code {
            KeyCode::Char('c') if ctrl => Key::CtrlC,
            KeyCode::Char('d') if ctrl => Key::CtrlD,
            KeyCode::Char(c) if !ctrl && !c.is_control() => Key::Char(c),
            KeyCode::Enter => Key::Enter,
            KeyCode::Backspace => Key::Backspace,
            KeyCode::Esc => Key::Escape,
            KeyCode::Up => Key::Up,
            KeyCode::Down => Key::Down,
            _ => Key::Other,
        });
    }
}

/// Reads a secret from the terminal, echoing `*` for each character. Ctrl-C, Esc
/// or Ctrl-D end the command with exit 130.
pub fn masked(printer: &Printer, label: &str) -> Result<ApiKey, CliError> {
    match read(printer, label, true)? {
        Some(secret) => Ok(ApiKey::new(secret)),
        None => Err(CliError::interrupted()),
    }
}

/// Reads one line on the terminal, echoing it. `Ok(None)` for Ctrl-D on an empty
/// line; Ctrl-C ends the command with exit 130.
pub fn read_line(printer: &Printer, label: &str) -> Result<Option<String>, CliError> {
    read(printer, label, false)
}

/// The line reader behind both prompts.
fn read(printer: &Printer, label: &str, masked: bool) -> Result<Option<String>, CliError> {
    // A prompt is one line: a newline in it (a server's key name) could forge others.
    printer.prompt(&crate::output::sanitize::line(label));
    let mut line = String::new();
    let raw = RawMode::enter()?;
    let outcome = loop {
        match next_key()? {
            Key::Enter => break Ok(Some(line)),
            Key::CtrlC => break Err(CliError::interrupted()),
            Key::Escape if masked => break Err(CliError::interrupted()),
            Key::CtrlD if line.is_empty() => break Ok(None),
            Key::Backspace if line.pop().is_some() => printer.echo("\x08 \x08"),
            Key::Char(c) => {
                line.push(c);
                if masked {
                    printer.echo("*");
                } else {
                    let mut buf = [0u8; 4];
                    printer.echo(&crate::output::sanitize(c.encode_utf8(&mut buf), false));
                }
            }
            _ => {}
        }
    };
    drop(raw);
    printer.echo("\n");
    outcome
}

/// Asks a yes/no question on the terminal; Enter gives `default`. Ctrl-C or Esc
/// ends the command with exit 130.
pub fn yes_no(printer: &Printer, question: &str, default: bool) -> Result<bool, CliError> {
    let choices = if default { "[Y/n]" } else { "[y/N]" };
    let question = crate::output::sanitize::line(question);
    printer.prompt(&format!("{question} {choices} "));
    let raw = RawMode::enter()?;
    let answer = loop {
        match next_key()? {
            Key::Char('y' | 'Y') => break Some(true),
            Key::Char('n' | 'N') => break Some(false),
            Key::Enter => break Some(default),
            Key::CtrlC | Key::Escape | Key::CtrlD => break None,
            _ => {}
        }
    };
    drop(raw);
    match answer {
        Some(yes) => {
            printer.echo(if yes { "yes\n" } else { "no\n" });
            Ok(yes)
        }
        None => {
            printer.echo("\n");
            Err(CliError::interrupted())
        }
    }
}

/// Asks a yes/no question that defaults to no.
pub fn confirm(printer: &Printer, question: &str) -> Result<bool, CliError> {
    yes_no(printer, question, false)
}

/// Lets the user pick one of `items` with the arrow keys (or `j`/`k`, or its
/// number) and Enter; `default` is marked first. The menu is replaced by the
/// choice once made. Ctrl-C, Esc or Ctrl-D end the command with exit 130.
pub fn select(
    printer: &Printer,
    question: &str,
    items: &[String],
    default: usize,
) -> Result<usize, CliError> {
    if items.is_empty() {
        return Err(CliError::failure("nothing to choose from"));
    }
    let items: Vec<String> = items
        .iter()
        .map(|i| crate::output::sanitize(i, false).into_owned())
        .collect();
    let mut chosen = default.min(items.len() - 1);
    let question = crate::output::sanitize::line(question);
    printer.prompt(&format!("{question} (↑/↓ and Enter; Esc cancels)\n"));
    let raw = RawMode::enter()?;
    draw_menu(printer, &items, chosen, false);
    let outcome = loop {
        match next_key()? {
            Key::Up | Key::Char('k') => chosen = chosen.checked_sub(1).unwrap_or(items.len() - 1),
            Key::Down | Key::Char('j') => chosen = (chosen + 1) % items.len(),
            Key::Char(c) => match c.to_digit(10).map(|d| d as usize) {
                Some(n) if (1..=items.len()).contains(&n) => chosen = n - 1,
                _ => continue,
            },
            Key::Enter => break Ok(chosen),
            Key::CtrlC | Key::Escape | Key::CtrlD => break Err(CliError::interrupted()),
            _ => continue,
        }
        draw_menu(printer, &items, chosen, true);
    };
    // The menu gives way to the answer (or to nothing, when cancelled).
    printer.echo(&format!("\x1b[{}A\r\x1b[J", items.len()));
    drop(raw);
    if let Ok(i) = &outcome {
        printer.echo(&format!("  {}\n", items[*i]));
    }
    outcome
}

/// Draws the menu of [`select`] (in raw mode: lines end in `\r\n`), over the
/// previous drawing when `redraw`.
fn draw_menu(printer: &Printer, items: &[String], chosen: usize, redraw: bool) {
    let mut out = String::new();
    if redraw {
        out.push_str(&format!("\x1b[{}A", items.len()));
    }
    for (i, item) in items.iter().enumerate() {
        let mark = if i == chosen { '>' } else { ' ' };
        out.push_str(&format!("\r\x1b[2K{mark} {}. {item}\r\n", i + 1));
    }
    printer.echo(&out);
}
