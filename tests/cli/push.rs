//! `skene push` against the fake cloud: compatibility with the Python client,
//! answers, retries, output. (Refused bundles: `bundle.rs`.)

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, OWNER_KEY, Reply, fixtures, outputs};

const GOLDEN_CHECKSUM: &str =
    "sha256:54b84cfd2da9d76135370437d88a41946fef2f5157198c9d9033bb1f94f4ea78";

fn golden() -> Value {
    let text = std::fs::read_to_string(fixtures().join("push-body.basic-project.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// An environment with the sample project and SKENE_API_KEY set.
pub(crate) fn project_env() -> Env {
    let mut env = Env::new();
    env.with_basic_project();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env
}

pub(crate) fn pushes(env: &Env) -> Vec<crate::support::Recorded> {
    env.cloud.requests_to("/push")
}

#[test]
fn the_body_matches_the_python_client_byte_for_byte_where_it_counts() {
    let mut env = project_env();
    env.unset("SKENE_API_URL");
    let upstream = format!("{}/workspace/demo", env.cloud.origin());
    env.skene()
        .args(["push", "--upstream", &upstream])
        .assert()
        .success();
    let sent = pushes(&env);
    assert_eq!(sent.len(), 1);
    let req = &sent[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(
        req.header("content-length"),
        Some(req.body.len().to_string().as_str())
    );
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {OWNER_KEY}").as_str())
    );

    let body: Value = serde_json::from_slice(&req.body).expect("the body is JSON");
    let reference = golden();
    assert_eq!(
        body["files"], reference["files"],
        "files equal the reference"
    );
    let (m, r) = (&body["manifest"], &reference["manifest"]);
    for field in [
        "version",
        "workspace_slug",
        "trigger_events",
        "loops_count",
        "package_checksum",
    ] {
        assert_eq!(m[field], r[field], "manifest.{field}");
    }
    assert_eq!(m["package_checksum"], GOLDEN_CHECKSUM);
    assert_eq!(m["upstream_url"], upstream.as_str());
    let at = m["pushed_at"].as_str().unwrap();
    assert!(
        at.len() == 27 && at.ends_with('Z') && at.as_bytes()[19] == b'.',
        "{at}"
    );
    let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 7, "{keys:?}");

    // Compact JSON, non-ASCII as raw UTF-8.
    let raw = String::from_utf8(req.body.clone()).unwrap();
    assert!(
        raw.starts_with("{\"manifest\":{\"version\":\"1.0\",\"pushed_at\":"),
        "{}",
        &raw[..80]
    );
    assert!(raw.contains("🎉") && !raw.contains("\\ud83c"));
    assert!(!raw.contains("\": \""));
}

#[test]
fn pushed_then_noop_with_human_and_json_output() {
    let env = project_env();
    let assert = env.skene().arg("push").assert().success();
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("Pushed 4 artifacts to my-app (push p_1); 4 updated:"),
        "{stderr}"
    );
    assert!(stderr.contains("  skene-context/engine.yaml"), "{stderr}");

    env.skene()
        .arg("push")
        .assert()
        .success()
        .stderr(predicate::str::contains("Nothing new to deploy."));

    let assert = env.skene().args(["push", "--json"]).assert().success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["status"], "noop");
    assert_eq!(v["package_checksum"], GOLDEN_CHECKSUM);
    assert_eq!(
        v["bytes"].as_u64().unwrap(),
        pushes(&env)[2].body.len() as u64
    );

    env.write("skene-context/notes.md", "new\r\nfile\n");
    let assert = env.skene().args(["push", "--json"]).assert().success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["status"], "pushed");
    assert_eq!(v["push_id"], "p_2");
    assert_eq!(v["artifact_count"], 5);
    assert_eq!(
        v["updated_paths"],
        serde_json::json!(["skene-context/notes.md"])
    );
    let body: Value = serde_json::from_slice(&pushes(&env)[3].body).unwrap();
    assert_eq!(
        body["files"][3]["path"], "skene-context/notes.md",
        "sorted into place"
    );
    assert_eq!(
        body["files"][3]["content"], "new\nfile\n",
        "CRLF becomes LF"
    );
}

