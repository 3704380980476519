//! How events leave the database: the pg_net webhook (against a stand-in
//! `net.http_post` that records its arguments) and, without it, NOTIFY.

use std::path::{Path, PathBuf};

use super::support::outputs;
use super::support::postgres::Postgres;
use super::{APP_TABLES, deployed, generate, project};

fn net_stand_in(pg: &Postgres, db: &str) {
    pg.exec(
        db,
        "CREATE SCHEMA net;
         CREATE TABLE net.calls (id serial, url text, body jsonb, params jsonb, headers jsonb, timeout_milliseconds int);
         CREATE FUNCTION net.http_post(url text, body jsonb DEFAULT '{}', params jsonb DEFAULT '{}',
             headers jsonb DEFAULT '{\"Content-Type\": \"application/json\"}', timeout_milliseconds int DEFAULT 5000)
         RETURNS bigint LANGUAGE sql AS $$
           INSERT INTO net.calls (url, body, params, headers, timeout_milliseconds)
           VALUES (url, body, params, headers, timeout_milliseconds) RETURNING id $$;",
    );
}

#[test]
fn the_webhook_posts_each_event_with_the_url_and_secret_given() {
    let pg = Postgres::shared();
    let db = pg.create_db("webhook");
    pg.exec(&db, APP_TABLES);
    net_stand_in(pg, &db);
    let secret = "proxy-'secret'-$$-\\-9f3a";
    let env = project(None);
    let assert = env
        .skene()
        .args([
            "triggers",
            "generate",
            "--ingest-url",
            "https://ingest.example.com/",
            "--proxy-secret-env",
            "MY_PROXY_SECRET",
        ])
        .env("MY_PROXY_SECRET", secret)
        .assert()
        .success();
    let (out, err) = outputs(&assert);
    assert!(!out.contains(secret) && !err.contains(secret), "{out}{err}");
    let schema_file = env
        .project()
        .join("supabase/migrations/20260201000000_skene_growth_schema.sql");
    let schema = std::fs::read_to_string(&schema_file).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&schema_file)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the file holding the secret is private"
        );
    }
    assert!(schema.contains("CREATE EXTENSION IF NOT EXISTS pg_net;"));
    // No pg_net here: the stand-in net.http_post records its arguments instead.
    pg.exec(
        &db,
        &schema.replace("CREATE EXTENSION IF NOT EXISTS pg_net;", ""),
    );
    let migration = support_newest_trigger_migration(&env.project());
    pg.apply(&db, &migration);
    let user = "55555555-5555-5555-5555-555555555555";
    pg.exec(
        &db,
        &format!("INSERT INTO auth.users VALUES ('{user}', 'ada@example.com')"),
    );
    let calls = pg.query(
        &db,
        "SELECT url, body->>'type', body->>'table', body->>'schema', body->'record'->>'event_type',
                body->'record'->>'entity_id', (body->'record'->>'id')::bigint = (SELECT max(id) FROM skene_growth.event_log),
                body->'old_record' = 'null'::jsonb, headers->>'Content-Type', headers->>'x-skene-secret', timeout_milliseconds
         FROM net.calls",
    );
    assert_eq!(
        calls,
        format!(
            "https://ingest.example.com/api/v1/cloud/ingest/db-trigger|INSERT|event_log|skene_growth|auth.users.insert|{user}|t|t|application/json|{secret}|5000"
        )
    );
    // Without the flags, the Python client's placeholders.
    let env = project(None);
    generate(&env, &[]);
    let schema = std::fs::read_to_string(
        env.project()
            .join("supabase/migrations/20260201000000_skene_growth_schema.sql"),
    )
    .unwrap();
    assert!(schema.contains("'https://YOUR_UPSTREAM_INGEST_URL/api/v1/cloud/ingest/db-trigger'"));
    assert!(schema.contains("'YOUR_PROXY_SECRET'"));
}

fn support_newest_trigger_migration(root: &Path) -> PathBuf {
    let dir = root.join("supabase/migrations");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("_skene_triggers.sql"))
        .collect();
    names.sort();
    dir.join(names.pop().unwrap())
}

#[test]
fn without_webhook_each_new_event_is_announced_with_its_id() {
    let pg = Postgres::shared();
    let env = project(None);
    let (db, _) = deployed(pg, &env, &["--no-webhook"]);
    // psql shows the notifications its own session receives after each command.
    let out = pg.psql(
        &db,
        "LISTEN skene_growth_events; INSERT INTO auth.users VALUES ('66666666-6666-6666-6666-666666666666', 'n@example.com');",
    );
    let shown = String::from_utf8_lossy(&out.stdout);
    let first = pg.query(&db, "SELECT max(id) FROM skene_growth.event_log");
    assert!(
        shown.contains(&format!(
            "Asynchronous notification \"skene_growth_events\" with payload \"{first}\""
        )),
        "{shown}"
    );
    // And through skene's own database layer, which the agent will listen with.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let url = skene::db::DbUrl::parse(&pg.url(&db)).unwrap();
        let options = skene::db::ConnectOptions::default();
        let mut listener = skene::db::connect(&url, &options).await.unwrap();
        listener.listen("skene_growth_events").await.unwrap();
        let writer = skene::db::connect(&url, &options).await.unwrap();
        writer
            .client()
            .batch_execute("INSERT INTO auth.users VALUES ('77777777-7777-7777-7777-777777777777', 'm@example.com')")
            .await
            .unwrap();
        let id: i64 = writer
            .client()
            .query_one("SELECT max(id) FROM skene_growth.event_log", &[])
            .await
            .unwrap()
            .get(0);
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), listener.next_notification())
            .await
            .expect("a notification within 10 s")
            .unwrap();
        assert_eq!(n.channel, "skene_growth_events");
        assert_eq!(n.payload, id.to_string());
    });
}
