//! `skene push` against the fake cloud: compatibility with the Python client,
//! refusals, answers, retries.

mod support;

use predicates::prelude::*;
use serde_json::Value;
use support::{Env, OWNER_KEY, Reply, fixtures, outputs};

const GOLDEN_CHECKSUM: &str =
    "sha256:54b84cfd2da9d76135370437d88a41946fef2f5157198c9d9033bb1f94f4ea78";

fn golden() -> Value {
    let text = std::fs::read_to_string(fixtures().join("push-body.basic-project.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// An environment with the sample project and SKENE_API_KEY set.
fn project_env() -> Env {
    let mut env = Env::new();
    env.with_basic_project();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env
}

fn pushes(env: &Env) -> Vec<support::Recorded> {
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
fn the_bundle_directory_is_found_from_path_and_settings() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    let sample = fixtures().join("basic-project");
    let app = env.project().join("app");
    support::copy_dir(&sample.join("skene-context"), &app.join("build/out"));
    support::copy_dir(&sample.join("supabase"), &app.join("supabase"));
    let dry = |env: &Env, args: &[&str]| {
        env.skene()
            .args(["push", "--dry-run", "--json"])
            .args(args)
            .assert()
    };
    // Problems are shown with paths from the current directory.
    std::fs::write(app.join("build/out/.env"), "X=1\n").unwrap();
    dry(&env, &["app", "--output-dir", "build/out"])
        .code(5)
        .stderr(predicate::str::contains(
            "app/build/out/.env: error: refusing to push .env",
        ));
    std::fs::remove_file(app.join("build/out/.env")).unwrap();
    // Not found: says where it looked.
    dry(&env, &["app"])
        .code(5)
        .stderr(predicate::str::contains("no bundle here: looked for"))
        .stderr(predicate::str::contains("skene-context"));
    // --output-dir, relative to PATH.
    let a = dry(&env, &["app", "--output-dir", "build/out"]).success();
    let v: Value = serde_json::from_str(&outputs(&a).0).unwrap();
    assert_eq!(v["files"][0]["path"], "build/out/engine.yaml");
    // SKENE_OUTPUT_DIR.
    let mut cmd = env.skene();
    cmd.env("SKENE_OUTPUT_DIR", "build/out")
        .args(["push", "--dry-run", "app"])
        .assert()
        .success();
    // output_dir in the project's .skene.config, looked up from PATH.
    std::fs::write(app.join(".skene.config"), "output_dir = \"./build/out\"\n").unwrap();
    dry(&env, &["app"]).success();
    // The legacy skene/ directory.
    std::fs::remove_file(app.join(".skene.config")).unwrap();
    std::fs::rename(app.join("build/out"), app.join("skene")).unwrap();
    let a = dry(&env, &["app"]).success();
    let v: Value = serde_json::from_str(&outputs(&a).0).unwrap();
    assert_eq!(v["files"][0]["path"], "skene/engine.yaml");
    assert!(env.cloud.requests().is_empty());
}

/// Each broken bundle exits 5, names the problem, and sends nothing.
fn refused(env: &Env, needle: &str) {
    let assert = env.skene().arg("push").assert().code(5);
    let (_, stderr) = outputs(&assert);
    assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    assert!(pushes(env).is_empty(), "no /push for {needle:?}");
}

#[test]
fn engine_problems_are_refused_with_file_line_and_column() {
    let env = project_env();
    std::fs::remove_file(env.project().join("skene-context/engine.yaml")).unwrap();
    refused(
        &env,
        "skene-context/engine.yaml: error: engine.yaml is missing: looked for",
    );

    env.write("skene-context/engine.yaml", "version: 1\nfeatures: [\n");
    refused(
        &env,
        "skene-context/engine.yaml:2:11: error: not valid YAML: unclosed bracket",
    );
    refused(&env, "2 | features: [");

    env.write("skene-context/engine.yaml", "- a\n- b\n");
    refused(
        &env,
        "engine.yaml:1:1: error: engine.yaml must be a mapping, not a list",
    );

    env.write(
        "skene-context/engine.yaml",
        "version: 1\nsubjects: []\nsubjects: []\n",
    );
    refused(
        &env,
        "engine.yaml:3:1: error: not valid YAML: duplicate mapping key: subjects",
    );

    env.write(
        "skene-context/engine.yaml",
        "version: 1\nfeatures:\n  - {key: a, name: A, source: public.t.insert, how_it_works: h}\n  - {key: a, name: B, source: public.t.update, how_it_works: h, action: {use: 3}}\n",
    );
    refused(&env, "engine.yaml:4:11: error: duplicate feature key `a`");
    refused(
        &env,
        "`features[1].action.use` must be a string, not an integer",
    );

    env.write(
        "skene-context/engine.yaml",
        "version: 1\nfeatures:\n  - {key: a, name: A, source: orders, how_it_works: h, action: {use: email}}\n",
    );
    refused(
        &env,
        "engine.yaml:3:31: error: `features[0].source` is `orders`, not of the form schema.table.insert|update|delete",
    );
}

#[test]
fn a_bad_source_without_an_action_is_only_a_warning() {
    let env = project_env();
    let engine = std::fs::read_to_string(env.project().join("skene-context/engine.yaml")).unwrap();
    env.write(
        "skene-context/engine.yaml",
        engine.replace("source: public.orders.delete", "source: orders deleted"),
    );
    env.skene()
        .arg("push")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: `features[3].source` is `orders deleted`",
        ));
}

#[test]
fn actions_without_a_trigger_migration_are_refused() {
    let env = project_env();
    std::fs::remove_dir_all(env.project().join("supabase")).unwrap();
    refused(
        &env,
        "features have actions, but there is no trigger migration",
    );
    refused(&env, "_skene_triggers.sql");
}

#[test]
fn unsafe_files_are_refused() {
    let env = project_env();
    env.write("skene-context/latin1.txt", b"caf\xe9\n");
    refused(&env, "skene-context/latin1.txt:1:1: error: not UTF-8 text");

    let env = project_env();
    env.write("skene-context/.skene.config", "upstream_api_key = 'x'\n");
    refused(
        &env,
        "skene-context/.skene.config: error: refusing to push .skene.config",
    );

    let env = project_env();
    env.write("skene-context/sub/.env.production", "X=1\n");
    refused(
        &env,
        "skene-context/sub/.env.production: error: refusing to push .env.production",
    );

    let env = project_env();
    env.write(
        "skene-context/notes.md",
        "line one\nconfig: { key: \"sk_ws_AbCdEfGhIjKlMnOpQr\" }\n",
    );
    refused(
        &env,
        "skene-context/notes.md:2:17: error: contains what looks like a Skene API key",
    );
}

#[cfg(unix)]
#[test]
fn links_outside_the_project_and_special_files_are_refused() {
    use std::os::unix::fs::symlink;
    let env = project_env();
    let outside = env.root().join("outside.json");
    std::fs::write(&outside, "{}").unwrap();
    symlink(&outside, env.project().join("skene-context/link.json")).unwrap();
    refused(
        &env,
        "skene-context/link.json: error: a symlink that leads outside the project",
    );

    let env = project_env();
    let fifo = env.project().join("skene-context/pipe");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    refused(&env, "skene-context/pipe: error: a special file");

    // A link that stays inside is sent under its target's path, once.
    let env = project_env();
    symlink(
        env.project().join("skene-context/growth-manifest.json"),
        env.project().join("skene-context/alias.json"),
    )
    .unwrap();
    let assert = env
        .skene()
        .args(["push", "--dry-run", "--json"])
        .assert()
        .success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths[0], "skene-context/growth-manifest.json");
    assert_eq!(paths.len(), 4);
    assert_eq!(paths[1], "skene-context/engine.yaml");
}

