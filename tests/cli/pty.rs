//! The interactive login through a pseudo-terminal: masked prompt, Ctrl-C.
#![cfg(unix)]

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::chat::chat_bodies;
use crate::support::{Env, OWNER_KEY, Reply};

const TIMEOUT_MS: Option<u64> = Some(15_000);

fn spawn_login(env: &Env) -> PtySession {
    let mut cmd = env.std_skene();
    cmd.env_remove("SKENE_API_URL").args([
        "login",
        "--store",
        "file",
        "--upstream",
        &format!("{}/workspace/my-app", env.cloud.origin()),
    ]);
    spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty")
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("wait for skene") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("skene did not exit normally: {other:?}"),
    }
}

#[test]
fn interactive_login_masks_the_key() {
    let env = Env::new();
    let mut p = spawn_login(&env);
    let before = p
        .exp_string("Paste your API key (input is masked): ")
        .expect("the prompt appears");
    let keys_page = format!("{}/workspace/my-app/apikeys", env.cloud.origin());
    assert!(
        before.contains(&keys_page),
        "says where keys are made: {before:?}"
    );

    // A typo, rubbed out, then the key.
    p.send("x").unwrap();
    p.send("\u{7f}").unwrap();
    p.send(OWNER_KEY).unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    let screen = p.exp_string("Logged in to").expect("login succeeds");
    assert!(
        screen.contains(&"*".repeat(OWNER_KEY.len())),
        "one star a character: {screen:?}"
    );
    assert!(
        !screen.contains(OWNER_KEY) && !screen.contains("TESTowner"),
        "{screen:?}"
    );
    let rest = p.exp_eof().unwrap();
    assert!(!rest.contains(OWNER_KEY));
    assert_eq!(exit_code(&p), 0);
    assert_eq!(env.cloud.requests_to("/me").len(), 1);
    env.skene()
        .args(["auth", "token"])
        .assert()
        .success()
        .stdout(format!("{OWNER_KEY}\n"));
}

#[test]
fn ctrl_c_at_the_prompt_exits_130_and_writes_nothing() {
    let env = Env::new();
    let mut p = spawn_login(&env);
    p.exp_string("(input is masked): ").unwrap();
    p.send("sk_ws_half").unwrap();
    p.flush().unwrap();
    p.exp_string("*").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("interrupted")
        .expect("says it was interrupted");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert!(!env.config_dir().exists(), "nothing written");
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn a_large_push_shows_progress_on_a_terminal() {
    let env = Env::new();
    env.with_basic_project();
    let big: String = (0..400_000).map(|i| format!("row {i}\n")).collect();
    env.write("skene-context/big.txt", &big);
    env.cloud
        .script("/push", Reply::Delay(std::time::Duration::from_millis(400)));
    let mut cmd = env.std_skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY)
        .env("TERM", "xterm")
        .arg("push");
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
    p.exp_string("Pushing").expect("a progress bar is drawn");
    p.exp_string("MiB").expect("it counts bytes");
    p.exp_string("Pushed 5 artifacts")
        .expect("the push succeeds");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn removing_a_member_asks_first_on_a_terminal() {
    let env = Env::new();
    let run = |answer: &str| {
        let mut cmd = env.std_skene();
        cmd.env("SKENE_API_KEY", OWNER_KEY)
            .args(["members", "remove", "dee@example.com"]);
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
        p.exp_string("Remove dee@example.com from").expect("asks");
        p.exp_string("[y/N]").unwrap();
        p.send(answer).unwrap();
        p.flush().unwrap();
        p.exp_eof().unwrap();
        exit_code(&p)
    };
    assert_eq!(run("n"), 1, "no: cancelled");
    assert!(
        env.cloud
            .workspace("my-app")
            .members
            .iter()
            .any(|m| m["email"] == "dee@example.com")
    );
    assert_eq!(run("\u{3}"), 130, "Ctrl-C");
    assert!(
        env.cloud
            .workspace("my-app")
            .members
            .iter()
            .any(|m| m["email"] == "dee@example.com")
    );
    assert_eq!(run("y"), 0, "yes: removed");
    assert!(
        !env.cloud
            .workspace("my-app")
            .members
            .iter()
            .any(|m| m["email"] == "dee@example.com")
    );
}

#[test]
fn cancelling_an_invitation_asks_in_its_own_words() {
    // Issue #10: cancelling an invitation asked as if removing a member ("They lose
    // access at once"), though an invitee never had access.
    let env = Env::new();
    let mut cmd = env.std_skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY)
        .args(["members", "remove", "cy@example.com"]);
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
    p.exp_string("Cancel the invitation of cy@example.com to")
        .expect("asks");
    let question = p.exp_string("[y/N]").unwrap();
    assert!(!question.contains("access"), "{question}");
    p.send("y").unwrap();
    p.flush().unwrap();
    p.exp_string("Cancelled the invitation of cy@example.com")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn a_conversation_keeps_its_history_and_ctrl_c_stops_an_answer() {
    use crate::support::{ChatReply, StreamEnd};
    let env = Env::new();
    let mut cmd = env.std_skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY)
        .env("TERM", "xterm")
        .arg("chat");
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
    p.exp_string("/reset clears the history").unwrap();
    p.exp_string("> ").unwrap();
    p.send("hello\r").unwrap();
    p.flush().unwrap();
    p.exp_string("You said: hello").unwrap();
    p.exp_string("> ").unwrap();
    p.send("again\r").unwrap();
    p.flush().unwrap();
    p.exp_string("You said: again").unwrap();
    p.exp_string("> ").unwrap();
    p.send("/reset\r").unwrap();
    p.flush().unwrap();
    p.exp_string("History cleared.").unwrap();
    p.exp_string("> ").unwrap();
    p.send("fresh\r").unwrap();
    p.flush().unwrap();
    p.exp_string("You said: fresh").unwrap();
    p.exp_string("> ").unwrap();

    // A slow answer, stopped with Ctrl-C: back at the prompt, not out of the program.
    env.cloud.script_chat(ChatReply::Stream {
        deltas: (0..50).map(|i| format!("word{i} ")).collect(),
        pause: std::time::Duration::from_millis(100),
        end: StreamEnd::Done,
    });
    p.send("slow\r").unwrap();
    p.flush().unwrap();
    p.exp_string("word1 ").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("answer stopped").unwrap();
    p.exp_string("> ").unwrap();
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0, "leaving a conversation is not an error");

    let bodies = chat_bodies(&env);
    assert_eq!(bodies.len(), 4);
    assert_eq!(
        bodies[1]["messages"],
        serde_json::json!([
            {"role": "user", "content": "hello"},
            {"role": "assistant", "content": "You said: hello"},
            {"role": "user", "content": "again"}
        ]),
        "the second question carries the history"
    );
    assert_eq!(
        bodies[2]["messages"],
        serde_json::json!([{"role": "user", "content": "fresh"}]),
        "after /reset"
    );
    assert_eq!(
        bodies[3]["messages"].as_array().unwrap().len(),
        3,
        "fresh, its answer, slow"
    );
}

