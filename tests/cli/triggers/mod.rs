//! `skene triggers` against a real PostgreSQL server (tests/support/postgres.rs):
//! the generated SQL applies, logs the right events, is compatible with the Python
//! client's (once its defect is fixed), resists hostile names; `check` finds what
//! is missing, offline and in the database.

mod database;
mod delivery;
mod example;
mod offline;
mod upgrade;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::support;
use serde_json::Value;
use support::postgres::{PG_PASSWORD, Postgres};
use support::{Env, fixtures, outputs};

const APP_TABLES: &str = "
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
CREATE TABLE public.organizations (id uuid PRIMARY KEY, name text);
CREATE TABLE public.orders (id bigserial PRIMARY KEY, organization_id uuid, created_by uuid, status text);
CREATE TABLE public.invitations (id text PRIMARY KEY, invited_by uuid, status text);
";

/// The sample engine.yaml, with an action on its DELETE feature too.
fn engine_with_delete() -> String {
    let text = std::fs::read_to_string(fixtures().join("basic-project/skene-context/engine.yaml"))
        .unwrap();
    format!("{text}  action:\n    use: email\n")
}

/// The sample project without the Python client's (defective) trigger migrations,
/// optionally with another engine.yaml.
fn project(engine: Option<&str>) -> Env {
    let env = Env::new();
    env.with_basic_project();
    for python in [
        "20260215090000_skene_triggers.sql",
        "20260301120000_skene_triggers.sql",
    ] {
        std::fs::remove_file(env.project().join("supabase/migrations").join(python)).unwrap();
    }
    if let Some(text) = engine {
        env.write("skene-context/engine.yaml", text);
    }
    env
}

/// Runs `skene triggers generate --json ARGS` and returns its report.
fn generate(env: &Env, args: &[&str]) -> Value {
    let assert = env
        .skene()
        .args(["triggers", "generate", "--json"])
        .args(args)
        .assert()
        .success();
    serde_json::from_str(&outputs(&assert).0).unwrap()
}

fn path_in(env: &Env, report: &Value, which: &str) -> PathBuf {
    env.project().join(report[which]["path"].as_str().unwrap())
}

/// A database with the app tables and the generated base schema and triggers.
fn deployed(pg: &Postgres, env: &Env, generate_args: &[&str]) -> (String, Value) {
    let db = pg.create_db("app");
    pg.exec(&db, APP_TABLES);
    let report = generate(env, generate_args);
    pg.apply(&db, &path_in(env, &report, "schema"));
    pg.apply(&db, &path_in(env, &report, "migration"));
    (db, report)
}

