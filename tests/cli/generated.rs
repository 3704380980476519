//! The clap tree is consistent, and the checked-in completions and man pages are
//! what it generates. Regenerate them with:
//!
//!     SKENE_REGENERATE=1 cargo test --test cli generated::
// The tests read their own variables, not skene's registry.
#![allow(clippy::disallowed_methods)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::{Generator, Shell};
use skene::cli::Cli;

const REGENERATE: &str = "SKENE_REGENERATE=1 cargo test --test cli generated::";

#[test]
fn the_command_tree_is_consistent() {
    Cli::command().debug_assert();
}

/// The completion scripts, made by the code behind `skene completions`.
fn completions() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let script = skene::generated::completion_script(shell).unwrap();
        files.insert(shell.file_name("skene"), script);
    }
    files
}

/// The man pages, made by the code behind `skene man`.
fn man_pages() -> BTreeMap<String, Vec<u8>> {
    skene::generated::man_pages()
}

fn check(dir: &str, expected: BTreeMap<String, Vec<u8>>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    if std::env::var_os("SKENE_REGENERATE").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &expected {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        return;
    }
    let mut present: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|_| panic!("{} is missing; run `{REGENERATE}`", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    present.sort();
    let names: Vec<String> = present
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let wanted: Vec<String> = expected.keys().cloned().collect();
    assert_eq!(
        names,
        wanted,
        "{} has other files than the clap tree makes; run `{REGENERATE}`",
        dir.display()
    );
    for (name, bytes) in &expected {
        let current = std::fs::read(dir.join(name)).unwrap();
        assert!(
            &current == bytes,
            "{}/{name} is out of date with the clap tree; run `{REGENERATE}`",
            dir.display()
        );
    }
}

#[test]
fn completions_are_up_to_date() {
    check("completions", completions());
}

#[test]
fn man_pages_are_up_to_date() {
    check("man", man_pages());
}

#[test]
fn the_completions_command_prints_the_same_scripts() {
    for (shell, name) in [
        (Shell::Bash, "skene.bash"),
        (Shell::Zsh, "_skene"),
        (Shell::Fish, "skene.fish"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_skene"))
            .env_clear()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&completions()[name])
        );
    }
}

#[test]
fn the_man_command_prints_and_installs_the_same_pages() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skene"))
        .env_clear()
        .arg("man")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, man_pages()["skene.1"]);

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("share/man/man1");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skene"))
        .env_clear()
        .args(["man", "--dir"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Wrote"), "{stderr}");
    assert!(
        stderr.contains("share/man"),
        "says where man looks: {stderr}"
    );
    for (name, bytes) in man_pages() {
        assert_eq!(std::fs::read(target.join(&name)).unwrap(), bytes, "{name}");
    }
}

/// The sections the man pages were missing (#10 item 7): values in the synopsis,
/// examples, exit status, the environment registry and the files.
#[test]
fn man_pages_have_proper_sections() {
    let pages = man_pages();
    let text = |name: &str| String::from_utf8(pages[name].clone()).unwrap();
    let top = text("skene.1");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH EXAMPLES",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(top.contains(section), "skene.1 lacks {section}");
    }
    assert!(!top.contains("EXTRA"), "no EXTRA section any more");
    for var in skene::settings::env::REGISTRY {
        let listed = top.contains(&format!("\\fB{}\\fR", var.name));
        let test_only = var.scope == skene::settings::env::Scope::Test;
        assert_eq!(listed, !test_only, "{} in ENVIRONMENT", var.name);
    }
    for file in ["config.toml", "credentials.toml", ".skene.config"] {
        assert!(top.contains(file), "FILES names {file}");
    }
    assert!(top.contains("\\fI130\\fR") || top.contains("\\fB130\\fR"));

    let push = text("skene-push.1");
    assert!(
        push.contains("\\fB\\-\\-output\\-dir\\fR \\fIDIR\\fR"),
        "the synopsis shows values:\n{push}"
    );
    assert!(
        push.contains(".SH EXAMPLES") && push.contains("skene push ../my\\-app \\-\\-dry\\-run")
    );
    assert!(push.contains(".SH \"EXIT STATUS\""));
    assert!(push.contains("skene(1)"), "SEE ALSO");
    let login = text("skene-login.1");
    assert!(
        login.contains(".SH ENVIRONMENT") && login.contains("SKENE_CREDENTIAL_STORE"),
        "a command's page lists the variables documented there"
    );
}
