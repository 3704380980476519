//! `POST /push`: the bundle upload, streamed with an exact length.

use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;

use super::{ApiError, BodyReceiver, Client, Method, Payload, Request};

pub const PATH: &str = "/push";

/// `201 {"push_id", "artifact_count", "updated_paths"}` or `200 {"status": "noop"}`.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct PushReply {
    pub status: Option<String>,
    pub push_id: Option<String>,
    pub artifact_count: Option<u64>,
    #[serde(default)]
    pub updated_paths: Vec<String>,
}

/// What the server did with a push.
#[derive(Debug, Clone)]
pub enum PushOutcome {
    Pushed(PushReply),
    /// Nothing new: the server already had this package checksum.
    Noop,
    /// Accepted, but the answer could not be read.
    Unreadable {
        status: u16,
    },
}

/// A body to push.
pub struct Upload {
    /// The body's exact length.
    pub len: u64,
    /// What `-vv` shows instead of the body (the manifest).
    pub preview: String,
    /// Starts a producer and returns the body it feeds; called once per attempt.
    pub make: Arc<dyn Fn() -> BodyReceiver + Send + Sync>,
    /// How long the whole upload may take.
    pub timeout: Duration,
}

impl Client {
    /// Uploads the bundle. Retried like any safe request: the server deduplicates
    /// pushes by `package_checksum`.
    pub async fn push(&self, upload: Upload) -> Result<PushOutcome, ApiError> {
        let request = Request {
            body: Some(Payload::Stream {
                len: upload.len,
                preview: upload.preview,
                make: upload.make,
            }),
            content_type: Some("application/json"),
            idempotent: true,
            timeout: Some(upload.timeout),
            ..Request::new(Method::POST, PATH)
        };
        let response = self.send(&request).await?;
        Ok(match response.json::<PushReply>() {
            Ok(r) if response.status == 200 && r.status.as_deref() == Some("noop") => {
                PushOutcome::Noop
            }
            Ok(r) => PushOutcome::Pushed(r),
            Err(_) => PushOutcome::Unreadable {
                status: response.status,
            },
        })
    }
}
