//! Reading bundle files as Python's text mode does: strict UTF-8, and `\r\n` and
//! lone `\r` turned into `\n`. Small files are read whole ([`read_whole`]), others
//! in pieces ([`read_normalized`]) so that they are never held whole.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The size of the pieces a large file is read in.
pub const CHUNK: usize = 128 * 1024;

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum TextError {
    Io(io::Error),
    /// Not UTF-8: the 1-based line where the first bad byte is.
    NotUtf8 {
        line: u64,
    },
}

/// Reads `len` bytes of `file` into `buf` (emptied first) as normalized text: it is
/// then valid UTF-8 with `\n` line ends.
///
/// Reads `len` bytes and no more (no read to see the end of the file): a file that
/// grows meanwhile has a new stamp, which the second pass notices.
pub fn read_whole(file: File, len: u64, buf: &mut Vec<u8>) -> Result<(), TextError> {
    buf.clear();
    file.take(len).read_to_end(buf).map_err(TextError::Io)?;
    validate(buf, buf).map_err(|line| TextError::NotUtf8 { line })?;
    if let Some(first) = memchr::memchr(b'\r', buf) {
        normalize_in_place(buf, first);
    }
    Ok(())
}

/// Turns `\r\n` and lone `\r` into `\n` in place (the text only gets shorter); the
/// first `\r` is at `first`.
fn normalize_in_place(buf: &mut Vec<u8>, first: usize) {
    let mut w = first;
    let mut r = first;
    while r < buf.len() {
        let b = buf[r];
        r += 1;
        if b == b'\r' {
            buf[w] = b'\n';
            if buf.get(r) == Some(&b'\n') {
                r += 1;
            }
        } else {
            buf[w] = b;
        }
        w += 1;
    }
    buf.truncate(w);
}

/// `bytes` as text (vectorised validation); else the 1-based line of the first bad
/// byte, counted in `whole`, which `bytes` starts.
fn validate<'a>(bytes: &'a [u8], whole: &[u8]) -> Result<&'a str, u64> {
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    let good = simdutf8::compat::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |t| t.len());
    Err(memchr::memchr_iter(b'\n', &whole[..good.min(whole.len())]).count() as u64 + 1)
}

/// The length of `b` without an incomplete UTF-8 sequence at its end (a piece may
/// end inside a character).
fn complete_prefix(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=n.min(4) {
        let c = b[n - back];
        if c & 0xc0 != 0x80 {
            let need = match c {
                0xf0.. => 4,
                0xe0.. => 3,
                0xc0.. => 2,
                _ => 1,
            };
            return if need > back { n - back } else { n };
        }
    }
    n
}

/// Calls `sink` with the normalized text of `path`, piece by piece.
/// `sink` returns false to stop reading early.
pub fn read_normalized(path: &Path, sink: impl FnMut(&str) -> bool) -> Result<(), TextError> {
    let file = File::open(path).map_err(TextError::Io)?;
    read_pieces(file, path, sink)
}

/// Like [`read_normalized`], from a file already open (`path` names it for errors).
pub fn read_pieces(
    mut file: File,
    path: &Path,
    mut sink: impl FnMut(&str) -> bool,
) -> Result<(), TextError> {
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carry = 0usize; // bytes of an incomplete UTF-8 sequence kept at buf[..carry]
    let mut pending_cr = false;
    let mut consumed = 0u64; // bytes of the file before buf[0]
    let mut out = String::new();
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
        let valid = complete_prefix(&buf[..filled]);
        let text = match validate(&buf[..valid], &buf[..valid]) {
            Ok(text) => text,
            Err(_) => {
                let good = simdutf8::compat::from_utf8(&buf[..valid])
                    .map_or_else(|e| e.valid_up_to(), |t| t.len());
                return Err(TextError::NotUtf8 {
                    line: line_at(path, consumed + good as u64),
                });
            }
        };
        consumed += valid as u64;
        if !pending_cr && memchr::memchr(b'\r', text.as_bytes()).is_none() {
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
        carry = filled - valid;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
