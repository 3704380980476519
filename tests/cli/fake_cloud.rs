//! The fake cloud itself, spoken to over plain HTTP: what the other tests rely
//! on (connection accounting, workspaces, the route table) and the routes no
//! command uses yet (`/logs`, the ingest endpoint).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::fake_cloud::routes::logs::entry;
use crate::support::fake_cloud::{Auth, Route, transport};
use crate::support::http::{self, Client};
use crate::support::{
    ChatReply, Env, MEMBER_KEY, OTHER_WS_KEY, OWNER_KEY, PROXY_SECRET, Reply, StreamEnd,
};

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

#[test]
fn connections_are_counted_and_requests_know_theirs() {
    let env = Env::new();
    let host = env.cloud.host();
    let auth = bearer(OWNER_KEY);
    let mut one = Client::connect(&host);
    for _ in 0..3 {
        let a = one.send("GET", "/api/v1/me", &[("authorization", &auth)], "");
        assert_eq!(a.status, 200);
    }
    assert_eq!(env.cloud.connections(), 1, "keep-alive: one connection");
    assert_eq!(
        http::send(
            &host,
            "GET",
            "/api/v1/models",
            &[("authorization", &auth)],
            ""
        )
        .status,
        200
    );
    assert_eq!(env.cloud.connections(), 2);
    let conns: Vec<usize> = env.cloud.requests().iter().map(|r| r.conn).collect();
    assert_eq!(conns, [0, 0, 0, 1]);
    assert_eq!(env.cloud.connection_log()[0].requests, 3);
}

#[test]
fn keys_roles_and_unknown_routes() {
    let env = Env::new();
    let host = env.cloud.host();
    assert_eq!(http::send(&host, "GET", "/api/v1/me", &[], "").status, 401);
    assert_eq!(
        http::send(&host, "GET", "/api/v1/nope", &[], "").status,
        401
    );
    let owner = bearer(OWNER_KEY);
    let member = bearer(MEMBER_KEY);
    let a = http::send(
        &host,
        "GET",
        "/api/v1/nope",
        &[("authorization", &owner)],
        "",
    );
    assert_eq!(
        (a.status, a.json()["error"]["code"].clone()),
        (404, json!("not_found"))
    );
    assert_eq!(http::send(&host, "GET", "/nope", &[], "").status, 404);
    let a = http::send(
        &host,
        "POST",
        "/api/v1/api-keys",
        &[("authorization", &member)],
        "{}",
    );
    assert_eq!(a.status, 403);
    let a = http::send(
        &host,
        "GET",
        "/api/v1/members",
        &[("authorization", &member)],
        "",
    );
    assert_eq!(a.status, 200, "members may read");
}

#[test]
fn workspaces_keep_their_own_members_keys_and_pushes() {
    let env = Env::new();
    let host = env.cloud.host();
    let mine = bearer(OWNER_KEY);
    let other = bearer(OTHER_WS_KEY);
    let members = |auth: &str| -> Vec<Value> {
        let a = http::send(
            &host,
            "GET",
            "/api/v1/members?limit=50",
            &[("authorization", auth)],
            "",
        );
        a.json()["data"].as_array().unwrap().clone()
    };
    assert_eq!(members(&mine).len(), 2, "a page of my-app's five");
    assert_eq!(members(&other).len(), 1);
    let keys = http::send(
        &host,
        "GET",
        "/api/v1/api-keys",
        &[("authorization", &other)],
        "",
    );
    assert_eq!(keys.json()["data"][0]["id"], "key_other");
    assert_eq!(keys.json()["next_cursor"], Value::Null);

    let body = json!({"manifest": {"package_checksum": "sha256:x"}, "files": []}).to_string();
    let push = |auth: &str| {
        http::send(
            &host,
            "POST",
            "/api/v1/push",
            &[("authorization", auth)],
            &body,
        )
        .status
    };
    assert_eq!(push(&mine), 201);
    assert_eq!(push(&mine), 200, "noop: seen before");
    assert_eq!(push(&other), 201, "another workspace has not seen it");
    assert_eq!(env.cloud.workspace("other-app").pushed, ["sha256:x"]);
}

