//! The shape of the test suite itself.

use std::path::Path;

/// Every integration test lives in this binary: a `tests/<name>.rs` would be a
/// binary of its own, compiling the harness and the fake cloud again (and,
/// under a plain `cargo test`, not running at all after an earlier binary fails).
#[test]
fn the_integration_tests_are_one_binary() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut strays: Vec<String> = std::fs::read_dir(&tests)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs"))
        .collect();
    strays.sort();
    assert!(
        strays.is_empty(),
        "tests/{} should be a module of the one test binary: move it to tests/cli/ \
         and add `mod <name>;` to tests/cli/main.rs",
        strays.join(", tests/")
    );
}
