//! `skene validate`: the bundle report, its JSON, and GitHub annotations.

use predicates::prelude::*;
use serde_json::Value;

use crate::support::{Env, outputs};

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
    // One warning of engine.yaml, three for the sample's defective migration.
    assert!(stderr.contains("1 error, 4 warnings"), "{stderr}");

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
fn snapshot_valid_and_invalid_reports() {
    let env = Env::new();
    env.with_basic_project();
    let assert = env.skene().arg("validate").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 0
    --- stdout
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    skene-context/: 5 subjects, 4 features, 3 actions (email ×2, webhook ×1); 4 files
    --- stderr
    ✓ The bundle is valid (3 warnings)
    --- end
    "#);
    env.write(
        "skene-context/engine.yaml",
        "version: one\nfeatures:\n  - {key: a, name: A, source: nope, how_it_works: h}\n",
    );
    let assert = env.skene().arg("validate").assert().code(5);
    insta::assert_snapshot!(env.snapshot(&assert), @r#"
    exit: 5
    --- stdout
    skene-context/engine.yaml:1:10: error: `version` must be an integer, not a string
    skene-context/engine.yaml:3:31: warning: `features[0].source` is `nope`, not of the form schema.table.insert|update|delete
    supabase/migrations/20260301120000_skene_triggers.sql:12:1: warning: function skene_growth_fn_orders_INSERT_first_order_welcome: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:31:1: warning: function skene_growth_fn_invitations_UPDATE_invite_accepted_nudge: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    supabase/migrations/20260301120000_skene_triggers.sql:50:1: warning: function skene_growth_fn_auth_users_INSERT_signup_onboarding_webhook: this BEGIN has no matching END, so PostgreSQL rejects it with "syntax error at end of input" (the defect of trigger migrations written by the Python skene client 0.5.1)
      hint: regenerate the trigger migration with `skene triggers generate` (and delete the defective one: `supabase db push` applies every migration in the directory)
    skene-context/: 0 subjects, 1 feature, 0 actions; 4 files
    --- stderr
    error: the bundle is not valid: 1 error, 4 warnings
    --- end
    "#);
}

#[test]
fn validate_json_without_a_bundle_still_prints_a_report() {
    let env = Env::new();
    let assert = env.skene().args(["validate", "--json"]).assert().code(5);
    let (stdout, stderr) = outputs(&assert);
    let v: Value = serde_json::from_str(&stdout).expect("a JSON report on stdout");
    assert_eq!(v["valid"], false);
    assert!(
        v["error"].as_str().unwrap().contains("no bundle here"),
        "{v}"
    );
    assert!(stderr.contains("no bundle here"), "{stderr}");
}

#[test]
fn the_bundle_directory_itself_is_answered_with_its_project() {
    // Issue #10: passing `demo/skene-context` looked for `…/skene-context/skene-context`.
    let env = Env::new();
    env.with_basic_project();
    for args in [
        &["validate", "project/skene-context"][..],
        &["push", "--dry-run", "project/skene-context"][..],
    ] {
        let mut cmd = env.skene();
        cmd.current_dir(env.project().parent().unwrap()).args(args);
        let stderr = outputs(&cmd.assert().code(5)).1;
        assert!(stderr.contains("error: no bundle here"), "{stderr}");
        let hint =
            "hint: PATH is the bundle directory itself: pass the project directory that holds it, ";
        assert!(
            stderr.contains(&format!("{hint}{}\n", env.project().display())),
            "{stderr}"
        );
    }
}

#[test]
fn a_bundle_that_is_the_project_root_is_shown_without_a_leading_slash() {
    // Run inside the bundle folder with --output-dir . : paths were "/engine.yaml".
    let env = Env::new();
    env.with_basic_project();
    let mut cmd = env.skene();
    cmd.current_dir(env.project().join("skene-context"))
        .args(["validate", "--output-dir", "."]);
    let (stdout, stderr) = outputs(&cmd.assert().code(5));
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(
            "engine.yaml: error: features have actions, but there is no trigger migration"
        ),
        "{all}"
    );
    assert!(all.contains("./: 5 subjects"), "{all}");
    assert!(!all.contains("/engine.yaml"), "{all}");
}

#[test]
fn quiet_shows_errors_but_not_warnings() {
    let env = Env::new();
    env.with_basic_project();
    let assert = env.skene().args(["validate", "-q"]).assert().success();
    let (stdout, _) = outputs(&assert);
    assert!(!stdout.contains("warning"), "{stdout}");
    env.write("skene-context/engine.yaml", "version: one\n");
    let assert = env.skene().args(["validate", "-q"]).assert().code(5);
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains("error: `version` must be an integer"),
        "{stdout}"
    );
    assert!(!stdout.contains("warning"), "{stdout}");
}
