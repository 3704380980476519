//! What each answer does: the retry and pause policy. A retryable failure (5xx,
//! 429, 408, no answer) backs the whole backlog off (full jitter, Retry-After
//! wins) and makes the next attempts one row at a time until one succeeds; a 401
//! pauses until the secret changes (or, now and then, to try again); a 4xx
//! defers its row alone, and moves it to `failed_events` after `max_rejections`
//! refusals in a row.
//!
//! Refusals are counted on the row, not in memory, so that restarts (a service
//! restarted on failure, SIGKILL) and other agents count them too: every failed
//! attempt adds one to `attempts`, and a refusal writes `last_error` as
//! `refusal #N in a row: …`, N one more than the row's previous `last_error`
//! said (0 when that was no refusal). So a 5xx, 408, 429, 401 or no answer in
//! between starts the count again: an outage's failures never make a single 4xx
//! fatal, and only a row the cloud refuses `max_rejections` times running moves.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::backoff::Backoff;
use super::deliver::Answer;
use super::outbox::{Claimed, Outcome, Settle};
use super::status::{CloudState, LogEvent, Observer, Status};
use crate::agent::secret::ProxySecret;

/// How a refusal's `last_error` starts: `refusal #3 in a row: 422 …`.
const REFUSAL: &str = "refusal #";
const IN_A_ROW: &str = " in a row: ";

/// The refusals in a row a row's `last_error` records (0: its last failure was
/// no refusal, or it never failed).
fn refusals(last_error: Option<&str>) -> u32 {
    last_error
        .and_then(|e| e.strip_prefix(REFUSAL))
        .and_then(|rest| rest.split_once(IN_A_ROW))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0)
}

pub(super) struct Policy {
    pub backoff: Backoff,
    max_rejections: u32,
    /// Consecutive batches that failed in a retryable way, and the last error said.
    failures: u32,
    said_failing: Option<String>,
    /// No request before this instant (backoff).
    pub not_before: Option<Instant>,
    /// 401: the refused secret, and when to try again regardless.
    pub paused: Option<(ProxySecret, Instant)>,
    /// Rows refused (4xx) waiting for their next attempt.
    deferred: BTreeMap<i64, Instant>,
}

impl Policy {
    pub fn new(backoff: Backoff, max_rejections: u32) -> Self {
        Self {
            backoff,
            max_rejections,
            failures: 0,
            said_failing: None,
            not_before: None,
            paused: None,
            deferred: BTreeMap::new(),
        }
    }

    /// One row at a time while the cloud fails or refuses the secret.
    pub fn cautious(&self) -> bool {
        self.failures > 0 || self.paused.is_some()
    }

    /// Rows whose next attempt is not due yet.
    pub fn waiting(&self, now: Instant) -> Vec<i64> {
        self.deferred
            .iter()
            .filter(|(_, due)| **due > now)
            .map(|(id, _)| *id)
            .collect()
    }

    /// The lowest deferred id.
    pub fn deferred_first(&self) -> Option<i64> {
        self.deferred.keys().next().copied()
    }

    /// The lowest deferred id (`i64::MAX` when none).
    pub fn lowest_deferred(&self) -> i64 {
        self.deferred.keys().next().copied().unwrap_or(i64::MAX)
    }

    /// How long until a deferred row is due.
    pub fn next_deferred(&self) -> Option<Duration> {
        let now = Instant::now();
        self.deferred
            .values()
            .min()
            .map(|due| due.saturating_duration_since(now))
    }

