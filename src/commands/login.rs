//! `skene login`: validate a key with `GET /me` and store it.

use std::io::IsTerminal;

use clap::{Args, ValueEnum};
use serde_json::json;

use super::Context;
use crate::api::{ApiError, Me};
use crate::credentials::resolve::env_key;
use crate::credentials::{StoreKind, keyring};
use crate::error::CliError;
use crate::prompt;
use crate::secret::{ApiKey, KeyShape};
use crate::settings::{Endpoint, Profile, env, target};

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
    #[arg(long, value_enum, env = env::CREDENTIAL_STORE, default_value_t = StoreChoice::Auto)]
    pub store: StoreChoice,
}

/// `--store`: where `skene login` puts the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreChoice {
    /// The OS keyring, or the credentials file when no keyring is usable
    Auto,
    /// The OS keyring only: fail when it is not usable
    Keyring,
    /// The plaintext credentials file (mode 0600) in the config directory
    File,
}

pub async fn run(ctx: &Context, args: LoginArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let endpoint =
        target::explicit_endpoint(&ctx.settings)?.unwrap_or_else(Endpoint::default_cloud);
    let key = read_key(ctx, &args, &endpoint).await?;
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

    let client = ctx.client_for(&endpoint, Some(&key))?;
    let me = match client.me().await {
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
            return Err(anyhow::Error::new(e)
                .context(format!("could not check the key with {}", endpoint.base())));
        }
    };
    let Some(slug) = me
        .slug()
        .map(str::to_owned)
        .or_else(|| endpoint.upstream.slug.clone())
    else {
        return Err(anyhow::Error::new(ApiError::Incomplete {
            status: 200,
            url: client.url_for(crate::api::ME_PATH),
            missing: "workspace.slug".into(),
        })
        .context("could not tell which workspace the key belongs to"));
    };
    save(ctx, &args, &endpoint, &key, &me, &slug)
}

/// Stores the key and its profile, under the config lock. The profile is written
/// first, so that no crash leaves a key that nothing refers to; if the key cannot
/// be stored, the previous profile is put back.
fn save(
    ctx: &Context,
    args: &LoginArgs,
    endpoint: &Endpoint,
    key: &ApiKey,
    me: &Me,
    slug: &str,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let name = endpoint.profile_name(slug);
    let dir = ctx.config_dir()?;
    let stores = ctx.stores()?;
    let lock = ctx.lock()?;
    let mut cfg = ctx.user_config()?;
    let before = Rollback {
        cfg: cfg.clone(),
        existed: dir.join(crate::settings::profiles::CONFIG_FILE).exists(),
    };
    let previous = cfg.profiles.get(&name).map(|p| p.store);
    let store = match args.store {
        StoreChoice::Auto | StoreChoice::Keyring => StoreKind::Keyring,
        StoreChoice::File => StoreKind::File,
    };
    let label = keyring_label(me, slug, endpoint);

    let mut profile = new_profile(me, slug, endpoint, store);
    cfg.profiles.insert(name.clone(), profile.clone());
    cfg.active = Some(name.clone());
    cfg.save(dir, &lock)
        .map_err(|e| e.hint("nothing was changed"))?;

    let stored = match stores.get(store).set(&lock, &name, key, &label) {
        Ok(()) => store,
        Err(e) if store == StoreKind::Keyring && args.store == StoreChoice::Auto => {
            // No usable keyring: the file, loudly.
            if let Err(file_err) = stores.file.set(&lock, &name, key, &label) {
                before.restore(dir, &lock);
                return Err(CliError::failure(format!("cannot store the key: {file_err}"))
                    .hint("the login was not saved; free some space or fix the permissions, then try again")
                    .into());
            }
            p.warn(format!(
                "the key is stored in PLAIN TEXT in {} (mode 0600) because the {} is not usable: {e}",
                stores.file.describe(),
                keyring::name()
            ));
            p.hint("start a keyring (Secret Service, Keychain, Credential Manager) and run `skene login` again to move the key there");
            profile.store = StoreKind::File;
            cfg.profiles.insert(name.clone(), profile.clone());
            cfg.save(dir, &lock)?;
            StoreKind::File
        }
        Err(e) => {
            before.restore(dir, &lock);
            let mut err = CliError::failure(format!(
                "cannot store the key in the {}: {e}",
                stores.get(store).describe()
            ));
            err = if store == StoreKind::Keyring {
                err.hint(format!(
                    "use --store file to keep it in {} instead",
                    stores.file.describe()
                ))
            } else {
                err.hint("the login was not saved; free some space or fix the permissions, then try again")
            };
            return Err(err.into());
        }
    };
    if stored == StoreKind::File && args.store == StoreChoice::File {
        p.warn(format!(
            "the key is stored in PLAIN TEXT in {} (mode 0600) because --store file was chosen",
            stores.file.describe()
        ));
    }
    if let Some(old) = previous
        && old != stored
    {
        // A key moved to another store must not stay behind in the old one.
        let _ = stores.delete(&lock, old, &name);
        if old == StoreKind::File && stored == StoreKind::Keyring {
            p.status(format!(
                "Moved the key of {name} from {} to the {}",
                stores.file.describe(),
                keyring::name()
            ));
        }
    }
    drop(lock);
    report(ctx, &name, &profile, slug, key, stored)
}

