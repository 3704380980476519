//! `skene members list | invite | remove | transfer`.

use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::{Context, when_forbidden};
use crate::api::ApiError;
use crate::api::workspace::Member;
use crate::error::{CliError, ExitKind, api_kind};
use crate::output::table;
use crate::random::idempotency_key;

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// List members and pending invitations, the owner first
    List(ListArgs),
    /// Invite people by email
    Invite(InviteArgs),
    /// Remove members or cancel invitations
    Remove(RemoveArgs),
    /// Make another member the owner (you become a member)
    Transfer(TransferArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Stop after this many
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// The role an invitation gives. A workspace has one owner: ownership moves with
/// `skene members transfer`, never by invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Role {
    Member,
}

#[derive(Debug, Args)]
#[command(after_long_help = "Example:\n  skene members invite bob@example.com carol@example.com")]
pub struct InviteArgs {
    /// Email addresses to invite
    #[arg(required = true, value_name = "EMAIL")]
    pub emails: Vec<String>,
    /// The role they get
    #[arg(long, value_enum, default_value_t = Role::Member)]
    pub role: Role,
}

#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  skene members remove bob@example.com\n  skene members remove mem_42 --yes   # scripts: no prompt"
)]
pub struct RemoveArgs {
    /// Members or invitations, by email or id
    #[arg(required = true, value_name = "MEMBER")]
    pub members: Vec<String>,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct TransferArgs {
    /// The member who becomes owner, by email or id
    #[arg(value_name = "MEMBER")]
    pub member: String,
    /// Do not ask for confirmation
    #[arg(long, short = 'y')]
    pub yes: bool,
}

pub async fn run(ctx: &Context, cmd: MembersCommand) -> anyhow::Result<()> {
    match cmd {
        MembersCommand::List(args) => list(ctx, args).await,
        MembersCommand::Invite(args) => invite(ctx, args).await,
        MembersCommand::Remove(args) => remove(ctx, args).await,
        MembersCommand::Transfer(args) => transfer(ctx, args).await,
    }
}

/// 403 on member management means the key is not the owner's.
fn explain(err: ApiError) -> anyhow::Error {
    when_forbidden(
        err,
        CliError::auth("only the workspace owner can manage members").hint(
            "this needs the owner's own key: ask the owner to do it (`skene auth status` shows your role)",
        ),
    )
}

fn owner_first(mut members: Vec<Member>) -> Vec<Member> {
    members.sort_by_key(|m| m.role != "owner"); // stable: the rest keep the server's order
    members
}

fn date(m: &Member) -> String {
    m.joined_at
        .as_deref()
        .or(m.invited_at.as_deref())
        .map(|d| d.chars().take(10).collect())
        .unwrap_or_default()
}

async fn list(ctx: &Context, args: ListArgs) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let client = &session.client;
    let members = owner_first(client.members(args.limit).await.map_err(explain)?);
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&members)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                m.id.clone(),
                m.email.clone(),
                m.name.clone().unwrap_or_default(),
                m.role.clone(),
                m.status.clone(),
                date(m),
            ]
        })
        .collect();
    p.data(table(
        &["ID", "EMAIL", "NAME", "ROLE", "STATUS", "SINCE"],
        &rows,
    ))?;
    Ok(())
}

/// A plausible email address: one `@`, something before it, a dot after it, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

async fn invite(ctx: &Context, args: InviteArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let bad: Vec<&String> = args
        .emails
        .iter()
        .filter(|e| !looks_like_email(e))
        .collect();
    if !bad.is_empty() {
        let list: Vec<&str> = bad.iter().map(|s| s.as_str()).collect();
        return Err(
            CliError::usage(format!("not an email address: {}", list.join(", ")))
                .hint("nothing was sent")
                .into(),
        );
    }
    let role = match args.role {
        Role::Member => "member",
    };
    let session = ctx.authed()?;
    let client = &session.client;
    let mut report = Vec::new();
    let mut failure: Option<ExitKind> = None;
    for email in &args.emails {
        match client.invite(email, role, idempotency_key()).await {
            Ok(m) => {
                p.success(format!("Invited {email} as {role}"));
                report.push(json!({"email": email, "status": "invited", "member": m}));
            }
            Err(e) if e.status() == Some(403) => return Err(explain(e)),
            Err(e) => {
                let why = match e.status() {
                    Some(409) => "already a member or invited".to_owned(),
                    _ => e.to_string(),
                };
                p.error(format!("{email}: {why}"));
                report.push(json!({"email": email, "status": "failed", "error": why}));
                let kind = if e.status() == Some(409) {
                    ExitKind::Failure
                } else {
                    api_kind(&e)
                };
                failure.get_or_insert(kind);
            }
        }
    }
    if p.json_mode() {
        p.json(&report)?;
    }
    match failure {
        Some(kind) => Err(CliError::new(kind, "some invitations were not sent").into()),
        None => Ok(()),
    }
}

