//! `skene push [PATH]`: check the bundle, then stream it to `POST /push`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use clap::Args;
use serde_json::json;

use super::bundle_args::BundleArgs;
use super::{Context, Session};
use crate::api::push::{PushOutcome, PushReply};
use crate::api::{self, ApiError};
use crate::bundle::Plan;
use crate::bundle::body::{self, BodyLayout, Changed, Manifest};
use crate::bundle::diag;
use crate::error::{CliError, ExitKind};
use crate::settings::{self, Source, Sourced};

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

pub async fn run(ctx: &Context, args: PushArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let plan = args.bundle.check(ctx)?;
    report(ctx, &plan, &args.bundle.prefix())?;
    let (errors, warnings) = plan.counts();
    if errors > 0 {
        if p.json_mode() {
            p.json(&json!({
                "status": "invalid",
                "errors": errors,
                "warnings": warnings,
                "diagnostics": plan.diagnostics_json(),
            }))?;
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

    let session = ctx.authed()?;
    let (upstream_url, mut slug) = target(ctx, Some(&session))?;
    if slug.is_empty() {
        // A key from the environment alone: ask the server whose it is. This also
        // checks the key before a large body is streamed.
        // Not the push endpoint's fault if it fails: the general advice says what to do.
        let me = session.client.me().await?;
        slug = me.slug().unwrap_or_default().to_owned();
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
    let produced = Arc::new(AtomicU64::new(0));
    // Whether any attempt handed over the whole body: a retried push may have
    // reached the server although the current attempt has not.
    let sent_whole = Arc::new(AtomicBool::new(false));
    let make = {
        let plan = plan.clone();
        let layout = layout.clone();
        let progress = progress.clone();
        let produced = produced.clone();
        let sent_whole = sent_whole.clone();
        move || {
            let (tx, body) = api::channel(len);
            let (plan, layout, progress, produced) = (
                plan.clone(),
                layout.clone(),
                progress.clone(),
                produced.clone(),
            );
            if let Some(bar) = &progress {
                bar.set_position(0);
            }
            if produced.swap(0, Ordering::SeqCst) >= len {
                sent_whole.store(true, Ordering::SeqCst);
            }
            std::thread::spawn(move || {
                let result = body::produce(&plan, &layout, |chunk| {
                    let n = chunk.len() as u64;
                    if let Some(bar) = &progress {
                        bar.inc(n);
                    }
                    produced.fetch_add(n, Ordering::SeqCst);
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
    let timeout = match ctx.settings.http()?.timeout {
        Sourced {
            source: Source::Default,
            ..
        } => {
            // Big bundles on slow links: a minute, plus a second per MiB.
            settings::DEFAULT_TIMEOUT + Duration::from_secs(len / (1024 * 1024))
        }
        chosen => chosen.value,
    };
    let upload = api::push::Upload {
        len,
        preview: serde_json::to_string(&manifest).unwrap_or_default(),
        make: Arc::new(make),
        timeout,
    };
    let mut ctrl_c = ctx.interrupts.claim();
    let result = tokio::select! {
        result = session.client.push(upload) => result,
        () = ctrl_c.pressed() => {
            if let Some(bar) = &progress {
                bar.finish_and_clear();
            }
            let message = if produced.load(Ordering::SeqCst) >= len {
                "interrupted after the whole bundle was sent; the server may have received it (`skene push` again is safe)"
            } else if sent_whole.load(Ordering::SeqCst) {
                "interrupted during a retry; an earlier attempt sent the whole bundle, so the server may have received it (`skene push` again is safe)"
            } else {
                "interrupted; nothing was pushed"
            };
            return Err(CliError::new(ExitKind::Interrupted, message).into());
        }
    };
    drop(ctrl_c);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let outcome = result.map_err(|e| explain(e, len))?;
    let workspace = if slug.is_empty() {
        session.endpoint().base()
    } else {
        slug
    };
    if p.json_mode() {
        let (status, r) = match &outcome {
            PushOutcome::Noop => ("noop", PushReply::default()),
            PushOutcome::Pushed(r) => ("pushed", r.clone()),
            PushOutcome::Unreadable { .. } => ("pushed", PushReply::default()),
        };
        p.json(&json!({
            "status": status,
            "push_id": r.push_id,
            "artifact_count": r.artifact_count,
            "updated_paths": r.updated_paths,
            "package_checksum": plan.checksum,
            "bytes": len,
        }))?;
        return Ok(());
    }
    match outcome {
        PushOutcome::Noop => p.success("Nothing new to deploy."),
        PushOutcome::Pushed(r) => {
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
        PushOutcome::Unreadable { status } => {
            p.success(format!("Pushed {} files to {workspace}", plan.files.len()));
            p.warn(format!(
                "the server's reply (HTTP {status}) was unreadable, so there are no details"
            ));
        }
    }
    Ok(())
}

/// Prints each problem (the first [`diag::SHOWN_AT_MOST`]) on stderr; and, on GitHub
/// Actions, workflow commands (on stderr when stdout holds a JSON document).
fn report(ctx: &Context, plan: &Plan, prefix: &str) -> anyhow::Result<()> {
    let p = &ctx.printer;
    for text in diag::report(&BundleArgs::shown(ctx, plan), prefix) {
        p.diagnostic(text);
    }
    if ctx.settings.github_actions() {
        for line in diag::annotations(&plan.diags, prefix) {
            if p.json_mode() {
                p.diagnostic(line);
            } else {
                p.data(line)?;
            }
        }
    }
    Ok(())
}

/// The manifest's `upstream_url` (empty for the default cloud) and `workspace_slug`.
fn target(ctx: &Context, session: Option<&Session>) -> anyhow::Result<(String, String)> {
    let profile = match session {
        Some(s) => s.creds.profile.as_ref().map(|(_, p)| p.clone()),
        None => ctx.target().ok().and_then(|t| t.profile.map(|(_, p)| p)),
    };
    if let Some((upstream, _)) = settings::target::explicit_upstream(&ctx.settings)? {
        let slug = api::Upstream::parse(&upstream)
            .ok()
            .and_then(|u| u.slug)
            .or_else(|| profile.map(|p| p.workspace))
            .unwrap_or_default();
        return Ok((upstream, slug));
    }
    Ok(match profile {
        Some(p) if settings::target::same_base(&p.api_base, api::DEFAULT_API_BASE) => {
            (String::new(), p.workspace)
        }
        Some(p) => (p.upstream, p.workspace),
        None => (String::new(), String::new()),
    })
}

/// What a failed push means. What to do about a refused key, a wrong URL or a
/// network failure is the advice every command gives (`error::advice`); only
/// what is specific to pushing is said here.
fn explain(err: ApiError, len: u64) -> anyhow::Error {
    match err.status() {
        Some(404) => {
            let url = err.url().unwrap_or_default().to_owned();
            anyhow::Error::new(err).context(format!("the push endpoint was not found at {url}"))
        }
        Some(413) => anyhow::Error::new(err).context(CliError::network(format!(
            "the server refused the bundle as too large ({} bytes)",
            group(len)
        ))),
        Some(422) => {
            let message = err
                .server_message()
                .map(str::to_owned)
                .unwrap_or_else(|| err.to_string());
            CliError::input(format!("the server rejected the bundle: {message}")).into()
        }
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
        }))?;
        return Ok(());
    }
    let width = plan
        .files
        .iter()
        .map(|f| group(f.size).len())
        .max()
        .unwrap_or(1);
    for f in &plan.files {
        p.data_line(format!("{:>width$}  {}", group(f.size), f.path))?;
    }
    p.data("")?;
    let events = if manifest.trigger_events.is_empty() {
        "(none)".to_owned()
    } else {
        manifest.trigger_events.join(", ")
    };
    p.data(format!("trigger_events:   {events}"))?;
    p.data(format!("loops_count:      {}", manifest.loops_count))?;
    p.data(format!("package_checksum: {}", manifest.package_checksum))?;
    p.data(format!(
        "body:             {} bytes in {} files",
        group(layout.len),
        plan.files.len()
    ))?;
    p.status(format!(
        "{}; dry run, nothing was sent",
        plan.summary(&diag::path_prefix(path))
    ));
    Ok(())
}
