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
//! file by file to a thread of its own ([`Threaded`], which frames each entry with
//! [`entry_start`] and [`entry_end`]); the tests' `of_files` does the same for files
//! held in memory.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Work for the hashing thread, in file order.
enum Job {
    /// Normalized text (valid UTF-8) of a file, whole or a piece: escaped there.
    Text(Vec<u8>),
    /// Python's form of such a text, escaped already by the sender.
    Escaped(Vec<u8>),
}

struct Work {
    index: usize,
    job: Job,
    /// The last piece of file `index`.
    last: bool,
}

/// How many bytes of work go to the hashing thread at once.
const BATCH: usize = 256 * 1024;
/// Bytes of work waiting for the hashing thread beyond which the sender should
/// escape texts itself ([`Threaded::busy`]).
const BACKLOG: u64 = 1 << 20;

/// A [`PackageChecksum`] computed on its own thread while this one reads the next
/// files. Each text is escaped on whichever thread has time for it: the sender asks
/// [`Threaded::busy`], then hands over the text ([`Threaded::text`]) or escapes it
/// itself ([`Threaded::escaped`]). Buffers come back to be reused, so that the pass
/// allocates nothing for this after the first few.
pub struct Threaded {
    tx: SyncSender<Vec<Work>>,
    back: Receiver<Vec<u8>>,
    batch: Vec<Work>,
    batched: usize,
    /// Work sent, and work the thread finished (bytes weighted by their cost).
    sent: u64,
    done: Arc<AtomicU64>,
    worker: JoinHandle<(String, Vec<u64>)>,
}

impl Threaded {
    /// Starts the thread for the files at `paths`, in this order.
    pub fn start(paths: Vec<String>) -> Self {
        let (tx, rx) = mpsc::sync_channel::<Vec<Work>>(4);
        let (back_tx, back) = mpsc::channel::<Vec<u8>>();
        let done = Arc::new(AtomicU64::new(0));
        let worker = {
            let done = done.clone();
            std::thread::spawn(move || hash_files(&paths, rx, back_tx, &done))
        };
        Self {
            tx,
            back,
            batch: Vec::new(),
            batched: 0,
            sent: 0,
            done,
            worker,
        }
    }

    /// An empty buffer, reused when one came back.
    pub fn buffer(&mut self) -> Vec<u8> {
        self.back.try_recv().unwrap_or_default()
    }

    /// True when the thread has enough to do that the caller should escape the next
    /// text itself.
    pub fn busy(&self) -> bool {
        self.sent.saturating_sub(self.done.load(Ordering::Relaxed)) > BACKLOG
    }

    /// Normalized text of file `index` (all of it, or its next piece), to escape on
    /// the thread.
    pub fn text(&mut self, index: usize, text: Vec<u8>, last: bool) {
        let cost = 2 * text.len() as u64;
        self.push(index, Job::Text(text), last, cost);
    }

    /// Python's form of the text of file `index` (or of its next piece).
    pub fn escaped(&mut self, index: usize, python: Vec<u8>, last: bool) {
        let cost = python.len() as u64;
        self.push(index, Job::Escaped(python), last, cost);
    }

