//! Sending claimed rows to the workspace's ingest endpoint, all of a batch at
//! once (the batch size bounds what is in flight), and what each answer means.

use std::time::{Duration, Instant};

use bytes::Bytes;
use tokio::task::JoinSet;

use super::outbox::Claimed;
use crate::api::{self, ApiError, Client};

/// What one attempt came to.
#[derive(Debug, Clone)]
pub enum Answer {
    /// 2xx: the cloud has it (a duplicate is accepted and ignored by `record.id`).
    Accepted { status: u16, ms: u64 },
    /// 5xx, 429, 408, a redirect, or no answer: the backlog waits and tries again.
    Retry {
        status: Option<u16>,
        retry_after: Option<u64>,
        error: String,
    },
    /// 401: the proxy secret is wrong; delivery pauses.
    Unauthorized { error: String },
    /// Any other 4xx: this event is refused; after enough of them it is moved to
    /// `failed_events`.
    Rejected { status: u16, error: String },
}

impl Answer {
    pub fn classify(result: Result<api::ingest::Accepted, ApiError>, ms: u64) -> Self {
        let err = match result {
            Ok(a) => {
                return Answer::Accepted {
                    status: a.status,
                    ms,
                };
            }
            Err(e) => e,
        };
        let error = one_line(&err.to_string());
        if matches!(err, ApiError::BadKey) {
            return Answer::Unauthorized {
                error: "the proxy secret holds characters that cannot be sent in a header".into(),
            };
        }
        let retry_after = match &err {
            ApiError::Status { retry_after, .. } => *retry_after,
            _ => None,
        };
        match err.status() {
            Some(401) => Answer::Unauthorized { error },
            Some(status @ 400..=499) if !matches!(status, 408 | 429) => {
                Answer::Rejected { status, error }
            }
            status => Answer::Retry {
                status,
                retry_after,
                error,
            },
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Answer::Accepted { status, .. } | Answer::Rejected { status, .. } => Some(*status),
            Answer::Retry { status, .. } => *status,
            Answer::Unauthorized { .. } => Some(401),
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            Answer::Accepted { .. } => None,
            Answer::Retry { error, .. }
            | Answer::Unauthorized { error }
            | Answer::Rejected { error, .. } => Some(error),
        }
    }
}

/// Errors are stored in `last_error` and shown on one line.
fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    flat.chars().take(500).collect()
}

/// Sends every row of `batch` at once; the answers come back in the batch's order.
pub async fn send_all(
    client: &Client,
    secret: &str,
    timeout: Duration,
    batch: &[Claimed],
) -> Vec<Answer> {
    let mut set = JoinSet::new();
    for (i, row) in batch.iter().enumerate() {
        let client = client.clone();
        let secret = secret.to_owned();
        let body = Bytes::from(api::ingest::body(&row.record));
        set.spawn(async move {
            let started = Instant::now();
            let result = client.ingest_db_trigger(body, &secret, timeout).await;
            let ms = started.elapsed().as_millis() as u64;
            (i, Answer::classify(result, ms))
        });
    }
    let mut answers: Vec<Option<Answer>> = vec![None; batch.len()];
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok((i, answer)) => answers[i] = Some(answer),
            Err(e) => {
                // A panicked task: treat as no answer (the row is tried again).
                let error = format!("the request task failed: {e}");
                if let Some(slot) = answers.iter_mut().find(|a| a.is_none()) {
                    *slot = Some(Answer::Retry {
                        status: None,
                        retry_after: None,
                        error,
                    });
                }
            }
        }
    }
    answers
        .into_iter()
        .map(|a| {
            a.unwrap_or(Answer::Retry {
                status: None,
                retry_after: None,
                error: "no answer".into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16) -> ApiError {
        ApiError::Status {
            status: code,
            url: "u".into(),
            message: None,
            code: None,
            retry_after: Some(3),
        }
    }

    #[test]
    fn answers_are_classified_as_the_contract_says() {
        assert!(matches!(
            Answer::classify(Ok(api::ingest::Accepted { status: 202 }), 1),
            Answer::Accepted { status: 202, .. }
        ));
        assert!(matches!(
            Answer::classify(Err(status(401)), 1),
            Answer::Unauthorized { .. }
        ));
        for code in [408, 429, 500, 502, 503, 504, 302] {
            assert!(
                matches!(Answer::classify(Err(status(code)), 1), Answer::Retry { .. }),
                "{code}"
            );
        }
        assert!(matches!(
            Answer::classify(Err(status(429)), 1),
            Answer::Retry {
                retry_after: Some(3),
                ..
            }
        ));
        for code in [400, 403, 404, 409, 413, 422] {
            assert!(
                matches!(
                    Answer::classify(Err(status(code)), 1),
                    Answer::Rejected { .. }
                ),
                "{code}"
            );
        }
        let refused = ApiError::Connect {
            url: "u".into(),
            cause: "refused".into(),
        };
        assert!(matches!(
            Answer::classify(Err(refused), 1),
            Answer::Retry { status: None, .. }
        ));
    }
}
