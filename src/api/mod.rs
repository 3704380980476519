//! The Skene Cloud HTTP API: no clap, no terminal, no printing, and no reqwest
//! type in any public signature.
//!
//! Every path and field name of the contract lives in this module (one file per
//! endpoint group), so that a change on the server is a one-line fix here.

mod body;
pub mod chat;
mod client;
mod error;
pub mod ingest;
mod key;
pub mod logs;
mod me;
mod paging;
pub mod push;
mod relay;
mod request;
mod retry;
mod sse;
pub mod trace;
mod url;
pub mod workspace;

pub use body::{BodyReceiver, BodySender, Payload, channel};
pub use client::{Client, ClientConfig, ERROR_LIMIT, JSON_LIMIT, user_agent};
pub use error::{ApiError, http_reason, root_cause};
pub use http::Method;
pub use http::header::{HeaderName, HeaderValue};
pub use key::KeyProvider;
pub use me::{Me, MeKey, MeUser, MeWorkspace, PATH as ME_PATH};
pub use paging::{ListBudget, MAX_ITEMS, MAX_LIST_BYTES, MAX_PAGES, Page, count_items};
pub use relay::RelayBody;
pub use request::{Request, Response, StreamingResponse};
pub use retry::{MAX_RETRIES, RetryPolicy};
pub use url::{
    API_PATH, DEFAULT_API_BASE, Upstream, check_base_url, encode_segment, is_loopback, pages,
    with_scheme,
};
