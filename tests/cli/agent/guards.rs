//! What the gateway refuses, and that a refused request never reaches the cloud:
//! DNS rebinding (a forged `Host`), web pages (`Origin`), simple-request CSRF
//! (`text/plain`), oversized bodies, missing or wrong tokens.

use super::harness::{Agent, authed, canary_env, raw, request};

#[test]
fn the_attack_matrix_is_refused_before_anything_is_forwarded() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    let port = agent.port;
    let bearer = agent.bearer();
    let wrong = format!("Bearer skl_{}", "1".repeat(64));
    let chat = "POST /v1/chat/completions HTTP/1.1";
    let body = r#"{"model":"auto","messages":[{"role":"user","content":"hi"}]}"#;
    let len = body.len();
    let json_post = |host: &str, extra: &str| {
        format!(
            "{chat}\r\nhost: {host}\r\nauthorization: {bearer}\r\ncontent-type: application/json\r\ncontent-length: {len}{extra}"
        )
    };
    let cases: Vec<(&str, String, Vec<u8>, u16, &str)> = vec![
        (
            "DNS rebinding: a foreign Host",
            json_post(&format!("evil.example:{port}"), ""),
            body.into(),
            403,
            "host_not_allowed",
        ),
        (
            "an empty Host",
            json_post("", ""),
            body.into(),
            403,
            "host_not_allowed",
        ),
        (
            "a name that resolves to 127.0.0.1",
            json_post(&format!("127.0.0.1.nip.io:{port}"), ""),
            body.into(),
            403,
            "host_not_allowed",
        ),
        (
            "a name that resolves to 127.0.0.1, no port",
            json_post("127.0.0.1.nip.io", ""),
            body.into(),
            403,
            "host_not_allowed",
        ),
        (
            "the right name, another port",
            json_post(&format!("127.0.0.1:{}", port.wrapping_add(1)), ""),
            body.into(),
            403,
            "host_not_allowed",
        ),
        (
            "a foreign Origin",
            json_post(&agent.host(), "\r\norigin: https://evil.example"),
            body.into(),
            403,
            "origin_not_allowed",
        ),
        (
            "Origin: null (a sandboxed page)",
            json_post(&agent.host(), "\r\norigin: null"),
            body.into(),
            403,
            "origin_not_allowed",
        ),
        (
            "a text/plain POST (simple-request CSRF)",
            format!(
                "{chat}\r\nhost: {}\r\nauthorization: {bearer}\r\ncontent-type: text/plain\r\ncontent-length: {len}",
                agent.host()
            ),
            body.into(),
            415,
            "unsupported_media_type",
        ),
        (
            "a form POST",
            format!(
                "{chat}\r\nhost: {}\r\nauthorization: {bearer}\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 3",
                agent.host()
            ),
            b"a=b".to_vec(),
            415,
            "unsupported_media_type",
        ),
        (
            "a body declared over 4 MiB (refused before it is read)",
            format!(
                "{chat}\r\nhost: {}\r\nauthorization: {bearer}\r\ncontent-type: application/json\r\ncontent-length: {}",
                agent.host(),
                4 * 1024 * 1024 + 1
            ),
            Vec::new(),
            413,
            "request_too_large",
        ),
        (
            "a chunked body that grows over 4 MiB",
            format!(
                "{chat}\r\nhost: {}\r\nauthorization: {bearer}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked",
                agent.host()
            ),
            chunked(5 * 1024 * 1024),
            413,
            "request_too_large",
        ),
        (
            "no token",
            format!(
                "{chat}\r\nhost: {}\r\ncontent-type: application/json\r\ncontent-length: {len}",
                agent.host()
            ),
            body.into(),
            401,
            "invalid_api_key",
        ),
        (
            "a wrong token",
            json_post(&agent.host(), "").replace(&bearer, &wrong),
            body.into(),
            401,
            "invalid_api_key",
        ),
        (
            "the token in another header",
            format!(
                "{chat}\r\nhost: {}\r\nx-api-key: {}\r\ncontent-type: application/json\r\ncontent-length: {len}",
                agent.host(),
                agent.token
            ),
            body.into(),
            401,
            "invalid_api_key",
        ),
        (
            "a workspace key instead of the local token",
            json_post(&agent.host(), "")
                .replace(&bearer, &format!("Bearer {}", super::harness::CANARY)),
            body.into(),
            401,
            "invalid_api_key",
        ),
    ];
    for (what, head, body, status, code) in &cases {
        let answer = raw(port, head, body);
        assert_eq!(answer.status, *status, "{what}: {}", answer.text());
        assert_eq!(answer.code(), *code, "{what}");
        assert_eq!(
            answer.header("access-control-allow-origin"),
            None,
            "{what}: no CORS header"
        );
    }

    // No Host at all (an HTTP/1.0-style request).
    let answer = raw(
        port,
        &format!("GET /v1/models HTTP/1.1\r\nauthorization: {bearer}"),
        b"",
    );
    assert!(
        matches!(answer.status, 400 | 403),
        "no Host: {}",
        answer.status
    );

    assert!(
        env.cloud.requests().is_empty() && env.cloud.connections() == 0,
        "the cloud saw nothing: {:?}",
        env.cloud.requests()
    );
    let refused =
        serde_json::from_slice::<serde_json::Value>(&authed(&agent, "GET", "/status", "").body)
            .unwrap()["gateway"]["refused"]
            .as_u64()
            .unwrap();
    assert_eq!(refused, cases.len() as u64 + 1);
}