    /// Decides what becomes of each row of a batch from its answer, updates the
    /// counters and says what changed.
    pub fn judge(
        &mut self,
        rows: &[Claimed],
        answers: &[Answer],
        secret: &ProxySecret,
        counters: &Status,
        log: &dyn Observer,
    ) -> (Vec<(i64, Settle)>, Vec<Outcome>) {
        let accepted = answers.iter().any(|a| matches!(a, Answer::Accepted { .. }));
        let retry = answers.iter().find_map(|a| match a {
            Answer::Retry {
                status,
                retry_after,
                error,
            } => Some((*status, *retry_after, error.clone())),
            _ => None,
        });
        let unauthorized = answers.iter().find_map(|a| match a {
            Answer::Unauthorized { error } => Some(error.clone()),
            _ => None,
        });
        let mut retry_wait = None;
        let had_retry = retry.is_some();
        if let Some((status, retry_after, error)) = retry {
            self.failures += 1;
            let longest = answers
                .iter()
                .filter_map(|a| match a {
                    Answer::Retry { retry_after, .. } => *retry_after,
                    _ => None,
                })
                .max()
                .or(retry_after);
            let wait = self.backoff.wait(self.failures, longest);
            self.not_before = Some(Instant::now() + wait);
            retry_wait = Some(wait);
            counters.update(|s| s.cloud = CloudState::Retrying);
            counters.error(&error);
            if self.said_failing.as_deref() != Some(error.as_str()) {
                self.said_failing = Some(error.clone());
                log.log(&LogEvent::CloudRetrying {
                    error,
                    status,
                    retry_in_ms: wait.as_millis() as u64,
                });
            }
        } else if accepted {
            self.failures = 0;
            self.not_before = None;
            if self.said_failing.take().is_some() {
                log.log(&LogEvent::CloudRecovered);
            }
        }
        if let Some(error) = &unauthorized {
            if self.paused.is_none() {
                counters.update(|s| s.cloud = CloudState::PausedUnauthorized);
                counters.error(error);
                log.log(&LogEvent::Paused {
                    error: error.clone(),
                });
            }
            self.paused = Some((secret.clone(), Instant::now() + self.backoff.max));
        } else if accepted && self.paused.take().is_some() {
            log.log(&LogEvent::Resumed);
        }
        if accepted && !had_retry && unauthorized.is_none() {
            counters.update(|s| s.cloud = CloudState::Ok);
        }

        let mut settled = Vec::with_capacity(rows.len());
        let mut outcomes = Vec::with_capacity(rows.len());
        for (row, answer) in rows.iter().zip(answers) {
            let outcome = |outcome, retry_in: Option<Duration>| Outcome {
                id: row.id,
                outcome,
                status: answer.status(),
                retry_in_ms: retry_in.map(|d| d.as_millis() as u64),
                error: answer.error().map(str::to_owned),
            };
            match answer {
                Answer::Accepted { status, ms } => {
                    self.deferred.remove(&row.id);
                    settled.push((row.id, Settle::Delivered));
                    outcomes.push(outcome("delivered", None));
                    log.log(&LogEvent::Delivered {
                        id: row.id,
                        event_type: row.event_type.clone(),
                        status: *status,
                        ms: *ms,
                    });
                }
                Answer::Rejected { status, error } => {
                    let count = refusals(row.last_error.as_deref()).saturating_add(1);
                    if count >= self.max_rejections {
                        let reason =
                            format!("refused {count} times in a row; last answer: {error}");
                        self.deferred.remove(&row.id);
                        settled.push((
                            row.id,
                            Settle::Move {
                                error: reason.clone(),
                            },
                        ));
                        outcomes.push(outcome("failed", None));
                        log.log(&LogEvent::MovedToFailed {
                            id: row.id,
                            event_type: row.event_type.clone(),
                            status: *status,
                            reason,
                        });
                    } else {
                        let wait = self.backoff.wait(count, None);
                        self.deferred.insert(row.id, Instant::now() + wait);
                        settled.push((
                            row.id,
                            Settle::Failed {
                                error: format!("{REFUSAL}{count}{IN_A_ROW}{error}"),
                            },
                        ));
                        outcomes.push(outcome("retry", Some(wait)));
                        log.log(&LogEvent::Retry {
                            id: row.id,
                            event_type: row.event_type.clone(),
                            status: Some(*status),
                            error: error.clone(),
                        });
                    }
                }
                Answer::Retry { error, status, .. } => {
                    settled.push((
                        row.id,
                        Settle::Failed {
                            error: error.clone(),
                        },
                    ));
                    outcomes.push(outcome("retry", retry_wait));
                    log.log(&LogEvent::Retry {
                        id: row.id,
                        event_type: row.event_type.clone(),
                        status: *status,
                        error: error.clone(),
                    });
                }
                Answer::Unauthorized { error } => {
                    settled.push((
                        row.id,
                        Settle::Failed {
                            error: error.clone(),
                        },
                    ));
                    outcomes.push(outcome("paused", None));
                    log.log(&LogEvent::Retry {
                        id: row.id,
                        event_type: row.event_type.clone(),
                        status: Some(401),
                        error: error.clone(),
                    });
                }
            }
        }
        (settled, outcomes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_in_a_row_are_read_back_from_last_error() {
        assert_eq!(refusals(None), 0);
        assert_eq!(refusals(Some("HTTP 503 Service Unavailable")), 0);
        assert_eq!(refusals(Some("refusal #2 in a row: HTTP 422 no")), 2);
        assert_eq!(
            refusals(Some(&format!("{REFUSAL}{}{IN_A_ROW}x", 7))),
            7,
            "what is written is what is read"
        );
        assert_eq!(refusals(Some("refusal #x in a row: 422")), 0);
    }
}
