//! `skene keys list | create | delete | origins …`.

use clap::{Args, Subcommand};
use serde_json::json;

use super::{Context, Session, when_forbidden};
use crate::api::ApiError;
use crate::api::workspace::KeyRecord;
use crate::credentials::{KeySource, Resolved};
use crate::error::{CliError, ExitKind, api_kind};
use crate::output::table;
use crate::random::idempotency_key;

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List the workspace's API keys; the one this CLI uses is marked
    List(ListArgs),
    /// Create a key and print it, alone, on stdout (shown once)
    Create(CreateArgs),
    /// Delete keys; they stop working at once
    Delete(DeleteArgs),
    /// The browser origins allowed to call the API with a key (CORS)
    #[command(subcommand)]
    Origins(OriginsCommand),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Stop after this many
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene keys create --name ci > ci.key          # the key alone on stdout
  skene keys create --name ci | gh secret set SKENE_API_KEY")]
pub struct CreateArgs {
    /// A name that says where the key is used [default: asked on a terminal, else skene-<host>-<date>]
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Key ids, as `skene keys list` shows them
    #[arg(required = true, value_name = "KEY_ID")]
    pub ids: Vec<String>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum OriginsCommand {
    /// Show the allowed origins
    List,
    /// Allow more origins (scheme://host[:port])
    Add(OriginsArgs),
    /// Stop allowing origins
    Remove(OriginsArgs),
    /// Replace the list
    Set(OriginsArgs),
}

#[derive(Debug, Args)]
pub struct OriginsArgs {
    /// Origins like https://app.example.com or http://localhost:3000
    #[arg(required = true, value_name = "ORIGIN")]
    pub origins: Vec<String>,
}

pub async fn run(ctx: &Context, cmd: KeysCommand) -> anyhow::Result<()> {
    match cmd {
        KeysCommand::List(args) => list(ctx, args).await,
        KeysCommand::Create(args) => create(ctx, args).await,
        KeysCommand::Delete(args) => delete(ctx, args).await,
        KeysCommand::Origins(cmd) => origins(ctx, cmd).await,
    }
}

fn explain(err: ApiError) -> anyhow::Error {
    when_forbidden(
        err,
        CliError::auth("your role may not manage this workspace's keys")
            .hint("ask the workspace owner (`skene auth status` shows your role)"),
    )
}

/// Whether `record` is the key this CLI is using: by id, or by its prefix.
fn in_use(record: &KeyRecord, creds: &Resolved) -> bool {
    let by_id = creds
        .profile
        .as_ref()
        .and_then(|(_, p)| p.key_id.as_deref())
        == Some(record.id.as_str());
    let by_prefix = record.prefix.as_deref().is_some_and(|prefix| {
        prefix.len() > "sk_ws_".len() && creds.key.expose().starts_with(prefix)
    });
    by_id || by_prefix
}

fn day(s: &Option<String>) -> String {
    s.as_deref()
        .map(|d| d.chars().take(10).collect())
        .unwrap_or_else(|| "never".into())
}

async fn list(ctx: &Context, args: ListArgs) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let (client, creds) = (&session.client, &session.creds);
    let keys = client.api_keys(args.limit).await.map_err(explain)?;
    let p = &ctx.printer;
    if p.json_mode() {
        let items: Vec<_> = keys
            .iter()
            .map(|k| {
                let mut v = serde_json::to_value(k).unwrap_or_default();
                v["in_use"] = json!(in_use(k, creds));
                v
            })
            .collect();
        p.json(&items)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = keys
        .iter()
        .map(|k| {
            vec![
                if in_use(k, creds) {
                    "*".into()
                } else {
                    String::new()
                },
                k.id.clone(),
                k.name.clone().unwrap_or_default(),
                k.prefix
                    .as_deref()
                    .map(|p| format!("{p}…"))
                    .unwrap_or_default(),
                day(&k.created_at),
                day(&k.last_used_at),
                k.created_by.clone().unwrap_or_default(),
            ]
        })
        .collect();
    p.data(table(
        &[
            "",
            "ID",
            "NAME",
            "PREFIX",
            "CREATED",
            "LAST USED",
            "CREATED BY",
        ],
        &rows,
    ))?;
    if keys.iter().any(|k| in_use(k, creds)) {
        p.status("* the key this CLI is using");
    }
    Ok(())
}

async fn create(ctx: &Context, args: CreateArgs) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let name = key_name(ctx, &session, args.name)?;
    let created = session
        .client
        .create_api_key(&name, idempotency_key())
        .await
        .map_err(explain)?;
    let p = &ctx.printer;
    let key = crate::secret::ApiKey::new(created.key.clone());
    if !key.is_well_formed() {
        // Printed as it is, it could drive the terminal (clipboard, screen).
        return Err(CliError::network(
            "the server sent a malformed key (not `sk_ws_` and visible ASCII); it is not shown",
        )
        .hint(format!(
            "the key may exist: `skene keys delete {}` removes it",
            crate::output::sanitize::line(&created.record.id)
        ))
        .into());
    }
    if p.json_mode() {
        let mut v = serde_json::to_value(&created.record).unwrap_or_default();
        v["key"] = json!(created.key);
        p.json_with_secret(&v)?;
    } else {
        p.secret(&key)?;
    }
    let name = created.record.name.as_deref().unwrap_or(&name);
    p.success(format!(
        "Created key {name} ({}, {})",
        created.record.id,
        key.masked()
    ));
    p.warn("the key is shown once and cannot be recovered: store it now");
    Ok(())
}

