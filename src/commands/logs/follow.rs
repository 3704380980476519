//! `--follow`: polling for entries newer than the tail, with a poll interval
//! that slows while nothing happens and the server's `Retry-After` honoured;
//! waiting out an outage, and ending on Ctrl-C (exit 0), a closed pipe, or a
//! failure that would repeat on every poll.

use std::time::Duration;

use super::read::{self, Tail};
use super::{Filter, print_entry};
use crate::api::ApiError;
use crate::api::logs::LogFields;
use crate::commands::{Context, Session};
use crate::interrupt::Claim;

const FAST_POLL: Duration = Duration::from_secs(1);
const SLOW_POLL: Duration = Duration::from_secs(5);

/// Polls for entries newer than `tail` (or, when nothing was read yet, from
/// `since`) until Ctrl-C, a closed pipe, or a lasting failure.
pub(super) async fn follow(
    ctx: &Context,
    session: &Session,
    filter: &Filter,
    mut tail: Tail,
    since: Option<String>,
    utc: bool,
    mut ctrl_c: Claim,
) -> anyhow::Result<()> {
    let mut wait = FAST_POLL;
    let mut offline = false;
    loop {
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = ctrl_c.pressed() => return Ok(()),
        }
        let from = tail.since().or_else(|| since.clone());
        let fresh = tokio::select! {
            r = read::newer_than(session, &tail, from.as_deref()) => r,
            () = ctrl_c.pressed() => return Ok(()),
        };
        match fresh {
            Ok(entries) => {
                if offline {
                    ctx.printer
                        .status("Reconnected; going on where the log left off.");
                    offline = false;
                }
                wait = if entries.is_empty() {
                    (wait * 2).min(SLOW_POLL)
                } else {
                    FAST_POLL
                };
                for entry in entries {
                    let f = LogFields::of(&entry);
                    tail.saw(&entry, &f);
                    if filter.keeps(&f) {
                        print_entry(ctx, &entry, utc)?;
                    }
                }
            }
            Err(e) if !passes(&e) => return Err(e.into()),
            Err(e) => {
                if !offline {
                    ctx.printer.warn(format!(
                        "{e}; retrying until the server answers (Ctrl-C stops)"
                    ));
                    offline = true;
                }
                wait = match &e {
                    ApiError::Status {
                        retry_after: Some(s),
                        ..
                    } => Duration::from_secs(*s).max(FAST_POLL),
                    _ => SLOW_POLL,
                };
            }
        }
    }
}

/// A failure that passes: the network gone or in the way (a proxy's page, a
/// redirect to a sign-in portal), the server down or busy. Anything else (a
/// refused key, a paging loop, a request the server rejects) would fail the same
/// way on every poll, so it ends the follow with its own exit code.
fn passes(err: &ApiError) -> bool {
    match err {
        ApiError::Connect { .. }
        | ApiError::Timeout { .. }
        | ApiError::Stalled { .. }
        | ApiError::Transport { .. }
        | ApiError::Tls { .. }
        | ApiError::Html { .. }
        | ApiError::NotJson { .. }
        | ApiError::Redirect { .. } => true,
        ApiError::Status { status, .. } => matches!(status, 408 | 429 | 500..=599),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(status: u16) -> ApiError {
        ApiError::Status {
            status,
            url: "u".into(),
            message: None,
            code: None,
            retry_after: None,
        }
    }

    #[test]
    fn outages_pass_and_server_faults_do_not() {
        for code in [408, 429, 500, 502, 503, 504] {
            assert!(passes(&status(code)), "{code}");
        }
        for code in [400, 401, 403, 404, 410] {
            assert!(!passes(&status(code)), "{code}");
        }
        let looping = ApiError::PagingLoop {
            url: "u".into(),
            pages: 1_000,
        };
        assert!(!passes(&looping));
        assert!(passes(&ApiError::Connect {
            url: "u".into(),
            cause: "refused".into()
        }));
    }
}
