//! Delivery: the exact body and secret, NOTIFY latency, 4xx → failed_events,
//! 401 → paused until the secret is fixed, outages, and the combined agent
//! (the pg_net guard is in pgnet.rs).

use std::time::{Duration, Instant};

use super::*;
use support::Reply;

#[test]
fn events_of_generated_triggers_reach_the_ingest_with_the_exact_pg_net_body() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    let (user, org) = (
        "11111111-1111-1111-1111-111111111111",
        "22222222-2222-2222-2222-222222222222",
    );
    // A backlog from before the agent started...
    pg.exec(
        &db,
        &format!("INSERT INTO auth.users VALUES ('{user}', 'ada@example.com')"),
    );
    pg.exec(
        &db,
        &format!("INSERT INTO public.invitations VALUES ('inv_1', '{org}', 'sent'); UPDATE public.invitations SET status = 'accepted'"),
    );
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || ingested_ids(&env).len() == 2),
        "the backlog was not delivered:\n{}",
        agent.stderr()
    );
    // ...and a new event, announced by NOTIFY, arrives at once.
    let sent = Instant::now();
    pg.exec(
        &db,
        &format!(
            "INSERT INTO public.orders (organization_id, created_by) VALUES ('{org}', '{user}')"
        ),
    );
    assert!(
        wait_for(Duration::from_secs(10), || ingested_ids(&env).len() == 3),
        "{}",
        agent.stderr()
    );
    // psql's own start-up is most of this; the agent adds milliseconds.
    assert!(
        sent.elapsed() < Duration::from_secs(2),
        "{:?}",
        sent.elapsed()
    );
    assert!(wait_for(Duration::from_secs(10), || unprocessed(pg, &db) == 0));

    // Each body is byte for byte what pg_net would have posted for the row as it
    // was (not yet processed).
    let expected = pg.query(
        &db,
        "SELECT jsonb_build_object('type', 'INSERT', 'table', 'event_log', 'schema', 'skene_growth',
                'record', to_jsonb(e) || '{\"processed_at\": null}'::jsonb, 'old_record', null)::text
         FROM skene_growth.event_log e ORDER BY id",
    );
    let requests = env.cloud.requests_to(INGEST);
    let mut bodies: Vec<(i64, String)> = requests
        .iter()
        .map(|r| {
            (
                r.json()["record"]["id"].as_i64().unwrap(),
                String::from_utf8(r.body.clone()).unwrap(),
            )
        })
        .collect();
    bodies.sort();
    assert_eq!(
        bodies.iter().map(|(_, b)| b.as_str()).collect::<Vec<_>>(),
        expected.lines().collect::<Vec<_>>()
    );
    for r in &requests {
        assert_eq!(r.header("x-skene-secret"), Some(PROXY_SECRET));
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.method, "POST");
    }
    let mut ingested = env.cloud.ingested("my-app");
    ingested.sort_by_key(|b| b["record"]["id"].as_i64());
    let types: Vec<&str> = ingested
        .iter()
        .map(|b| b["record"]["event_type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "auth.users.insert",
            "public.invitations.update",
            "public.orders.insert"
        ]
    );
    // Keep-alive: the backlog's two went at once, the third reused a connection.
    assert!(env.cloud.connections() <= 2, "{}", env.cloud.connections());

    assert_eq!(agent.stop(), Some(0), "{}", agent.stderr());
    let err = agent.stderr();
    assert!(
        err.contains("connected to postgresql://skene_admin:***@127.0.0.1:"),
        "{err}"
    );
    assert!(err.contains("new events announced by NOTIFY"), "{err}");
    assert!(err.contains("stopped (3 delivered)"), "{err}");
    assert_no_secrets(&[&err, &agent.stdout()]);
}

