//! A workspace key rotated while the agent runs: the cloud answers the old key
//! with a 401, the gateway reads the credential store again and retries with the
//! new key, and the caller never notices — no restart.

use super::harness::{Agent, authed};
use crate::support::{Env, KeyInfo, OWNER_KEY};

const NEW_KEY: &str = "sk_ws_TESTrotated00000000000000000009";

fn rotate_on_the_cloud(env: &Env) {
    env.cloud.add_key(
        NEW_KEY,
        KeyInfo::new("key_new", "my-app", "ada@example.com", "owner"),
    );
    env.cloud
        .with_workspace("my-app", |ws| ws.keys.retain(|(k, _)| k != OWNER_KEY));
}

fn keys_sent(env: &Env) -> Vec<String> {
    env.cloud
        .requests_to("/models")
        .iter()
        .map(|r| {
            r.header("authorization")
                .unwrap_or_default()
                .trim_start_matches("Bearer ")
                .to_owned()
        })
        .collect()
}

fn check_rotation(env: &Env, login: &[&str]) {
    let agent = Agent::start(env, &[]);
    assert_eq!(authed(&agent, "GET", "/v1/models", "").status, 200);
    rotate_on_the_cloud(env);
    env.skene()
        .args(login)
        .write_stdin(format!("{NEW_KEY}\n"))
        .assert()
        .success();
    let a = authed(&agent, "GET", "/v1/models", "");
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(keys_sent(env), [OWNER_KEY, OWNER_KEY, NEW_KEY]);
    // Once read, the new key is used straight away.
    assert_eq!(authed(&agent, "GET", "/v1/models", "").status, 200);
    assert_eq!(keys_sent(env).last().map(String::as_str), Some(NEW_KEY));
    assert_eq!(keys_sent(env).len(), 4);
}

#[cfg(target_os = "linux")]
#[test]
fn a_key_rotated_in_the_keyring_is_picked_up_without_a_restart() {
    let env = Env::with_keyring();
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    check_rotation(&env, &["login", "--with-key"]);
}

#[test]
fn a_key_rotated_in_the_credentials_file_is_picked_up_too() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    check_rotation(&env, &["login", "--with-key", "--store", "file"]);
}

#[test]
fn a_key_from_the_environment_is_fixed_and_its_401_relayed() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    let agent = Agent::start(&env, &[]);
    rotate_on_the_cloud(&env);
    let a = authed(&agent, "GET", "/v1/models", "");
    assert_eq!(a.status, 401, "the cloud's 401, relayed");
    assert_eq!(keys_sent(&env), [OWNER_KEY]);
    // The log says what to do about a key that is never read again.
    let log = agent.wait_for_log("refused the workspace key");
    assert!(
        log.contains("refused the workspace key in SKENE_API_KEY (401)")
            && log.contains("restart the agent"),
        "{log}"
    );
    assert!(
        !log.contains("reading the"),
        "an env key is not re-read:\n{log}"
    );
}

#[test]
fn a_stored_key_refused_after_reading_it_again_says_so() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let agent = Agent::start(&env, &[]);
    rotate_on_the_cloud(&env);
    assert_eq!(authed(&agent, "GET", "/v1/models", "").status, 401);
    let log = agent.wait_for_log("refused the workspace key");
    assert!(
        log.contains("also after reading the credentials file again: run `skene login`"),
        "{log}"
    );
}
