//! Reading the log across pages, newest first as the API serves it: the
//! backlog (until the window, `--limit` or the page cap is reached), and, for
//! `--follow`, what is newer than the tail already printed.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Filter;
use crate::api::logs::{LogFields, PAGE_SIZE, PATH};
use crate::api::{ApiError, MAX_PAGES};
use crate::commands::Session;
use crate::time;

/// The backlog as read.
pub(super) struct Backlog {
    /// The entries the filter keeps, oldest first.
    pub entries: Vec<Value>,
    /// Set when the page cap stopped the reading before the window was read.
    pub capped: Option<Capped>,
}

/// How far a capped backlog got.
pub(super) struct Capped {
    pub pages: usize,
    /// The oldest time read: entries before it were not.
    pub oldest: Option<DateTime<Utc>>,
}

/// The backlog: pages newest first until the window or `limit` is filled, or
/// [`MAX_PAGES`] were read (what was read is kept, and [`Backlog::capped`] says
/// so). A cursor the server gave before is a paging loop, an error.
pub(super) async fn backlog(
    session: &Session,
    since: Option<&str>,
    limit: Option<usize>,
    filter: &Filter,
) -> Result<Backlog, ApiError> {
    let mut kept = Vec::new();
    let mut oldest = None;
    let mut capped = None;
    let mut cursor: Option<String> = None;
    let mut cursors = HashSet::new();
    for pages in 1.. {
        let page = session
            .client
            .logs_page(cursor.as_deref(), since, PAGE_SIZE)
            .await?;
        for entry in page.data {
            let f = LogFields::of(&entry);
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
            Some(_) if pages >= MAX_PAGES => {
                capped = Some(Capped { pages, oldest });
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
        capped,
    })
}

/// Every entry the tail has not printed, oldest first.
pub(super) async fn newer_than(
    session: &Session,
    tail: &Tail,
    since: Option<&str>,
) -> Result<Vec<Value>, ApiError> {
    let mut fresh = Vec::new();
    let mut cursor: Option<String> = None;
    let mut seen_cursors = HashSet::new();
    for pages in 1.. {
        let page = session
            .client
            .logs_page(cursor.as_deref(), since, PAGE_SIZE)
            .await?;
        let mut reached_old = false;
        for entry in page.data {
            if tail.is_new(&entry) {
                fresh.push(entry);
            } else {
                reached_old = true;
            }
        }
        if reached_old {
            break;
        }
        match page.next_cursor.filter(|c| !c.is_empty()) {
            None => break,
            Some(next) if !seen_cursors.insert(next.clone()) || pages >= MAX_PAGES => {
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

/// Where the printed log ends: the newest time seen and the entries at that time
/// (the API's `since` is inclusive, so they come back and must not print twice).
#[derive(Default)]
pub(super) struct Tail {
    pub newest: Option<String>,
    at_newest: HashSet<String>,
}

impl Tail {
    pub fn saw(&mut self, entry: &Value) {
        let f = LogFields::of(entry);
        let newer = match &self.newest {
            None => true,
            Some(n) => later(&f.received_at, n),
        };
        if newer {
            self.newest = Some(f.received_at.clone());
            self.at_newest.clear();
        }
        if self.newest.as_deref() == Some(f.received_at.as_str()) {
            self.at_newest.insert(identity(entry, &f));
        }
    }

    pub fn is_new(&self, entry: &Value) -> bool {
        let f = LogFields::of(entry);
        match &self.newest {
            None => true,
            Some(n) if f.received_at == *n => !self.at_newest.contains(&identity(entry, &f)),
            Some(n) => later(&f.received_at, n),
        }
    }
}

/// `a` is after `b` (as times when both parse, as text otherwise).
fn later(a: &str, b: &str) -> bool {
    match (time::parse_server(a), time::parse_server(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a > b,
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
