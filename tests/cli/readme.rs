//! What the README promises a new user (#10 items 4 and 8, and its first screen).

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

#[test]
fn every_cargo_build_install_or_run_it_shows_is_locked() {
    let text = readme();
    let unlocked: Vec<&str> = text
        .lines()
        .filter(|l| {
            ["cargo install", "cargo build", "cargo run"]
                .iter()
                .any(|c| l.contains(c))
        })
        .filter(|l| !l.contains("--locked"))
        .collect();
    assert!(
        unlocked.is_empty(),
        "without --locked the binary is built with dependency versions the tests never ran:\n{}",
        unlocked.join("\n")
    );
}

#[test]
fn keyring_items_are_described_by_the_attributes_they_really_have() {
    let text = readme();
    assert!(
        !text.contains("account \"") && !text.contains("account `"),
        "the Secret Service item has no `account` attribute"
    );
    assert!(text.contains("secret-tool lookup service skene username"));
    assert!(
        text.contains("skene: My App (my-app) on www.skene.ai"),
        "the label"
    );
}

#[test]
fn the_first_screen_shows_skene_link() {
    let text = readme();
    let first: Vec<&str> = text.lines().take(24).collect();
    assert!(
        first
            .iter()
            .any(|l| l.trim_start().starts_with("skene link")),
        "{}",
        first.join("\n")
    );
}

/// The README's table of variables and the one registry (which also writes the
/// man page's ENVIRONMENT) name the same variables: one a user can set is in both.
#[test]
fn the_environment_table_names_every_registered_variable() {
    let text = readme();
    let start = text
        .find("## Global flags and environment")
        .expect("the section");
    let section = &text[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let missing: Vec<&str> = skene::settings::env::REGISTRY
        .iter()
        .filter(|v| v.scope != skene::settings::env::Scope::Test)
        .map(|v| v.name)
        // Set by the completion scripts, not by people; skene-completions(1) has it.
        .filter(|name| *name != "SKENE_COMPLETE")
        .filter(|name| !section.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "README's \"Global flags and environment\" lacks {missing:?}"
    );
}

/// `skene logs` (the cloud's side) and `skene agent listen` (the local side)
/// point at each other (#17), and Logs says how its page cap and Ctrl-C behave.
#[test]
fn logs_and_listen_point_at_each_other() {
    let text = readme();
    let section = |heading: &str| {
        let start = text
            .find(heading)
            .unwrap_or_else(|| panic!("a section {heading}"));
        let rest = &text[start + heading.len()..];
        let end = rest.find("\n## ").or_else(|| rest.find("\n### "));
        rest[..end.unwrap_or(rest.len())].to_owned()
    };
    let listen = section("### Watching events: `skene agent listen`");
    assert!(listen.contains("(#logs)"), "{listen}");
    let logs = section("\n## Logs\n");
    assert!(
        logs.contains("(#watching-events-skene-agent-listen)"),
        "{logs}"
    );
    assert!(logs.contains("stopped after 1000 pages"), "{logs}");
    assert!(logs.contains("exit 130"), "{logs}");
}
