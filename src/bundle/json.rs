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

/// Appends `text` escaped as Python's `json.dumps` (ensure_ascii) does, without quotes.
pub fn python_escape(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if b < 0x80 {
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                _ => push_u(u32::from(b), out),
            }
            i += 1;
        } else {
            let c = text[i..]
                .chars()
                .next()
                .expect("a char starts at a non-ASCII byte of a str");
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                push_u(u32::from(*unit), out);
            }
            i += c.len_utf8();
        }
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn push_u(unit: u32, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((unit >> shift) & 0xf) as usize]);
    }
}

/// Appends `text` escaped for a compact JSON string with raw UTF-8, without quotes.
pub fn body_escape(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => push_u(u32::from(b), out),
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// The length of [`body_escape`]'s output, without producing it.
pub fn body_escaped_len(text: &str) -> u64 {
    let mut len = text.len() as u64;
    for &b in text.as_bytes() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        len += match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 1,
            _ => 5,
        };
    }
    len
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
        python_escape(text, &mut out);
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
