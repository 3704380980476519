//! The Skene Cloud HTTP API: no clap, no terminal, no printing.
//!
//! Every path and field name of the contract lives in this module, so that a
//! change on the server is a one-line fix here.

pub mod chat;
mod client;
mod error;
pub mod workspace;

pub use client::{
    BodySender, Client, DEFAULT_TIMEOUT, Payload, Request, Response, StreamingResponse, Tracer,
    channel_body, check_base_url, is_loopback, root_cause,
};
pub use error::{ApiError, http_reason};

use reqwest::{Method, Url};
use serde::Deserialize;

/// The API base of the hosted Skene Cloud.
pub const DEFAULT_API_BASE: &str = "https://www.skene.ai/api/v1";
/// Appended to an upstream's origin to make its API base.
pub const API_PATH: &str = "/api/v1";

pub mod paths {
    pub const ME: &str = "/me";
    pub const PUSH: &str = "/push";
    pub fn api_key(id: &str) -> String {
        format!("/api-keys/{}", super::encode_segment(id))
    }
}

/// Percent-encodes one path segment.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A workspace URL as users give it: `https://www.skene.ai/workspace/my-app`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    /// `scheme://host[:port]`
    pub origin: String,
    /// The path segment after `/workspace/`, when there is one.
    pub slug: Option<String>,
}

impl Upstream {
    pub fn parse(raw: &str) -> Result<Self, ApiError> {
        let url = Url::parse(raw.trim()).map_err(|e| ApiError::BadUrl {
            url: raw.to_owned(),
            reason: e.to_string(),
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(ApiError::BadUrl {
                url: raw.to_owned(),
                reason: "expected a URL like https://www.skene.ai/workspace/my-app".into(),
            });
        }
        let mut segments = url.path_segments().into_iter().flatten();
        let slug = segments
            .by_ref()
            .find(|s| *s == "workspace")
            .and_then(|_| segments.next())
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        Ok(Self {
            origin: url.origin().ascii_serialization(),
            slug,
        })
    }

    /// From an API base: its origin, with `/api/v1` dropped.
    pub fn from_api_base(base: &Url) -> Self {
        Self {
            origin: base.origin().ascii_serialization(),
            slug: None,
        }
    }

    /// The API base: the origin + `/api/v1`.
    pub fn api_base(&self) -> String {
        format!("{}{API_PATH}", self.origin)
    }

    pub fn workspace_url(&self, slug: &str) -> String {
        format!("{}/workspace/{slug}", self.origin)
    }

    /// Where keys are made in the dashboard.
    pub fn api_keys_page(&self, slug: Option<&str>) -> String {
        match slug {
            Some(slug) => format!("{}/workspace/{slug}/apikeys", self.origin),
            None => self.origin.clone(),
        }
    }
}

/// `GET /me`. Every field may be missing.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Me {
    #[serde(default)]
    pub user: Option<MeUser>,
    #[serde(default)]
    pub workspace: Option<MeWorkspace>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub key: Option<MeKey>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MeUser {
    pub id: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MeWorkspace {
    pub id: Option<String>,
    pub slug: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct MeKey {
    pub id: Option<String>,
    pub name: Option<String>,
    pub prefix: Option<String>,
}

impl Client {
    /// Validates the key: `GET /me`.
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.send(&Request::new(Method::GET, paths::ME))
            .await?
            .json()
    }

    /// Revokes a key: `DELETE /api-keys/{id}`.
    pub async fn delete_api_key(&self, id: &str) -> Result<(), ApiError> {
        self.send(&Request::new(Method::DELETE, paths::api_key(id)))
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_gives_origin_slug_and_api_base() {
        let u = Upstream::parse("https://eu.example.com/workspace/x/settings").unwrap();
        assert_eq!(u.origin, "https://eu.example.com");
        assert_eq!(u.slug.as_deref(), Some("x"));
        assert_eq!(u.api_base(), "https://eu.example.com/api/v1");
        let u = Upstream::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(u.api_base(), "http://127.0.0.1:8080/api/v1");
        assert_eq!(u.slug, None);
        assert!(Upstream::parse("www.skene.ai/workspace/x").is_err());
    }

    #[test]
    fn me_tolerates_missing_and_extra_fields() {
        let me: Me = serde_json::from_str(r#"{"role": "owner", "extra": 1, "user": {}}"#).unwrap();
        assert_eq!(me.role.as_deref(), Some("owner"));
        let _: Me = serde_json::from_str("{}").unwrap();
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(paths::api_key("key_1"), "/api-keys/key_1");
        assert_eq!(paths::api_key("a/b c"), "/api-keys/a%2Fb%20c");
    }
}
