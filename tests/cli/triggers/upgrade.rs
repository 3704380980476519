//! An older base schema on a real PostgreSQL: `check --db` names the outbox
//! columns it lacks, and the base schema `generate` writes now upgrades it.

use super::support::outputs;
use super::support::postgres::Postgres;
use super::{APP_TABLES, generate, path_in, project};

/// The base schema of an older release (the one examples/demo-project shipped):
/// an event_log without the outbox columns, and no failed_events.
pub const OLD_SCHEMA: &str = "
CREATE SCHEMA IF NOT EXISTS skene_growth;
CREATE TABLE IF NOT EXISTS skene_growth.event_log (
  id bigserial PRIMARY KEY,
  entity_id uuid,
  event_type text NOT NULL,
  metadata jsonb DEFAULT '{}',
  occurred_at timestamptz DEFAULT now() NOT NULL
);
";

#[test]
fn the_current_base_schema_upgrades_an_older_one_and_check_names_what_it_lacks() {
    let pg = Postgres::shared();
    let env = project(None);
    let db = pg.create_db("old");
    pg.exec(&db, APP_TABLES);
    pg.exec(&db, OLD_SCHEMA);
    pg.exec(
        &db,
        "INSERT INTO skene_growth.event_log (event_type) VALUES ('public.orders.insert')",
    );
    let report = generate(&env, &["--no-webhook"]);

    // Before: check --db names the missing columns and the way out.
    let before = env
        .skene()
        .args(["triggers", "check", "--db", &pg.url(&db)])
        .assert()
        .code(1);
    let (_, err) = outputs(&before);
    assert!(
        err.contains(
            "skene_growth.event_log lacks the columns org_id, processed_at, attempts, last_error, which the agent needs"
        ),
        "{err}"
    );
    assert!(
        err.contains("skene_growth.failed_events does not exist, which the agent needs"),
        "{err}"
    );
    assert!(
        err.contains("hint: apply the current base schema: `skene triggers generate`"),
        "{err}"
    );
    let json = env
        .skene()
        .args(["triggers", "check", "--json", "--db", &pg.url(&db)])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(&outputs(&json).0).unwrap();
    let kinds: Vec<&str> = v["database"]["drift"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .filter(|k| *k == "old_base_schema")
        .collect();
    assert_eq!(kinds.len(), 2, "{v:#}");

    // The current base schema applies over it, twice, and keeps the old event.
    for _ in 0..2 {
        pg.apply(&db, &path_in(&env, &report, "schema"));
    }
    pg.apply(&db, &path_in(&env, &report, "migration"));
    assert_eq!(
        pg.query(
            &db,
            "SELECT event_type, attempts, processed_at IS NULL, last_error IS NULL FROM skene_growth.event_log"
        ),
        "public.orders.insert|0|t|t"
    );
    assert_eq!(
        pg.query(
            &db,
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'event_log_unprocessed_idx'"
        ),
        "1"
    );
    env.skene()
        .args(["triggers", "check", "--db", &pg.url(&db)])
        .assert()
        .success();
}
