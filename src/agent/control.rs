//! The control endpoint on the agent's port, served whenever the agent runs
//! (with or without a workspace key): `GET /status` (the [`AgentStatus`] as
//! JSON) and `GET /healthz` (`{"status":"ok"}`), both behind the Host rule and
//! the local token like every route (issue 13: the control endpoint answers only
//! requests that carry it). And the client side: how `skene agent status` asks.
//!
//! [`AgentStatus`]: super::AgentStatus

use std::sync::Arc;
use std::time::Duration;

use http::Response;
use serde_json::json;

use super::server::App;
use super::server::reply::{self, Body};
use super::state::AgentState;
use super::status::Snapshot;
use super::token::LocalToken;
use crate::api::{ApiError, Client, KeyProvider, Request};
use crate::credentials::resolve::FixedKey;
use crate::secret::ApiKey;

pub const STATUS_PATH: &str = "/status";
pub const HEALTHZ_PATH: &str = "/healthz";
/// How long a command waits for the running agent's answer.
const CONTROL_TIMEOUT: Duration = Duration::from_secs(5);

pub(super) fn status(app: &Arc<App>) -> Response<Body> {
    reply::json_response(200, &app.status.snapshot())
}

pub(super) fn healthz() -> Response<Body> {
    reply::json_response(200, &json!({"status": "ok"}))
}

/// Asks the running agent of `state` whether it takes `token` (its `/healthz`):
/// after a rotation, the first request with the new token makes the agent read
/// it, and refuse the old one from then on.
pub async fn check_token(state: &AgentState, token: &LocalToken) -> Result<(), ApiError> {
    agent_client(state, token)?
        .send(&Request::get(HEALTHZ_PATH))
        .await
        .map(drop)
}

/// Asks the running agent of `state` for its status, with the local token.
pub async fn fetch_status(state: &AgentState, token: &LocalToken) -> Result<Snapshot, ApiError> {
    agent_client(state, token)?
        .send(&Request::get(STATUS_PATH))
        .await?
        .json()
}

/// The running agent's endpoint, with the local token: a client of its own,
/// never through a proxy (which would see the token), with one attempt of at
/// most [`CONTROL_TIMEOUT`].
fn agent_client(state: &AgentState, token: &LocalToken) -> Result<Client, ApiError> {
    let origin = url::Url::parse(&state.origin()).map_err(|e| ApiError::BadUrl {
        url: state.origin(),
        reason: e.to_string(),
    })?;
    // The token is sent the way the client sends keys: `Authorization: Bearer`.
    let key = Arc::new(FixedKey(ApiKey::new(token.expose()))) as Arc<dyn KeyProvider>;
    Ok(Client::loopback(CONTROL_TIMEOUT)?.at(&origin, Some(key)))
}
