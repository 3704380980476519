//! One retry policy for every kind of send: which failures are retried, how long
//! to wait (exponential backoff with jitter, or the server's `Retry-After`), and
//! the deadline that bounds a whole call, attempts and waits included.

use std::time::{Duration, Instant};

use super::error::ApiError;

/// Retries after the first attempt.
pub const MAX_RETRIES: u32 = 3;
/// The longest single wait; a `Retry-After` beyond it is not waited for.
pub const MAX_WAIT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    /// The first retry's nominal delay; each later one doubles it.
    pub base_delay: Duration,
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: MAX_RETRIES,
            base_delay: Duration::from_millis(250),
            max_wait: MAX_WAIT,
        }
    }
}

impl RetryPolicy {
    /// How long to wait before retrying after `err` (the `attempt`-th failure,
    /// from 0), if the request may be retried before `deadline`. `safe`: the
    /// request may be repeated (GET, PUT, DELETE, an idempotency key, `POST /push`).
    /// A connection that could not be made sent nothing, so it is retried anyway.
    pub fn wait_after(
        &self,
        err: &ApiError,
        attempt: u32,
        safe: bool,
        deadline: Instant,
    ) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        let wait = match err {
            ApiError::Status {
                status: 429 | 502 | 503 | 504,
                retry_after,
                ..
            } if safe => retry_after
                .map(Duration::from_secs)
                .unwrap_or_else(|| self.backoff(attempt)),
            ApiError::Connect { .. } => self.backoff(attempt),
            ApiError::Transport { .. } if safe => self.backoff(attempt),
            _ => return None,
        };
        let fits = Instant::now()
            .checked_add(wait)
            .is_some_and(|at| at < deadline);
        (wait <= self.max_wait && fits).then_some(wait)
    }

    /// `base · 2^attempt`, times a random factor in [0.5, 1.5) (jitter, so that
    /// many clients do not retry in step).
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.base_delay
            .mul_f64(f64::from(1u32 << attempt.min(8)) * (0.5 + crate::random::unit()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, retry_after: Option<u64>) -> ApiError {
        ApiError::Status {
            status: code,
            url: "u".into(),
            message: None,
            code: None,
            retry_after,
        }
    }

    fn far() -> Instant {
        Instant::now() + Duration::from_secs(3600)
    }

    #[test]
    fn backoff_grows_with_jitter() {
        let p = RetryPolicy::default();
        for attempt in 0..3 {
            let d = p.backoff(attempt);
            let nominal = p.base_delay * (1 << attempt);
            assert!(d >= nominal / 2 && d < nominal * 3 / 2, "{d:?}");
        }
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        assert!(p.wait_after(&status(503, None), 0, true, far()).is_some());
        assert!(p.wait_after(&status(503, None), 0, false, far()).is_none());
        assert!(p.wait_after(&status(500, None), 0, true, far()).is_none());
        assert!(p.wait_after(&status(503, None), 3, true, far()).is_none());
        assert_eq!(
            p.wait_after(&status(429, Some(2)), 0, true, far()),
            Some(Duration::from_secs(2))
        );
        assert!(
            p.wait_after(&status(429, Some(61)), 0, true, far())
                .is_none()
        );
        let refused = ApiError::Connect {
            url: "u".into(),
            cause: "refused".into(),
        };
        assert!(p.wait_after(&refused, 0, false, far()).is_some());
        let timeout = ApiError::Timeout {
            url: "u".into(),
            secs: 1.0,
        };
        assert!(p.wait_after(&timeout, 0, true, far()).is_none());
    }

    #[test]
    fn no_wait_runs_past_the_deadline() {
        let p = RetryPolicy::default();
        let soon = Instant::now() + Duration::from_millis(500);
        assert!(p.wait_after(&status(429, Some(1)), 0, true, soon).is_none());
    }
}
