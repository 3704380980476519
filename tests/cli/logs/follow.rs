//! `skene logs --follow`: every entry once, in order, across pages, polls and a
//! dropped connection; the idle backoff and `Retry-After`; Ctrl-C at any point
//! ends it with 0; a server whose paging loops ends it with 3.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{SOME, env_with, tables};
use crate::support::fake_cloud::routes::logs::entry;
use crate::support::{Env, Reply};

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
    fn interrupt(self) -> i32 {
        self.stop().0
    }

    /// Ctrl-C; the exit code and what was said on stderr.
    fn stop(self) -> (i32, String) {
        sigint(&self.child);
        self.ended_within(Duration::from_secs(10))
    }

    /// The exit code and stderr once the process ends by itself; fails (after
    /// killing it) if it is still running after `wait`.
    fn ended_within(mut self, wait: Duration) -> (i32, String) {
        let deadline = Instant::now() + wait;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                let mut stderr = String::new();
                let _ = self
                    .child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut stderr);
                panic!("skene logs -f still runs after {wait:?}; stderr: {stderr}");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut stderr = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        (status.code().unwrap_or(-1), stderr)
    }
}

fn sigint(child: &Child) {
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
}

/// Waits (20 s at most) until `ready` holds.
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// When each `/logs` request arrived.
fn log_requests(env: &Env) -> Vec<Instant> {
    env.cloud
        .requests_to("/logs")
        .iter()
        .map(|r| r.at)
        .collect()
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
    let (code, stderr) = f.stop();
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("retrying until the server answers"),
        "{stderr}"
    );
    assert!(stderr.contains("Reconnected"), "{stderr}");
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

#[test]
fn ctrl_c_while_the_backlog_loads_ends_a_follow_with_0() {
    let env = env_with(&SOME);
    env.cloud
        .script("/logs", Reply::Delay(Duration::from_secs(20)));
    let f = Following::start(&env, &[]);
    wait_until("the first /logs request", || {
        env.cloud.started().iter().any(|p| p == "/logs")
    });
    let (code, stderr) = f.stop();
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn ctrl_c_ends_a_plain_logs_with_130() {
    // Without --follow, `logs` has an end of its own: cut short, its output is
    // incomplete, and it says so like every other interrupted command.
    let env = env_with(&SOME);
    env.cloud
        .script("/logs", Reply::Delay(Duration::from_secs(20)));
    let child = env
        .std_skene()
        .arg("logs")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the first /logs request", || {
        env.cloud.started().iter().any(|p| p == "/logs")
    });
    sigint(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
}

#[test]
fn an_entry_appended_between_two_pages_is_printed_once_in_order() {
    let env = env_with(&SOME);
    // Between the backlog's first and second page: one entry that shares the
    // newest time (so it sorts into the page already read) and a newer one.
    env.cloud.append_log_on_request(
        2,
        entry("2026-11-27T10:00:03Z", "public.tie", "INSERT", "success"),
    );
    env.cloud.append_log_on_request(
        2,
        entry("2026-11-27T10:00:04Z", "public.late", "UPDATE", "success"),
    );
    let f = Following::start(&env, &["--utc"]);
    assert_eq!(
        tables(&f.take(7).join("\n")),
        [
            "public.a",
            "public.b",
            "public.c",
            "public.a",
            "public.d",
            "public.tie",
            "public.late"
        ]
    );
    f.quiet_for(Duration::from_millis(2_500));
    assert_eq!(f.interrupt(), 0);
}

#[test]
fn ties_over_more_than_a_page_are_all_printed_in_any_server_order() {
    let env = env_with(&SOME);
    // Ties in the order appended: the entry already printed comes first, the
    // new ones that share its time follow it, over more than one page.
    env.cloud.with_state(|s| s.logs_ties_oldest_first = true);
    let f = Following::start(&env, &["--utc"]);
    f.take(5);
    for table in ["public.t1", "public.t2", "public.t3"] {
        env.cloud.append_log(
            "my-app",
            entry("2026-11-27T10:00:03Z", table, "INSERT", "success"),
        );
    }
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:04Z", "public.next", "INSERT", "success"),
    );
    let mut got = tables(&f.take(4).join("\n"));
    assert_eq!(got.pop().as_deref(), Some("public.next"), "{got:?}");
    got.sort();
    assert_eq!(got, ["public.t1", "public.t2", "public.t3"]);
    f.quiet_for(Duration::from_millis(2_500));
    assert_eq!(f.interrupt(), 0);
}

