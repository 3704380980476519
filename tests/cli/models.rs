//! `skene models`.

use serde_json::Value;

use crate::support::outputs;

use super::chat::owner;

#[test]
fn models_are_listed() {
    let env = owner();
    env.skene()
        .arg("models")
        .assert()
        .success()
        .stdout("auto\nfast\n");
    let assert = env.skene().args(["models", "--json"]).assert().success();
    let v: Value = serde_json::from_str(&outputs(&assert).0).unwrap();
    assert_eq!(v[1]["id"], "fast", "a bare array, like every other list");
}

#[test]
fn snapshot_models() {
    let env = owner();
    let assert = env.skene().arg("models").assert().success();
    insta::assert_snapshot!(env.snapshot(&assert), @"
    exit: 0
    --- stdout
    auto
    fast
    --- stderr
    --- end
    ");
}
