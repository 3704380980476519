//! pg_net and the agent, never both: a database whose webhook delivers is refused
//! unless taken over (and `agent release` gives it back); the placeholder webhook
//! delivers nothing, so the agent forwards.

use super::*;

#[test]
fn pg_net_delivering_is_refused_unless_taken_over_and_release_gives_it_back() {
    let pg = Postgres::shared();
    let env = project();
    let db = pg.create_db("agent_webhook");
    pg.exec(&db, APP_TABLES);
    net_stand_in(pg, &db);
    let assert = env
        .skene()
        .args([
            "triggers",
            "generate",
            "--json",
            "--ingest-url",
            "https://ingest.example.com",
            "--proxy-secret-env",
            "MY_SECRET",
        ])
        .env("MY_SECRET", PROXY_SECRET)
        .assert()
        .success();
    apply_generated(pg, &db, &env, &assert);
    insert_orders(pg, &db, 2);
    let vars = agent_vars(pg, &db);
    let refused = env
        .skene()
        .args(["agent", "run"])
        .envs(vars.iter().map(|(k, v)| (*k, v.as_str())))
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1);
    let (_, err) = outputs(&refused);
    assert!(err.contains("pg_net already delivers"), "{err}");
    assert!(
        err.contains("https://ingest.example.com/api/v1/cloud/ingest/db-trigger"),
        "{err}"
    );
    assert!(err.contains("--take-over"), "{err}");
    // A refusal is no Ctrl-C: no "stopping … a second Ctrl-C" line before the error.
    assert!(!err.contains("Ctrl-C"), "{err}");
    assert!(ingested_ids(&env).is_empty());
    let enabled = || {
        pg.query(
            &db,
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'skene_growth_webhook_event_log'",
        )
    };
    assert_eq!(enabled(), "O");

    let mut agent = Agent::spawn(&env, &["run", "--take-over"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert_eq!(enabled(), "D");
    assert!(
        agent.stderr().contains("took over from pg_net"),
        "{}",
        agent.stderr()
    );
    // While it forwards, release refuses: both would deliver.
    let busy = env
        .skene()
        .args(["agent", "release"])
        .env("DATABASE_URL", pg.url(&db))
        .assert()
        .code(1);
    assert!(
        outputs(&busy).1.contains("an agent is forwarding"),
        "{}",
        outputs(&busy).1
    );
    assert_eq!(agent.stop(), Some(0));
    let released = env
        .skene()
        .args(["agent", "release"])
        .env("DATABASE_URL", pg.url(&db))
        .assert()
        .success();
    assert!(
        outputs(&released)
            .1
            .contains("pg_net delivers new events again")
    );
    assert_eq!(enabled(), "O");
    assert_no_secrets(&[&agent.stderr(), &outputs(&released).1]);
}

#[test]
fn the_placeholder_webhook_delivers_nothing_so_the_agent_forwards() {
    let pg = Postgres::shared();
    let env = project();
    let db = pg.create_db("agent_placeholder");
    pg.exec(&db, APP_TABLES);
    net_stand_in(pg, &db);
    let assert = env
        .skene()
        .args(["triggers", "generate", "--json"])
        .assert()
        .success();
    apply_generated(pg, &db, &env, &assert);
    insert_orders(pg, &db, 3);
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["--json", "run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || unprocessed(pg, &db) == 0),
        "{}",
        agent.stderr()
    );
    assert_eq!(agent.stop(), Some(0));
    assert_eq!(ingested_ids(&env).len(), 3);
    // --json: every log line is one JSON object (NDJSON), on stderr; stdout stays empty.
    let err = agent.stderr();
    let lines: Vec<Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let events: Vec<&str> = lines.iter().filter_map(|l| l["event"].as_str()).collect();
    assert!(events.contains(&"webhook_placeholder"), "{err}");
    assert!(
        events.contains(&"connected") && events.contains(&"stopped"),
        "{err}"
    );
    for l in &lines {
        assert!(l["ts"].as_str().is_some_and(|t| t.ends_with('Z')), "{l}");
        assert!(l["message"].is_string(), "{l}");
    }
    let connected = lines.iter().find(|l| l["event"] == "connected").unwrap();
    assert_eq!(connected["notify"], false, "no NOTIFY trigger: polling");
    assert!(agent.stdout().is_empty());
}
