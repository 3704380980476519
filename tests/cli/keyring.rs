//! Keys in a real Secret Service: the throwaway gnome-keyring that
//! `scripts/with-secret-service` starts on a private bus. Outside that wrapper
//! these tests fail with a message that says how to run them. (Linux: the
//! Secret Service is the Linux keyring.)
// The tests read their own variables, not skene's registry.
#![allow(clippy::disallowed_methods)]
#![cfg(target_os = "linux")]

use std::process::Command;
use std::time::{Duration, Instant};

use predicates::prelude::*;

use crate::support::{Env, OWNER_KEY, TEST_BUS_VAR, outputs};

/// `secret-tool` on the private test bus.
fn secret_tool(args: &[&str]) -> (bool, String) {
    let bus = std::env::var(TEST_BUS_VAR).expect("run the tests with scripts/test");
    let out = Command::new("secret-tool")
        .args(args)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .output()
        .expect("secret-tool (package libsecret-tools) is needed by the keyring tests");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn login_stores_the_key_in_the_secret_service_and_nowhere_else() {
    let env = Env::with_keyring();
    let profile = env.profile("my-app");
    let assert = env
        .skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains("stored in OS keyring (Secret Service)"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");

    let (found, secret) = secret_tool(&["lookup", "service", "skene", "username", &profile]);
    assert!(found, "secret-tool finds the entry");
    assert_eq!(secret.trim_end(), OWNER_KEY);
    let (found, listing) = secret_tool(&["search", "--all", "service", "skene"]);
    assert!(
        found && listing.contains("label = skene: Workspace my-app (my-app) on 127.0.0.1:"),
        "a human label: {listing}"
    );
    assert!(
        env.files_containing(OWNER_KEY).is_empty(),
        "no file holds the key"
    );
    assert!(!env.config_dir().join("credentials.toml").exists());

    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
    env.skene()
        .args(["auth", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Source:     OS keyring (Secret Service)",
        ));

    env.skene()
        .arg("logout")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "removed the key from the OS keyring",
        ));
    let (found, _) = secret_tool(&["lookup", "service", "skene", "username", &profile]);
    assert!(!found, "logout deleted the keyring entry");
}

#[test]
fn logging_in_again_moves_a_file_key_into_the_keyring() {
    let env = Env::with_keyring();
    env.login_file(OWNER_KEY);
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "Moved the key of {} from",
            env.profile("my-app")
        )))
        .stderr(predicate::str::contains(
            "to the OS keyring (Secret Service)",
        ));
    assert!(
        env.files_containing(OWNER_KEY).is_empty(),
        "the plaintext copy is gone"
    );
    let (found, _) = secret_tool(&[
        "lookup",
        "service",
        "skene",
        "username",
        &env.profile("my-app"),
    ]);
    assert!(found);
    env.skene().arg("logout").assert().success();
}

#[test]
fn logout_removes_the_key_from_every_store_that_holds_it() {
    let env = Env::with_keyring();
    let profile = env.profile("my-app");
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    // A stray plaintext copy, e.g. from an older login.
    let creds = env.config_dir().join("credentials.toml");
    std::fs::write(&creds, format!("[keys]\n\"{profile}\" = \"{OWNER_KEY}\"\n")).unwrap();
    env.skene()
        .arg("logout")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "OS keyring (Secret Service) and the credentials file",
        ));
    assert!(env.files_containing(OWNER_KEY).is_empty());
    let (found, _) = secret_tool(&["lookup", "service", "skene", "username", &profile]);
    assert!(!found);
}

#[test]
fn a_keyring_that_never_answers_times_out_and_falls_back_to_the_file() {
    use std::os::unix::net::UnixListener;
    let mut env = Env::new();
    let socket = env.root().join("silent-bus");
    let listener = UnixListener::bind(&socket).unwrap();
    // Accept connections and never say a word.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    env.set(
        "DBUS_SESSION_BUS_ADDRESS",
        &format!("unix:path={}", socket.display()),
    );
    let started = Instant::now();
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success()
        .stderr(predicate::str::contains("did not answer within 3 s"))
        .stderr(predicate::str::contains("PLAIN TEXT"));
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "bounded by the timeout, took {took:?}"
    );
    assert_eq!(
        env.files_containing(OWNER_KEY),
        vec![env.config_dir().join("credentials.toml")]
    );
}

#[test]
fn a_bus_without_a_secret_service_is_named_for_what_it_is() {
    // A private session bus with nothing on it (no service files: nothing can be
    // started on demand).
    let mut env = Env::new();
    let dir = env.root().join("empty-bus");
    std::fs::create_dir_all(&dir).unwrap();
    let socket = dir.join("bus");
    let config = dir.join("bus.conf");
    std::fs::write(
        &config,
        format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
            socket.display()
        ),
    )
    .unwrap();
    let mut daemon = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .arg("--nofork")
        .spawn()
        .expect("dbus-daemon runs (the dbus package; .ci/run installs it)");
    let started = Instant::now();
    while !socket.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the bus did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    env.set(
        "DBUS_SESSION_BUS_ADDRESS",
        &format!("unix:path={}", socket.display()),
    );
    let assert = env
        .skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    let _ = daemon.kill();
    let _ = daemon.wait();
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(
            "no Secret Service answered (is gnome-keyring or KeePassXC running and unlocked?)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("SS error"), "{stderr}");
}
