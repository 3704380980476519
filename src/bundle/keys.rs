//! Finding Skene API keys (`sk_ws_` and 16 or more key characters) in bundle text,
//! piece by piece: as written ([`KeyScanner`]), and as a YAML or JSON parser would
//! read them after decoding escapes ([`EscapedKeyScanner`], in its own file).
//! Both note byte offsets only; [`places_in`] turns them into lines and columns,
//! which is rarely needed and so costs nothing on the way.

use std::sync::OnceLock;

use memchr::memmem::Finder;

pub use super::escaped_keys::EscapedKeyScanner;

pub const PREFIX: &str = "sk_ws_";
pub const MIN_KEY_CHARS: usize = 16;

#[inline]
pub fn is_key_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn finder() -> &'static Finder<'static> {
    static FINDER: OnceLock<Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| Finder::new(PREFIX))
}

/// Offsets of every key in `text`, written plainly or with escapes (file names,
/// whole small texts).
pub fn find_all(text: &[u8]) -> Vec<u64> {
    let mut raw = KeyScanner::new();
    raw.feed(text);
    raw.finish();
    let mut escaped = EscapedKeyScanner::new();
    escaped.feed(text);
    escaped.finish();
    merge(raw.found, escaped.found)
}

/// Both scanners' offsets, sorted, each once.
pub fn merge(mut a: Vec<u64>, b: Vec<u64>) -> Vec<u64> {
    a.extend(b);
    a.sort_unstable();
    a.dedup();
    a
}

/// Finds keys as written, with a vectorised substring search; a key may straddle
/// pieces.
#[derive(Debug, Default)]
pub struct KeyScanner {
    /// Bytes of text before the current piece.
    offset: u64,
    /// The last bytes seen (fewer than the prefix), which may begin a key.
    tail: Vec<u8>,
    /// A key run that reached the end of the previous piece: (start, key chars so far).
    open: Option<(u64, usize)>,
    /// Byte offset of each key found.
    pub found: Vec<u64>,
}

impl KeyScanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts key characters from `from`; records a key or leaves it open at the end.
    fn run(&mut self, bytes: &[u8], from: usize, start: u64, before: usize) -> usize {
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

    pub fn feed(&mut self, piece: &[u8]) {
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
            let prefix = PREFIX.as_bytes();
            for k in 1..prefix.len() {
                if self.tail.ends_with(&prefix[..k]) && piece.starts_with(&prefix[k..]) {
                    pos = self.run(piece, prefix.len() - k, self.offset - k as u64, 0);
                    break;
                }
            }
        }
        while let Some(found) = finder().find(&piece[pos..]) {
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

    /// Keeps the last bytes (at most one fewer than the prefix) for a prefix that the
    /// next piece may complete; the prefix is ASCII, so bytes are enough.
    fn advance(&mut self, piece: &[u8]) {
        self.offset += piece.len() as u64;
        let keep = PREFIX.len() - 1;
        if piece.len() >= keep {
            self.tail.clear();
            self.tail.extend_from_slice(&piece[piece.len() - keep..]);
        } else {
            self.tail.extend_from_slice(piece);
            let excess = self.tail.len().saturating_sub(keep);
            self.tail.drain(..excess);
        }
    }
}

/// (line, column) of each offset, 1-based, in the normalized `text` (columns in
/// characters).
pub fn places_in(found: &[u64], text: &[u8]) -> Vec<(u64, u64)> {
    found
        .iter()
        .map(|&offset| {
            let end = usize::try_from(offset)
                .unwrap_or(text.len())
                .min(text.len());
            let before = &text[..end];
            let line = memchr::memchr_iter(b'\n', before).count() as u64 + 1;
            let line_start = memchr::memrchr(b'\n', before).map_or(0, |nl| nl + 1);
            // Characters, not bytes: UTF-8 continuation bytes do not count.
            let column = before[line_start..]
                .iter()
                .filter(|b| (**b & 0xc0) != 0x80)
                .count() as u64;
            (line, column + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test text with `SK_WS_` standing for the key prefix, so that no key-shaped
    /// string sits in the source.
    fn fake_keys(text: &str) -> String {
        text.replace("SK_WS_", PREFIX)
    }

    #[test]
    fn key_scanner_finds_keys_across_pieces() {
        let (a, b) = (
            "no key sk_ws_short here\nx = \"sk_sk_ws_abcdefgh".to_owned(),
            fake_keys("ijklmnop\"\nSK_WS_0123456789abcdef and é SK_WS_ABCDEFGHIJKLMNOP\n"),
        );
        let mut scan = KeyScanner::new();
        scan.feed(a.as_bytes());
        scan.feed(b.as_bytes());
        scan.finish();
        assert_eq!(
            places_in(&scan.found, format!("{a}{b}").as_bytes()),
            vec![(2, 9), (3, 1), (3, 30)]
        );
    }

    #[test]
    fn key_scanner_gives_the_same_answer_however_the_text_is_cut() {
        let text = &fake_keys(
            "é line\n  token: SK_WS_0123456789abcdefXYZ\nsk_ws_tooshort sk_ws_\nlast SK_WS_ABCDEFGHIJKLMNOPQ",
        );
        let mut whole = KeyScanner::new();
        whole.feed(text.as_bytes());
        whole.finish();
        assert_eq!(
            places_in(&whole.found, text.as_bytes()),
            vec![(2, 10), (4, 6)]
        );
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|i| text.is_char_boundary(*i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|b| **b >= a) {
                let mut scan = KeyScanner::new();
                scan.feed(&text.as_bytes()[..a]);
                scan.feed(&text.as_bytes()[a..b]);
                scan.feed(&text.as_bytes()[b..]);
                scan.finish();
                assert_eq!(scan.found, whole.found, "cut at {a} and {b}");
            }
        }
    }

    #[test]
    fn find_all_merges_both() {
        let text = fake_keys("SK_WS_0123456789abcdef and sk\\u005fws_0123456789abcdef");
        assert_eq!(find_all(text.as_bytes()), vec![0, 27]);
        assert_eq!(find_all(b"nothing here"), Vec::<u64>::new());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        /// Any text, cut anywhere: both scanners give what they give on the whole
        /// text, and never panic.
        #[test]
        fn scanners_ignore_how_text_is_cut(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    "[sk_w\\\\ux5f0-9a-fU\n -]{0,30}",
                    proptest::prelude::any::<String>(),
                ],
                0..8,
            ),
            cut in 0usize..400,
        ) {
            let text: String = parts.concat().replace("sk_", "sk_ws_");
            let mut at = cut.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let whole = find_all(text.as_bytes());
            let mut raw = KeyScanner::new();
            let mut escaped = EscapedKeyScanner::new();
            for piece in [&text.as_bytes()[..at], &text.as_bytes()[at..]] {
                raw.feed(piece);
                escaped.feed(piece);
            }
            raw.finish();
            escaped.finish();
            proptest::prop_assert_eq!(merge(raw.found, escaped.found), whole);
        }
    }
}
