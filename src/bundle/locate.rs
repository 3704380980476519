//! Where the bundle of a project is: the configured directory, else
//! `skene-context/`, else the legacy `skene/`, and only a directory that holds a
//! bundle's files counts (a `skene/` that is a clone of some repository does not).

use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::files::{BUNDLE_FILES, DEFAULT_DIRS, ENGINE_FILE};

/// The bundle directory, relative to the project root.
#[derive(Debug, Clone)]
pub struct BundleDir {
    pub rel: String,
    pub abs: PathBuf,
}

impl BundleDir {
    /// `rest` (a `/`-separated path inside the bundle) relative to the project root:
    /// `skene-context/engine.yaml`, or `engine.yaml` when the bundle is the root.
    pub fn join(&self, rest: &str) -> String {
        if self.rel.is_empty() {
            rest.to_owned()
        } else {
            format!("{}/{rest}", self.rel)
        }
    }
}
/// Why no bundle directory could be used.
#[derive(Debug)]
pub enum LocateError {
    NotFound {
        /// Every directory looked at, in order.
        looked: Vec<PathBuf>,
        /// Those of them that exist but hold none of [`BUNDLE_FILES`].
        not_bundles: Vec<PathBuf>,
        /// When the project directory is itself a bundle directory (holds
        /// engine.yaml): the directory that holds it, to pass instead.
        holder: Option<PathBuf>,
    },
    Outside {
        dir: PathBuf,
        root: PathBuf,
    },
}

impl fmt::Display for LocateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocateError::NotFound {
                looked,
                not_bundles,
                ..
            } => {
                let looked: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
                write!(f, "no bundle here: looked for {}", looked.join(" and "))?;
                if !not_bundles.is_empty() {
                    let dirs: Vec<String> = not_bundles
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect();
                    write!(
                        f,
                        " ({} {} no {}, {} or {}: not a bundle)",
                        dirs.join(" and "),
                        if dirs.len() == 1 { "holds" } else { "hold" },
                        BUNDLE_FILES[0],
                        BUNDLE_FILES[1],
                        BUNDLE_FILES[2]
                    )?;
                }
                Ok(())
            }
            LocateError::Outside { dir, root } => write!(
                f,
                "the bundle directory {} is outside the project {}",
                dir.display(),
                root.display()
            ),
        }
    }
}

impl LocateError {
    /// What to do about it, when something specific can be said.
    pub fn hint(&self) -> Option<String> {
        match self {
            LocateError::NotFound {
                holder: Some(holder),
                ..
            } => Some(format!(
                "PATH is the bundle directory itself: pass the project directory that holds it, {}",
                holder.display()
            )),
            _ => None,
        }
    }
}

/// True when `dir` holds one of the files every bundle has.
fn is_bundle_dir(dir: &Path) -> bool {
    BUNDLE_FILES.iter().any(|f| dir.join(f).is_file())
}

/// Finds the bundle directory: `configured` (from `--output-dir`, `SKENE_OUTPUT_DIR`
/// or `.skene.config`) if given, else `skene-context/`, else `skene/`. A directory
/// that holds none of [`BUNDLE_FILES`] (say a `skene/` that is a clone of some
/// repository) is not a bundle.
pub fn locate(root: &Path, configured: Option<&str>) -> Result<BundleDir, LocateError> {
    let candidates: Vec<PathBuf> = match configured {
        Some(dir) => vec![root.join(dir)],
        None => DEFAULT_DIRS.iter().map(|d| root.join(d)).collect(),
    };
    let mut not_bundles = Vec::new();
    for candidate in &candidates {
        if !candidate.is_dir() {
            continue;
        }
        if !is_bundle_dir(candidate) {
            not_bundles.push(candidate.clone());
            continue;
        }
        let abs = fs::canonicalize(candidate).unwrap_or_else(|_| candidate.clone());
        let rel = relative(root, &abs).ok_or_else(|| LocateError::Outside {
            dir: candidate.clone(),
            root: root.to_path_buf(),
        })?;
        return Ok(BundleDir { rel, abs });
    }
    Err(LocateError::NotFound {
        looked: candidates,
        not_bundles,
        holder: root.join(ENGINE_FILE).is_file().then(|| holder(root)),
    })
}

/// The directory that holds `dir`, as the user would type it: `demo` for
/// `demo/skene-context`, `..` for `.` or a bare `skene-context`… made explicit.
fn holder(dir: &Path) -> PathBuf {
    match dir.components().next_back() {
        Some(Component::Normal(_)) => match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        },
        _ => dir.join(".."),
    }
}

/// `path` relative to `root` with `/` separators, if it is inside `root`.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(part) => parts.push(part.to_str()?.to_owned()),
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        (dir, root)
    }

    fn touch(root: &Path, rel: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, rel).unwrap();
    }

    #[test]
    fn the_legacy_dir_and_a_configured_dir_are_found() {
        let (_d, root) = project();
        touch(&root, "skene/engine.yaml");
        assert_eq!(locate(&root, None).unwrap().rel, "skene");
        touch(&root, "out/engine.yaml");
        assert_eq!(locate(&root, Some("./out")).unwrap().rel, "out");
        assert!(matches!(
            locate(&root, Some("nope")),
            Err(LocateError::NotFound { .. })
        ));
    }

    #[test]
    fn a_directory_without_bundle_files_is_no_bundle() {
        let (_d, root) = project();
        // A `skene/` that is a clone of some repository.
        touch(&root, "skene/.git/HEAD");
        touch(&root, "skene/src/main.rs");
        touch(&root, "skene/Cargo.toml");
        let Err(e) = locate(&root, None) else {
            panic!("a clone is not a bundle")
        };
        let text = e.to_string();
        assert!(text.starts_with("no bundle here: looked for "), "{text}");
        assert!(
            text.contains("skene holds no engine.yaml, feature-registry.json or growth-manifest.json: not a bundle"),
            "{text}"
        );
        assert_eq!(e.hint(), None);
        // Passing the bundle directory itself as the project.
        touch(&root, "out/engine.yaml");
        let Err(e) = locate(&root.join("out"), None) else {
            panic!("no bundle inside the bundle")
        };
        let hint = e.hint().unwrap();
        assert!(hint.contains("pass the project directory"), "{e:?}");
        assert!(hint.ends_with(&format!(", {}", root.display())), "{hint}");
        assert_eq!(holder(Path::new("demo/skene-context")), Path::new("demo"));
        assert_eq!(holder(Path::new("skene-context")), Path::new("."));
        assert_eq!(holder(Path::new(".")), Path::new("./.."));
        assert_eq!(holder(Path::new("a/..")), Path::new("a/../.."));
    }
}
