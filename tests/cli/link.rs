//! `skene link` / `skene unlink`: the project's workspace in `.skene.config`, so
//! that later commands in that tree need no flag.

use predicates::prelude::*;

use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY, outputs};

/// Two saved logins, the other workspace active, and no SKENE_API_URL: the
/// project file alone decides where commands go.
fn two_logins() -> Env {
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    env.unset("SKENE_API_URL");
    env
}

fn config(env: &Env) -> String {
    std::fs::read_to_string(env.project().join(".skene.config")).unwrap()
}

#[test]
fn link_records_the_workspace_and_later_commands_use_it_without_a_flag() {
    let mut env = two_logins();
    let upstream = format!("{}/workspace/my-app", env.cloud.origin());
    // Before: the active login (other-app) is used.
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OTHER_WS_KEY}\n"));

    let assert = env
        .skene()
        .args(["link", "--upstream", &format!("{upstream}/settings")])
        .assert()
        .success();
    env.redact_as(&env.profile("my-app"), "my-app@[HOST]");
    insta::assert_snapshot!(env.snapshot(&assert), @r"
    exit: 0
    --- stdout
    --- stderr
    ✓ Linked this project to my-app (http://[HOST]/workspace/my-app)
      Created [ROOT]/project/.skene.config; commands run in [ROOT]/project and below use this workspace
      Saved login: my-app@[HOST]
    --- end
    ");
    let text = config(&env);
    assert!(
        text.contains(&format!("upstream = \"{upstream}\"")),
        "{text}"
    );
    assert!(!text.contains("sk_ws_"), "never a key: {text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.project().join(".skene.config"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    // After: no flag, and the linked workspace's login is used — also below.
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
    std::fs::create_dir_all(env.project().join("src/deep")).unwrap();
    let mut cmd = env.skene();
    cmd.current_dir(env.project().join("src/deep"));
    cmd.args(["auth", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(my-app)"))
        .stdout(predicate::str::contains(".skene.config)"));

    // Linking again changes nothing; unlink removes the file link created.
    env.skene()
        .args(["link", "--upstream", &upstream])
        .assert()
        .success()
        .stderr(predicate::str::contains("Already linked to my-app"));
    env.skene()
        .arg("unlink")
        .assert()
        .success()
        .stderr(predicate::str::contains("Unlinked: deleted"));
    assert!(!env.project().join(".skene.config").exists());
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OTHER_WS_KEY}\n"));
    env.skene()
        .arg("unlink")
        .assert()
        .success()
        .stderr(predicate::str::contains("not linked"));
}

#[test]
fn link_updates_an_existing_file_keeping_its_other_settings_and_comments() {
    let env = two_logins();
    env.write(
        ".skene.config",
        "# the Python client's settings\nupstream = \"https://old.example/workspace/old\"  # before\noutput_dir = \"ctx\"\nmodel = \"gpt\"\n",
    );
    env.skene()
        .args(["link", "--workspace", "my-app"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Updated"));
    let text = config(&env);
    let upstream = format!("{}/workspace/my-app", env.cloud.origin());
    assert!(
        text.starts_with("# the Python client's settings\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("upstream = \"{upstream}\"")),
        "{text}"
    );
    assert!(
        text.contains("output_dir = \"ctx\"\nmodel = \"gpt\"\n"),
        "{text}"
    );

    env.skene().arg("unlink").assert().success();
    let text = config(&env);
    assert!(!text.contains("upstream"), "{text}");
    assert!(
        text.contains("output_dir = \"ctx\""),
        "the file stays: {text}"
    );
}

#[test]
fn without_a_terminal_link_takes_the_active_login_or_names_the_flag() {
    let env = two_logins();
    env.skene()
        .arg("link")
        .assert()
        .success()
        .stderr(predicate::str::contains("Linked this project to other-app"));

    let fresh = Env::new();
    let assert = fresh.skene().arg("link").assert().code(2);
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains("--upstream"), "{stderr}");
    assert!(!fresh.project().join(".skene.config").exists());
}

#[test]
fn link_refuses_what_is_not_a_workspace_url() {
    let env = Env::new();
    let assert = env
        .skene()
        .args(["link", "--upstream", "127.0.0.1:46191"])
        .assert()
        .code(2);
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains("https://"), "suggests a scheme: {stderr}");
    let assert = env
        .skene()
        .args(["link", "--upstream", &env.cloud.origin()])
        .assert()
        .code(2);
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains("/workspace/"), "{stderr}");
    assert!(!env.project().join(".skene.config").exists());
    assert!(env.cloud.requests().is_empty(), "link needs no network");
}
