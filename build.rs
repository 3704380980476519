//! Build details for `skene --version --verbose` (src/version.rs): the commit and its date,
//! the build date, the target, the compiler and the keyring backend compiled in.
//!
//! Every value has a fallback: a build without git, or from an sdist or tarball that is not
//! a checkout, says `unknown` for the commit and still builds. Release builds (the release,
//! dist and profiling profiles, `cargo install`) record the commit; debug builds do not.
// A build script talks to cargo on stdout, and reads cargo's variables (CARGO_MANIFEST_DIR,
// TARGET, PROFILE…), not skene's settings.
#![allow(clippy::print_stdout, clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");

    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    // Debug builds (tests, `cargo run`) leave the commit out: tracking HEAD would recompile
    // the crate and every test binary after each commit, on machines where that takes minutes.
    let (hash, date) = if std::env::var("PROFILE").is_ok_and(|p| p == "debug") {
        ("not recorded in debug builds".into(), "unknown".into())
    } else {
        commit(&dir).unwrap_or_else(|| ("unknown".into(), "unknown".into()))
    };
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    set("SKENE_BUILD_COMMIT_HASH", &hash);
    set("SKENE_BUILD_COMMIT_DATE", &date);
    set("SKENE_BUILD_DATE", &build_date());
    set(
        "SKENE_BUILD_TARGET",
        &std::env::var("TARGET").unwrap_or_default(),
    );
    set("SKENE_BUILD_RUSTC", &rustc_version());
    set("SKENE_BUILD_KEYRING", keyring(&target_os));
}

fn set(name: &str, value: &str) {
    println!("cargo:rustc-env={name}={value}");
}

/// The keyring store each target compiles in: mirrors the target-specific keyring
/// dependencies in Cargo.toml and `open_store` in src/credentials.rs.
fn keyring(target_os: &str) -> &'static str {
    match target_os {
        "linux" => "Secret Service over D-Bus (zbus-secret-service-keyring-store)",
        "macos" => "macOS Keychain (apple-native-keyring-store)",
        "windows" => "Windows Credential Manager (windows-native-keyring-store)",
        _ => "none (keys go to the credentials file)",
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    // safe.directory: a checkout owned by another user (a build container) is still read.
    // Building a crate already runs its code, so reading its repository trusts nothing more.
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "safe.directory=*"])
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    out.status.success().then(|| text.trim().to_owned())
}

/// The full hash and the date of HEAD, when this crate is the top of a git checkout (a
/// tarball unpacked inside some other repository must not report that repository's commit).
/// Tells cargo to run again when HEAD moves.
fn commit(dir: &Path) -> Option<(String, String)> {
    let paths = git(
        dir,
        &[
            "rev-parse",
            "--show-toplevel",
            "--git-dir",
            "--git-common-dir",
        ],
    )?;
    let mut paths = paths.lines().map(|p| dir.join(p));
    let (top, git_dir, common_dir) = (paths.next()?, paths.next()?, paths.next()?);
    if top.canonicalize().ok()? != dir.canonicalize().ok()? {
        return None;
    }
    let head = git_dir.join("HEAD");
    watch(&head);
    if let Some(name) = std::fs::read_to_string(&head)
        .ok()
        .and_then(|h| h.strip_prefix("ref: ").map(|r| r.trim().to_owned()))
    {
        let loose = common_dir.join(&name);
        if loose.exists() {
            watch(&loose);
        } else {
            // The branch is packed (or not born yet): its first loose commit lands here.
            watch(&common_dir.join("refs").join("heads"));
        }
        watch(&common_dir.join("packed-refs"));
    }
    let line = git(
        dir,
        &["log", "-1", "--no-show-signature", "--format=%H %cs"],
    )?;
    let (hash, date) = line.split_once(' ')?;
    Some((hash.to_owned(), date.to_owned()))
}

/// Cargo runs a build script every time when a watched path does not exist: watch only
/// what is there.
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

/// The day this build script ran (UTC), or the day SOURCE_DATE_EPOCH gives (reproducible builds).
fn build_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    civil_date(secs)
}

/// YYYY-MM-DD of a Unix time (Howard Hinnant's `civil_from_days`).
fn civil_date(secs: u64) -> String {
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `1.95.0 (59807616e 2026-04-14)`: the compiler cargo runs for this build.
fn rustc_version() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    Command::new(rustc)
        .arg("-V")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|v| v.trim().trim_start_matches("rustc ").to_owned())
        .unwrap_or_else(|| "unknown".into())
}
