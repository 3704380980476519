//! `skene logs`: the backlog across pages, filters, NDJSON, usage errors; the
//! page cap and paging loops ([`paging`]); and `--follow` ([`follow`]) printing
//! every entry once, in order, across polls and a dropped connection.

mod follow;
mod paging;

use predicates::prelude::*;
use serde_json::Value;

use crate::support::fake_cloud::routes::logs::entry;
use crate::support::{Env, OWNER_KEY, outputs};

pub(super) fn env_with(entries: &[(&str, &str, &str, &str)]) -> Env {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.cloud.with_state(|s| s.logs_page_size = 2);
    for (at, table, op, outcome) in entries {
        env.cloud
            .append_log("my-app", entry(at, table, op, outcome));
    }
    env
}

pub(super) const SOME: [(&str, &str, &str, &str); 5] = [
    ("2026-11-27T10:00:00Z", "public.a", "INSERT", "success"),
    ("2026-11-27T10:00:01Z", "public.b", "UPDATE", "failed"),
    ("2026-11-27T10:00:01Z", "public.c", "INSERT", "skipped"),
    ("2026-11-27T10:00:02Z", "public.a", "DELETE", "success"),
    ("2026-11-27T10:00:03Z", "public.d", "INSERT", "success"),
];

pub(super) fn tables(stdout: &str) -> Vec<String> {
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
    // The case the output shows works too.
    assert_eq!(
        run(&["--operation", "INSERT"]),
        ["public.a", "public.c", "public.d"]
    );
    assert_eq!(run(&["--outcome", "FAILED"]), ["public.b"]);
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
    let before = env.cloud.requests_to("/logs").len();
    for bad in ["10", "tomorrow", "2026-11-27T25:00:00Z"] {
        env.skene()
            .args(["logs", "--until", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--until"));
    }
    // An --until before the --since is an empty window: said, not silently nothing.
    env.skene()
        .args(["logs", "--since", "1h", "--until", "2h"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--until ("))
        .stderr(predicate::str::contains("is before --since"));
    assert_eq!(
        env.cloud.requests_to("/logs").len(),
        before,
        "a bad --until is refused before any request"
    );
}

#[test]
fn the_short_help_states_the_retention() {
    let env = Env::new();
    let assert = env.skene().args(["logs", "-h"]).assert().success();
    let (stdout, _) = outputs(&assert);
    // From `--since` to the next option, however clap wraps it.
    let since = stdout
        .split_once("--since")
        .and_then(|(_, rest)| rest.split_once("--until"))
        .map(|(text, _)| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| panic!("--since, then --until: {stdout}"));
    assert!(since.contains("kept 7 days"), "{since}");
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