#[test]
fn dry_run_needs_no_key_and_no_server() {
    let mut env = Env::new();
    env.with_basic_project();
    env.set("SKENE_API_URL", "http://127.0.0.1:9/api/v1");
    let assert = env.skene().args(["push", "--dry-run"]).assert().success();
    let (stdout, stderr) = outputs(&assert);
    for needle in [
        "2,657  skene-context/engine.yaml",
        "3,120  supabase/migrations/20260301120000_skene_triggers.sql",
        "trigger_events:   public.orders.insert, public.invitations.update, auth.users.insert",
        "loops_count:      4",
        GOLDEN_CHECKSUM,
        "bytes in 4 files",
    ] {
        assert!(stdout.contains(needle), "missing {needle:?} in\n{stdout}");
    }
    assert!(stderr.contains("dry run, nothing was sent"), "{stderr}");
    assert!(
        !stdout.contains("20260215090000"),
        "only the newest trigger migration"
    );

    let assert = env
        .skene()
        .args(["push", "--dry-run", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["manifest"]["package_checksum"], GOLDEN_CHECKSUM);
    assert_eq!(v["manifest"]["loops_count"], 4);
    assert_eq!(v["files"].as_array().unwrap().len(), 4);
    assert_eq!(v["files"][0]["size"], 2657);
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn answers_map_to_messages_and_exit_codes() {
    let env = project_env();
    // The key is SKENE_API_KEY's: the advice is about that variable.
    env.cloud.script("/push", Reply::status(401));
    env.skene()
        .arg("push")
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "hint: SKENE_API_KEY holds a key the server does not accept",
        ));
    // A 403 is a valid key whose role may not push: not "log in again".
    env.cloud.script("/push", Reply::status(403));
    let assert = env.skene().arg("push").assert().code(4);
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains("its role may not do this"), "{stderr}");
    assert!(!stderr.contains("skene login"), "{stderr}");

    env.cloud.script(
        "/push",
        Reply::json(404, serde_json::json!({"error": "no such route"})),
    );
    env.skene()
        .arg("push")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "the push endpoint was not found at {}/push",
            env.cloud.api_url()
        )));

    env.cloud.script("/push", Reply::status(413));
    let assert = env.skene().arg("push").assert().code(3);
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains("too large (12,") && stderr.contains(" bytes)"),
        "{stderr}"
    );

    env.cloud.script(
        "/push",
        Reply::json(422, serde_json::json!({"error": {"code": "invalid", "message": "trigger SQL does not parse"}})),
    );
    env.skene()
        .arg("push")
        .assert()
        .code(5)
        .stderr(predicate::str::contains(
            "the server rejected the bundle: trigger SQL does not parse",
        ));

    env.cloud.script(
        "/push",
        Reply::Raw {
            status: 201,
            body: "created!".into(),
            headers: vec![],
        },
    );
    env.skene()
        .arg("push")
        .assert()
        .success()
        .stderr(predicate::str::contains("Pushed 4 files to my-app"))
        .stderr(predicate::str::contains("unreadable"));
}

#[test]
fn server_trouble_is_retried_with_the_body_streamed_again() {
    let env = project_env();
    env.cloud.script("/push", Reply::status(503));
    env.skene()
        .arg("push")
        .assert()
        .success()
        .stderr(predicate::str::contains("(push p_1)"));
    let sent = pushes(&env);
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0].body, sent[1].body,
        "the same body, sent twice whole"
    );
}

#[test]
fn a_connection_dropped_mid_body_is_retried_then_reported() {
    let env = project_env();
    // A body big enough to be cut in the middle.
    let big: String = (0..40_000).map(|i| format!("row {i}: é ✓\n")).collect();
    env.write("skene-context/big.txt", &big);
    env.cloud.script("/push", Reply::DropMidBody(100_000));
    env.skene().arg("push").assert().success();
    let sent = pushes(&env);
    assert_eq!(sent.len(), 2);
    assert!(sent[0].body.len() < sent[1].body.len());
    let body: Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(body["files"][0]["content"].as_str().unwrap(), big);

    for _ in 0..4 {
        env.cloud.script("/push", Reply::DropMidBody(100_000));
    }
    env.write("skene-context/big.txt", format!("{big}more\n"));
    env.skene()
        .arg("push")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("the push failed"));
    assert_eq!(pushes(&env).len(), 6);
}

