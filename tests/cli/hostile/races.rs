//! Two commands at once, kill -9 at any moment, a full disk, Ctrl-C mid-push:
//! no login is lost, no key is orphaned or left in a temporary file, and the
//! state after a failure is the state before it.
#![cfg(unix)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY, Reply};

/// Starts `skene login --with-key --store file` with `key` on stdin.
fn start_login(env: &Env, key: &str) -> std::process::Child {
    let mut cmd = env.std_skene();
    cmd.args(["login", "--with-key", "--store", "file"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{key}\n").as_bytes())
        .unwrap();
    child
}

/// Files under the config dir holding `key`, by name.
fn holders(env: &Env, key: &str) -> Vec<String> {
    env.files_containing(key)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn two_logins_at_once_both_survive() {
    let started = Instant::now();
    for trial in 0..40 {
        let env = Env::new();
        let a = start_login(&env, OWNER_KEY);
        let b = start_login(&env, OTHER_WS_KEY);
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "trial {trial}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
        for slug in ["my-app", "other-app"] {
            assert!(
                config.contains(&format!("[profiles.\"{}\"]", env.profile(slug))),
                "trial {trial}: {slug} lost\n{config}"
            );
        }
        assert_eq!(
            holders(&env, OWNER_KEY),
            ["credentials.toml"],
            "trial {trial}"
        );
        assert_eq!(
            holders(&env, OTHER_WS_KEY),
            ["credentials.toml"],
            "trial {trial}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "bounded in time"
        );
    }
}

#[test]
fn kill_9_during_a_login_never_orphans_a_key() {
    let env = Env::new();
    let started = Instant::now();
    for run in 0..60u64 {
        let key = if run % 2 == 0 {
            OWNER_KEY
        } else {
            OTHER_WS_KEY
        };
        let mut child = start_login(&env, key);
        // Somewhere between reading the key and writing the files.
        std::thread::sleep(Duration::from_millis(run * 7 % 60));
        let _ = child.kill();
        let _ = child.wait();
        // Wherever it was killed, a key is only ever in credentials.toml under a
        // profile that refers to it, or in a temporary file the next command that
        // takes the config lock removes.
        let config =
            std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap_or_default();
        for (k, slug) in [(OWNER_KEY, "my-app"), (OTHER_WS_KEY, "other-app")] {
            for holder in holders(&env, k) {
                if holder == "credentials.toml" {
                    assert!(
                        config.contains(&env.profile(slug)),
                        "run {run}: a key no profile refers to\n{config}"
                    );
                } else {
                    assert!(holder.ends_with(".tmp"), "run {run}: {holder} holds a key");
                }
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "bounded in time"
        );
    }
    // The next command that takes the lock cleans up; logging out removes the rest.
    env.skene().args(["logout", "--all"]).assert().success();
    assert!(
        holders(&env, OWNER_KEY).is_empty(),
        "{:?}",
        holders(&env, OWNER_KEY)
    );
    assert!(holders(&env, OTHER_WS_KEY).is_empty());
}

#[test]
fn a_full_disk_leaves_everything_as_it_was() {
    if !super::root_or_skip("a_full_disk_leaves_everything_as_it_was mounts a small tmpfs") {
        return;
    }
    let env = Env::new();
    let disk = env.root().join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&disk)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        mounted,
        "cannot mount a tmpfs here (CI can): the full-disk case is not checked"
    );
    let _unmount = Unmount(disk.clone());
    let config_dir = disk.join("skene");
    let mut env = env;
    env.set("SKENE_CONFIG_DIR", config_dir.to_str().unwrap());
    env.login_file(OWNER_KEY);
    let before = std::fs::read(config_dir.join("config.toml")).unwrap();
    // Fill the disk.
    let filler = disk.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).and_then(|_| f.sync_all()).is_ok() {}
    drop(f);

    let out = start_login(&env, OTHER_WS_KEY).wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("No space left")
            || stderr.contains("nothing was changed")
            || stderr.contains("not saved"),
        "says what happened: {stderr}"
    );
    assert_eq!(
        std::fs::read(config_dir.join("config.toml")).unwrap(),
        before,
        "config.toml as before"
    );
    assert!(
        holders(&env, OTHER_WS_KEY).is_empty(),
        "no trace of the new key"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&config_dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_file(&filler).unwrap();
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
}

struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_temporary_file_left_by_a_killed_write_is_reported_and_removed() {
    let env = Env::new();
    let dir = env.config_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let tmp = dir.join(".credentials.toml.4242.0.tmp");
    std::fs::write(&tmp, format!("[keys]\n\"a@h\" = \"{OWNER_KEY}\"\n")).unwrap();
    let out = env.std_skene().args(["auth", "status"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains(".credentials.toml.4242.0.tmp") && stderr.contains("may hold a key"),
        "{stderr}"
    );
    assert!(stderr.contains("skene logout --all"), "{stderr}");
    let out = env.std_skene().args(["logout", "--all"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("Also removed 1 file an interrupted write left"),
        "{stderr}"
    );
    assert!(!stderr.contains("nothing to remove"), "{stderr}");
    assert!(!tmp.exists());
}

#[test]
fn ctrl_c_during_a_push_says_nothing_was_pushed() {
    use rexpect::process::WaitStatus;
    use rexpect::session::spawn_command;
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.with_basic_project();
    // Big enough for a progress bar; the server holds the body unread.
    env.write("skene-context/big.txt", "x".repeat(8 * 1024 * 1024));
    env.cloud.script("/push", Reply::Hold);
    let mut cmd = env.std_skene();
    cmd.env("TERM", "xterm").arg("push");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    p.exp_string("Pushing").expect("the progress bar shows");
    std::thread::sleep(Duration::from_millis(300));
    p.send_control('c').unwrap();
    let shown = p.exp_eof().unwrap();
    assert!(shown.contains("interrupted; nothing was pushed"), "{shown}");
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    env.cloud.release();
}

#[test]
fn ctrl_c_during_a_retry_after_a_whole_body_says_it_may_have_arrived() {
    use rexpect::process::WaitStatus;
    use rexpect::session::spawn_command;
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env.with_basic_project();
    env.write("skene-context/big.txt", "x".repeat(8 * 1024 * 1024));
    // The first attempt's body is read whole, then the connection drops; the
    // retry is held unread.
    env.cloud.script("/push", Reply::Drop);
    env.cloud.script("/push", Reply::Hold);
    let mut cmd = env.std_skene();
    cmd.env("TERM", "xterm").arg("push");
    let mut p = spawn_command(cmd, Some(20_000)).unwrap();
    let started = Instant::now();
    while env
        .cloud
        .started()
        .iter()
        .filter(|s| s.contains("/push"))
        .count()
        < 2
    {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "the push is retried"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    p.send_control('c').unwrap();
    let shown = p.exp_eof().unwrap();
    assert!(!shown.contains("nothing was pushed"), "{shown}");
    assert!(
        shown.contains("an earlier attempt sent the whole bundle"),
        "{shown}"
    );
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("{other:?}"),
    }
    env.cloud.release();
}
