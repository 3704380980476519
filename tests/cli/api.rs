//! `skene api`: raw calls to the API with the stored key.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, MEMBER_KEY, Reply, outputs};

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

/// Cookies are credentials: neither `-i` nor a `-vv` trace shows a `Set-Cookie`
/// from the server or a `Cookie` sent with `-H` (both still travel).
#[test]
fn cookies_are_redacted_in_include_and_in_traces() {
    let env = owner();
    let set_cookie = || {
        Reply::json(200, serde_json::json!({"ok": true}))
            .with_header("set-cookie", "session=SERVERcookie123; Path=/; HttpOnly")
    };
    env.cloud.script("/me", set_cookie());
    let assert = env.skene().args(["api", "-i", "/me"]).assert().success();
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.contains("set-cookie: [redacted]\n"), "{stdout}");
    assert!(
        !stdout.contains("SERVERcookie") && !stderr.contains("SERVERcookie"),
        "{stdout}{stderr}"
    );

    env.cloud.script("/me", set_cookie());
    let assert = env
        .skene()
        .args(["-vv", "api", "/me", "-H", "Cookie: sid=CLIENTcookie456"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    assert!(stderr.contains("> cookie: [redacted]"), "{stderr}");
    assert!(stderr.contains("< set-cookie: [redacted]"), "{stderr}");
    for secret in ["SERVERcookie", "CLIENTcookie"] {
        assert!(
            !stderr.contains(secret) && !stdout.contains(secret),
            "{secret}: {stderr}"
        );
    }
    assert_eq!(
        env.cloud
            .requests_to("/me")
            .last()
            .unwrap()
            .header("cookie"),
        Some("sid=CLIENTcookie456"),
        "only the display hides it"
    );
}

#[test]
fn snapshot_api_output() {
    let env = owner();
    let assert = env.skene().args(["api", "/models"]).assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 0
    --- stdout
    {"data":[{"id":"auto","object":"model"},{"id":"fast","object":"model"}],"object":"list"}
    [no newline at end]
    --- stderr
    --- end
    "#);
    let assert = env.skene().args(["api", "/nope"]).assert().code(3);
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 3
    --- stdout
    {"error":{"code":"not_found","message":"no such route"}}
    [no newline at end]
    --- stderr

    error: HTTP 404 Not Found from http://[HOST]/api/v1/nope
    --- end
    "#);
}
