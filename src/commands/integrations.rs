//! `skene integrations list | open`.

use clap::{Args, Subcommand};

use super::Context;
use crate::api::pages;
use crate::output::table;

#[derive(Debug, Subcommand)]
pub enum IntegrationsCommand {
    /// Show the Supabase and GitHub connections
    List,
    /// Open the workspace's integrations page in the browser (connecting is done there)
    Open(OpenArgs),
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Print the URL instead of opening a browser
    #[arg(long)]
    pub print: bool,
}

pub async fn run(ctx: &Context, cmd: IntegrationsCommand) -> anyhow::Result<()> {
    match cmd {
        IntegrationsCommand::List => list(ctx).await,
        IntegrationsCommand::Open(args) => open(ctx, args).await,
    }
}

async fn list(ctx: &Context) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let items = session.client.integrations().await?;
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&items)?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            let mut details = Vec::new();
            if let Some(name) = &i.project_name {
                details.push(format!("project {name}"));
            }
            if let Some(r) = &i.project_ref {
                details.push(format!("ref {r}"));
            }
            if let Some(m) = &i.access_mode {
                details.push(m.clone());
            }
            if let Some(repo) = &i.repository {
                details.push(format!("repository {repo}"));
            }
            vec![
                i.kind.clone(),
                i.status.replace('_', " "),
                details.join(", "),
            ]
        })
        .collect();
    p.data(table(&["INTEGRATION", "STATUS", "DETAILS"], &rows))?;
    Ok(())
}

async fn open(ctx: &Context, args: OpenArgs) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let slug = match session
        .creds
        .profile
        .as_ref()
        .map(|(_, p)| p.workspace.clone())
        .or(session.endpoint().upstream.slug.clone())
    {
        Some(slug) => slug,
        None => session
            .client
            .me()
            .await?
            .slug()
            .unwrap_or_default()
            .to_owned(),
    };
    let url = session
        .endpoint()
        .upstream
        .dashboard_page(&slug, pages::INTEGRATIONS);
    ctx.show_page(&url, args.print)
}
