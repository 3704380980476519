//! `GET /auth`: a stand-in for Skene Cloud's browser sign-in page (see the
//! "Browser login" section of `shared/api-contract.md`). The real page lets the
//! user sign in and pick a workspace, then hands the key to the `callback` of
//! its query; this one does it at once, in the way a test picks ([`Mode`]):
//! a redirect, a `fetch` with a JSON POST, or a fetch that reports an error.
//!
//! Not in the standard table: a test adds it with
//! `env.cloud.add_route(auth::page(AuthPage::redirect(OWNER_KEY, "my-app")))`.

use serde_json::json;

use super::super::router::{Auth, Call, Route};
use super::super::transport::{self, Resp};

/// How the page delivers the result.
#[derive(Debug, Clone)]
pub enum Mode {
    /// `302` to `callback?api_key=…&model=…&slug=…[&state=…]`.
    Redirect,
    /// A page whose script POSTs `{"api_key", "model", "slug"[, "state"]}` to the
    /// callback and writes the answer into `<p id="status">`.
    Fetch,
    /// The same page, POSTing `{"error": …}` (the user cancelled).
    Error(String),
}

#[derive(Debug, Clone)]
pub struct AuthPage {
    pub mode: Mode,
    pub key: String,
    pub slug: String,
    /// Whether the `state` of the page's query goes back to the callback (the
    /// real server's behaviour is not known: a client must handle both).
    pub echo_state: bool,
}

impl AuthPage {
    pub fn redirect(key: &str, slug: &str) -> Self {
        Self::new(Mode::Redirect, key, slug)
    }

    pub fn fetch(key: &str, slug: &str) -> Self {
        Self::new(Mode::Fetch, key, slug)
    }

    pub fn error(message: &str) -> Self {
        Self::new(Mode::Error(message.into()), "", "")
    }

    fn new(mode: Mode, key: &str, slug: &str) -> Self {
        Self {
            mode,
            key: key.into(),
            slug: slug.into(),
            echo_state: true,
        }
    }

    /// The page forgets the `state`.
    pub fn without_state(mut self) -> Self {
        self.echo_state = false;
        self
    }
}

/// The `/auth` route serving `page`.
pub fn page(page: AuthPage) -> Route {
    Route::root("GET", "/auth", Auth::Public, move |call| {
        render(&page, call)
    })
}

/// The decoded query parameter `name`.
fn param(call: &Call<'_>, name: &str) -> Option<String> {
    let query = call.req.query.as_deref()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

fn render(page: &AuthPage, call: &mut Call<'_>) -> Resp {
    let Some(callback) = param(call, "callback") else {
        return transport::respond(400, "no callback", &[]);
    };
    // As the real page surely does: a key goes to a loopback callback only.
    if !callback.starts_with("http://localhost:") || !callback.ends_with("/callback") {
        return transport::respond(
            400,
            "the callback must be http://localhost:<port>/callback",
            &[],
        );
    }
    let state = param(call, "state").filter(|_| page.echo_state);
    match &page.mode {
        Mode::Redirect => {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            query
                .append_pair("api_key", &page.key)
                .append_pair("model", "auto")
                .append_pair("slug", &page.slug);
            if let Some(s) = &state {
                query.append_pair("state", s);
            }
            let location = format!("{callback}?{}", query.finish());
            transport::respond(302, "", &[("location", &location)])
        }
        Mode::Fetch => {
            let mut body = json!({"api_key": page.key, "model": "auto", "slug": page.slug});
            if let Some(s) = &state {
                body["state"] = json!(s);
            }
            fetch_page(&callback, &body)
        }
        Mode::Error(message) => {
            let mut body = json!({"error": message});
            if let Some(s) = &state {
                body["state"] = json!(s);
            }
            fetch_page(&callback, &body)
        }
    }
}

/// A page that POSTs `body` to `callback` and shows the answer.
fn fetch_page(callback: &str, body: &serde_json::Value) -> Resp {
    // JSON is JavaScript; `<` escaped so that nothing closes the script.
    let js = |v: &serde_json::Value| v.to_string().replace('<', "\\u003c");
    let html = format!(
        r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Skene sign-in (fake)</title></head>
<body><p id="status">Signing in</p>
<script>
const out = document.getElementById("status");
fetch({callback}, {{method: "POST", headers: {{"Content-Type": "application/json"}}, body: JSON.stringify({body})}})
  .then(async (r) => {{
    const text = await r.text();
    let said = text;
    try {{ const v = JSON.parse(text); said = v.message || v.error || text; }} catch (e) {{}}
    out.textContent = (r.ok ? "OK: " : "FAILED " + r.status + ": ") + said;
  }})
  .catch((e) => {{ out.textContent = "FETCH ERROR: " + e; }});
</script></body></html>
"#,
        callback = js(&json!(callback)),
        body = js(body),
    );
    transport::respond(200, html, &[("content-type", "text/html; charset=utf-8")])
}
