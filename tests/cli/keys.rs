//! `skene keys` (and `keys origins`) against the fake workspace.

use predicates::prelude::*;

use crate::support::{Env, KeyInfo, OWNER_KEY, outputs};

use super::members::{json_out, owner};

#[test]
fn keys_list_marks_the_key_in_use() {
    let env = owner();
    let assert = env.skene().args(["keys", "list"]).assert().success();
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.contains("CREATED BY"), "{stdout}");
    let owner_line = stdout.lines().find(|l| l.contains("key_owner")).unwrap();
    assert!(owner_line.starts_with('*'), "{stdout}");
    let member_line = stdout.lines().find(|l| l.contains("key_member")).unwrap();
    assert!(!member_line.starts_with('*'), "{stdout}");
    assert!(stderr.contains("the key this CLI is using"));
    assert!(!stdout.contains(OWNER_KEY) && !stdout.contains("TESTowner"));
}

#[test]
fn keys_create_prints_the_key_alone_on_stdout() {
    let env = owner();
    let assert = env
        .skene()
        .args(["keys", "create", "--name", "ci"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    assert!(
        stdout.starts_with("sk_ws_CREATED") && stdout.lines().count() == 1,
        "{stdout:?}"
    );
    let key = stdout.trim_end().to_owned();
    assert!(
        stderr.contains("shown once and cannot be recovered"),
        "{stderr}"
    );
    assert!(!stderr.contains(&key));
    let sent = env.cloud.requests_to("/api-keys");
    let create = sent.iter().find(|r| r.method == "POST").unwrap();
    assert!(create.header("idempotency-key").is_some());
    // The new key works.
    let mut cmd = env.skene();
    cmd.env("SKENE_API_KEY", &key)
        .args(["auth", "status"])
        .assert()
        .success();

    let v = json_out(
        &env.skene()
            .args(["keys", "create", "--json"])
            .assert()
            .success(),
    );
    assert!(v["key"].as_str().unwrap().starts_with("sk_ws_CREATED"));
    assert!(v["id"].as_str().unwrap().starts_with("key_"));
}

#[test]
fn a_key_without_a_name_is_named_after_the_host_and_date_and_says_so() {
    // Issue #10: without --name the key was silently called "unnamed".
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let assert = env.skene().args(["keys", "create"]).assert().success();
    let stderr = outputs(&assert).1;
    let sent = env.cloud.requests_to("/api-keys");
    let create = sent.iter().find(|r| r.method == "POST").unwrap();
    let name = create.json()["name"].as_str().unwrap().to_owned();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    let today = chrono_free_today();
    assert_eq!(name, format!("skene-{}-{today}", host.trim()));
    assert!(
        stderr.contains(&format!("Naming the key {name} (pass --name to choose)")),
        "{stderr}"
    );
}

/// Today's UTC date as YYYY-MM-DD, from `date` (the tests have no date crate).
fn chrono_free_today() -> String {
    let out = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn keys_delete_confirms_and_clears_the_local_store_for_the_key_in_use() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.skene()
        .args(["keys", "delete", "key_nope", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no key with id key_nope"));
    env.skene()
        .args(["keys", "delete", "key_member"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert!(env.cloud.key_ids().contains(&"key_member".to_owned()));
    env.skene()
        .args(["keys", "delete", "key_member", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Deleted key key_member"));
    assert!(!env.cloud.key_ids().contains(&"key_member".to_owned()));

    env.skene()
        .args(["keys", "delete", "key_owner", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Removed the deleted key and profile",
        ));
    assert!(
        env.files_containing(OWNER_KEY).is_empty(),
        "the local copy is gone"
    );
    env.skene().args(["auth", "token"]).assert().code(4);
}

#[test]
fn origins_are_validated_and_changed_idempotently() {
    let env = owner();
    env.skene()
        .args(["keys", "origins", "list"])
        .assert()
        .success()
        .stdout("https://app.example.com\n");
    for bad in [
        "https://x.example.com/",
        "http://x.example.com",
        "https://x.example.com/path",
    ] {
        env.skene()
            .args(["keys", "origins", "add", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(bad));
    }
    env.skene()
        .args([
            "keys",
            "origins",
            "add",
            "http://localhost:3000",
            "https://app.example.com",
        ])
        .assert()
        .success()
        .stdout("https://app.example.com\nhttp://localhost:3000\n");
    let puts = |env: &Env| {
        env.cloud
            .requests()
            .iter()
            .filter(|r| r.method == "PUT")
            .count()
    };
    assert_eq!(puts(&env), 1);
    env.skene()
        .args(["keys", "origins", "add", "http://localhost:3000"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Nothing to change."));
    assert_eq!(puts(&env), 1, "no PUT when nothing changes");
    env.skene()
        .args([
            "keys",
            "origins",
            "remove",
            "https://app.example.com",
            "https://gone.example.com",
        ])
        .assert()
        .success()
        .stdout("http://localhost:3000\n");
    let v = json_out(
        &env.skene()
            .args([
                "keys",
                "origins",
                "set",
                "https://a.example.com",
                "https://b.example.com:8443",
                "--json",
            ])
            .assert()
            .success(),
    );
    assert_eq!(
        v["origins"],
        serde_json::json!(["https://a.example.com", "https://b.example.com:8443"])
    );
    assert_eq!(
        env.cloud.workspace("my-app").origins,
        ["https://a.example.com", "https://b.example.com:8443"]
    );
}

#[test]
fn deleting_three_keys_reuses_one_connection() {
    let env = owner();
    for (id, secret) in [
        ("k1", "sk_ws_TESTk10000000000000000000011"),
        ("k2", "sk_ws_TESTk20000000000000000000012"),
        ("k3", "sk_ws_TESTk30000000000000000000013"),
    ] {
        env.cloud.add_key(
            secret,
            KeyInfo::new(id, "my-app", "ada@example.com", "owner"),
        );
    }
    env.skene()
        .args(["keys", "delete", "k1", "k2", "k3", "--yes"])
        .assert()
        .success();
    let ids = env.cloud.key_ids();
    for gone in ["k1", "k2", "k3"] {
        assert!(!ids.iter().any(|id| id == gone), "{ids:?}");
    }
    let requests: Vec<String> = env
        .cloud
        .requests()
        .iter()
        .map(|r| format!("{} {} on connection {}", r.method, r.path, r.conn))
        .collect();
    assert_eq!(
        requests.iter().filter(|r| r.starts_with("DELETE")).count(),
        3,
        "{requests:#?}"
    );
    assert_eq!(
        env.cloud.connections(),
        1,
        "the key pages and the three deletes share one connection: {requests:#?}"
    );
}

#[test]
fn snapshot_keys_list_and_create() {
    let env = owner();
    let assert = env.skene().args(["keys", "list"]).assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
       ID          NAME             PREFIX         CREATED     LAST USED  CREATED BY
    *  key_owner   key_owner name   sk_ws_TESTow…  2026-01-01  never      ada@example.com
       key_member  key_member name  sk_ws_TESTme…  2026-01-01  never      bob@example.com
    --- stderr
    * the key this CLI is using
    --- end
    ");
    let assert = env
        .skene()
        .args(["keys", "create", "--name", "ci"])
        .assert()
        .success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    sk_ws_CREATED00000000000000000011
    --- stderr
    ✓ Created key ci (key_11, sk_ws_…0011)
    warning: the key is shown once and cannot be recovered: store it now
    --- end
    ");
}

#[test]
fn keys_list_json_keeps_a_null_last_used_at() {
    let env = owner();
    let v = json_out(
        &env.skene()
            .args(["keys", "list", "--json"])
            .assert()
            .success(),
    );
    let first = &v.as_array().expect("a bare array")[0];
    assert!(
        first.as_object().unwrap().contains_key("last_used_at"),
        "{first}"
    );
    assert_eq!(first["last_used_at"], serde_json::Value::Null);
}
