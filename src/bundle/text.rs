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
/// `sink` returns false to stop reading early.
pub fn read_normalized(path: &Path, mut sink: impl FnMut(&str) -> bool) -> Result<(), TextError> {
    let mut file = File::open(path).map_err(TextError::Io)?;
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize; // bytes of an incomplete UTF-8 sequence kept at buf[..carry]
    let mut pending_cr = false;
    let mut consumed = 0u64; // bytes of the file before buf[0]
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
                return Err(TextError::NotUtf8 {
                    line: line_at(path, consumed),
                });
            }
            break;
        }
        let (valid, rest) = match std::str::from_utf8(&buf[..filled]) {
            Ok(s) => (s.len(), 0),
            Err(e) => {
                let good = e.valid_up_to();
                if e.error_len().is_some() {
                    return Err(TextError::NotUtf8 {
                        line: line_at(path, consumed + good as u64),
                    });
                }
                (good, filled - good)
            }
        };
        let text = std::str::from_utf8(&buf[..valid]).expect("validated above");
        consumed += valid as u64;
        if !pending_cr && !text.as_bytes().contains(&b'\r') {
            if !text.is_empty() && !sink(text) {
                return Ok(());
            }
        } else {
            out.clear();
            normalize(text, &mut pending_cr, &mut out);
            if !out.is_empty() && !sink(&out) {
                return Ok(());
            }
        }
        buf.copy_within(valid..filled, 0);
        carry = rest;
    }
    if pending_cr {
        sink("\n");
    }
    Ok(())
}

