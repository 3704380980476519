//! `skene agent` event forwarding against a real PostgreSQL (tests/support/postgres.rs)
//! and the fake cloud's ingest endpoint: end to end with the exact body, crashes
//! (SIGKILL, a database restart, a cloud outage), two agents at once, 4xx and 401,
//! the pg_net guard, listen, the proxy secret and the service files.

mod commands;
mod crashes;
mod delivery;
mod guards;
mod late;
mod oldschema;
mod pgnet;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support;
use serde_json::Value;
use support::fake_cloud::{Auth, Route, transport};
use support::postgres::{PG_PASSWORD, Postgres};
use support::{Env, PROXY_SECRET, outputs};

pub const APP_TABLES: &str = "
CREATE SCHEMA IF NOT EXISTS auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
CREATE TABLE public.organizations (id uuid PRIMARY KEY, name text);
CREATE TABLE public.orders (id bigserial PRIMARY KEY, organization_id uuid, created_by uuid, status text);
CREATE TABLE public.invitations (id text PRIMARY KEY, invited_by uuid, status text);
";

pub const INGEST: &str = "/cloud/ingest/db-trigger";

/// The sample project without the Python client's (defective) trigger migrations.
pub fn project() -> Env {
    let env = Env::new();
    env.with_basic_project();
    for python in [
        "20260215090000_skene_triggers.sql",
        "20260301120000_skene_triggers.sql",
    ] {
        std::fs::remove_file(env.project().join("supabase/migrations").join(python)).unwrap();
    }
    env
}

/// A database with the app tables and what `skene triggers generate ARGS`
/// writes, applied; returns its name.
pub fn deployed(pg: &Postgres, env: &Env, generate_args: &[&str]) -> String {
    let db = pg.create_db("agent");
    pg.exec(&db, APP_TABLES);
    let assert = env
        .skene()
        .args(["triggers", "generate", "--json"])
        .args(generate_args)
        .assert()
        .success();
    apply_generated(pg, &db, env, &assert);
    db
}

/// Applies the files a `skene triggers generate --json` run reports (those it
/// wrote), without pg_net's extension: no pg_net here ([`net_stand_in`] stands in).
pub fn apply_generated(pg: &Postgres, db: &str, env: &Env, assert: &assert_cmd::assert::Assert) {
    let report: Value = serde_json::from_str(&outputs(assert).0).unwrap();
    for which in ["schema", "migration"] {
        if let Some(path) = report[which]["path"].as_str() {
            let sql = std::fs::read_to_string(env.project().join(path)).unwrap();
            pg.exec(
                db,
                &sql.replace("CREATE EXTENSION IF NOT EXISTS pg_net;", ""),
            );
        }
    }
}

/// `net.http_post` stand-in, for schemas written with the pg_net webhook.
pub fn net_stand_in(pg: &Postgres, db: &str) {
    pg.exec(
        db,
        "CREATE SCHEMA net;
         CREATE FUNCTION net.http_post(url text, body jsonb DEFAULT '{}', params jsonb DEFAULT '{}',
             headers jsonb DEFAULT '{}', timeout_milliseconds int DEFAULT 5000)
         RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;",
    );
}

/// Inserts `n` orders (each logs one `public.orders.insert` event).
pub fn insert_orders(pg: &Postgres, db: &str, n: usize) {
    pg.exec(
        db,
        &format!(
            "INSERT INTO public.orders (organization_id, created_by, status)
             SELECT gen_random_uuid(), gen_random_uuid(), 'placed' FROM generate_series(1, {n})"
        ),
    );
}

/// Every id of event_log.
pub fn event_ids(pg: &Postgres, db: &str) -> Vec<i64> {
    pg.query(db, "SELECT id FROM skene_growth.event_log ORDER BY id")
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.parse().unwrap())
        .collect()
}

pub fn unprocessed(pg: &Postgres, db: &str) -> usize {
    pg.query(
        db,
        "SELECT count(*) FROM skene_growth.event_log WHERE processed_at IS NULL",
    )
    .parse()
    .unwrap()
}

