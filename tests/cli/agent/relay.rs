//! How the gateway relays: streams byte for byte, a caller that leaves cancels
//! the upstream request, an upstream that fails mid-answer cuts the answer (no
//! `[DONE]` made up), the cloud's errors pass as they are, and the gateway's own
//! errors (502, 504) are in OpenAI's shape — with the workspace key nowhere.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::harness::{Agent, CANARY, Raw, authed, canary_env};
use crate::support::fake_cloud::transport::{FakeBody, Resp};
use crate::support::fake_cloud::{Auth, Route};
use crate::support::{ChatReply, Reply, StreamEnd};

const STREAM_BODY: &str =
    r#"{"model":"auto","stream":true,"messages":[{"role":"user","content":"hi"}]}"#;

#[test]
fn a_stream_is_relayed_byte_for_byte() {
    let env = canary_env();
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["a".into(), "b".into(), "c".into()],
        pause: Duration::from_millis(10),
        end: StreamEnd::Done,
    });
    let agent = Agent::start(&env, &[]);
    let a = authed(&agent, "POST", "/v1/chat/completions", STREAM_BODY);
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-type"), Some("text/event-stream"));
    assert_eq!(a.header("content-encoding"), None, "not compressed");
    let mut expected = String::from(": keep-alive\n\n");
    for d in ["a", "b", "c"] {
        expected.push_str(&crate::support::fake_cloud::routes::chat::sse_chunk(d));
    }
    expected.push_str("data: [DONE]\n\n");
    assert_eq!(a.text(), expected, "the upstream's bytes, unchanged");
    assert!(a.complete);
    // `stream_options` and anything else in the body go up untouched.
    let body = r#"{"model":"auto","stream":true,"stream_options":{"include_usage":true},"x_extra":[1,2],"messages":[]}"#;
    authed(&agent, "POST", "/v1/chat/completions", body);
    let sent = env.cloud.requests_to("/chat/completions");
    assert_eq!(String::from_utf8_lossy(&sent[1].body), body);
}

#[test]
fn a_caller_that_leaves_cancels_the_upstream_request() {
    let env = canary_env();
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["first".into()],
        pause: Duration::ZERO,
        end: StreamEnd::Stall,
    });
    let agent = Agent::start(&env, &[]);
    let mut s = TcpStream::connect(("127.0.0.1", agent.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST /v1/chat/completions HTTP/1.1\r\nhost: {}\r\nauthorization: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{STREAM_BODY}",
        agent.host(),
        agent.bearer(),
        STREAM_BODY.len()
    )
    .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("first") {
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended early");
        seen.extend_from_slice(&buf[..n]);
    }
    let upstream = env.cloud.requests_to("/chat/completions")[0].conn;
    assert!(env.cloud.connection_log()[upstream].closed_at.is_none());
    drop(s);
    let started = Instant::now();
    while env.cloud.connection_log()[upstream].closed_at.is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the upstream connection stayed open after the caller left"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = agent.wait_for_log("(client left)");
    assert!(
        log.contains("POST /v1/chat/completions model=auto stream → 200"),
        "{log}"
    );
}

