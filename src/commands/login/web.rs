//! `skene login --web`: the browser hands the key over to a one-callback
//! loopback server (`crate::weblogin`, where the flow and its checks are
//! described); this file prints, opens the browser, asks, and stores.

use std::time::Duration;

use super::{LoginArgs, Origin, check_key, human, save};
use crate::browser::{self, NotOpened};
use crate::commands::Context;
use crate::error::CliError;
use crate::output::sanitize;
use crate::prompt;
use crate::secret::{ApiKey, KeyShape, redact};
use crate::settings::Endpoint;
use crate::weblogin::{Callback, Delivery, Landing, Server, Via};

/// On a terminal where a browser can be opened, plain `skene login` asks
/// whether to use it; anywhere else it goes on as before (paste, or fail).
pub(super) fn chosen(ctx: &Context, args: &LoginArgs) -> Result<bool, CliError> {
    if args.with_key || ctx.prompt_blocker().is_some() || browser::available().is_err() {
        return Ok(false);
    }
    prompt::yes_no(&ctx.printer, "Open the browser to log in?", true)
}

pub(super) async fn run(
    ctx: &Context,
    args: &LoginArgs,
    endpoint: &Endpoint,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let server = Server::start(&endpoint.upstream.origin).await.map_err(|e| {
        CliError::failure(format!("cannot listen on localhost for the browser login: {e}"))
            .hint("log in with a key instead: `skene login --with-key` (or `skene login` and paste it)")
    })?;
    let url = server.auth_url();
    let port = server.port();
    let addrs: Vec<String> = server.addrs().iter().map(ToString::to_string).collect();
    p.trace(
        1,
        format!(
            "* listening for the browser login on {}",
            addrs.join(" and ")
        ),
    );
    let mut opener = match browser::available() {
        Ok(()) => {
            p.status("Opening the browser to log in. If it does not open, visit:");
            // Never silenced, even by --quiet: a browser that "opened" without showing
            // the page leaves this URL the only way in.
            p.diagnostic(format!("  {url}"));
            let to_open = url.clone();
            Some(tokio::task::spawn_blocking(move || browser::open(&to_open)))
        }
        Err(why) => {
            let reason = match why {
                NotOpened::NoDisplay => {
                    "no display (DISPLAY and WAYLAND_DISPLAY are unset)".to_owned()
                }
                NotOpened::Failed(e) => e,
            };
            p.warn(format!(
                "cannot open a browser here: {reason}; open this URL in a browser on this machine:"
            ));
            // Never silenced, unlike a status line: without it there is no login.
            p.diagnostic(format!("  {url}"));
            p.hint(format!(
                "over SSH, forward the port first: ssh -L {port}:localhost:{port} <this host>"
            ));
            None
        }
    };
    p.status(format!(
        "Waiting for the browser (up to {}; Ctrl-C to stop)…",
        human(args.timeout)
    ));

    let wait = server.wait(args.timeout);
    tokio::pin!(wait);
    let delivery = loop {
        tokio::select! {
            delivery = &mut wait => break delivery,
            opened = async { opener.as_mut().expect("guarded").await }, if opener.is_some() => {
                opener = None;
                if let Ok(Err(why)) = opened {
                    let why = match why {
                        NotOpened::NoDisplay => "no display".to_owned(),
                        NotOpened::Failed(e) => e,
                    };
                    p.warn(format!("could not open the browser ({why}); open the URL above yourself"));
                }
            }
        }
    };
    let Some(delivery) = delivery else {
        return Err(timed_out(args.timeout).into());
    };

    p.trace(
        1,
        format!(
            "* the browser delivered the login ({}; state {})",
            match delivery.via {
                Via::Redirect => "a redirect",
                Via::Fetch => "a fetch",
            },
            if delivery.tied { "matched" } else { "absent" }
        ),
    );
    let outcome = finish(ctx, args, endpoint, &delivery).await;
    let landing = match &outcome {
        Ok(workspace) => Landing::LoggedIn {
            workspace: workspace.clone(),
        },
        Err(e) => Landing::Failed {
            message: redact(&e.to_string()),
        },
    };
    delivery.answer(landing).await;
    outcome.map(|_| ())
}

fn timed_out(limit: Duration) -> CliError {
    CliError::failure(format!(
        "no login arrived from the browser within {}; nothing was stored",
        human(limit)
    ))
    .hint("run `skene login --web` again (--timeout gives more time), or log in with a key: `skene login --with-key`")
}

/// Checks the delivered key, asks when the callback cannot be tied to this
/// login, and stores it. Returns the workspace's name for the landing page.
async fn finish(
    ctx: &Context,
    args: &LoginArgs,
    endpoint: &Endpoint,
    delivery: &Delivery,
) -> anyhow::Result<String> {
    let p = &ctx.printer;
    let (key, page_slug) = match &delivery.callback {
        Callback::Failed { error } => {
            return Err(CliError::failure(format!(
                "the sign-in page reported an error: {}",
                sanitize::line(error)
            ))
            .hint("nothing was stored; run `skene login` again, or log in with a key: `skene login --with-key`")
            .into());
        }
        Callback::Key { key, slug, .. } => (key, slug.as_deref()),
    };
    if key.check_syntax() == Ok(KeyShape::UnknownPrefix) {
        p.warn("the key from the browser does not start with sk_ws_; checking it with the server anyway");
    }
    let (me, slug) = check_key(ctx, endpoint, key, Origin::Browser(page_slug)).await?;
    if let Some(named) = page_slug
        && named != slug
    {
        p.warn(format!(
            "the page named the workspace {}, but the key belongs to {}; logging in to {}",
            sanitize::line(named),
            sanitize::line(&slug),
            sanitize::line(&slug),
        ));
    }
    let name = me
        .workspace
        .as_ref()
        .and_then(|w| w.name.clone())
        .unwrap_or_else(|| slug.clone());
    if !delivery.tied {
        let who = me
            .user
            .as_ref()
            .and_then(|u| u.email.clone().or(u.name.clone()));
        let mut shown = format!("{name} ({slug})");
        if let Some(who) = who {
            shown.push_str(&format!(" as {who}"));
        }
        confirm_untied(ctx, args, key, &sanitize::line(&shown))?;
    }
    save::save(ctx, args.store, endpoint, key, &me, &slug).await?;
    Ok(name)
}

/// A callback without the state may come from any page that found the port:
/// the user confirms the workspace and user, or `--yes` does.
fn confirm_untied(
    ctx: &Context,
    args: &LoginArgs,
    key: &ApiKey,
    shown: &str,
) -> Result<(), CliError> {
    if args.yes {
        return Ok(());
    }
    if let Some(why) = ctx.prompt_blocker() {
        return Err(CliError::usage(format!(
            "the login from the browser ({shown}, key {}) did not send back this login's state, so it cannot be tied to this run, and {why} to confirm it; nothing was stored",
            key.masked()
        ))
        .hint("pass --yes to accept such a login without asking"));
    }
    ctx.printer.status(
        "The page did not send back this login's state, so skene cannot tell that this login comes from the page it opened.",
    );
    if prompt::yes_no(&ctx.printer, &format!("Log in to {shown}?"), true)? {
        Ok(())
    } else {
        Err(CliError::failure("cancelled; nothing was stored"))
    }
}
