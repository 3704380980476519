//! `POST /cloud/ingest/db-trigger`: one event from the database, sent as pg_net
//! sends it, authenticated by the workspace's proxy secret (not an API key).

use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue};

use super::body::Payload;
use super::{ApiError, Client, Method, Request};

pub const PATH: &str = "/cloud/ingest/db-trigger";
/// The header that carries the proxy secret (listed in `trace::SENSITIVE_HEADERS`).
pub const SECRET_HEADER: &str = "x-skene-secret";

/// The body pg_net sends for a new `event_log` row, byte for byte: PostgreSQL
/// prints `jsonb_build_object('type', 'INSERT', 'table', 'event_log', 'schema',
/// 'skene_growth', 'record', to_jsonb(NEW), 'old_record', null)` with jsonb's
/// key order (shorter keys first, then bytewise) and separators. `record` is the
/// row as jsonb text (`to_jsonb(row)::text`), embedded as it is.
pub fn body(record: &str) -> String {
    format!(
        "{{\"type\": \"INSERT\", \"table\": \"event_log\", \"record\": {record}, \"schema\": \"skene_growth\", \"old_record\": null}}"
    )
}

/// What the ingest endpoint answered (a 2xx; anything else is an [`ApiError`]).
#[derive(Debug, Clone, Copy)]
pub struct Accepted {
    pub status: u16,
}

impl Client {
    /// Posts one event body (see [`body`]) with the proxy secret. No retries here:
    /// the caller decides (the client should be built with `max_retries: 0`).
    pub async fn ingest_db_trigger(
        &self,
        body: Bytes,
        secret: &str,
        timeout: Duration,
    ) -> Result<Accepted, ApiError> {
        let mut value = HeaderValue::from_str(secret).map_err(|_| ApiError::BadKey)?;
        value.set_sensitive(true);
        let mut req = Request::new(Method::POST, PATH);
        req.body = Some(Payload::Bytes(body));
        req.content_type = Some("application/json");
        req.timeout = Some(timeout);
        req.headers
            .push((HeaderName::from_static(SECRET_HEADER), value));
        let resp = self.send(&req).await?;
        Ok(Accepted {
            status: resp.status,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_what_postgres_prints_for_pg_nets_jsonb() {
        let b = body(r#"{"id": 17, "metadata": {"a": 1}}"#);
        assert_eq!(
            b,
            r#"{"type": "INSERT", "table": "event_log", "record": {"id": 17, "metadata": {"a": 1}}, "schema": "skene_growth", "old_record": null}"#
        );
        let v: serde_json::Value = serde_json::from_str(&b).unwrap();
        assert_eq!(v["record"]["id"], 17);
        assert!(super::super::trace::is_sensitive(SECRET_HEADER));
    }
}