/// Waits for `done`, up to `limit`; false when it never came.
pub fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

/// A `skene agent …` process whose output goes to files (read them any time).
pub struct Agent {
    pub child: Child,
    out: PathBuf,
    err: PathBuf,
}

static AGENT_N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl Agent {
    pub fn spawn(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> Agent {
        let n = AGENT_N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let out = env.root().join(format!("agent-{n}.out"));
        let err = env.root().join(format!("agent-{n}.err"));
        let mut cmd = env.std_skene();
        cmd.args(["agent"]).args(args);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let child = cmd
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).unwrap())
            .stderr(std::fs::File::create(&err).unwrap())
            .spawn()
            .unwrap();
        Agent { child, out, err }
    }

    pub fn stdout(&self) -> String {
        std::fs::read_to_string(&self.out).unwrap_or_default()
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.err).unwrap_or_default()
    }

    /// SIGTERM, then the exit code.
    pub fn stop(&mut self) -> Option<i32> {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.wait(Duration::from_secs(20))
    }

    /// SIGKILL.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for the process to end; its exit code (None when killed by a signal).
    pub fn wait(&mut self, limit: Duration) -> Option<i32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if start.elapsed() > limit {
                self.kill();
                panic!(
                    "the agent did not stop within {limit:?}:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.kill();
        }
    }
}

/// The environment an agent needs: the database and the right proxy secret.
pub fn agent_vars(pg: &Postgres, db: &str) -> Vec<(&'static str, String)> {
    vec![
        ("DATABASE_URL", pg.url(db)),
        ("SKENE_PROXY_SECRET", PROXY_SECRET.to_owned()),
        // Requests that hang are given up quickly.
        ("SKENE_HTTP_TIMEOUT", "1".to_owned()),
    ]
}

pub fn as_refs<'a>(vars: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    vars.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Counts the ingest requests that reached the route (were accepted), per
/// `record.id`, ahead of the standard ingest route.
pub fn count_accepted(env: &Env) -> Arc<Mutex<BTreeMap<i64, usize>>> {
    let counts = Arc::new(Mutex::new(BTreeMap::new()));
    let seen = counts.clone();
    env.cloud
        .add_route(Route::api("POST", INGEST, Auth::ProxySecret, move |call| {
            let body = call.req.json();
            let Some(id) = body["record"]["id"].as_i64() else {
                return transport::json(422, serde_json::json!({"error": "no record.id"}));
            };
            *seen.lock().unwrap().entry(id).or_insert(0) += 1;
            let ws = call.workspace();
            if ws.ingested.iter().any(|e| e["record"]["id"] == id) {
                return transport::json(200, serde_json::json!({"status": "duplicate"}));
            }
            ws.ingested.push(body);
            transport::json(202, serde_json::json!({"status": "accepted"}))
        }));
    counts
}

/// Ids the fake cloud accepted for `my-app`, in arrival order.
pub fn ingested_ids(env: &Env) -> Vec<i64> {
    env.cloud
        .ingested("my-app")
        .iter()
        .map(|b| b["record"]["id"].as_i64().unwrap())
        .collect()
}

/// No secret and no password in any of `texts`.
pub fn assert_no_secrets(texts: &[&str]) {
    for t in texts {
        assert!(!t.contains(PROXY_SECRET), "the proxy secret leaked:\n{t}");
        assert!(
            !t.contains(PG_PASSWORD),
            "the database password leaked:\n{t}"
        );
    }
}

/// The ingest refuses `test.poison.insert` (422) and accepts the rest.
pub(super) fn refuse_poison(env: &Env) {
    env.cloud.add_route(Route::api(
        "POST",
        INGEST,
        Auth::ProxySecret,
        |call| {
            if call.req.json()["record"]["event_type"] == "test.poison.insert" {
                return transport::json(
                    422,
                    serde_json::json!({"error": {"code": "invalid", "message": "no such event type"}}),
                );
            }
            let body = call.req.json();
            call.workspace().ingested.push(body);
            transport::json(202, serde_json::json!({}))
        },
    ));
}
