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

// --- the house: which module may import which ------------------------------

/// The leaves: small modules every layer may use; they import nothing of the crate.
const LEAVES: &[&str] = &["secret", "random", "fsutil", "interrupt", "time", "version"];

/// What each top-level module of `src/` may import (besides the leaves), as
/// README's "How the code is laid out" draws it: each layer only from below.
const MAY_IMPORT: &[(&str, &[&str])] = &[
    ("lib", &["*"]),
    ("main", &["*"]),
    // The commands layer: the clap tree and one module per command.
    ("cli", &["commands", "settings"]),
    (
        "commands",
        &[
            "cli",
            "agent",
            "settings",
            "credentials",
            "output",
            "prompt",
            "error",
            "browser",
            "api",
            "weblogin",
            "bundle",
            "triggers",
            "db",
            "sql",
        ],
    ),
    (
        "agent",
        &[
            "settings",
            "credentials",
            "output",
            "error",
            "api",
            "db",
            "triggers",
            "sql",
        ],
    ),
    // Policy.
    ("settings", &["api", "error"]),
    ("credentials", &["settings", "api", "error"]),
    ("output", &["settings"]),
    ("prompt", &["output", "settings", "api", "error"]),
    ("error", &["output", "settings", "api"]),
    ("browser", &["output", "settings", "api", "error"]),
    // Engines: no clap, no printing, no settings.
    ("api", &[]),
    ("weblogin", &[]),
    ("bundle", &["sql"]),
    ("triggers", &["bundle", "sql", "db"]),
    ("db", &["sql"]),
    ("sql", &[]),
];

/// Modules of `commands/` that are shared helpers, not commands: any command may
/// import them (and `commands/mod.rs`, which dispatches and re-exports them).
const COMMAND_HELPERS: &[&str] = &["context", "bundle_args", "page", "choose"];

/// The module path of a file below `src/`: `commands/login/web.rs` →
/// `[commands, login, web]`; `mod.rs` is its directory; `lib.rs` is the root.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().unwrap();
    let stem = file.trim_end_matches(".rs");
    if stem != "mod" && !(parts.is_empty() && (stem == "lib" || stem == "main")) {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code without comments (a path in a doc comment imports nothing) and
/// without the unit tests' module (its `super::` is the file itself).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|i| !i.is_empty())
        .flat_map(expand)
        .map(|rest| format!("{prefix}{rest}"))
        .collect()
}

/// Every `crate::…` and `super::…` path the code names (in `use` trees and
/// inline), as an absolute module path.
fn imports(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut paths: Vec<String> = Vec::new();
    // `use` statements, braces expanded.
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let boundary = i == 0
            || !(rest.as_bytes()[i - 1].is_ascii_alphanumeric() || rest.as_bytes()[i - 1] == b'_');
        let after = &rest[i + 4..];
        let tree = after.trim_start();
        if !boundary || !(tree.starts_with("crate::") || tree.starts_with("super::")) {
            rest = after;
            continue;
        }
        let end = tree.find(';').unwrap_or(tree.len());
        paths.extend(expand(&tree[..end]));
        rest = &tree[end..];
    }
    // Inline paths: `crate::api::url::with_scheme(…)`.
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
                continue;
            }
            let len = code[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - i);
            paths.push(code[i..i + len].to_owned());
        }
    }
    paths
        .into_iter()
        .filter_map(|p| {
            let mut segs = p.split("::").filter(|s| !s.is_empty()).peekable();
            let mut abs: Vec<String> = match segs.peek() {
                Some(&"crate") => {
                    segs.next();
                    Vec::new()
                }
                _ => here.to_vec(),
            };
            while segs.peek() == Some(&"super") {
                segs.next();
                abs.pop()?;
            }
            abs.extend(segs.map(str::to_owned));
            Some(abs)
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules `commands/mod.rs` declares: the commands and the shared helpers.
fn command_modules(src: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(src.join("commands/mod.rs")).unwrap();
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let name = l
                .strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))?;
            Some(name.trim_end_matches(';').to_owned())
        })
        .collect()
}

/// What the drawing in the README promises: no arrow from a lower layer up, no
/// command importing another command (only the shared helpers), leaves that
/// import nothing of the crate.
#[test]
fn each_module_imports_only_what_its_layer_allows() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let commands = command_modules(&src);
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong: Vec<String> = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let here = module_path(rel);
        let top = here.first().map_or_else(
            || rel.to_string_lossy().trim_end_matches(".rs").to_owned(),
            Clone::clone,
        );
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for path in imports(&code, &here) {
            let Some(target) = path.first() else { continue };
            if *target == top
                || LEAVES.contains(&target.as_str()) && !LEAVES.contains(&top.as_str())
            {
                // Within the module, or a leaf from outside the leaves.
            } else {
                let allowed = MAY_IMPORT
                    .iter()
                    .find(|(m, _)| *m == top)
                    .map_or(&[][..], |(_, a)| *a);
                if !(allowed.contains(&"*") || allowed.contains(&target.as_str())) {
                    wrong.push(format!(
                        "src/{} imports {} ({top} may not import {target})",
                        rel.display(),
                        path.join("::")
                    ));
                }
            }
            // One command never imports another; the shared helpers are for all.
            if top == "commands"
                && target == "commands"
                && let (Some(mine), Some(theirs)) = (here.get(1), path.get(1))
                && mine != theirs
                && commands.contains(theirs)
                && !COMMAND_HELPERS.contains(&theirs.as_str())
            {
                wrong.push(format!(
                    "src/{} imports {} (a command imports only the shared helpers: {})",
                    rel.display(),
                    path.join("::"),
                    COMMAND_HELPERS.join(", ")
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the layering of README's \"How the code is laid out\":\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_import_reader_sees_use_trees_inline_paths_and_super() {
    let here = vec!["commands".to_owned(), "keys".to_owned()];
    let code = "use super::{Context, push::{self, run}};\nuse crate::api::Client;\nlet x = crate::settings::env::get(\"A\");";
    let found: Vec<String> = imports(code, &here).iter().map(|p| p.join("::")).collect();
    for want in [
        "commands::Context",
        "commands::push::self",
        "commands::push::run",
        "api::Client",
        "settings::env::get",
    ] {
        assert!(found.contains(&want.to_owned()), "{want} in {found:?}");
    }
    assert_eq!(
        module_path(Path::new("commands/login/mod.rs")),
        ["commands", "login"]
    );
}
