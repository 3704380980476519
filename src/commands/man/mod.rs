//! `skene man [--dir DIR]`: the man pages, printed or installed.

mod render;

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use serde_json::json;

use super::Context;
use crate::cli::Cli;
use crate::error::CliError;

/// Every man page of skene, by file name: what `skene man --dir` writes and what
/// the checked-in `man/` holds.
pub fn pages() -> std::collections::BTreeMap<String, Vec<u8>> {
    render::pages(Cli::command())
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene man | man -l -                              # read skene(1) now
  skene man --dir ~/.local/share/man/man1           # install every page, then: man skene-push
  sudo skene man --dir /usr/local/share/man/man1    # for every user

Each command has a page: skene(1), skene-login(1), skene-auth-status(1), … The pages are
made from the same definitions as --help, so they always match this binary.")]
pub struct ManArgs {
    /// Write every page (skene.1, skene-push.1, …) into this directory instead of
    /// printing skene.1; it is created if needed
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: ManArgs) -> anyhow::Result<()> {
    let pages = pages();
    let p = &ctx.printer;
    let Some(dir) = args.dir else {
        let page = pages
            .get("skene.1")
            .ok_or_else(|| CliError::failure("the skene(1) page is missing"))?;
        p.raw(page)?;
        return Ok(());
    };
    std::fs::create_dir_all(&dir)
        .map_err(|e| CliError::failure(format!("cannot create {}: {e}", dir.display())))?;
    for (name, bytes) in &pages {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| CliError::failure(format!("cannot write {}: {e}", path.display())))?;
    }
    if p.json_mode() {
        p.json(&json!({
            "dir": dir.display().to_string(),
            "pages": pages.keys().collect::<Vec<_>>(),
        }))?;
    }
    p.success(format!(
        "Wrote {} man pages to {}",
        pages.len(),
        dir.display()
    ));
    if dir.file_name().is_some_and(|n| n == "man1")
        && let Some(root) = dir.parent()
    {
        p.hint(format!(
            "`man skene` finds them when {} is on the manual path (see `manpath`; MANPATH adds to it)",
            root.display()
        ));
    } else {
        p.hint("man looks in a directory named man1 below a manual path: read a page with `man -l DIR/skene.1`");
    }
    Ok(())
}
