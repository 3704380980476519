//! `skene completions <SHELL>`.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Context;
use crate::cli::Cli;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Install:
  bash        skene completions bash > ~/.local/share/bash-completion/completions/skene
  zsh         skene completions zsh > \"${fpath[1]}/_skene\"
  fish        skene completions fish > ~/.config/fish/completions/skene.fish
  powershell  skene completions powershell >> $PROFILE
  elvish      skene completions elvish >> ~/.config/elvish/rc.elv")]
pub struct CompletionsArgs {
    /// The shell to write a completion script for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(ctx: &Context, args: CompletionsArgs) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "skene", &mut buf);
    ctx.printer.data(String::from_utf8_lossy(&buf).trim_end())?;
    Ok(())
}
