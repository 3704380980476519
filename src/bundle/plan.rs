//! The first pass over a bundle: every file is read once, in pieces, to check it
//! (UTF-8, no keys), to compute the package checksum exactly as the Python client
//! does, and to learn the exact size of the body the second pass will stream.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use sha2::{Digest, Sha256};

use super::diag::Diagnostic;
use super::engine::{self, Engine};
use super::files::{self, BundleDir, LocateError, MIGRATIONS_DIR};
use super::json;
use super::text::{self, KeyScanner, TextError};

/// A file as the first pass saw it.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    pub path: String,
    pub abs: PathBuf,
    /// Bytes on disk.
    pub size: u64,
    /// Bytes of its content in the body, escaped.
    pub body_len: u64,
    /// Size, modification time and inode before the first read, to notice a change.
    pub stamp: Stamp,
    /// A fast hash of the normalized content, for changes the stamp cannot see.
    pub hash: u64,
}

/// Everything known about a bundle before anything is sent.
#[derive(Debug)]
pub struct Plan {
    pub bundle: BundleDir,
    pub files: Vec<PlannedFile>,
    /// `sha256:<hex>` of the file list as Python's `json.dumps(files, sort_keys=True)`.
    pub checksum: String,
    pub engine: Option<Engine>,
    pub diags: Vec<Diagnostic>,
}

/// A hasher fed in large pieces, so that small writes cost nothing extra.
struct ChecksumWriter {
    hasher: Sha256,
    buf: Vec<u8>,
}

impl ChecksumWriter {
    fn new() -> Self {
        Self {
            hasher: Sha256::new(),
            buf: Vec::with_capacity(2 * text::CHUNK),
        }
    }
    /// Starts the `i`-th entry: `{"content": "` (after `, ` for all but the first).
    fn begin_file(&mut self, i: usize) {
        if i > 0 {
            self.raw(b", ");
        }
        self.raw(b"{\"content\": \"");
    }
    /// Ends an entry with its path: `", "path": "…"}`.
    fn end_file(&mut self, path: &str) {
        self.raw(b"\", \"path\": \"");
        let _ = self.escaped(path);
        self.raw(b"\"}");
    }
    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.flush_if_full();
    }
    /// Adds `text` escaped; returns its length in the body encoding.
    fn escaped(&mut self, text: &str) -> u64 {
        let body_len = json::python_escape(text, &mut self.buf);
        self.flush_if_full();
        body_len
    }
    fn flush_if_full(&mut self) {
        if self.buf.len() >= text::CHUNK {
            self.hasher.update(&self.buf);
            self.buf.clear();
        }
    }
    fn finish(mut self) -> String {
        self.hasher.update(&self.buf);
        let digest = self.hasher.finalize();
        let mut hex = String::with_capacity(7 + 64);
        hex.push_str("sha256:");
        for b in digest.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        hex
    }
}

/// What the file system says of a file; a change between the passes means the
/// file changed. (The second pass also checks the exact escaped length.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

/// A fast, non-cryptographic hash of a byte stream, the same however it is cut.
#[derive(Debug, Default)]
pub struct ContentHash {
    h: u64,
    pending: [u8; 8],
    filled: usize,
}

impl ContentHash {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    #[inline]
    fn mix(&mut self, word: u64) {
        self.h = (self.h.rotate_left(23) ^ word).wrapping_mul(Self::K);
    }

    pub fn write(&mut self, mut bytes: &[u8]) {
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.pending));
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.mix(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    pub fn finish(mut self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        self.mix(u64::from_le_bytes(last) ^ ((self.filled as u64) << 56));
        self.h
    }
}

/// A message to the checksum thread.
enum SumMsg {
    Begin(usize),
    Text(String),
    End(String),
}

impl Stamp {
    fn missing() -> Stamp {
        Stamp {
            len: 0,
            modified: None,
            #[cfg(unix)]
            inode: 0,
        }
    }

    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(&meta),
        })
    }

    pub fn len(&self) -> u64 {
        self.len
    }
}

