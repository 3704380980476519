//! `skene login`: get a key — through the browser (`--web`, or chosen at the
//! prompt), typed at a masked prompt, or piped in (`--with-key`) — check it with
//! `GET /me`, and store it with its profile.

mod paste;
mod save;
mod web;

use std::time::Duration;

use clap::{Args, ValueEnum};

use super::Context;
use crate::api::{ApiError, Me};
use crate::error::CliError;
use crate::secret::{ApiKey, KeyShape};
use crate::settings::{Endpoint, env, target};

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene login                                   # on a terminal: the browser, or paste a key
  skene login --web                             # the browser, without asking
  skene login --upstream https://www.skene.ai/workspace/my-app
  printf '%s' \"$SKENE_KEY\" | skene login --with-key   # scripts and CI

Browser login: skene listens on localhost for one callback and opens
<origin>/auth?callback=http://localhost:<port>/callback&state=<random>. After you sign in
and pick a workspace, the page hands the key back; skene checks it with the server, shows
the workspace and user, and stores it. The URL is printed too: without a display, open it
in a browser on this machine (over SSH, forward the port first: ssh -L <port>:localhost:<port>).
When the page does not send the state back, skene asks before storing (--yes accepts).

A key is never taken as an argument, so it never shows up in shell history or `ps`.")]
pub struct LoginArgs {
    /// Read the key from standard input (its first line) instead of prompting
    #[arg(long, conflicts_with = "web")]
    pub with_key: bool,

    /// Log in through the browser, without asking first
    #[arg(long)]
    pub web: bool,

    /// How long the browser login waits (seconds, or with a unit: 90s, 5m, 1h)
    #[arg(
        long,
        value_name = "DURATION",
        default_value = "5m",
        value_parser = parse_duration,
        conflicts_with = "with_key"
    )]
    pub timeout: Duration,

    /// Accept a browser login that did not send back its state without asking
    #[arg(long, short = 'y', conflicts_with = "with_key")]
    pub yes: bool,

    /// Where to keep the key
    #[arg(long, value_enum, env = env::CREDENTIAL_STORE, default_value_t = StoreChoice::Auto)]
    pub store: StoreChoice,
}

/// `--store`: where `skene login` puts the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreChoice {
    /// The OS keyring, or the credentials file when no keyring is usable
    Auto,
    /// The OS keyring only: fail when it is not usable
    Keyring,
    /// The plaintext credentials file (mode 0600) in the config directory
    File,
}

pub async fn run(ctx: &Context, args: LoginArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let endpoint =
        target::explicit_endpoint(&ctx.settings)?.unwrap_or_else(Endpoint::default_cloud);
    if args.web || web::chosen(ctx, &args)? {
        return web::run(ctx, &args, &endpoint).await;
    }
    let key = paste::read_key(ctx, &args, &endpoint).await?;
    match key.check_syntax() {
        Err(problem) => {
            return Err(CliError::usage(problem)
                .hint("copy the whole key from the dashboard, without spaces or quotes")
                .into());
        }
        Ok(KeyShape::UnknownPrefix) => {
            p.warn("the key does not start with sk_ws_; checking it with the server anyway");
        }
        Ok(KeyShape::Expected) => {}
    }
    let (me, slug) = check_key(ctx, &endpoint, &key, Origin::Typed).await?;
    save::save(ctx, args.store, &endpoint, &key, &me, &slug).await
}

/// Where the key being checked came from, for the advice when it is rejected.
#[derive(Debug, Clone, Copy)]
enum Origin<'a> {
    Typed,
    /// From the browser, with the slug the page named.
    Browser(Option<&'a str>),
}

/// Checks `key` with `GET /me`; returns the answer and the workspace slug (the
/// server's, else the one the page or the workspace URL named).
async fn check_key(
    ctx: &Context,
    endpoint: &Endpoint,
    key: &ApiKey,
    origin: Origin<'_>,
) -> anyhow::Result<(Me, String)> {
    let client = ctx.client_for(endpoint, Some(key))?;
    let me = match client.me().await {
        Ok(me) => me,
        Err(e) if e.is_auth() => {
            let err = match origin {
                Origin::Typed => {
                    CliError::auth(format!("the key was rejected by {}", endpoint.base()))
                        .hint("check that the key was copied whole and has not been revoked")
                }
                Origin::Browser(_) => CliError::auth(format!(
                    "the key the browser delivered was rejected by {}",
                    endpoint.base()
                ))
                .hint("nothing was stored; run `skene login --web` again, or paste a key"),
            };
            return Err(anyhow::Error::new(e).context(err.hint(format!(
                "keys are made at {}",
                endpoint
                    .upstream
                    .api_keys_page(endpoint.upstream.slug.as_deref())
            ))));
        }
        Err(e) => {
            return Err(anyhow::Error::new(e)
                .context(format!("could not check the key with {}", endpoint.base())));
        }
    };
    let page_slug = match origin {
        Origin::Browser(slug) => slug,
        Origin::Typed => None,
    };
    let Some(slug) = me
        .slug()
        .or(page_slug)
        .map(str::to_owned)
        .or_else(|| endpoint.upstream.slug.clone())
    else {
        return Err(anyhow::Error::new(ApiError::Incomplete {
            status: 200,
            url: client.url_for(crate::api::ME_PATH),
            missing: "workspace.slug".into(),
        })
        .context("could not tell which workspace the key belongs to"));
    };
    Ok((me, slug))
}

/// `--timeout`: seconds, or a number with `s`, `m` or `h`; one second to a day.
fn parse_duration(raw: &str) -> Result<Duration, String> {
    let raw = raw.trim();
    let (number, unit) = match raw.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => raw.split_at(i),
        None => (raw, "s"),
    };
    let scale = match unit.trim() {
        "s" | "sec" | "secs" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minutes" => 60.0,
        "h" | "hour" | "hours" => 3600.0,
        _ => return Err(format!("unknown unit `{unit}` (use s, m or h)")),
    };
    let secs =
        number.trim().parse::<f64>().map_err(|_| {
            "expected a number of seconds, or one with s, m or h (90s, 5m)".to_owned()
        })? * scale;
    if !(1.0..=86_400.0).contains(&secs) {
        return Err("the time limit must be from 1 second to 24 hours".into());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// "5 minutes", "90 seconds", "1 second".
fn human(d: Duration) -> String {
    let secs = d.as_secs_f64().round() as u64;
    let (n, unit) = if secs >= 3600 && secs.is_multiple_of(3600) {
        (secs / 3600, "hour")
    } else if secs >= 60 && secs.is_multiple_of(60) {
        (secs / 60, "minute")
    } else {
        (secs, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_limits_read_like_people_write_them() {
        assert_eq!(parse_duration("300"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1.5 min"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        for bad in ["", "0", "0.5", "-1", "25h", "5x", "m", "nan", "inf"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(human(Duration::from_secs(300)), "5 minutes");
        assert_eq!(human(Duration::from_secs(90)), "90 seconds");
        assert_eq!(human(Duration::from_secs(1)), "1 second");
        assert_eq!(human(Duration::from_secs(3600)), "1 hour");
    }
}
