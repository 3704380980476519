//! Rows that commit after rows with higher ids, with no NOTIFY to announce them
//! (the Python client's schema has none): the forwarder and `listen`, both
//! polling, still see them within a poll or two — not at the next rescan.

use std::time::{Duration, Instant};

use super::*;

const NOTIFY_OFF: &str =
    "ALTER TABLE skene_growth.event_log DISABLE TRIGGER skene_growth_notify_event_log";

#[test]
fn a_row_that_commits_late_is_delivered_within_a_poll_without_notify() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    pg.exec(&db, NOTIFY_OFF);
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["--json", "run"], &as_refs(&vars));
    assert!(
        wait_for(Duration::from_secs(20), || agent
            .stderr()
            .contains("\"notify\":false")),
        "{}",
        agent.stderr()
    );

    let late_writer = late_writer(pg, &db);
    let ingested_types = || -> Vec<String> {
        env.cloud
            .ingested("my-app")
            .iter()
            .map(|b| b["record"]["event_type"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(
        wait_for(Duration::from_secs(10), || ingested_types()
            == ["test.early.insert"]),
        "{}",
        agent.stderr()
    );
    let committed = late_writer.join().unwrap();
    // A rescan would find it after up to 30 s; a poll within a fraction of one.
    let bound = Duration::from_secs(5);
    let delivered = wait_for(bound, || ingested_types().len() == 2);
    let waited = committed.elapsed();
    assert!(
        delivered,
        "the late row was not delivered within {bound:?} of its commit ({waited:?}):\n{}",
        agent.stderr()
    );
    assert_eq!(ingested_types(), ["test.early.insert", "test.late.insert"]);
    assert!(wait_for(Duration::from_secs(5), || unprocessed(pg, &db) == 0));

    assert_eq!(agent.stop(), Some(0), "{}", agent.stderr());
}

/// Writer A takes the next id and commits 3 s later; once its id is taken,
/// writer B takes the next one and commits at once, so readers see B's row
/// (and move past A's id) first. Returns A, which ends with A's commit.
fn late_writer(pg: &'static Postgres, db: &str) -> std::thread::JoinHandle<Instant> {
    let handle = {
        let db = db.to_owned();
        std::thread::spawn(move || {
            pg.exec(
                &db,
                "BEGIN;
                 INSERT INTO skene_growth.event_log (event_type) VALUES ('test.late.insert');
                 SELECT pg_sleep(3);
                 COMMIT;",
            );
            Instant::now()
        })
    };
    assert!(wait_for(Duration::from_secs(10), || pg
        .query(
            db,
            "SELECT last_value FROM skene_growth.event_log_id_seq WHERE is_called"
        )
        .trim()
        == "1"));
    assert_eq!(
        pg.query(db, "SELECT count(*) FROM skene_growth.event_log"),
        "0",
        "A's row is not visible before its commit"
    );
    pg.exec(
        db,
        "INSERT INTO skene_growth.event_log (event_type) VALUES ('test.early.insert')",
    );
    handle
}

#[test]
fn listen_shows_a_row_that_commits_late_within_a_poll_without_notify() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    pg.exec(&db, NOTIFY_OFF);
    let url = pg.url(&db);
    let mut listen = Agent::spawn(&env, &["listen", "--json"], &[("DATABASE_URL", &url)]);
    assert!(
        wait_for(Duration::from_secs(20), || listen
            .stderr()
            .contains("polling")),
        "{}",
        listen.stderr()
    );
    let listed = || -> Vec<String> {
        listen
            .stdout()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|l| l["type"] == "event")
            .map(|l| l["record"]["event_type"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    let late_writer = late_writer(pg, &db);
    assert!(
        wait_for(Duration::from_secs(10), || listed()
            == ["test.early.insert"]),
        "{}",
        listen.stdout()
    );
    let committed = late_writer.join().unwrap();
    let bound = Duration::from_secs(5);
    assert!(
        wait_for(bound, || listed().len() == 2),
        "listen did not show the late row within {bound:?} of its commit ({:?}):\n{}",
        committed.elapsed(),
        listen.stdout()
    );
    assert_eq!(listed(), ["test.early.insert", "test.late.insert"]);
    assert_eq!(unprocessed(pg, &db), 2, "listen changes nothing");
    listen.kill();
}
