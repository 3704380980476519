//! `skene whoami`: who and where, in one line, checked online.

use clap::Args;
use serde_json::json;

use super::Context;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene whoami           # Logged in to My App (my-app) as ada@example.com (owner)
                         # (… on http://host:port for a server other than www.skene.ai)
  skene whoami --json    # {\"user\", \"workspace\": {\"slug\", \"name\"}, \"role\", \"api_base\", \"source\"}

Exit status 0 when the key is valid, 4 when not logged in or the key is refused, 3 when the
server cannot be reached. `skene auth status` shows everything else.")]
pub struct WhoamiArgs {}

pub async fn run(ctx: &Context, _args: WhoamiArgs) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let me = match session.client.me_with_workspace().await {
        Ok(me) => me,
        Err(e) => {
            let base = session.endpoint().base();
            // The advice (where the key came from, what to do) is added with the exit code.
            let what = if e.is_auth() {
                format!("the key was rejected by {base}")
            } else {
                format!("could not check the key with {base}")
            };
            return Err(anyhow::Error::new(e).context(what));
        }
    };
    let slug = me
        .slug()
        .map(str::to_owned)
        .unwrap_or_else(|| session.workspace_label());
    let name = me.workspace.as_ref().and_then(|w| w.name.clone());
    let user = me
        .user
        .as_ref()
        .and_then(|u| u.email.clone().or_else(|| u.name.clone()));
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&json!({
            "user": user,
            "workspace": {"slug": slug, "name": name},
            "role": me.role,
            "api_base": session.endpoint().base(),
            "source": session.creds.source.tag(),
        }))?;
        return Ok(());
    }
    let mut line = match &name {
        Some(n) => format!("Logged in to {n} ({slug})"),
        None => format!("Logged in to {slug}"),
    };
    if let Some(user) = &user {
        line.push_str(&format!(" as {user}"));
    }
    if let Some(role) = &me.role {
        line.push_str(&format!(" ({role})"));
    }
    if !session.endpoint().is_default_cloud() {
        line.push_str(&format!(" on {}", session.endpoint().upstream.origin));
    }
    p.data_line(&line)?;
    Ok(())
}
