//! `GET /logs` (assumed by the contract): what the workspace did with each event,
//! newest first, 50 a page, kept 7 days. Entries stay JSON values, so that they
//! can be printed as received.

use serde_json::Value;

use super::{ApiError, Client, Page};

pub const PATH: &str = "/logs";
/// How long the service keeps entries.
pub const RETENTION_DAYS: i64 = 7;
/// The most entries a page holds.
pub const PAGE_SIZE: usize = 50;

/// A log entry's fields, read leniently (any may be missing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFields {
    pub id: String,
    pub received_at: String,
    pub table: String,
    pub operation: String,
    pub trigger: String,
    pub outcome: String,
    pub features: Vec<String>,
}

impl LogFields {
    pub fn of(entry: &Value) -> Self {
        let text = |k: &str| {
            entry
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let features = entry
            .get("features")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|f| match f {
                        Value::String(s) => Some(s.clone()),
                        Value::Object(o) => o
                            .get("key")
                            .or_else(|| o.get("name"))
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            id: match entry.get("id") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            },
            received_at: text("received_at"),
            table: text("table"),
            operation: text("operation"),
            trigger: text("trigger"),
            outcome: text("outcome"),
            features,
        }
    }
}

impl Client {
    /// One page of the log, newest first, from `cursor`, entries received at or
    /// after `since` (RFC 3339).
    pub async fn logs_page(
        &self,
        cursor: Option<&str>,
        since: Option<&str>,
        limit: usize,
    ) -> Result<Page<Value>, ApiError> {
        let mut query = vec![("limit", limit.clamp(1, PAGE_SIZE).to_string())];
        if let Some(s) = since {
            query.push(("since", s.to_owned()));
        }
        self.page(PATH, cursor, &query).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_leniently() {
        let f = LogFields::of(&serde_json::json!({
            "id": 7, "received_at": "2026-11-27T10:00:00Z", "table": "public.orders",
            "operation": "INSERT", "outcome": "success",
            "features": ["a", {"key": "b"}, {"name": "c"}, 3]
        }));
        assert_eq!(f.id, "7");
        assert_eq!(f.features, ["a", "b", "c"]);
        assert_eq!(
            LogFields::of(&serde_json::json!(null)),
            LogFields::default()
        );
    }
}
