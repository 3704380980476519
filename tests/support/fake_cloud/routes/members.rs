//! `/members`: the workspace's members and invitations (owners change them).

use serde_json::json;

use super::super::router::{Auth, Call, Route, error, page};
use super::super::transport::{self, Resp};
use super::idempotent;

pub fn routes() -> Vec<Route> {
    vec![
        Route::api("GET", "/members", Auth::Key, list),
        Route::api("POST", "/members/invitations", Auth::Owner, invite),
        Route::api(
            "POST",
            "/members/{id}/transfer-ownership",
            Auth::Owner,
            transfer,
        ),
        Route::api("DELETE", "/members/{id}", Auth::Owner, remove),
    ]
}

fn list(call: &mut Call<'_>) -> Resp {
    let size = call.cloud.page_size;
    let items = call.workspace().members.clone();
    page(&items, call.req, size)
}

fn invite(call: &mut Call<'_>) -> Resp {
    idempotent(call, |call| {
        let v = call.req.json();
        let email = v["email"].as_str().unwrap_or_default().to_owned();
        if !email.contains('@') {
            return (
                422,
                json!({"error": {"code": "invalid_email", "message": "not an email address"}}),
            );
        }
        if call
            .workspace()
            .members
            .iter()
            .any(|m| m["email"] == email.as_str())
        {
            return (
                409,
                json!({"error": {"code": "already_member", "message": "already a member or invited"}}),
            );
        }
        let id = call.cloud.next_id();
        let member = json!({"id": format!("mem_{id}"), "email": email, "name": null,
                            "role": v["role"].as_str().unwrap_or("member"), "status": "invited",
                            "invited_at": "2026-11-27T10:00:00Z"});
        call.workspace().members.push(member.clone());
        (201, member)
    })
}

fn transfer(call: &mut Call<'_>) -> Resp {
    let id = call.param("id").to_owned();
    let me = call.me().email.clone();
    let ws = call.workspace();
    let Some(target) = ws.members.iter().position(|m| m["id"] == id.as_str()) else {
        return error(404, "not_found", "no such member");
    };
    let target_email = ws.members[target]["email"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for m in ws.members.iter_mut() {
        if m["email"] == me.as_str() {
            m["role"] = json!("member");
        }
    }
    ws.members[target]["role"] = json!("owner");
    for (_, k) in ws.keys.iter_mut() {
        if k.email == me {
            k.role = "member".into();
        } else if k.email == target_email {
            k.role = "owner".into();
        }
    }
    transport::json(200, json!({"data": ws.members, "next_cursor": null}))
}

fn remove(call: &mut Call<'_>) -> Resp {
    let id = call.param("id").to_owned();
    let ws = call.workspace();
    match ws.members.iter().position(|m| m["id"] == id.as_str()) {
        Some(i) if ws.members[i]["role"] == "owner" => error(
            409,
            "owner_cannot_be_removed",
            "the owner cannot be removed",
        ),
        Some(i) => {
            ws.members.remove(i);
            transport::respond(204, "", &[])
        }
        None => error(404, "not_found", "no such member"),
    }
}
