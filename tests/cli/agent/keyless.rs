//! An agent without a workspace key: it forwards events (the ingest takes the
//! proxy secret) and serves its control endpoint, so that `skene agent status`
//! finds it; the gateway's routes say that a key is missing.

use std::time::Duration;

use super::harness::{Agent, authed, request};
use crate::agent_events::{INGEST, deployed, ingested_ids, insert_orders, project, wait_for};
use crate::support::PROXY_SECRET;
use crate::support::postgres::Postgres;

#[test]
fn without_a_key_the_agent_forwards_and_answers_status() {
    let pg = Postgres::shared();
    let mut env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    env.set("DATABASE_URL", &pg.url(&db));
    env.set("SKENE_PROXY_SECRET", PROXY_SECRET);
    let agent = Agent::start_raw(&env, &["agent", "run", "--gateway-port", "0"]);
    assert_ne!(
        agent.port, 0,
        "the state file names the control endpoint's port"
    );
    agent.wait_for_log("connected");
    insert_orders(pg, &db, 1);
    assert!(
        wait_for(Duration::from_secs(20), || ingested_ids(&env).len() == 1),
        "{}",
        agent.stderr()
    );

    let status = env
        .skene()
        .args(["agent", "status", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&status.get_output().stdout).unwrap();
    assert_eq!(v["pid"], agent.pid(), "{v}");
    assert_eq!(v["gateway"]["enabled"], false, "{v}");
    assert_eq!(v["forwarder"]["enabled"], true, "{v}");
    let human = env.skene().args(["agent", "status"]).assert().success();
    let text = String::from_utf8_lossy(&human.get_output().stdout).into_owned();
    assert!(
        text.contains("Gateway:    off (no workspace key: run `skene login`"),
        "{text}"
    );

    // The control endpoint still wants the token; the gateway's routes answer,
    // in OpenAI's shape, that there is no key, and reach nothing upstream.
    let a = request(&agent, "GET", "/healthz", &[], "");
    assert_eq!((a.status, a.code()), (401, "invalid_api_key".into()));
    let a = authed(&agent, "GET", "/healthz", "");
    assert_eq!(a.status, 200);
    for (method, path) in [("GET", "/v1/models"), ("POST", "/v1/chat/completions")] {
        let a = authed(&agent, method, path, r#"{"model":"auto","messages":[]}"#);
        assert_eq!(
            (a.status, a.code(), a.header("x-should-retry")),
            (503, "no_workspace_key".into(), Some("false")),
            "{method} {path}"
        );
        assert!(a.text().contains("skene login"), "{}", a.text());
    }
    let log = agent.stderr();
    assert!(log.contains("no workspace key"), "{log}");
    let upstream: Vec<String> = env
        .cloud
        .requests()
        .iter()
        .map(|r| r.path.clone())
        .filter(|p| p != INGEST)
        .collect();
    assert!(upstream.is_empty(), "only events went out: {upstream:?}");
}
