//! `skene login` against the fake cloud, without a keyring: stores, refusals,
//! retries, workspaces.

use std::time::Duration;

use predicates::prelude::*;

use crate::support::{Env, MEMBER_KEY, OTHER_WS_KEY, OWNER_KEY, Reply, outputs};

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn login_with_key_falls_back_to_a_private_file_with_a_loud_warning() {
    let env = Env::new();
    let assert = env
        .skene()
        .args(["login", "--with-key"])
        .write_stdin(format!("  {OWNER_KEY}  \nignored second line\n"))
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    let creds = env.config_dir().join("credentials.toml");
    assert!(
        stderr.contains("warning:") && stderr.contains("PLAIN TEXT"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&creds.display().to_string()),
        "the warning names the file: {stderr}"
    );
    assert!(
        stderr.contains("not usable"),
        "the warning gives the reason: {stderr}"
    );
    assert!(
        stderr.contains("Logged in to") && stderr.contains("ada@example.com"),
        "{stderr}"
    );
    assert!(stderr.contains("(owner)"), "{stderr}");
    assert!(!stdout.contains(OWNER_KEY) && !stderr.contains(OWNER_KEY));
    #[cfg(unix)]
    assert_eq!(mode(&creds), 0o600);

    // The key is in the credentials file alone, and config.toml names the profile.
    assert_eq!(env.files_containing(OWNER_KEY), vec![creds]);
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(
        config.contains(&format!("active = \"{}\"", env.profile("my-app"))),
        "{config}"
    );
    assert!(config.contains("store = \"file\""), "{config}");

    let me = env.cloud.requests_to("/me");
    assert_eq!(me.len(), 1);
    assert_eq!(
        me[0].header("authorization"),
        Some(format!("Bearer {OWNER_KEY}").as_str())
    );
    let ua = me[0].header("user-agent").unwrap();
    assert!(
        ua.starts_with(&format!("skene/{} (", env!("CARGO_PKG_VERSION"))),
        "{ua}"
    );
}

#[test]
fn explicit_keyring_store_fails_hard_without_a_keyring() {
    let env = Env::new();
    env.skene()
        .args(["login", "--with-key", "--store", "keyring"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot store the key in the OS keyring",
        ))
        .stderr(predicate::str::contains("--store file"));
    assert!(!env.config_dir().join("config.toml").exists());
    assert!(env.files_containing(OWNER_KEY).is_empty());
}

#[test]
fn store_can_be_chosen_by_environment() {
    let mut env = Env::new();
    env.set("SKENE_CREDENTIAL_STORE", "keyring");
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(1);
}

#[test]
fn a_rejected_key_exits_4_and_writes_nothing() {
    let env = Env::new();
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin("sk_ws_NOTAKNOWNKEY000000000000")
        .assert()
        .code(4)
        .stderr(predicate::str::contains(format!(
            "the key was rejected by {}",
            env.cloud.api_url()
        )))
        .stderr(predicate::str::contains("NOTAKNOWNKEY").not());
    assert!(!env.config_dir().exists());
}

#[test]
fn without_a_terminal_login_needs_with_key() {
    let env = Env::new();
    env.skene()
        .arg("login")
        .write_stdin(OWNER_KEY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--with-key"))
        .stderr(predicate::str::contains("SKENE_API_KEY"));
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn ci_disables_prompts() {
    let mut env = Env::new();
    env.set("CI", "true");
    env.skene()
        .arg("login")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("prompts are disabled"));
}

#[test]
fn empty_and_malformed_keys_are_refused_before_any_request() {
    let env = Env::new();
    for input in ["", "\n", "   \n"] {
        env.skene()
            .args(["login", "--with-key"])
            .write_stdin(input)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no key on standard input"));
    }
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin("sk_ws_abc\u{7}def\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("control characters"));
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin("sk_ws_abc def\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("spaces"));
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn a_key_with_another_prefix_is_warned_about_and_still_checked() {
    let env = Env::new();
    env.cloud.add_key(
        "pk_newformat_123456",
        crate::support::KeyInfo::new("k9", "my-app", "x@example.com", "member"),
    );
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin("pk_newformat_123456")
        .assert()
        .success()
        .stderr(predicate::str::contains("does not start with sk_ws_"));
    assert_eq!(env.cloud.requests_to("/me").len(), 1);
}

#[test]
fn rate_limit_is_retried_after_the_time_the_server_asks() {
    let env = Env::new();
    env.cloud.script("/me", Reply::retry_after(429, 1));
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    let me = env.cloud.requests_to("/me");
    assert_eq!(me.len(), 2, "one retry");
    let waited = me[1].at.duration_since(me[0].at);
    assert!(
        waited >= Duration::from_millis(950),
        "Retry-After: 1 honoured, waited {waited:?}"
    );
}

#[test]
fn server_trouble_is_retried_three_times_then_exits_3() {
    let env = Env::new();
    for _ in 0..4 {
        env.cloud.script("/me", Reply::status(503));
    }
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("503"));
    assert_eq!(env.cloud.requests_to("/me").len(), 4);
    assert!(!env.config_dir().exists());
}

#[test]
fn retries_wait_the_base_delay_the_environment_sets() {
    // The sealed environment sets a base of 5 ms: three backoffs of at most
    // 5·(1 + 2 + 4)·1.5 ms. The default base (250 ms) needs 875 ms at least.
    let env = Env::new();
    for _ in 0..4 {
        env.cloud.script("/me", Reply::status(503));
    }
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(3);
    let me = env.cloud.requests_to("/me");
    assert_eq!(me.len(), 4);
    let waited = me[3].at.duration_since(me[0].at);
    assert!(
        waited < Duration::from_millis(500),
        "three retries took {waited:?}"
    );
}

#[test]
fn an_html_error_page_gives_a_clear_message() {
    let env = Env::new();
    env.cloud.script("/me", Reply::html(404));
    let assert = env
        .skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(3);
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(
            "the server answered with an HTML page (status 404), not the API: is the URL right?"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("<html") && !stderr.contains("expected value"),
        "{stderr}"
    );
}

#[test]
fn a_dropped_connection_is_retried_then_reported() {
    let env = Env::new();
    env.cloud.script("/me", Reply::Drop);
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    for _ in 0..4 {
        env.cloud.script("/me", Reply::Drop);
    }
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("connection"));
}

#[test]
fn a_slow_server_times_out_with_exit_3() {
    let mut env = Env::new();
    env.set("SKENE_HTTP_TIMEOUT", "0.3");
    for _ in 0..4 {
        env.cloud
            .script("/me", Reply::Delay(Duration::from_secs(2)));
    }
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("did not answer within"));
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let mut env = Env::new();
    env.set("SKENE_API_URL", "http://api.example.com/api/v1");
    env.skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("HTTPS is required"));
}

