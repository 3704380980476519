//! Server text is data, never terminal control: every place that prints text
//! from the server (or a file name) is run on a pseudo-terminal against a server
//! that puts escape sequences, carriage returns, C1 controls and a right-to-left
//! override in every field, and nothing of it may reach the screen raw.
#![cfg(unix)]

use rexpect::session::spawn_command;

use super::against;
use crate::support::hostile::{EVIL, Mode, forged_lines, raw_controls};
use crate::support::{Env, OWNER_KEY};

/// Runs `args` on a pseudo-terminal (stdin, stdout and stderr all terminals),
/// answering `answer` to a prompt if one is given; returns everything shown.
fn on_terminal(env: &Env, args: &[&str], answer: Option<&str>) -> String {
    let mut cmd = env.std_skene();
    cmd.env("NO_COLOR", "1").args(args);
    let mut p = spawn_command(cmd, Some(20_000)).expect("spawn skene in a pty");
    let mut shown = String::new();
    if let Some(answer) = answer {
        shown.push_str(&p.exp_string("[y/N]").expect("the question is asked"));
        p.send(answer).unwrap();
        p.flush().unwrap();
    }
    shown.push_str(&p.exp_eof().expect("skene ends"));
    utf8(&shown)
}

/// rexpect hands back one char per byte: the terminal's bytes, decoded as UTF-8.
fn utf8(shown: &str) -> String {
    let bytes: Vec<u8> = shown.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn no_server_text_reaches_the_terminal_as_control() {
    let (env, hostile) = against(Mode::Inject);
    env.with_basic_project();
    let cases: Vec<(&[&str], Option<&str>)> = vec![
        (&["auth", "status"], None),
        (&["members", "list"], None),
        (&["keys", "list"], None),
        (&["keys", "origins", "list"], None),
        (&["integrations", "list"], None),
        (&["models"], None),
        (&["logs"], None),
        (&["chat", "hi"], None),
        (&["api", "/me"], None),
        (&["api", "/me", "-i"], None),
        (&["api", "/fail"], None),
        (&["-vv", "members", "list"], None),
        (&["push"], None),
        (&["keys", "delete", "key_evil"], Some("n")),
    ];
    for (args, answer) in cases {
        let shown = on_terminal(&env, args, answer);
        let raw = raw_controls(&shown);
        assert!(raw.is_empty(), "{args:?} let through: {raw:#?}\n{shown}");
        let forged = forged_lines(&shown);
        assert!(
            forged.is_empty(),
            "{args:?} forged lines: {forged:#?}\n{shown}"
        );
        assert!(
            shown.contains("\\x1b") || shown.contains("\\u001b"),
            "{args:?} shows the server's text, escaped: {shown}"
        );
    }
    assert!(hostile.requests() > 10);
}

#[test]
fn a_created_key_that_is_not_a_key_is_not_shown() {
    let (env, _hostile) = against(Mode::Inject);
    for json in [false, true] {
        let mut args = vec!["keys", "create", "--name", "x"];
        if json {
            args.push("--json");
        }
        let shown = on_terminal(&env, &args, None);
        assert!(raw_controls(&shown).is_empty(), "{shown}");
        assert!(shown.contains("the server sent a malformed key"), "{shown}");
        assert!(!shown.contains("sk_ws_\\x1b"), "not even escaped: {shown}");
        assert!(
            !shown.contains("sk_ws_\\u001b"),
            "not even escaped: {shown}"
        );
        assert!(!shown.contains("Created key"), "{shown}");
    }
    let mut cmd = env.std_skene();
    let out = cmd
        .args(["keys", "create", "--name", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_login_to_a_hostile_server_stores_plain_names() {
    let (mut env, _hostile) = against(Mode::Inject);
    env.unset("SKENE_API_KEY");
    let skene = env.std_skene();
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "printf '%s' '{OWNER_KEY}' | '{}' login --with-key --store file",
            skene.get_program().to_string_lossy()
        ))
        .env_clear()
        .env("NO_COLOR", "1");
    for (k, v) in skene.get_envs() {
        if let (Some(k), Some(v)) = (k.to_str(), v)
            && k != "SKENE_API_KEY"
        {
            cmd.env(k, v);
        }
    }
    cmd.current_dir(env.project());
    let mut p = spawn_command(cmd, Some(20_000)).expect("spawn in a pty");
    let shown = utf8(&p.exp_eof().unwrap());
    assert!(shown.contains("Logged in to"), "{shown}");
    assert!(raw_controls(&shown).is_empty(), "{shown}");
    let config = std::fs::read(env.config_dir().join("config.toml")).unwrap();
    assert!(!config.contains(&0x1b), "config.toml holds raw controls");
    let config = String::from_utf8(config).unwrap();
    let name = config
        .lines()
        .find_map(|l| l.strip_prefix("[profiles.\""))
        .expect("a profile");
    assert!(
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@:\"]".contains(c)),
        "the profile name is plain: {name}"
    );
    assert!(EVIL.contains('\u{1b}'));
}

#[test]
fn local_file_names_are_shown_escaped() {
    let env = Env::new();
    env.with_basic_project();
    env.write("skene-context/evil\u{1b}[2J\u{202e}.json", "{}");
    let shown = on_terminal(&env, &["push", "--dry-run"], None);
    assert!(raw_controls(&shown).is_empty(), "{shown}");
    assert!(shown.contains("evil\\x1b[2J\\u{202e}.json"), "{shown}");
}
