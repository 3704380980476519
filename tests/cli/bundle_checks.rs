//! Finding and checking the bundle, through `skene validate` and `skene push`: what
//! is not a bundle, what is never pushed, keys hidden from a plain search, and how
//! problems are shown.

use serde_json::Value;

use crate::support::{Env, OWNER_KEY, outputs};

/// An environment with the sample project and SKENE_API_KEY set.
fn project_env() -> Env {
    let mut env = Env::new();
    env.with_basic_project();
    env.set("SKENE_API_KEY", OWNER_KEY);
    env
}

/// A key-shaped string, built at run time so that no key sits in the source.
fn fake_key() -> String {
    format!("sk_{}_{}", "ws", "AbCdEfGhIjKlMnOpQr")
}

#[test]
fn a_clone_named_skene_is_not_a_bundle() {
    let env = Env::new();
    // `git clone …/skene` in a project: a `skene/` folder holding a repository.
    for rel in [
        "skene/.git/HEAD",
        "skene/.git/objects/ab/cdef",
        "skene/target/debug/skene",
        "skene/src/main.rs",
        "skene/Cargo.toml",
        "skene/README.md",
    ] {
        env.write(rel, "x\n");
    }
    let assert = env.skene().args(["push", "--dry-run"]).assert().code(5);
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(stderr.matches("no bundle here").count(), 1, "{stderr}");
    assert!(
        stderr.contains("holds no engine.yaml, feature-registry.json or growth-manifest.json"),
        "{stderr}"
    );
    assert!(stderr.lines().count() <= 3, "{stderr}");
    assert!(!stderr.contains(".git"), "{stderr}");
    env.skene()
        .arg("validate")
        .assert()
        .code(5)
        .stderr(predicates::str::contains("no bundle here: looked for"));
}

#[test]
fn version_control_and_build_directories_in_a_bundle_are_skipped() {
    let env = project_env();
    env.write("skene-context/.git/config", "[core]\n");
    env.write("skene-context/node_modules/x/index.js", "x\n");
    env.write("skene-context/target/out.bin", b"\xff\xfe");
    let assert = env
        .skene()
        .args(["push", "--dry-run", "--json"])
        .assert()
        .success();
    let (stdout, stderr) = outputs(&assert);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 4, "{stdout}");
    assert!(
        stderr.contains(
            "skene-context/node_modules: warning: a version control, dependency or build directory"
        ),
        "{stderr}"
    );
}

#[test]
fn printed_problems_are_capped_and_json_has_all() {
    let env = project_env();
    for i in 0..57 {
        env.write(&format!("skene-context/bad/{i:02}.txt"), b"caf\xe9\n");
    }
    let assert = env.skene().arg("push").assert().code(5);
    let (_, stderr) = outputs(&assert);
    assert_eq!(
        stderr.matches("error: not UTF-8 text").count(),
        50,
        "{stderr}"
    );
    assert!(
        stderr.contains("… and 10 more; `--json` has all"),
        "{stderr}"
    );
    assert!(stderr.contains("the bundle has 57 errors; nothing was sent"));
    assert!(env.cloud.requests_to("/push").is_empty());

    let assert = env.skene().args(["validate", "--json"]).assert().code(5);
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    // 57 errors, and three warnings for the sample's defective trigger migration.
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 60);
    let assert = env.skene().arg("validate").assert().code(5);
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains("… and 10 more; `--json` has all"),
        "{stdout}"
    );
}

