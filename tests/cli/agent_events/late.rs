//! Rows that commit after rows with higher ids, with no NOTIFY to announce them
//! (the Python client's schema has none): the forwarder and `listen`, both
//! polling, still see them within a poll or two — not at the next rescan.

use std::time::{Duration, Instant};

use super::*;

const NOTIFY_OFF: &str =
    "ALTER TABLE skene_growth.event_log DISABLE TRIGGER skene_growth_notify_event_log";

#[test]
fn a_row_that_commits_late_is_delivered_and_listed_within_a_poll_without_notify() {
    let pg = Postgres::shared();
    let env = project();
    let db = deployed(pg, &env, &["--no-webhook"]);
    pg.exec(&db, NOTIFY_OFF);
    let vars = agent_vars(pg, &db);
    let mut agent = Agent::spawn(&env, &["--json", "run"], &as_refs(&vars));
    let url = pg.url(&db);
    let mut listen = Agent::spawn(&env, &["listen", "--json"], &[("DATABASE_URL", &url)]);
    assert!(
        wait_for(Duration::from_secs(20), || agent
            .stderr()
            .contains("\"notify\":false")
            && listen.stderr().contains("Listening")),
        "{}\n{}",
        agent.stderr(),
        listen.stderr()
    );

    // Writer A takes the lower id and commits 3 s later; writer B takes the
    // next id and commits at once, so the agent moves past A's id first.
    let late_writer = {
        let db = db.clone();
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
    let has = |t: &str| {
        pg.query(
            &db,
            &format!("SELECT count(*) FROM skene_growth.event_log WHERE event_type = '{t}'"),
        ) != "0"
    };
    // A's row is not visible until it commits: wait until its id is taken.
    assert!(wait_for(Duration::from_secs(10), || pg
        .query(
            &db,
            "SELECT last_value FROM skene_growth.event_log_id_seq WHERE is_called"
        )
        .trim()
        == "1"));
    assert!(!has("test.late.insert"));
    pg.exec(
        &db,
        "INSERT INTO skene_growth.event_log (event_type) VALUES ('test.early.insert')",
    );
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

    // listen polls too: the late row is shown as well.
    let listed = || {
        listen
            .stdout()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|l| l["type"] == "event" && l["record"]["event_type"] == "test.late.insert")
            .count()
    };
    assert!(
        wait_for(Duration::from_secs(2), || listed() == 1),
        "listen never showed the late row:\n{}",
        listen.stdout()
    );
    assert_eq!(agent.stop(), Some(0), "{}", agent.stderr());
    listen.kill();
}
