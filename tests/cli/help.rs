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

#[test]
fn version_with_verbose_prints_the_build_details_for_bug_reports() {
    let env = Env::new();
    for args in [
        &["-vV"][..],
        &["--version", "-v"],
        &["--verbose", "--version"],
    ] {
        let assert = env.skene().args(args).assert().success();
        let stdout = outputs(&assert).0;
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(
            lines[0],
            format!("skene {}", env!("CARGO_PKG_VERSION")),
            "{stdout}"
        );
        for (i, field) in [
            "commit-hash",
            "commit-date",
            "build-date",
            "target",
            "keyring",
            "rustc",
        ]
        .iter()
        .enumerate()
        {
            let line = lines.get(i + 1).copied().unwrap_or_default();
            assert!(
                line.starts_with(&format!("{field}: ")),
                "{args:?}: {stdout}"
            );
            assert!(line.len() > field.len() + 2, "{field} is empty: {stdout}");
        }
        assert!(
            stdout.contains("target: x86_64-") || stdout.contains("target: aarch64-"),
            "{stdout}"
        );
        assert!(stdout.contains("keyring: Secret Service"), "{stdout}");
    }
    // Without -v: the one line.
    let assert = env.skene().arg("--version").assert().success();
    assert_eq!(outputs(&assert).0.lines().count(), 1);
}
