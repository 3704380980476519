//! `skene logout`: delete a key from every store that holds it and drop its profile.

use clap::Args;
use serde_json::json;

use super::Context;
use crate::api::Upstream;
use crate::credentials::{KeySource, Leftovers, StoreKind, Stores};
use crate::error::CliError;
use crate::settings::{Endpoint, Profile, Source, UserConfig};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene logout                      # the active workspace (on a terminal, with several
                                    #   saved logins: pick one)
  skene logout --workspace my-app   # another saved workspace
  skene logout --all --revoke       # every workspace, and revoke the keys on the server

Logging out never makes another saved login active: pick one with `skene auth switch`.")]
pub struct LogoutArgs {
    /// Log out of every saved workspace, and remove every key skene stored
    #[arg(long)]
    pub all: bool,

    /// Also revoke the key on the server (DELETE /api-keys/{id}) before removing it
    #[arg(long)]
    pub revoke: bool,

    /// Do not ask before revoking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn run(ctx: &Context, args: LogoutArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if args.all && ctx.settings.flags.workspace.is_some() {
        return Err(CliError::usage("--all and --workspace cannot be used together").into());
    }
    let cfg = ctx.user_config()?;
    let targets = targets(ctx, &args, &cfg)?;
    let stores = ctx.stores()?;

    let mut revoked: Vec<(String, Result<(), anyhow::Error>)> = Vec::new();
    if args.revoke && !targets.is_empty() {
        confirm_revoke(ctx, &args, &targets, &stores)?;
        for (name, profile) in &targets {
            revoked.push((name.clone(), revoke(ctx, name, profile, &stores).await));
        }
    }

    let dir = ctx.config_dir()?;
    let lock = ctx.config_lock().await?;
    // Read again under the lock: another skene may have changed it meanwhile.
    let mut cfg = ctx.user_config()?;
    let mut report = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    for (name, profile) in &targets {
        let revoke_ok = revoked
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.is_ok());
        if let Some((_, Err(e))) = revoked.iter().find(|(n, _)| n == name) {
            p.warn(format!(
                "could not revoke the key of {name} on the server: {}",
                crate::error::render_chain(e)
            ));
            p.hint(format!(
                "revoke it in the dashboard: {}",
                keys_page(profile)
            ));
        }
        match remove_everywhere(&stores, &lock, name, profile) {
            Ok(removed) => {
                cfg.remove(name);
                cfg.save(dir, &lock)?;
                let where_ = if removed.is_empty() {
                    "no stored key was found".to_owned()
                } else {
                    let names: Vec<String> = removed
                        .iter()
                        .map(|s| KeySource::Store(*s).describe())
                        .collect();
                    format!("removed the key from the {}", names.join(" and the "))
                };
                p.success(format!("Logged out of {name}: {where_} and the profile"));
                report.push(json!({
                    "profile": name,
                    "workspace": profile.workspace,
                    "stores": removed.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                    "revoked": revoke_ok,
                }));
            }
            Err(e) => {
                p.error(crate::error::render_chain(&e));
                failure.get_or_insert(e);
            }
        }
    }

    // Keys no profile refers to, and interrupted writes: never left behind.
    let leftovers = Leftovers::find(&stores, &cfg, dir);
    let (keys, files) = leftovers.remove(&stores, &lock);
    let files = files + lock.stale_removed();
    if keys > 0 {
        p.status(format!(
            "Also removed {keys} stored key{} that no saved login referred to",
            if keys == 1 { "" } else { "s" }
        ));
    }
    if files > 0 {
        p.status(format!(
            "Also removed {files} file{} an interrupted write left in the config directory (a key may have been in {})",
            if files == 1 { "" } else { "s" },
            if files == 1 { "it" } else { "them" }
        ));
    }
    drop(lock);

    if targets.is_empty() && keys == 0 && files == 0 {
        match &ctx.settings.flags.workspace {
            Some(w) => p.status(format!(
                "No saved login for workspace `{}`; nothing to remove.",
                w.value
            )),
            None if cfg.profiles.is_empty() => p.status("Not logged in; nothing to remove."),
            None => p.status("No active login; nothing to remove."),
        }
    }
    if cfg.active.is_none() && !cfg.profiles.is_empty() {
        let names: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
        p.status(format!(
            "No saved login is active now; others: {} (`skene auth switch` picks one)",
            names.join(", ")
        ));
    }
    if p.json_mode() {
        p.json(&json!({"removed": report, "active": cfg.active, "orphaned_keys_removed": keys}))?;
    }
    // Each revoke failure was said above, with its dashboard hint: the error only
    // sums up, with the first failure's exit code.
    let revoke_failure = revoked.into_iter().find_map(|(_, r)| r.err()).map(|e| {
        let (kind, _) = crate::error::classify(&e, None);
        anyhow::Error::new(CliError::new(
            kind,
            "logged out, but a key could not be revoked on the server (see above)",
        ))
    });
    match failure.or(revoke_failure) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The profiles to log out of: all, the one `--workspace` names, or the active one.
