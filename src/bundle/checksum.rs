//! The package checksum: `"sha256:"` + hex SHA-256 of the `files` array serialized
//! the way the Python client's `json.dumps(files, sort_keys=True)` does, so that two
//! clients pushing the same files agree (the server uses it to see that nothing
//! changed):
//!
//! ```text
//! [{"content": "…", "path": "…"}, {"content": "…", "path": "…"}]
//! ```
//!
//! keys sorted (`content` before `path`), separators `", "` and `": "`, strings in
//! Python's `ensure_ascii` form ([`json::python_escape`]). The first pass feeds it
//! piece by piece, on a thread of its own ([`Threaded`], with the framing from
//! [`entry_start`] and [`entry_end`]); the tests' `of_files` does the same for files
//! held in memory.

use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use super::json;

/// What comes before everything.
pub const OPEN: &[u8] = b"[";
/// What comes after everything.
pub const CLOSE: &[u8] = b"]";

/// What comes before the content of the `i`-th file.
pub fn entry_start(i: usize) -> &'static [u8] {
    if i == 0 {
        b"{\"content\": \""
    } else {
        b", {\"content\": \""
    }
}

/// What comes after the content of a file: its path, and the end of its entry.
pub fn entry_end(path: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(b"\", \"path\": \"");
    json::python_escape(path, out);
    out.extend_from_slice(b"\"}");
}

/// SHA-256 over the serialized file list, fed in pieces.
#[derive(Default)]
pub struct PackageChecksum {
    hasher: Sha256,
}

impl PackageChecksum {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
    }

    /// `sha256:<64 lowercase hex digits>`.
    pub fn finish(self) -> String {
        let digest = self.hasher.finalize();
        let mut text = String::with_capacity(7 + 64);
        text.push_str("sha256:");
        for b in digest.iter() {
            text.push_str(&format!("{b:02x}"));
        }
        text
    }
}

/// How full a buffer gets before it goes.
const BUFFER: usize = 128 * 1024;
/// How many bytes go to the hashing thread at once.
const BATCH: usize = 512 * 1024;

/// A [`PackageChecksum`] computed on its own thread while this one reads and
/// escapes the next files. Its input goes over in batches of buffers, which come
/// back to be reused, so that the pass allocates nothing for it after the first few.
pub struct Threaded {
    tx: SyncSender<Vec<Vec<u8>>>,
    back: Receiver<Vec<u8>>,
    batch: Vec<Vec<u8>>,
    batched: usize,
    /// The buffer being filled.
    pub buf: Vec<u8>,
    worker: JoinHandle<String>,
}

impl Threaded {
    pub fn start() -> Self {
        let (tx, rx) = mpsc::sync_channel::<Vec<Vec<u8>>>(4);
        let (back_tx, back) = mpsc::channel::<Vec<u8>>();
        let worker = std::thread::spawn(move || hash_batches(rx, back_tx));
        Self {
            tx,
            back,
            batch: Vec::new(),
            batched: 0,
            buf: Vec::with_capacity(2 * BUFFER),
            worker,
        }
    }

