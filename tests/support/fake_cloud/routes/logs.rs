//! `GET /logs?cursor=…&limit=…&since=…`: the workspace's log entries, newest
//! first, 50 a page at most (`Cloud::logs_page_size`). Tests append entries
//! while a client pages or follows ([`super::super::FakeCloud::append_log`]), or
//! on the Nth request ([`super::super::FakeCloud::append_log_on_request`]).
//!
//! The cursor is a position in the newest-first order (the last entry a page
//! held), not an offset, so entries appended between two pages do not shift
//! the next page. `since` keeps entries with `received_at >= since`; times are
//! compared as text, so use UTC times of one format (`2026-11-27T10:00:00Z`).

use serde_json::{Value, json};

use super::super::router::{Auth, Call, Route, error};
use super::super::state::Workspace;
use super::super::transport::{self, Resp};

pub fn routes() -> Vec<Route> {
    vec![Route::api("GET", "/logs", Auth::Key, logs)]
}

/// A log entry as the contract shows it (its `id` is given when appended).
pub fn entry(received_at: &str, table: &str, operation: &str, outcome: &str) -> Value {
    json!({
        "received_at": received_at,
        "table": table,
        "operation": operation,
        "trigger": format!("skene_growth_{}_{}", table.replace('.', "_"), operation.to_lowercase()),
        "outcome": outcome,
        "features": [],
    })
}

/// Appends `entry` to the workspace's log, giving it an `id` (`log_1`, `log_2`…)
/// unless it has one; returns the id.
pub fn append(ws: &mut Workspace, mut entry: Value) -> String {
    if entry["id"].is_null() {
        entry["id"] = Value::from(format!("log_{}", ws.logs.len() + 1));
    }
    let id = entry["id"].as_str().unwrap_or_default().to_owned();
    ws.logs.push(entry);
    id
}

fn received_at(entry: &Value) -> &str {
    entry["received_at"].as_str().unwrap_or_default()
}

fn logs(call: &mut Call<'_>) -> Resp {
    call.cloud.logs_requests += 1;
    let n = call.cloud.logs_requests;
    let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut call.cloud.logs_due)
        .into_iter()
        .partition(|(on, _)| *on == n);
    call.cloud.logs_due = later;
    for (_, entry) in due {
        append(call.workspace(), entry);
    }
    let size = call.cloud.logs_page_size;
    let limit = call
        .req
        .query_param("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(size)
        .clamp(1, size);
    let since = call.req.query_param("since").map(percent_decode);
    let cursor = call.req.query_param("cursor").map(str::to_owned);
    let entries = call.workspace().logs.clone();
    // Newest first: by time, then by the order they were appended (the last
    // appended first, unless `logs_ties_oldest_first`).
    let ties_oldest_first = call.cloud.logs_ties_oldest_first;
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        let ties = if ties_oldest_first {
            a.cmp(&b)
        } else {
            b.cmp(&a)
        };
        received_at(&entries[b])
            .cmp(received_at(&entries[a]))
            .then(ties)
    });
    let start = match cursor {
        None => 0,
        Some(c) => {
            let Some(seq) = c.strip_prefix('c').and_then(|n| n.parse::<usize>().ok()) else {
                return error(400, "invalid_cursor", "not a cursor of this list");
            };
            match order.iter().position(|&i| i == seq) {
                Some(p) => p + 1,
                None => return error(400, "invalid_cursor", "not a cursor of this list"),
            }
        }
    };
    let matching: Vec<usize> = order[start..]
        .iter()
        .copied()
        .filter(|&i| {
            since
                .as_deref()
                .is_none_or(|s| received_at(&entries[i]) >= s)
        })
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .take(limit)
        .map(|&i| entries[i].clone())
        .collect();
    let next = (matching.len() > limit).then(|| format!("c{}", matching[limit - 1]));
    transport::json(200, json!({"data": page, "next_cursor": next}))
}

/// `%3A` → `:`, `+` stays `+` (RFC 3339 offsets are sent as `%2B`).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
