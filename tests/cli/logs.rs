//! `skene logs`: the backlog across pages, filters, NDJSON, and `--follow`
//! printing every entry once, in order, across polls and a dropped connection.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::fake_cloud::routes::logs::entry;
use crate::support::{Env, OWNER_KEY, Reply, outputs};

fn env_with(entries: &[(&str, &str, &str, &str)]) -> Env {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.cloud.with_state(|s| s.logs_page_size = 2);
    for (at, table, op, outcome) in entries {
        env.cloud
            .append_log("my-app", entry(at, table, op, outcome));
    }
    env
}

const SOME: [(&str, &str, &str, &str); 5] = [
    ("2026-11-27T10:00:00Z", "public.a", "INSERT", "success"),
    ("2026-11-27T10:00:01Z", "public.b", "UPDATE", "failed"),
    ("2026-11-27T10:00:01Z", "public.c", "INSERT", "skipped"),
    ("2026-11-27T10:00:02Z", "public.a", "DELETE", "success"),
    ("2026-11-27T10:00:03Z", "public.d", "INSERT", "success"),
];

fn tables(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(|l| l.split("  ").nth(1).unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_backlog_is_printed_oldest_first_across_pages() {
    let env = env_with(&SOME);
    let assert = env.skene().args(["logs", "--utc"]).assert().success();
    let (stdout, _) = outputs(&assert);
    assert_eq!(
        tables(&stdout),
        ["public.a", "public.b", "public.c", "public.a", "public.d"],
        "{stdout}"
    );
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("2026-11-27 10:00:00Z  public.a  INSERT  success"),
        "{first}"
    );
    assert!(
        first.contains("trigger skene_growth_public_a_insert"),
        "{first}"
    );
    assert_eq!(
        env.cloud.requests_to("/logs").len(),
        3,
        "three pages of two"
    );
}

#[test]
fn filters_and_limits() {
    let env = env_with(&SOME);
    let run = |args: &[&str]| {
        let assert = env.skene().arg("logs").args(args).assert().success();
        tables(&outputs(&assert).0)
    };
    assert_eq!(run(&["--table", "public.a"]), ["public.a", "public.a"]);
    assert_eq!(
        run(&["--operation", "insert"]),
        ["public.a", "public.c", "public.d"]
    );
    assert_eq!(run(&["--outcome", "failed"]), ["public.b"]);
    assert_eq!(
        run(&["--limit", "2"]),
        ["public.a", "public.d"],
        "the two newest"
    );
    assert_eq!(
        run(&[
            "--since",
            "2026-11-27T10:00:01Z",
            "--until",
            "2026-11-27T10:00:02Z"
        ]),
        ["public.b", "public.c", "public.a"]
    );
    let since = env.cloud.requests_to("/logs");
    assert!(
        since.iter().any(|r| r
            .query
            .as_deref()
            .is_some_and(|q| q.contains("since=2026-11-27T10%3A00%3A01Z"))),
        "since goes to the server"
    );
}

#[test]
fn features_can_be_filtered_and_are_shown() {
    let env = env_with(&[]);
    let mut e = entry("2026-11-27T10:00:00Z", "public.orders", "INSERT", "success");
    e["features"] = serde_json::json!(["first_order_welcome"]);
    env.cloud.append_log("my-app", e);
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:01Z", "public.orders", "INSERT", "skipped"),
    );
    env.skene()
        .args(["logs", "--feature", "first_order_welcome"])
        .assert()
        .success()
        .stdout(predicate::str::contains("fired: first_order_welcome"))
        .stdout(predicate::str::contains("skipped").not());
    env.skene()
        .args(["logs"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no feature fired"));
}

#[test]
fn json_is_one_entry_per_line_as_received() {
    let env = env_with(&SOME);
    let assert = env.skene().args(["logs", "--json"]).assert().success();
    let (stdout, _) = outputs(&assert);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["id"], "log_1");
    assert_eq!(lines[4]["table"], "public.d");
    assert_eq!(lines[0]["trigger"], "skene_growth_public_a_insert");
}

#[test]
fn bad_times_are_usage_errors_and_old_ones_are_warned_about() {
    let env = env_with(&SOME);
    for bad in ["10", "yesterday", "5 minutes", "2026-13-01"] {
        env.skene()
            .args(["logs", "--since", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--since"));
    }
    env.skene()
        .args(["logs", "--since", "30d"])
        .assert()
        .success()
        .stderr(predicate::str::contains("entries are kept for 7 days"));
    assert!(!env.cloud.requests_to("/logs").is_empty());
}

/// A running `skene logs -f` whose stdout lines arrive on a channel.
struct Following {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Following {
    fn start(env: &Env, args: &[&str]) -> Self {
        let mut cmd = env.std_skene();
        cmd.args(["logs", "-f"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// The next `n` lines, within a generous time.
    fn take(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut got = Vec::new();
        while got.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => got.push(line),
                Err(_) => panic!("only {} of {n} lines arrived: {got:#?}", got.len()),
            }
        }
        got
    }

    /// Nothing more arrives for a while.
    fn quiet_for(&self, wait: Duration) {
        if let Ok(line) = self.lines.recv_timeout(wait) {
            panic!("an unexpected line: {line}");
        }
    }

    /// Ctrl-C, and the exit code.
    fn interrupt(mut self) -> i32 {
        let pid = self.child.id().to_string();
        std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap();
        let status = self.child.wait().unwrap();
        status.code().unwrap_or(-1)
    }
}

#[test]
fn follow_prints_every_entry_once_in_order() {
    let env = env_with(&SOME);
    let f = Following::start(&env, &["--utc"]);
    assert_eq!(tables(&f.take(5).join("\n")).len(), 5);
    // Entries that share a timestamp with the last one printed, and later ones.
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:03Z", "public.same", "INSERT", "success"),
    );
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:04Z", "public.e", "INSERT", "success"),
    );
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:05Z", "public.f", "INSERT", "failed"),
    );
    assert_eq!(
        tables(&f.take(3).join("\n")),
        ["public.same", "public.e", "public.f"]
    );
    f.quiet_for(Duration::from_millis(2_500));
    assert_eq!(f.interrupt(), 0, "Ctrl-C ends a follow cleanly");
}

#[test]
fn follow_resumes_after_a_dropped_connection_without_gaps_or_repeats() {
    let env = env_with(&SOME[..2]);
    let f = Following::start(&env, &[]);
    f.take(2);
    // A dropped connection is retried by the client unnoticed; an outage longer
    // than the retries is said once, and the log goes on where it left off.
    env.cloud.script("/logs", Reply::Drop);
    env.cloud.set_outage(Some(Reply::status(503)));
    std::thread::sleep(Duration::from_millis(2_500));
    for (at, table) in [
        ("2026-11-27T10:00:05Z", "public.x"),
        ("2026-11-27T10:00:06Z", "public.y"),
        ("2026-11-27T10:00:06Z", "public.z"),
    ] {
        env.cloud
            .append_log("my-app", entry(at, table, "INSERT", "success"));
    }
    env.cloud.set_outage(None);
    assert_eq!(
        tables(&f.take(3).join("\n")),
        ["public.x", "public.y", "public.z"]
    );
    f.quiet_for(Duration::from_millis(2_500));
    let child = f.child;
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("retrying until the server answers"),
        "{stderr}"
    );
    assert!(stderr.contains("Reconnected"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn outcomes_are_coloured_on_a_terminal_only() {
    let env = env_with(&SOME[..2]);
    let mut cmd = env.std_skene();
    cmd.env("TERM", "xterm").args(["logs"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    let shown = p.exp_eof().unwrap();
    assert!(shown.contains("\u{1b}[32msuccess\u{1b}[0m"), "{shown:?}");
    assert!(shown.contains("\u{1b}[1;31mfailed\u{1b}[0m"), "{shown:?}");
    let assert = env.skene().args(["logs"]).assert().success();
    assert!(
        !outputs(&assert).0.contains('\u{1b}'),
        "no colours into a pipe"
    );
}

#[test]
fn a_closed_pipe_ends_a_follow_quietly() {
    let env = env_with(&SOME[..1]);
    let f = Following::start(&env, &[]);
    f.take(1);
    let Following { mut child, lines } = f;
    drop(lines);
    // The reader is gone (once its thread sees the next line): entries keep
    // coming, and one of them cannot be written.
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut i = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "skene logs -f did not notice the closed pipe"
        );
        i += 1;
        let at = format!("2026-11-27T11:{:02}:{:02}Z", i / 60, i % 60);
        env.cloud
            .append_log("my-app", entry(&at, "public.p", "INSERT", "success"));
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(status.code(), Some(0));
}
