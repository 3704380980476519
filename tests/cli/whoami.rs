//! `skene whoami` and `skene open`: who you are, and the dashboard's pages.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, OWNER_KEY, Reply, outputs};

#[test]
fn whoami_says_who_and_where_in_one_line() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let assert = env.skene().arg("whoami").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @r"
    exit: 0
    --- stdout
    Logged in to Workspace my-app (my-app) as ada@example.com (owner) on http://[HOST]
    --- stderr
    --- end
    ");
    let assert = env.skene().args(["whoami", "--json"]).assert().success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["user"], "ada@example.com");
    assert_eq!(v["workspace"]["slug"], "my-app");
    assert_eq!(v["role"], "owner");
    assert_eq!(v["source"], "file");
}

#[test]
fn whoami_exits_4_when_not_logged_in_or_refused_and_3_when_unreachable() {
    let env = Env::new();
    env.skene()
        .arg("whoami")
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains("skene login"));
    assert!(env.cloud.requests().is_empty());

    env.login_file(OWNER_KEY);
    env.cloud.script("/me", Reply::status(401));
    env.skene()
        .arg("whoami")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("rejected"));

    for _ in 0..4 {
        env.cloud.script("/me", Reply::status(502));
    }
    env.skene().arg("whoami").assert().code(3);
}

#[test]
fn open_prints_the_dashboard_pages() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let base = format!("{}/workspace/my-app", env.cloud.origin());
    for (page, path) in [
        (None, ""),
        (Some("keys"), "/apikeys"),
        (Some("members"), "/members"),
        (Some("integrations"), "/integrations"),
        (Some("engine"), "/engine"),
    ] {
        let mut cmd = env.skene();
        cmd.arg("open");
        if let Some(page) = page {
            cmd.arg(page);
        }
        cmd.arg("--print")
            .assert()
            .success()
            .stdout(format!("{base}{path}\n"));
    }
    let assert = env
        .skene()
        .args(["open", "keys", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["url"], format!("{base}/apikeys"));
    assert_eq!(
        env.cloud.requests_to("/me").len(),
        1,
        "the saved login knows its workspace: no request beyond the login's"
    );
}

#[test]
fn open_asks_the_server_when_only_the_key_knows_the_workspace() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.skene()
        .args(["open", "members", "--print"])
        .assert()
        .success()
        .stdout(format!("{}/workspace/my-app/members\n", env.cloud.origin()));
    assert_eq!(env.cloud.requests_to("/me").len(), 1);
}

#[cfg(unix)]
#[test]
fn open_starts_the_browser_without_skene_secrets() {
    use std::os::unix::fs::PermissionsExt;
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    let seen = env.root().join("browser.txt");
    let script = env.root().join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" > '{}'\nenv >> '{}'\n",
            seen.display(),
            seen.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.set("BROWSER", &script.display().to_string());
    env.skene()
        .args([
            "--upstream",
            &format!("{}/workspace/my-app", env.cloud.origin()),
            "open",
            "keys",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("Opened"));
    let text = std::fs::read_to_string(&seen).unwrap();
    assert!(
        text.starts_with(&format!(
            "{}/workspace/my-app/apikeys\n",
            env.cloud.origin()
        )),
        "{text}"
    );
    assert!(
        !text.contains(OWNER_KEY) && !text.contains("SKENE_"),
        "{text}"
    );
}

#[test]
fn a_me_answer_without_the_workspace_is_no_login_for_status_or_whoami() {
    use crate::support::fake_cloud::{Auth, Route, transport};
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.cloud
        .add_route(Route::api("GET", "/me", Auth::Key, |_| {
            transport::json(200, serde_json::json!({}))
        }));
    for args in [&["auth", "status"][..], &["whoami"], &["--json", "whoami"]] {
        env.skene()
            .args(args)
            .assert()
            .code(3)
            .stdout(predicate::str::contains("Logged in to").not())
            .stdout(predicate::str::contains("(unknown workspace)").not())
            .stderr(predicate::str::contains("lacks the workspace"));
    }
}