#[test]
fn no_progress_bar_without_a_terminal_and_quiet_is_quiet() {
    let env = project_env();
    let big: String = (0..200_000).map(|i| format!("{i}\n")).collect();
    env.write("skene-context/big.txt", &big);
    let assert = env.skene().arg("push").assert().success();
    let (_, stderr) = outputs(&assert);
    assert!(
        !stderr.contains("Pushing") && !stderr.contains('\r') && !stderr.contains("eta"),
        "{stderr}"
    );
    env.write("skene-context/big.txt", format!("{big}x"));
    env.skene()
        .args(["push", "-q"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn verbose_traces_show_the_manifest_not_the_files() {
    let env = project_env();
    let assert = env.skene().args(["-vv", "push"]).assert().success();
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(&format!("→ POST {}/push", env.cloud.api_url())),
        "{stderr}"
    );
    assert!(stderr.contains("bytes, streamed)"), "{stderr}");
    assert!(stderr.contains("package_checksum"), "{stderr}");
    assert!(
        !stderr.contains("first-order-welcome"),
        "no file contents in the trace: {stderr}"
    );
    assert!(!stderr.contains(OWNER_KEY));
}

#[test]
fn a_stored_key_is_used_and_the_workspace_named() {
    let env = Env::new();
    env.with_basic_project();
    env.login_file(OWNER_KEY);
    env.skene()
        .arg("push")
        .assert()
        .success()
        .stderr(predicate::str::contains("to my-app (push p_1)"));
    let body: Value = serde_json::from_slice(&pushes(&env)[0].body).unwrap();
    assert_eq!(body["manifest"]["workspace_slug"], "my-app");
    assert_eq!(
        body["manifest"]["upstream_url"],
        format!("{}/workspace/my-app", env.cloud.origin())
    );
}

#[test]
fn push_without_a_key_exits_4_after_checking_the_bundle() {
    let env = Env::new();
    env.with_basic_project();
    env.skene()
        .arg("push")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("not logged in"));
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn a_file_changed_while_pushing_stops_the_push() {
    let env = project_env();
    // A first file bigger than every buffer on the way, so that the body cannot
    // have reached the last file while the server holds the request: 8 MB,
    // against the fake's small receive buffer, a kernel send buffer of at most
    // 4 MB (net.ipv4.tcp_wmem) and the client's own (below 1 MB was seen to
    // fit).
    let big: String = (0..200_000).map(|i| format!("{i:>39}\n")).collect();
    env.write("skene-context/a-big.txt", &big);
    env.cloud.script("/push", Reply::Hold);
    let child = env
        .std_skene()
        .arg("push")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !env.cloud.started().iter().any(|p| p == "/push") {
        assert!(
            std::time::Instant::now() < deadline,
            "the push never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The first pass is over: change the last file of the bundle, then let the body flow.
    let migration = env
        .project()
        .join("supabase/migrations/20260301120000_skene_triggers.sql");
    let mut sql = std::fs::read_to_string(&migration).unwrap();
    sql.push_str("-- edited during the push\n");
    std::fs::write(&migration, sql).unwrap();
    env.cloud.release();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the bundle changed while pushing (supabase/migrations/20260301120000_skene_triggers.sql); push again"),
        "{stderr}"
    );
    let pushes = env.cloud.started().iter().filter(|p| *p == "/push").count();
    assert_eq!(pushes, 1, "not retried");
}

#[test]
fn snapshot_push_then_noop() {
    let env = project_env();
    let assert = env.skene().arg("push").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 0
    --- stdout
    --- stderr
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    ✓ Pushed 4 artifacts to my-app (push p_1); 4 updated:
      skene-context/engine.yaml
      skene-context/feature-registry.json
      skene-context/growth-manifest.json
      supabase/migrations/20260301120000_skene_triggers.sql
    --- end
    "#);
    let assert = env.skene().arg("push").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 0
    --- stdout
    --- stderr
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    ✓ Nothing new to deploy.
    --- end
    "#);
}

#[test]
fn snapshot_dry_run() {
    let env = project_env();
    let assert = env.skene().args(["push", "--dry-run"]).assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 0
    --- stdout
    2,657  skene-context/engine.yaml
    3,723  skene-context/feature-registry.json
    1,712  skene-context/growth-manifest.json
    3,120  supabase/migrations/20260301120000_skene_triggers.sql

    trigger_events:   public.orders.insert, public.invitations.update, auth.users.insert
    loops_count:      4
    package_checksum: sha256:54b84cfd2da9d76135370437d88a41946fef2f5157198c9d9033bb1f94f4ea78
    body:             12,583 bytes in 4 files
    --- stderr
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    skene-context/: 5 subjects, 4 features, 3 actions (email ×2, webhook ×1); 4 files; dry run, nothing was sent
    --- end
    "#);
}