#[test]
fn json_follow_is_ndjson_each_entry_once() {
    let env = env_with(&SOME);
    let f = Following::start(&env, &["--json"]);
    let mut lines = f.take(5);
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:03Z", "public.same", "INSERT", "success"),
    );
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:04Z", "public.e", "DELETE", "failed"),
    );
    lines.extend(f.take(2));
    f.quiet_for(Duration::from_millis(2_500));
    assert_eq!(f.interrupt(), 0);
    let entries: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 7);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 7, "each entry once: {ids:?}");
    let times: Vec<&str> = entries
        .iter()
        .map(|e| e["received_at"].as_str().unwrap())
        .collect();
    assert!(times.is_sorted(), "oldest first: {times:?}");
    assert_eq!(entries[6]["table"], "public.e");
}

#[test]
fn retry_after_is_waited_for_between_polls() {
    let mut env = env_with(&SOME[..1]);
    // A one-second budget: the client gives up on a 7 s Retry-After at once and
    // leaves the wait to the follow loop (longer than its slowest poll, 5 s).
    env.set("SKENE_HTTP_TIMEOUT", "1");
    let f = Following::start(&env, &[]);
    f.take(1);
    // Right after a poll, so the scripted answer goes to the next one.
    let polled = log_requests(&env).len();
    wait_until("a poll", || log_requests(&env).len() > polled);
    let scripted_at = Instant::now();
    env.cloud.script("/logs", Reply::retry_after(429, 7));
    wait_until("the poll after the 429", || {
        log_requests(&env)
            .iter()
            .filter(|at| **at > scripted_at)
            .count()
            >= 2
    });
    let after: Vec<Instant> = log_requests(&env)
        .into_iter()
        .filter(|at| *at > scripted_at)
        .collect();
    let gap = after[1] - after[0];
    assert!(gap >= Duration::from_secs(7), "{gap:?}");
    let (code, stderr) = f.stop();
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("429"), "{stderr}");
}

#[test]
fn polls_slow_down_to_5_s_while_idle_and_speed_up_on_activity() {
    let env = env_with(&SOME[..1]);
    let started = Instant::now();
    let f = Following::start(&env, &[]);
    f.take(1);
    let backlog = log_requests(&env).len();
    // Three idle polls (after 1, 2 and 4 s), then an entry: the fourth poll
    // (5 s later, not 8) finds it, and the fifth comes a second after that.
    wait_until("three polls", || log_requests(&env).len() >= backlog + 3);
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T11:00:00Z", "public.new", "INSERT", "success"),
    );
    assert_eq!(tables(&f.take(1).join("\n")), ["public.new"]);
    wait_until("the poll after the entry", || {
        log_requests(&env).len() >= backlog + 5
    });
    assert_eq!(f.interrupt(), 0);
    let at = log_requests(&env);
    let gaps: Vec<f64> = at[backlog - 1..backlog + 5]
        .windows(2)
        .map(|w| (w[1] - w[0]).as_secs_f64())
        .collect();
    let at_least = [0.9, 1.9, 3.9, 4.9, 0.9];
    for (gap, min) in gaps.iter().zip(at_least) {
        assert!(*gap >= min, "gaps {gaps:?}");
    }
    assert!(gaps[3] < 7.5, "capped at 5 s, not doubled to 8: {gaps:?}");
    assert!(gaps[4] < 3.5, "back to 1 s after an entry: {gaps:?}");
    assert!(started.elapsed() < Duration::from_secs(25));
}

#[test]
fn a_paging_loop_while_following_ends_with_3() {
    let env = env_with(&SOME[..1]);
    let f = Following::start(&env, &[]);
    f.take(1);
    for _ in 0..2 {
        env.cloud.script(
            "/logs",
            Reply::json(200, json!({"data": [], "next_cursor": "again"})),
        );
    }
    let (code, stderr) = f.ended_within(Duration::from_secs(15));
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("does not end"), "{stderr}");
    assert!(
        !stderr.contains("retrying until the server answers"),
        "not taken for an outage: {stderr}"
    );
}
