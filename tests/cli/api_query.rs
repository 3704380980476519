//! `skene api --paginate` and `--jq`, as `gh api` has them.

use serde_json::{Value, json};

use crate::support::fake_cloud::{Auth, Route, transport};
use crate::support::{Env, OWNER_KEY, outputs};

fn owner() -> Env {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env
}

#[test]
fn paginate_follows_every_cursor_into_one_array() {
    let env = owner();
    let assert = env
        .skene()
        .args(["api", "/members?limit=2", "--paginate"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    let emails: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails.len(), 5, "{v}");
    assert!(emails.contains(&"eve@example.com"));
    let queries: Vec<String> = env
        .cloud
        .requests_to("/members")
        .iter()
        .map(|r| r.query.clone().unwrap_or_default())
        .collect();
    assert_eq!(queries.len(), 3, "three pages of two: {queries:?}");
    assert_eq!(queries[0], "limit=2");
    assert!(queries[1].starts_with("limit=2&cursor="), "{queries:?}");
}

#[test]
fn jq_filters_the_answer_strings_raw_values_as_json() {
    let env = owner();
    env.skene()
        .args(["api", "/me", "--jq", ".workspace.slug"])
        .assert()
        .success()
        .stdout("my-app\n");
    env.skene()
        .args([
            "api",
            "/members",
            "--paginate",
            "--jq",
            ".[] | select(.role == \"owner\") | .email",
        ])
        .assert()
        .success()
        .stdout("ada@example.com\n");
    env.skene()
        .args(["api", "/members", "--paginate", "--jq", "length"])
        .assert()
        .success()
        .stdout("5\n");
    env.skene()
        .args(["api", "/me", "--jq", "{role}"])
        .assert()
        .success()
        .stdout("{\"role\":\"owner\"}\n");
}

#[test]
fn a_mistake_in_the_expression_is_a_usage_error_before_any_request() {
    let env = owner();
    for bad in [".[] |", "nosuchfilter", "env.SKENE_API_KEY"] {
        let assert = env
            .skene()
            .args(["api", "/me", "--jq", bad])
            .assert()
            .code(2);
        let (stdout, stderr) = outputs(&assert);
        assert_eq!(stdout, "");
        assert!(stderr.contains("--jq"), "{bad}: {stderr}");
        assert!(!stderr.contains(OWNER_KEY));
    }
    assert!(env.cloud.requests().is_empty());
    // A filter that does not fit the answer.
    env.skene()
        .args(["api", "/me", "--jq", ".workspace.slug | keys"])
        .assert()
        .code(2);
    // Paging is for GET lists.
    env.skene()
        .args(["api", "/api-keys", "-f", "name=x", "--paginate"])
        .assert()
        .code(2);
    env.skene()
        .args(["api", "/me", "--paginate"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a paged list"));
}

#[test]
fn an_error_answer_is_printed_as_it_is_with_its_exit_code() {
    let env = Env::new();
    let mut env = env;
    env.set("SKENE_API_KEY", "sk_ws_not_a_known_key_000000000");
    let assert = env
        .skene()
        .args(["api", "/members", "--paginate", "--jq", ".[]"])
        .assert()
        .code(4);
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.contains("error"), "the body, unfiltered: {stdout}");
    assert!(stderr.contains("HTTP 401"), "{stderr}");
}

#[test]
fn paging_that_never_ends_is_stopped() {
    let env = owner();
    env.cloud
        .add_route(Route::api("GET", "/loop", Auth::Key, |_| {
            transport::json(200, json!({"data": [1], "next_cursor": "same"}))
        }));
    let assert = env
        .skene()
        .args(["api", "/loop", "--paginate"])
        .assert()
        .failure();
    let (stdout, stderr) = outputs(&assert);
    assert_eq!(stdout, "");
    assert!(stderr.contains("does not end"), "{stderr}");
    assert_eq!(env.cloud.requests_to("/loop").len(), 2);
}