/// The new key's name: `--name`, else asked on a terminal, else
/// `skene-<host>-<date>` (said, so that nobody wonders where it came from).
fn key_name(ctx: &Context, session: &Session, given: Option<String>) -> anyhow::Result<String> {
    if let Some(name) = given.filter(|n| !n.trim().is_empty()) {
        return Ok(name.trim().to_owned());
    }
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let default = format!(
        "skene-{}-{}",
        crate::output::sanitize::line(&host),
        &crate::bundle::body::now_iso8601()[..10]
    );
    if ctx.can_prompt() {
        let asked = crate::prompt::read_line(
            &ctx.printer,
            &format!(
                "Name for the new key of {} [{default}]: ",
                session.workspace_label()
            ),
        )?;
        if let Some(name) = asked.filter(|n| !n.trim().is_empty()) {
            return Ok(name.trim().to_owned());
        }
    } else {
        ctx.printer
            .status(format!("Naming the key {default} (pass --name to choose)"));
    }
    Ok(default)
}

async fn delete(ctx: &Context, args: DeleteArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let session = ctx.authed()?;
    let (client, creds) = (&session.client, &session.creds);
    let keys = client.api_keys(None).await.map_err(explain)?;
    let unknown: Vec<&str> = args
        .ids
        .iter()
        .filter(|id| !keys.iter().any(|k| &k.id == *id))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(
            CliError::failure(format!("no key with id {}", unknown.join(", ")))
                .hint("`skene keys list` shows the ids; nothing was deleted")
                .into(),
        );
    }
    let targets: Vec<&KeyRecord> = keys.iter().filter(|k| args.ids.contains(&k.id)).collect();
    let using = targets
        .iter()
        .find(|k| in_use(k, creds))
        .map(|k| k.id.clone());
    let names: Vec<String> = targets
        .iter()
        .map(|k| match &k.name {
            Some(n) => format!("{} ({n})", k.id),
            None => k.id.clone(),
        })
        .collect();
    let mut question = format!(
        "Delete {}? Anything using {} stops working at once.",
        names.join(", "),
        if targets.len() == 1 { "it" } else { "them" }
    );
    if let Some(id) = &using {
        question.push_str(&format!(
            " {id} is the key this CLI is using: you will need to log in again."
        ));
    }
    ctx.confirm(args.yes, &question)?;

    let mut report = Vec::new();
    let mut failure: Option<ExitKind> = None;
    for k in targets {
        match client.delete_api_key(&k.id).await {
            Ok(()) => {
                p.success(format!("Deleted key {}", k.id));
                report.push(json!({"id": k.id, "deleted": true}));
                if using.as_deref() == Some(k.id.as_str()) {
                    forget_local_key(ctx, &session).await?;
                }
            }
            Err(e) if e.status() == Some(403) => return Err(explain(e)),
            Err(e) => {
                p.error(format!("{}: {e}", k.id));
                report.push(json!({"id": k.id, "deleted": false, "error": e.to_string()}));
                failure.get_or_insert(api_kind(&e));
            }
        }
    }
    if p.json_mode() {
        p.json(&report)?;
    }
    match failure {
        Some(kind) => Err(CliError::new(kind, "some keys were not deleted").into()),
        None => Ok(()),
    }
}