#[test]
fn events_land_in_event_log_and_check_finds_exactly_the_dropped_trigger() {
    let pg = Postgres::shared();
    let env = project(Some(&engine_with_delete()));
    let (db, report) = deployed(pg, &env, &["--no-webhook"]);
    assert_eq!(report["triggers"].as_array().unwrap().len(), 4);

    // Applying the same migrations again changes nothing.
    pg.apply(&db, &path_in(&env, &report, "schema"));
    pg.apply(&db, &path_in(&env, &report, "migration"));
    assert_eq!(
        pg.query(
            &db,
            "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'skene_growth_trg_%'"
        ),
        "4"
    );

    let (user, org, buyer, inviter) = (
        "11111111-1111-1111-1111-111111111111",
        "22222222-2222-2222-2222-222222222222",
        "33333333-3333-3333-3333-333333333333",
        "44444444-4444-4444-4444-444444444444",
    );
    pg.exec(
        &db,
        &format!("INSERT INTO auth.users VALUES ('{user}', 'ada@example.com')"),
    );
    pg.exec(
        &db,
        &format!("INSERT INTO public.orders (organization_id, created_by, status) VALUES ('{org}', '{buyer}', 'placed')"),
    );
    pg.exec(&db, "UPDATE public.orders SET status = 'paid'"); // no trigger for order updates
    pg.exec(
        &db,
        &format!("INSERT INTO public.invitations VALUES ('inv_1', '{inviter}', 'sent')"),
    );
    pg.exec(&db, "UPDATE public.invitations SET status = 'accepted'");
    pg.exec(&db, "DELETE FROM public.orders");

    let rows = pg.query(
        &db,
        "SELECT event_type, coalesce(entity_id::text, 'NULL'), metadata::text FROM skene_growth.event_log ORDER BY id",
    );
    let rows: Vec<&str> = rows.lines().collect();
    assert_eq!(
        rows,
        [
            format!(
                "auth.users.insert|{user}|{{\"id\": \"{user}\", \"email\": \"ada@example.com\"}}"
            ),
            format!(
                "public.orders.insert|{org}|{{\"created_by\": \"{buyer}\", \"organization_id\": \"{org}\"}}"
            ),
            // A text id is no uuid: the event is still logged, without an entity.
            format!(
                "public.invitations.update|NULL|{{\"id\": \"inv_1\", \"invited_by\": \"{inviter}\"}}"
            ),
            // DELETE reads OLD; a bigint id is no uuid either.
            "public.orders.delete|NULL|{\"id\": 1}".to_owned(),
        ]
    );

    let check = |env: &Env| {
        let assert = env
            .skene()
            .args(["triggers", "check", "--json"])
            .env("DATABASE_URL", pg.url(&db))
            .assert();
        let code = assert.get_output().status.code();
        let (out, err) = outputs(&assert);
        assert!(!out.contains(PG_PASSWORD) && !err.contains(PG_PASSWORD));
        (code, serde_json::from_str::<Value>(&out).unwrap())
    };
    let (code, ok) = check(&env);
    assert_eq!(ok["database"]["drift"], serde_json::json!([]), "{ok:#}");
    assert_eq!(ok["ok"], true, "{ok:#}");
    assert_eq!(code, Some(0));

    pg.exec(
        &db,
        "DROP TRIGGER skene_growth_trg_orders_insert_first_order_welcome ON public.orders",
    );
    let (code, drifted) = check(&env);
    assert_eq!(code, Some(1));
    let drift = drifted["database"]["drift"].as_array().unwrap();
    assert_eq!(drift.len(), 1, "{drift:#?}");
    assert_eq!(drift[0]["kind"], "missing_trigger");
    assert_eq!(
        drift[0]["name"],
        "skene_growth_trg_orders_insert_first_order_welcome"
    );
    assert_eq!(drift[0]["table"], "public.orders");
    assert_eq!(drift[0]["feature"], "first_order_welcome");

    // Re-applied, the migration restores it; an edited function is stale and a
    // trigger no feature wants is extra.
    pg.apply(&db, &path_in(&env, &report, "migration"));
    pg.exec(
        &db,
        "CREATE OR REPLACE FUNCTION skene_growth_fn_auth_users_insert_signup_onboarding_webhook()
         RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, skene_growth
         AS $$ BEGIN RETURN NULL; END; $$;
         CREATE TRIGGER skene_growth_trg_orders_update_old_feature AFTER UPDATE ON public.orders
         FOR EACH ROW EXECUTE FUNCTION skene_growth_fn_auth_users_insert_signup_onboarding_webhook();",
    );
    let (code, drifted) = check(&env);
    assert_eq!(code, Some(1));
    let kinds: Vec<(&str, &str)> = drifted["database"]["drift"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "stale_function",
                "skene_growth_fn_auth_users_insert_signup_onboarding_webhook"
            ),
            (
                "extra_trigger",
                "skene_growth_trg_orders_update_old_feature"
            ),
        ]
    );
}

#[test]
fn the_python_clients_migration_fails_on_postgres_and_check_flags_it_offline() {
    let pg = Postgres::shared();
    let db = pg.create_db("python");
    pg.exec(&db, APP_TABLES);
    let dir = fixtures().join("basic-project/supabase/migrations");
    let schema =
        std::fs::read_to_string(dir.join("20260201000000_skene_growth_schema.sql")).unwrap();
    pg.exec(
        &db,
        &schema.replace(
            "CREATE EXTENSION IF NOT EXISTS pg_net;",
            "CREATE SCHEMA net;",
        ),
    );
    let out = pg.psql_file(&db, &dir.join("20260301120000_skene_triggers.sql"));
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("syntax error at end of input"), "{err}");

    let env = Env::new();
    env.with_basic_project();
    let assert = env.skene().args(["triggers", "check"]).assert().code(5);
    let (_, err) = outputs(&assert);
    for place in [
        "supabase/migrations/20260215090000_skene_triggers.sql:12:1: error: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END",
        "supabase/migrations/20260301120000_skene_triggers.sql:12:1: error:",
        "supabase/migrations/20260301120000_skene_triggers.sql:31:1: error: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge",
    ] {
        assert!(err.contains(place), "missing {place:?} in\n{err}");
    }
    assert!(err.contains("skene triggers generate"), "{err}");
}

