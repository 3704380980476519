//! The routes of the fake Skene Cloud, one file per endpoint group of
//! `shared/api-contract.md`. [`standard`] is the table every fake cloud starts
//! with; a test adds or overrides routes with [`super::FakeCloud::add_route`].

pub mod auth;
pub mod chat;
pub mod ingest;
pub mod keys;
pub mod logs;
pub mod me;
pub mod members;
pub mod push;

use serde_json::{Value, json};

use super::router::{Auth, Call, Route};
use super::transport::{self, Resp};

/// Every route the fake cloud serves from the start.
pub fn standard() -> Vec<Route> {
    let mut table = Vec::new();
    table.extend(me::routes());
    table.extend(push::routes());
    table.extend(members::routes());
    table.extend(keys::routes());
    table.push(Route::api("GET", "/integrations", Auth::Key, integrations));
    table.extend(chat::routes());
    table.extend(logs::routes());
    table.extend(ingest::routes());
    table
}

/// `GET /integrations`: the workspace's integrations, in one list.
fn integrations(call: &mut Call<'_>) -> Resp {
    let data = call.workspace().integrations.clone();
    transport::json(200, json!({"data": data}))
}

/// Runs `create` once per Idempotency-Key; a repeated key gets the first answer again.
pub fn idempotent(call: &mut Call<'_>, create: impl FnOnce(&mut Call<'_>) -> (u16, Value)) -> Resp {
    let key = call.req.header("idempotency-key").map(str::to_owned);
    if let Some(k) = &key
        && let Some((status, body)) = call.cloud.idempotent.get(k)
    {
        return transport::json(*status, body.clone());
    }
    let (status, body) = create(call);
    if let Some(k) = key {
        call.cloud.idempotent.insert(k, (status, body.clone()));
    }
    transport::json(status, body)
}
