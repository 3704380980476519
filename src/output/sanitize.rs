//! Text from servers, files and config is data, never terminal control: control
//! characters, DEL, C1 controls and bidirectional overrides become visible escapes.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe(c: char, keep_layout: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_layout,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional marks, embeddings, overrides and isolates.
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` safe for a terminal: unsafe characters become `\x1b`-style (ASCII) or
/// `\u{202e}`-style escapes. With `keep_layout`, newlines and tabs stay.
pub fn sanitize(text: &str, keep_layout: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_layout)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe(c, keep_layout) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// One line of untrusted text: newlines and tabs are escaped too.
pub fn line(text: &str) -> Cow<'_, str> {
    sanitize(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible() {
        assert_eq!(sanitize("plain é 😀", true), "plain é 😀");
        assert_eq!(sanitize("a\x1b[2Jb", true), "a\\x1b[2Jb");
        assert_eq!(
            sanitize("osc\x1b]52;c;aGk=\x07", true),
            "osc\\x1b]52;c;aGk=\\x07"
        );
        assert_eq!(sanitize("ok\rfake", true), "ok\\x0dfake");
        assert_eq!(sanitize("back\x08\x7f", true), "back\\x08\\x7f");
        assert_eq!(sanitize("c1\u{9b}31m", true), "c1\\u{9b}31m");
        assert_eq!(sanitize("\u{202e}txt.exe", true), "\\u{202e}txt.exe");
        assert_eq!(sanitize("two\nlines\tok", true), "two\nlines\tok");
        assert_eq!(line("two\nlines"), "two\\x0alines");
    }
}