#[test]
fn a_refused_event_moves_to_failed_events_after_n_attempts_and_blocks_nothing() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    refuse_poison(&env);
    pg.exec(
        &db,
        "INSERT INTO skene_growth.event_log (event_type) VALUES ('test.ok.insert'), ('test.poison.insert'), ('test.ok.insert')",
    );
    let poison = pg.query(
        &db,
        "SELECT id FROM skene_growth.event_log WHERE event_type = 'test.poison.insert'",
    );
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["run", "--max-attempts", "3"], &as_refs(&vars));
    let moved = || pg.query(&db, "SELECT count(*) FROM skene_growth.failed_events") == "1";
    assert!(
        wait_for(Duration::from_secs(20), moved),
        "{}",
        agent.stderr()
    );
    assert!(wait_for(Duration::from_secs(10), || unprocessed(pg, &db) == 0));
    assert_eq!(agent.stop(), Some(0));
    assert_eq!(ingested_ids(&env).len(), 2, "the good events went through");
    let poisoned: Vec<_> = env
        .cloud
        .requests_to(INGEST)
        .into_iter()
        .filter(|r| r.json()["record"]["event_type"] == "test.poison.insert")
        .collect();
    assert_eq!(poisoned.len(), 3, "exactly --max-attempts attempts");
    let row = pg.query(
        &db,
        "SELECT event_log_id, event_type, payload->>'attempts', payload->>'last_error' IS NOT NULL, failure_reason
         FROM skene_growth.failed_events",
    );
    let fields: Vec<&str> = row.split('|').collect();
    assert_eq!(fields[0], poison);
    assert_eq!(fields[1], "test.poison.insert");
    assert_eq!(fields[2], "3");
    assert_eq!(fields[3], "t");
    assert!(
        fields[4].contains("refused 3 times")
            && fields[4].contains("no such event type")
            && fields[4].contains("422"),
        "{row}"
    );
    assert_eq!(
        pg.query(
            &db,
            &format!("SELECT count(*) FROM skene_growth.event_log WHERE id = {poison}")
        ),
        "0",
        "moved, not copied"
    );
    let err = agent.stderr();
    assert!(
        err.contains(&format!(
            "#{poison} test.poison.insert moved to skene_growth.failed_events"
        )),
        "{err}"
    );
}

#[test]
fn a_401_pauses_delivery_and_nothing_is_lost_until_the_secret_is_fixed() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    let wrong = "psk_wrong_secret_0123456789";
    // No keyring here: `secret set` falls back to credentials.toml, loudly.
    let set = env
        .skene()
        .args(["agent", "secret", "set"])
        .write_stdin(format!("{wrong}\n"))
        .assert()
        .success();
    let (_, err) = outputs(&set);
    assert!(err.contains("credentials.toml"), "{err}");
    assert!(!err.contains(wrong), "{err}");
    insert_orders(pg, &db, 5);
    let vars = [
        ("DATABASE_URL", pg.url(&db)),
        ("SKENE_HTTP_TIMEOUT", "1".to_owned()),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut agent = Agent::spawn(&env, &["run"], &vars);
    assert!(
        wait_for(Duration::from_secs(20), || agent
            .stderr()
            .contains("paused: 401")),
        "{}",
        agent.stderr()
    );
    let before = env.cloud.requests_to(INGEST).len();
    std::thread::sleep(Duration::from_millis(500));
    assert!(ingested_ids(&env).is_empty());
    assert_eq!(unprocessed(pg, &db), 5, "nothing is dropped while paused");
    let probes = env.cloud.requests_to(INGEST).len() - before;
    assert!(
        probes <= 4,
        "while paused, one probe now and then: {probes}"
    );
    assert!(agent.stderr().contains("skene agent secret set"));

    env.skene()
        .args(["agent", "secret", "set"])
        .write_stdin(format!("{PROXY_SECRET}\n"))
        .assert()
        .success();
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert_eq!(ingested_ids(&env).len(), 5);
    assert_eq!(agent.stop(), Some(0));
    let err = agent.stderr();
    assert!(err.contains("resumed"), "{err}");
    assert!(!err.contains(wrong), "{err}");
    assert_no_secrets(&[&err, &agent.stdout()]);
    let status = env
        .skene()
        .args(["agent", "secret", "status"])
        .assert()
        .success();
    let (out, err) = outputs(&status);
    assert!(err.contains("credentials file"), "{err}");
    assert_no_secrets(&[&out, &err]);
}

