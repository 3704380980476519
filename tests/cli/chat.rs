//! `skene chat` against the fake cloud: streaming, options, errors, retries.

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{ChatReply, Env, OWNER_KEY, Reply, StreamEnd, outputs};

/// A sealed environment whose runs use the owner's key.
pub(crate) fn owner() -> Env {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env
}

/// The bodies of every chat request the fake cloud received, in order.
pub(crate) fn chat_bodies(env: &Env) -> Vec<Value> {
    env.cloud
        .requests_to("/chat/completions")
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[test]
fn each_delta_is_printed_the_moment_it_arrives() {
    let env = owner();
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["first".into(), " second".into()],
        pause: Duration::from_millis(600),
        end: StreamEnd::Done,
    });
    let mut child = env.std_skene();
    let mut child = child
        .args(["chat", "hello"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut first_at = None;
    let mut buf = [0u8; 64];
    loop {
        let n = stdout.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
        if first_at.is_none() && seen.starts_with(b"first") {
            first_at = Some(started.elapsed());
        }
    }
    let ended = started.elapsed();
    assert!(child.wait().unwrap().success());
    assert_eq!(String::from_utf8(seen).unwrap(), "first second\n");
    let first_at = first_at.expect("the first delta was read");
    assert!(
        ended - first_at >= Duration::from_millis(450),
        "the first delta came {first_at:?} in, before the rest was even sent (end {ended:?})"
    );
}

#[test]
fn a_streamed_answer_with_comments_ends_at_done() {
    let env = owner();
    env.skene()
        .args(["chat", "hello", "there"])
        .assert()
        .success()
        .stdout("You said: hello there\n");
    let body = &chat_bodies(&env)[0];
    assert_eq!(body["model"], "auto");
    assert_eq!(body["stream"], true);
    assert_eq!(
        body["messages"],
        serde_json::json!([{"role": "user", "content": "hello there"}])
    );
    let req = &env.cloud.requests_to("/chat/completions")[0];
    assert_eq!(req.header("accept"), Some("text/event-stream"));
}

#[test]
fn options_go_into_the_request() {
    let env = owner();
    env.skene()
        .args([
            "chat",
            "--model",
            "fast",
            "--system",
            "Be brief.",
            "--temperature",
            "0.2",
            "--max-tokens",
            "64",
            "hi",
        ])
        .assert()
        .success();
    let body = &chat_bodies(&env)[0];
    assert_eq!(body["model"], "fast");
    assert_eq!(body["temperature"], 0.2);
    assert_eq!(body["max_tokens"], 64);
    assert_eq!(
        body["messages"][0],
        serde_json::json!({"role": "system", "content": "Be brief."})
    );
}

#[test]
fn json_gives_one_object_per_chunk() {
    let env = owner();
    let assert = env
        .skene()
        .args(["chat", "--json", "hi"])
        .assert()
        .success();
    let (stdout, _) = outputs(&assert);
    let chunks: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("NDJSON"))
        .collect();
    assert_eq!(chunks.len(), 2);
    assert_eq!(chunks[1]["choices"][0]["delta"]["content"], "hi");
    assert_eq!(chunks[0]["object"], "chat.completion.chunk");
}

#[test]
fn an_error_event_ends_the_answer_with_the_servers_message() {
    let env = owner();
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["partial".into()],
        pause: Duration::from_millis(5),
        end: StreamEnd::Error("model overloaded".into()),
    });
    env.skene()
        .args(["chat", "hi"])
        .assert()
        .code(3)
        .stdout("partial\n")
        .stderr(predicate::str::contains(
            "the answer stopped with an error: model overloaded",
        ));
}

#[test]
fn a_dropped_connection_is_reported_after_the_partial_text_and_not_retried() {
    let env = owner();
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["partial".into()],
        pause: Duration::from_millis(5),
        end: StreamEnd::Drop,
    });
    env.skene()
        .args(["chat", "hi"])
        .assert()
        .code(3)
        .stdout("partial\n")
        .stderr(predicate::str::contains(
            "the connection was lost mid-answer",
        ))
        .stderr(predicate::str::contains("the answer above is incomplete"));
    assert_eq!(
        env.cloud.requests_to("/chat/completions").len(),
        1,
        "no retry once text was shown"
    );
}

