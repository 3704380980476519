//! Other local users and planted files: a `.skene.config` another user could have
//! written, a config directory others may change, a profile edited to point
//! elsewhere, credentials in URLs, secrets in a child's environment, paths that
//! climb out of the API base.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;

use predicates::prelude::*;

use crate::support::hostile::{Hostile, Mode};
use crate::support::{Env, OWNER_KEY};

fn chmod(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_planted_project_config_does_not_redirect_the_key() {
    let attacker = Hostile::start(Mode::Silent);
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    env.unset("SKENE_API_URL");
    // A world-writable shared directory above the project, and a file in it that
    // anyone could have written.
    let shared = env.root().join("shared");
    let project = shared.join("app");
    std::fs::create_dir_all(&project).unwrap();
    chmod(&shared, 0o1777);
    let planted = shared.join(".skene.config");
    std::fs::write(&planted, format!("upstream = \"{}\"\n", attacker.api_url())).unwrap();
    chmod(&planted, 0o666);
    let mut cmd = env.skene();
    cmd.current_dir(&project).env("SKENE_HTTP_TIMEOUT", "2");
    cmd.args(["members", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "warning: ignoring {}: other users may change it",
            planted.display()
        )));
    assert_eq!(
        attacker.requests(),
        0,
        "the key never went to the planted server"
    );

    // A directory of another user stops the walk: its file is not even read.
    if !super::root_or_skip("a directory of another user (chown needs root)") {
        return;
    }
    let theirs = env.root().join("theirs");
    let below = theirs.join("app");
    std::fs::create_dir_all(&below).unwrap();
    std::fs::write(
        theirs.join(".skene.config"),
        format!("upstream = \"{}\"\n", attacker.api_url()),
    )
    .unwrap();
    std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
    let mut cmd = env.skene();
    cmd.current_dir(&below)
        .args(["members", "list"])
        .assert()
        .success();
    assert_eq!(attacker.requests(), 0);
}

#[test]
fn a_config_directory_others_may_change_is_refused() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let dir = env.config_dir();
    chmod(&dir, 0o777);
    env.skene()
        .args(["members", "list"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("other users may change it"))
        .stderr(predicate::str::contains(format!(
            "chmod go-w {}",
            dir.display()
        )));
    chmod(&dir, 0o700);
    let config = dir.join("config.toml");
    chmod(&config, 0o666);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "chmod go-w {}",
            config.display()
        )));
    chmod(&config, 0o600);
    env.skene().args(["auth", "token"]).assert().success();
}

#[test]
fn a_profile_pointed_elsewhere_gets_no_key() {
    let attacker = Hostile::start(Mode::Silent);
    let mut env = Env::new();
    env.login_file(OWNER_KEY);
    env.unset("SKENE_API_URL");
    let config = env.config_dir().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(&env.cloud.api_url(), &attacker.api_url()),
    )
    .unwrap();
    env.skene()
        .args(["members", "list"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "not the server its key was stored for",
        ));
    assert_eq!(attacker.requests(), 0);
}

#[test]
fn credentials_in_urls_are_refused_and_never_echoed() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    let with_userinfo = env
        .cloud
        .api_url()
        .replace("http://", "http://user:hunter2@");
    for args in [
        vec!["--api-url", with_userinfo.as_str(), "members", "list"],
        vec!["--upstream", with_userinfo.as_str(), "login", "--with-key"],
    ] {
        let assert = env
            .skene()
            .args(&args)
            .write_stdin(format!("{OWNER_KEY}\n"))
            .assert()
            .code(2);
        let out = assert.get_output();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("hunter2"), "{all}");
        assert!(all.contains("user name or password"), "{all}");
    }
    assert!(env.cloud.requests().is_empty());
    assert!(!env.config_dir().join("config.toml").exists());
}

#[test]
fn an_opened_browser_gets_no_secret() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.set("SKENE_UPSTREAM_API_KEY", OWNER_KEY);
    let dump = env.root().join("browser-env");
    let script = env.root().join("browser.sh");
    std::fs::write(&script, format!("#!/bin/sh\nenv > '{}'\n", dump.display())).unwrap();
    chmod(&script, 0o755);
    env.set("BROWSER", script.to_str().unwrap());
    env.skene()
        .args(["integrations", "open"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Opened"));
    let seen = std::fs::read_to_string(&dump).expect("the browser ran");
    assert!(seen.contains("HOME="), "{seen}");
    assert!(!seen.contains(OWNER_KEY), "{seen}");
    assert!(!seen.contains("SKENE_"), "{seen}");
}

#[test]
fn paths_that_climb_out_of_the_api_base_are_refused() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    for path in ["../../../outside/x", "/../me", "%2e%2e/%2e%2e/x"] {
        env.skene()
            .args(["api", path])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("outside the API base"));
    }
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn a_login_over_ipv6_keeps_its_key_bound_to_its_host() {
    let cloud = crate::support::FakeCloud::start_ipv6();
    crate::support::fake_cloud::seed::standard(&cloud);
    let mut env = Env::new();
    env.unset("SKENE_API_URL");
    assert!(
        cloud.api_url().starts_with("http://[::1]:"),
        "{}",
        cloud.api_url()
    );
    env.skene()
        .args(["login", "--with-key", "--store", "file", "--api-url"])
        .arg(cloud.api_url())
        .write_stdin(format!("{OWNER_KEY}\n"))
        .assert()
        .success();
    env.skene().args(["members", "list"]).assert().success();
    env.skene().args(["auth", "status"]).assert().success();
    assert!(cloud.requests().len() >= 3);
}