#[test]
fn logs_page_newest_first_and_take_entries_appended_meanwhile() {
    let env = Env::new();
    env.cloud.with_state(|s| s.logs_page_size = 2);
    for (at, table) in [
        ("2026-11-27T10:00:00Z", "public.a"),
        ("2026-11-27T10:00:01Z", "public.b"),
        ("2026-11-27T10:00:01Z", "public.c"),
        ("2026-11-27T10:00:02Z", "public.d"),
    ] {
        env.cloud
            .append_log("my-app", entry(at, table, "INSERT", "success"));
    }
    let mut client = Client::connect(&env.cloud.host());
    let auth = bearer(OWNER_KEY);
    let mut get = |query: &str| -> (Vec<String>, Value) {
        let a = client.send(
            "GET",
            &format!("/api/v1/logs{query}"),
            &[("authorization", &auth)],
            "",
        );
        assert_eq!(a.status, 200, "{query}");
        let v = a.json();
        let tables = v["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["table"].as_str().unwrap().to_owned())
            .collect();
        (tables, v["next_cursor"].clone())
    };
    let (first, cursor) = get("");
    assert_eq!(
        first,
        ["public.d", "public.c"],
        "newest first; a tie by arrival"
    );
    // An entry that arrives between two pages is not on the next one, nor does it shift it.
    env.cloud.append_log(
        "my-app",
        entry("2026-11-27T10:00:03Z", "public.e", "INSERT", "failed"),
    );
    let (second, cursor) = get(&format!("?cursor={}", cursor.as_str().unwrap()));
    assert_eq!(second, ["public.b", "public.a"]);
    assert_eq!(cursor, Value::Null);
    // `since` is inclusive, and may be percent-encoded.
    let (since, _) = get("?since=2026-11-27T10%3A00%3A02Z&limit=50");
    assert_eq!(since, ["public.e", "public.d"]);
    let (limited, _) = get("?limit=1");
    assert_eq!(limited, ["public.e"]);
    let a = http::send(
        &env.cloud.host(),
        "GET",
        "/api/v1/logs",
        &[("authorization", &bearer(OTHER_WS_KEY))],
        "",
    );
    assert_eq!(a.json()["data"], json!([]), "logs are per workspace");
}

#[test]
fn ingest_needs_the_proxy_secret_and_ignores_duplicates() {
    let env = Env::new();
    let host = env.cloud.host();
    let event = |id: u64| {
        json!({"type": "INSERT", "table": "event_log", "schema": "skene_growth",
               "record": {"id": id, "event_type": "public.orders.insert"}, "old_record": null})
        .to_string()
    };
    let path = "/api/v1/cloud/ingest/db-trigger";
    let json = ("content-type", "application/json");
    assert_eq!(
        http::send(&host, "POST", path, &[json], &event(1)).status,
        401
    );
    let wrong = http::send(
        &host,
        "POST",
        path,
        &[json, ("x-skene-secret", "nope")],
        &event(1),
    );
    assert_eq!(wrong.status, 401);
    let api_key = http::send(
        &host,
        "POST",
        path,
        &[json, ("authorization", &bearer(OWNER_KEY))],
        &event(1),
    );
    assert_eq!(api_key.status, 401, "an API key is not the proxy secret");
    let secret = ("x-skene-secret", PROXY_SECRET);
    assert_eq!(
        http::send(&host, "POST", path, &[json, secret], &event(1)).status,
        202
    );
    assert_eq!(
        http::send(&host, "POST", path, &[json, secret], &event(2)).status,
        202
    );
    let dup = http::send(&host, "POST", path, &[json, secret], &event(1));
    assert_eq!(
        (dup.status, dup.json()["status"].clone()),
        (200, json!("duplicate"))
    );
    let ids: Vec<Value> = env
        .cloud
        .ingested("my-app")
        .iter()
        .map(|e| e["record"]["id"].clone())
        .collect();
    assert_eq!(ids, [json!(1), json!(2)]);
    // Faults apply here as everywhere: a scripted 503, then an outage.
    env.cloud
        .script("/cloud/ingest/db-trigger", Reply::status(503));
    assert_eq!(
        http::send(&host, "POST", path, &[json, secret], &event(3)).status,
        503
    );
    env.cloud.set_outage(Some(Reply::status(502)));
    assert_eq!(
        http::send(&host, "POST", path, &[json, secret], &event(3)).status,
        502
    );
    env.cloud.set_outage(None);
    assert_eq!(
        http::send(&host, "POST", path, &[json, secret], &event(3)).status,
        202
    );
}

#[test]
fn a_test_can_add_a_route_outside_the_api() {
    let env = Env::new();
    env.cloud
        .add_route(Route::root("GET", "/auth", Auth::Public, |call| {
            let callback = call
                .req
                .query_param("callback")
                .unwrap_or_default()
                .to_owned();
            transport::respond(
                200,
                format!("<html><body>log in, then {callback}</body></html>"),
                &[("content-type", "text/html")],
            )
        }));
    let a = http::send(&env.cloud.host(), "GET", "/auth?callback=x", &[], "");
    assert_eq!(a.status, 200);
    assert_eq!(
        String::from_utf8(a.body).unwrap(),
        "<html><body>log in, then x</body></html>"
    );
    let recorded = &env.cloud.requests_to("/auth")[0];
    assert_eq!(recorded.full_path, "/auth");
}

#[test]
fn a_chat_stream_is_chunked_server_sent_events() {
    let env = Env::new();
    let a = http::send(
        &env.cloud.host(),
        "POST",
        "/api/v1/chat/completions",
        &[("authorization", &bearer(OWNER_KEY))],
        &json!({"stream": true, "messages": [{"role": "user", "content": "hi"}]}).to_string(),
    );
    assert_eq!(a.header("content-type"), Some("text/event-stream"));
    let text = String::from_utf8(a.body).unwrap();
    assert!(text.starts_with(": keep-alive\n\ndata: {"), "{text}");
    assert!(text.ends_with("data: [DONE]\n\n"), "{text}");
}

#[test]
fn a_stalled_stream_stays_open_until_the_client_leaves() {
    let env = Env::new();
    env.cloud.script_chat(ChatReply::Stream {
        deltas: vec!["partial".into()],
        pause: Duration::ZERO,
        end: StreamEnd::Stall,
    });
    let mut client = Client::connect(&env.cloud.host());
    let head = client.send_head(
        "POST",
        "/api/v1/chat/completions",
        &[("authorization", &bearer(OWNER_KEY))],
        &json!({"stream": true, "messages": [{"role": "user", "content": "hi"}]}).to_string(),
    );
    assert_eq!(head.status, 200);
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("partial") {
        let bytes = client
            .read_some(Duration::from_secs(5))
            .expect("the delta arrives");
        seen.extend(bytes);
    }
    assert_eq!(
        client.read_some(Duration::from_millis(200)),
        None,
        "then silence"
    );
    assert_eq!(env.cloud.connection_log()[0].closed_at, None, "still open");
    drop(client);
    // The fake notices the client left (bounded wait).
    let deadline = Instant::now() + Duration::from_secs(5);
    while env.cloud.connection_log()[0].closed_at.is_none() {
        assert!(Instant::now() < deadline, "the fake never saw the close");
        std::thread::sleep(Duration::from_millis(10));
    }
}
