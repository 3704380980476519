//! Paged lists: `{"data": [...], "next_cursor": "…" | null}`, followed until the
//! end, a limit, or a server whose paging never ends or whose list is too large
//! to hold.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeOwned, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::{ApiError, Client, Request, encode_segment};

/// The most pages one list may take.
pub const MAX_PAGES: usize = 1_000;
/// The most items one list may hold (checked on every page, before the items
/// are built: three bytes of `{},` can cost hundreds once deserialized).
pub const MAX_ITEMS: usize = 100_000;
/// The most bytes of answers one list may take, all its pages together.
pub const MAX_LIST_BYTES: usize = 32 * 1024 * 1024;

/// One page of a list.
#[derive(Debug, Clone, Deserialize)]
pub struct Page<T> {
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    #[serde(default)]
    pub next_cursor: Option<String>,
}

impl Client {
    /// One page and the size of the answer that held it. A page of more than
    /// [`MAX_ITEMS`] items is refused before its items are built.
    async fn sized_page<T: DeserializeOwned>(
        &self,
        path: &str,
        cursor: Option<&str>,
        query: &[(&str, String)],
    ) -> Result<SizedPage<T>, ApiError> {
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
        let resp = self.send(&Request::get(target)).await?;
        if count_items(&resp.body) > MAX_ITEMS {
            return Err(ApiError::ListTooLarge { url: resp.url });
        }
        let page = resp.json()?;
        Ok(SizedPage {
            page,
            bytes: resp.body.len(),
        })
    }

    /// One page of `path`, from `cursor`, with extra query parameters.
    pub async fn page<T: DeserializeOwned>(
        &self,
        path: &str,
        cursor: Option<&str>,
        query: &[(&str, String)],
    ) -> Result<Page<T>, ApiError> {
        Ok(self.sized_page(path, cursor, query).await?.page)
    }

    /// Every item of a paged list, following `next_cursor` until it is null or
    /// `limit` items were read. A cursor seen before or more than [`MAX_PAGES`]
    /// pages is a server whose paging does not end; more than [`MAX_ITEMS`] items
    /// or [`MAX_LIST_BYTES`] bytes is a list too large to hold.
    pub async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        limit: Option<usize>,
    ) -> Result<Vec<T>, ApiError> {
        let url = self.url_for(path);
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        let mut budget = ListBudget::default();
        loop {
            let mut query = Vec::new();
            if let Some(l) = limit {
                query.push(("limit", (l - items.len()).min(100).to_string()));
            }
            let sized: SizedPage<T> = self.sized_page(path, cursor.as_deref(), &query).await?;
            budget.take(&url, sized.page.data.len(), sized.bytes)?;
            items.extend(sized.page.data);
            if let Some(l) = limit
                && items.len() >= l
            {
                items.truncate(l);
                break;
            }
            let Some(next) = sized.page.next_cursor.filter(|c| !c.is_empty()) else {
                break;
            };
            budget.follow(&url, &next)?;
            cursor = Some(next);
        }
        Ok(items)
    }
}

/// A page and the bytes of the answer it came in.
struct SizedPage<T> {
    page: Page<T>,
    bytes: usize,
}

/// What one list has taken so far, against the bounds of a list.
#[derive(Debug, Default)]
pub struct ListBudget {
    pages: usize,
    items: usize,
    bytes: usize,
    seen: HashSet<String>,
}

impl ListBudget {
    /// Counts a page of `items` items that came in `bytes` bytes; past
    /// [`MAX_ITEMS`] or [`MAX_LIST_BYTES`], the list at `url` is too large.
    pub fn take(&mut self, url: &str, items: usize, bytes: usize) -> Result<(), ApiError> {
        self.pages += 1;
        self.items = self.items.saturating_add(items);
        self.bytes = self.bytes.saturating_add(bytes);
        if self.items > MAX_ITEMS || self.bytes > MAX_LIST_BYTES {
            return Err(ApiError::ListTooLarge {
                url: url.to_owned(),
            });
        }
        Ok(())
    }

    /// Whether to follow `next`: a cursor seen before, or a page past
    /// [`MAX_PAGES`], is paging that does not end.
    pub fn follow(&mut self, url: &str, next: &str) -> Result<(), ApiError> {
        if !self.seen.insert(next.to_owned()) || self.pages >= MAX_PAGES {
            return Err(ApiError::PagingLoop {
                url: url.to_owned(),
                pages: self.pages,
            });
        }
        Ok(())
    }
}

/// How many items the `data` array of a page holds, counted without building
/// them (0 when the body is not a page: reading it as one then says why).
pub fn count_items(body: &[u8]) -> usize {
    #[derive(Deserialize)]
    struct Counted {
        #[serde(default, deserialize_with = "count_seq")]
        data: usize,
    }
    serde_json::from_slice::<Counted>(body).map_or(0, |c| c.data)
}

fn count_seq<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    struct Count;
    impl<'de> Visitor<'de> for Count {
        type Value = usize;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_unit<E>(self) -> Result<usize, E> {
            Ok(0)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n = 0usize;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                n += 1;
            }
            Ok(n)
        }
    }
    d.deserialize_any(Count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_counted_without_being_built() {
        assert_eq!(
            count_items(br#"{"data": [{}, {"a": [1]}, 3], "next_cursor": null}"#),
            3
        );
        assert_eq!(count_items(br#"{"next_cursor": "x", "data": []}"#), 0);
        assert_eq!(count_items(br#"{"data": null}"#), 0);
        assert_eq!(count_items(b"not json"), 0);
        let many = format!(r#"{{"data": [{}{{}}]}}"#, "{},".repeat(MAX_ITEMS));
        assert_eq!(count_items(many.as_bytes()), MAX_ITEMS + 1);
    }

    #[test]
    fn a_list_is_bounded_in_items_bytes_and_pages() {
        let mut b = ListBudget::default();
        assert!(b.take("u", MAX_ITEMS, 10).is_ok());
        assert!(matches!(
            b.take("u", 1, 10),
            Err(ApiError::ListTooLarge { .. })
        ));
        let mut b = ListBudget::default();
        assert!(matches!(
            b.take("u", 1, MAX_LIST_BYTES + 1),
            Err(ApiError::ListTooLarge { .. })
        ));
        let mut b = ListBudget::default();
        b.take("u", 1, 1).unwrap();
        b.follow("u", "A").unwrap();
        b.take("u", 1, 1).unwrap();
        assert!(matches!(
            b.follow("u", "A"),
            Err(ApiError::PagingLoop { pages: 2, .. })
        ));
    }
}
