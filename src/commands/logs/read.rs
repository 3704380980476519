//! Reading the log across pages, newest first as the API serves it: the
//! backlog (until the window, `--limit` or the page cap is reached), and, for
//! `--follow`, what is newer than the tail already read.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Filter;
use crate::api::logs::{LogFields, PAGE_SIZE, PATH};
use crate::api::{ApiError, MAX_ITEMS, MAX_PAGES};
use crate::commands::Session;
use crate::time;

/// The backlog as read.
pub(super) struct Backlog {
    /// The entries the filter keeps, oldest first.
    pub entries: Vec<Value>,
    /// Where the log read ends (every entry read, kept or not).
    pub tail: Tail,
    /// Set when the page cap stopped the reading before the window was read.
    pub capped: Option<Capped>,
}

/// How far a capped backlog got.
pub(super) struct Capped {
    pub pages: usize,
    /// Entries read (kept by the filter or not).
    pub read: usize,
    /// The oldest time read: entries before it were not.
    pub oldest: Option<DateTime<Utc>>,
}

/// The backlog: pages newest first until the window or `limit` is filled, or
/// [`MAX_PAGES`] pages or [`MAX_ITEMS`] entries were read (what was read is kept,
/// and [`Backlog::capped`] says so: memory stays bounded whatever the server sends). A cursor the server gave before is a paging loop, an error.
pub(super) async fn backlog(
    session: &Session,
    since: Option<&str>,
    limit: Option<usize>,
    filter: &Filter,
) -> Result<Backlog, ApiError> {
    let mut kept = Vec::new();
    let mut tail = Tail::default();
    let mut ids = HashSet::new();
    let mut oldest = None;
    let mut capped = None;
    let mut cursor: Option<String> = None;
    let mut cursors = HashSet::new();
    let mut read = 0usize;
    for pages in 1.. {
        let page = session
            .client
            .logs_page(cursor.as_deref(), since, PAGE_SIZE)
            .await?;
        read += page.data.len();
        for entry in page.data {
            let f = LogFields::of(&entry);
            if !ids.insert(identity(&entry, &f)) {
                continue;
            }
            tail.saw(&entry, &f);
            if let Some(at) = time::parse_server(&f.received_at) {
                oldest = Some(oldest.map_or(at, |o: DateTime<Utc>| o.min(at)));
            }
            if filter.keeps(&f) {
                kept.push(entry);
            }
        }
        if limit.is_some_and(|l| kept.len() >= l) {
            break;
        }
        match page.next_cursor.filter(|c| !c.is_empty()) {
            None => break,
            Some(next) if !cursors.insert(next.clone()) => {
                return Err(paging_loop(session, pages));
            }
            Some(_) if pages >= MAX_PAGES || read >= MAX_ITEMS => {
                capped = Some(Capped {
                    pages,
                    read,
                    oldest,
                });
                break;
            }
            Some(next) => cursor = Some(next),
        }
    }
    if let Some(l) = limit {
        kept.truncate(l);
    }
    kept.reverse();
    Ok(Backlog {
        entries: kept,
        tail,
        capped,
    })
}

/// Every entry the tail has not seen, oldest first: pages from `since` on, for
/// as long as they hold entries at or after the tail's newest time (entries
/// that share it may come on any page, in any order). Bounded like the backlog,
/// except that here the page cap is an error: stopping short would leave a gap.
pub(super) async fn newer_than(
    session: &Session,
    tail: &Tail,
    since: Option<&str>,
) -> Result<Vec<Value>, ApiError> {
    let mut fresh = Vec::new();
    let mut ids = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut cursors = HashSet::new();
    let mut read = 0usize;
    for pages in 1.. {
        let page = session
            .client
            .logs_page(cursor.as_deref(), since, PAGE_SIZE)
            .await?;
        read += page.data.len();
        let mut reached_older = false;
        for entry in page.data {
            let f = LogFields::of(&entry);
            match tail.place(&entry, &f) {
                Place::New if ids.insert(identity(&entry, &f)) => fresh.push(entry),
                Place::New | Place::Seen => {}
                Place::Older => reached_older = true,
            }
        }
        if reached_older {
            break;
        }
        match page.next_cursor.filter(|c| !c.is_empty()) {
            None => break,
            Some(next)
                if !cursors.insert(next.clone()) || pages >= MAX_PAGES || read >= MAX_ITEMS =>
            {
                return Err(paging_loop(session, pages));
            }
            Some(next) => cursor = Some(next),
        }
    }
    fresh.reverse();
    Ok(fresh)
}

