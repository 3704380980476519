//! The two JSON string encodings a push needs.
//!
//! * [`python_escape`]: what Python's `json.dumps(…)` writes with its default
//!   `ensure_ascii=True`. The package checksum is the SHA-256 of the file list in
//!   that form, so it must match byte for byte.
//! * [`body_escape`]: compact JSON with non-ASCII as raw UTF-8, for the body
//!   itself. Only the server's JSON parser reads it.
//!
//! Both write into a byte sink in pieces, so files are never held whole.

const HEX: &[u8; 16] = b"0123456789abcdef";

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Bytes of `w` that are zero get their high bit set (exact for the first zero byte,
/// which is all a "does any byte match" test needs).
#[inline]
fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(LO) & !w & HI
}

/// High bits marking bytes of `w` below 0x20, `"` or `\`: the bytes both encodings
/// escape. Exact for the lowest marked byte, which is all the callers use.
#[inline]
fn json_special_mask(w: u64) -> u64 {
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    control | zero_bytes(w ^ (LO * b'"' as u64)) | zero_bytes(w ^ (LO * b'\\' as u64))
}

/// High bits marking bytes of `w` that are 0x7f or above (DEL or non-ASCII).
#[inline]
fn high_or_del_mask(w: u64) -> u64 {
    (w & HI) | zero_bytes(w ^ (LO * 0x7f))
}

#[cfg(test)]
fn has_json_special(w: u64) -> bool {
    json_special_mask(w) != 0
}

#[cfg(test)]
fn has_high_or_del(w: u64) -> bool {
    high_or_del_mask(w) != 0
}

/// Copies the plain bytes at the start of `bytes` (up to the first byte marked by
/// `mask_of`) eight at a time; returns how many were copied.
#[inline]
fn copy_plain(bytes: &[u8], out: &mut Vec<u8>, mask_of: impl Fn(u64) -> u64) -> usize {
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let word: [u8; 8] = bytes[i..i + 8].try_into().expect("8 bytes");
        let mask = mask_of(u64::from_le_bytes(word));
        out.extend_from_slice(&word);
        if mask != 0 {
            let plain = (mask.trailing_zeros() / 8) as usize;
            out.truncate(out.len() - (8 - plain));
            return i + plain;
        }
        i += 8;
    }
    i
}

/// What each byte needs: 0 plain, 1 a two-character escape, 2 `\u00XX`, 3 DEL,
/// 4 the first byte of a non-ASCII character.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            0x00..=0x1f => 2,
            0x7f => 3,
            0x80..=0xff => 4,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The letter after the backslash of a two-character escape.
#[inline]
fn short_escape(b: u8) -> u8 {
    match b {
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        other => other, // '"' and '\\'
    }
}

/// Appends `text` escaped as Python's `json.dumps` (ensure_ascii) does, without quotes,
/// and returns the length the same text has in the body encoding ([`body_escape`]),
/// so that the first pass reads each byte once for both.
pub fn python_escape(text: &str, out: &mut Vec<u8>) -> u64 {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // At most 12 bytes out per 4 bytes in (a surrogate pair): never reallocate inside.
    out.reserve(n * 3);
    let mut body_len = n as u64;
    let mut i = 0;
    while i < n {
        i += copy_plain(&bytes[i..], out, |w| {
            json_special_mask(w) | high_or_del_mask(w)
        });
        if i >= n {
            break;
        }
        let b = bytes[i];
        match CLASS[b as usize] {
            0 => out.push(b),
            1 => {
                out.extend_from_slice(&[b'\\', short_escape(b)]);
                body_len += 1;
            }
            2 => {
                push_u(u32::from(b), out);
                body_len += 5;
            }
            3 => push_u(0x7f, out),
            _ => {
                let (c, len) = decode(&bytes[i..]);
                if c >= 0x1_0000 {
                    let v = c - 0x1_0000;
                    push_u(0xd800 | (v >> 10), out);
                    push_u(0xdc00 | (v & 0x3ff), out);
                } else {
                    push_u(c, out);
                }
                i += len;
                continue;
            }
        }
        i += 1;
    }
    body_len
}

