//! `skene logout`: delete a key from every store that holds it and drop its profile.

use clap::Args;
use serde_json::json;

use super::{Context, Credentials, KeySource, block_on};
use crate::config::Profile;
use crate::credentials::{Keyring, StoreKind};
use crate::error::CliError;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene logout                      # the active workspace
  skene logout --workspace my-app   # another saved workspace
  skene logout --all --revoke       # every workspace, and revoke the keys on the server")]
pub struct LogoutArgs {
    /// Log out of every saved workspace
    #[arg(long)]
    pub all: bool,

    /// Also revoke the key on the server (DELETE /api-keys/{id}) before removing it
    #[arg(long)]
    pub revoke: bool,
}

pub fn run(ctx: &Context, args: LogoutArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if args.all && ctx.global.workspace.is_some() {
        return Err(CliError::usage("--all and --workspace cannot be used together").into());
    }
    let dir = ctx.config_dir()?;
    let mut cfg = ctx.user_config()?;
    let targets: Vec<String> = if args.all {
        cfg.profiles.keys().cloned().collect()
    } else if let Some(wanted) = &ctx.global.workspace {
        let found: Vec<String> = cfg
            .find(wanted)
            .into_iter()
            .map(|(n, _)| n.clone())
            .collect();
        if found.len() > 1 {
            return Err(CliError::usage(format!(
                "workspace `{wanted}` is saved for several servers: {}",
                found.join(", ")
            ))
            .hint("pass the full profile name to --workspace, or use --all")
            .into());
        }
        found
    } else {
        cfg.active
            .iter()
            .filter(|a| cfg.profiles.contains_key(*a))
            .cloned()
            .collect()
    };

    if targets.is_empty() {
        match &ctx.global.workspace {
            Some(w) => p.status(format!(
                "No saved login for workspace `{w}`; nothing to remove."
            )),
            None => p.status("Not logged in; nothing to remove."),
        }
        if p.json_mode() {
            p.json(&json!({"removed": []}));
        }
        return Ok(());
    }

    let mut report = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    for name in targets {
        let Some(profile) = cfg.profiles.get(&name).cloned() else {
            continue;
        };
        let revoked = if args.revoke {
            Some(revoke(ctx, &name, &profile))
        } else {
            None
        };
        let revoke_ok = revoked.as_ref().map(|r| r.is_ok());
        if let Some(Err(e)) = revoked {
            p.warn(format!(
                "could not revoke the key of {name} on the server: {}",
                crate::error::render_chain(&e)
            ));
            p.hint(format!(
                "revoke it in the dashboard: {}/apikeys",
                profile.upstream
            ));
            failure.get_or_insert(e);
        }
        match remove_everywhere(ctx, &name, &profile) {
            Ok(stores) => {
                cfg.remove(&name);
                cfg.save(dir)?;
                let where_ = if stores.is_empty() {
                    "no stored key was found".to_owned()
                } else {
                    format!(
                        "removed the key from the {}",
                        stores
                            .iter()
                            .map(|s| describe(*s))
                            .collect::<Vec<_>>()
                            .join(" and the ")
                    )
                };
                p.success(format!("Logged out of {name}: {where_} and the profile"));
                report.push(json!({
                    "profile": name,
                    "workspace": profile.workspace,
                    "stores": stores.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "revoked": revoke_ok,
                }));
            }
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
    }
    if cfg.profiles.is_empty() {
        cfg.active = None;
    }
    if let Some(active) = &cfg.active {
        p.status(format!("Active workspace is now {active}"));
    }
    if p.json_mode() {
        p.json(&json!({"removed": report, "active": cfg.active}));
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn describe(store: StoreKind) -> String {
    match store {
        StoreKind::Keyring => Keyring::name().to_owned(),
        StoreKind::File => "credentials file".to_owned(),
    }
}

/// Deletes the key from the keyring and the credentials file. Fails only when the
/// store the profile names cannot be reached, so that no key is left behind unseen.
fn remove_everywhere(
    ctx: &Context,
    name: &str,
    profile: &Profile,
) -> anyhow::Result<Vec<StoreKind>> {
    let mut removed = Vec::new();
    match Keyring::delete(name) {
        Ok(true) => removed.push(StoreKind::Keyring),
        Ok(false) => {}
        Err(e) if profile.store == StoreKind::Keyring => {
            return Err(CliError::failure(format!(
                "cannot remove the key of {name} from the {}: {e}",
                Keyring::name()
            ))
            .hint("unlock the keyring and run `skene logout` again; the profile was kept")
            .into());
        }
        Err(_) => {}
    }
    let files = ctx.file_store()?;
    match files.delete(name) {
        Ok(true) => removed.push(StoreKind::File),
        Ok(false) => {}
        Err(e) => {
            return Err(CliError::failure(format!(
                "cannot remove the key of {name} from {}: {e}",
                files.path().display()
            ))
            .into());
        }
    }
    Ok(removed)
}

/// Revokes the profile's key on the server it was stored for.
fn revoke(ctx: &Context, name: &str, profile: &Profile) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let Some(key) = ctx.load_stored_key(name, profile.store)? else {
        return Err(CliError::failure("the key is not in its store any more").into());
    };
    let creds = Credentials {
        key,
        source: KeySource::Store(profile.store),
        profile: Some((name.to_owned(), profile.clone())),
        bound_to: Some(profile.api_base.clone()),
    };
    let endpoint = ctx.endpoint_for(Some(&creds))?;
    let client = ctx.client(&endpoint, Some(&creds.key))?;
    block_on(async {
        let id = match client.me().await {
            Ok(me) => me.key.and_then(|k| k.id).or_else(|| profile.key_id.clone()),
            Err(e) if e.is_auth() => {
                return Err(CliError::auth(
                    "the server no longer accepts this key (already revoked?)",
                )
                .into());
            }
            Err(e) => return Err(anyhow::Error::new(e)),
        };
        let Some(id) = id else {
            return Err(CliError::failure("the server did not say which key id this is").into());
        };
        client.delete_api_key(&id).await?;
        p.success(format!(
            "Revoked key {} ({id}) on {}",
            creds.key.masked(),
            endpoint.base()
        ));
        Ok(())
    })?
}
