//! The official `openai` Python SDK, from PyPI, in a virtual environment at
//! `<target>/tmp/openai-venv-<version>`, reused while it imports the pinned
//! version. Nothing here is mocked: the SDK is the client no one here wrote.
//! `.ci/run` builds the venv before the tests, so that they do not reach PyPI;
//! elsewhere (a developer's machine) the first test builds it, which needs
//! `python3 -m venv` (Debian: python3-venv) and PyPI; when either is missing the
//! tests fail and say so.
// The harness reads its own variables, not skene's registry.
#![allow(clippy::disallowed_methods)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use super::harness::Agent;

/// The SDK version the tests run against.
pub const OPENAI_VERSION: &str = "3.57.0";

/// The virtual environment's python, built on first use.
pub fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(build)
}

/// Where the venv is: `.ci/run` builds it there too.
fn venv_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("openai-venv-{OPENAI_VERSION}"))
}

fn build() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(root).unwrap();
    let dir = venv_dir();
    let python = dir.join("bin/python");
    // One builder at a time, across test processes too.
    let lock = std::fs::File::create(root.join("openai-venv.lock")).unwrap();
    lock.lock().unwrap();
    if sdk_works(&python) {
        return python;
    }
    let _ = std::fs::remove_dir_all(&dir);
    run(
        Command::new("python3").args(["-m", "venv"]).arg(&dir),
        "python3 -m venv (Debian/Ubuntu: apt-get install python3-venv)",
    );
    run(
        Command::new(dir.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("openai=={OPENAI_VERSION}"),
        ]),
        "pip install openai from PyPI",
    );
    assert!(
        sdk_works(&python),
        "the openai SDK does not import from {}",
        dir.display()
    );
    python
}

fn sdk_works(python: &Path) -> bool {
    python.exists()
        && Command::new(python)
            .args([
                "-c",
                &format!("import openai, sys; sys.exit(openai.__version__ != {OPENAI_VERSION:?})"),
            ])
            .env_clear()
            .status()
            .is_ok_and(|s| s.success())
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} could not start: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Python with the SDK pointed at `agent` (`OPENAI_BASE_URL`, `OPENAI_API_KEY` =
/// `key`), in a cleared environment.
pub fn command(agent: &Agent, key: &str, code: &str) -> Command {
    let mut cmd = Command::new(python());
    cmd.env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", std::env::temp_dir())
        .env("OPENAI_BASE_URL", agent.base_url())
        .env("OPENAI_API_KEY", key)
        .env("PYTHONUNBUFFERED", "1")
        .args(["-c", code]);
    cmd
}

/// Runs `code`; returns its stdout, failing on a non-zero exit.
pub fn run_sdk(agent: &Agent, key: &str, code: &str) -> String {
    let out = command(agent, key, code).output().unwrap();
    assert!(
        out.status.success(),
        "the python client failed ({}):\n{}\n--- agent log\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        agent.stderr()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Starts `code` and hands its stdout over line by line as it comes.
pub fn spawn_sdk(agent: &Agent, key: &str, code: &str) -> (Child, Receiver<String>) {
    let mut child = command(agent, key, code)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

/// The next line, within `wait`.
pub fn next_line(rx: &Receiver<String>, wait: Duration) -> String {
    rx.recv_timeout(wait)
        .unwrap_or_else(|e| panic!("the python client printed nothing within {wait:?}: {e}"))
}

/// `.ci/run` prepares the venv where [`build`] looks, for the version pinned here
/// (it reads [`OPENAI_VERSION`] from this file's source).
#[test]
fn ci_builds_the_venv_where_the_harness_looks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    let pinned = format!("pub const OPENAI_VERSION: &str = \"{OPENAI_VERSION}\";");
    assert!(
        include_str!("python.rs").lines().any(|l| l == pinned),
        "the line .ci/run reads the version from"
    );
    assert!(
        ci.contains(r#"sed -n 's/^pub const OPENAI_VERSION: &str = "\([^"]*\)";$/\1/p' tests/cli/agent/python.rs"#),
        ".ci/run reads the pinned version from tests/cli/agent/python.rs"
    );
    assert!(
        ci.contains(r#"openai_venv="${CARGO_TARGET_DIR:-target}/tmp/openai-venv-$openai_version""#),
        ".ci/run builds the venv at <target>/tmp/openai-venv-<version>"
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|d| if d.is_absolute() { d } else { root.join(d) })
        .unwrap_or_else(|| root.join("target"));
    assert_eq!(
        venv_dir(),
        target
            .join("tmp")
            .join(format!("openai-venv-{OPENAI_VERSION}"))
    );
}
