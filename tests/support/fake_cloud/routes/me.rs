//! `GET /me`: who a key belongs to.

use serde_json::json;

use super::super::router::{Auth, Call, Route};
use super::super::transport::{self, Resp};

pub fn routes() -> Vec<Route> {
    vec![Route::api("GET", "/me", Auth::Key, me)]
}

fn me(call: &mut Call<'_>) -> Resp {
    let me = call.me().clone();
    let ws = call.workspace();
    transport::json(
        200,
        json!({
            "user": {"id": "usr_1", "email": me.email, "name": me.user_name},
            "workspace": {"id": "ws_1", "slug": ws.slug, "name": ws.name},
            "role": me.role,
            "key": {"id": me.id, "name": me.name, "prefix": "sk_ws_test"},
            "unknown_field": true
        }),
    )
}
