//! Which files a push sends, in the Python client's order:
//! every regular file under the bundle directory, sorted by path components
//! (Python's `sorted(Path.rglob("*"))`), then `{bundle}/engine.yaml` if not
//! already listed, then the newest trigger migration.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::diag::Diagnostic;
pub use super::locate::{BundleDir, LocateError, locate, relative};

/// Bundle directories looked for, in order, when none is configured.
pub const DEFAULT_DIRS: [&str; 2] = ["skene-context", "skene"];
pub const ENGINE_FILE: &str = "engine.yaml";
pub const MIGRATIONS_DIR: &str = "supabase/migrations";
/// The files that make a directory a bundle: one of them is enough.
pub const BUNDLE_FILES: [&str; 3] = [ENGINE_FILE, "feature-registry.json", "growth-manifest.json"];

/// Directories of version control systems, dependencies and build outputs: never
/// part of a bundle, and never descended into.
const NOT_BUNDLE_DIRS: [&str; 12] = [
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    ".jj",
    "_darcs",
    "CVS",
    "node_modules",
    "target",
    "__pycache__",
    ".venv",
    ".tox",
];

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    /// POSIX path relative to the project root: what the body calls it.
    pub path: String,
    /// Where it is read from.
    pub abs: PathBuf,
}

/// Why a file of this name is never pushed, if it is not: the project's config
/// (which can hold a key) and environment files (`.env`, `.env.local`, `prod.env`,
/// `.ENV.local`: any case).
fn refused_name(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if lower == ".skene.config" {
        Some("it is the project's config file, which can hold a key")
    } else if lower.starts_with(".env") || lower.ends_with(".env") || lower.contains(".env.") {
        Some("environment files hold secrets")
    } else {
        None
    }
}

/// Why a file at `path` (`/`-separated) is never pushed, if it is not: its name,
/// or the name of a directory it is in (`.env/x`), is refused; with that name.
fn refused_path(path: &str) -> Option<(&str, &'static str)> {
    path.split('/')
        .find_map(|part| refused_name(part).map(|why| (part, why)))
}

/// Lists the files to send. `root` must be canonical. Problems go to `diags`.
pub fn collect(root: &Path, bundle: &BundleDir, diags: &mut Vec<Diagnostic>) -> Vec<BundleFile> {
    let mut entries: Vec<(Vec<String>, PathBuf, Option<fs::FileType>)> = Vec::new();
    walk(
        &bundle.abs,
        &mut Vec::new(),
        &mut entries,
        &bundle.rel,
        diags,
    );
    entries.sort_by(|a, b| a.0.cmp(&b.0));

    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for (parts, abs, file_type) in entries {
        let shown = bundle.join(&parts.join("/"));
        if let Some(file) = classify(root, &abs, &shown, file_type, diags)
            && seen.insert(file.path.clone())
        {
            files.push(file);
        }
    }

    let engine = bundle.join(ENGINE_FILE);
    if !seen.contains(&engine) {
        let abs = bundle.abs.join(ENGINE_FILE);
        if abs.is_file() {
            if let Some(file) = classify(root, &abs, &engine, None, diags)
                && seen.insert(file.path.clone())
            {
                files.push(file);
            }
        } else {
            diags.push(Diagnostic::error(
                engine.clone(),
                format!("engine.yaml is missing: looked for {}", abs.display()),
            ));
        }
    }

    if let Some((shown, abs)) = newest_trigger_migration(root)
        && let Some(file) = classify(root, &abs, &shown, None, diags)
        && seen.insert(file.path.clone())
    {
        files.push(file);
    }
    files
}

/// Every non-directory entry below `dir`, with its path components. Linked
/// directories are not descended, as with Python's `rglob`.
fn walk(
    dir: &Path,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Vec<String>, PathBuf, Option<fs::FileType>)>,
    shown_root: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let reader = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(
                shown(shown_root, prefix),
                format!("cannot read the directory: {e}"),
            ));
            return;
        }
    };
    for entry in reader.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str().map(str::to_owned) else {
            diags.push(Diagnostic::error(
                format!("{}/{}", shown(shown_root, prefix), name.to_string_lossy()),
                "the file name is not UTF-8",
            ));
            continue;
        };
        let path = entry.path();
        // From the directory listing itself: no system call per file.
        let file_type = entry.file_type().ok();
        let is_dir = file_type.is_some_and(|t| t.is_dir());
        if NOT_BUNDLE_DIRS.contains(&name.as_str()) {
            let what = if is_dir { "directory" } else { "file" };
            diags.push(Diagnostic::warning(
                format!("{}/{name}", shown(shown_root, prefix)),
                format!("a version control, dependency or build {what}: skipped, never pushed"),
            ));
            continue;
        }
        prefix.push(name);
        if is_dir {
            walk(&path, prefix, out, shown_root, diags);
        } else {
            out.push((prefix.clone(), path, file_type));
        }
        prefix.pop();
    }
}

