//! `skene members`, `skene keys` and `skene integrations` against the stateful
//! fake workspace (one owner, members, an invitation, keys, origins).

mod support;

use predicates::prelude::*;
use serde_json::Value;
use support::{Env, MEMBER_KEY, OWNER_KEY, outputs};

fn owner() -> Env {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env
}

fn json_out(assert: &assert_cmd::assert::Assert) -> Value {
    serde_json::from_str(&outputs(assert).0).expect("stdout is one JSON document")
}

fn emails(env: &Env) -> Vec<String> {
    env.cloud
        .members()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn members_list_follows_every_page_owner_first() {
    let env = owner();
    let assert = env.skene().args(["members", "list"]).assert().success();
    let (stdout, _) = outputs(&assert);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("ID") && lines[0].contains("EMAIL") && lines[0].contains("SINCE"),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("mem_1  ada@example.com") && lines[1].contains("owner"),
        "owner first: {stdout}"
    );
    assert!(lines[1].contains("2026-01-05"), "{stdout}");
    assert!(
        stdout.contains("cy@example.com")
            && stdout.contains("invited")
            && stdout.contains("2026-03-03")
    );
    assert_eq!(lines.len(), 6, "all five across three pages: {stdout}");
    let pages = env.cloud.requests_to("/members");
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[1].query.as_deref(), Some("cursor=2"));

    let v = json_out(
        &env.skene()
            .args(["members", "list", "--json", "--limit", "3"])
            .assert()
            .success(),
    );
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["role"], "owner");
    assert_eq!(
        env.cloud.requests_to("/members").len(),
        5,
        "--limit 3 stops after two pages"
    );
}

#[test]
fn invite_checks_addresses_reports_each_and_fails_if_any_failed() {
    let env = owner();
    env.skene()
        .args(["members", "invite", "new@example.com", "not-an-email"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "not an email address: not-an-email",
        ));
    assert!(
        env.cloud.requests_to("/members/invitations").is_empty(),
        "nothing sent"
    );

    let assert = env
        .skene()
        .args([
            "members",
            "invite",
            "new@example.com",
            "bob@example.com",
            "other@example.com",
            "--role",
            "member",
        ])
        .assert()
        .code(1);
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains("✓ Invited new@example.com as member"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bob@example.com: already a member or invited"),
        "{stderr}"
    );
    assert!(
        stderr.contains("✓ Invited other@example.com"),
        "the others go on: {stderr}"
    );
    let sent = env.cloud.requests_to("/members/invitations");
    assert_eq!(sent.len(), 3);
    let keys: Vec<&str> = sent
        .iter()
        .map(|r| r.header("idempotency-key").unwrap())
        .collect();
    assert!(keys[0] != keys[1] && keys[0].len() >= 16, "{keys:?}");
    let body: Value = serde_json::from_slice(&sent[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"email": "new@example.com", "role": "member"})
    );
    assert!(emails(&env).contains(&"other@example.com".to_owned()));
}

#[test]
fn a_member_key_cannot_manage_members() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", MEMBER_KEY);
    env.skene()
        .args(["members", "invite", "x@example.com"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "only the workspace owner can manage members",
        ));
    env.skene()
        .args(["members", "remove", "dee@example.com", "--yes"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "only the workspace owner can manage members",
        ));
    assert!(emails(&env).contains(&"dee@example.com".to_owned()));
}

#[test]
fn remove_resolves_everyone_first_and_needs_a_confirmation() {
    let env = owner();
    env.skene()
        .args([
            "members",
            "remove",
            "dee@example.com",
            "nobody@example.com",
            "--yes",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no member or invitation matches: nobody@example.com",
        ));
    assert!(
        emails(&env).contains(&"dee@example.com".to_owned()),
        "nothing removed"
    );

    env.skene()
        .args(["members", "remove", "dee@example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert!(emails(&env).contains(&"dee@example.com".to_owned()));

    env.skene()
        .args(["members", "remove", "ada@example.com", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("owners cannot be removed"))
        .stderr(predicate::str::contains("skene members transfer <email>"));

    let assert = env
        .skene()
        .args(["members", "remove", "DEE@example.com", "mem_3", "--yes"])
        .assert()
        .success();
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains("Removed dee@example.com"), "{stderr}");
    assert!(
        stderr.contains("Cancelled the invitation of cy@example.com"),
        "{stderr}"
    );
    assert_eq!(
        emails(&env),
        ["bob@example.com", "ada@example.com", "eve@example.com"]
    );
}

#[test]
fn transfer_makes_another_member_owner() {
    let env = owner();
    env.login_file(OWNER_KEY);
    let mut cmd = env.skene();
    cmd.env_remove("SKENE_API_KEY");
    cmd.args(["members", "transfer", "bob@example.com"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    let mut cmd = env.skene();
    cmd.env_remove("SKENE_API_KEY");
    cmd.args(["members", "transfer", "cy@example.com", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has not accepted the invitation"));
    let mut cmd = env.skene();
    cmd.env_remove("SKENE_API_KEY");
    cmd.args(["members", "transfer", "bob@example.com", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "bob@example.com is now the owner of my-app; you are a member",
        ));
    let roles: Vec<(String, String)> = env
        .cloud
        .members()
        .iter()
        .map(|m| {
            (
                m["email"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(roles.contains(&("bob@example.com".into(), "owner".into())));
    assert!(roles.contains(&("ada@example.com".into(), "member".into())));
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(config.contains("role = \"member\""), "{config}");
}

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
        env.cloud.origins(),
        ["https://a.example.com", "https://b.example.com:8443"]
    );
}

#[test]
fn integrations_are_listed_and_their_page_printed() {
    let env = owner();
    let assert = env
        .skene()
        .args(["integrations", "list"])
        .assert()
        .success();
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains("supabase")
            && stdout.contains("connected")
            && stdout.contains("project prod, ref abcd1234, read-write"),
        "{stdout}"
    );
    assert!(
        stdout.contains("github") && stdout.contains("not connected"),
        "{stdout}"
    );
    let v = json_out(
        &env.skene()
            .args(["integrations", "list", "--json"])
            .assert()
            .success(),
    );
    assert_eq!(v[0]["type"], "supabase");

    env.skene()
        .args(["integrations", "open", "--print"])
        .assert()
        .success()
        .stdout(format!(
            "{}/workspace/my-app/integrations\n",
            env.cloud.origin()
        ));
    // No display: the URL is printed rather than a browser started.
    env.skene()
        .args(["integrations", "open"])
        .assert()
        .success()
        .stdout(predicate::str::contains("/workspace/my-app/integrations"));
}
