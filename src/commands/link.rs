//! `skene link` and `skene unlink`: the workspace a project uses, recorded in its
//! `.skene.config` (`upstream` only, never a key).

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::Context;
use super::choose::saved_list;
use crate::error::CliError;
use crate::settings::link::{self, Change};
use crate::settings::project::PROJECT_FILE;
use crate::settings::{Endpoint, Source, UserConfig};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene link                                                 # on a terminal: pick a saved login
  skene link --upstream https://www.skene.ai/workspace/my-app
  skene link --workspace my-app                              # the workspace of a saved login

Writes `upstream` into the project's .skene.config (the one found from here upwards, else a
new one here), keeping its other settings and comments. Later commands in this directory
and below talk to that workspace without --upstream, and use the saved login for it.
Without a terminal and without --upstream or --workspace, the active login's workspace is
linked. Never writes a key.")]
pub struct LinkArgs {}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Removes `upstream` from the project's .skene.config, and the file itself when `skene link`
created it and it holds nothing else.")]
pub struct UnlinkArgs {}

/// The workspace URL to record, and what chose it (for messages).
fn chosen_upstream(ctx: &Context, cfg: &UserConfig) -> Result<(String, Source), CliError> {
    if let Some(u) = &ctx.settings.flags.upstream {
        return Ok((u.value.trim().to_owned(), u.source.clone()));
    }
    let from_profile = |name: &str| -> Result<(String, Source), CliError> {
        let found = cfg.find(name);
        match found.as_slice() {
            [(n, p)] => Ok((p.upstream.clone(), Source::Profile((*n).clone()))),
            [] => {
                let mut e = CliError::auth(format!("no saved login for workspace `{name}`"));
                if let Some(list) = saved_list(cfg) {
                    e = e.hint(list);
                }
                Err(e.hint("or pass --upstream https://…/workspace/<slug>"))
            }
            many => {
                let names: Vec<&str> = many.iter().map(|(n, _)| n.as_str()).collect();
                Err(CliError::usage(format!(
                    "workspace `{name}` is saved for several servers: {}",
                    names.join(", ")
                ))
                .hint("pass the full profile name to --workspace"))
            }
        }
    };
    if let Some(w) = &ctx.settings.flags.workspace {
        return from_profile(&w.value);
    }
    let nothing = || {
        CliError::usage("which workspace? pass --upstream URL (or --workspace SLUG)")
            .hint("e.g. skene link --upstream https://www.skene.ai/workspace/my-app")
    };
    match ctx.prompt_blocker() {
        None => match cfg.profiles.len() {
            0 => Err(nothing().hint("or run `skene login` first, then `skene link`")),
            1 => {
                let name = cfg.profiles.keys().next().cloned().unwrap_or_default();
                from_profile(&name)
            }
            _ => {
                let name =
                    ctx.choose_login(cfg, "Link this project to which saved login's workspace?")?;
                from_profile(&name)
            }
        },
        Some(why) => match cfg.active_profile() {
            Some((name, _)) => from_profile(&name.clone()),
            None => {
                let mut e = nothing().hint(format!("there is no active login, and {why}"));
                if let Some(list) = saved_list(cfg) {
                    e = e.hint(list);
                }
                Err(e)
            }
        },
    }
}

/// The `.skene.config` to write: the project's, found upwards as every command
/// finds it, unless that is the home directory's own; else a new one here.
fn project_file(ctx: &Context) -> Result<PathBuf, CliError> {
    let here = std::path::absolute(&ctx.settings.flags.project_dir)
        .map_err(|e| CliError::failure(format!("cannot find the current directory: {e}")))?;
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    let found = ctx.settings.project()?.map(|p| p.path.clone());
    ctx.print_settings_notices();
    Ok(match found {
        Some(path) if path.parent() == Some(here.as_path()) => path,
        Some(path) if path.parent().is_some() && path.parent() != home.as_deref() => path,
        _ => here.join(PROJECT_FILE),
    })
}

pub async fn link(ctx: &Context, _args: LinkArgs) -> anyhow::Result<()> {
    let cfg = ctx.user_config()?;
    let (raw, source) = chosen_upstream(ctx, &cfg)?;
    let endpoint = Endpoint::from_upstream(&raw, source.clone())?;
    let Some(slug) = endpoint.upstream.slug.clone() else {
        return Err(
            CliError::usage(format!("{raw} names no workspace (from {source})"))
                .hint(format!(
                    "a workspace URL ends in /workspace/<slug>, e.g. {}/workspace/my-app",
                    endpoint.upstream.origin
                ))
                .into(),
        );
    };
    let upstream = endpoint.upstream.workspace_url(&slug);
    let path = project_file(ctx)?;
    let change = link::set_upstream(&path, &upstream)?;
    let saved = cfg
        .profiles
        .iter()
        .find(|(_, p)| p.workspace == slug && endpoint.is_base(&p.api_base))
        .map(|(n, _)| n.clone());

    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&json!({
            "path": path.display().to_string(),
            "upstream": upstream,
            "workspace": slug,
            "profile": saved,
            "changed": change != Change::Unchanged,
        }))?;
    }
    match change {
        Change::Unchanged => p.success(format!("Already linked to {slug} ({upstream})")),
        _ => p.success(format!("Linked this project to {slug} ({upstream})")),
    }
    let verb = match change {
        Change::Created => "Created",
        Change::Unchanged => "Unchanged:",
        _ => "Updated",
    };
    p.status(format!(
        "  {verb} {}; commands run in {} and below use this workspace",
        path.display(),
        path.parent()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    ));
    match &saved {
        Some(name) => p.status(format!("  Saved login: {name}")),
        None => p.hint(format!(
            "no saved login for {slug} yet: run `skene login` here (CI: set SKENE_API_KEY)"
        )),
    }
    Ok(())
}

pub fn unlink(ctx: &Context, _args: UnlinkArgs) -> anyhow::Result<()> {
    let found = ctx
        .settings
        .project()?
        .map(|p| (p.path.clone(), p.api_key.is_some()));
    ctx.print_settings_notices();
    let p = &ctx.printer;
    let Some((path, holds_key)) = found else {
        if p.json_mode() {
            p.json(&json!({"path": null, "changed": false}))?;
        }
        p.status(format!(
            "This project is not linked (no {PROJECT_FILE} here or above); nothing to change."
        ));
        return Ok(());
    };
    let change = link::remove_upstream(&path)?;
    if p.json_mode() {
        p.json(&json!({
            "path": path.display().to_string(),
            "changed": change != Change::Absent,
            "deleted": change == Change::Deleted,
        }))?;
    }
    match change {
        Change::Absent => p.status(format!(
            "{} names no workspace; nothing to change.",
            path.display()
        )),
        Change::Deleted => p.success(format!(
            "Unlinked: deleted {} (it held nothing else)",
            path.display()
        )),
        _ => p.success(format!(
            "Unlinked: removed upstream from {}",
            path.display()
        )),
    }
    if holds_key {
        p.warn(format!(
            "{} still holds upstream_api_key, a key in plain text",
            path.display()
        ));
        p.hint("store it with `skene login` and delete that line");
    }
    Ok(())
}
