//! A database whose base schema predates the outbox columns: the agent says the
//! schema is too old and how to upgrade it, not that it lacks permissions.

use std::time::Duration;

use super::*;

#[test]
fn an_older_base_schema_is_named_as_such_with_the_way_to_upgrade_it() {
    let pg = Postgres::shared();
    let env = project();
    let db = pg.create_db("oldschema");
    pg.exec(&db, APP_TABLES);
    // The event_log of an older release: no processed_at, attempts, last_error.
    pg.exec(
        &db,
        "CREATE SCHEMA skene_growth;
         CREATE TABLE skene_growth.event_log (
           id bigserial PRIMARY KEY, entity_id uuid, event_type text NOT NULL,
           metadata jsonb DEFAULT '{}', occurred_at timestamptz DEFAULT now() NOT NULL);
         INSERT INTO skene_growth.event_log (event_type) VALUES ('public.orders.insert');",
    );
    let vars = agent_vars(pg, &db);
    let mut cmd = env.skene();
    cmd.args(["agent", "run"]);
    for (k, v) in &vars {
        cmd.env(k, v);
    }
    let assert = cmd.timeout(Duration::from_secs(30)).assert().code(1);
    let (_, err) = outputs(&assert);
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        err.contains("skene_growth schema is older than this agent needs")
            && err.contains("apply the current base schema: `skene triggers generate`"),
        "{err}"
    );
    assert!(!err.contains("needs to read and update"), "{err}");
    assert_no_secrets(&[&err]);
}
