//! Help that reads well: a command's own options apart from the global ones, and
//! `--version` on the top level only.

use crate::support::{Env, outputs};

#[test]
fn global_options_have_their_own_heading() {
    let env = Env::new();
    let assert = env
        .skene()
        .args(["members", "list", "--help"])
        .assert()
        .success();
    let (stdout, _) = outputs(&assert);
    let (own, global) = stdout
        .split_once("Global options:")
        .unwrap_or_else(|| panic!("a Global options heading: {stdout}"));
    assert!(own.contains("--limit"), "{stdout}");
    for flag in [
        "--upstream",
        "--api-url",
        "--workspace",
        "--json",
        "--no-input",
        "--color",
    ] {
        assert!(
            global.contains(flag),
            "{flag} under Global options: {stdout}"
        );
        assert!(
            !own.contains(flag),
            "{flag} not among the command's own: {stdout}"
        );
    }
}

#[test]
fn version_is_a_top_level_flag_only() {
    let env = Env::new();
    let assert = env.skene().arg("--version").assert().success();
    assert!(outputs(&assert).0.starts_with("skene "));
    let assert = env.skene().args(["members", "--help"]).assert().success();
    let (stdout, _) = outputs(&assert);
    assert!(!stdout.contains("--version"), "{stdout}");
    env.skene()
        .args(["members", "list", "--version"])
        .assert()
        .code(2);
}