#[test]
fn keys_hidden_from_a_plain_search_are_refused() {
    let key = fake_key();
    let (head, tail) = key.split_at(9);
    let cases: Vec<(String, Vec<u8>, &str)> = vec![
        // A JSON escape for `_`.
        (
            "skene-context/escaped.json".into(),
            format!("{{\"token\": \"{}\"}}\n", key.replacen('_', "\\u005f", 1)).into_bytes(),
            "skene-context/escaped.json:1:12: error: contains what looks like a Skene API key",
        ),
        // A YAML escaped line break that joins the key across two lines.
        (
            "skene-context/joined.yaml".into(),
            format!("a: 1\ntoken: \"{head}\\\n    {tail}\"\n").into_bytes(),
            "skene-context/joined.yaml:2:9: error: contains what looks like a Skene API key",
        ),
        // The key in a file name.
        (
            format!("skene-context/{key}.md"),
            b"notes\n".to_vec(),
            ".md: error: its path contains what looks like a Skene API key",
        ),
        // Environment files whatever their case or form.
        (
            "skene-context/.ENV.local".into(),
            b"X=1\n".to_vec(),
            "skene-context/.ENV.local: error: refusing to push .ENV.local",
        ),
        (
            "skene-context/prod.env".into(),
            b"X=1\n".to_vec(),
            "skene-context/prod.env: error: refusing to push prod.env",
        ),
    ];
    for (rel, bytes, needle) in cases {
        let env = project_env();
        env.write(&rel, bytes);
        let assert = env.skene().arg("push").assert().code(5);
        let (_, stderr) = outputs(&assert);
        assert!(stderr.contains(needle), "missing {needle:?} in\n{stderr}");
        assert!(!stderr.contains(&key), "the key is not printed: {stderr}");
        assert!(env.cloud.requests_to("/push").is_empty(), "{rel}");
    }
}

#[cfg(unix)]
#[test]
fn links_to_secrets_and_link_loops_are_named_for_what_they_are() {
    use std::os::unix::fs::symlink;
    let env = project_env();
    env.write("secret.env", "X=1\n");
    symlink(
        "../secret.env",
        env.project().join("skene-context/settings.txt"),
    )
    .unwrap();
    symlink("b", env.project().join("skene-context/a")).unwrap();
    symlink("a", env.project().join("skene-context/b")).unwrap();
    let assert = env.skene().arg("push").assert().code(5);
    let (_, stderr) = outputs(&assert);
    assert!(
        stderr.contains(
            "skene-context/settings.txt: error: a symlink to secret.env: refusing to push secret.env"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("skene-context/a: warning: a symlink loop"),
        "{stderr}"
    );
    assert!(!stderr.contains("target does not exist"), "{stderr}");
}

#[test]
fn an_unclosed_bracket_is_shown_where_it_was_opened() {
    let env = project_env();
    env.write(
        "skene-context/engine.yaml",
        "version: 1\nfeatures: [\n  {key: a, name: A},\n  {key: b, name: B}\nsubjects: []\n",
    );
    let assert = env.skene().arg("validate").assert().code(5);
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains("skene-context/engine.yaml:5:9: error: not valid YAML"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 | features: [\n  |           ^ `[` opened here"),
        "{stdout}"
    );
    assert!(
        stdout.contains("hint: the `[` opened on line 2, column 11 is never closed"),
        "{stdout}"
    );
}

#[test]
fn a_long_one_line_engine_file_gets_a_short_snippet() {
    let env = project_env();
    // 3 MB on one line, with the error at its end.
    let line = format!("version: 1, x: [{}]]\n", "abc, ".repeat(600_000));
    env.write("skene-context/engine.yaml", &line);
    let assert = env.skene().arg("validate").assert().code(5);
    let (stdout, stderr) = outputs(&assert);
    assert!(stdout.contains("skene-context/engine.yaml:1:"), "{stderr}");
    assert!(stdout.len() < 2_000, "{} bytes of output", stdout.len());
    assert!(stdout.contains('…'), "{stdout}");

    // Far larger engine files are not parsed at all.
    let huge = format!("version: 1\nx: \"{}\"\n", "y".repeat(5 << 20));
    env.write("skene-context/engine.yaml", &huge);
    env.skene()
        .arg("validate")
        .assert()
        .code(5)
        .stdout(predicates::str::contains(
            "an engine file over 4 MiB is not read",
        ));
}

#[test]
fn the_missing_migration_hint_names_the_command_and_the_place() {
    let env = project_env();
    std::fs::remove_dir_all(env.project().join("supabase")).unwrap();
    let assert = env.skene().arg("validate").assert().code(5);
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains("hint: run `skene triggers generate` in the project directory"),
        "{stdout}"
    );
    assert!(
        stdout.contains("supabase/migrations/<timestamp>_skene_triggers.sql"),
        "{stdout}"
    );
}
