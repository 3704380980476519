//! The two JSON string encodings a push needs.
//!
//! * The body form ([`body_escape`]): compact JSON with non-ASCII as raw UTF-8, for
//!   the body itself. Only `"`, `\` and control characters are escaped.
//! * Python's form ([`python_escape`]): what `json.dumps(…)` writes with its default
//!   `ensure_ascii=True`. The package checksum is the SHA-256 of the file list in
//!   that form, so it must match byte for byte. It is the body form with DEL and
//!   every non-ASCII character escaped as well ([`python_from_body`]), so text that
//!   is plain ASCII is escaped once for both.
//!
//! Both look at eight bytes at a time (one machine word, with bit tricks that find
//! the first byte to escape), copy plain runs a word at a time, and write into a
//! byte sink in pieces, so files are never held whole.

const HEX: &[u8; 16] = b"0123456789abcdef";

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Bytes of `w` that are zero get their high bit set (exact for the lowest zero
/// byte, which is all a "where is the first" test needs: borrows only go up).
#[inline(always)]
fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(LO) & !w & HI
}

/// High bits marking the bytes of `w` that the body form escapes (below 0x20, `"`,
/// `\`). Exact for the lowest marked byte.
#[inline(always)]
fn body_special_mask(w: u64) -> u64 {
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    control | zero_bytes(w ^ (LO * u64::from(b'"'))) | zero_bytes(w ^ (LO * u64::from(b'\\')))
}

/// High bits marking the bytes of `w` that are DEL or non-ASCII. Exact for the
/// lowest marked byte.
#[inline(always)]
fn high_mask(w: u64) -> u64 {
    (w & HI) | zero_bytes(w ^ (LO * 0x7f))
}

/// What the body form writes for each byte: 0 for the byte itself, else the
/// letter after the backslash (`u` for `\u00XX`).
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// The most one step writes past `j`: an 8-byte word copied whole, then an escape
/// of at most 12 bytes (a surrogate pair).
const ROOM: usize = 24;

#[inline(always)]
fn word(bytes: &[u8], i: usize) -> ([u8; 8], u64) {
    let mut a = [0u8; 8];
    a.copy_from_slice(&bytes[i..i + 8]);
    (a, u64::from_le_bytes(a))
}

/// Grows `out` so that `need` more bytes fit after `j`, by about what is left to
/// do, so that it grows rarely.
#[inline(always)]
fn make_room(out: &mut Vec<u8>, j: usize, need: usize, left: usize) {
    if out.len() < j + need {
        out.resize(j + need + left + left / 4, 0);
    }
}

/// Writes the body form's escape of `b` (`letter` = `ESCAPE[b]`) at `dst[j..]`.
#[inline(always)]
fn put_escape(b: u8, letter: u8, dst: &mut [u8], j: usize) -> usize {
    if letter == b'u' {
        put_u(u32::from(b), dst, j)
    } else {
        dst[j] = b'\\';
        dst[j + 1] = letter;
        2
    }
}

#[inline(always)]
fn put_u(unit: u32, dst: &mut [u8], j: usize) -> usize {
    let hex = |shift: u32| HEX[((unit >> shift) & 0xf) as usize];
    dst[j..j + 6].copy_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
    6
}

/// Appends text (UTF-8 bytes) in the body form (compact JSON, raw UTF-8), without
/// quotes. Returns true when it has DEL or non-ASCII, which Python's form escapes
/// too.
///
/// Eight bytes at a time: a word is copied whole, and when it holds a byte to
/// escape, the copy stops there and goes on after the escape.
pub fn body_escape(bytes: &[u8], out: &mut Vec<u8>) -> bool {
    let n = bytes.len();
    let mut j = out.len();
    make_room(out, j, ROOM, n);
    let mut i = 0;
    let mut high = 0u64;
    while i + 8 <= n {
        make_room(out, j, ROOM, n - i);
        let dst = out.as_mut_slice();
        // As many steps as surely fit before looking at the room again.
        let steps = (dst.len() - j - ROOM) / ROOM + 1;
        for _ in 0..steps {
            if i + 8 > n {
                break;
            }
            let (a, w) = word(bytes, i);
            high |= high_mask(w);
            dst[j..j + 8].copy_from_slice(&a);
            let m = body_special_mask(w);
            if m == 0 {
                i += 8;
                j += 8;
                continue;
            }
            let k = (m.trailing_zeros() / 8) as usize;
            let b = a[k];
            j += k;
            j += put_escape(b, ESCAPE[usize::from(b)], dst, j);
            i += k + 1;
        }
    }
    make_room(out, j, 6 * (n - i) + 1, 0);
    for &b in &bytes[i..] {
        high |= u64::from(b >= 0x7f) << 7;
        let letter = ESCAPE[usize::from(b)];
        if letter == 0 {
            out[j] = b;
            j += 1;
        } else {
            j += put_escape(b, letter, out, j);
        }
    }
    out.truncate(j);
    high != 0
}

