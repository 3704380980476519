//! `skene integrations list | open`.

use clap::{Args, Subcommand};

use super::{Context, block_on};
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

pub fn run(ctx: &Context, cmd: IntegrationsCommand) -> anyhow::Result<()> {
    match cmd {
        IntegrationsCommand::List => list(ctx),
        IntegrationsCommand::Open(args) => open(ctx, args),
    }
}

fn list(ctx: &Context) -> anyhow::Result<()> {
    let (client, _, _) = ctx.authed()?;
    let items = block_on(client.integrations())??;
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&items);
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
    p.data(table(&["INTEGRATION", "STATUS", "DETAILS"], &rows));
    Ok(())
}

fn open(ctx: &Context, args: OpenArgs) -> anyhow::Result<()> {
    let (client, endpoint, creds) = ctx.authed()?;
    let slug = match creds
        .profile
        .as_ref()
        .map(|(_, p)| p.workspace.clone())
        .or(endpoint.upstream.slug.clone())
    {
        Some(slug) => slug,
        None => block_on(client.me())??
            .workspace
            .and_then(|w| w.slug)
            .unwrap_or_default(),
    };
    let url = format!("{}/workspace/{slug}/integrations", endpoint.upstream.origin);
    let p = &ctx.printer;
    if args.print || p.json_mode() || !open_browser(&url) {
        if p.json_mode() {
            p.json(&serde_json::json!({"url": url}));
        } else {
            p.data(&url);
        }
        return Ok(());
    }
    p.success(format!("Opened {url}"));
    Ok(())
}

/// Starts the platform's URL opener; false when there is none or no display.
fn open_browser(url: &str) -> bool {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        let graphical = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
        if !graphical {
            return false;
        }
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