/// Finds, reads and checks the bundle under `root` (canonical).
pub fn prepare(root: &Path, configured_dir: Option<&str>) -> Result<Plan, LocateError> {
    let bundle = files::locate(root, configured_dir)?;
    let mut diags = Vec::new();
    let listed = files::collect(root, &bundle, &mut diags);
    let engine_path = format!("{}/{}", bundle.rel, files::ENGINE_FILE);

    // Escaping and hashing (the costly part) run on a second thread, fed the
    // normalized pieces through a short queue: memory stays bounded.
    let (to_sum, from_reader) = mpsc::sync_channel::<SumMsg>(8);
    let summer = std::thread::spawn(move || {
        let mut sum = ChecksumWriter::new();
        let mut body_lens = Vec::new();
        let mut current = 0u64;
        sum.raw(b"[");
        for msg in from_reader {
            match msg {
                SumMsg::Begin(i) => {
                    sum.begin_file(i);
                    current = 0;
                }
                SumMsg::Text(piece) => current += sum.escaped(&piece),
                SumMsg::End(path) => {
                    sum.end_file(&path);
                    body_lens.push(current);
                }
            }
        }
        sum.raw(b"]");
        (sum.finish(), body_lens)
    });
    let mut planned = Vec::with_capacity(listed.len());
    let mut engine_text: Option<String> = None;
    for (i, file) in listed.into_iter().enumerate() {
        let _ = to_sum.send(SumMsg::Begin(i));
        let stamp = Stamp::of(&file.abs);
        let mut hash = ContentHash::default();
        let mut keys = KeyScanner::new();
        let is_engine = file.path == engine_path;
        let mut engine_buf = String::new();
        let result = text::read_normalized(&file.abs, |piece| {
            let _ = to_sum.send(SumMsg::Text(piece.to_owned()));
            hash.write(piece.as_bytes());
            keys.feed(piece);
            if is_engine {
                engine_buf.push_str(piece);
            }
            true
        });
        let _ = to_sum.send(SumMsg::End(file.path.clone()));
        keys.finish();
        match result {
            Ok(()) => {}
            Err(TextError::NotUtf8 { line }) => diags.push(
                Diagnostic::error(&file.path, "not UTF-8 text; only text files can be pushed")
                    .at(line, 1)
                    .hint("convert it to UTF-8, or move it out of the bundle"),
            ),
            Err(TextError::Io(e)) => {
                diags.push(Diagnostic::error(&file.path, format!("cannot read: {e}")))
            }
        }
        for (line, column) in keys.places(&file.abs) {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    "contains what looks like a Skene API key (sk_ws_…)",
                )
                .at(line, column)
                .hint("keys belong in SKENE_API_KEY or `skene login`, never in pushed files"),
            );
        }
        if is_engine {
            engine_text = Some(engine_buf);
        }
        let stamp = stamp.unwrap_or_else(|| {
            diags.push(Diagnostic::error(&file.path, "cannot read its metadata"));
            Stamp::missing()
        });
        planned.push(PlannedFile {
            path: file.path,
            abs: file.abs,
            size: stamp.len(),
            body_len: 0,
            stamp,
            hash: hash.finish(),
        });
    }
    drop(to_sum);
    let (checksum, body_lens) = summer.join().expect("the checksum thread does not panic");
    for (file, len) in planned.iter_mut().zip(body_lens) {
        file.body_len = len;
    }

    let engine = engine_text.and_then(|text| engine::check(&text, &engine_path, &mut diags));
    if let Some(e) = &engine
        && e.has_actions()
        && !planned
            .iter()
            .any(|f| f.path.starts_with(&format!("{MIGRATIONS_DIR}/")))
    {
        diags.push(
            Diagnostic::error(&engine_path, "features have actions, but there is no trigger migration")
                .hint(format!(
                    "generate the triggers migration ({MIGRATIONS_DIR}/<timestamp>_skene_triggers.sql) before pushing"
                )),
        );
    }
    Ok(Plan {
        bundle,
        files: planned,
        checksum,
        engine,
        diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The package checksum of `(path, content)` pairs, through the same writer
    /// that `prepare` uses.
    fn checksum(files: &[(&str, &str)]) -> String {
        let mut sum = ChecksumWriter::new();
        sum.raw(b"[");
        for (i, (path, content)) in files.iter().enumerate() {
            sum.begin_file(i);
            sum.escaped(content);
            sum.end_file(path);
        }
        sum.raw(b"]");
        sum.finish()
    }

    // Expected values: Python 3.11, "sha256:" + sha256(json.dumps(files, sort_keys=True)).
    #[test]
    fn checksum_matches_python_on_hard_cases() {
        assert_eq!(
            checksum(&[]),
            "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
        );
        assert_eq!(
            checksum(&[("a/😀.txt", "emoji 😀 and é 中 — 🎉\n")]),
            "sha256:7a87fe0e2680459660a23796dc7d693e047e745bc5fab64e069bcef4b7f2bd8d"
        );
        assert_eq!(
            checksum(&[
                (
                    "q.txt",
                    "quote \" backslash \\ tab\t bell\u{7} del\u{7f} nul\u{0} ff\u{c} bs\u{8} slash /"
                ),
                ("r.txt", "crlf\nlone\nend\n"),
            ]),
            "sha256:034fa7e32c48360961e578e82a3625d2ca3566cacd3352cf10337b8a52a438f6"
        );
    }

    #[test]
    fn content_hash_ignores_how_the_stream_is_cut() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut h = ContentHash::default();
            h.write(&data);
            h.finish()
        };
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let mut h = ContentHash::default();
            h.write(&data[..cut]);
            h.write(&data[cut..]);
            assert_eq!(h.finish(), whole, "cut at {cut}");
        }
        let mut other = ContentHash::default();
        other.write(&data[..999]);
        assert_ne!(other.finish(), whole);
    }

    #[test]
    fn prepare_normalizes_crlf_and_lone_cr_before_the_checksum() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("skene-context")).unwrap();
        std::fs::write(root.join("skene-context/engine.yaml"), "version: 1\r\n").unwrap();
        std::fs::write(root.join("skene-context/w.txt"), "a\r\nb\rc\n\r\nd\r").unwrap();
        let plan = prepare(&root, None).unwrap();
        assert!(plan.diags.is_empty(), "{:?}", plan.diags);
        assert_eq!(
            plan.checksum,
            "sha256:9bd053a0ad4c47bca2354f0561a85322b6e1265ca034c31ac302808c25d8a2f9"
        );
        assert_eq!(plan.files[1].size, 11, "bytes on disk");
        assert_eq!(plan.files[1].body_len, "a\\nb\\nc\\n\\nd\\n".len() as u64);
    }
}
