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

fn completions() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "skene", &mut buf);
        files.insert(shell.file_name("skene"), buf);
    }
    files
}

fn man_pages() -> BTreeMap<String, Vec<u8>> {
    fn walk(cmd: clap::Command, files: &mut BTreeMap<String, Vec<u8>>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            walk(sub, files);
        }
        let man = clap_mangen::Man::new(cmd);
        let mut buf = Vec::new();
        man.render(&mut buf).unwrap();
        files.insert(man.get_filename(), buf);
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut files = BTreeMap::new();
    walk(cmd, &mut files);
    files
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
        let expected = &completions()[name];
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim_end(),
            String::from_utf8_lossy(expected).trim_end()
        );
    }
}
