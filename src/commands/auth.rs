//! `skene auth status | token | switch`.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::choose::saved_list;
use super::{Context, not_logged_in};
use crate::credentials::{KeySource, Leftovers};
use crate::error::CliError;
use crate::settings::{Source, UserConfig};

#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Check the key online and show who and where you are logged in
    Status(StatusArgs),
    /// Print the key in use to stdout, and nothing else (for piping)
    Token(TokenArgs),
    /// Make another saved workspace the active one
    Switch(SwitchArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Example:\n  curl -H \"Authorization: Bearer $(skene auth token)\" https://www.skene.ai/api/v1/me"
)]
pub struct TokenArgs {}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene auth switch                # on a terminal: pick from the saved logins
  skene auth switch my-app         # by workspace slug
  skene auth switch my-app@eu.example.com   # by profile name, when a slug is saved twice")]
pub struct SwitchArgs {
    /// Workspace slug, or a full profile name from `skene auth status` [default: asked on a terminal]
    #[arg(add = clap_complete::engine::ArgValueCandidates::new(crate::cli::saved_logins))]
    pub workspace: Option<String>,
}

pub async fn run(ctx: &Context, cmd: AuthCommand) -> anyhow::Result<()> {
    match cmd {
        AuthCommand::Status(_) => status(ctx).await,
        AuthCommand::Token(_) => token(ctx),
        AuthCommand::Switch(args) => switch(ctx, args.workspace).await,
    }
}

fn token(ctx: &Context) -> anyhow::Result<()> {
    let cfg = ctx.user_config()?;
    let target = crate::settings::target::resolve(&ctx.settings, &cfg)?;
    let creds = ctx
        .resolve_key(&target)?
        .ok_or_else(|| not_logged_in(&cfg))?;
    ctx.printer.secret(&creds.key)?;
    Ok(())
}

async fn switch(ctx: &Context, wanted: Option<String>) -> anyhow::Result<()> {
    let wanted = match wanted {
        Some(w) => w,
        None => {
            let cfg = ctx.user_config()?;
            if let Some(why) = ctx.prompt_blocker() {
                let mut err = CliError::usage(format!("name the saved login to switch to: {why}"))
                    .hint("skene auth switch <workspace>");
                if let Some(list) = saved_list(&cfg) {
                    err = err.hint(list);
                }
                return Err(err.into());
            }
            ctx.choose_login(&cfg, "Which saved login should be active?")?
        }
    };
    let wanted = wanted.as_str();
    let dir = ctx.config_dir()?;
    let lock = ctx.config_lock().await?;
    let mut cfg = ctx.user_config()?;
    let found = cfg.find(wanted);
    let name = match found.as_slice() {
        [(name, _)] => (*name).clone(),
        [] => {
            let known: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
            let mut err = CliError::auth(format!("no saved login for workspace `{wanted}`"));
            err = if known.is_empty() {
                err.hint("run `skene login` first")
            } else {
                err.hint(format!("saved: {}", known.join(", ")))
                    .hint("run `skene login` to add another workspace")
            };
            return Err(err.into());
        }
        many => {
            let names: Vec<&str> = many.iter().map(|(n, _)| n.as_str()).collect();
            return Err(CliError::usage(format!(
                "workspace `{wanted}` is saved for several servers: {}",
                names.join(", ")
            ))
            .hint("pass the full profile name")
            .into());
        }
    };
    cfg.active = Some(name.clone());
    cfg.save(dir, &lock)?;
    drop(lock);
    if ctx.printer.json_mode() {
        ctx.printer.json(&json!({"active": name}))?;
    }
    ctx.printer
        .success(format!("Active workspace is now {name}"));
    Ok(())
}

fn profiles_json(cfg: &UserConfig) -> Vec<Value> {
    cfg.profiles
        .iter()
        .map(|(name, p)| {
            json!({
                "name": name,
                "workspace": p.workspace,
                "api_base": p.api_base,
                "store": p.store.as_str(),
                "active": cfg.active.as_deref() == Some(name.as_str()),
            })
        })
        .collect()
}

/// Why requests go to this API base, for people.
fn base_reason(source: &Source) -> String {
    match source {
        Source::Flag(flag) => format!("from {flag}"),
        Source::Env(var) => format!("from {var}"),
        Source::Project(path) => format!("from {}", path.display()),
        Source::Profile(name) => format!("the saved login {name}"),
        Source::Default => "the default".into(),
    }
}

