//! Snippets: the lines a problem is about, with a caret under the column, cut to a
//! window around it so that a 200 MB one-line file gives a short one.

/// A place to show in a snippet, with an optional label after the caret.
#[derive(Debug, Clone)]
pub struct Mark {
    pub line: u64,
    pub column: u64,
    pub label: String,
}

/// How many characters of a long line a snippet shows on each side of the column.
const HALF_WINDOW: usize = 40;

/// The lines of `marks` with a caret under each column, in line order:
///
/// ```text
///   |
/// 2 | features: [
///   |           ^ `[` opened here
/// 4 | subjects: []
///   | ^
/// ```
///
/// A long line is cut to a window around the column (`…` marks the cuts), so a
/// 200 MB one-line file gives a short snippet; control characters are shown as `?`.
pub fn snippet(text: &str, marks: &[Mark]) -> Option<String> {
    let mut marks: Vec<&Mark> = marks.iter().collect();
    marks.sort_by_key(|m| (m.line, m.column));
    let width = marks.last()?.line.to_string().len();
    let pad = " ".repeat(width);
    let mut out = format!("{pad} |");
    for mark in marks {
        let source = line_of(text, mark.line)?;
        let (shown, caret_at) = window(source, mark.column);
        out.push_str(&format!("\n{:>width$} | {shown}", mark.line));
        out.push_str(&format!("\n{pad} | {}^", " ".repeat(caret_at)));
        if !mark.label.is_empty() {
            out.push(' ');
            out.push_str(&mark.label);
        }
    }
    Some(out)
}

/// Line `line` (1-based) of `text`, without its line break.
pub(super) fn line_of(text: &str, line: u64) -> Option<&str> {
    let start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes()).nth(usize::try_from(line - 2).ok()?)? + 1
    };
    let rest = text.get(start..)?;
    let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
    Some(rest[..end].trim_end_matches('\r'))
}

/// The part of `line` shown around `column` (1-based, in characters) and where the
/// caret goes under it.
fn window(line: &str, column: u64) -> (String, usize) {
    let col = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let start = col.saturating_sub(HALF_WINDOW);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let mut chars = line.chars().skip(start);
    let mut taken = 0;
    for c in chars.by_ref().take(2 * HALF_WINDOW) {
        shown.push(if c.is_control() {
            if c == '\t' { ' ' } else { '?' }
        } else {
            c
        });
        taken += 1;
    }
    if chars.next().is_some() {
        shown.push('…');
    }
    let caret = usize::from(start > 0) + col.saturating_sub(start).min(taken);
    (shown, caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_column() {
        let line = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let s = snippet(
            &line,
            &[Mark {
                line: 1,
                column: 1001,
                label: String::new(),
            }],
        )
        .unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[1].len() < 2 * HALF_WINDOW + 20, "{s}");
        assert!(
            lines[1].starts_with("1 | …") && lines[1].ends_with('…'),
            "{s}"
        );
        let x = lines[1].find('X').unwrap();
        assert_eq!(
            lines[2].find('^').unwrap(),
            lines[1][..x].chars().count(),
            "{s}"
        );
        // Short lines are shown whole; control characters are made harmless.
        let s = snippet(
            "k: \u{1b}[2Jv\n",
            &[Mark {
                line: 1,
                column: 4,
                label: "here".into(),
            }],
        )
        .unwrap();
        assert_eq!(s, "  |\n1 | k: ?[2Jv\n  |    ^ here");
    }
}
