//! `GET /me`: whose key this is.

use serde::Deserialize;

use super::{ApiError, Client, Request};

pub const PATH: &str = "/me";

/// `GET /me`. Every field may be missing from the server's answer.
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

impl Me {
    pub fn slug(&self) -> Option<&str> {
        self.workspace.as_ref().and_then(|w| w.slug.as_deref())
    }
}

impl Client {
    /// Validates the key: `GET /me`.
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.send(&Request::get(PATH)).await?.json()
    }

    /// `GET /me`, for a command that reports the login: an answer that does not
    /// name the workspace (`{}`) is no valid login, as for `skene login`.
    pub async fn me_with_workspace(&self) -> Result<Me, ApiError> {
        let me = self.me().await?;
        if me.slug().is_none_or(str::is_empty) {
            return Err(ApiError::Incomplete {
                status: 200,
                url: self.url_for(PATH),
                missing: "the workspace (workspace.slug)".into(),
            });
        }
        Ok(me)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn me_tolerates_missing_and_extra_fields() {
        let me: Me = serde_json::from_str(r#"{"role": "owner", "extra": 1, "user": {}}"#).unwrap();
        assert_eq!(me.role.as_deref(), Some("owner"));
        let _: Me = serde_json::from_str("{}").unwrap();
    }
}
