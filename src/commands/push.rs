//! `skene push [PATH]`: check the bundle, then stream it to `POST /push`.

use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::bundle_args::BundleArgs;
use super::{Context, Credentials, block_on};
use crate::api::{self, ApiError, Payload, Request};
use crate::bundle::Plan;
use crate::bundle::body::{self, BodyLayout, Changed, Manifest};
use crate::bundle::diag;
use crate::error::{CliError, ExitKind};

/// Bodies above this size get a progress bar (on a terminal).
const PROGRESS_THRESHOLD: u64 = 1024 * 1024;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene push                         # the project in the current directory
  skene push ../my-app --dry-run     # what would be sent, offline, no key needed
  SKENE_API_KEY=… skene push --json  # in CI

Before anything is sent, push runs the checks of `skene validate`; any error exits 5 and
sends nothing.")]
pub struct PushArgs {
    #[command(flatten)]
    pub bundle: BundleArgs,

    /// Check the bundle and show what would be sent, without a key or the network
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Default, Deserialize)]
struct PushReply {
    status: Option<String>,
    push_id: Option<String>,
    artifact_count: Option<u64>,
    #[serde(default)]
    updated_paths: Vec<String>,
}

pub fn run(ctx: &Context, args: PushArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let plan = args.bundle.check(ctx)?;
    report(ctx, &plan, &args.bundle.prefix());
    let (errors, warnings) = plan.counts();
    if errors > 0 {
        if p.json_mode() {
            p.json(&json!({
                "status": "invalid",
                "errors": errors,
                "warnings": warnings,
                "diagnostics": plan.diagnostics_json(),
            }));
        }
        return Err(CliError::input(format!(
            "the bundle has {errors} error{}; nothing was sent",
            if errors == 1 { "" } else { "s" }
        ))
        .hint(format!(
            "run `skene validate {}` to check it again",
            args.bundle.path.display()
        ))
        .into());
    }

    if args.dry_run {
        let (upstream_url, slug) = target(ctx, None)?;
        let manifest = Manifest::new(&plan, upstream_url, slug);
        let layout = BodyLayout::new(&plan, &manifest);
        return dry_run(ctx, &plan, &manifest, &layout, &args.bundle.path);
    }

    let (client, endpoint, creds) = ctx.authed()?;
    let (upstream_url, mut slug) = target(ctx, Some(&creds))?;
    if slug.is_empty() {
        // A key from the environment alone: ask the server whose it is. This also
        // checks the key before a large body is streamed.
        let me = block_on(client.me())?.map_err(|e| explain(e, 0))?;
        slug = me.workspace.and_then(|w| w.slug).unwrap_or_default();
    }
    let manifest = Manifest::new(&plan, upstream_url, slug.clone());
    let layout = BodyLayout::new(&plan, &manifest);
    let len = layout.len;

    let progress = (len > PROGRESS_THRESHOLD)
        .then(|| p.progress(len))
        .flatten();
    if let Some(bar) = &progress {
        bar.set_message("Pushing");
    }
    let plan = Arc::new(plan);
    let make = {
        let plan = plan.clone();
        let layout = layout.clone();
        let progress = progress.clone();
        move || {
            let (tx, body) = api::channel_body(len);
            let (plan, layout, progress) = (plan.clone(), layout.clone(), progress.clone());
            if let Some(bar) = &progress {
                bar.set_position(0);
            }
            std::thread::spawn(move || {
                let result = body::produce(&plan, &layout, |chunk| {
                    if let Some(bar) = &progress {
                        bar.inc(chunk.len() as u64);
                    }
                    tx.send(chunk)
                });
                if let Err(Changed(path)) = result {
                    tx.fail(format!(
                        "the bundle changed while pushing ({path}); push again"
                    ));
                }
            });
            body
        }
    };
    let timeout = match std::env::var_os("SKENE_HTTP_TIMEOUT") {
        Some(_) => ctx.http_timeout()?,
        // Big bundles on slow links: a minute, plus a second per MiB.
        None => api::DEFAULT_TIMEOUT + Duration::from_secs(len / (1024 * 1024)),
    };
    let preview = serde_json::to_string(&manifest).unwrap_or_default();
    let request = Request {
        body: Some(Payload::Stream {
            len,
            preview,
            make: Arc::new(make),
        }),
        content_type: Some("application/json"),
        idempotent: true, // the server deduplicates by package_checksum
        timeout: Some(timeout),
        ..Request::new(Method::POST, api::paths::PUSH)
    };
    let result = block_on(client.send(&request))?;
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let response = result.map_err(|e| explain(e, len))?;

    let reply: Option<PushReply> = response.json().ok();
    let workspace = if slug.is_empty() {
        endpoint.base()
    } else {
        slug
    };
    let noop =
        response.status == 200 && reply.as_ref().and_then(|r| r.status.as_deref()) == Some("noop");
    if p.json_mode() {
        let r = reply.unwrap_or_default();
        p.json(&json!({
            "status": if noop { "noop" } else { "pushed" },
            "push_id": r.push_id,
            "artifact_count": r.artifact_count,
            "updated_paths": r.updated_paths,
            "package_checksum": plan.checksum,
            "bytes": len,
        }));
        return Ok(());
    }
    if noop {
        p.success("Nothing new to deploy.");
        return Ok(());
    }
    match reply {
        Some(r) => {
            let id = r
                .push_id
                .map(|id| format!(" (push {id})"))
                .unwrap_or_default();
            let count = r.artifact_count.unwrap_or(plan.files.len() as u64);
            let mut line = format!("Pushed {count} artifacts to {workspace}{id}");
            if r.updated_paths.is_empty() {
                line.push_str("; nothing updated");
            } else {
                line.push_str(&format!("; {} updated:", r.updated_paths.len()));
            }
            p.success(line);
            for path in r.updated_paths {
                p.status(format!("  {path}"));
            }
        }
        None => {
            p.success(format!("Pushed {} files to {workspace}", plan.files.len()));
            p.warn(format!(
                "the server's reply (HTTP {}) was unreadable, so there are no details",
                response.status
            ));
        }
    }
    Ok(())
}

