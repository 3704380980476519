//! `POST /cloud/ingest/db-trigger`: events from the database, as pg_net (or
//! the local agent) sends them, authenticated by the workspace's proxy secret
//! in `x-skene-secret`. Duplicates by `record.id` are accepted and ignored.

use serde_json::json;

use super::super::router::{Auth, Call, Route, error};
use super::super::transport::{self, Resp};

pub fn routes() -> Vec<Route> {
    vec![Route::api(
        "POST",
        "/cloud/ingest/db-trigger",
        Auth::ProxySecret,
        ingest,
    )]
}

fn ingest(call: &mut Call<'_>) -> Resp {
    let body = call.req.json();
    let id = &body["record"]["id"];
    if id.is_null() {
        return error(422, "invalid_body", "record.id is missing");
    }
    let ws = call.workspace();
    if ws.ingested.iter().any(|e| e["record"]["id"] == *id) {
        return transport::json(200, json!({"status": "duplicate"}));
    }
    ws.ingested.push(body);
    transport::json(202, json!({"status": "accepted"}))
}
