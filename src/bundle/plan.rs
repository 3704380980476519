//! The first pass over a bundle: every file is read once to check it (UTF-8, no
//! keys in its text or its name), to compute the package checksum exactly as the
//! Python client does, and to learn the exact size of the body the second pass will
//! stream.
//!
//! This thread reads, checks and hashes (for change detection) each file; the
//! package checksum's SHA-256 runs on a second thread ([`Threaded`]). Escaping a
//! text (into the body form, and from it Python's form when it has non-ASCII) is
//! done by whichever of the two has time for it, so that both stay busy.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::change::{ContentHash, Stamp};
use super::checksum::{self, Threaded};
use super::diag::Diagnostic;
use super::engine::{self, Engine};
use super::files::{self, BundleDir, BundleFile, LocateError, MIGRATIONS_DIR};
use super::keys::{self, EscapedKeyScanner, KeyScanner};
use super::text::{self, TextError};

/// Files up to this size are read whole; larger ones in pieces.
pub const WHOLE_MAX: u64 = 1 << 20;
/// An `engine.yaml` larger than this is not parsed (real ones are a few KiB): its
/// whole text would be held, and the parser's tree is bigger still.
pub const ENGINE_MAX: u64 = 4 << 20;

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

/// What reading one file found.
#[derive(Default)]
struct Scanned {
    /// Body-form bytes of the texts this thread escaped.
    body_len: u64,
    hash: u64,
    keys: Vec<(u64, u64)>,
    engine_text: Option<String>,
}

/// This thread's side of the checksum: the hashing thread, and buffers for the
/// texts this thread escapes itself.
struct Sums {
    hashing: Threaded,
    body: Vec<u8>,
}

impl Sums {
    /// Hands a text of file `index` over: to escape there, or escaped here when
    /// the hashing thread is busy. Returns the body-form bytes escaped here.
    fn add(&mut self, index: usize, text: Vec<u8>, last: bool) -> u64 {
        if !self.hashing.busy() {
            self.hashing.text(index, text, last);
            return 0;
        }
        let mut python = self.hashing.buffer();
        let body_len = checksum::escape_here(&text, &mut self.body, &mut python);
        self.hashing.escaped(index, python, last);
        body_len
    }
}

/// Reads one file, checking it and adding it to the checksum.
fn scan_file(
    index: usize,
    file: &BundleFile,
    stamp: &Stamp,
    opened: File,
    is_engine: bool,
    sums: &mut Sums,
) -> Result<Scanned, TextError> {
    let keep_engine = is_engine && stamp.len() <= ENGINE_MAX;
    let mut scanned = Scanned::default();
    if stamp.len() <= WHOLE_MAX {
        let mut text = sums.hashing.buffer();
        if let Err(e) = text::read_whole(opened, stamp.len(), &mut text) {
            sums.add(index, Vec::new(), true);
            return Err(e);
        }
        let found = keys::find_all(&text);
        if !found.is_empty() {
            scanned.keys = keys::places_in(&found, &text);
        }
        if keep_engine {
            scanned.engine_text = Some(String::from_utf8_lossy(&text).into_owned());
        }
        let mut hash = ContentHash::default();
        hash.write(&text);
        scanned.hash = hash.finish();
        scanned.body_len = sums.add(index, text, true);
        return Ok(scanned);
    }
    let mut hash = ContentHash::default();
    let (mut raw, mut escaped) = (KeyScanner::new(), EscapedKeyScanner::new());
    let mut engine_text = keep_engine.then(String::new);
    let read = text::read_pieces(opened, &file.abs, |piece| {
        hash.write(piece.as_bytes());
        raw.feed(piece.as_bytes());
        escaped.feed(piece.as_bytes());
        if let Some(t) = &mut engine_text {
            t.push_str(piece);
        }
        let mut owned = sums.hashing.buffer();
        owned.extend_from_slice(piece.as_bytes());
        scanned.body_len += sums.add(index, owned, false);
        true
    });
    // The end of the file's entry, whatever happened.
    sums.add(index, Vec::new(), true);
    read?;
    raw.finish();
    escaped.finish();
    let found = keys::merge(raw.found, escaped.found);
    if !found.is_empty() {
        // Rare: read the text again to say where.
        let mut text = Vec::new();
        let _ = text::read_normalized(&file.abs, |piece| {
            text.extend_from_slice(piece.as_bytes());
            true
        });
        scanned.keys = keys::places_in(&found, &text);
    }
    scanned.hash = hash.finish();
    scanned.engine_text = engine_text;
    Ok(scanned)
}