    fn push(&mut self, index: usize, job: Job, last: bool, cost: u64) {
        self.sent += cost;
        self.batched += cost as usize;
        self.batch.push(Work { index, job, last });
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

    /// Waits for the hashing to end: `sha256:<hex>`, and the body-form length of
    /// the texts the thread escaped, per file.
    pub fn finish(mut self) -> (String, Vec<u64>) {
        self.send();
        drop(self.tx);
        // The thread only escapes and hashes bytes; should it panic all the same, the
        // panic goes on here rather than a wrong checksum being sent.
        self.worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

/// Escapes what needs it and hashes everything, framing each file's entry.
fn hash_files(
    paths: &[String],
    rx: Receiver<Vec<Work>>,
    back: Sender<Vec<u8>>,
    done: &AtomicU64,
) -> (String, Vec<u64>) {
    let mut sum = PackageChecksum::new();
    let mut body_lens = vec![0u64; paths.len()];
    let (mut body, mut python, mut framing) = (Vec::new(), Vec::new(), Vec::new());
    let mut started = None;
    sum.update(OPEN);
    for batch in rx {
        for Work { index, job, last } in batch {
            if started != Some(index) {
                sum.update(entry_start(index));
                started = Some(index);
            }
            let (mut buf, cost) = match job {
                Job::Text(text) => {
                    body.clear();
                    if json::body_escape(&text, &mut body) {
                        python.clear();
                        json::python_from_body(&body, &mut python);
                        sum.update(&python);
                    } else {
                        sum.update(&body);
                    }
                    if let Some(len) = body_lens.get_mut(index) {
                        *len += body.len() as u64;
                    }
                    let cost = 2 * text.len() as u64;
                    (text, cost)
                }
                Job::Escaped(python) => {
                    sum.update(&python);
                    let cost = python.len() as u64;
                    (python, cost)
                }
            };
            if last && let Some(path) = paths.get(index) {
                framing.clear();
                entry_end(path, &mut framing);
                sum.update(&framing);
            }
            buf.clear();
            let _ = back.send(buf);
            done.fetch_add(cost, Ordering::Relaxed);
        }
    }
    sum.update(CLOSE);
    (sum.finish(), body_lens)
}

/// Escapes a text here: Python's form of it into `python`, through `body`; returns
/// the length of its body form.
pub fn escape_here(text: &[u8], body: &mut Vec<u8>, python: &mut Vec<u8>) -> u64 {
    body.clear();
    if json::body_escape(text, body) {
        json::python_from_body(body, python);
    } else {
        python.extend_from_slice(body);
    }
    body.len() as u64
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
pub(crate) mod tests {
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

    /// Texts escaped on either thread, whole or in pieces, give the same checksum.
    #[test]
    fn the_threaded_checksum_is_the_same_whoever_escapes() {
        let files = [
            ("a/é.txt", "plain\n".repeat(10_000)),
            ("b.json", "{\"k\": \"é — 😀 \\\\ \u{7f}\"}\n".repeat(3_000)),
            ("c.txt", String::new()),
            ("d.txt", "tab\there \"q\"\n".to_owned()),
        ];
        let pairs: Vec<(&str, &str)> = files.iter().map(|(p, c)| (*p, c.as_str())).collect();
        let expected = of_files(&pairs);
        for mode in 0..4 {
            let mut sum = Threaded::start(files.iter().map(|(p, _)| p.to_string()).collect());
            let mut lens_here = [0u64; 4];
            let (mut body, mut n) = (Vec::new(), 0);
            for (i, (_, content)) in files.iter().enumerate() {
                // Pieces end on character boundaries, as the reader cuts them.
                let mut pieces: Vec<&[u8]> = Vec::new();
                let mut rest = content.as_str();
                while mode >= 2 && !rest.is_empty() {
                    let mut cut = rest.len().min(1000);
                    while !rest.is_char_boundary(cut) {
                        cut += 1;
                    }
                    pieces.push(&rest.as_bytes()[..cut]);
                    rest = &rest[cut..];
                }
                if mode < 2 {
                    pieces.push(content.as_bytes());
                }
                let count = pieces.len();
                for (k, piece) in pieces.into_iter().enumerate() {
                    // Mode 0: all there; 1: all here; 2, 3: alternating, in pieces.
                    n += 1;
                    let here = mode == 1 || (mode >= 2 && (n + mode) % 2 == 0);
                    let last = k + 1 == count;
                    if here {
                        let mut python = sum.buffer();
                        lens_here[i] += escape_here(piece, &mut body, &mut python);
                        sum.escaped(i, python, last);
                    } else {
                        sum.text(i, piece.to_vec(), last);
                    }
                }
                if count == 0 {
                    sum.text(i, Vec::new(), true);
                }
            }
            let (checksum, lens_there) = sum.finish();
            assert_eq!(checksum, expected, "mode {mode}");
            for (i, (_, content)) in files.iter().enumerate() {
                assert_eq!(
                    lens_here[i] + lens_there[i],
                    json::body_string(content).len() as u64 - 2,
                    "mode {mode}, file {i}"
                );
            }
        }
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
    pub(crate) fn cpython(files: &[(String, String)]) -> String {
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
