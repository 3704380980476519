//! Ids a reader skipped over: a row can commit after rows with higher ids (its
//! transaction took the id first and committed later), so a reader that moves
//! past the highest id it saw may leave a lower one behind. Without a NOTIFY to
//! bring it back, only a rescan from scratch would find it.
//!
//! [`Gaps`] remembers the ids missing below what was read as "possibly late" and
//! hands them out to be looked up on every poll (a primary-key lookup each),
//! until they show up or expire. Sequences also leave ids that never show up
//! (a rolled-back insert, the sequence's cache), so the ids expire after
//! [`KEEP_FOR`] and at most [`MAX_GAPS`] are kept (the lowest, oldest go
//! first); the periodic rescan stays the safety net for what falls outside.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long a skipped id is looked for.
pub const KEEP_FOR: Duration = Duration::from_secs(600);
/// How many skipped ids are remembered at most.
pub const MAX_GAPS: usize = 4096;

#[derive(Debug)]
pub struct Gaps {
    /// Skipped id → until when it is looked for.
    ids: BTreeMap<i64, Instant>,
    /// The highest id read so far: gaps are only ever taken above it.
    high: i64,
    keep_for: Duration,
    cap: usize,
}

impl Default for Gaps {
    fn default() -> Self {
        Self::new(KEEP_FOR, MAX_GAPS)
    }
}

impl Gaps {
    pub fn new(keep_for: Duration, cap: usize) -> Self {
        Self {
            ids: BTreeMap::new(),
            high: i64::MIN,
            keep_for,
            cap: cap.max(1),
        }
    }

    /// A read from `from` on returned the ids `seen` (any order): the ids
    /// between `from` (or the highest id read before, whichever is higher) and
    /// the highest seen that were not returned are remembered as possibly late.
    pub fn skipped(&mut self, from: i64, seen: &[i64], now: Instant) {
        let Some(&top) = seen.iter().max() else {
            return;
        };
        let low = from.max(self.high.saturating_add(1));
        self.high = self.high.max(top);
        if top <= low {
            return;
        }
        let mut sorted: Vec<i64> = seen.iter().copied().filter(|id| *id >= low).collect();
        sorted.sort_unstable();
        // From the top down, so that a huge gap keeps its newest ids.
        let until = now + self.keep_for;
        let mut added = 0;
        let mut id = top - 1;
        while id >= low && added < self.cap {
            if sorted.binary_search(&id).is_err() {
                self.ids.insert(id, until);
                added += 1;
            }
            id -= 1;
        }
        while self.ids.len() > self.cap {
            self.ids.pop_first();
        }
    }

    /// The ids still looked for (the expired ones are forgotten).
    pub fn due(&mut self, now: Instant) -> Vec<i64> {
        self.ids.retain(|_, until| *until > now);
        self.ids.keys().copied().collect()
    }

    /// These ids were found (committed): no need to look for them again.
    pub fn found(&mut self, ids: impl IntoIterator<Item = i64>) {
        for id in ids {
            self.ids.remove(&id);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_skipped_over_are_remembered_until_found_or_expired() {
        let t0 = Instant::now();
        let mut gaps = Gaps::new(Duration::from_secs(10), 100);
        gaps.skipped(1, &[1, 2, 3, 4], t0);
        // 5 and 7 were read; 6 was not (yet) visible.
        gaps.skipped(5, &[7, 5], t0);
        assert_eq!(gaps.due(t0), [6]);
        // Reading again from a lower floor adds nothing below what was read.
        gaps.skipped(1, &[9], t0);
        assert_eq!(gaps.due(t0), [6, 8]);
        gaps.found([6]);
        assert_eq!(gaps.due(t0), [8]);
        assert!(gaps.due(t0 + Duration::from_secs(11)).is_empty());
    }

    #[test]
    fn a_huge_gap_keeps_its_newest_ids_within_the_bound() {
        let t0 = Instant::now();
        let mut gaps = Gaps::new(Duration::from_secs(10), 3);
        gaps.skipped(1, &[1, 1_000_000], t0);
        assert_eq!(gaps.due(t0), [999_997, 999_998, 999_999]);
        gaps.skipped(1, &[1_000_002], t0);
        assert_eq!(gaps.due(t0), [999_998, 999_999, 1_000_001]);
    }

    #[test]
    fn nothing_read_or_nothing_missing_is_no_gap() {
        let t0 = Instant::now();
        let mut gaps = Gaps::default();
        gaps.skipped(10, &[], t0);
        gaps.skipped(10, &[10, 11, 12], t0);
        assert!(gaps.is_empty());
        gaps.skipped(1, &(1..=100).collect::<Vec<_>>(), t0);
        gaps.skipped(50, &[101], t0);
        assert!(gaps.is_empty(), "{gaps:?}");
    }
}
