//! Keys that escapes hide from a plain search: a YAML or JSON parser reads
//! `sk\u005fws_…`, `sk_ws\x5f…`, `…\U0000005f…`, or a key cut in two by a YAML
//! escaped line break (`\` at the end of a line inside double quotes), as a key.
//! [`EscapedKeyScanner`] decodes just enough to see them, piece by piece.

use super::keys::{MIN_KEY_CHARS, PREFIX, is_key_char};

/// Key characters a key may have before an escape without the raw scan finding it.
const BACK: usize = PREFIX.len() + MIN_KEY_CHARS - 1;

/// What an escape sequence at the start of some bytes stands for.
#[derive(Debug, PartialEq, Eq)]
enum Escape {
    /// A character (code point), and the escape's length in bytes.
    Char(u32, usize),
    /// `\` at the end of a line: YAML joins the lines (the indentation that follows
    /// is dropped too).
    Join,
    /// Not an escape that can be part of a key; its length.
    Other(usize),
    /// Cut off by the end of the piece.
    Incomplete,
}

/// Decodes the escape at `b[0] == b'\\'` (JSON and YAML double-quoted forms).
fn decode_escape(b: &[u8]) -> Escape {
    let Some(&kind) = b.get(1) else {
        return Escape::Incomplete;
    };
    let digits = match kind {
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        b'\n' => return Escape::Join,
        _ => return Escape::Other(2),
    };
    let Some(hex) = b.get(2..2 + digits) else {
        return if b[2..].iter().all(u8::is_ascii_hexdigit) {
            Escape::Incomplete
        } else {
            Escape::Other(2)
        };
    };
    let mut value = 0u32;
    for &h in hex {
        match (h as char).to_digit(16) {
            Some(d) => value = (value << 4) | d,
            None => return Escape::Other(2),
        }
    }
    Escape::Char(value, 2 + digits)
}

/// Where the run of key characters that ends at `bytes[p]` starts, looking back at
/// most [`BACK`] characters (a key with more before the escape is found as written).
fn run_start(bytes: &[u8], p: usize) -> usize {
    let mut start = p;
    while start > 0 && p - start < BACK && is_key_char(bytes[start - 1]) {
        start -= 1;
    }
    start
}

/// Finds keys that escapes hide from [`KeyScanner`]. It wakes up only at a
/// backslash, so text without one costs a vectorised search for `\` and nothing
/// more.
#[derive(Debug, Default)]
pub struct EscapedKeyScanner {
    /// Bytes of text before the current piece.
    offset: u64,
    /// Key characters at the very end of the previous piece (at most [`BACK`]), with
    /// the offset of the first: where a key interrupted by an escape may begin.
    tail: Vec<u8>,
    /// Inside a run of key characters and escapes that began at a key escape.
    active: bool,
    /// Dropping the indentation after an escaped line break.
    skipping_indent: bool,
    /// An escape cut off by the end of the previous piece, and its offset.
    pending: Vec<u8>,
    pending_at: u64,
    /// The last characters read as decoded ASCII key characters, with offsets.
    window: [(u8, u64); 6],
    filled: usize,
    /// After a decoded prefix: its offset and the key characters that followed.
    counting: Option<(u64, usize)>,
    /// Byte offset of each key found.
    pub found: Vec<u64>,
}