#[test]
fn trouble_before_the_answer_starts_is_retried() {
    let env = owner();
    env.cloud.script("/chat/completions", Reply::status(503));
    env.skene()
        .args(["chat", "hi"])
        .assert()
        .success()
        .stdout("You said: hi\n");
    assert_eq!(env.cloud.requests_to("/chat/completions").len(), 2);
}

#[test]
fn no_stream_asks_for_one_answer() {
    let env = owner();
    env.skene()
        .args(["chat", "--no-stream", "hi"])
        .assert()
        .success()
        .stdout("You said: hi\n");
    assert_eq!(chat_bodies(&env)[0]["stream"], false);
    let assert = env
        .skene()
        .args(["chat", "--no-stream", "--json", "hi"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["object"], "chat.completion");
    assert_eq!(v["choices"][0]["message"]["content"], "You said: hi");
}

#[test]
fn the_prompt_can_come_from_stdin() {
    let env = owner();
    env.skene()
        .args(["chat", "review this"])
        .write_stdin("diff --git a/x b/x\n+new line\n")
        .assert()
        .success();
    env.skene()
        .arg("chat")
        .write_stdin("just stdin\n")
        .assert()
        .success()
        .stdout("You said: just stdin\n");
    let bodies = chat_bodies(&env);
    assert_eq!(
        bodies[0]["messages"][0]["content"],
        "review this\n\ndiff --git a/x b/x\n+new line\n"
    );
    assert_eq!(bodies[1]["messages"][0]["content"], "just stdin\n");
    env.skene()
        .arg("chat")
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no prompt"));
}

#[test]
fn a_refused_key_exits_4() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", "sk_ws_NOTKNOWN0000000000000000");
    env.skene()
        .args(["chat", "hi"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "hint: SKENE_API_KEY holds a key the server does not accept",
        ));
}

/// The advice for a refused key depends on where it came from: a saved login
/// is replaced with `skene login`, an environment variable is corrected.
#[test]
fn a_refused_saved_login_is_told_to_log_in_again() {
    let env = Env::new();
    env.login_file(OWNER_KEY);
    env.cloud.script("/chat/completions", Reply::status(401));
    env.skene()
        .args(["chat", "hi"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "hint: the saved login's key is not accepted (revoked, or for another server?): run `skene login` to replace it",
        ));
}

#[test]
fn a_non_streamed_answer_is_not_asked_for_twice() {
    // It may already have been generated (and billed): a 503 after sending is
    // reported, not retried.
    let env = owner();
    env.cloud.script("/chat/completions", Reply::status(503));
    env.skene()
        .args(["chat", "--no-stream", "hi"])
        .assert()
        .code(3);
    assert_eq!(env.cloud.requests_to("/chat/completions").len(), 1);
}

#[test]
fn a_non_streamed_question_whose_connection_dropped_is_not_sent_again() {
    // The request went out whole, then the connection was cut before an answer:
    // the answer may be generated (and billed) anyway, so it is reported, not retried.
    let env = owner();
    env.cloud.script("/chat/completions", Reply::Drop);
    let assert = env
        .skene()
        .args(["chat", "--no-stream", "hi"])
        .assert()
        .code(3);
    assert_eq!(outputs(&assert).0, "", "no answer on stdout");
    let sent = env.cloud.requests_to("/chat/completions");
    assert_eq!(sent.len(), 1, "exactly one request");
    assert_eq!(sent[0].json()["messages"][0]["content"], "hi", "sent whole");
}

#[test]
fn snapshot_one_shot_chat() {
    let env = owner();
    let assert = env.skene().args(["chat", "hi"]).assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    You said: hi
    --- stderr
    --- end
    ");
}
