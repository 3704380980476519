//! The second pass: the `POST /push` body, produced in pieces while it is sent.
//!
//! `{"manifest":{…},"files":[{"path":"…","content":"…"},…]}`, compact, non-ASCII as
//! raw UTF-8. Its length is known from the first pass, so it goes out with an exact
//! `Content-Length`; a file that changed since then stops the stream.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::change::{ContentHash, Stamp};
use super::json;
use super::plan::{Plan, PlannedFile};
use super::text::{self, TextError};

/// The manifest, in the Python client's field order.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub version: &'static str,
    pub pushed_at: String,
    pub upstream_url: String,
    pub workspace_slug: String,
    pub trigger_events: Vec<String>,
    pub loops_count: usize,
    pub package_checksum: String,
}

impl Manifest {
    pub fn new(plan: &Plan, upstream_url: String, workspace_slug: String) -> Self {
        let engine = plan.engine.clone().unwrap_or_default();
        Self {
            version: "1.0",
            pushed_at: now_iso8601(),
            upstream_url,
            workspace_slug,
            trigger_events: engine.trigger_events(),
            loops_count: engine.features.len(),
            package_checksum: plan.checksum.clone(),
        }
    }
}

/// The fixed parts of the body around the file contents.
#[derive(Debug, Clone)]
pub struct BodyLayout {
    head: String,
    file_heads: Vec<String>,
    pub len: u64,
}

const FILE_TAIL: &str = "\"}";
const TAIL: &str = "]}";

impl BodyLayout {
    pub fn new(plan: &Plan, manifest: &Manifest) -> Self {
        // A struct of strings and numbers: serde_json cannot fail on it (it fails only
        // on maps with non-string keys and on failing Serialize impls).
        let manifest = serde_json::to_string(manifest).expect("a manifest serializes");
        let head = format!("{{\"manifest\":{manifest},\"files\":[");
        let file_heads: Vec<String> = plan
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let sep = if i > 0 { "," } else { "" };
                format!(
                    "{sep}{{\"path\":{},\"content\":\"",
                    json::body_string(&f.path)
                )
            })
            .collect();
        let len = head.len() as u64
            + file_heads.iter().map(|h| h.len() as u64).sum::<u64>()
            + plan
                .files
                .iter()
                .map(|f| f.body_len + FILE_TAIL.len() as u64)
                .sum::<u64>()
            + TAIL.len() as u64;
        Self {
            head,
            file_heads,
            len,
        }
    }
}

/// A file changed between the two passes.
#[derive(Debug, Clone)]
pub struct Changed(pub String);

/// Produces the body in chunks of about [`text::CHUNK`] bytes, calling `emit` for each;
/// `emit` returns false to stop (the receiver is gone). Never emits more than
/// `layout.len` bytes in total.
pub fn produce(
    plan: &Plan,
    layout: &BodyLayout,
    mut emit: impl FnMut(Vec<u8>) -> bool,
) -> Result<(), Changed> {
    let mut buf: Vec<u8> = Vec::with_capacity(2 * text::CHUNK);
    let stopped = std::cell::Cell::new(false);
    // Sends a full buffer (or any, when forced); false once the receiver is gone.
    let mut flush = |buf: &mut Vec<u8>, force: bool| {
        if !stopped.get() && (force || buf.len() >= text::CHUNK) {
            let chunk = std::mem::replace(buf, Vec::with_capacity(2 * text::CHUNK));
            if !emit(chunk) {
                stopped.set(true);
            }
        }
        !stopped.get()
    };
    buf.extend_from_slice(layout.head.as_bytes());
    for (file, head) in plan.files.iter().zip(&layout.file_heads) {
        buf.extend_from_slice(head.as_bytes());
        let sent = send_read(file, &mut buf, &mut flush);
        if stopped.get() {
            return Ok(()); // nobody is listening any more
        }
        sent?;
        buf.extend_from_slice(FILE_TAIL.as_bytes());
        flush(&mut buf, false);
    }
    buf.extend_from_slice(TAIL.as_bytes());
    flush(&mut buf, true);
    Ok(())
}

/// Reads and escapes a file again; it must give what the first pass saw.
fn send_read(
    file: &PlannedFile,
    buf: &mut Vec<u8>,
    flush: &mut impl FnMut(&mut Vec<u8>, bool) -> bool,
) -> Result<(), Changed> {
    let mut written = 0u64;
    let mut grew = false;
    let mut hash = ContentHash::default();
    let unchanged_before = Stamp::of(&file.abs).as_ref() == Some(&file.stamp);
    let result = text::read_normalized(&file.abs, |piece| {
        let before = buf.len();
        json::body_escape(piece.as_bytes(), buf);
        written += (buf.len() - before) as u64;
        if written > file.body_len {
            // Never send more than Content-Length promised.
            buf.truncate(before);
            grew = true;
            return false;
        }
        hash.write(piece.as_bytes());
        flush(buf, false)
    });
    match result {
        Ok(())
            if unchanged_before
                && !grew
                && written == file.body_len
                && hash.finish() == file.hash
                && Stamp::of(&file.abs).as_ref() == Some(&file.stamp) =>
        {
            Ok(())
        }
        Ok(()) | Err(TextError::NotUtf8 { .. }) | Err(TextError::Io(_)) => {
            Err(Changed(file.path.clone()))
        }
    }
}