#[test]
fn a_second_workspace_becomes_active_and_switch_changes_it() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(OTHER_WS_KEY);
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(
        config.contains(&format!("active = \"{}\"", env.profile("other-app"))),
        "{config}"
    );
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OTHER_WS_KEY}\n"));

    env.skene()
        .args(["auth", "switch", "my-app"])
        .assert()
        .success()
        .stderr(predicate::str::contains(env.profile("my-app")));
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
    env.skene()
        .args(["--workspace", "other-app", "auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OTHER_WS_KEY}\n"));
    env.skene()
        .args(["auth", "switch", "nope"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "no saved login for workspace `nope`",
        ));
}

#[test]
fn logging_in_again_replaces_the_key() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.login_file(MEMBER_KEY);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{MEMBER_KEY}\n"));
    assert!(
        env.files_containing(OWNER_KEY).is_empty(),
        "the old key is gone"
    );
}

#[test]
fn snapshot_login_to_the_file_store() {
    let env = Env::new();
    let assert = env
        .skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    --- stderr
    warning: the key is stored in PLAIN TEXT in [ROOT]/home/.config/skene/credentials.toml (mode 0600) because --store file was chosen
    ✓ Logged in to Workspace my-app (my-app) as ada@example.com (owner)
      API base: http://[HOST]/api/v1
      Key sk_ws_…0001 stored in [ROOT]/home/.config/skene/credentials.toml
    --- end
    ");
}

#[test]
fn snapshot_login_falling_back_to_the_file() {
    let env = Env::new();
    let assert = env
        .skene()
        .args(["login", "--with-key"])
        .write_stdin(OWNER_KEY)
        .assert()
        .success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    --- stderr
    warning: the key is stored in PLAIN TEXT in [ROOT]/home/.config/skene/credentials.toml (mode 0600) because the OS keyring (Secret Service) is not usable: the D-Bus session bus cannot be reached (unix:path=[ROOT]/no-such-bus: No such file or directory (os error 2))
      hint: start a keyring (Secret Service, Keychain, Credential Manager) and run `skene login` again to move the key there
    ✓ Logged in to Workspace my-app (my-app) as ada@example.com (owner)
      API base: http://[HOST]/api/v1
      Key sk_ws_…0001 stored in [ROOT]/home/.config/skene/credentials.toml
    --- end
    ");
}

#[test]
fn a_me_answer_without_the_workspace_is_not_a_login() {
    use crate::support::fake_cloud::{Auth, Route, transport};
    let env = Env::new();
    env.cloud
        .add_route(Route::api("GET", "/me", Auth::Key, |_| {
            transport::json(200, serde_json::json!({}))
        }));
    env.skene()
        .args(["login", "--with-key", "--store", "file"])
        .write_stdin(format!("{OWNER_KEY}\n"))
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "could not tell which workspace the key belongs to",
        ))
        .stderr(predicate::str::contains("lacks workspace.slug"));
    assert!(!env.config_dir().join("config.toml").exists());
    assert!(env.files_containing(OWNER_KEY).is_empty());
}

/// Another skene holding the config directory's lock (settings/lock.rs): login
/// says it waits, waits without failing, and saves once the lock is free.
#[cfg(unix)]
#[test]
fn login_waits_for_another_skene_holding_the_config_lock() {
    use std::io::Write;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    use std::process::Stdio;
    use std::time::Instant;

    let env = Env::new();
    let dir = env.config_dir();
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .unwrap();
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(dir.join(".lock"))
        .unwrap();
    lock.lock().unwrap();

    let started = Instant::now();
    let mut child = env
        .std_skene()
        .args(["login", "--with-key", "--store", "file"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{OWNER_KEY}\n").as_bytes())
        .unwrap();
    std::thread::sleep(Duration::from_secs(1));
    assert!(
        child.try_wait().unwrap().is_none(),
        "login waits while the lock is held"
    );
    assert!(
        !dir.join("credentials.toml").exists(),
        "nothing is written while another skene holds the lock"
    );
    lock.unlock().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(
        stderr.contains("Waiting for another skene to finish changing"),
        "{stderr}"
    );
    assert!(stderr.contains("Logged in to"), "{stderr}");
    assert!(
        std::fs::read_to_string(dir.join("credentials.toml"))
            .unwrap()
            .contains(OWNER_KEY)
    );
}