/// Finds each wanted member by id or email (case-insensitive); all or nothing.
fn resolve<'a>(members: &'a [Member], wanted: &[String]) -> anyhow::Result<Vec<&'a Member>> {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for w in wanted {
        match members
            .iter()
            .find(|m| m.id == *w || m.email.eq_ignore_ascii_case(w))
        {
            Some(m) if !found.iter().any(|f: &&Member| f.id == m.id) => found.push(m),
            Some(_) => {}
            None => unknown.push(w.as_str()),
        }
    }
    if !unknown.is_empty() {
        return Err(CliError::failure(format!(
            "no member or invitation matches: {}",
            unknown.join(", ")
        ))
        .hint("`skene members list` shows who is in the workspace; nothing was changed")
        .into());
    }
    Ok(found)
}

fn owner_hint(email: &str) -> CliError {
    CliError::failure(format!("owners cannot be removed ({email})"))
        .hint("transfer ownership first: skene members transfer <email>")
}

async fn remove(ctx: &Context, args: RemoveArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let session = ctx.authed()?;
    let client = &session.client;
    let members = client.members(None).await.map_err(explain)?;
    let targets = resolve(&members, &args.members)?;
    if let Some(owner) = targets.iter().find(|m| m.role == "owner") {
        return Err(owner_hint(&owner.email).into());
    }
    let described: Vec<String> = targets
        .iter()
        .map(|m| {
            if m.status == "invited" {
                format!("the invitation of {}", m.email)
            } else {
                m.email.clone()
            }
        })
        .collect();
    let workspace = session.workspace_label();
    let members = targets.iter().filter(|m| m.status != "invited").count();
    let question = match members {
        0 => format!("Cancel {} to {workspace}?", described.join(", ")),
        1 if targets.len() == 1 => format!(
            "Remove {} from {workspace}? They lose access at once.",
            described.join(", ")
        ),
        _ => format!(
            "Remove {} from {workspace}? Members removed lose access at once.",
            described.join(", ")
        ),
    };
    ctx.confirm(args.yes, &question)?;
    let mut report = Vec::new();
    let mut failure: Option<anyhow::Error> = None;
    for m in targets {
        match client.remove_member(&m.id).await {
            Ok(()) => {
                let what = if m.status == "invited" {
                    "Cancelled the invitation of"
                } else {
                    "Removed"
                };
                p.success(format!("{what} {}", m.email));
                report.push(json!({"id": m.id, "email": m.email, "removed": true}));
            }
            Err(e) if e.status() == Some(403) => return Err(explain(e)),
            Err(e) => {
                let err: anyhow::Error = if e.status() == Some(409) {
                    owner_hint(&m.email).into()
                } else {
                    anyhow::Error::new(e)
                };
                p.error(format!("{}: {}", m.email, crate::error::render_chain(&err)));
                report.push(json!({"id": m.id, "email": m.email, "removed": false}));
                failure.get_or_insert(err);
            }
        }
    }
    if p.json_mode() {
        p.json(&report)?;
    }
    failure.map_or(Ok(()), Err)
}

async fn transfer(ctx: &Context, args: TransferArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let session = ctx.authed()?;
    let client = &session.client;
    let members = client.members(None).await.map_err(explain)?;
    let target = resolve(&members, std::slice::from_ref(&args.member))?[0].clone();
    if target.role == "owner" {
        return Err(CliError::failure(format!("{} is already the owner", target.email)).into());
    }
    if target.status == "invited" {
        return Err(CliError::failure(format!(
            "{} has not accepted the invitation yet",
            target.email
        ))
        .hint("ownership can go to an active member only")
        .into());
    }
    let workspace = session.workspace_label();
    ctx.confirm(
        args.yes,
        &format!(
            "Make {} the owner of {workspace}? You will become a member and lose owner rights.",
            target.email
        ),
    )?;
    client
        .transfer_ownership(&target.id)
        .await
        .map_err(explain)?;
    p.success(format!(
        "{} is now the owner of {workspace}; you are a member",
        target.email
    ));
    if p.json_mode() {
        p.json(&json!({"owner": target.email, "id": target.id}))?;
    }
    // Keep the saved profile's role truthful.
    if let Some((name, _)) = &session.creds.profile {
        let dir = ctx.config_dir()?;
        let lock = ctx.config_lock().await?;
        let mut cfg = ctx.user_config()?;
        if let Some(profile) = cfg.profiles.get_mut(name) {
            profile.role = Some("member".into());
            cfg.save(dir, &lock)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_check() {
        for ok in ["a@b.co", "first.last+tag@sub.example.com"] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in [
            "", "a", "a@b", "@b.co", "a@@b.co", "a b@c.co", "a@.co", "a@b.co.",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
