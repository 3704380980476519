//! `skene completions <SHELL>`: a script that asks skene itself what to complete,
//! so that saved logins and workspace slugs complete too (clap_complete's dynamic
//! completion, run through `SKENE_COMPLETE`).

use clap::Args;
use clap_complete::Shell;
use clap_complete::env::Shells;

use super::Context;
use crate::error::CliError;
use crate::settings::env;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Install:
  bash        skene completions bash > ~/.local/share/bash-completion/completions/skene
  zsh         skene completions zsh > \"${fpath[1]}/_skene\"
  fish        skene completions fish > ~/.config/fish/completions/skene.fish
  powershell  skene completions powershell >> $PROFILE
  elvish      skene completions elvish >> ~/.config/elvish/rc.elv

Then open a new shell. The script is small: at each Tab it runs `skene` (found on PATH) with
SKENE_COMPLETE set, which completes commands, flags and values from this binary, including
the saved logins for --workspace, `skene auth switch` and `skene logout --workspace`. It
reads config.toml only, never a key, and sends nothing over the network.

Man pages: `skene man --dir ~/.local/share/man/man1` (see skene-man(1)).")]
pub struct CompletionsArgs {
    /// The shell to write a completion script for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`: what `skene completions` prints and what
/// the checked-in `completions/` holds.
pub fn script(shell: Shell) -> Result<Vec<u8>, CliError> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| CliError::usage(format!("no completion support for {name}")))?;
    let mut buf = Vec::new();
    completer
        .write_registration(env::COMPLETE, "skene", "skene", "skene", &mut buf)
        .map_err(|e| CliError::failure(format!("cannot write the script: {e}")))?;
    Ok(buf)
}

pub fn run(ctx: &Context, args: CompletionsArgs) -> anyhow::Result<()> {
    ctx.printer.raw(&script(args.shell)?)?;
    Ok(())
}