/// After the key in use was deleted on the server: drop it from the local store.
async fn forget_local_key(ctx: &Context, session: &Session) -> anyhow::Result<()> {
    let p = &ctx.printer;
    match (&session.creds.source, &session.creds.profile) {
        (KeySource::Store(store), Some((name, _))) => {
            let dir = ctx.config_dir()?;
            let stores = ctx.stores()?;
            let lock = ctx.config_lock().await?;
            let _ = stores.delete(&lock, *store, name);
            let mut cfg = ctx.user_config()?;
            cfg.remove(name);
            cfg.save(dir, &lock)?;
            p.status(format!("Removed the deleted key and profile {name} from this machine; run `skene login` with another key"));
        }
        (KeySource::Env(var), _) => p.warn(format!("{var} holds the deleted key; replace it")),
        (KeySource::Project(path), _) => p.warn(format!(
            "{} holds the deleted key; remove it from that file",
            path.display()
        )),
        (KeySource::Store(_), None) => {}
    }
    Ok(())
}

/// Checks `scheme://host[:port]`: no path, query, fragment, user or trailing slash;
/// `http` only for localhost.
pub fn check_origin(raw: &str) -> Result<String, String> {
    let url = url::Url::parse(raw)
        .map_err(|_| format!("{raw}: not a URL like https://app.example.com"))?;
    let rest = raw.split_once("://").map(|(_, r)| r).unwrap_or_default();
    if rest.contains('/') || url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "{raw}: an origin has no path, query or trailing slash"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("{raw}: an origin has no user name or password"));
    }
    if url.host().is_none() {
        return Err(format!("{raw}: an origin needs a host"));
    }
    match url.scheme() {
        "https" => {}
        "http" if crate::api::is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "{raw}: http is allowed for localhost only; use https"
            ));
        }
        other => {
            return Err(format!(
                "{raw}: the scheme must be https (or http for localhost), not {other}"
            ));
        }
    }
    Ok(url.origin().ascii_serialization())
}

async fn origins(ctx: &Context, cmd: OriginsCommand) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let wanted: Vec<String> = match &cmd {
        OriginsCommand::List => Vec::new(),
        OriginsCommand::Add(a) | OriginsCommand::Remove(a) | OriginsCommand::Set(a) => {
            let mut ok = Vec::new();
            let mut bad = Vec::new();
            for raw in &a.origins {
                match check_origin(raw) {
                    Ok(o) if !ok.contains(&o) => ok.push(o),
                    Ok(_) => {}
                    Err(e) => bad.push(e),
                }
            }
            if !bad.is_empty() && !matches!(cmd, OriginsCommand::Remove(_)) {
                return Err(CliError::usage(format!("not a valid origin: {}", bad.join("; ")))
                    .hint("an origin is scheme://host[:port], e.g. https://app.example.com; nothing was changed")
                    .into());
            }
            // Removing accepts any string the list holds, valid or not.
            if matches!(cmd, OriginsCommand::Remove(_)) {
                a.origins.clone()
            } else {
                ok
            }
        }
    };
    let session = ctx.authed()?;
    let client = &session.client;
    let current = client.allowed_origins().await.map_err(explain)?;
    let next: Vec<String> = match &cmd {
        OriginsCommand::List => current.clone(),
        OriginsCommand::Add(_) => {
            let mut n = current.clone();
            n.extend(wanted.iter().filter(|o| !current.contains(o)).cloned());
            n
        }
        OriginsCommand::Remove(_) => {
            let normalized: Vec<String> = wanted
                .iter()
                .map(|w| check_origin(w).unwrap_or_else(|_| w.clone()))
                .collect();
            current
                .iter()
                .filter(|o| !wanted.contains(o) && !normalized.contains(o))
                .cloned()
                .collect()
        }
        OriginsCommand::Set(_) => wanted.clone(),
    };
    let result = if next == current {
        if !matches!(cmd, OriginsCommand::List) {
            p.status("Nothing to change.");
        }
        current
    } else {
        let saved = client.set_allowed_origins(&next).await.map_err(explain)?;
        p.success(format!("Allowed origins updated ({} now)", saved.len()));
        saved
    };
    if p.json_mode() {
        p.json(&json!({"origins": result}))?;
    } else if result.is_empty() {
        p.status("No origins are allowed.");
    } else {
        for o in &result {
            p.data_line(o)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_checked() {
        assert_eq!(
            check_origin("https://app.example.com").unwrap(),
            "https://app.example.com"
        );
        assert_eq!(
            check_origin("https://App.Example.com:8443").unwrap(),
            "https://app.example.com:8443"
        );
        assert_eq!(
            check_origin("http://localhost:3000").unwrap(),
            "http://localhost:3000"
        );
        assert!(check_origin("http://127.0.0.1:5173").is_ok());
        for bad in [
            "https://app.example.com/",
            "https://app.example.com/path",
            "https://app.example.com?x=1",
            "http://app.example.com",
            "ftp://app.example.com",
            "app.example.com",
            "https://user@app.example.com",
        ] {
            assert!(check_origin(bad).is_err(), "{bad}");
        }
    }
}
