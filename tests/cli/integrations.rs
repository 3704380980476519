//! `skene integrations`.

use predicates::prelude::*;

use crate::support::outputs;

use super::members::{json_out, owner};

#[test]
fn integrations_are_listed_and_their_page_printed() {
    let env = owner();
    let assert = env
        .skene()
        .args(["integrations", "list"])
        .assert()
        .success();
    let (stdout, _) = outputs(&assert);
    assert!(
        stdout.contains("supabase")
            && stdout.contains("connected")
            && stdout.contains("project prod, ref abcd1234, read-write"),
        "{stdout}"
    );
    assert!(
        stdout.contains("github") && stdout.contains("not connected"),
        "{stdout}"
    );
    let v = json_out(
        &env.skene()
            .args(["integrations", "list", "--json"])
            .assert()
            .success(),
    );
    assert_eq!(v[0]["type"], "supabase");

    env.skene()
        .args(["integrations", "open", "--print"])
        .assert()
        .success()
        .stdout(format!(
            "{}/workspace/my-app/integrations\n",
            env.cloud.origin()
        ));
    // No display: the URL is printed rather than a browser started.
    env.skene()
        .args(["integrations", "open"])
        .assert()
        .success()
        .stdout(predicate::str::contains("/workspace/my-app/integrations"));
}

#[test]
fn snapshot_integrations_list() {
    let env = owner();
    let assert = env
        .skene()
        .args(["integrations", "list"])
        .assert()
        .success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    INTEGRATION  STATUS         DETAILS
    supabase     connected      project prod, ref abcd1234, read-write
    github       not connected
    --- stderr
    --- end
    ");
}
