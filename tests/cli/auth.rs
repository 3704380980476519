//! `skene auth status | token`, key resolution and where keys may be sent.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, FakeCloud, MEMBER_KEY, OTHER_WS_KEY, OWNER_KEY, Reply, outputs};

#[test]
fn status_when_not_logged_in_exits_4_and_says_how_to_log_in() {
    let env = Env::new();
    env.skene()
        .args(["auth", "status"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::contains("skene login"));
    let assert = env
        .skene()
        .args(["--json", "auth", "status"])
        .assert()
        .code(4);
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["logged_in"], false);
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn status_checks_the_key_online_and_shows_everything() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    env.skene()
        .args(["auth", "switch", "my-app"])
        .assert()
        .success();
    let before = env.cloud.requests_to("/me").len();
    let assert = env.skene().args(["auth", "status"]).assert().success();
    let (stdout, stderr) = outputs(&assert);
    assert_eq!(
        env.cloud.requests_to("/me").len(),
        before + 1,
        "checked online"
    );
    for needle in [
        "✓ Logged in to Workspace my-app (my-app)".to_owned(),
        format!("Upstream:   {}/workspace/my-app", env.cloud.origin()),
        format!("API base:   {}", env.cloud.api_url()),
        "User:       ada@example.com".to_owned(),
        "Role:       owner".to_owned(),
        "Key:        sk_ws_…0001 (key_owner)".to_owned(),
        "Source:     credentials file".to_owned(),
        format!("* {}  [file]", env.profile("my-app")),
        format!("  {}  [file]", env.profile("other-app")),
    ] {
        assert!(stdout.contains(&needle), "missing {needle:?} in:\n{stdout}");
    }
    assert!(!stdout.contains(OWNER_KEY) && !stderr.contains(OWNER_KEY));

    let assert = env
        .skene()
        .args(["--json", "auth", "status"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["workspace"]["slug"], "my-app");
    assert_eq!(v["user"], "ada@example.com");
    assert_eq!(v["role"], "owner");
    assert_eq!(v["key"], "sk_ws_…0001");
    assert_eq!(v["source"], "file");
    assert_eq!(v["store"], "file");
    assert_eq!(v["api_base"], env.cloud.api_url());
    assert_eq!(v["profiles"].as_array().unwrap().len(), 2);
    assert_eq!(v["profiles"][0]["active"], true);
}

#[test]
fn status_reports_a_revoked_key_with_exit_4_and_an_unreachable_server_with_exit_3() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.cloud.script("/me", Reply::status(401));
    env.skene()
        .args(["auth", "status"])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("✗ The key was rejected"))
        .stderr(predicate::str::contains("skene login"));
    for _ in 0..4 {
        env.cloud.script("/me", Reply::status(502));
    }
    let assert = env
        .skene()
        .args(["--json", "auth", "status"])
        .assert()
        .code(3);
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["valid"], false);
    assert!(v["error"].as_str().unwrap().contains("502"));
}

#[test]
fn an_environment_key_wins_and_the_override_is_warned_about() {
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    env.set("SKENE_API_KEY", MEMBER_KEY);
    let assert = env.skene().args(["auth", "status"]).assert().success();
    let (stdout, stderr) = outputs(&assert);
    assert!(
        stdout.contains("Source:     environment (SKENE_API_KEY)"),
        "{stdout}"
    );
    assert!(stdout.contains("User:       bob@example.com"), "{stdout}");
    assert!(
        stderr.contains("SKENE_API_KEY is set: it overrides the stored login"),
        "{stderr}"
    );
    let me = env.cloud.requests_to("/me");
    assert_eq!(
        me.last().unwrap().header("authorization"),
        Some(format!("Bearer {MEMBER_KEY}").as_str())
    );
}

#[test]
fn an_environment_key_goes_to_the_saved_logins_server() {
    // Issue #10: with SKENE_API_KEY set and no API URL anywhere, requests went to the
    // default cloud, not to the server of the active login.
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    env.set("SKENE_API_KEY", MEMBER_KEY);
    let mut cmd = env.skene();
    cmd.env_remove("SKENE_API_URL");
    let assert = cmd.args(["auth", "status"]).assert().success();
    let stdout = outputs(&assert).0;
    assert!(stdout.contains(&env.cloud.api_url()), "{stdout}");
    assert!(stdout.contains("(the saved login"), "{stdout}");
    let me = env.cloud.requests_to("/me");
    assert_eq!(
        me.last().unwrap().header("authorization"),
        Some(format!("Bearer {MEMBER_KEY}").as_str())
    );
}

#[test]
fn an_upstream_flag_beats_an_api_url_in_the_environment() {
    let env = Env::new();
    let elsewhere = FakeCloud::start();
    // SKENE_API_URL (the sealed environment's) names `env.cloud`; the flag names another.
    let mut cmd = env.skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY);
    let assert = cmd
        .args([
            "--upstream",
            &format!("{}/workspace/my-app", elsewhere.origin()),
            "auth",
            "status",
        ])
        .assert();
    // The other cloud does not know this key: what matters is where it was sent.
    let stdout = outputs(&assert).0;
    assert!(stdout.contains(&elsewhere.api_url()), "{stdout}");
    assert_eq!(elsewhere.requests_to("/me").len(), 1);
    assert!(env.cloud.requests_to("/me").is_empty());
}

#[test]
fn key_precedence_is_env_then_python_env_then_store_then_project_file() {
    let mut env = Env::new();
    std::fs::write(
        env.project().join(".skene.config"),
        format!("upstream_api_key = \"{OTHER_WS_KEY}\"\n"),
    )
    .unwrap();
    // Project file alone: used, with a plaintext warning.
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OTHER_WS_KEY}\n"))
        .stderr(predicate::str::contains("plaintext upstream_api_key"));
    // A stored login beats the project file.
    env.login_file(MEMBER_KEY);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{MEMBER_KEY}\n"));
    // The Python client's variable beats the store.
    env.set("SKENE_UPSTREAM_API_KEY", OTHER_WS_KEY);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OTHER_WS_KEY}\n"));
    // SKENE_API_KEY beats everything.
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
}