    /// Adds bytes (framing; content in Python's form is written into `buf`).
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.filled();
    }

    /// Sends the buffer on once it is full; call after writing into `buf`.
    pub fn filled(&mut self) {
        if self.buf.len() >= BUFFER {
            self.close_buf();
        }
    }

    fn close_buf(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let fresh = self
            .back
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(2 * BUFFER));
        let full = std::mem::replace(&mut self.buf, fresh);
        self.batched += full.len();
        self.batch.push(full);
        if self.batched >= BATCH {
            self.send();
        }
    }

    fn send(&mut self) {
        self.batched = 0;
        // The hashing thread only goes away when this side hangs up, or by a panic,
        // which `finish` reports: a lost batch cannot go unnoticed.
        let _ = self.tx.send(std::mem::take(&mut self.batch));
    }

    /// Waits for the hashing to end: `sha256:<hex>`.
    pub fn finish(mut self) -> String {
        self.close_buf();
        self.send();
        drop(self.tx);
        // The thread only hashes bytes; should it panic all the same, the panic goes
        // on here rather than a wrong checksum being sent.
        self.worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

fn hash_batches(rx: Receiver<Vec<Vec<u8>>>, back: Sender<Vec<u8>>) -> String {
    let mut sum = PackageChecksum::new();
    for batch in rx {
        for mut buf in batch {
            sum.update(&buf);
            buf.clear();
            let _ = back.send(buf);
        }
    }
    sum.finish()
}

/// The package checksum of `(path, content)` pairs (content normalized as a push
/// reads it), in this order.
#[cfg(test)]
pub fn of_files(files: &[(&str, &str)]) -> String {
    let mut sum = PackageChecksum::new();
    let mut buf = OPEN.to_vec();
    for (i, (path, content)) in files.iter().enumerate() {
        buf.extend_from_slice(entry_start(i));
        json::python_escape(content, &mut buf);
        entry_end(path, &mut buf);
    }
    buf.extend_from_slice(CLOSE);
    sum.update(&buf);
    sum.finish()
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
    use std::sync::{Mutex, OnceLock};

    use proptest::prelude::*;

    use super::*;

    // Expected values: Python 3.11, "sha256:" + sha256(json.dumps(files, sort_keys=True)).
    #[test]
    fn checksum_matches_python_on_hard_cases() {
        assert_eq!(
            of_files(&[]),
            "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
        );
        assert_eq!(
            of_files(&[("a/😀.txt", "emoji 😀 and é 中 — 🎉\n")]),
            "sha256:7a87fe0e2680459660a23796dc7d693e047e745bc5fab64e069bcef4b7f2bd8d"
        );
        assert_eq!(
            of_files(&[
                (
                    "q.txt",
                    "quote \" backslash \\ tab\t bell\u{7} del\u{7f} nul\u{0} ff\u{c} bs\u{8} slash /"
                ),
                ("r.txt", "crlf\nlone\nend\n"),
            ]),
            "sha256:034fa7e32c48360961e578e82a3625d2ca3566cacd3352cf10337b8a52a438f6"
        );
    }

    /// One CPython process for the whole run, answering a line per file list.
    struct Python {
        _child: Child,
        input: ChildStdin,
        output: BufReader<ChildStdout>,
    }

    const PYTHON_CHECKSUM: &str = "\
import hashlib, json, sys
for line in sys.stdin:
    files = json.loads(line)
    text = json.dumps(files, sort_keys=True)
    print('sha256:' + hashlib.sha256(text.encode('ascii')).hexdigest(), flush=True)
";

    fn python() -> &'static Mutex<Python> {
        static PYTHON: OnceLock<Mutex<Python>> = OnceLock::new();
        PYTHON.get_or_init(|| {
            let mut child = Command::new("python3")
                .args(["-c", PYTHON_CHECKSUM])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "python3 is needed to check the checksum against CPython's json.dumps \
                         (CI installs it): {e}"
                    )
                });
            let input = child.stdin.take().expect("piped stdin");
            let output = BufReader::new(child.stdout.take().expect("piped stdout"));
            Mutex::new(Python {
                _child: child,
                input,
                output,
            })
        })
    }

    /// CPython's checksum of the files.
    fn cpython(files: &[(String, String)]) -> String {
        let list: Vec<serde_json::Value> = files
            .iter()
            .map(|(path, content)| serde_json::json!({"path": path, "content": content}))
            .collect();
        let mut py = python().lock().unwrap_or_else(|e| e.into_inner());
        let line = serde_json::to_string(&list).unwrap();
        writeln!(py.input, "{line}").expect("python3 reads the files");
        py.input.flush().unwrap();
        let mut answer = String::new();
        py.output.read_line(&mut answer).expect("python3 answers");
        assert!(
            answer.starts_with("sha256:"),
            "python3 failed on {line}: {answer:?}"
        );
        answer.trim_end().to_owned()
    }

    fn unicode_text() -> impl Strategy<Value = String> {
        prop_oneof![
            2 => any::<String>(),
            1 => "[a-z\"\\\\\n\t\u{7f}é—中😀🎉\u{10000}-\u{10ffff}]{0,200}",
            1 => prop::collection::vec(any::<char>(), 0..2000).prop_map(|c| c.into_iter().collect()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Random Unicode files: our checksum is CPython's.
        #[test]
        fn checksum_equals_cpython_json_dumps(
            files in prop::collection::vec((unicode_text(), unicode_text()), 0..6)
        ) {
            let pairs: Vec<(&str, &str)> =
                files.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
            prop_assert_eq!(of_files(&pairs), cpython(&files));
        }
    }
}
