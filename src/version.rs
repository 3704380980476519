//! `skene --version`, and with `-v` the build details a bug report needs, as `rustc -vV`
//! prints them. The values are captured by build.rs.

use std::ffi::OsString;

/// What `skene -vV` prints after `skene `.
pub const VERBOSE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ncommit-hash: ",
    env!("SKENE_BUILD_COMMIT_HASH"),
    "\ncommit-date: ",
    env!("SKENE_BUILD_COMMIT_DATE"),
    "\nbuild-date: ",
    env!("SKENE_BUILD_DATE"),
    "\ntarget: ",
    env!("SKENE_BUILD_TARGET"),
    "\nkeyring: ",
    env!("SKENE_BUILD_KEYRING"),
    "\nrustc: ",
    env!("SKENE_BUILD_RUSTC"),
);

/// The clap tree whose `--version` prints [`VERBOSE`] when `-v`/`--verbose` is given too, in
/// either order (`skene -vV`, `skene --version -v`, `skene --verbose --version`).
/// clap prints the version the moment it meets `--version`, before it has counted a `-v`
/// that follows, so the arguments are looked at first.
pub fn with_build_info(cmd: clap::Command) -> clap::Command {
    if verbose_requested(std::env::args_os().skip(1)) {
        cmd.version(VERBOSE)
    } else {
        cmd
    }
}

/// Short flags that take no value, so a cluster of them (`-vV`, `-qv`) is flags, not a
/// value such as `-Hvalue`.
const FLAG_SHORTS: &str = "hiqvyV";

fn verbose_requested(args: impl IntoIterator<Item = OsString>) -> bool {
    for arg in args {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            return false;
        }
        if arg == "--verbose" {
            return true;
        }
        if let Some(cluster) = arg.strip_prefix('-')
            && cluster.contains('v')
            && cluster.chars().all(|c| FLAG_SHORTS.contains(c))
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(args: &[&str]) -> bool {
        verbose_requested(args.iter().map(OsString::from))
    }

    #[test]
    fn verbose_is_seen_before_or_after_version() {
        assert!(asked(&["-vV"]));
        assert!(asked(&["-Vv"]));
        assert!(asked(&["--version", "-v"]));
        assert!(asked(&["-v", "--version"]));
        assert!(asked(&["--version", "--verbose"]));
        assert!(asked(&["push", "-qv", "--version"]));
    }

    #[test]
    fn other_arguments_are_not_verbose() {
        assert!(!asked(&["--version"]));
        assert!(!asked(&["-V"]));
        assert!(!asked(&["api", "/me", "-Hvalue", "--version"]));
        assert!(!asked(&["chat", "--", "-v", "--version"]));
        assert!(!asked(&["chat", "v", "--version"]));
    }

    #[test]
    fn the_verbose_text_has_every_detail() {
        let lines: Vec<&str> = VERBOSE.lines().collect();
        assert_eq!(lines[0], env!("CARGO_PKG_VERSION"));
        let keys: Vec<&str> = lines[1..]
            .iter()
            .map(|l| l.split_once(": ").expect("key: value").0)
            .collect();
        assert_eq!(
            keys,
            [
                "commit-hash",
                "commit-date",
                "build-date",
                "target",
                "keyring",
                "rustc"
            ]
        );
        assert!(lines.iter().all(|l| !l.ends_with(": ")), "{VERBOSE}");
    }
}