async fn status(ctx: &Context) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let cfg = ctx.user_config()?;
    let leftovers = Leftovers::find(&ctx.stores()?, &cfg, ctx.config_dir()?);
    let target = crate::settings::target::resolve(&ctx.settings, &cfg)?;
    let endpoint = &target.endpoint;
    let Some(creds) = ctx.resolve_key(&target)? else {
        if p.json_mode() {
            p.json(&json!({
                "logged_in": false,
                "valid": false,
                "api_base": endpoint.base(),
                "api_base_source": base_reason(&endpoint.source),
                "profiles": profiles_json(&cfg),
                "orphaned_keys": leftovers.keys.len(),
                "orphaned_temp_files": leftovers.temp_files.len(),
            }))?;
        } else {
            // "Not logged in" is the error below: said once. Saved logins, if any,
            // are listed so that one can be picked (`skene auth switch`).
            list_profiles(ctx, &cfg, None, false)?;
        }
        report_leftovers(ctx, &leftovers);
        return Err(not_logged_in(&cfg).into());
    };
    creds.check_destination(endpoint)?;
    let client = ctx.client_for(endpoint, Some(&creds.key))?;
    let result = client.me_with_workspace().await;

    let profile = creds.profile.as_ref().map(|(_, p)| p);
    let profile_name = creds.profile.as_ref().map(|(n, _)| n.clone());
    let env_override = matches!(creds.source, KeySource::Env(_)) && !cfg.profiles.is_empty();
    let store = match &creds.source {
        KeySource::Store(kind) => Some(kind.as_str()),
        _ => None,
    };
    let me = result.as_ref().ok();
    let slug = me
        .and_then(|m| m.slug().map(str::to_owned))
        .or_else(|| profile.map(|p| p.workspace.clone()))
        .or_else(|| endpoint.upstream.slug.clone());
    let workspace_name = me
        .and_then(|m| m.workspace.as_ref().and_then(|w| w.name.clone()))
        .or_else(|| profile.and_then(|p| p.workspace_name.clone()));
    let email = me
        .and_then(|m| m.user.as_ref().and_then(|u| u.email.clone()))
        .or_else(|| profile.and_then(|p| p.user_email.clone()));
    let role = me
        .and_then(|m| m.role.clone())
        .or_else(|| profile.and_then(|p| p.role.clone()));
    let key_id = me
        .and_then(|m| m.key.as_ref().and_then(|k| k.id.clone()))
        .or_else(|| profile.and_then(|p| p.key_id.clone()));
    let upstream = match (&slug, profile) {
        (_, Some(p)) => p.upstream.clone(),
        (Some(s), None) => endpoint.upstream.workspace_url(s),
        (None, None) => endpoint.upstream.origin.clone(),
    };

    if p.json_mode() {
        p.json(&json!({
            "logged_in": true,
            "valid": result.is_ok(),
            "error": result.as_ref().err().map(|e| e.to_string()),
            "upstream": upstream,
            "api_base": endpoint.base(),
            "api_base_source": base_reason(&endpoint.source),
            "workspace": {"slug": slug, "name": workspace_name},
            "user": email,
            "role": role,
            "key": creds.key.masked(),
            "key_id": key_id,
            "source": creds.source.tag(),
            "store": store,
            "profile": profile_name,
            "env_overrides_login": env_override,
            "profiles": profiles_json(&cfg),
            "orphaned_keys": leftovers.keys.len(),
            "orphaned_temp_files": leftovers.temp_files.len(),
        }))?;
    } else {
        let title = match (&workspace_name, &slug) {
            (Some(n), Some(s)) => format!("{n} ({s})"),
            (None, Some(s)) => s.clone(),
            (Some(n), None) => n.clone(),
            (None, None) => "(unknown workspace)".to_owned(),
        };
        match &result {
            Ok(_) => p.data_line(format!("✓ Logged in to {title}"))?,
            Err(e) if e.is_auth() => {
                p.data_line(format!("✗ The key was rejected by {}", endpoint.base()))?
            }
            Err(_) => p.data_line(format!(
                "? Could not check the key with {}",
                endpoint.base()
            ))?,
        }
        p.data_line(format!("  Upstream:   {upstream}"))?;
        p.data_line(format!(
            "  API base:   {} ({})",
            endpoint.base(),
            base_reason(&endpoint.source)
        ))?;
        if let Some(email) = &email {
            p.data_line(format!("  User:       {email}"))?;
        }
        if let Some(role) = &role {
            p.data_line(format!("  Role:       {role}"))?;
        }
        let id = key_id.map(|i| format!(" ({i})")).unwrap_or_default();
        p.data_line(format!("  Key:        {}{id}", creds.key.masked()))?;
        p.data_line(format!("  Source:     {}", creds.source.describe()))?;
        if let Some(name) = &profile_name {
            p.data_line(format!("  Profile:    {name}"))?;
        }
        list_profiles(ctx, &cfg, profile_name.as_deref(), true)?;
    }
    if env_override && let KeySource::Env(var) = creds.source {
        p.warn(format!("{var} is set: it overrides the stored login"));
    }
    report_leftovers(ctx, &leftovers);
    match result {
        Ok(_) => Ok(()),
        Err(e) => {
            // The advice (where the key came from, what to do) is added with the exit code.
            let base = endpoint.base();
            let what = if e.is_auth() {
                format!("the key was rejected by {base}")
            } else {
                format!("could not check the key with {base}")
            };
            Err(anyhow::Error::new(e).context(what))
        }
    }
}

fn report_leftovers(ctx: &Context, leftovers: &Leftovers) {
    for file in &leftovers.temp_files {
        ctx.printer.warn(format!(
            "an interrupted write left {} behind; it may hold a key",
            file.display()
        ));
    }
    if leftovers.keys.is_empty() {
        if !leftovers.temp_files.is_empty() {
            ctx.printer
                .hint("`skene logout --all` removes it, and every key skene stored");
        }
        return;
    }
    let names: Vec<String> = leftovers
        .keys
        .iter()
        .map(|(kind, account)| format!("{account} ({})", kind.as_str()))
        .collect();
    ctx.printer.warn(format!(
        "stored keys that no saved login refers to: {}",
        names.join(", ")
    ));
    ctx.printer
        .hint("`skene logout --all` removes every key skene stored");
}

fn list_profiles(
    ctx: &Context,
    cfg: &UserConfig,
    current: Option<&str>,
    spaced: bool,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if cfg.profiles.is_empty() {
        return Ok(());
    }
    if spaced {
        p.data("")?; // after the login's own lines
    }
    p.data("Saved logins:")?;
    for (name, prof) in &cfg.profiles {
        let active = cfg.active.as_deref() == Some(name.as_str());
        let mark = if active { "*" } else { " " };
        let using = if current == Some(name.as_str()) {
            "  (in use)"
        } else {
            ""
        };
        p.data(format!(
            "  {mark} {name}  [{}]  {}{using}",
            prof.store.as_str(),
            prof.api_base
        ))?;
    }
    Ok(())
}