fn shown(root: &str, parts: &[String]) -> String {
    if parts.is_empty() {
        root.to_owned()
    } else {
        format!("{root}/{}", parts.join("/"))
    }
}

/// Decides what a non-directory entry becomes: a file to send (under its own path,
/// or its target's for a link that stays inside the project), nothing, or a problem.
fn classify(
    root: &Path,
    abs: &Path,
    shown: &str,
    file_type: Option<fs::FileType>,
    diags: &mut Vec<Diagnostic>,
) -> Option<BundleFile> {
    let ft = match file_type {
        Some(ft) => ft,
        None => match fs::symlink_metadata(abs) {
            Ok(m) => m.file_type(),
            Err(e) => {
                diags.push(Diagnostic::error(shown, format!("cannot read: {e}")));
                return None;
            }
        },
    };
    if let Some((name, why)) = refused_path(shown) {
        diags.push(
            Diagnostic::error(shown, format!("refusing to push {name}: {why}"))
                .hint("move it out of the bundle directory"),
        );
        return None;
    }
    if ft.is_file() {
        return Some(BundleFile {
            path: shown.to_owned(),
            abs: abs.to_path_buf(),
        });
    }
    if !ft.is_symlink() {
        diags.push(Diagnostic::error(
            shown,
            "a special file (device, socket or pipe) cannot be pushed",
        ));
        return None;
    }
    let target = match fs::canonicalize(abs) {
        Ok(target) => target,
        Err(e) if is_loop(&e) => {
            diags.push(
                Diagnostic::warning(
                    shown,
                    "a symlink loop (following it never reaches a file); skipped",
                )
                .hint("remove the link, or point it at a file"),
            );
            return None;
        }
        Err(_) => {
            diags.push(Diagnostic::warning(
                shown,
                "a symlink whose target does not exist; skipped",
            ));
            return None;
        }
    };
    let Some(rel) = relative(root, &target) else {
        diags.push(
            Diagnostic::error(
                shown,
                format!(
                    "a symlink that leads outside the project (to {})",
                    target.display()
                ),
            )
            .hint("copy the file into the project, or remove the link"),
        );
        return None;
    };
    let target_meta = fs::metadata(&target).ok()?;
    if target_meta.is_dir() {
        return None; // linked directories are not descended
    }
    if let Some((target_name, why)) = refused_path(&rel) {
        diags.push(Diagnostic::error(
            shown,
            format!("a symlink to {rel}: refusing to push {target_name}: {why}"),
        ));
        return None;
    }
    if !target_meta.is_file() {
        diags.push(Diagnostic::error(
            shown,
            "a symlink to a special file (device, socket or pipe)",
        ));
        return None;
    }
    Some(BundleFile {
        path: rel,
        abs: target,
    })
}

/// True for the error of a path that goes round in symlinks (`ELOOP`).
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const ELOOP: i32 = 62; // macOS and the BSDs
    cfg!(unix) && e.raw_os_error() == Some(ELOOP)
}

