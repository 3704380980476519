//! `skene agent secret set|status|delete`: the workspace's proxy secret (what
//! the ingest endpoint checks in `x-skene-secret`), kept in the OS keyring.
//! Read from a masked prompt or standard input, never from the command line;
//! never printed.

use std::io::IsTerminal;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::source;
use crate::agent::secret::{Origin, ProxySecret, SecretLookup};
use crate::commands::Context;
use crate::credentials::{Store, StoreKind, keyring};
use crate::error::CliError;
use crate::prompt;

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Store the proxy secret (masked prompt, or standard input)
    #[command(after_long_help = "\
The proxy secret is the workspace's x-skene-secret, the one pg_net's trigger would send
(not an API key). It is kept per workspace in the OS keyring (service skene,
username proxy-secret:<workspace>), or in the config directory's credentials.toml (mode 0600)
when no keyring is usable. SKENE_PROXY_SECRET overrides it.

  skene agent secret set                          # prompts (masked)
  printf '%s' \"$SECRET\" | skene agent secret set   # scripts")]
    Set(SetArgs),
    /// Say whether a proxy secret is set and where it comes from (never the secret)
    Status,
    /// Delete the stored proxy secret
    Delete,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Where to keep the secret
    #[arg(long, value_enum, default_value_t = StoreChoice::Auto)]
    pub store: StoreChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreChoice {
    /// The OS keyring, or the credentials file when no keyring is usable
    Auto,
    /// The OS keyring only: fail when it is not usable
    Keyring,
    /// The plaintext credentials file (mode 0600) in the config directory
    File,
}

pub async fn run(ctx: &Context, cmd: SecretCommand) -> anyhow::Result<()> {
    match cmd {
        SecretCommand::Set(args) => set(ctx, args).await,
        SecretCommand::Status => status(ctx),
        SecretCommand::Delete => delete(ctx),
    }
}

async fn read_secret(ctx: &Context) -> anyhow::Result<ProxySecret> {
    let p = &ctx.printer;
    if std::io::stdin().is_terminal() {
        if let Some(why) = ctx.prompt_blocker() {
            return Err(
                CliError::usage(format!("cannot prompt for the proxy secret: {why}"))
                    .hint("pipe it in: printf '%s' \"$SECRET\" | skene agent secret set")
                    .into(),
            );
        }
        return Ok(ProxySecret::new(
            prompt::masked(p, "Paste the workspace's proxy secret (input is masked): ")?
                .expose()
                .trim(),
        ));
    }
    // On a blocking thread, so that Ctrl-C still stops the command.
    let line = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    })
    .await
    .map_err(|e| CliError::failure(format!("cannot read standard input: {e}")))?
    .map_err(|e| CliError::usage(format!("cannot read the secret from standard input: {e}")))?;
    Ok(ProxySecret::new(line.trim()))
}

async fn set(ctx: &Context, args: SetArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (_, workspace) = source::workspace(ctx)?;
    let secret = read_secret(ctx).await?;
    secret.check().map_err(|problem| {
        CliError::usage(problem).hint("copy the whole secret, without spaces or quotes")
    })?;
    let lookup = SecretLookup::new(ctx.stores()?, &workspace);
    let lock = ctx.lock()?;
    let label = format!("skene proxy secret: {workspace}");
    let stores = lookup.stores();
    let stored = match args.store {
        StoreChoice::File => save(&lookup, stores.file.as_ref(), &lock, &secret, &label)?,
        StoreChoice::Keyring => save(&lookup, stores.keyring.as_ref(), &lock, &secret, &label)?,
        StoreChoice::Auto => match lookup.save(stores.keyring.as_ref(), &lock, &secret, &label) {
            Ok(()) => StoreKind::Keyring,
            Err(e) => {
                p.warn(format!(
                        "the OS keyring is not usable ({e}); storing the proxy secret in plain text in {} (mode 0600)",
                        stores.file.describe()
                    ));
                save(&lookup, stores.file.as_ref(), &lock, &secret, &label)?
            }
        },
    };
    drop(lock);
    let place = match stored {
        StoreKind::Keyring => format!(
            "{} (service \"{}\", username \"{}\")",
            keyring::name(),
            crate::credentials::SERVICE,
            lookup.account()
        ),
        StoreKind::File => lookup.stores().file.describe(),
    };
    if p.json_mode() {
        p.json(
            &json!({"workspace": workspace, "store": stored.as_str(), "username": lookup.account()}),
        )?;
    }
    p.success(format!("Proxy secret for {workspace} stored in {place}"));
    if crate::settings::env::get(crate::settings::env::PROXY_SECRET).is_some() {
        p.warn("SKENE_PROXY_SECRET is set and overrides the stored secret");
    }
    p.hint("a running agent picks it up when the cloud next refuses the old one (401)");
    Ok(())
}

fn save(
    lookup: &SecretLookup,
    store: &dyn Store,
    lock: &crate::settings::lock::ConfigLock,
    secret: &ProxySecret,
    label: &str,
) -> Result<StoreKind, CliError> {
    lookup.save(store, lock, secret, label).map_err(|e| {
        CliError::failure(format!(
            "cannot store the proxy secret in the {}: {e}",
            store.describe()
        ))
        .hint("use --store file to keep it in the config directory's credentials.toml")
    })?;
    Ok(store.kind())
}

fn status(ctx: &Context) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (_, workspace) = source::workspace(ctx)?;
    let lookup = SecretLookup::new(ctx.stores()?, &workspace);
    let found = lookup.find().map_err(|e| {
        CliError::auth(format!("cannot read the proxy secret: {e}"))
            .hint("unlock the keyring, or set SKENE_PROXY_SECRET")
    })?;
    let origin = found.map(|(_, origin)| origin);
    if p.json_mode() {
        p.json(&json!({
            "workspace": workspace,
            "set": origin.is_some(),
            "source": origin.map(|o| match o {
                Origin::Env => "env",
                Origin::Store(kind) => kind.as_str(),
            }),
        }))?;
    }
    match origin {
        Some(origin) => {
            p.success(format!(
                "A proxy secret for {workspace} is set ({})",
                origin.describe()
            ));
            Ok(())
        }
        None => Err(
            CliError::auth(format!("no proxy secret is set for {workspace}"))
                .hint("run `skene agent secret set`, or set SKENE_PROXY_SECRET")
                .into(),
        ),
    }
}

fn delete(ctx: &Context) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (_, workspace) = source::workspace(ctx)?;
    let lookup = SecretLookup::new(ctx.stores()?, &workspace);
    let lock = ctx.lock()?;
    let removed = lookup.delete(&lock);
    drop(lock);
    if p.json_mode() {
        p.json(&json!({"workspace": workspace, "removed_from": removed.iter().map(|k| k.as_str()).collect::<Vec<_>>()}))?;
    }
    if removed.is_empty() {
        p.status(format!(
            "No stored proxy secret for {workspace}; nothing to delete."
        ));
    } else {
        p.success(format!("Deleted the proxy secret for {workspace}"));
    }
    Ok(())
}