#[test]
fn answers_map_to_messages_and_exit_codes() {
    let env = project_env();
    env.cloud.script("/push", Reply::status(401));
    env.skene()
        .arg("push")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("skene login"));

    env.cloud.script(
        "/push",
        Reply::json(404, serde_json::json!({"error": "no such route"})),
    );
    env.skene()
        .arg("push")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "the push endpoint was not found: {}/push",
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
fn validate_reports_and_annotates() {
    let mut env = Env::new();
    env.with_basic_project();
    env.skene()
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "skene-context/: 5 subjects, 4 features, 3 actions (email ×2, webhook ×1); 4 files",
        ))
        .stderr(predicate::str::contains("The bundle is valid"));

    env.write(
        "skene-context/engine.yaml",
        "version: one\nfeatures:\n  - {key: a, name: A, source: nope, how_it_works: h}\n",
    );
    let assert = env.skene().arg("validate").assert().code(5);
    let (stdout, stderr) = outputs(&assert);
    assert!(
        stdout.contains("skene-context/engine.yaml:1:10: error: `version` must be an integer"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skene-context/engine.yaml:3:31: warning:"),
        "{stdout}"
    );
    assert!(stderr.contains("1 error, 1 warning"), "{stderr}");

    let assert = env.skene().args(["validate", "--json"]).assert().code(5);
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["line"], 1);
    assert_eq!(v["diagnostics"][0]["column"], 10);
    assert_eq!(v["diagnostics"][0]["file"], "skene-context/engine.yaml");

    env.set("GITHUB_ACTIONS", "true");
    let assert = env.skene().arg("validate").assert().code(5);
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains(
            "::error file=skene-context/engine.yaml,line=1,col=10::`version` must be an integer"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("::warning file=skene-context/engine.yaml,line=3,col=31::"),
        "{stdout}"
    );
    assert!(env.cloud.requests().is_empty());
}

#[test]
fn a_file_changed_while_pushing_stops_the_push() {
    let env = project_env();
    // A first file bigger than every buffer on the way, so that the body cannot
    // have reached the last file while the server holds the request.
    let big: String = (0..600_000).map(|i| format!("{i:>39}\n")).collect();
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