/// Ctrl-C while the second answer is still awaited (the request sent, not a byte
/// back yet) stops that answer, not the program, and the next question works: the
/// listener is taken per answer, before the request goes out (issue #8).
#[test]
fn ctrl_c_while_waiting_for_the_second_answer_stops_only_that_answer() {
    let env = Env::new();
    let mut cmd = env.std_skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY)
        .env("TERM", "xterm")
        .arg("chat");
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
    p.exp_string("> ").unwrap();
    p.send("first\r").unwrap();
    p.flush().unwrap();
    p.exp_string("You said: first").unwrap();
    p.exp_string("> ").unwrap();

    env.cloud.script(
        "/chat/completions",
        Reply::Delay(std::time::Duration::from_secs(30)),
    );
    p.send("second\r").unwrap();
    p.flush().unwrap();
    // The question has reached the server, which sits on it.
    let waited = std::time::Instant::now();
    while env.cloud.requests_to("/chat/completions").len() < 2 {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(10),
            "the second question never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    p.send_control('c').unwrap();
    p.exp_string("(answer stopped)").unwrap();
    p.exp_string("> ").unwrap();
    p.send("third\r").unwrap();
    p.flush().unwrap();
    p.exp_string("You said: third").unwrap();
    p.exp_string("> ").unwrap();
    p.send("/exit\r").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);

    let bodies = chat_bodies(&env);
    assert_eq!(bodies.len(), 3);
    assert_eq!(
        bodies[2]["messages"],
        serde_json::json!([
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "You said: first"},
            {"role": "user", "content": "third"}
        ]),
        "the stopped question is not part of the history"
    );
}

#[test]
fn a_three_turn_conversation_reuses_one_connection() {
    let env = Env::new();
    let mut cmd = env.std_skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY).arg("chat");
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
    for question in ["one", "two", "three"] {
        p.exp_string("> ").unwrap();
        p.send(&format!("{question}\r")).unwrap();
        p.flush().unwrap();
        p.exp_string(&format!("You said: {question}")).unwrap();
    }
    p.exp_string("> ").unwrap();
    p.send("/exit\r").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let turns = env.cloud.requests_to("/chat/completions");
    assert_eq!(turns.len(), 3);
    assert_eq!(
        env.cloud.connections(),
        1,
        "three turns on one connection; requests per connection: {:?}",
        env.cloud
            .connection_log()
            .iter()
            .map(|c| c.requests)
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_conversation_ends_with_exit_or_ctrl_d() {
    let env = Env::new();
    for leave in ["/exit\r", "\u{4}"] {
        let mut cmd = env.std_skene();
        cmd.env("SKENE_API_KEY", OWNER_KEY).arg("chat");
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
        p.exp_string("> ").unwrap();
        p.send(leave).unwrap();
        p.flush().unwrap();
        p.exp_eof().unwrap();
        assert_eq!(exit_code(&p), 0, "{leave:?}");
    }
}

#[test]
fn api_pretty_prints_json_on_a_terminal() {
    let env = Env::new();
    let mut cmd = env.std_skene();
    cmd.env("SKENE_API_KEY", OWNER_KEY).args(["api", "/me"]);
    let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
    p.exp_string("{\r\n  \"key\": {").expect("indented JSON");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn logout_revoke_names_the_key_and_asks_on_a_terminal() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    let run = |answer: &str| {
        let mut cmd = env.std_skene();
        cmd.args(["logout", "--revoke"]);
        let mut p = spawn_command(cmd, TIMEOUT_MS).expect("spawn skene in a pty");
        let shown = p.exp_string("[y/N]").expect("asks");
        p.send(answer).unwrap();
        p.flush().unwrap();
        let rest = p.exp_eof().unwrap();
        (format!("{shown}{rest}"), exit_code(&p))
    };
    let (shown, code) = run("n");
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("Will revoke the key sk_ws_") && shown.contains("(key_owner) of my-app on "),
        "names the key, its id, the workspace and the server: {shown}"
    );
    assert!(
        shown.contains("cancelled; nothing was revoked or removed"),
        "{shown}"
    );
    assert!(env.cloud.requests().iter().all(|r| r.method != "DELETE"));
    let (shown, code) = run("y");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Revoked key"), "{shown}");
    assert_eq!(
        env.cloud
            .requests()
            .iter()
            .filter(|r| r.method == "DELETE")
            .count(),
        1
    );
}
