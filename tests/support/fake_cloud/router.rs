//! The route table: which handler answers a method and path, and who may call
//! it. A route is a method, a path pattern (`/api/v1/members/{id}`: a `{name}`
//! segment matches any one segment), an [`Auth`] rule, and a handler that gets a
//! [`Call`] with the request, the captured segments, the caller's workspace and
//! the whole [`Cloud`] state (locked while the handler runs, so handlers are
//! plain functions; a streaming answer goes on in a task of its own, see
//! [`super::transport::stream`]).

use std::sync::Arc;

use serde_json::{Value, json};

use super::state::{Cloud, KeyInfo, Workspace};
use super::transport::{self, API_PREFIX, Conn, Recorded, Resp, Shared};

/// Who may call a route. The check runs before the handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// Anyone (a browser page, a health check).
    Public,
    /// A known workspace key in `Authorization: Bearer`; 401 otherwise.
    Key,
    /// A key whose role is `owner`; 401 for an unknown key, 403 for a member.
    Owner,
    /// `x-skene-secret` equal to a workspace's proxy secret; 401 otherwise.
    ProxySecret,
}

pub type Handler = Arc<dyn Fn(&mut Call<'_>) -> Resp + Send + Sync>;

#[derive(Clone)]
pub struct Route {
    pub method: String,
    /// The whole path from the origin, e.g. `/api/v1/members/{id}` or `/auth`.
    pub pattern: String,
    pub auth: Auth,
    pub handler: Handler,
}

impl Route {
    /// A route below the API base: `Route::api("GET", "/logs", Auth::Key, logs)`.
    pub fn api(
        method: &str,
        pattern: &str,
        auth: Auth,
        handler: impl Fn(&mut Call<'_>) -> Resp + Send + Sync + 'static,
    ) -> Self {
        Self::root(method, &format!("{API_PREFIX}{pattern}"), auth, handler)
    }

    /// A route at the origin, outside the API (e.g. the browser login's `/auth`).
    pub fn root(
        method: &str,
        pattern: &str,
        auth: Auth,
        handler: impl Fn(&mut Call<'_>) -> Resp + Send + Sync + 'static,
    ) -> Self {
        Self {
            method: method.to_owned(),
            pattern: pattern.to_owned(),
            auth,
            handler: Arc::new(handler),
        }
    }

    /// The captured `{name}` segments when `method` and `path` match.
    fn matches(&self, method: &str, path: &str) -> Option<Vec<(String, String)>> {
        if !self.method.eq_ignore_ascii_case(method) {
            return None;
        }
        let want: Vec<&str> = self.pattern.split('/').collect();
        let got: Vec<&str> = path.split('/').collect();
        if want.len() != got.len() {
            return None;
        }
        let mut params = Vec::new();
        for (w, g) in want.iter().zip(&got) {
            match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                Some(name) if !g.is_empty() => params.push((name.to_owned(), (*g).to_owned())),
                Some(_) => return None,
                None if w == g => {}
                None => return None,
            }
        }
        Some(params)
    }
}

/// One request on its way through a handler.
pub struct Call<'a> {
    pub req: &'a Recorded,
    /// The `{name}` segments of the pattern.
    pub params: Vec<(String, String)>,
    pub cloud: &'a mut Cloud,
    /// The workspace the key or proxy secret belongs to (`None` for [`Auth::Public`]).
    pub slug: Option<String>,
    /// The key's owner ([`Auth::Key`] and [`Auth::Owner`] only).
    pub caller: Option<KeyInfo>,
    pub conn: Conn,
}

impl Call<'_> {
    /// A `{name}` segment of the pattern.
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("the route has no {{{name}}} segment"))
    }

    /// The caller's workspace. Panics on a [`Auth::Public`] route.
    pub fn workspace(&mut self) -> &mut Workspace {
        let slug = self.slug.clone().expect("an authenticated route");
        self.cloud.workspace_mut(&slug)
    }

    /// The key's owner. Panics on a route that takes no key.
    pub fn me(&self) -> &KeyInfo {
        self.caller.as_ref().expect("a route with Auth::Key")
    }
}

/// An error answer in the contract's `{"error": {"code", "message"}}` shape.
pub fn error(status: u16, code: &str, message: &str) -> Resp {
    transport::json(status, json!({"error": {"code": code, "message": message}}))
}

fn unauthorized() -> Resp {
    error(401, "unauthorized", "invalid API key")
}

fn bearer(req: &Recorded) -> Option<&str> {
    req.header("authorization")?.strip_prefix("Bearer ")
}

/// Answers a request no fault took: the first matching route, after its
/// [`Auth`] check; 401 for an unknown key anywhere below the API base, else 404.
pub(super) fn dispatch(shared: &Shared, req: &Recorded, conn: &Conn) -> Resp {
    let found = shared.routes.lock().unwrap().iter().find_map(|r| {
        r.matches(&req.method, &req.full_path)
            .map(|params| (r.auth, r.handler.clone(), params))
    });
    let mut cloud = shared.cloud.lock().unwrap();
    let key = bearer(req).and_then(|k| cloud.find_key(k)).cloned();
    let Some((auth, handler, params)) = found else {
        return if req.full_path.starts_with(API_PREFIX) && key.is_none() {
            unauthorized()
        } else {
            error(404, "not_found", "no such route")
        };
    };
    let (slug, caller) = match auth {
        Auth::Public => (None, None),
        Auth::Key | Auth::Owner => match key {
            None => return unauthorized(),
            Some(k) if auth == Auth::Owner && k.role != "owner" => {
                return error(403, "forbidden", "only the workspace owner may do this");
            }
            Some(k) => (Some(k.workspace.clone()), Some(k)),
        },
        Auth::ProxySecret => {
            let secret = req.header("x-skene-secret").unwrap_or_default();
            match cloud
                .workspaces
                .iter()
                .find(|w| !secret.is_empty() && w.proxy_secret.as_deref() == Some(secret))
            {
                Some(w) => (Some(w.slug.clone()), None),
                None => return error(401, "unauthorized", "invalid proxy secret"),
            }
        }
    };
    let mut call = Call {
        req,
        params,
        cloud: &mut cloud,
        slug,
        caller,
        conn: conn.clone(),
    };
    handler(&mut call)
}

/// A list page: `cursor` is an offset, `limit` at most `page_size`.
pub fn page(items: &[Value], req: &Recorded, page_size: usize) -> Resp {
    let start: usize = req
        .query_param("cursor")
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let limit: usize = req
        .query_param("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(page_size)
        .min(page_size);
    let end = (start + limit).min(items.len());
    let next = (end < items.len()).then(|| end.to_string());
    transport::json(
        200,
        json!({"data": items[start.min(items.len())..end], "next_cursor": next}),
    )
}
