//! `/api-keys` and `/allowed-origins`: the workspace's keys and the browser
//! origins they may be used from.

use serde_json::json;

use super::super::router::{Auth, Call, Route, error, page};
use super::super::state::KeyInfo;
use super::super::transport::{self, Resp};
use super::idempotent;

pub fn routes() -> Vec<Route> {
    vec![
        Route::api("GET", "/api-keys", Auth::Key, list),
        Route::api("POST", "/api-keys", Auth::Owner, create),
        Route::api("DELETE", "/api-keys/{id}", Auth::Owner, delete),
        Route::api("GET", "/allowed-origins", Auth::Key, origins),
        Route::api("PUT", "/allowed-origins", Auth::Owner, set_origins),
    ]
}

fn list(call: &mut Call<'_>) -> Resp {
    let size = call.cloud.page_size;
    let items: Vec<_> = call
        .workspace()
        .keys
        .iter()
        .map(|(secret, k)| {
            json!({"id": k.id, "name": k.name, "prefix": &secret[..secret.len().min(12)],
                   "created_at": "2026-01-01T00:00:00Z", "last_used_at": null, "created_by": k.email})
        })
        .collect();
    page(&items, call.req, size)
}

fn create(call: &mut Call<'_>) -> Resp {
    idempotent(call, |call| {
        let v = call.req.json();
        let n = call.cloud.next_id();
        let id = format!("key_{n}");
        let secret = format!("sk_ws_CREATED{n:0>20}");
        let name = v["name"].as_str().unwrap_or("unnamed").to_owned();
        let me = call.me().clone();
        let mut info = KeyInfo::new(&id, &me.workspace, &me.email, &me.role);
        info.name = name.clone();
        call.workspace().keys.push((secret.clone(), info));
        (
            201,
            json!({"id": id, "name": name, "prefix": "sk_ws_CREA", "key": secret, "created_at": "2026-11-27T10:00:00Z"}),
        )
    })
}

fn delete(call: &mut Call<'_>) -> Resp {
    let id = call.param("id").to_owned();
    let ws = call.workspace();
    match ws.keys.iter().position(|(_, k)| k.id == id) {
        Some(i) => {
            ws.keys.remove(i);
            transport::respond(204, "", &[])
        }
        None => error(404, "not_found", "no such key"),
    }
}

fn origins(call: &mut Call<'_>) -> Resp {
    let origins = call.workspace().origins.clone();
    transport::json(200, json!({"origins": origins}))
}

fn set_origins(call: &mut Call<'_>) -> Resp {
    let v = call.req.json();
    let origins: Vec<String> = v["origins"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|o| o.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if let Some(bad) = origins
        .iter()
        .find(|o| !o.contains("://") || o.ends_with('/'))
    {
        return error(422, "invalid_origin", &format!("{bad} is not an origin"));
    }
    call.workspace().origins = origins.clone();
    transport::json(200, json!({"origins": origins}))
}
