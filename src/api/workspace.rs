//! The workspace administration endpoints (assumed by the contract): members, API
//! keys, allowed origins, integrations. Paths and field names live here alone.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{ApiError, Client, Method, Page, Request, encode_segment};

pub mod paths {
    pub const MEMBERS: &str = "/members";
    pub const INVITATIONS: &str = "/members/invitations";
    pub const API_KEYS: &str = "/api-keys";
    pub const ALLOWED_ORIGINS: &str = "/allowed-origins";
    pub const INTEGRATIONS: &str = "/integrations";
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Member {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeyRecord {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub last_used_at: Option<String>,
    #[serde(default)]
    pub created_by: Option<String>,
}

/// `POST /api-keys`: the only answer that holds a key's secret.
#[derive(Clone, Deserialize)]
pub struct CreatedKey {
    #[serde(flatten)]
    pub record: KeyRecord,
    pub key: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Integration {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Origins {
    #[serde(default)]
    origins: Vec<String>,
}

impl Client {
    pub async fn members(&self, limit: Option<usize>) -> Result<Vec<Member>, ApiError> {
        self.list_all(paths::MEMBERS, limit).await
    }

    pub async fn invite(
        &self,
        email: &str,
        role: &str,
        idempotency_key: String,
    ) -> Result<Member, ApiError> {
        let mut req = Request::new(Method::POST, paths::INVITATIONS)
            .json(&json!({"email": email, "role": role}));
        req.idempotency_key = Some(idempotency_key);
        self.send(&req).await?.json()
    }

    pub async fn remove_member(&self, id: &str) -> Result<(), ApiError> {
        let path = format!("{}/{}", paths::MEMBERS, encode_segment(id));
        self.send(&Request::new(Method::DELETE, path))
            .await
            .map(drop)
    }

    pub async fn transfer_ownership(&self, id: &str) -> Result<(), ApiError> {
        let path = format!(
            "{}/{}/transfer-ownership",
            paths::MEMBERS,
            encode_segment(id)
        );
        // Not safe to repeat blindly, so no retries: the caller checks the result.
        self.send(&Request::new(Method::POST, path)).await.map(drop)
    }

    pub async fn api_keys(&self, limit: Option<usize>) -> Result<Vec<KeyRecord>, ApiError> {
        self.list_all(paths::API_KEYS, limit).await
    }

    pub async fn create_api_key(
        &self,
        name: &str,
        idempotency_key: String,
    ) -> Result<CreatedKey, ApiError> {
        let mut req = Request::new(Method::POST, paths::API_KEYS).json(&json!({"name": name}));
        req.idempotency_key = Some(idempotency_key);
        self.send(&req).await?.json()
    }

    /// Revokes a key: `DELETE /api-keys/{id}`.
    pub async fn delete_api_key(&self, id: &str) -> Result<(), ApiError> {
        let path = format!("{}/{}", paths::API_KEYS, encode_segment(id));
        self.send(&Request::new(Method::DELETE, path))
            .await
            .map(drop)
    }

    pub async fn allowed_origins(&self) -> Result<Vec<String>, ApiError> {
        let o: Origins = self
            .send(&Request::get(paths::ALLOWED_ORIGINS))
            .await?
            .json()?;
        Ok(o.origins)
    }

    pub async fn set_allowed_origins(&self, origins: &[String]) -> Result<Vec<String>, ApiError> {
        let req =
            Request::new(Method::PUT, paths::ALLOWED_ORIGINS).json(&json!({"origins": origins}));
        let o: Origins = self.send(&req).await?.json()?;
        Ok(o.origins)
    }

    pub async fn integrations(&self) -> Result<Vec<Integration>, ApiError> {
        let page: Page<Integration> = self
            .send(&Request::get(paths::INTEGRATIONS))
            .await?
            .json()?;
        Ok(page.data)
    }
}
