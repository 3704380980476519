//! The official `openai` Python SDK against the gateway: a client no one here
//! wrote, with its own retry logic and error classes.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use serde_json::Value;

use super::harness::{Agent, CANARY, canary_env};
use super::python::{next_line, run_sdk, spawn_sdk};
use crate::support::Reply;
use crate::support::fake_cloud::transport::{FakeBody, Resp};
use crate::support::fake_cloud::{Auth, Route, routes};

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect()
}

#[test]
fn a_whole_answer_models_and_one_model() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    let out = run_sdk(
        &agent,
        &agent.token,
        r#"
import json, openai
c = openai.OpenAI(max_retries=0)
r = c.chat.completions.create(model="auto", messages=[{"role": "user", "content": "hello there"}])
print(json.dumps({"content": r.choices[0].message.content, "usage": r.usage.total_tokens}))
print(json.dumps({"models": [m.id for m in c.models.list()]}))
print(json.dumps({"model": c.models.retrieve("fast").id}))
"#,
    );
    let lines = json_lines(&out);
    assert_eq!(lines[0]["content"], "You said: hello there");
    assert_eq!(lines[0]["usage"], 4);
    assert_eq!(lines[1]["models"], serde_json::json!(["auto", "fast"]));
    assert_eq!(lines[2]["model"], "fast");

    // The cloud got the workspace key and the SDK's body, not the local token.
    let chat = &env.cloud.requests_to("/chat/completions")[0];
    assert_eq!(
        chat.header("authorization"),
        Some(format!("Bearer {CANARY}").as_str())
    );
    assert_eq!(chat.json()["messages"][0]["content"], "hello there");
    for r in env.cloud.requests() {
        assert!(
            !r.headers.iter().any(|(_, v)| v.contains(&agent.token)),
            "the local token went upstream: {:?}",
            r.headers
        );
    }
    assert_eq!(
        env.cloud
            .requests()
            .iter()
            .map(|r| r.path.as_str())
            .collect::<Vec<_>>(),
        ["/chat/completions", "/models", "/models/fast"]
    );
    let log = agent.wait_for_log("GET /v1/models/fast");
    assert!(
        log.contains("POST /v1/chat/completions model=auto → 200"),
        "{log}"
    );
}

/// An upstream stream the test feeds by hand: nothing reaches the SDK unless the
/// gateway passes each piece on as it comes.
fn held_stream(env: &crate::support::Env) -> tokio::sync::mpsc::Sender<Bytes> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(16);
    let rx = Arc::new(Mutex::new(Some(rx)));
    env.cloud.add_route(Route::api(
        "POST",
        "/chat/completions",
        Auth::Key,
        move |_call| -> Resp {
            let rx = rx.lock().unwrap().take().expect("one streamed request");
            hyper::Response::builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .body(FakeBody::Stream(rx))
                .unwrap()
        },
    ));
    tx
}

#[test]
fn a_stream_arrives_piece_by_piece() {
    let env = canary_env();
    let tx = held_stream(&env);
    let agent = Agent::start(&env, &[]);
    let send = |text: &str| {
        tx.blocking_send(Bytes::from(routes::chat::sse_chunk(text)))
            .unwrap()
    };
    send("first ");
    let (mut child, lines) = spawn_sdk(
        &agent,
        &agent.token,
        r#"
import json, openai
c = openai.OpenAI(max_retries=0)
s = c.chat.completions.create(model="auto", messages=[{"role": "user", "content": "hi"}], stream=True)
for chunk in s:
    print(json.dumps({"delta": chunk.choices[0].delta.content}), flush=True)
print("END", flush=True)
"#,
    );
    // The SDK has the first chunk while the upstream has sent nothing more: the
    // gateway neither waits for the end nor gathers chunks.
    let wait = Duration::from_secs(30);
    assert_eq!(next_line(&lines, wait), r#"{"delta": "first "}"#);
    send("second ");
    assert_eq!(next_line(&lines, wait), r#"{"delta": "second "}"#);
    send("last");
    tx.blocking_send(Bytes::from_static(b"data: [DONE]\n\n"))
        .unwrap();
    drop(tx);
    assert_eq!(next_line(&lines, wait), r#"{"delta": "last"}"#);
    assert_eq!(next_line(&lines, wait), "END");
    assert!(child.wait().unwrap().success());
    let log = agent.wait_for_log("stream → 200");
    assert!(
        log.contains("POST /v1/chat/completions model=auto stream → 200"),
        "{log}"
    );
}

#[test]
fn a_429_with_retry_after_is_relayed_and_the_sdk_retries() {
    let env = canary_env();
    env.cloud
        .script("/chat/completions", Reply::retry_after(429, 1));
    let agent = Agent::start(&env, &[]);
    let out = run_sdk(
        &agent,
        &agent.token,
        r#"
import json, time, openai
c = openai.OpenAI(max_retries=2)
t = time.monotonic()
r = c.chat.completions.create(model="auto", messages=[{"role": "user", "content": "again"}])
print(json.dumps({"content": r.choices[0].message.content, "secs": time.monotonic() - t}))
"#,
    );
    let line = &json_lines(&out)[0];
    assert_eq!(line["content"], "You said: again");
    let secs = line["secs"].as_f64().unwrap();
    assert!(
        secs >= 0.9,
        "the SDK waited Retry-After (1 s), not {secs} s"
    );
    assert_eq!(env.cloud.requests_to("/chat/completions").len(), 2);
    let log = agent.wait_for_log("→ 200");
    assert!(log.contains("→ 429"), "{log}");
}

#[test]
fn x_should_retry_is_relayed_as_it_is() {
    let env = canary_env();
    env.cloud.script(
        "/chat/completions",
        Reply::status(503).with_header("x-should-retry", "false"),
    );
    let agent = Agent::start(&env, &[]);
    let out = run_sdk(
        &agent,
        &agent.token,
        r#"
import json, openai
c = openai.OpenAI(max_retries=2)
try:
    c.chat.completions.create(model="auto", messages=[{"role": "user", "content": "x"}])
    print(json.dumps({"raised": None}))
except openai.APIStatusError as e:
    print(json.dumps({"raised": type(e).__name__, "status": e.status_code, "message": e.message}))
"#,
    );
    let line = &json_lines(&out)[0];
    assert_eq!(line["raised"], "InternalServerError");
    assert_eq!(line["status"], 503);
    assert!(
        line["message"].as_str().unwrap().contains("scripted 503"),
        "{line}"
    );
    assert_eq!(
        env.cloud.requests_to("/chat/completions").len(),
        1,
        "x-should-retry: false reached the SDK, which did not retry a 503"
    );
}

#[test]
fn a_wrong_local_token_is_an_authentication_error_and_goes_nowhere() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    let wrong = format!("skl_{}", "0".repeat(64));
    let out = run_sdk(
        &agent,
        &wrong,
        r#"
import json, openai
c = openai.OpenAI(max_retries=2)
try:
    c.models.list()
    print(json.dumps({"raised": None}))
except openai.AuthenticationError as e:
    print(json.dumps({"raised": type(e).__name__, "status": e.status_code, "code": e.code}))
"#,
    );
    let line = &json_lines(&out)[0];
    assert_eq!(line["raised"], "AuthenticationError");
    assert_eq!(line["status"], 401);
    assert_eq!(line["code"], "invalid_api_key");
    assert!(env.cloud.requests().is_empty(), "nothing was forwarded");
}
