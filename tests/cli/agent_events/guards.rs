//! What must hold across processes and over time: refusals counted on the row
//! (a restart does not forget them), one forwarder per (database, workspace)
//! however the URL is spelt, pg_net's webhook looked at again while running, and
//! `db_url` of `.skene.config` as the source.

use std::time::Duration;

use super::*;
use support::Reply;

#[test]
fn refusals_are_counted_on_the_row_so_a_killed_agent_does_not_forget_them() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    refuse_poison(&env);
    pg.exec(
        &db,
        "INSERT INTO skene_growth.event_log (event_type) VALUES ('test.poison.insert')",
    );
    // Requests that hang stay in flight: the agent is killed during one.
    let mut vars = agent_vars(pg, &db);
    vars.retain(|(k, _)| *k != "SKENE_HTTP_TIMEOUT");
    vars.push(("SKENE_HTTP_TIMEOUT", "60".to_owned()));
    let attempts = || {
        pg.query(
            &db,
            "SELECT coalesce(max(attempts), -1) FROM skene_growth.event_log",
        )
    };
    // Two agents, each refused once, then SIGKILLed while its next attempt
    // hangs (as systemd would restart it).
    for n in 1..=2 {
        env.cloud.script(
            INGEST,
            Reply::json(
                422,
                serde_json::json!({"error": {"code": "invalid", "message": "no such event type"}}),
            ),
        );
        env.cloud.script(INGEST, Reply::Hold);
        let mut agent = Agent::spawn(&env, &["run", "--max-attempts", "3"], &as_refs(&vars));
        assert!(
            wait_for(Duration::from_secs(20), || attempts() == n.to_string()
                && env
                    .cloud
                    .started()
                    .iter()
                    .filter(|p| p.ends_with(INGEST))
                    .count()
                    == 2 * n),
            "refusal {n}: {}",
            agent.stderr()
        );
        agent.kill();
    }
    let last_error = pg.query(&db, "SELECT last_error FROM skene_growth.event_log");
    assert!(
        last_error.starts_with("refusal #2 in a row: ") && last_error.contains("422"),
        "the count is on the row: {last_error}"
    );
    // The third refusal, by a third process, moves it.
    let mut agent = Agent::spawn(&env, &["run", "--max-attempts", "3"], &as_refs(&vars));
    let moved = || pg.query(&db, "SELECT count(*) FROM skene_growth.failed_events") == "1";
    assert!(
        wait_for(Duration::from_secs(20), moved),
        "{}",
        agent.stderr()
    );
    assert_eq!(agent.stop(), Some(0));
    assert_eq!(
        pg.query(
            &db,
            "SELECT payload->>'attempts' FROM skene_growth.failed_events"
        ),
        "3",
        "exactly --max-attempts refusals, across restarts"
    );
    let reason = pg.query(&db, "SELECT failure_reason FROM skene_growth.failed_events");
    assert!(reason.contains("refused 3 times in a row"), "{reason}");
    assert_eq!(unprocessed(pg, &db), 0);
}

#[test]
fn a_failure_that_is_no_refusal_starts_the_count_again() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    refuse_poison(&env);
    // Two refusals by earlier agents, then the cloud was down (503).
    pg.exec(
        &db,
        "INSERT INTO skene_growth.event_log (event_type, attempts, last_error)
         VALUES ('test.poison.insert', 6, 'HTTP 503 Service Unavailable')",
    );
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["run", "--max-attempts", "3"], &as_refs(&vars));
    let moved = || pg.query(&db, "SELECT count(*) FROM skene_growth.failed_events") == "1";
    assert!(
        wait_for(Duration::from_secs(20), moved),
        "{}",
        agent.stderr()
    );
    assert_eq!(agent.stop(), Some(0));
    assert_eq!(
        env.cloud.requests_to(INGEST).len(),
        3,
        "three refusals in a row, whatever the 503s before"
    );
    assert_eq!(
        pg.query(
            &db,
            "SELECT payload->>'attempts' FROM skene_growth.failed_events"
        ),
        "9",
        "every attempt is counted"
    );
}