/// Finds, reads and checks the bundle under `root` (canonical).
pub fn prepare(root: &Path, configured_dir: Option<&str>) -> Result<Plan, LocateError> {
    let bundle = files::locate(root, configured_dir)?;
    let mut diags = Vec::new();
    let listed = files::collect(root, &bundle, &mut diags);
    let engine_path = bundle.join(files::ENGINE_FILE);

    let mut sums = Sums {
        hashing: Threaded::start(listed.iter().map(|f| f.path.clone()).collect()),
        body: Vec::new(),
    };
    let mut planned = Vec::with_capacity(listed.len());
    let mut engine_text: Option<String> = None;
    for (i, file) in listed.into_iter().enumerate() {
        let is_engine = file.path == engine_path;
        let opened = File::open(&file.abs).and_then(|f| f.metadata().map(|m| (f, m)));
        let (stamp, result) = match opened {
            Ok((f, meta)) => {
                let stamp = Stamp::from_meta(&meta);
                let result = scan_file(i, &file, &stamp, f, is_engine, &mut sums);
                (stamp, result)
            }
            Err(e) => {
                sums.add(i, Vec::new(), true);
                (Stamp::missing(), Err(TextError::Io(e)))
            }
        };
        let scanned = match result {
            Ok(scanned) => scanned,
            Err(TextError::NotUtf8 { line }) => {
                diags.push(
                    Diagnostic::error(&file.path, "not UTF-8 text; only text files can be pushed")
                        .at(line, 1)
                        .hint("convert it to UTF-8, or move it out of the bundle"),
                );
                Scanned::default()
            }
            Err(TextError::Io(e)) => {
                diags.push(Diagnostic::error(&file.path, format!("cannot read: {e}")));
                Scanned::default()
            }
        };
        for (line, column) in &scanned.keys {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    "contains what looks like a Skene API key (sk_ws_…)",
                )
                .at(*line, *column)
                .hint("keys belong in SKENE_API_KEY or `skene login`, never in pushed files"),
            );
        }
        if !keys::find_all(file.path.as_bytes()).is_empty() {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    "its path contains what looks like a Skene API key (sk_ws_…)",
                )
                .hint("rename it: file names are sent with the bundle"),
            );
        }
        if is_engine {
            if stamp.len() > ENGINE_MAX {
                diags.push(Diagnostic::error(
                    &file.path,
                    format!(
                        "engine.yaml is {} bytes; an engine file over {} MiB is not read",
                        stamp.len(),
                        ENGINE_MAX >> 20
                    ),
                ));
            }
            engine_text = scanned.engine_text;
        }
        planned.push(PlannedFile {
            path: file.path,
            abs: file.abs,
            size: stamp.len(),
            body_len: scanned.body_len,
            stamp,
            hash: scanned.hash,
        });
    }
    let (checksum, escaped_there) = sums.hashing.finish();
    for (file, len) in planned.iter_mut().zip(escaped_there) {
        file.body_len += len;
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
                    "run `skene triggers generate` in the project directory: it writes \
                     {MIGRATIONS_DIR}/<timestamp>_skene_triggers.sql, which push sends with the bundle \
                     (the migration belongs under the project root, not the bundle directory)"
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
    use crate::bundle::json;

    fn project(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        for (rel, bytes) in files {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        (dir, root)
    }

    #[test]
    fn prepare_normalizes_crlf_and_lone_cr_before_the_checksum() {
        let (_d, root) = project(&[
            ("skene-context/engine.yaml", b"version: 1\r\n"),
            ("skene-context/w.txt", b"a\r\nb\rc\n\r\nd\r"),
        ]);
        let plan = prepare(&root, None).unwrap();
        assert!(plan.diags.is_empty(), "{:?}", plan.diags);
        assert_eq!(
            plan.checksum,
            "sha256:9bd053a0ad4c47bca2354f0561a85322b6e1265ca034c31ac302808c25d8a2f9"
        );
        assert_eq!(plan.files[1].size, 11, "bytes on disk");
        assert_eq!(plan.files[1].body_len, "a\\nb\\nc\\n\\nd\\n".len() as u64);
    }

    /// Files read whole and in pieces, ASCII and not, give the checksum of the same
    /// files held in memory (whichever thread escaped them).
    #[test]
    fn every_way_of_reading_gives_the_same_checksum() {
        let line = "{\"k\": \"é — 😀 \\\\ \u{7f}\", \"n\": 1}\r\n";
        let big = line.repeat(usize::try_from(WHOLE_MAX).unwrap() / line.len() + 100);
        let files: Vec<(String, String)> = vec![
            ("skene-context/a.json".into(), big.clone()),
            ("skene-context/b.txt".into(), "plain ascii\n".repeat(5000)),
            ("skene-context/c.txt".into(), line.repeat(7)),
            ("skene-context/engine.yaml".into(), "version: 1\n".into()),
        ];
        let disk: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_bytes()))
            .collect();
        let (_d, root) = project(&disk);
        let plan = prepare(&root, None).unwrap();
        assert!(plan.diags.is_empty(), "{:?}", plan.diags);
        let normalized: Vec<(String, String)> = files
            .iter()
            .map(|(p, c)| (p.clone(), c.replace("\r\n", "\n")))
            .collect();
        let pairs: Vec<(&str, &str)> = normalized
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        assert_eq!(plan.checksum, checksum::of_files(&pairs));
        for (f, (_, content)) in plan.files.iter().zip(&normalized) {
            assert_eq!(f.body_len, json::body_string(content).len() as u64 - 2);
        }
    }

    #[test]
    fn keys_hidden_by_escapes_and_in_names_are_found() {
        let key_tail = "0123456789abcdef";
        let (_d, root) = project(&[
            ("skene-context/engine.yaml", b"version: 1\n"),
            (
                "skene-context/a.json",
                format!("{{\"t\": \"sk\\u005fws_{key_tail}\"}}\n").as_bytes(),
            ),
            (
                "skene-context/b.yaml",
                b"x: 1\nt: \"sk_ws_0123\\\n   456789abcdef\"\n",
            ),
            (&format!("skene-context/sk_ws_{key_tail}.txt"), b"x"),
        ]);
        let plan = prepare(&root, None).unwrap();
        let all: Vec<String> = plan.diags.iter().map(ToString::to_string).collect();
        assert!(
            all.iter().any(|d| d.starts_with(
                "skene-context/a.json:1:8: error: contains what looks like a Skene API key"
            )),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|d| d.starts_with("skene-context/b.yaml:2:5: error: contains what looks like")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|d| d
                    .contains(".txt: error: its path contains what looks like a Skene API key")),
            "{all:?}"
        );
    }

    #[test]
    fn a_huge_engine_file_is_refused_unread() {
        let big = format!("version: 1\nx: [{}\n", "a, ".repeat(2_000_000));
        let (_d, root) = project(&[("skene-context/engine.yaml", big.as_bytes())]);
        let plan = prepare(&root, None).unwrap();
        assert!(plan.engine.is_none());
        assert!(
            plan.diags[0]
                .to_string()
                .contains("engine.yaml is 6000016 bytes; an engine file over 4 MiB is not read"),
            "{:?}",
            plan.diags
        );
    }

    /// A file over [`WHOLE_MAX`] (read in pieces, escaped on other threads) made of
    /// random characters, so that piece boundaries fall inside multi-byte characters
    /// and between a `\r` and its `\n`.
    fn big_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop::collection::vec(
            prop_oneof![
                3 => any::<char>(),
                1 => Just('\r'),
                1 => Just('\n'),
                1 => Just('😀'),
                1 => Just('é'),
                1 => Just('"'),
                1 => Just('\\'),
            ],
            1..200,
        );
        (piece, 0usize..3000).prop_map(|(chars, tail)| {
            let unit: String = chars.into_iter().collect();
            let times = usize::try_from(WHOLE_MAX).unwrap() / unit.len() + 1;
            let mut text = unit.repeat(times);
            text.extend(std::iter::repeat_n('中', tail));
            text
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6))]

        /// The way push really reads (large files in pieces, on several threads) gives
        /// CPython's `json.dumps(files, sort_keys=True)` checksum of the normalized files.
        #[test]
        fn reading_from_disk_gives_cpythons_checksum(
            big in big_text(),
            small in "[a-z\r\n é😀\"\\\\]{0,300}",
        ) {
            let files: Vec<(String, String)> = vec![
                ("skene-context/big.txt".into(), big),
                ("skene-context/engine.yaml".into(), "version: 1\n".into()),
                ("skene-context/small.txt".into(), small),
            ];
            let disk: Vec<(&str, &[u8])> =
                files.iter().map(|(p, c)| (p.as_str(), c.as_bytes())).collect();
            let (_d, root) = project(&disk);
            let plan = prepare(&root, None).unwrap();
            let normalized: Vec<(String, String)> = files
                .iter()
                .map(|(p, c)| (p.clone(), c.replace("\r\n", "\n").replace('\r', "\n")))
                .collect();
            proptest::prop_assert_eq!(
                &plan.checksum,
                &crate::bundle::checksum::tests::cpython(&normalized)
            );
            for (f, (_, content)) in plan.files.iter().zip(&normalized) {
                proptest::prop_assert_eq!(f.body_len, json::body_string(content).len() as u64 - 2);
            }
        }
    }
}
