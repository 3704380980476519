//! The standard world most tests start from (`support::Env` seeds it): the
//! workspace `my-app` with an owner key, a member key, five members and
//! invitations, an allowed origin, two integrations and a proxy secret; and the
//! workspace `other-app`, whose owner is the same person.

use serde_json::json;

use super::FakeCloud;
use super::state::{KeyInfo, Workspace};

pub const OWNER_KEY: &str = "sk_ws_TESTowner0000000000000000001";
pub const MEMBER_KEY: &str = "sk_ws_TESTmember000000000000000002";
pub const OTHER_WS_KEY: &str = "sk_ws_TESTother00000000000000000003";
/// `x-skene-secret` of `my-app`'s ingest endpoint.
pub const PROXY_SECRET: &str = "psk_TESTmyapp000000000000000000004";

pub fn standard(cloud: &FakeCloud) {
    let mut my_app = Workspace::new("my-app", "Workspace my-app");
    my_app.members = vec![
        json!({"id": "mem_2", "email": "bob@example.com", "name": "Bob", "role": "member", "status": "active", "joined_at": "2026-02-01T09:00:00Z"}),
        json!({"id": "mem_1", "email": "ada@example.com", "name": "Ada", "role": "owner", "status": "active", "joined_at": "2026-01-05T10:00:00Z"}),
        json!({"id": "mem_3", "email": "cy@example.com", "name": null, "role": "member", "status": "invited", "invited_at": "2026-03-03T12:00:00Z"}),
        json!({"id": "mem_4", "email": "dee@example.com", "name": "Dee", "role": "member", "status": "active", "joined_at": "2026-04-04T08:30:00Z"}),
        json!({"id": "mem_5", "email": "eve@example.com", "name": "Eve", "role": "member", "status": "active", "joined_at": "2026-05-05T08:30:00Z"}),
    ];
    my_app.origins = vec!["https://app.example.com".into()];
    my_app.integrations = vec![
        json!({"type": "supabase", "status": "connected", "project_ref": "abcd1234", "project_name": "prod", "access_mode": "read-write"}),
        json!({"type": "github", "status": "not_connected"}),
    ];
    my_app.proxy_secret = Some(PROXY_SECRET.into());
    cloud.add_workspace(my_app);

    let mut other = Workspace::new("other-app", "Workspace other-app");
    other.members = vec![
        json!({"id": "mem_6", "email": "ada@example.com", "name": "Ada", "role": "owner", "status": "active", "joined_at": "2026-01-06T10:00:00Z"}),
    ];
    cloud.add_workspace(other);

    cloud.add_key(
        OWNER_KEY,
        KeyInfo::new("key_owner", "my-app", "ada@example.com", "owner"),
    );
    cloud.add_key(
        MEMBER_KEY,
        KeyInfo::new("key_member", "my-app", "bob@example.com", "member"),
    );
    cloud.add_key(
        OTHER_WS_KEY,
        KeyInfo::new("key_other", "other-app", "ada@example.com", "owner"),
    );
}
