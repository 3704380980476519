//! `skene login`: validate a key with `GET /me` and store it.

use std::io::{BufRead, IsTerminal};

use anyhow::Context as _;
use clap::Args;
use serde_json::json;

use super::{Context, Endpoint, KEY_ENV_VARS, block_on};
use crate::api::Me;
use crate::config::Profile;
use crate::credentials::{FileStore, Keyring, StoreChoice, StoreKind};
use crate::error::CliError;
use crate::prompt;
use crate::secret::{ApiKey, KeyShape};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene login                                   # prompts for the key (masked input)
  skene login --upstream https://www.skene.ai/workspace/my-app
  printf '%s' \"$SKENE_KEY\" | skene login --with-key   # scripts and CI

A key is never taken as an argument, so it never shows up in shell history or `ps`.")]
pub struct LoginArgs {
    /// Read the key from standard input (its first line) instead of prompting
    #[arg(long)]
    pub with_key: bool,

    /// Where to keep the key
    #[arg(long, value_enum, env = "SKENE_CREDENTIAL_STORE", default_value_t = StoreChoice::Auto)]
    pub store: StoreChoice,
}

pub fn run(ctx: &Context, args: LoginArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let endpoint = ctx
        .explicit_endpoint()?
        .unwrap_or_else(Endpoint::default_cloud);
    let key = read_key(ctx, &args, &endpoint)?;
    match key.check_syntax() {
        Err(problem) => {
            return Err(CliError::usage(problem)
                .hint("copy the whole key from the dashboard, without spaces or quotes")
                .into());
        }
        Ok(KeyShape::UnknownPrefix) => {
            p.warn("the key does not start with sk_ws_; checking it with the server anyway");
        }
        Ok(KeyShape::Expected) => {}
    }

    let client = ctx.client(&endpoint, Some(&key))?;
    let me = match block_on(client.me())? {
        Ok(me) => me,
        Err(e) if e.is_auth() => {
            return Err(anyhow::Error::new(e).context(
                CliError::auth(format!("the key was rejected by {}", endpoint.base()))
                    .hint("check that the key was copied whole and has not been revoked")
                    .hint(format!(
                        "keys are made at {}",
                        endpoint
                            .upstream
                            .api_keys_page(endpoint.upstream.slug.as_deref())
                    )),
            ));
        }
        Err(e) => {
            return Err(e).context(format!("could not check the key with {}", endpoint.base()));
        }
    };

    let slug = me
        .workspace
        .as_ref()
        .and_then(|w| w.slug.clone())
        .or_else(|| endpoint.upstream.slug.clone())
        .unwrap_or_else(|| "default".to_owned());
    let name = profile_name(&slug, &endpoint);
    let dir = ctx.config_dir()?;
    let files = FileStore::new(dir);
    let mut cfg = ctx.user_config()?;
    let previous = cfg.profiles.get(&name).map(|p| p.store);

    let store = store_key(ctx, &args, &name, &key, &files)?;
    if let Some(old) = previous
        && old != store
    {
        remove_from(old, &name, &files);
    }

    let profile = new_profile(&me, slug.clone(), &endpoint, store);
    cfg.profiles.insert(name.clone(), profile.clone());
    cfg.active = Some(name.clone());
    cfg.save(dir)?;

    let store_text = match store {
        StoreKind::Keyring => format!(
            "{} (service \"skene\", account \"{name}\")",
            Keyring::name()
        ),
        StoreKind::File => files.path().display().to_string(),
    };
    if p.json_mode() {
        p.json(&json!({
            "profile": name,
            "workspace": {"slug": slug, "name": profile.workspace_name},
            "user": {"email": profile.user_email, "name": profile.user_name},
            "role": profile.role,
            "upstream": profile.upstream,
            "api_base": profile.api_base,
            "key": key.masked(),
            "store": store.as_str(),
        }));
    }
    let who = profile
        .user_email
        .as_deref()
        .or(profile.user_name.as_deref());
    let workspace = match &profile.workspace_name {
        Some(n) => format!("{n} ({slug})"),
        None => slug.clone(),
    };
    let mut line = format!("Logged in to {}", p.bold(&workspace));
    if let Some(who) = who {
        line.push_str(&format!(" as {who}"));
    }
    if let Some(role) = &profile.role {
        line.push_str(&format!(" ({role})"));
    }
    p.success(line);
    p.status(format!("  API base: {}", profile.api_base));
    p.status(format!("  Key {} stored in {store_text}", key.masked()));
    if let Some(var) = KEY_ENV_VARS
        .iter()
        .find(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
    {
        p.warn(format!(
            "{var} is set and overrides the stored key; unset it to use this login"
        ));
    }
    Ok(())
}

/// `<workspace-slug>@<api-host[:port]>`: the profile name and the keyring account.
pub fn profile_name(slug: &str, endpoint: &Endpoint) -> String {
    let host = endpoint.api_base.host_str().unwrap_or("unknown");
    match endpoint.api_base.port() {
        Some(port) => format!("{slug}@{host}:{port}"),
        None => format!("{slug}@{host}"),
    }
}

fn read_key(ctx: &Context, args: &LoginArgs, endpoint: &Endpoint) -> anyhow::Result<ApiKey> {
    let p = &ctx.printer;
    if args.with_key {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            p.status("Paste the key, then press Enter:");
        }
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("cannot read the key from standard input")?;
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
    prompt::masked(p, "Paste your API key (input is masked): ")
}

fn store_key(
    ctx: &Context,
    args: &LoginArgs,
    name: &str,
    key: &ApiKey,
    files: &FileStore,
) -> anyhow::Result<StoreKind> {
    let p = &ctx.printer;
    let to_file = |reason: &str| -> anyhow::Result<StoreKind> {
        files
            .set(name, key)
            .with_context(|| format!("cannot write {}", files.path().display()))?;
        p.warn(format!(
            "the key is stored in PLAIN TEXT in {} (mode 0600) because {reason}",
            files.path().display()
        ));
        Ok(StoreKind::File)
    };
    match args.store {
        StoreChoice::File => to_file("--store file was chosen"),
        StoreChoice::Keyring => match Keyring::set(name, key) {
            Ok(()) => Ok(StoreKind::Keyring),
            Err(e) => Err(CliError::failure(format!(
                "cannot store the key in the {}: {e}",
                Keyring::name()
            ))
            .hint(format!(
                "use --store file to keep it in {} instead",
                files.path().display()
            ))
            .into()),
        },
        StoreChoice::Auto => match Keyring::set(name, key) {
            Ok(()) => Ok(StoreKind::Keyring),
            Err(e) => {
                let stored = to_file(&format!("the {} is not usable: {e}", Keyring::name()))?;
                p.hint("start a keyring (Secret Service, Keychain, Credential Manager) and run `skene login` again to move the key there");
                Ok(stored)
            }
        },
    }
}

/// Best effort: a key moved to another store must not stay behind in the old one.
fn remove_from(store: StoreKind, name: &str, files: &FileStore) {
    let _ = match store {
        StoreKind::Keyring => Keyring::delete(name).map(drop).map_err(|e| e.to_string()),
        StoreKind::File => files.delete(name).map(drop).map_err(|e| e.to_string()),
    };
}

fn new_profile(me: &Me, slug: String, endpoint: &Endpoint, store: StoreKind) -> Profile {
    Profile {
        upstream: endpoint.upstream.workspace_url(&slug),
        workspace: slug,
        workspace_name: me.workspace.as_ref().and_then(|w| w.name.clone()),
        api_base: endpoint.base(),
        user_email: me.user.as_ref().and_then(|u| u.email.clone()),
        user_name: me.user.as_ref().and_then(|u| u.name.clone()),
        role: me.role.clone(),
        key_id: me.key.as_ref().and_then(|k| k.id.clone()),
        key_prefix: me.key.as_ref().and_then(|k| k.prefix.clone()),
        store,
    }
}