/// A chunked body of `size` bytes of JSON-ish filler.
fn chunked(size: usize) -> Vec<u8> {
    let piece = vec![b' '; 64 * 1024];
    let mut out = Vec::new();
    let mut left = size;
    while left > 0 {
        let n = left.min(piece.len());
        out.extend_from_slice(format!("{n:x}\r\n").as_bytes());
        out.extend_from_slice(&piece[..n]);
        out.extend_from_slice(b"\r\n");
        left -= n;
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

#[test]
fn every_loopback_name_works_and_unknown_routes_are_404s() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    for host in [
        format!("127.0.0.1:{}", agent.port),
        format!("localhost:{}", agent.port),
        format!("[::1]:{}", agent.port),
    ] {
        let a = raw(
            agent.port,
            &format!(
                "GET /v1/models HTTP/1.1\r\nhost: {host}\r\nauthorization: {}",
                agent.bearer()
            ),
            b"",
        );
        assert_eq!(a.status, 200, "{host}");
        assert_eq!(a.json()["data"][0]["id"], "auto");
    }
    for path in [
        "/v1/embeddings",
        "/",
        "/v1/chat/completions/",
        "/api/v1/me",
        "/v1/models/",
    ] {
        let a = authed(&agent, "GET", path, "");
        assert_eq!((a.status, a.code()), (404, "not_found".into()), "{path}");
    }
    let a = authed(&agent, "GET", "/v1/chat/completions", "");
    assert_eq!((a.status, a.header("allow")), (405, Some("POST")));
    let a = authed(&agent, "GET", "/v1/models/..", "");
    assert_eq!(a.status, 404, "no path tricks");
    let a = authed(&agent, "GET", "/v1/models/%2e%2e", "");
    assert_eq!(a.status, 404, "no path tricks");
    let paths: Vec<String> = env
        .cloud
        .requests()
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(
        paths,
        ["/models", "/models", "/models"],
        "only the three model lists"
    );
}

#[test]
fn the_control_endpoint_needs_the_token_too() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    for path in ["/healthz", "/status"] {
        let a = request(&agent, "GET", path, &[], "");
        assert_eq!(
            (a.status, a.code()),
            (401, "invalid_api_key".into()),
            "{path}"
        );
        let a = raw(
            agent.port,
            &format!(
                "GET {path} HTTP/1.1\r\nhost: evil.example\r\nauthorization: {}",
                agent.bearer()
            ),
            b"",
        );
        assert_eq!(a.status, 403, "the Host rule holds for {path} too");
    }
    let a = authed(&agent, "GET", "/healthz", "");
    assert_eq!(
        (a.status, a.json()),
        (200, serde_json::json!({"status": "ok"}))
    );
    let a = authed(&agent, "GET", "/status", "");
    assert_eq!(a.status, 200);
    let s = a.json();
    assert_eq!(s["pid"], agent.pid());
    assert_eq!(s["gateway"]["base_url"], agent.base_url());
    assert_eq!(s["forwarder"]["enabled"], false);
    assert_eq!(s["forwarder"]["database"]["state"], "off");
}

#[test]
fn routes_are_matched_after_the_host_and_before_the_token() {
    let env = canary_env();
    let agent = Agent::start(&env, &[]);
    // An unknown path is a 404 for anyone on this machine, token or not.
    for path in ["/v1/embeddings", "/", "/v1/models/", "/api/v1/me"] {
        let a = request(&agent, "GET", path, &[], "");
        assert_eq!((a.status, a.code()), (404, "not_found".into()), "{path}");
    }
    let a = request(
        &agent,
        "POST",
        "/v1/embeddings",
        &[("content-type", "text/plain")],
        "hi",
    );
    assert_eq!((a.status, a.code()), (404, "not_found".into()));
    // A known path with another method: 405 and the method it takes.
    for (method, path, allow) in [
        ("DELETE", "/v1/models", "GET"),
        ("GET", "/v1/chat/completions", "POST"),
        ("POST", "/healthz", "GET"),
    ] {
        let a = request(&agent, method, path, &[], "");
        assert_eq!(
            (a.status, a.code(), a.header("allow")),
            (405, "method_not_allowed".into(), Some(allow)),
            "{method} {path}"
        );
    }
    // The Host rule comes first, whatever the path.
    let a = raw(
        agent.port,
        "GET /v1/embeddings HTTP/1.1\r\nhost: evil.example",
        b"",
    );
    assert_eq!((a.status, a.code()), (403, "host_not_allowed".into()));
    assert!(env.cloud.requests().is_empty(), "nothing reached the cloud");
}

#[test]
fn an_allowed_origin_gets_cors_and_a_preflight_answer() {
    let env = canary_env();
    let agent = Agent::start(&env, &["--allow-origin", "http://localhost:3000/"]);
    let pre = request(
        &agent,
        "OPTIONS",
        "/v1/chat/completions",
        &[
            ("origin", "http://localhost:3000"),
            ("access-control-request-method", "POST"),
            (
                "access-control-request-headers",
                "authorization, content-type",
            ),
            ("access-control-request-private-network", "true"),
        ],
        "",
    );
    assert_eq!(pre.status, 204);
    assert_eq!(
        pre.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(
        pre.header("access-control-allow-headers"),
        Some("authorization, content-type")
    );
    assert_eq!(
        pre.header("access-control-allow-private-network"),
        Some("true")
    );
    let bearer = agent.bearer();
    let a = request(
        &agent,
        "GET",
        "/v1/models",
        &[
            ("origin", "http://localhost:3000"),
            ("authorization", &bearer),
        ],
        "",
    );
    assert_eq!(a.status, 200);
    assert_eq!(
        a.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
    assert_eq!(a.header("vary"), Some("Origin"));
    let a = request(
        &agent,
        "GET",
        "/v1/models",
        &[
            ("origin", "http://localhost:3001"),
            ("authorization", &bearer),
        ],
        "",
    );
    assert_eq!(
        (a.status, a.header("access-control-allow-origin")),
        (403, None)
    );
}
