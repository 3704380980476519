//! `skene api`: raw calls to the API with the stored key.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, MEMBER_KEY, outputs};

use super::chat::owner;

#[test]
fn api_get_prints_the_body_as_received() {
    let env = owner();
    let assert = env.skene().args(["api", "/me"]).assert().success();
    let (stdout, _) = outputs(&assert);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["workspace"]["slug"], "my-app");
    assert!(
        !stdout.contains("\n  "),
        "not pretty-printed when stdout is not a terminal"
    );
    env.skene().args(["api", "me"]).assert().success();
    let me = env.cloud.requests_to("/me");
    assert_eq!(me.len(), 2);
    assert_eq!(me[0].method, "GET");
}

#[test]
fn api_fields_and_input_make_a_body() {
    let env = owner();
    env.skene()
        .args([
            "api",
            "/api-keys",
            "-f",
            "name=ci",
            "-f",
            "n=3",
            "-f",
            "ok=true",
        ])
        .assert()
        .success();
    let post = env
        .cloud
        .requests()
        .into_iter()
        .find(|r| r.method == "POST" && r.path == "/api-keys")
        .unwrap();
    let body: Value = serde_json::from_slice(&post.body).unwrap();
    assert_eq!(body, serde_json::json!({"name": "ci", "n": 3, "ok": true}));
    assert_eq!(post.header("content-type"), Some("application/json"));

    env.skene()
        .args(["api", "/allowed-origins", "-X", "PUT", "--input", "-"])
        .write_stdin(r#"{"origins": ["https://x.example.com"]}"#)
        .assert()
        .success()
        .stdout(predicate::str::contains("https://x.example.com"));
    assert_eq!(
        env.cloud.workspace("my-app").origins,
        ["https://x.example.com"]
    );

    let file = env.root().join("origins.json");
    std::fs::write(&file, r#"{"origins": []}"#).unwrap();
    env.skene()
        .args([
            "api",
            "/allowed-origins",
            "-X",
            "put",
            "--input",
            file.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(env.cloud.workspace("my-app").origins.is_empty());

    let notes = env.root().join("note.txt");
    std::fs::write(&notes, "from a file").unwrap();
    env.skene()
        .args([
            "api",
            "/members/invitations",
            "-f",
            "email=z@example.com",
            "-f",
            &format!("note=@{}", notes.display()),
        ])
        .assert()
        .success();
    let inv = env.cloud.requests_to("/members/invitations");
    let body: Value = serde_json::from_slice(&inv[0].body).unwrap();
    assert_eq!(body["note"], "from a file");
}

#[test]
fn api_include_shows_the_status_and_headers() {
    let env = owner();
    env.skene()
        .args(["api", "-i", "/me", "-H", "X-Trace: 42"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("HTTP 200 OK\n"))
        .stdout(predicate::str::contains("content-type: application/json\n"));
    assert_eq!(
        env.cloud.requests_to("/me")[0].header("x-trace"),
        Some("42")
    );
}

#[test]
fn api_errors_print_the_body_and_exit_by_class() {
    let env = owner();
    env.skene()
        .args(["api", "/nope"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("no such route"))
        .stderr(predicate::str::contains("HTTP 404 Not Found"));
    let mut member = Env::new();
    member.set("SKENE_API_KEY", MEMBER_KEY);
    member
        .skene()
        .args(["api", "/api-keys", "-f", "name=x"])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("owner"));
    env.skene()
        .args(["api", "https://evil.example/api/v1/me"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sends the key to the API base's server only",
        ));
    env.skene()
        .args(["api", "/me", "-H", "Authorization: Bearer x"])
        .assert()
        .code(2);
    env.skene().args(["api", "/me", "-f", "x"]).assert().code(2);
    assert!(
        env.cloud.requests().iter().all(|r| r.path != "/me"),
        "refused before sending"
    );
}