#[test]
fn a_caller_that_leaves_before_the_answer_cancels_it_too() {
    let env = canary_env();
    env.cloud
        .script("/chat/completions", Reply::Delay(Duration::from_secs(8)));
    let agent = Agent::start(&env, &[]);
    let body = r#"{"model":"auto","messages":[]}"#;
    let mut s = TcpStream::connect(("127.0.0.1", agent.port)).unwrap();
    write!(
        s,
        "POST /v1/chat/completions HTTP/1.1\r\nhost: {}\r\nauthorization: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        agent.host(),
        agent.bearer(),
        body.len()
    )
    .unwrap();
    let started = Instant::now();
    while env.cloud.requests_to("/chat/completions").is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nothing reached the cloud"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let upstream = env.cloud.requests_to("/chat/completions")[0].conn;
    drop(s);
    let left = Instant::now();
    while env.cloud.connection_log()[upstream].closed_at.is_none() {
        assert!(
            left.elapsed() < Duration::from_secs(5),
            "the upstream request went on after the caller left"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = agent.wait_for_log("→ 499");
    assert!(
        log.contains("POST /v1/chat/completions model=auto → 499"),
        "{log}"
    );
    let status = authed(&agent, "GET", "/status", "").json();
    assert_eq!(
        status["gateway"]["in_flight"], 1,
        "only the status request: {status}"
    );
}

/// A cloud that sends two chunks of a stream, then cuts the connection (and
/// never ends the body: `StreamEnd::Drop` may end it cleanly first, a race).
fn cut_stream(env: &crate::support::Env) {
    let chunks =
        ["one", "two"].map(|d| Bytes::from(crate::support::fake_cloud::routes::chat::sse_chunk(d)));
    chunked(env, "text/event-stream", chunks.to_vec(), true);
}

#[test]
fn an_upstream_that_fails_mid_stream_cuts_the_answer_without_done() {
    let env = canary_env();
    cut_stream(&env);
    let agent = Agent::start(&env, &[]);
    let a = authed(&agent, "POST", "/v1/chat/completions", STREAM_BODY);
    assert_eq!(a.status, 200);
    let text = a.text();
    assert!(text.contains("two"), "{text}");
    assert!(!text.contains("[DONE]"), "{text}");
    assert!(
        !a.complete,
        "the chunked body has no last chunk: the caller sees a cut:\n{:?}\n{}",
        String::from_utf8_lossy(&a.bytes),
        agent.stderr()
    );
    let log = agent.wait_for_log("(upstream failed)");
    assert!(!log.contains(CANARY));
    assert_last_error(&agent, "an answer was cut");
}

#[test]
fn the_clouds_errors_pass_as_they_are_and_redirects_are_not_followed() {
    let env = canary_env();
    env.cloud.script(
        "/chat/completions",
        Reply::json(
            400,
            serde_json::json!({"error": {"message": "bad model", "code": "model_not_found"}}),
        )
        .with_header("x-request-id", "req_42"),
    );
    env.cloud.script(
        "/models",
        Reply::Raw {
            status: 307,
            body: String::new(),
            headers: vec![("location".into(), "https://elsewhere.example/models".into())],
        },
    );
    let agent = Agent::start(&env, &[]);
    let a = authed(&agent, "POST", "/v1/chat/completions", STREAM_BODY);
    assert_eq!(a.status, 400);
    assert_eq!(a.json()["error"]["message"], "bad model");
    assert_eq!(a.header("x-request-id"), Some("req_42"));
    let a = authed(&agent, "GET", "/v1/models", "");
    assert_eq!((a.status, a.code()), (502, "upstream_redirect".into()));
    assert!(
        a.text().contains("https://elsewhere.example/models"),
        "{}",
        a.text()
    );
    assert_eq!(a.header("location"), None);
    assert_eq!(
        env.cloud.requests().len(),
        2,
        "the redirect was not followed"
    );
    let log = agent.wait_for_log("GET /v1/models → 502");
    assert!(log.contains("→ 400") && log.contains("id req_42"), "{log}");
}

#[test]
fn an_unreachable_or_slow_cloud_is_a_502_or_504() {
    let mut env = canary_env();
    env.set("SKENE_HTTP_TIMEOUT", "1");
    env.cloud.script("/models", Reply::Drop);
    env.cloud
        .script("/chat/completions", Reply::Delay(Duration::from_secs(3)));
    let agent = Agent::start(&env, &[]);
    let a = authed(&agent, "GET", "/v1/models", "");
    assert_eq!((a.status, a.code()), (502, "upstream_unreachable".into()));
    let started = Instant::now();
    let a = authed(&agent, "POST", "/v1/chat/completions", STREAM_BODY);
    assert_eq!((a.status, a.code()), (504, "upstream_timeout".into()));
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    let status = authed(&agent, "GET", "/status", "").json();
    assert_eq!(status["gateway"]["upstream_errors"], 2);
}

fn output_text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Everything a caller or a reader of the agent's output could see.
fn all_seen(answers: &[Raw]) -> String {
    answers
        .iter()
        .map(|a| String::from_utf8_lossy(&a.bytes).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_workspace_key_appears_nowhere() {
    let env = canary_env();
    env.cloud.script("/models", Reply::Drop);
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["x".into()],
        pause: Duration::ZERO,
        end: StreamEnd::Drop,
    });
    let agent = Agent::start(&env, &["--allow-origin", "http://localhost:3000"]);
    let answers = vec![
        authed(&agent, "GET", "/v1/models", ""),
        authed(&agent, "GET", "/v1/models", ""),
        authed(&agent, "POST", "/v1/chat/completions", STREAM_BODY),
        authed(&agent, "POST", "/v1/chat/completions", r#"{"messages":[]}"#),
        authed(&agent, "GET", "/v1/models/nope", ""),
        authed(&agent, "GET", "/status", ""),
        authed(&agent, "GET", "/nowhere", ""),
        super::harness::request(&agent, "GET", "/v1/models", &[], ""),
    ];
    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [502, 200, 200, 200, 404, 200, 404, 401]);
    // The key did go where it belongs, so its absence elsewhere means something.
    assert!(
        env.cloud
            .requests()
            .iter()
            .all(|r| r.header("authorization") == Some(&format!("Bearer {CANARY}"))),
    );
    let secret_part = &CANARY["sk_ws_".len()..];
    let env_out = env.skene().args(["agent", "env"]).output().unwrap();
    let status_out = env
        .skene()
        .args(["agent", "status", "--json"])
        .output()
        .unwrap();
    let (exit, log) = agent.stop();
    assert!(exit.success());
    for (what, text) in [
        ("answers", all_seen(&answers)),
        ("log", log),
        ("agent env", output_text(&env_out)),
        ("agent status", output_text(&status_out)),
    ] {
        assert!(
            !text.contains(secret_part),
            "the key leaked into the {what}:\n{text}"
        );
    }
    assert!(
        env.files_containing(secret_part).is_empty(),
        "no file holds the key"
    );
}

/// A cloud that answers a chat request with `pieces` of a chunked body of
/// `content_type`, 30 ms apart; `cut` drops the connection instead of ending it.
fn chunked(env: &crate::support::Env, content_type: &'static str, pieces: Vec<Bytes>, cut: bool) {
    env.cloud.add_route(Route::api(
        "POST",
        "/chat/completions",
        Auth::Key,
        move |call| -> Resp {
            let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(4);
            let conn = call.conn.clone();
            let pieces = pieces.clone();
            tokio::spawn(async move {
                for piece in pieces {
                    let _ = tx.send(piece).await;
                    tokio::time::sleep(Duration::from_millis(30)).await;
                }
                if cut {
                    conn.kill();
                    tx.closed().await;
                }
            });
            hyper::Response::builder()
                .status(200)
                .header("content-type", content_type)
                .header("x-request-id", "req_whole")
                .body(FakeBody::Stream(rx))
                .unwrap()
        },
    ));
}

/// [`chunked`] with a JSON document.
fn chunked_json(env: &crate::support::Env, pieces: Vec<Bytes>, cut: bool) {
    chunked(env, "application/json", pieces, cut);
}

fn pieces(texts: &[&'static str]) -> Vec<Bytes> {
    texts
        .iter()
        .map(|t| Bytes::from_static(t.as_bytes()))
        .collect()
}

const PIECES: &[&str] = &[
    r#"{"id":"c1","object":"chat.completion","choices":[{"index":0,"#,
    r#""message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}]}"#,
];

#[test]
fn a_whole_answer_is_sent_in_one_piece_with_its_length() {
    let env = canary_env();
    chunked_json(&env, pieces(PIECES), false);
    let agent = Agent::start(&env, &[]);
    let body = r#"{"model":"auto","messages":[]}"#;
    let a = authed(&agent, "POST", "/v1/chat/completions", body);
    assert_eq!(a.status, 200);
    assert_eq!(a.text(), PIECES.concat(), "the cloud's bytes, unchanged");
    let length = PIECES.concat().len().to_string();
    assert_eq!(
        a.header("content-length"),
        Some(length.as_str()),
        "{:?}",
        a.headers
    );
    assert_eq!(a.header("transfer-encoding"), None, "{:?}", a.headers);
    assert_eq!(a.header("x-request-id"), Some("req_whole"));
}

#[test]
fn a_whole_answer_cut_before_its_end_is_a_502_not_half_a_document() {
    let env = canary_env();
    chunked_json(&env, pieces(&PIECES[..1]), true);
    let agent = Agent::start(&env, &[]);
    let body = r#"{"model":"auto","messages":[]}"#;
    let a = authed(&agent, "POST", "/v1/chat/completions", body);
    assert_eq!(a.status, 502, "{}", a.text());
    assert_eq!(a.code(), "upstream_cut");
    assert!(!a.text().contains(CANARY));
    let log = agent.wait_for_log("→ 502");
    assert!(!log.contains(CANARY));
    assert_last_error(&agent, "an answer was cut");
}

#[test]
fn a_whole_answer_over_the_limit_goes_on_as_it_arrives() {
    let env = canary_env();
    // Three pieces of 600 KiB: the first two pass the 1 MiB read whole.
    let big: Vec<Bytes> = (b'a'..=b'c')
        .map(|c| Bytes::from(vec![c; 600 * 1024]))
        .collect();
    chunked_json(&env, big.clone(), false);
    let agent = Agent::start(&env, &[]);
    let a = authed(
        &agent,
        "POST",
        "/v1/chat/completions",
        r#"{"model":"auto"}"#,
    );
    assert_eq!(a.status, 200);
    assert!(a.complete, "a chunked answer, ended");
    assert_eq!(a.body, big.concat(), "every byte, in order");
}

#[test]
fn an_answer_to_a_stream_request_goes_on_as_it_comes_whatever_its_type() {
    let env = canary_env();
    chunked_json(&env, pieces(PIECES), false);
    let agent = Agent::start(&env, &[]);
    let a = authed(&agent, "POST", "/v1/chat/completions", STREAM_BODY);
    assert_eq!(a.status, 200);
    assert_eq!(a.header("content-length"), None, "not read whole");
    assert!(a.complete);
    assert_eq!(a.text(), PIECES.concat());
}

/// The gateway's last upstream error, as `/status` shows it, starts with `prefix`.
fn assert_last_error(agent: &Agent, prefix: &str) {
    let status = authed(agent, "GET", "/status", "").json();
    let message = status["gateway"]["last_error"]["message"].as_str();
    assert!(message.is_some_and(|m| m.starts_with(prefix)), "{status}");
}