#[test]
fn token_prints_the_key_alone() {
    let env = Env::new();
    env.skene()
        .args(["auth", "token"])
        .assert()
        .code(4)
        .stdout("");
    env.login_file(OWNER_KEY);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"))
        .stderr("");
}

#[test]
fn a_python_client_project_config_is_understood() {
    let mut env = Env::new();
    env.unset("SKENE_API_URL");
    let nested = env.project().join("src/deep");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(
        env.project().join(".skene.config"),
        format!(
            "# written by the Python client\nupstream = \"{}/workspace/my-app\"\nupstream_api_key = \"{OWNER_KEY}\"\noutput_dir = \"./skene-context\"\nprovider = \"openai\"\n",
            env.cloud.origin()
        ),
    )
    .unwrap();
    let mut cmd = env.skene();
    cmd.current_dir(&nested);
    let assert = cmd.args(["--json", "auth", "status"]).assert().success();
    let (stdout, stderr) = outputs(&assert);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["source"], "project-config");
    assert_eq!(
        v["api_base"],
        env.cloud.api_url(),
        "origin + /api/v1 of the project's upstream"
    );
    assert_eq!(
        v["upstream"],
        format!("{}/workspace/my-app", env.cloud.origin())
    );
    assert!(
        stderr.contains(".skene.config") && stderr.contains("skene login"),
        "{stderr}"
    );
    assert_eq!(env.cloud.requests_to("/me").len(), 1);
    // Never written by skene.
    let text = std::fs::read_to_string(env.project().join(".skene.config")).unwrap();
    assert!(text.starts_with("# written by the Python client"));
}

#[test]
fn a_broken_project_config_is_a_clear_error() {
    let env = Env::new();
    std::fs::write(env.project().join(".skene.config"), "upstream = \n").unwrap();
    env.skene()
        .args(["auth", "token"])
        .assert()
        .code(5)
        .stderr(predicate::str::contains(".skene.config is not valid TOML"));
}

#[test]
fn a_stored_key_is_never_sent_to_another_api_base() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let elsewhere = FakeCloud::start();
    for args in [
        vec!["--api-url", &elsewhere.api_url(), "auth", "status"],
        vec![
            "--upstream",
            &format!("{}/workspace/my-app", elsewhere.origin()),
            "auth",
            "status",
        ],
    ] {
        let mut cmd = env.skene();
        cmd.env_remove("SKENE_API_URL");
        cmd.args(&args)
            .assert()
            .code(4)
            .stderr(predicate::str::contains(
                "refusing to send the key stored for",
            ))
            .stderr(predicate::str::contains(OWNER_KEY).not());
    }
    assert!(
        elsewhere.requests().is_empty(),
        "the other server saw nothing"
    );

    // A key from the environment is the user's explicit choice.
    let mut cmd = env.skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY)
        .args(["--api-url", &elsewhere.api_url(), "auth", "status"]);
    cmd.assert().code(4); // unknown there, but it was sent
    assert_eq!(elsewhere.requests_to("/me").len(), 1);
}

#[test]
fn color_follows_the_flag_and_no_input_the_environment() {
    let env = Env::new();
    let assert = env
        .skene()
        .args(["--color", "always", "auth", "token"])
        .assert()
        .code(4);
    assert!(
        outputs(&assert).1.contains("\u{1b}[1;31merror:"),
        "colored when asked"
    );
    let assert = env
        .skene()
        .args(["--color", "never", "auth", "token"])
        .assert()
        .code(4);
    assert!(!outputs(&assert).1.contains('\u{1b}'));
    let assert = env
        .skene()
        .env("NO_COLOR", "1")
        .args(["auth", "token"])
        .assert()
        .code(4);
    assert!(!outputs(&assert).1.contains('\u{1b}'));
    // The message names the one setting that disabled prompts, not a list to guess from.
    for (var, value, said) in [
        (
            "SKENE_NO_INPUT",
            "1",
            "prompts are disabled (SKENE_NO_INPUT)",
        ),
        ("CI", "true", "prompts are disabled in CI (CI is set)"),
    ] {
        env.skene()
            .env(var, value)
            .arg("login")
            .assert()
            .code(2)
            .stderr(predicate::str::contains(said));
    }
    env.skene()
        .args(["--no-input", "login"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "prompts are disabled (--no-input)",
        ));
}

#[test]
fn snapshot_status_logged_in_and_not() {
    let env = Env::new();
    let assert = env.skene().args(["auth", "status"]).assert().code(4);
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 4
    --- stdout
    --- stderr
    error: not logged in
      hint: run `skene login`, or set SKENE_API_KEY for scripts and CI
    --- end
    ");
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    env.skene()
        .args(["auth", "switch", "my-app"])
        .assert()
        .success();
    let assert = env.skene().args(["auth", "status"]).assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    ✓ Logged in to Workspace my-app (my-app)
      Upstream:   http://[HOST]/workspace/my-app
      API base:   http://[HOST]/api/v1 (from SKENE_API_URL)
      User:       ada@example.com
      Role:       owner
      Key:        sk_ws_…0001 (key_owner)
      Source:     credentials file
      Profile:    my-app@[HOST]

    Saved logins:
      * my-app@[HOST]  [file]  http://[HOST]/api/v1  (in use)
        other-app@[HOST]  [file]  http://[HOST]/api/v1
    --- stderr
    --- end
    ");
}