fn targets(
    ctx: &Context,
    args: &LogoutArgs,
    cfg: &UserConfig,
) -> Result<Vec<(String, Profile)>, CliError> {
    let owned = |(n, p): (&String, &Profile)| (n.clone(), p.clone());
    if args.all {
        return Ok(cfg.profiles.iter().map(owned).collect());
    }
    if let Some(wanted) = &ctx.settings.flags.workspace {
        let found = cfg.find(&wanted.value);
        if found.len() > 1 {
            let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
            return Err(CliError::usage(format!(
                "workspace `{}` is saved for several servers: {}",
                wanted.value,
                names.join(", ")
            ))
            .hint("pass the full profile name to --workspace, or use --all"));
        }
        return Ok(found.into_iter().map(owned).collect());
    }
    // On a terminal, with a choice to make, ask; otherwise the active login.
    let choice =
        cfg.profiles.len() > 1 || (cfg.profiles.len() == 1 && cfg.active_profile().is_none());
    if choice && ctx.can_prompt() {
        let name = ctx.choose_login(cfg, "Log out of which saved login?")?;
        return Ok(cfg
            .profiles
            .get_key_value(&name)
            .map(owned)
            .into_iter()
            .collect());
    }
    Ok(cfg.active_profile().map(owned).into_iter().collect())
}

/// Says which keys `--revoke` will revoke, and asks on a terminal.
fn confirm_revoke(
    ctx: &Context,
    args: &LogoutArgs,
    targets: &[(String, Profile)],
    stores: &Stores,
) -> Result<(), CliError> {
    let described: Vec<String> = targets
        .iter()
        .map(|(name, profile)| {
            let key = stores
                .get(profile.store)
                .get(name)
                .ok()
                .flatten()
                .map(|k| k.masked())
                .unwrap_or_else(|| "(key not found)".into());
            let id = profile
                .key_id
                .as_deref()
                .map(|i| format!(" ({i})"))
                .unwrap_or_default();
            format!("{key}{id} of {} on {}", profile.workspace, profile.api_base)
        })
        .collect();
    for d in &described {
        ctx.printer.status(format!("Will revoke the key {d}"));
    }
    let question = if described.len() == 1 {
        "Revoke it? It stops working everywhere it is used."
    } else {
        "Revoke them? They stop working everywhere they are used."
    };
    // Like `keys delete`: without a terminal (or with --no-input / CI), only --yes
    // revokes; a script never deletes a key on the server by default.
    ctx.confirm(args.yes, question).map_err(|e| {
        if e.kind == crate::error::ExitKind::Failure {
            CliError::failure("cancelled; nothing was revoked or removed")
        } else {
            e
        }
    })
}

/// Deletes the key from the keyring and the credentials file. Fails only when the
/// store the profile names cannot be reached, so that no key is left behind unseen.
fn remove_everywhere(
    stores: &Stores,
    lock: &crate::settings::lock::ConfigLock,
    name: &str,
    profile: &Profile,
) -> anyhow::Result<Vec<StoreKind>> {
    let mut removed = Vec::new();
    for store in stores.all() {
        match store.delete(lock, name) {
            Ok(true) => removed.push(store.kind()),
            Ok(false) => {}
            Err(e) if store.kind() == profile.store => {
                let hint = match store.kind() {
                    StoreKind::Keyring => {
                        "unlock the keyring and run `skene logout` again; the profile was kept"
                    }
                    StoreKind::File => "fix the file's permissions and run `skene logout` again",
                };
                return Err(CliError::failure(format!(
                    "cannot remove the key of {name} from {}: {e}",
                    store.describe()
                ))
                .hint(hint)
                .into());
            }
            Err(_) => {}
        }
    }
    Ok(removed)
}

/// Revokes the profile's key on the server it was stored for.
async fn revoke(
    ctx: &Context,
    name: &str,
    profile: &Profile,
    stores: &Stores,
) -> anyhow::Result<()> {
    let key = stores
        .get(profile.store)
        .get(name)
        .map_err(|e| CliError::failure(format!("cannot read the key: {e}")))?
        .ok_or_else(|| CliError::failure("the key is not in its store any more"))?;
    let endpoint = Endpoint::from_base(&profile.api_base, None, Source::Profile(name.into()))?;
    let client = ctx.client_for(&endpoint, Some(&key))?;
    let id = match client.me().await {
        Ok(me) => me.key.and_then(|k| k.id).or_else(|| profile.key_id.clone()),
        Err(e) if e.is_auth() => {
            return Err(
                CliError::auth("the server no longer accepts this key (already revoked?)").into(),
            );
        }
        Err(e) => return Err(anyhow::Error::new(e)),
    };
    let Some(id) = id else {
        return Err(CliError::failure("the server did not say which key id this is").into());
    };
    match client.delete_api_key(&id).await {
        Ok(()) => ctx.printer.success(format!(
            "Revoked key {} ({id}) on {}",
            key.masked(),
            endpoint.base()
        )),
        // Deleted meanwhile (in the dashboard, by `keys delete`): what was asked is done.
        Err(e) if e.status() == Some(404) => ctx.printer.status(format!(
            "The key {} ({id}) was already gone on {}",
            key.masked(),
            endpoint.base()
        )),
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// The dashboard page where the profile's keys are managed.
fn keys_page(profile: &Profile) -> String {
    match Upstream::parse(&profile.upstream) {
        Ok(upstream) => upstream.api_keys_page(Some(&profile.workspace)),
        Err(_) => profile.upstream.clone(),
    }
}