#[test]
fn one_forwarder_per_database_and_workspace_however_the_url_is_spelt() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    let other_db = deployed(pg, &env, &["--no-webhook"]);
    let vars = agent_vars(pg, &db);
    let mut first = Agent::spawn(&env, &["run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || first
            .stderr()
            .contains("connected to")),
        "{}",
        first.stderr()
    );
    // The same database without the password in the URL (PGPASSWORD instead),
    // and `localhost` for 127.0.0.1: the same lock, and the message says so.
    let spelt_otherwise = pg
        .url(&db)
        .replace(&format!(":{PG_PASSWORD}@127.0.0.1:"), "@localhost:");
    let second = env
        .skene()
        .args(["agent", "run"])
        .env("DATABASE_URL", &spelt_otherwise)
        .env("PGPASSWORD", PG_PASSWORD)
        .env("SKENE_PROXY_SECRET", PROXY_SECRET)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1);
    let (_, err) = outputs(&second);
    assert!(
        err.contains(
            "another skene agent already forwards this database's events to this workspace"
        ) && err.contains(&format!("pid {}", first.child.id())),
        "{err}"
    );
    assert!(err.contains("stop that agent first"), "{err}");
    assert_no_secrets(&[&err]);

    // Another database of the same workspace: it forwards, next to the first.
    let other_vars = agent_vars(pg, &other_db);
    let mut other = Agent::spawn(&env, &["run"], &as_refs(&other_vars));
    insert_orders(pg, &other_db, 2);
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &other_db) == 0),
        "{}",
        other.stderr()
    );
    assert!(
        other.stderr().contains("this one forwards events only"),
        "{}",
        other.stderr()
    );
    insert_orders(pg, &db, 1);
    assert!(wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0));
    assert_eq!(other.stop(), Some(0), "{}", other.stderr());
    assert_eq!(first.stop(), Some(0), "{}", first.stderr());
    assert_eq!(
        env.cloud.requests_to(INGEST).len(),
        3,
        "each database's events"
    );
}

#[test]
fn a_webhook_url_filled_in_while_forwarding_stops_the_agent() {
    let pg = Postgres::shared();
    let env = project();
    let db = pg.create_db("agent_flip");
    pg.exec(&db, APP_TABLES);
    net_stand_in(pg, &db);
    let generate = |args: &[&str]| {
        let assert = env
            .skene()
            .args(["triggers", "generate", "--json"])
            .args(args)
            .env("MY_SECRET", PROXY_SECRET)
            .assert()
            .success();
        apply_generated(pg, &db, &env, &assert);
    };
    generate(&[]); // the placeholders: pg_net sends nothing that arrives
    insert_orders(pg, &db, 2);
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    // The cloud's integration fills in the URL: pg_net delivers from now on.
    generate(&[
        "--ingest-url",
        "https://ingest.example.com",
        "--proxy-secret-env",
        "MY_SECRET",
    ]);
    let code = agent.wait(Duration::from_secs(30));
    assert_eq!(code, Some(1), "{}", agent.stderr());
    let err = agent.stderr();
    assert!(err.contains("pg_net already delivers"), "{err}");
    assert!(err.contains("--take-over"), "{err}");
    assert_no_secrets(&[&err]);
    // Nothing the webhook now delivers is forwarded too.
    insert_orders(pg, &db, 1);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(ingested_ids(&env).len(), 2);
}

#[test]
fn db_url_of_the_project_file_is_the_source() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    let config = env.project().join(".skene.config");
    let mut text = std::fs::read_to_string(&config).unwrap_or_default();
    text.push_str(&format!("\ndb_url = \"{}\"\n", pg.url(&db)));
    std::fs::write(&config, text).unwrap();
    insert_orders(pg, &db, 2);
    let vars = [("SKENE_PROXY_SECRET", PROXY_SECRET)];
    let mut agent = Agent::spawn(&env, &["run"], &vars);
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert_eq!(agent.stop(), Some(0));
    assert_eq!(ingested_ids(&env).len(), 2);
    let err = agent.stderr();
    assert!(
        err.contains(&format!(
            "forwarding events from postgresql://skene_admin:***@127.0.0.1:{}/{db}",
            pg.port()
        )),
        "{err}"
    );
    assert_no_secrets(&[&err, &agent.stdout()]);
}
