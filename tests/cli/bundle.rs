//! Which files make the push bundle, and which bundles `skene push` refuses
//! (exit 5, nothing sent): where it is found, engine.yaml checks, unsafe files.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, OWNER_KEY, fixtures, outputs};

use super::push::{project_env, pushes};

#[test]
fn the_bundle_directory_is_found_from_path_and_settings() {
    let mut env = Env::new();
    env.set("SKENE_API_KEY", OWNER_KEY);
    let sample = fixtures().join("basic-project");
    let app = env.project().join("app");
    crate::support::copy_dir(&sample.join("skene-context"), &app.join("build/out"));
    crate::support::copy_dir(&sample.join("supabase"), &app.join("supabase"));
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