/// The `supabase/migrations/*.sql` file with the greatest name that ends in
/// `_skene_triggers.sql` or contains `skene_trigger` or `skene_telemetry`, and never
/// one containing `skene_growth_schema`.
pub fn newest_trigger_migration(root: &Path) -> Option<(String, PathBuf)> {
    let dir = root.join(MIGRATIONS_DIR);
    let names = fs::read_dir(&dir)
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok());
    let newest = names
        .filter(|n| n.ends_with(".sql") && !n.contains("skene_growth_schema"))
        .filter(|n| {
            n.ends_with("_skene_triggers.sql")
                || n.contains("skene_trigger")
                || n.contains("skene_telemetry")
        })
        .filter(|n| dir.join(n).is_file())
        .max()?;
    Some((format!("{MIGRATIONS_DIR}/{newest}"), dir.join(newest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        (dir, root)
    }

    /// The paths a push would send from the default bundle, and the problems found.
    fn paths(root: &Path) -> (Vec<String>, Vec<Diagnostic>) {
        let bundle = locate(root, None).unwrap();
        let mut diags = Vec::new();
        let files = collect(root, &bundle, &mut diags)
            .into_iter()
            .map(|f| f.path)
            .collect();
        (files, diags)
    }

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, rel).unwrap();
    }

    #[test]
    fn order_follows_path_components_then_engine_then_migration() {
        let (_d, root) = project();
        for rel in [
            "skene-context/engine.yaml",
            "skene-context/a-b.json",
            "skene-context/a/z.json",
            "skene-context/a.json",
            "skene-context/B.json",
            "supabase/migrations/20260101_skene_triggers.sql",
            "supabase/migrations/20260301_skene_triggers.sql",
            "supabase/migrations/20260401_skene_growth_schema.sql",
            "supabase/migrations/20260501_other.sql",
        ] {
            touch(&root, rel);
        }
        let (files, diags) = paths(&root);
        assert!(diags.is_empty(), "{diags:?}");
        // Python compares ("a", "z.json") < ("a-b.json",) < ("a.json",): by component.
        assert_eq!(
            files,
            [
                "skene-context/B.json",
                "skene-context/a/z.json",
                "skene-context/a-b.json",
                "skene-context/a.json",
                "skene-context/engine.yaml",
                "supabase/migrations/20260301_skene_triggers.sql",
            ]
        );
    }
    #[test]
    fn missing_engine_is_an_error_naming_the_place() {
        let (_d, root) = project();
        touch(&root, "skene-context/growth-manifest.json");
        let bundle = locate(&root, None).unwrap();
        let mut diags = Vec::new();
        collect(&root, &bundle, &mut diags);
        assert!(
            diags[0].to_string().starts_with(
                "skene-context/engine.yaml: error: engine.yaml is missing: looked for"
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_inside_are_sent_under_the_target_path_once_and_outside_refused() {
        use std::os::unix::fs::symlink;
        let (_d, root) = project();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret.txt"), "x").unwrap();
        touch(&root, "skene-context/engine.yaml");
        touch(&root, "docs/shared.json");
        symlink(
            root.join("docs/shared.json"),
            root.join("skene-context/link.json"),
        )
        .unwrap();
        symlink(
            root.join("skene-context/engine.yaml"),
            root.join("skene-context/alias.yaml"),
        )
        .unwrap();
        symlink(root.join("docs"), root.join("skene-context/docs-dir")).unwrap();
        symlink(
            outside.path().join("secret.txt"),
            root.join("skene-context/out.txt"),
        )
        .unwrap();
        symlink(root.join("gone"), root.join("skene-context/dangling")).unwrap();
        touch(&root, "skene-context/.env.local");
        let (files, diags) = paths(&root);
        assert_eq!(files, ["skene-context/engine.yaml", "docs/shared.json"]);
        let all: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(
            all.iter()
                .any(|d| d.contains("skene-context/out.txt: error: a symlink that leads outside")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|d| d.contains(".env.local: error: refusing to push")),
            "{all:?}"
        );
        assert!(
            all.iter().any(|d| d.contains("dangling: warning")),
            "{all:?}"
        );
    }
    #[test]
    fn vcs_and_build_directories_are_never_descended() {
        let (_d, root) = project();
        touch(&root, "skene-context/engine.yaml");
        for dir in [".git", "node_modules", "target", ".hg", "__pycache__"] {
            touch(&root, &format!("skene-context/{dir}/deep/file.txt"));
        }
        touch(&root, "skene-context/sub/.svn/entries");
        let (files, diags) = paths(&root);
        assert_eq!(files, ["skene-context/engine.yaml"]);
        let all: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(all.len(), 6, "one warning per directory: {all:?}");
        assert!(
            all.contains(&"skene-context/node_modules: warning: a version control, dependency or build directory: skipped, never pushed".to_owned()),
            "{all:?}"
        );
    }

    #[test]
    fn env_files_are_refused_in_any_case_and_form() {
        for name in [
            ".env",
            ".ENV.local",
            ".env.production",
            "prod.env",
            "Staging.ENV",
            "app.env.bak",
            ".Skene.Config",
        ] {
            assert!(refused_name(name).is_some(), "{name}");
        }
        for name in ["environment.md", "env.json", "README.md", "envoy.yaml"] {
            assert!(refused_name(name).is_none(), "{name}");
        }
    }

    #[test]
    fn files_inside_env_directories_are_refused() {
        let (_d, root) = project();
        touch(&root, "skene-context/engine.yaml");
        touch(&root, "skene-context/.env/x");
        touch(&root, "skene-context/deep/prod.env/config.json");
        let (files, diags) = paths(&root);
        assert_eq!(files, ["skene-context/engine.yaml"]);
        let all: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(
            all.contains(&"skene-context/.env/x: error: refusing to push .env: environment files hold secrets".to_owned()),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|d| d.starts_with("skene-context/deep/prod.env/config.json: error")),
            "{all:?}"
        );
        assert_eq!(refused_path("a/.env.d/b.json").map(|r| r.0), Some(".env.d"));
        assert_eq!(refused_path("a/envs/b.json"), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_to_env_files_and_loops_are_reported_as_such() {
        use std::os::unix::fs::symlink;
        let (_d, root) = project();
        touch(&root, "skene-context/engine.yaml");
        touch(&root, "secret.env");
        symlink("../secret.env", root.join("skene-context/config.txt")).unwrap();
        symlink("loop-b", root.join("skene-context/loop-a")).unwrap();
        symlink("loop-a", root.join("skene-context/loop-b")).unwrap();
        let (files, diags) = paths(&root);
        assert_eq!(files, ["skene-context/engine.yaml"]);
        let all: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(
            all.contains(&"skene-context/config.txt: error: a symlink to secret.env: refusing to push secret.env: environment files hold secrets".to_owned()),
            "{all:?}"
        );
        for link in ["loop-a", "loop-b"] {
            assert!(
                all.contains(&format!("skene-context/{link}: warning: a symlink loop (following it never reaches a file); skipped")),
                "{all:?}"
            );
        }
    }
}
