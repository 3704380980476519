//! `POST /push`: 201 with the paths whose content changed, or 200 noop for a
//! package checksum the workspace has seen before.

use serde_json::{Value, json};

use super::super::router::{Auth, Call, Route, error};
use super::super::transport::{self, Resp};

pub fn routes() -> Vec<Route> {
    vec![Route::api("POST", "/push", Auth::Key, push)]
}

fn push(call: &mut Call<'_>) -> Resp {
    let Ok(v) = serde_json::from_slice::<Value>(&call.req.body) else {
        return error(422, "invalid_body", "body is not JSON");
    };
    let Some(checksum) = v["manifest"]["package_checksum"].as_str() else {
        return transport::json(
            422,
            json!({"error": "manifest.package_checksum is missing"}),
        );
    };
    let ws = call.workspace();
    if ws.pushed.iter().any(|c| c == checksum) {
        return transport::json(200, json!({"status": "noop"}));
    }
    ws.pushed.push(checksum.to_owned());
    let files = v["files"].as_array().cloned().unwrap_or_default();
    let mut updated = Vec::new();
    for f in &files {
        let path = f["path"].as_str().unwrap_or_default().to_owned();
        let content = f["content"].as_str().unwrap_or_default().to_owned();
        if ws.contents.get(&path) != Some(&content) {
            updated.push(path.clone());
            ws.contents.insert(path, content);
        }
    }
    let id = format!("p_{}", ws.pushed.len());
    transport::json(
        201,
        json!({"push_id": id, "artifact_count": files.len(), "updated_paths": updated}),
    )
}
