//! Picking a saved login on a terminal: `auth switch`, `logout` and `link`
//! without an argument. Without a terminal they keep their old behaviour.
#![cfg(unix)]

use predicates::prelude::*;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY, outputs};

const TIMEOUT_MS: Option<u64> = Some(15_000);

/// Logged in to my-app and other-app; other-app (the later login) is active.
fn two_logins() -> Env {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    env
}

fn spawn(env: &Env, args: &[&str]) -> PtySession {
    let mut cmd = env.std_skene();
    cmd.env("TERM", "xterm").args(args);
    spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty")
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("wait for skene") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("skene did not exit normally: {other:?}"),
    }
}

fn active(env: &Env) -> Value {
    let assert = env.skene().args(["--json", "auth", "status"]).assert();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    v["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["active"] == true)
        .map(|p| p["workspace"].clone())
        .unwrap_or(Value::Null)
}

#[test]
fn auth_switch_without_an_argument_offers_the_saved_logins() {
    let env = two_logins();
    assert_eq!(active(&env), "other-app");
    let mut p = spawn(&env, &["auth", "switch"]);
    p.exp_string("Which saved login should be active?").unwrap();
    p.exp_string("other-app").unwrap();
    p.exp_string("(active)").unwrap();
    p.send("\u{1b}[A").unwrap(); // up: my-app
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Active workspace is now").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert_eq!(active(&env), "my-app");

    // Esc leaves everything as it was.
    let mut p = spawn(&env, &["auth", "switch"]);
    p.exp_string("Which saved login").unwrap();
    p.send("\u{1b}").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert_eq!(active(&env), "my-app");
}

#[test]
fn without_a_terminal_switch_needs_the_name_and_lists_the_logins() {
    let env = two_logins();
    let assert = env.skene().args(["auth", "switch"]).assert().code(2);
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains("skene auth switch <workspace>"), "{stderr}");
    assert!(stderr.contains(&env.profile("my-app")), "{stderr}");
    assert_eq!(active(&env), "other-app");
}

#[test]
fn logout_without_an_argument_on_a_terminal_asks_which() {
    let env = two_logins();
    let mut p = spawn(&env, &["logout"]);
    p.exp_string("Log out of which saved login?").unwrap();
    p.send("1").unwrap(); // my-app, although other-app is active
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Logged out of").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert_eq!(active(&env), "other-app", "the active login stays active");
    env.skene()
        .args(["--workspace", "my-app", "auth", "token"])
        .assert()
        .code(4);

    // Without a terminal: the active one, as before.
    env.skene()
        .arg("logout")
        .assert()
        .success()
        .stderr(predicate::str::contains("Logged out of other-app"));
}

#[test]
fn link_without_an_argument_on_a_terminal_asks_which_workspace() {
    let env = two_logins();
    let mut p = spawn(&env, &["link"]);
    p.exp_string("Link this project to which saved login")
        .unwrap();
    p.send("1").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_string("Linked this project to my-app").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let text = std::fs::read_to_string(env.project().join(".skene.config")).unwrap();
    assert!(text.contains("/workspace/my-app\""), "{text}");
}
