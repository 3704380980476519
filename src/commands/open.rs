//! `skene open [PAGE]`: a page of the workspace's dashboard in the browser.

use clap::{Args, ValueEnum};

use super::Context;
use crate::api::pages;
use crate::error::CliError;

/// A page of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Page {
    /// API keys and allowed origins
    Keys,
    /// Members and invitations
    Members,
    /// Supabase and GitHub connections
    Integrations,
    /// The growth engine
    Engine,
}

impl Page {
    fn path(self) -> &'static str {
        match self {
            Page::Keys => pages::API_KEYS,
            Page::Members => pages::MEMBERS,
            Page::Integrations => pages::INTEGRATIONS,
            Page::Engine => pages::ENGINE,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene open                 # the workspace's home page
  skene open keys            # API keys and allowed origins
  skene open members --print # just the URL

The workspace is the linked one (`skene link`), the one --upstream or --workspace names, or
the active login. Without a display (an SSH session), the URL is printed instead.")]
pub struct OpenArgs {
    /// The page to open [default: the workspace's home page]
    #[arg(value_enum)]
    pub page: Option<Page>,
    /// Print the URL instead of opening a browser
    #[arg(long)]
    pub print: bool,
}

pub async fn run(ctx: &Context, args: OpenArgs) -> anyhow::Result<()> {
    let target = ctx.target()?;
    let endpoint = &target.endpoint;
    let known = endpoint.upstream.slug.clone().or_else(|| {
        target
            .profile
            .as_ref()
            .filter(|(_, p)| endpoint.is_base(&p.api_base))
            .map(|(_, p)| p.workspace.clone())
    });
    let slug = match known {
        Some(slug) => slug,
        // Only the key knows its workspace: ask the server.
        None => {
            let session = ctx.authed()?;
            let me = session.client.me().await?;
            me.slug().map(str::to_owned).ok_or_else(|| {
                CliError::failure("the server did not say which workspace this key belongs to")
                    .hint("pass --upstream https://…/workspace/<slug>, or run `skene link`")
            })?
        }
    };
    let upstream = &endpoint.upstream;
    let url = match args.page {
        Some(page) => upstream.dashboard_page(&slug, page.path()),
        None => upstream.workspace_url(&slug),
    };
    ctx.show_page(&url, args.print)
}
