//! The sealed test environment: every run of the real binary gets a cleared
//! environment, a temporary HOME and config dir, and `SKENE_API_URL` pointing at
//! a fake Skene Cloud on 127.0.0.1 seeded with the standard world
//! (`fake_cloud::seed`). The developer's keyring and config are never touched:
//! without a private test bus the D-Bus address points nowhere.
//!
//! Included by `tests/cli/main.rs` (`#[path]`), the one integration-test binary.
// Not every helper is used by every binary that includes this module.
#![allow(dead_code, unused_imports)]
// The harness reads its own variables (the test bus), not skene's.
#![allow(clippy::disallowed_methods)]

pub mod fake_cloud;
pub mod hostile;
pub mod http;
pub mod postgres;
mod snapshot;

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use assert_cmd::Command;
use tempfile::TempDir;

pub use fake_cloud::seed::{MEMBER_KEY, OTHER_WS_KEY, OWNER_KEY, PROXY_SECRET};
pub use fake_cloud::{ChatReply, FakeCloud, KeyInfo, Recorded, Reply, StreamEnd};

/// Set by `scripts/with-secret-service` to the address of its private bus.
pub const TEST_BUS_VAR: &str = "SKENE_TEST_DBUS_ADDRESS";

/// The base backoff between retries in every sealed run, in milliseconds (the
/// client's default is 250): retry tests take milliseconds, not seconds.
pub const RETRY_BASE_DELAY_MS: &str = "5";

pub struct Env {
    root: TempDir,
    pub cloud: FakeCloud,
    bus: String,
    vars: Vec<(String, String)>,
    /// Run-dependent text and what snapshots show instead (see `snapshot.rs`).
    redactions: Vec<(String, String)>,
}

impl Env {
    /// A sealed environment without a usable keyring.
    pub fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("skene-test-")
            .tempdir()
            .unwrap();
        let bus = format!("unix:path={}/no-such-bus", root.path().display());
        Self::build(root, bus)
    }

    /// A sealed environment whose keyring is the throwaway Secret Service started
    /// by `scripts/with-secret-service`. Fails loudly outside it.
    pub fn with_keyring() -> Self {
        let bus = std::env::var(TEST_BUS_VAR).unwrap_or_default();
        assert!(
            !bus.is_empty(),
            "{TEST_BUS_VAR} is not set: keyring tests need the private Secret Service; \
             run the tests with `scripts/test` (see README)"
        );
        let root = tempfile::Builder::new()
            .prefix("skene-test-")
            .tempdir()
            .unwrap();
        Self::build(root, bus)
    }

    fn build(root: TempDir, bus: String) -> Self {
        for dir in ["home", "home/.config", "home/run", "project"] {
            std::fs::create_dir_all(root.path().join(dir)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let run = root.path().join("home/run");
            std::fs::set_permissions(run, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        let cloud = FakeCloud::start();
        fake_cloud::seed::standard(&cloud);
        Self {
            root,
            cloud,
            bus,
            vars: Vec::new(),
            redactions: Vec::new(),
        }
    }

    pub fn home(&self) -> PathBuf {
        self.root.path().join("home")
    }

    /// Where skene keeps config.toml and credentials.toml here.
    pub fn config_dir(&self) -> PathBuf {
        self.home().join(".config/skene")
    }

    /// The current directory of every run: a project without a `.skene.config`.
    pub fn project(&self) -> PathBuf {
        self.root.path().join("project")
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// An extra variable for every later run.
    pub fn set(&mut self, name: &str, value: &str) -> &mut Self {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.into(), value.into()));
        self
    }

    /// Drops a variable, including the default `SKENE_API_URL`.
    pub fn unset(&mut self, name: &str) -> &mut Self {
        self.set(name, "")
    }

    /// The profile name a login to the fake cloud gets.
    pub fn profile(&self, slug: &str) -> String {
        format!("{slug}@{}", self.cloud.host())
    }

    fn apply(&self, cmd: &mut StdCommand) {
        let home = self.home();
        cmd.env_clear()
            .current_dir(self.project())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_RUNTIME_DIR", home.join("run"))
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("LANG", "C.UTF-8")
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus)
            .env("SKENE_RETRY_BASE_DELAY_MS", RETRY_BASE_DELAY_MS)
            .env("SKENE_API_URL", self.cloud.api_url());
        for (name, value) in &self.vars {
            if value.is_empty() {
                cmd.env_remove(name);
            } else {
                cmd.env(name, value);
            }
        }
    }

    /// The real binary, sealed.
    pub fn skene(&self) -> Command {
        Command::from_std(self.std_skene())
    }

    /// Another program (a shell) in the same sealed environment, with the
    /// directory of the skene binary first on PATH (completion scripts run `skene`).
    pub fn sealed(&self, program: &str) -> StdCommand {
        let mut cmd = StdCommand::new(program);
        self.apply(&mut cmd);
        let bin = Path::new(env!("CARGO_BIN_EXE_skene")).parent().unwrap();
        cmd.env(
            "PATH",
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
        );
        cmd
    }

    /// The same as a `std::process::Command`, for pseudo-terminal tests.
    pub fn std_skene(&self) -> StdCommand {
        let mut cmd = StdCommand::new(env!("CARGO_BIN_EXE_skene"));
        self.apply(&mut cmd);
        cmd
    }

    /// Logs in with `key` through `--with-key --store file`.
    pub fn login_file(&self, key: &str) {
        self.skene()
            .args(["login", "--with-key", "--store", "file"])
            .write_stdin(format!("{key}\n"))
            .assert()
            .success();
    }

    /// Puts the basic sample project (`tests/fixtures/basic-project`) in the project dir.
    pub fn with_basic_project(&self) -> &Self {
        copy_dir(&fixtures().join("basic-project"), &self.project());
        self
    }

    /// Writes a file below the project dir.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.project().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Every file under the sandbox whose bytes contain `needle`.
    pub fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut stack = vec![self.root.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                let ft = entry.file_type().unwrap();
                if ft.is_dir() {
                    stack.push(path);
                } else if ft.is_file() {
                    let bytes = std::fs::read(&path).unwrap_or_default();
                    if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                        found.push(path);
                    }
                }
            }
        }
        found
    }
}

/// The test fixtures directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a directory tree (files and directories only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let mut perms = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).unwrap();
        }
    }
}

/// stdout and stderr of an assert as strings.
pub fn outputs(assert: &assert_cmd::assert::Assert) -> (String, String) {
    let out = assert.get_output();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