/// (trigger, function, table, timing/event/row bits, event_type, metadata keys,
/// entity column) of every skene trigger, read from the server: names and types
/// from pg_trigger/pg_proc, the rest from the events a row of known values logs.
fn observed(pg: &Postgres, db: &str) -> BTreeSet<String> {
    let triggers = pg.query(
        db,
        "SELECT t.tgname, p.proname, n.nspname || '.' || c.relname, t.tgtype
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid
         WHERE t.tgname LIKE 'skene_growth_trg_%' ORDER BY 1",
    );
    let (a, b, c) = (
        "aaaaaaaa-0000-0000-0000-000000000001",
        "bbbbbbbb-0000-0000-0000-000000000002",
        "cccccccc-0000-0000-0000-000000000003",
    );
    pg.exec(
        db,
        &format!("INSERT INTO auth.users VALUES ('{a}', 'x@example.com')"),
    );
    pg.exec(
        db,
        &format!("INSERT INTO public.orders (organization_id, created_by) VALUES ('{b}', '{c}')"),
    );
    pg.exec(
        db,
        &format!("INSERT INTO public.invitations VALUES ('{b}', '{c}', 'sent')"),
    );
    pg.exec(db, "UPDATE public.invitations SET status = 'accepted'");
    let events = pg.query(
        db,
        "SELECT event_type, coalesce(entity_id::text, ''), (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(metadata) k),
                metadata::text FROM skene_growth.event_log ORDER BY id",
    );
    let columns = [
        (a, "id"),
        (b, "organization_id|id"),
        (c, "created_by|invited_by"),
    ];
    let mut out = BTreeSet::new();
    for line in triggers.lines() {
        let f: Vec<&str> = line.split('|').collect();
        let event = format!(
            "{}.{}",
            f[2],
            match f[3] {
                "5" => "insert",
                "17" => "update",
                "9" => "delete",
                other => other,
            }
        );
        let logged = events
            .lines()
            .find(|e| e.starts_with(&format!("{event}|")))
            .unwrap_or_else(|| panic!("no event for {event} in\n{events}"));
        let e: Vec<&str> = logged.split('|').collect();
        let entity = columns
            .iter()
            .find(|(v, _)| *v == e[1])
            .map_or("none", |(_, c)| c);
        out.insert(format!(
            "{} {} {} tgtype={} event={} keys={} entity={entity}",
            f[0], f[1], f[2], f[3], e[0], e[2]
        ));
    }
    out
}

#[test]
fn what_we_create_equals_what_the_python_client_would_once_fixed() {
    let pg = Postgres::shared();
    let env = project(None);
    let (ours, _) = deployed(pg, &env, &["--no-webhook"]);

    let theirs = pg.create_db("python_fixed");
    pg.exec(&theirs, APP_TABLES);
    let report = generate(&env, &["--no-webhook", "--dry-run"]);
    pg.exec(&theirs, report["schema"]["sql"].as_str().unwrap());
    let python = std::fs::read_to_string(
        fixtures().join("basic-project/supabase/migrations/20260301120000_skene_triggers.sql"),
    )
    .unwrap();
    let fixed = python.replace("RETURN NULL;\n\n$$;", "RETURN NULL;\nEND;\n$$;");
    assert_eq!(
        fixed.matches("END;\n$$;").count(),
        3,
        "the fix applies to every function"
    );
    pg.exec(&theirs, &fixed);

    let (a, b) = (observed(pg, &ours), observed(pg, &theirs));
    assert_eq!(a.len(), 3, "{a:#?}");
    assert_eq!(a, b);
}

const HOSTILE: &str = r#"version: 1
features:
- key: "Clé \"x\"; DROP TABLE victim; --"
  name: hostile
  source: public.hostile.insert
  how_it_works: h
  subject_state_analysis:
    subject_id_path: "hostile.we\"ird'; DROP TABLE victim; --$$"
    action_target_path: "hostile.名前 $skene$ back\\slash"
  action: {use: email}