/// Prints each problem (the first [`diag::SHOWN_AT_MOST`]) on stderr; and, on GitHub
/// Actions, workflow commands (on stderr when stdout holds a JSON document).
fn report(ctx: &Context, plan: &Plan, prefix: &str) {
    let p = &ctx.printer;
    for text in diag::report(&plan.diags, prefix) {
        p.diagnostic(text);
    }
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        for line in diag::annotations(&plan.diags, prefix) {
            if p.json_mode() {
                p.diagnostic(line);
            } else {
                p.data(line);
            }
        }
    }
}

/// The manifest's `upstream_url` (empty for the default cloud) and `workspace_slug`.
fn target(ctx: &Context, creds: Option<&Credentials>) -> anyhow::Result<(String, String)> {
    let cfg;
    let profile = match creds {
        Some(c) => c.profile.as_ref().map(|(_, p)| p.clone()),
        None => {
            cfg = ctx.user_config()?;
            let explicit = ctx.explicit_endpoint()?;
            ctx.select_profile(&cfg, explicit.as_ref())
                .ok()
                .flatten()
                .map(|(_, p)| p.clone())
        }
    };
    let explicit_upstream = match &ctx.global.upstream {
        Some(u) => Some(u.trim().to_owned()),
        None => ctx.project()?.and_then(|p| p.upstream.clone()),
    };
    if let Some(upstream) = explicit_upstream {
        let slug = api::Upstream::parse(&upstream)
            .ok()
            .and_then(|u| u.slug)
            .or_else(|| profile.map(|p| p.workspace))
            .unwrap_or_default();
        return Ok((upstream, slug));
    }
    Ok(match profile {
        Some(p) if super::same_base(&p.api_base, api::DEFAULT_API_BASE) => {
            (String::new(), p.workspace)
        }
        Some(p) => (p.upstream, p.workspace),
        None => (String::new(), String::new()),
    })
}

/// What to do about a failed push.
fn explain(err: ApiError, len: u64) -> anyhow::Error {
    let status = err.status();
    let url = match &err {
        ApiError::Status { url, .. } => url.clone(),
        _ => String::new(),
    };
    let message = match &err {
        ApiError::Status {
            message: Some(m), ..
        } => m.clone(),
        other => other.to_string(),
    };
    match status {
        Some(401 | 403) => anyhow::Error::new(err).context(
            CliError::auth("the server refused the key")
                .hint("run `skene login`, or check SKENE_API_KEY"),
        ),
        Some(404) => anyhow::Error::new(err).context(
            CliError::new(
                ExitKind::Network,
                format!("the push endpoint was not found: {url}"),
            )
            .hint("check --upstream / --api-url (the API base ends in /api/v1)"),
        ),
        Some(413) => anyhow::Error::new(err).context(CliError::new(
            ExitKind::Network,
            format!(
                "the server refused the bundle as too large ({} bytes)",
                group(len)
            ),
        )),
        Some(422) => CliError::input(format!("the server rejected the bundle: {message}")).into(),
        _ => anyhow::Error::new(err).context("the push failed"),
    }
}

/// `12345678` → `12,345,678`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn dry_run(
    ctx: &Context,
    plan: &Plan,
    manifest: &Manifest,
    layout: &BodyLayout,
    path: &std::path::Path,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&json!({
            "dry_run": true,
            "manifest": manifest,
            "files": plan.files_json(),
            "bytes": layout.len,
            "diagnostics": plan.diagnostics_json(),
        }));
        return Ok(());
    }
    let width = plan
        .files
        .iter()
        .map(|f| group(f.size).len())
        .max()
        .unwrap_or(1);
    for f in &plan.files {
        p.data(format!("{:>width$}  {}", group(f.size), f.path));
    }
    p.data("");
    let events = if manifest.trigger_events.is_empty() {
        "(none)".to_owned()
    } else {
        manifest.trigger_events.join(", ")
    };
    p.data(format!("trigger_events:   {events}"));
    p.data(format!("loops_count:      {}", manifest.loops_count));
    p.data(format!("package_checksum: {}", manifest.package_checksum));
    p.data(format!(
        "body:             {} bytes in {} files",
        group(layout.len),
        plan.files.len()
    ));
    p.status(format!(
        "{}; dry run, nothing was sent",
        plan.summary(&diag::path_prefix(path))
    ));
    Ok(())
}
