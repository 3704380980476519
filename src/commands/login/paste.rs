//! The key typed at a masked prompt, or read from standard input (`--with-key`).

use std::io::IsTerminal;

use super::LoginArgs;
use crate::commands::Context;
use crate::error::CliError;
use crate::prompt;
use crate::secret::ApiKey;
use crate::settings::Endpoint;

pub(super) async fn read_key(
    ctx: &Context,
    args: &LoginArgs,
    endpoint: &Endpoint,
) -> anyhow::Result<ApiKey> {
    let p = &ctx.printer;
    if args.with_key {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            p.status("Paste the key, then press Enter:");
        }
        // On a blocking thread, so that Ctrl-C still stops the command.
        let line = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map(|_| line)
        })
        .await
        .map_err(|e| CliError::failure(format!("cannot read standard input: {e}")))?
        .map_err(|e| CliError::usage(format!("cannot read the key from standard input: {e}")))?;
        if line.trim().is_empty() {
            return Err(CliError::usage("no key on standard input")
                .hint("pipe the key in: printf '%s' \"$SKENE_KEY\" | skene login --with-key")
                .into());
        }
        return Ok(ApiKey::new(line.trim()));
    }
    if let Some(why) = ctx.prompt_blocker() {
        return Err(
            CliError::usage(format!("cannot prompt for the API key: {why}"))
                .hint("pipe the key in: printf '%s' \"$SKENE_KEY\" | skene login --with-key")
                .hint("or skip login and set SKENE_API_KEY in the environment")
                .into(),
        );
    }
    let page = endpoint
        .upstream
        .api_keys_page(endpoint.upstream.slug.as_deref());
    if endpoint.upstream.slug.is_some() {
        p.status(format!("Create a workspace API key at {page}"));
    } else {
        p.status(format!(
            "Create a workspace API key in your workspace's API keys page on {page}"
        ));
    }
    Ok(prompt::masked(p, "Paste your API key (input is masked): ")?)
}