- key: "$$; SELECT 1; $$"
  name: dollars
  source: public.hostile.update
  how_it_works: h
  subject_state_analysis:
    subject_id_path: "x.$$"
  action: {use: email}
"#;

#[test]
fn hostile_engine_values_apply_cleanly_and_create_exactly_the_intended_objects() {
    let pg = Postgres::shared();
    let db = pg.create_db("hostile");
    pg.exec(
        &db,
        r#"CREATE TABLE public.victim (x int);
           CREATE TABLE public.hostile (id serial, "we""ird'; DROP TABLE victim; --$$" text,
                                        "名前 $skene$ back\slash" text, "$$" text);"#,
    );
    let env = project(Some(HOSTILE));
    let report = generate(&env, &["--no-webhook"]);
    pg.apply(&db, &path_in(&env, &report, "schema"));
    pg.apply(&db, &path_in(&env, &report, "migration"));

    let objects = pg.query(
        &db,
        "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'skene_growth_trg_%'
         UNION ALL SELECT proname FROM pg_proc WHERE proname LIKE 'skene_growth_fn_%' ORDER BY 1",
    );
    assert_eq!(
        objects.lines().collect::<Vec<_>>(),
        [
            "skene_growth_fn_hostile_insert_cl_x_drop_table_victim",
            "skene_growth_fn_hostile_update_select_1",
            "skene_growth_trg_hostile_insert_cl_x_drop_table_victim",
            "skene_growth_trg_hostile_update_select_1",
        ]
    );
    pg.exec(
        &db,
        r#"INSERT INTO public.hostile ("we""ird'; DROP TABLE victim; --$$", "名前 $skene$ back\slash", "$$")
           VALUES ('a', 'b', 'c'); UPDATE public.hostile SET "$$" = 'd';"#,
    );
    assert_eq!(
        pg.query(&db, "SELECT count(*) FROM public.victim"),
        "0",
        "the victim table survives"
    );
    let events = pg.query(
        &db,
        "SELECT event_type, metadata::text FROM skene_growth.event_log ORDER BY id",
    );
    assert_eq!(
        events.lines().collect::<Vec<_>>(),
        [
            // (jsonb orders keys by length, then bytes)
            r#"public.hostile.insert|{"名前 $skene$ back\\slash": "b", "we\"ird'; DROP TABLE victim; --$$": "a"}"#,
            r#"public.hostile.update|{"$$": "d"}"#,
        ]
    );
    // The offline check reads the same names back from the migration.
    env.skene().args(["triggers", "check"]).assert().success();
}

#[test]
fn hostile_table_and_schema_names_stay_quoted_on_the_server() {
    use skene::triggers::{Op, Origin, TriggerSpec, trigger_migration};
    let pg = Postgres::shared();
    let db = pg.create_db("hostile_tables");
    let env = project(None);
    let report = generate(&env, &["--no-webhook", "--dry-run"]);
    pg.exec(&db, report["schema"]["sql"].as_str().unwrap());
    let (schema, table) = ("s\"; DROP SCHEMA public CASCADE; --", "t$$ 表'; --");
    pg.exec(
        &db,
        &format!(
            "CREATE SCHEMA \"{}\"; CREATE TABLE \"{}\".\"{}\" (id uuid, \"$$\" text);",
            schema.replace('"', "\"\""),
            schema.replace('"', "\"\""),
            table
        ),
    );
    let spec = TriggerSpec::new("k", schema, table, Op::Insert, &["id", "$$"]);
    let sql = trigger_migration(&[spec], &Origin::new("x/engine.yaml"), "s.sql");
    pg.exec(&db, &sql);
    let uuid = "dddddddd-0000-0000-0000-000000000004";
    pg.exec(
        &db,
        &format!(
            "INSERT INTO \"{}\".\"{}\" VALUES ('{uuid}', 'v')",
            schema.replace('"', "\"\""),
            table
        ),
    );
    assert_eq!(
        pg.query(
            &db,
            "SELECT event_type, entity_id, metadata::text FROM skene_growth.event_log"
        ),
        format!(
            "s\"; drop schema public cascade; --.t$$ 表'; --.insert|{uuid}|{{\"$$\": \"v\", \"id\": \"{uuid}\"}}"
        )
    );
    assert_eq!(
        pg.query(
            &db,
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"
        ),
        "1"
    );
}
