//! `skene api` answers read whole (for `--jq`) and `--paginate`: every page of a
//! list, following `next_cursor`, as one JSON array.

use serde_json::Value;

use crate::api::{ApiError, Client, HeaderName, HeaderValue, ListBudget, Request, count_items};
use crate::error::CliError;
use crate::output::Printer;

/// The whole 2xx body of `req`, at most [`crate::api::JSON_LIMIT`] bytes. Any
/// other answer is printed as it is and ends the command as `skene api` does.
/// A server silent for longer than the timeout setting ends it.
pub async fn whole(p: &Printer, client: &Client, req: &Request) -> anyhow::Result<Vec<u8>> {
    let mut req = req.clone();
    req.idle_timeout = Some(client.timeout());
    let mut resp = client.open_any(&req).await?;
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await? {
        if body.len() + chunk.len() > crate::api::JSON_LIMIT {
            return Err(CliError::failure(format!(
                "the answer of {} is over {} MiB, too large for --jq or --paginate",
                resp.url,
                crate::api::JSON_LIMIT >> 20
            ))
            .hint("drop --jq and --paginate to stream it as it is")
            .into());
        }
        body.extend_from_slice(&chunk);
    }
    if (200..300).contains(&resp.status) {
        return Ok(body);
    }
    p.raw(&body)?;
    if body.last().is_some_and(|b| *b != b'\n') {
        p.diagnostic("");
    }
    Err(super::status_error(resp.status, &resp.url).into())
}

/// `path` with `cursor=…` added to its query.
fn with_cursor(path: &str, cursor: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}cursor={}", crate::api::encode_segment(cursor))
}

/// Every item of the paged list at `path` (`{"data": [...], "next_cursor": …}`),
/// as one JSON array, within the bounds of one list ([`ListBudget`]): a cursor
/// seen before or too many pages is paging that does not end; too many items
/// (counted before a page's items are built) or bytes is a list too large to hold.
pub async fn all(
    p: &Printer,
    client: &Client,
    path: &str,
    headers: &[(HeaderName, HeaderValue)],
) -> anyhow::Result<Vec<u8>> {
    let url = client.url_for(path);
    let mut items: Vec<Value> = Vec::new();
    let mut budget = ListBudget::default();
    let mut cursor: Option<String> = None;
    loop {
        let target = match &cursor {
            Some(c) => with_cursor(path, c),
            None => path.to_owned(),
        };
        let mut req = Request::get(target.clone());
        req.headers = headers.to_vec();
        let body = whole(p, client, &req).await?;
        budget.take(&url, count_items(&body), body.len())?;
        let page: Value = serde_json::from_slice(&body).map_err(|_| ApiError::NotJson {
            status: 200,
            url: client.url_for(&target),
        })?;
        let Some(data) = page.get("data").and_then(Value::as_array) else {
            return Err(CliError::usage(format!(
                "{} is not a paged list: --paginate needs {{\"data\": [...], \"next_cursor\": …}}",
                client.url_for(&target)
            ))
            .hint("drop --paginate for an answer of another shape")
            .into());
        };
        items.extend(data.iter().cloned());
        let next = page
            .get("next_cursor")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty());
        let Some(next) = next else {
            break;
        };
        budget.follow(&url, next)?;
        cursor = Some(next.to_owned());
    }
    Ok(serde_json::to_vec(&Value::Array(items))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_joins_the_query() {
        assert_eq!(with_cursor("/members", "c 2"), "/members?cursor=c%202");
        assert_eq!(
            with_cursor("/members?limit=2", "c2"),
            "/members?limit=2&cursor=c2"
        );
    }
}
