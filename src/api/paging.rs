//! Paged lists: `{"data": [...], "next_cursor": "…" | null}`, followed until the
//! end, a limit, or a server whose paging never ends.

use std::collections::HashSet;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{ApiError, Client, Request, encode_segment};

/// The most pages one list may take.
pub const MAX_PAGES: usize = 1_000;
/// The most items one list may hold.
pub const MAX_ITEMS: usize = 100_000;

/// One page of a list.
#[derive(Debug, Clone, Deserialize)]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

impl Client {
    /// One page of `path`, from `cursor`, with extra query parameters.
    pub async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        cursor: Option<&str>,
        query: &[(&str, String)],
    ) -> Result<Page<T>, ApiError> {
        let mut parts: Vec<String> = query
            .iter()
            .map(|(k, v)| format!("{k}={}", encode_segment(v)))
            .collect();
        if let Some(c) = cursor {
            parts.push(format!("cursor={}", encode_segment(c)));
        }
        let target = if parts.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", parts.join("&"))
        };
        self.send(&Request::get(target)).await?.json()
    }

    /// Every item of a paged list, following `next_cursor` until it is null or
    /// `limit` items were read. A cursor seen before, more than [`MAX_PAGES`] pages
    /// or more than [`MAX_ITEMS`] items is a server whose paging does not end.
    pub async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        limit: Option<usize>,
    ) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        let mut seen = HashSet::new();
        let mut pages = 0;
        loop {
            let mut query = Vec::new();
            if let Some(l) = limit {
                query.push(("limit", (l - items.len()).min(100).to_string()));
            }
            let page: Page<T> = self.page(path, cursor.as_deref(), &query).await?;
            pages += 1;
            items.extend(page.data);
            if let Some(l) = limit
                && items.len() >= l
            {
                items.truncate(l);
                break;
            }
            let Some(next) = page.next_cursor.filter(|c| !c.is_empty()) else {
                break;
            };
            if !seen.insert(next.clone()) || pages >= MAX_PAGES || items.len() > MAX_ITEMS {
                return Err(ApiError::PagingLoop {
                    url: self.url_for(path),
                    pages,
                });
            }
            cursor = Some(next);
        }
        Ok(items)
    }
}