fn paging_loop(session: &Session, pages: usize) -> ApiError {
    ApiError::PagingLoop {
        url: session.client.url_for(PATH),
        pages,
    }
}

/// Where the log read so far ends: the newest time, as a time (the same
/// instant may be written `…:03Z` or `…:03.000+00:00`), and the entries at that
/// time, by id (the API's `since` is inclusive, so they come back).
#[derive(Debug, Default)]
pub(super) struct Tail {
    newest: Option<DateTime<Utc>>,
    at_newest: HashSet<String>,
    /// Entries whose time is not a time cannot be placed; they are remembered
    /// by id, so that they too are printed once.
    untimed: HashSet<String>,
}

/// Where an entry stands against the tail.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// Not seen yet.
    New,
    /// Seen already (at the tail's newest time, or untimed).
    Seen,
    /// Before the tail: everything after it on the pages is older still.
    Older,
}

impl Tail {
    /// The newest time seen, for the API's `since`.
    pub fn since(&self) -> Option<String> {
        self.newest.map(time::for_api)
    }

    pub fn saw(&mut self, entry: &Value, f: &LogFields) {
        let id = identity(entry, f);
        let Some(at) = time::parse_server(&f.received_at) else {
            self.untimed.insert(id);
            return;
        };
        if self.newest.is_none_or(|n| at > n) {
            self.newest = Some(at);
            self.at_newest.clear();
        }
        if self.newest == Some(at) {
            self.at_newest.insert(id);
        }
    }

    pub fn place(&self, entry: &Value, f: &LogFields) -> Place {
        let seen = |set: &HashSet<String>| {
            if set.contains(&identity(entry, f)) {
                Place::Seen
            } else {
                Place::New
            }
        };
        match (time::parse_server(&f.received_at), self.newest) {
            (None, _) => seen(&self.untimed),
            (Some(_), None) => Place::New,
            (Some(at), Some(n)) if at > n => Place::New,
            (Some(at), Some(n)) if at == n => seen(&self.at_newest),
            (Some(_), Some(_)) => Place::Older,
        }
    }
}

/// An entry's id, or its whole text when it has none.
fn identity(entry: &Value, f: &LogFields) -> String {
    if f.id.is_empty() {
        entry.to_string()
    } else {
        f.id.clone()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn place(tail: &Tail, id: &str, at: &str) -> Place {
        let e = json!({"id": id, "received_at": at});
        tail.place(&e, &LogFields::of(&e))
    }

    fn saw(tail: &mut Tail, id: &str, at: &str) {
        let e = json!({"id": id, "received_at": at});
        tail.saw(&e, &LogFields::of(&e));
    }

    #[test]
    fn the_tail_compares_times_not_text() {
        let mut tail = Tail::default();
        assert_eq!(place(&tail, "a", "2026-11-27T10:00:03Z"), Place::New);
        saw(&mut tail, "a", "2026-11-27T10:00:03Z");
        saw(&mut tail, "old", "2026-11-27T10:00:01Z");
        // The same instant, written otherwise: a tie, placed by id.
        assert_eq!(
            place(&tail, "a", "2026-11-27T10:00:03.000+00:00"),
            Place::Seen
        );
        assert_eq!(place(&tail, "b", "2026-11-27T11:00:03+01:00"), Place::New);
        // Later as a time, earlier as text.
        assert_eq!(place(&tail, "c", "2026-11-27T10:00:03.5Z"), Place::New);
        assert_eq!(place(&tail, "old", "2026-11-27T10:00:01Z"), Place::Older);
        assert_eq!(place(&tail, "d", "2026-11-27T09:00:03Z"), Place::Older);
        assert_eq!(tail.since().as_deref(), Some("2026-11-27T10:00:03Z"));
        saw(&mut tail, "c", "2026-11-27T10:00:03.5Z");
        assert_eq!(place(&tail, "a", "2026-11-27T10:00:03Z"), Place::Older);
        assert_eq!(tail.since().as_deref(), Some("2026-11-27T10:00:03.500Z"));
    }

    #[test]
    fn untimed_entries_are_placed_by_id() {
        let mut tail = Tail::default();
        saw(&mut tail, "x", "yesterday");
        assert_eq!(place(&tail, "x", "yesterday"), Place::Seen);
        assert_eq!(place(&tail, "y", ""), Place::New);
        assert_eq!(tail.since(), None);
    }
}