#[test]
fn retries_honour_retry_after_and_the_cloud_coming_back() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    insert_orders(pg, &db, 3);
    env.cloud.script(INGEST, Reply::retry_after(429, 1));
    env.cloud.script(INGEST, Reply::status(503));
    let vars = agent_vars(pg, &db);
    let started = Instant::now();
    let mut agent = Agent::spawn(&env, &["run", "-v"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    assert_eq!(agent.stop(), Some(0));
    let err = agent.stderr();
    assert!(err.contains("cloud failing"), "{err}");
    assert!(err.contains("cloud accepts events again"), "{err}");
    assert!(err.contains("→ 202"), "-v shows each event: {err}");
    let attempts = pg.query(&db, "SELECT sum(attempts) FROM skene_growth.event_log");
    assert_eq!(attempts, "2", "each failed attempt is counted on its row");
    assert!(
        pg.query(
            &db,
            "SELECT string_agg(last_error, ',') FROM skene_growth.event_log"
        )
        .contains("503")
    );
}

#[test]
fn a_database_restart_is_waited_out_and_listen_is_renewed() {
    let pg = Postgres::start();
    let env = project();
    let db = deployed(&pg, &env, &["--no-webhook"]);
    insert_orders(&pg, &db, 2);
    let vars = agent_vars(&pg, &db);
    let mut agent = Agent::spawn(&env, &["run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(&pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    pg.restart();
    assert!(
        wait_for(Duration::from_secs(30), || agent
            .stderr()
            .matches("connected to")
            .count()
            == 2),
        "{}",
        agent.stderr()
    );
    insert_orders(&pg, &db, 3);
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(&pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert_eq!(agent.stop(), Some(0));
    let err = agent.stderr();
    assert!(err.contains("database unavailable"), "{err}");
    assert_eq!(
        err.matches("(new events announced by NOTIFY)").count(),
        2,
        "LISTEN again on the new connection: {err}"
    );
    assert_eq!(ingested_ids(&env).len(), 5);
    assert_no_secrets(&[&err]);
}

#[test]
fn plain_run_forwards_events_and_serves_the_gateway_in_one_process() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    let mut vars = agent_vars(pg, &db);
    vars.push(("SKENE_API_KEY", support::OWNER_KEY.to_owned()));
    let mut agent = Agent::spawn(&env, &["run", "--gateway-port", "0"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || {
            let err = agent.stderr();
            err.contains("listening on http://127.0.0.1:") && err.contains("connected")
        }),
        "{}",
        agent.stderr()
    );
    pg.exec(
        &db,
        "INSERT INTO public.orders (organization_id, created_by) VALUES ('22222222-2222-2222-2222-222222222222', '11111111-1111-1111-1111-111111111111')",
    );
    assert!(
        wait_for(Duration::from_secs(20), || ingested_ids(&env).len() == 1),
        "{}",
        agent.stderr()
    );
    let status = env
        .skene()
        .args(["agent", "status", "--json"])
        .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&status.get_output().stdout).unwrap();
    // The status names the database, never its password nor the proxy secret.
    let (status_out, status_err) = outputs(&status);
    assert_no_secrets(&[&status_out, &status_err]);
    let shown = v["forwarder"]["database_url"].as_str().unwrap_or_default();
    assert!(shown.contains("skene_admin:***@127.0.0.1:"), "{v}");
    assert_eq!(v["gateway"]["enabled"], true, "{v}");
    assert_eq!(v["forwarder"]["enabled"], true, "{v}");
    assert!(
        wait_for(Duration::from_secs(10), || {
            let status = env
                .skene()
                .args(["agent", "status", "--json"])
                .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
                .output()
                .unwrap();
            serde_json::from_slice::<serde_json::Value>(&status.stdout)
                .is_ok_and(|v| v["forwarder"]["delivered"] == 1)
        }),
        "the forwarder's counters are in /status"
    );
    let full = env
        .skene()
        .args(["agent", "status", "--json"])
        .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .unwrap();
    assert_no_secrets(&[
        &String::from_utf8_lossy(&full.stdout),
        &String::from_utf8_lossy(&full.stderr),
    ]);
    assert_eq!(agent.stop(), Some(0), "{}", agent.stderr());
}