/// The code point and length of the UTF-8 sequence at the start of `b` (valid
/// UTF-8 from a `str`; anything else reads as U+FFFD, one byte).
#[inline(always)]
fn decode(b: &[u8]) -> (u32, usize) {
    let cont = |k: usize| b.get(k).map_or(0, |c| u32::from(c & 0x3f));
    match b.first().copied().unwrap_or(0) {
        lead @ 0xf0.. => (
            (u32::from(lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
        lead @ 0xe0.. => ((u32::from(lead & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3),
        lead @ 0xc0.. => ((u32::from(lead & 0x1f) << 6) | cont(1), 2),
        _ => (0xfffd, 1),
    }
}

/// Appends Python's form of a text given in the body form (as [`body_escape`]
/// wrote it): DEL and non-ASCII become `\uXXXX`, with a UTF-16 surrogate pair above
/// U+FFFF (`😀` → `\ud83d\ude00`); every other byte is copied.
pub fn python_from_body(body: &[u8], out: &mut Vec<u8>) {
    let n = body.len();
    let mut j = out.len();
    make_room(out, j, ROOM, 2 * n);
    let mut i = 0;
    while i < n {
        make_room(out, j, ROOM, 2 * (n - i));
        let dst = out.as_mut_slice();
        if i + 8 <= n {
            let (a, w) = word(body, i);
            dst[j..j + 8].copy_from_slice(&a);
            let m = high_mask(w);
            if m == 0 {
                i += 8;
                j += 8;
                continue;
            }
            let k = (m.trailing_zeros() / 8) as usize;
            i += k;
            j += k;
        } else if body[i] < 0x7f {
            dst[j] = body[i];
            i += 1;
            j += 1;
            continue;
        }
        let (c, len) = if body[i] == 0x7f {
            (0x7f, 1)
        } else {
            decode(&body[i..])
        };
        if c >= 0x1_0000 {
            let v = c - 0x1_0000;
            j += put_u(0xd800 | (v >> 10), dst, j);
            j += put_u(0xdc00 | (v & 0x3ff), dst, j);
        } else {
            j += put_u(c, dst, j);
        }
        i += len;
    }
    out.truncate(j);
}

/// Appends `text` as Python's `json.dumps` (ensure_ascii) writes it, without quotes.
pub fn python_escape(text: &str, out: &mut Vec<u8>) {
    let mut body = Vec::with_capacity(text.len() + 16);
    if body_escape(text.as_bytes(), &mut body) {
        python_from_body(&body, out);
    } else {
        out.extend_from_slice(&body);
    }
}

/// A whole JSON string literal (with quotes) in the body form.
pub fn body_string(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len() + 2);
    out.push(b'"');
    body_escape(text.as_bytes(), &mut out);
    out.push(b'"');
    // Escaping only adds ASCII around whole characters of a `str`.
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn py(text: &str) -> String {
        let mut out = Vec::new();
        python_escape(text, &mut out);
        String::from_utf8(out).unwrap()
    }

    fn body(text: &str) -> String {
        let mut out = b"prefix".to_vec();
        body_escape(text.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()["prefix".len()..].to_owned()
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
        let long = "0123456789abcdef\"é0123456789abcdef\n".repeat(5);
        assert_eq!(
            py(&long),
            "0123456789abcdef\\\"\\u00e90123456789abcdef\\n".repeat(5)
        );
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

    /// Python's `json.dumps` (ensure_ascii), written the plain way, one character
    /// at a time: the reference the fast code is held to.
    fn python_reference(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                ' '..='~' => out.push(c),
                _ => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                }
            }
        }
        out
    }

    /// Text that reaches every path: long plain runs, dense escapes, non-ASCII runs
    /// of every length, at every alignment.
    fn texty() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            3 => "[a-z /]{0,40}",
            2 => any::<String>(),
            1 => "[\"\\\\\n\t\u{0}\u{1f}\u{7f}]{1,4}",
            1 => "[é中😀\u{10ffff}]{1,8}",
        ];
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// The body form is what serde_json writes (it escapes the same bytes the
        /// same way), and reads back as the same text.
        #[test]
        fn body_form_equals_serde_json(text in texty()) {
            let literal = body_string(&text);
            prop_assert_eq!(&literal, &serde_json::to_string(&text).unwrap());
            prop_assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
        }

        /// Python's form matches the plain reference, and serde_json reads it back.
        #[test]
        fn python_form_equals_the_reference(text in texty()) {
            let fast = py(&text);
            prop_assert_eq!(&fast, &python_reference(&text));
            prop_assert!(fast.is_ascii());
            let back: String = serde_json::from_str(&format!("\"{fast}\"")).unwrap();
            prop_assert_eq!(back, text);
        }
    }
}
