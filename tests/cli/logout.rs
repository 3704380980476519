//! `skene logout` against the fake cloud, without a keyring.

use predicates::prelude::*;

use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY, Reply, outputs};

#[test]
fn logout_removes_the_key_and_profile_and_is_idempotent() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    env.skene()
        .args(["logout", "--workspace", "other-app"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "Logged out of {}",
            env.profile("other-app")
        )))
        .stderr(predicate::str::contains("credentials file"));
    assert!(env.files_containing(OTHER_WS_KEY).is_empty());
    // Logging out never makes another saved login active by itself.
    env.skene()
        .args(["auth", "token"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("no saved login is active"))
        .stderr(predicate::str::contains(env.profile("my-app")));
    env.skene()
        .arg("logout")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "No active login; nothing to remove.",
        ));
    env.skene()
        .args(["auth", "switch", "my-app"])
        .assert()
        .success();
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));

    env.skene().arg("logout").assert().success();
    assert!(env.files_containing(OWNER_KEY).is_empty());
    assert!(!env.config_dir().join("credentials.toml").exists());
    env.skene()
        .arg("logout")
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to remove"));
    env.skene().args(["auth", "token"]).assert().code(4);
    assert!(
        env.cloud.requests().iter().all(|r| r.method != "DELETE"),
        "no --revoke, no revoke"
    );
}

#[test]
fn logout_all_with_revoke_deletes_keys_on_the_server() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    // Without a terminal, revoking keys on the server needs --yes (as `keys delete`).
    env.skene()
        .args(["logout", "--all", "--revoke"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pass --yes to confirm"));
    assert!(env.cloud.requests().iter().all(|r| r.method != "DELETE"));
    assert!(
        !env.files_containing(OWNER_KEY).is_empty(),
        "nothing removed"
    );
    let assert = env
        .skene()
        .args(["--json", "logout", "--all", "--revoke", "--yes"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    assert!(stderr.contains("Revoked key sk_ws_…"), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["removed"].as_array().unwrap().len(), 2);
    assert_eq!(report["removed"][0]["revoked"], true);
    let deletes: Vec<String> = env
        .cloud
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.path)
        .collect();
    assert_eq!(deletes, ["/api-keys/key_owner", "/api-keys/key_other"]);
    assert!(!env.cloud.has_key(OWNER_KEY) && !env.cloud.has_key(OTHER_WS_KEY));
    assert!(env.files_containing(OWNER_KEY).is_empty());
}

#[test]
fn a_failed_revoke_is_reported_and_the_local_key_still_removed() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.cloud.script("/api-keys/key_owner", Reply::status(403));
    let assert = env
        .skene()
        .args(["logout", "--revoke", "--yes"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("could not revoke"))
        .stderr(predicate::str::contains(format!(
            "revoke it in the dashboard: {}/workspace/my-app/apikeys\n",
            env.cloud.origin()
        )));
    // Said once, with its hint; the error line only sums up.
    let stderr = outputs(&assert).1;
    assert_eq!(stderr.matches("scripted 403").count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "error: logged out, but a key could not be revoked on the server (see above)"
        ),
        "{stderr}"
    );
    assert!(env.files_containing(OWNER_KEY).is_empty());
}

#[test]
fn a_key_already_deleted_on_the_server_counts_as_revoked() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.cloud.script("/api-keys/key_owner", Reply::status(404));
    let assert = env
        .skene()
        .args(["logout", "--revoke", "--yes"])
        .assert()
        .success();
    let stderr = outputs(&assert).1;
    assert!(stderr.contains("was already gone on"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(env.files_containing(OWNER_KEY).is_empty());
}

#[test]
fn snapshot_logout() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let assert = env.skene().arg("logout").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    --- stderr
    ✓ Logged out of my-app@[HOST]: removed the key from the credentials file and the profile
    --- end
    ");
    let assert = env.skene().arg("logout").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    --- stderr
    Not logged in; nothing to remove.
    --- end
    ");
}
