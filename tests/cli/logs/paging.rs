//! The backlog's bounds: a log longer than the page cap is printed as far as it
//! was read, with a notice; a server whose cursor repeats is an error (exit 3).

use std::time::{Duration, Instant};

use serde_json::json;

use super::{SOME, env_with, tables};
use crate::support::fake_cloud::routes::logs::entry;
use crate::support::fake_cloud::{Auth, Route, transport};
use crate::support::{Env, Reply, outputs};

/// The page cap of `src/api/paging.rs`.
const MAX_PAGES: usize = 1_000;

/// A log that never ends: page `n` holds one entry, `n` seconds before 10:00,
/// failed on every 100th page, and points to page `n + 1`.
fn endless_log(env: &Env) {
    env.cloud
        .add_route(Route::api("GET", "/logs", Auth::Key, |call| {
            let n: i64 = call
                .req
                .query_param("cursor")
                .and_then(|c| c.strip_prefix('p'))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let at = chrono::DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z").unwrap()
                - chrono::Duration::seconds(n);
            let outcome = if n % 100 == 0 { "failed" } else { "success" };
            let mut e = entry(
                &at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                &format!("public.t{n}"),
                "INSERT",
                outcome,
            );
            e["id"] = json!(format!("e{n}"));
            transport::json(
                200,
                json!({"data": [e], "next_cursor": format!("p{}", n + 1)}),
            )
        }));
}

#[test]
fn a_log_longer_than_the_page_cap_is_printed_as_far_as_read() {
    let env = env_with(&[]);
    endless_log(&env);
    let started = Instant::now();
    // A selective filter: the 100 entries the default --limit wants are never found.
    let assert = env
        .skene()
        .args(["logs", "--outcome", "failed"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    let expected: Vec<String> = (0..10)
        .rev()
        .map(|i| format!("public.t{}", i * 100))
        .collect();
    assert_eq!(tables(&stdout), expected, "oldest first");
    assert_eq!(env.cloud.requests_to("/logs").len(), MAX_PAGES);
    let notice: Vec<&str> = stderr.lines().collect();
    assert_eq!(notice.len(), 1, "one line: {stderr}");
    assert!(
        notice[0].contains(&format!("stopped after {MAX_PAGES} pages"))
            && notice[0].contains("--since"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_backlog_of_huge_pages_stops_at_the_item_cap() {
    // Pages far larger than asked for: memory is bounded by entries, not only pages.
    let env = env_with(&[]);
    env.cloud
        .add_route(Route::api("GET", "/logs", Auth::Key, |call| {
            let n: usize = call
                .req
                .query_param("cursor")
                .and_then(|c| c.strip_prefix('p'))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let data: Vec<_> = (0..60_000)
                .map(|i| json!({"id": format!("e{n}-{i}"), "received_at": "2026-11-27T10:00:00Z"}))
                .collect();
            transport::json(
                200,
                json!({"data": data, "next_cursor": format!("p{}", n + 1)}),
            )
        }));
    let assert = env
        .skene()
        .args(["logs", "--outcome", "failed"])
        .assert()
        .success();
    let stderr = outputs(&assert).1;
    assert_eq!(env.cloud.requests_to("/logs").len(), 2, "{stderr}");
    assert!(
        stderr.contains("stopped after 2 pages (120000 entries)"),
        "{stderr}"
    );
}

#[test]
fn a_repeated_cursor_in_the_backlog_is_an_error() {
    let env = env_with(&SOME);
    for _ in 0..2 {
        env.cloud.script(
            "/logs",
            Reply::json(
                200,
                json!({"data": [entry("2026-11-27T10:00:00Z", "public.a", "INSERT", "success")],
                       "next_cursor": "again"}),
            ),
        );
    }
    let assert = env.skene().args(["logs"]).assert().code(3);
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("does not end"), "{stderr}");
}