/// The code point and length of the UTF-8 sequence at the start of `b` (valid UTF-8).
#[inline]
fn decode(b: &[u8]) -> (u32, usize) {
    let cont = |k: usize| u32::from(b[k] & 0x3f);
    match b[0] {
        0xf0.. => (
            (u32::from(b[0] & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
        0xe0.. => ((u32::from(b[0] & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => ((u32::from(b[0] & 0x1f) << 6) | cont(1), 2),
    }
}

#[inline]
fn push_u(unit: u32, out: &mut Vec<u8>) {
    let hex = |shift: u32| HEX[((unit >> shift) & 0xf) as usize];
    out.extend_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
}

/// Appends `text` escaped for a compact JSON string with raw UTF-8, without quotes.
pub fn body_escape(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    out.reserve(n + n / 2);
    let mut i = 0;
    while i < n {
        i += copy_plain(&bytes[i..], out, json_special_mask);
        if i >= n {
            break;
        }
        let b = bytes[i];
        match CLASS[b as usize] {
            1 => out.extend_from_slice(&[b'\\', short_escape(b)]),
            2 => push_u(u32::from(b), out),
            _ => out.push(b),
        }
        i += 1;
    }
}

/// The length of [`body_escape`]'s output, without producing it (tests check
/// [`python_escape`]'s count against it).
#[cfg(test)]
fn body_escaped_len(text: &str) -> u64 {
    let extra = |b: u8| match CLASS[b as usize] {
        1 => 1,
        2 => 5,
        _ => 0,
    };
    text.len() as u64 + text.bytes().map(extra).sum::<u64>()
}

/// A whole JSON string literal (with quotes) in the body encoding.
pub fn body_string(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    out.push(b'"');
    body_escape(text, &mut out);
    out.push(b'"');
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(text: &str) -> String {
        let mut out = Vec::new();
        let body_len = python_escape(text, &mut out);
        assert_eq!(body_len, body_escaped_len(text), "body length for {text:?}");
        String::from_utf8(out).unwrap()
    }

    fn body(text: &str) -> String {
        let mut out = Vec::new();
        body_escape(text, &mut out);
        assert_eq!(
            out.len() as u64,
            body_escaped_len(text),
            "length for {text:?}"
        );
        String::from_utf8(out).unwrap()
    }

    // Expected values are what CPython 3.11 `json.dumps` prints.
    #[test]
    fn python_escape_matches_json_dumps() {
        assert_eq!(py("plain ascii / slash ~"), "plain ascii / slash ~");
        assert_eq!(py("😀"), "\\ud83d\\ude00");
        assert_eq!(py("a🎉b"), "a\\ud83c\\udf89b");
        assert_eq!(py("é — ü ß 中"), "\\u00e9 \\u2014 \\u00fc \\u00df \\u4e2d");
        assert_eq!(py("\u{0}\u{1}\u{1f}\u{7f}"), "\\u0000\\u0001\\u001f\\u007f");
        assert_eq!(py("\u{8}\u{c}\n\r\t"), "\\b\\f\\n\\r\\t");
        assert_eq!(py("say \"hi\" \\ back"), "say \\\"hi\\\" \\\\ back");
        assert_eq!(py("\u{feff}bom"), "\\ufeffbom");
        assert_eq!(py("\u{10ffff}"), "\\udbff\\udfff");
        assert_eq!(py(""), "");
    }

    #[test]
    fn the_word_at_a_time_tests_agree_with_the_byte_rule() {
        // Every byte value at every position, among plain and among high neighbours.
        for fill in [b'a', 0xc3] {
            for b in 0u8..=0xff {
                for pos in 0..8 {
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let w = u64::from_le_bytes(bytes);
                    let special = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(
                        has_json_special(w),
                        special,
                        "byte {b:#x} at {pos} among {fill:#x}"
                    );
                    let high = b >= 0x7f || fill >= 0x7f;
                    assert_eq!(
                        has_high_or_del(w),
                        high,
                        "byte {b:#x} at {pos} among {fill:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn body_escape_is_valid_compact_json() {
        for text in [
            "",
            "plain",
            "😀 é \u{7f}",
            "\u{0}\u{1f}\"\\\n\r\t\u{8}\u{c}",
            "/",
        ] {
            let literal = format!("\"{}\"", body(text));
            let parsed: String = serde_json::from_str(&literal).unwrap();
            assert_eq!(parsed, text);
        }
        assert_eq!(body("é😀"), "é😀", "non-ASCII stays raw");
        assert_eq!(body_string("a\"b"), "\"a\\\"b\"");
    }
}