/// Now in UTC, `2026-11-27T09:55:58.613500Z`.
pub fn now_iso8601() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format_utc(now.as_secs(), now.subsec_micros())
}

fn format_utc(secs: u64, micros: u32) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::bundle::plan::{WHOLE_MAX, prepare};

    fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        for (rel, text) in files {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        (dir, root)
    }

    fn collect(plan: &Plan, layout: &BodyLayout) -> Result<Vec<u8>, Changed> {
        let mut out = Vec::new();
        produce(plan, layout, |chunk| {
            out.extend_from_slice(&chunk);
            true
        })
        .map(|()| out)
    }

    #[test]
    fn the_body_has_the_promised_length_and_parses() {
        let big = "é\"\\\u{1}😀\r\n".repeat(30_000);
        let (_d, root) = project(&[
            ("skene-context/engine.yaml", "version: 1\n"),
            ("skene-context/big.txt", &big),
        ]);
        let plan = prepare(&root, None).unwrap();
        let manifest = Manifest::new(&plan, String::new(), "ws".into());
        let layout = BodyLayout::new(&plan, &manifest);
        let body = collect(&plan, &layout).unwrap();
        assert_eq!(body.len() as u64, layout.len);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["files"][0]["path"], "skene-context/big.txt");
        assert_eq!(
            v["files"][0]["content"].as_str().unwrap(),
            big.replace("\r\n", "\n")
        );
        assert_eq!(v["manifest"]["workspace_slug"], "ws");
        assert_eq!(v["manifest"]["trigger_events"], serde_json::json!([]));
    }

    #[test]
    fn a_file_changed_between_the_passes_stops_the_body() {
        let one = "one\n".repeat(3);
        for whole in [true, false] {
            // Small files are read whole by the first pass, large ones in pieces.
            let text = if whole {
                one.clone()
            } else {
                one.repeat(usize::try_from(WHOLE_MAX).unwrap() / one.len() + 1)
            };
            let (_d, root) = project(&[
                ("skene-context/engine.yaml", "version: 1\n"),
                ("skene-context/a.txt", &text),
            ]);
            let plan = prepare(&root, None).unwrap();
            let manifest = Manifest::new(&plan, String::new(), String::new());
            let layout = BodyLayout::new(&plan, &manifest);
            let same_length = text.replacen("one", "two", 1);
            let longer = format!("{text}and more\n");
            let shorter = text[1..].to_owned();
            for changed in [same_length.as_str(), &longer, &shorter, ""] {
                std::fs::write(root.join("skene-context/a.txt"), changed).unwrap();
                let mut sent = 0u64;
                let result = produce(&plan, &layout, |chunk| {
                    sent += chunk.len() as u64;
                    true
                });
                assert!(
                    matches!(result, Err(Changed(ref p)) if p == "skene-context/a.txt"),
                    "{} bytes",
                    changed.len()
                );
                assert!(sent <= layout.len, "never more than Content-Length");
            }
            // A fresh first pass accepts the file as it now is.
            std::fs::write(root.join("skene-context/a.txt"), &text).unwrap();
            let plan = prepare(&root, None).unwrap();
            let layout = BodyLayout::new(&plan, &manifest);
            assert!(collect(&plan, &layout).is_ok());
        }
    }

    #[test]
    fn production_stops_when_the_receiver_is_gone() {
        let big = "x".repeat(300_000);
        let (_d, root) = project(&[
            ("skene-context/engine.yaml", "version: 1\n"),
            ("skene-context/a.txt", &big),
            ("skene-context/b.txt", &big),
        ]);
        let plan = prepare(&root, None).unwrap();
        let layout = BodyLayout::new(&plan, &Manifest::new(&plan, String::new(), String::new()));
        let mut calls = 0;
        let result = produce(&plan, &layout, |_| {
            calls += 1;
            false
        });
        assert!(result.is_ok());
        assert_eq!(calls, 1, "no chunk is made after the receiver went away");
    }

    #[test]
    fn timestamps_are_iso8601_utc_with_microseconds() {
        assert_eq!(format_utc(0, 0), "1970-01-01T00:00:00.000000Z");
        assert_eq!(
            format_utc(1_795_773_358, 613_500),
            "2026-11-27T09:55:58.613500Z"
        );
        assert_eq!(format_utc(951_782_400, 1), "2000-02-29T00:00:00.000001Z");
        assert_eq!(now_iso8601().len(), 27);
    }
}