/// The 1-based line of byte `offset` of a file (counting `\n`), for error messages.
fn line_at(path: &Path, offset: u64) -> u64 {
    let mut line = 1;
    if let Ok(file) = File::open(path) {
        let mut reader = io::BufReader::new(file.take(offset));
        let mut buf = Vec::new();
        while let Ok(n) = io::BufRead::read_until(&mut reader, b'\n', &mut buf) {
            if n == 0 || buf.last() != Some(&b'\n') {
                break;
            }
            line += 1;
            buf.clear();
        }
    }
    line
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

/// Finds Skene keys (`sk_ws_` and 16 or more key characters) in a stream of text,
/// piece by piece with `str::find`; a key may straddle pieces. It notes byte offsets
/// only: [`KeyScanner::places`] turns them into lines and columns, which is rarely
/// needed and so costs nothing on the way.
#[derive(Debug, Default)]
pub struct KeyScanner {
    /// Bytes of text before the current piece.
    offset: u64,
    /// The last few characters seen, which may begin a key.
    tail: String,
    /// A key run that reached the end of the previous piece: (start, key chars so far).
    open: Option<(u64, usize)>,
    /// Byte offset of each key found.
    pub found: Vec<u64>,
}

const PREFIX: &str = "sk_ws_";
const MIN_KEY_CHARS: usize = 16;

fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

impl KeyScanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts key characters from `from`; records a key or leaves it open at the end.
    fn run(&mut self, piece: &str, from: usize, start: u64, before: usize) -> usize {
        let bytes = piece.as_bytes();
        let len = bytes[from..]
            .iter()
            .take_while(|b| is_key_char(**b))
            .count();
        let total = before + len;
        if from + len == bytes.len() {
            self.open = Some((start, total));
        } else if total >= MIN_KEY_CHARS {
            self.found.push(start);
        }
        from + len
    }

    pub fn feed(&mut self, piece: &str) {
        let mut pos = 0;
        if let Some((start, count)) = self.open.take() {
            // A key run left open by the previous piece.
            pos = self.run(piece, 0, start, count);
            if self.open.is_some() {
                self.advance(piece);
                return;
            }
        } else if !self.tail.is_empty() {
            // A prefix split between pieces: "…sk_w" + "s_…".
            for k in 1..PREFIX.len() {
                if self.tail.ends_with(&PREFIX[..k]) && piece.starts_with(&PREFIX[k..]) {
                    pos = self.run(piece, PREFIX.len() - k, self.offset - k as u64, 0);
                    break;
                }
            }
        }
        while let Some(found) = piece[pos..].find(PREFIX) {
            let at = pos + found;
            pos = self.run(piece, at + PREFIX.len(), self.offset + at as u64, 0);
        }
        self.advance(piece);
    }

    /// Ends the text: a key that runs to its very end counts too.
    pub fn finish(&mut self) {
        if let Some((start, count)) = self.open.take()
            && count >= MIN_KEY_CHARS
        {
            self.found.push(start);
        }
    }

    fn advance(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        self.offset += piece.len() as u64;
        // Five characters take at most 20 bytes: a longer piece alone holds the tail.
        let mut tail = if piece.len() >= 4 * PREFIX.len() {
            let from = (piece.len() - 4 * PREFIX.len()..piece.len())
                .find(|i| piece.is_char_boundary(*i))
                .unwrap_or(piece.len());
            piece[from..].to_owned()
        } else {
            let mut t = std::mem::take(&mut self.tail);
            t.push_str(piece);
            t
        };
        let keep_from = tail
            .char_indices()
            .rev()
            .take(PREFIX.len() - 1)
            .last()
            .map(|(i, _)| i)
            .unwrap_or(tail.len());
        self.tail = tail.split_off(keep_from);
    }

    /// (line, column) of each key found, 1-based, in the normalized `text`.
    pub fn places_in(&self, text: &str) -> Vec<(u64, u64)> {
        self.found
            .iter()
            .map(|&offset| {
                let before = &text[..usize::try_from(offset)
                    .unwrap_or(text.len())
                    .min(text.len())];
                let line = before.bytes().filter(|b| *b == b'\n').count() as u64 + 1;
                let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
                (line, before[line_start..].chars().count() as u64 + 1)
            })
            .collect()
    }

    /// Like [`KeyScanner::places_in`], reading the normalized text of `path` again.
    pub fn places(&self, path: &Path) -> Vec<(u64, u64)> {
        if self.found.is_empty() {
            return Vec::new();
        }
        let mut text = String::new();
        let _ = read_normalized(path, |piece| {
            text.push_str(piece);
            true
        });
        self.places_in(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test text with `SK_WS_` standing for the key prefix, so that no key-shaped
    /// string sits in the source.
    fn fake_keys(text: &str) -> String {
        text.replace("SK_WS_", PREFIX)
    }

    fn normalized(bytes: &[u8]) -> Result<String, TextError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, bytes).unwrap();
        let mut out = String::new();
        read_normalized(&path, |s| {
            out.push_str(s);
            true
        })
        .map(|()| out)
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
        let (a, b) = (
            "no key sk_ws_short here\nx = \"sk_sk_ws_abcdefgh".to_owned(),
            fake_keys("ijklmnop\"\nSK_WS_0123456789abcdef and é SK_WS_ABCDEFGHIJKLMNOP\n"),
        );
        let mut scan = KeyScanner::new();
        scan.feed(&a);
        scan.feed(&b);
        scan.finish();
        assert_eq!(
            scan.places_in(&format!("{a}{b}")),
            vec![(2, 9), (3, 1), (3, 30)]
        );
    }

    #[test]
    fn key_scanner_gives_the_same_answer_however_the_text_is_cut() {
        let text = &fake_keys(
            "é line\n  token: SK_WS_0123456789abcdefXYZ\nsk_ws_tooshort sk_ws_\nlast SK_WS_ABCDEFGHIJKLMNOPQ",
        );
        let mut whole = KeyScanner::new();
        whole.feed(text);
        whole.finish();
        assert_eq!(whole.places_in(text), vec![(2, 10), (4, 6)]);
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|b| **b >= a) {
                let mut scan = KeyScanner::new();
                scan.feed(&text[..a]);
                scan.feed(&text[a..b]);
                scan.feed(&text[b..]);
                scan.finish();
                assert_eq!(scan.found, whole.found, "cut at {a} and {b}");
            }
        }
    }
}
