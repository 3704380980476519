//! Reading bundle files as Python's text mode does, in pieces: strict UTF-8, and
//! `\r\n` and lone `\r` turned into `\n`. Nothing here holds a whole file.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

pub const CHUNK: usize = 64 * 1024;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum TextError {
    Io(io::Error),
    /// Not UTF-8: the 1-based line where the first bad byte is.
    NotUtf8 {
        line: u64,
    },
}

/// Calls `sink` with the normalized text of `path`, piece by piece.
pub fn read_normalized(path: &Path, mut sink: impl FnMut(&str)) -> Result<(), TextError> {
    let mut file = File::open(path).map_err(TextError::Io)?;
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize; // bytes of an incomplete UTF-8 sequence kept at buf[..carry]
    let mut pending_cr = false;
    let mut line = 1u64;
    let mut out = String::with_capacity(CHUNK);
    loop {
        let n = loop {
            match file.read(&mut buf[carry..carry + CHUNK]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(TextError::Io(e)),
            }
        };
        let filled = carry + n;
        if n == 0 {
            if carry > 0 {
                return Err(TextError::NotUtf8 { line });
            }
            break;
        }
        let (valid, rest) = match std::str::from_utf8(&buf[..filled]) {
            Ok(s) => (s.len(), 0),
            Err(e) => {
                let good = e.valid_up_to();
                if e.error_len().is_some() {
                    let text = std::str::from_utf8(&buf[..good]).unwrap_or_default();
                    line += text.bytes().filter(|b| *b == b'\n').count() as u64;
                    return Err(TextError::NotUtf8 { line });
                }
                (good, filled - good)
            }
        };
        let text = std::str::from_utf8(&buf[..valid]).expect("validated above");
        out.clear();
        normalize(text, &mut pending_cr, &mut out);
        line += out.bytes().filter(|b| *b == b'\n').count() as u64;
        if !out.is_empty() {
            sink(&out);
        }
        buf.copy_within(valid..filled, 0);
        carry = rest;
    }
    if pending_cr {
        sink("\n");
    }
    Ok(())
}

/// Appends `text` with newlines normalized; a `\r` at the end waits in `pending_cr`
/// for the next piece, which decides whether it was half of a `\r\n`.
fn normalize(text: &str, pending_cr: &mut bool, out: &mut String) {
    let mut rest = text;
    if *pending_cr && !rest.is_empty() {
        out.push('\n');
        if rest.starts_with('\n') {
            rest = &rest[1..];
        }
        *pending_cr = false;
    }
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if after.is_empty() {
            *pending_cr = true;
            return;
        }
        out.push('\n');
        rest = after.strip_prefix('\n').unwrap_or(after);
    }
    out.push_str(rest);
}

/// Finds Skene keys (`sk_ws_` and 16 or more key characters) in a stream of text.
#[derive(Debug, Default)]
pub struct KeyScanner {
    matched: usize,
    run: usize,
    line: u64,
    column: u64,
    start: (u64, u64),
    reported: bool,
    /// (line, column) of each key found, 1-based.
    pub found: Vec<(u64, u64)>,
}

const PREFIX: &[u8] = b"sk_ws_";
const MIN_KEY_CHARS: usize = 16;

impl KeyScanner {
    pub fn new() -> Self {
        Self {
            line: 1,
            ..Self::default()
        }
    }

    pub fn feed(&mut self, text: &str) {
        for &b in text.as_bytes() {
            if self.matched == PREFIX.len() {
                if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' {
                    self.run += 1;
                    if self.run >= MIN_KEY_CHARS && !self.reported {
                        self.found.push(self.start);
                        self.reported = true;
                    }
                    self.advance(b);
                    continue;
                }
                self.matched = 0;
                self.run = 0;
                self.reported = false;
            }
            if b == PREFIX[self.matched] {
                if self.matched == 0 {
                    self.start = (self.line, self.column + 1);
                }
                self.matched += 1;
            } else {
                // "sk_ws_" has no repeated prefix but "s": restart on an 's'.
                self.matched = usize::from(b == b's');
                if self.matched == 1 {
                    self.start = (self.line, self.column + 1);
                }
            }
            self.advance(b);
        }
    }

    fn advance(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        } else if b & 0xc0 != 0x80 {
            self.column += 1; // count characters, not continuation bytes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(bytes: &[u8]) -> Result<String, TextError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        let mut out = String::new();
        read_normalized(&path, |s| out.push_str(s)).map(|()| out)
    }

    #[test]
    fn newlines_are_normalized_like_python_text_mode() {
        assert_eq!(
            normalized(b"a\r\nb\rc\n\r\r\nd\r").unwrap(),
            "a\nb\nc\n\n\nd\n"
        );
        assert_eq!(normalized(b"").unwrap(), "");
        assert_eq!(normalized(b"\r").unwrap(), "\n");
    }

    #[test]
    fn pieces_split_anywhere_give_the_same_text() {
        let mut text = String::new();
        for i in 0..40_000 {
            text.push_str(&format!("line {i} é😀\r\n"));
            if i % 7 == 0 {
                text.push('\r');
            }
        }
        let expected = text.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(normalized(text.as_bytes()).unwrap(), expected);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        match normalized(b"ok\nok\n\xff\n") {
            Err(TextError::NotUtf8 { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            normalized(b"cut \xe2\x82"),
            Err(TextError::NotUtf8 { line: 1 })
        ));
    }

    #[test]
    fn key_scanner_finds_keys_across_pieces() {
        let mut scan = KeyScanner::new();
        scan.feed("no key sk_ws_short here\nx = \"sk_sk_ws_abcdefgh");
        scan.feed("ijklmnop\"\nsk_ws_0123456789abcdef and é sk_ws_ABCDEFGHIJKLMNOP\n");
        assert_eq!(scan.found, vec![(2, 9), (3, 1), (3, 30)]);
    }
}
