//! Exponential backoff with full jitter: the n-th consecutive failure waits a
//! random time in `[0, min(max, base · 2ⁿ)]`, so that many agents do not retry in
//! step; a server's `Retry-After` wins when it asks for longer.

use std::time::Duration;

/// The longest `Retry-After` honoured (a longer one is cut to this).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    /// 1 s → 60 s.
    fn default() -> Self {
        Self {
            base: Duration::from_secs(1),
            max: Duration::from_secs(60),
        }
    }
}

impl Backoff {
    /// `base` with `max` at 60 × `base` (1 s → 60 s; tests use milliseconds).
    pub fn scaled(base: Duration) -> Self {
        Self {
            base,
            max: base * 60,
        }
    }

    /// The ceiling of the `failures`-th wait (from 1).
    pub fn ceiling(&self, failures: u32) -> Duration {
        let exp = failures.saturating_sub(1).min(20);
        self.base.saturating_mul(1u32 << exp).min(self.max)
    }

    /// The wait after `failures` consecutive failures (from 1), honouring the
    /// server's `Retry-After` seconds.
    pub fn wait(&self, failures: u32, retry_after: Option<u64>) -> Duration {
        let jittered = self.ceiling(failures).mul_f64(crate::random::unit());
        match retry_after {
            Some(secs) => jittered.max(Duration::from_secs(secs).min(MAX_RETRY_AFTER)),
            None => jittered,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_to_the_ceiling_with_full_jitter() {
        let b = Backoff::default();
        assert_eq!(b.ceiling(1), Duration::from_secs(1));
        assert_eq!(b.ceiling(3), Duration::from_secs(4));
        assert_eq!(b.ceiling(7), Duration::from_secs(60));
        assert_eq!(b.ceiling(1000), Duration::from_secs(60));
        for n in 1..12 {
            let w = b.wait(n, None);
            assert!(w <= b.ceiling(n), "{w:?}");
        }
        assert!(b.wait(1, Some(30)) >= Duration::from_secs(30));
        assert_eq!(b.wait(1, Some(100_000)), MAX_RETRY_AFTER);
        assert_eq!(
            Backoff::scaled(Duration::from_millis(5)).max,
            Duration::from_millis(300)
        );
    }
}
