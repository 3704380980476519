//! Storing a checked login: the profile in config.toml, the key in the chosen
//! store, under the config directory's lock; and the report of what was stored.

use serde_json::json;

use super::StoreChoice;
use crate::api::Me;
use crate::commands::Context;
use crate::credentials::resolve::env_key;
use crate::credentials::{StoreKind, keyring};
use crate::error::CliError;
use crate::secret::ApiKey;
use crate::settings::{Endpoint, Profile};

/// Stores the key and its profile, under the config lock. The profile is written
/// first, so that no crash leaves a key that nothing refers to; if the key cannot
/// be stored, the previous profile is put back.
pub(super) async fn save(
    ctx: &Context,
    choice: StoreChoice,
    endpoint: &Endpoint,
    key: &ApiKey,
    me: &Me,
    slug: &str,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let name = endpoint.profile_name(slug);
    let dir = ctx.config_dir()?;
    let stores = ctx.stores()?;
    let lock = ctx.config_lock().await?;
    let mut cfg = ctx.user_config()?;
    let before = Rollback {
        cfg: cfg.clone(),
        existed: dir.join(crate::settings::profiles::CONFIG_FILE).exists(),
    };
    let previous = cfg.profiles.get(&name).map(|p| p.store);
    let store = match choice {
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
        Err(e) if store == StoreKind::Keyring && choice == StoreChoice::Auto => {
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
    if stored == StoreKind::File && choice == StoreChoice::File {
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
            "{} (service \"{}\", {} \"{name}\")",
            keyring::name(),
            crate::credentials::SERVICE,
            // What each store calls the item's user attribute.
            if cfg!(target_os = "macos") {
                "account"
            } else {
                "username"
            },
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