impl EscapedKeyScanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// One decoded character at byte offset `at`; `None` for a character that is not
    /// a key character. Returns false when the run of key characters ended.
    fn push(&mut self, c: Option<u8>, at: u64) -> bool {
        let Some(c) = c.filter(|c| is_key_char(*c)) else {
            if let Some((start, n)) = self.counting.take()
                && n >= MIN_KEY_CHARS
            {
                self.found.push(start);
            }
            self.filled = 0;
            return false;
        };
        if let Some((_, n)) = &mut self.counting {
            *n += 1;
            return true;
        }
        if self.filled == self.window.len() {
            self.window.copy_within(1.., 0);
            self.filled -= 1;
        }
        self.window[self.filled] = (c, at);
        self.filled += 1;
        if self.filled == PREFIX.len() && self.window.iter().map(|(c, _)| *c).eq(PREFIX.bytes()) {
            self.counting = Some((self.window[0].1, 0));
            self.filled = 0;
        }
        true
    }

    /// Starts a run at the escape at `p`: the key characters just before it (in this
    /// piece, or the previous one's tail) may be the start of a key.
    fn start_run(&mut self, bytes: &[u8], from: usize, p: usize) {
        let start = from + run_start(&bytes[from..], p - from);
        if start == 0 {
            let tail = std::mem::take(&mut self.tail);
            let take = BACK.saturating_sub(p).min(tail.len());
            let tail_start = self.offset - take as u64;
            for (i, &c) in tail[tail.len() - take..].iter().enumerate() {
                self.push(Some(c), tail_start + i as u64);
            }
        }
        for (i, &c) in bytes[start..p].iter().enumerate() {
            self.push(Some(c), self.offset + (start + i) as u64);
        }
        self.active = true;
    }

    /// Reads the escape at `bytes[0]` (offset `at`) inside a run; returns its length.
    fn escape(&mut self, escape: Escape, at: u64) -> usize {
        match escape {
            Escape::Incomplete => 0,
            Escape::Join => {
                self.skipping_indent = true;
                2
            }
            Escape::Char(c, len) => {
                let ascii = u8::try_from(c).ok().filter(u8::is_ascii);
                if !self.push(ascii, at) {
                    self.active = false;
                }
                len
            }
            Escape::Other(len) => {
                self.push(None, at);
                self.active = false;
                len
            }
        }
    }

    pub fn feed(&mut self, piece: &[u8]) {
        if self.pending.is_empty() {
            self.scan(piece);
        } else {
            // An escape (and the run before it) that the previous piece cut off: read
            // it again with this piece after it.
            let mut joined = std::mem::take(&mut self.pending);
            joined.extend_from_slice(piece);
            self.offset = self.pending_at;
            self.scan(&joined);
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        let mut pos = 0;
        while pos < bytes.len() {
            if self.skipping_indent {
                match bytes[pos..].iter().position(|b| *b != b' ' && *b != b'\t') {
                    Some(n) => {
                        pos += n;
                        self.skipping_indent = false;
                    }
                    None => pos = bytes.len(),
                }
                continue;
            }
            if !self.active {
                let Some(n) = memchr::memchr(b'\\', &bytes[pos..]) else {
                    break;
                };
                let p = pos + n;
                let at = self.offset + p as u64;
                // Only an escape that reads as a key character (or joins lines) can
                // hide a key: anything else leaves the scanner asleep.
                let escape = decode_escape(&bytes[p..]);
                match escape {
                    Escape::Incomplete => {
                        // Read again, from where its run starts, with the next piece.
                        let start = run_start(&bytes[pos..], n) + pos;
                        let mut stash = Vec::new();
                        if start == 0 {
                            stash = std::mem::take(&mut self.tail);
                        }
                        self.pending_at = self.offset + start as u64 - stash.len() as u64;
                        stash.extend_from_slice(&bytes[start..]);
                        self.pending = stash;
                        pos = bytes.len();
                    }
                    Escape::Char(c, _) if u8::try_from(c).is_ok_and(is_key_char) => {
                        self.start_run(bytes, pos, p);
                        pos = p + self.escape(escape, at);
                    }
                    Escape::Join => {
                        self.start_run(bytes, pos, p);
                        pos = p + self.escape(escape, at);
                    }
                    Escape::Char(_, len) | Escape::Other(len) => pos = p + len,
                }
                continue;
            }
            let b = bytes[pos];
            let at = self.offset + pos as u64;
            if b == b'\\' {
                let escape = decode_escape(&bytes[pos..]);
                if escape == Escape::Incomplete {
                    self.pending_at = at;
                    self.pending = bytes[pos..].to_vec();
                    pos = bytes.len();
                } else {
                    pos += self.escape(escape, at);
                }
            } else {
                if !self.push(Some(b), at) {
                    self.active = false;
                }
                pos += 1;
            }
        }
        self.remember_tail(bytes);
        self.offset += bytes.len() as u64;
    }

    /// Keeps the key characters at the end of `bytes` for a run that an escape at
    /// the start of the next piece may start.
    fn remember_tail(&mut self, bytes: &[u8]) {
        if self.active || !self.pending.is_empty() {
            self.tail.clear();
            return;
        }
        let run = bytes
            .iter()
            .rev()
            .take(BACK)
            .take_while(|b| is_key_char(**b))
            .count();
        if run == bytes.len() && run < BACK {
            // The whole piece is key characters: it extends the tail.
            self.tail.extend_from_slice(bytes);
            let excess = self.tail.len().saturating_sub(BACK);
            self.tail.drain(..excess);
        } else {
            self.tail.clear();
            self.tail.extend_from_slice(&bytes[bytes.len() - run..]);
        }
    }

    /// Ends the text: a key that runs to its very end counts too.
    pub fn finish(&mut self) {
        self.push(None, self.offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::keys::places_in;

    fn escaped(pieces: &[&str]) -> Vec<u64> {
        let mut scan = EscapedKeyScanner::new();
        for p in pieces {
            scan.feed(p.as_bytes());
        }
        scan.finish();
        scan.found
    }

    #[test]
    fn escapes_that_hide_a_key_are_decoded() {
        // JSON \u005f, YAML \x5f and \U0000005f, and a YAML escaped line break.
        let cases = [
            "{\"token\": \"sk\\u005fws_0123456789abcdef\"}",
            "token: \"sk_ws\\x5f0123456789abcdef\"",
            "token: \"sk_ws_01234567\\U000000389abcdef\"",
            "token: \"sk_ws_01234567\\\n    89abcdefgh\"",
            "token: \"\\u0073\\u006b\\u005f\\u0077\\u0073\\u005f0123456789abcdef\"",
            "x\\\n\\\nsk_ws_0123\\\n  456789abcdef",
        ];
        for text in cases {
            let found = escaped(&[text]);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            let start = found[0] as usize;
            assert!(
                text[start..].starts_with("sk") || text[start..].starts_with("\\u0073"),
                "{text:?} at {start}"
            );
        }
        // A plain key is the raw scanner's; escapes that are no key characters, too
        // few key characters, and keys broken by an escaped newline are not keys.
        for text in [
            "\"sk_ws_0123\\\"456789abcdefghij\"",
            "sk_ws\\u005f012345",
            "\"sk_ws_0123\\n456789abcdefghij\"",
            "sk_ws_0123\\u00e9456789abcdefghij",
            "plain \\\\ text \\t with \\\" escapes",
        ] {
            assert_eq!(escaped(&[text]), Vec::<u64>::new(), "{text:?}");
        }
    }

    #[test]
    fn escaped_keys_are_found_however_the_text_is_cut() {
        let text = "é line \\\"q\\\"\n  token: \"ab sk_ws_0123\\u00345678\\\n   9abcdefXYZ\"\nnext \\x73k_ws_0123456789abcdef end";
        let whole = escaped(&[text]);
        assert_eq!(whole.len(), 2, "{whole:?}");
        assert_eq!(
            places_in(&whole, text.as_bytes()),
            vec![(2, 14), (4, 6)],
            "line and column of where each key starts"
        );
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|b| **b >= a) {
                let found = escaped(&[&text[..a], &text[a..b], &text[b..]]);
                assert_eq!(found, whole, "cut at {a} and {b}");
            }
        }
    }
}
