//! The hostile-input campaign, kept: a server that misbehaves on purpose
//! (`tests/support/hostile.rs`, one mode per behaviour), planted files and other
//! users, races and kill -9, a full disk, and text that tries to take over the
//! terminal. Every case must be held: no crash, no hang, bounded memory, nothing
//! lost, no secret leaked, no terminal control from server data.

mod inject;
mod local;
mod races;
mod server;

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::hostile::{Hostile, Mode};
use crate::support::{Env, OWNER_KEY};

/// A sealed environment whose API base is a hostile server, with a key set.
pub fn against(mode: Mode) -> (Env, Hostile) {
    let hostile = Hostile::start(mode);
    let mut env = Env::new();
    env.set("SKENE_API_URL", &hostile.api_url())
        .set("SKENE_API_KEY", OWNER_KEY);
    (env, hostile)
}

/// What a run printed, its exit code, how long it took and its peak memory
/// (kB, from the kernel's accounting of the one child of a small Python parent).
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    pub peak_kb: u64,
}

/// Runs skene with `args` in `env` under a parent that reports the child's peak
/// RSS. Fails loudly without python3 (CI has it).
pub fn measured(env: &Env, args: &[&str]) -> Run {
    let skene = env.std_skene();
    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(
        "import resource, subprocess, sys\n\
         p = subprocess.run(sys.argv[1:])\n\
         sys.stderr.write('\\n@@peak_kb=%d@@code=%d\\n' % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode))\n",
    );
    cmd.arg(skene.get_program()).args(args);
    cmd.env_clear();
    for (k, v) in skene.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    if let Some(dir) = skene.get_current_dir() {
        cmd.current_dir(dir);
    }
    let started = Instant::now();
    let out = cmd
        .output()
        .expect("python3 runs (it measures the child's memory)");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let (stderr, tail) = stderr
        .rsplit_once("\n@@peak_kb=")
        .expect("the measuring parent reports");
    let (peak, code) = tail.trim().split_once("@@code=").unwrap();
    Run {
        code: code.trim().parse().unwrap(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: stderr.to_owned(),
        elapsed,
        peak_kb: peak.parse().unwrap(),
    }
}

/// Whether a case that needs root can run. Without root it is skipped, loudly,
/// for a developer; in CI (which runs as root) a missing root is a failure.
#[cfg(unix)]
#[allow(clippy::disallowed_methods, clippy::print_stderr)] // the test's own CI, and a skip to shout
pub fn root_or_skip(what: &str) -> bool {
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    if root {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} needs root, and CI runs as root: run this test as root"
    );
    eprintln!("\n*** SKIPPED (needs root): {what} ***\n");
    false
}

/// The most memory any hostile case may take.
pub const PEAK_LIMIT_KB: u64 = 64 * 1024;