/// config.toml as it was before the login, to put back if the key cannot be stored.
struct Rollback {
    cfg: crate::settings::UserConfig,
    existed: bool,
}

impl Rollback {
    fn restore(&self, dir: &std::path::Path, lock: &crate::settings::lock::ConfigLock) {
        if self.existed {
            let _ = self.cfg.save(dir, lock);
        } else {
            let _ = std::fs::remove_file(dir.join(crate::settings::profiles::CONFIG_FILE));
        }
    }
}

fn report(
    ctx: &Context,
    name: &str,
    profile: &Profile,
    slug: &str,
    key: &ApiKey,
    store: StoreKind,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let store_text = match store {
        StoreKind::Keyring => format!(
            "{} (service \"{}\", username \"{name}\")",
            keyring::name(),
            crate::credentials::SERVICE
        ),
        StoreKind::File => ctx.stores()?.file.describe(),
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
        }))?;
    }
    let who = profile
        .user_email
        .as_deref()
        .or(profile.user_name.as_deref());
    let workspace = match &profile.workspace_name {
        Some(n) => format!("{n} ({slug})"),
        None => slug.to_owned(),
    };
    let mut line = format!("Logged in to {workspace}");
    if let Some(who) = who {
        line.push_str(&format!(" as {who}"));
    }
    if let Some(role) = &profile.role {
        line.push_str(&format!(" ({role})"));
    }
    p.success(line);
    p.status(format!("  API base: {}", profile.api_base));
    p.status(format!("  Key {} stored in {store_text}", key.masked()));
    if let Some((_, var)) = env_key() {
        p.warn(format!(
            "{var} is set and overrides the stored key; unset it to use this login"
        ));
    }
    Ok(())
}

/// What a keyring manager shows for the entry: "skene: Acme (acme) on www.skene.ai".
fn keyring_label(me: &Me, slug: &str, endpoint: &Endpoint) -> String {
    let host = endpoint.api_base.host_str().unwrap_or("unknown");
    let host = match endpoint.api_base.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    let name = me.workspace.as_ref().and_then(|w| w.name.clone());
    let shown = match name {
        Some(n) => format!("{n} ({slug})"),
        None => slug.to_owned(),
    };
    crate::output::sanitize::line(&format!("skene: {shown} on {host}")).into_owned()
}

async fn read_key(ctx: &Context, args: &LoginArgs, endpoint: &Endpoint) -> anyhow::Result<ApiKey> {
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

fn new_profile(me: &Me, slug: &str, endpoint: &Endpoint, store: StoreKind) -> Profile {
    Profile {
        upstream: endpoint.upstream.workspace_url(slug),
        workspace: slug.to_owned(),
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
