//! `skene agent env`: the two variables that point OpenAI SDKs and tools at the
//! agent's gateway — its base URL and the local token (never the workspace key),
//! in the syntax of a shell or a dotenv file.

use clap::{Args, ValueEnum};
use serde_json::json;

use super::Context;
use crate::agent::{DEFAULT_GATEWAY_PORT, token};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `export NAME='value'` (bash, zsh, sh)
    #[value(alias = "bash", alias = "zsh")]
    Sh,
    /// `set -gx NAME 'value'`
    Fish,
    /// `$env:NAME = 'value'`
    Powershell,
    /// `NAME=value`
    Dotenv,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  eval \"$(skene agent env)\"                             # bash, zsh
  skene agent env --format fish | source
  skene agent env --format powershell | Invoke-Expression
  skene agent env --format dotenv >> .env

The values are the running agent's (its port may not be the default 4917); when
no agent runs, the default port is printed, with a warning.")]
pub struct EnvArgs {
    /// The syntax to print
    #[arg(long, value_enum, default_value_t = Format::Sh)]
    pub format: Format,
}

pub const BASE_URL_VAR: &str = "OPENAI_BASE_URL";
pub const KEY_VAR: &str = "OPENAI_API_KEY";

pub fn run(ctx: &Context, args: EnvArgs) -> anyhow::Result<()> {
    let dir = ctx.config_dir()?;
    let port = match super::find_running(ctx)? {
        Some(agent) => agent.port,
        None => {
            ctx.printer.warn(format!(
                "no skene agent is running: these point at the default port {DEFAULT_GATEWAY_PORT}"
            ));
            ctx.printer
                .hint("start it with `skene agent run --gateway-only`");
            DEFAULT_GATEWAY_PORT
        }
    };
    let local_token = {
        let lock = ctx.lock()?;
        token::load_or_create(dir, &lock)?
    };
    let base_url = format!("http://127.0.0.1:{port}/v1");
    let p = &ctx.printer;
    if p.json_mode() {
        p.json_with_secret(&json!({BASE_URL_VAR: base_url, KEY_VAR: local_token.expose()}))?;
        return Ok(());
    }
    for (name, value) in [
        (BASE_URL_VAR, base_url.as_str()),
        (KEY_VAR, local_token.expose()),
    ] {
        p.data(assignment(args.format, name, value))?;
    }
    Ok(())
}

/// `name = value` in `format`, the value quoted for it.
fn assignment(format: Format, name: &str, value: &str) -> String {
    match format {
        Format::Sh => format!("export {name}='{}'", value.replace('\'', r"'\''")),
        Format::Fish => format!(
            "set -gx {name} '{}'",
            value.replace('\\', r"\\").replace('\'', r"\'")
        ),
        Format::Powershell => format!("$env:{name} = '{}'", value.replace('\'', "''")),
        Format::Dotenv => format!("{name}={value}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_quotes_for_its_reader() {
        let v = "http://127.0.0.1:4917/v1";
        assert_eq!(assignment(Format::Sh, "A", v), format!("export A='{v}'"));
        assert_eq!(assignment(Format::Fish, "A", v), format!("set -gx A '{v}'"));
        assert_eq!(
            assignment(Format::Powershell, "A", v),
            format!("$env:A = '{v}'")
        );
        assert_eq!(assignment(Format::Dotenv, "A", v), format!("A={v}"));
        assert_eq!(assignment(Format::Sh, "A", "it's"), r"export A='it'\''s'");
        assert_eq!(
            assignment(Format::Powershell, "A", "it's"),
            "$env:A = 'it''s'"
        );
        assert_eq!(
            assignment(Format::Fish, "A", r"it's\"),
            r"set -gx A 'it\'s\\'"
        );
    }
}
