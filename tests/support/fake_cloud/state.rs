//! What the fake cloud holds: workspaces, each with its own keys, members,
//! origins, integrations, pushes, logs and ingested events; plus what is shared
//! across them (idempotency answers, the id counter, scripted chat answers).

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

use super::routes::chat::ChatReply;

/// A key the fake server accepts, and who it belongs to.
#[derive(Debug, Clone)]
pub struct KeyInfo {
    pub id: String,
    pub name: String,
    /// The slug of the workspace the key belongs to.
    pub workspace: String,
    /// The workspace's name, used when [`super::FakeCloud::add_key`] creates it.
    pub workspace_name: String,
    pub email: String,
    pub user_name: String,
    pub role: String,
}

impl KeyInfo {
    pub fn new(id: &str, workspace: &str, email: &str, role: &str) -> Self {
        Self {
            id: id.into(),
            name: format!("{id} name"),
            workspace: workspace.into(),
            workspace_name: format!("Workspace {workspace}"),
            email: email.into(),
            user_name: email.split('@').next().unwrap_or("user").into(),
            role: role.into(),
        }
    }
}

/// One workspace and everything in it.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub slug: String,
    pub name: String,
    /// `(secret, key)` in the order they were made.
    pub keys: Vec<(String, KeyInfo)>,
    /// Members and invitations, in the server's order.
    pub members: Vec<Value>,
    pub origins: Vec<String>,
    pub integrations: Vec<Value>,
    /// Package checksums already pushed, and the last content of each path.
    pub pushed: Vec<String>,
    pub contents: HashMap<String, String>,
    /// Log entries in the order they were appended (see `routes::logs`).
    pub logs: Vec<Value>,
    /// Bodies accepted by `POST /cloud/ingest/db-trigger`, duplicates left out.
    pub ingested: Vec<Value>,
    /// The `x-skene-secret` the ingest endpoint accepts for this workspace.
    pub proxy_secret: Option<String>,
}

impl Workspace {
    pub fn new(slug: &str, name: &str) -> Self {
        Self {
            slug: slug.into(),
            name: name.into(),
            ..Self::default()
        }
    }
}

/// The whole cloud.
#[derive(Debug)]
pub struct Cloud {
    pub workspaces: Vec<Workspace>,
    /// How many items a members/keys page holds at most.
    pub page_size: usize,
    /// How many log entries a `/logs` page holds at most.
    pub logs_page_size: usize,
    /// `/logs` lists entries that share a time in the order they were appended
    /// (oldest first), where by default the last appended comes first.
    pub logs_ties_oldest_first: bool,
    /// How many `/logs` requests the routes have answered so far.
    pub logs_requests: usize,
    /// Entries to append to the caller's workspace just before the `n`-th `/logs`
    /// request (counting from 1) is answered: `(n, entry)`.
    pub logs_due: Vec<(usize, Value)>,
    /// Answers already given to an Idempotency-Key.
    pub idempotent: HashMap<String, (u16, Value)>,
    pub next_id: usize,
    /// Scripted answers for the next chat requests, in order.
    pub chat: VecDeque<ChatReply>,
    pub models: Vec<String>,
}

impl Default for Cloud {
    fn default() -> Self {
        Self {
            workspaces: Vec::new(),
            page_size: 2,
            logs_page_size: 50,
            logs_ties_oldest_first: false,
            logs_requests: 0,
            logs_due: Vec::new(),
            idempotent: HashMap::new(),
            next_id: 10,
            chat: VecDeque::new(),
            models: vec!["auto".into(), "fast".into()],
        }
    }
}

impl Cloud {
    /// The owner of a key secret, from any workspace.
    pub fn find_key(&self, secret: &str) -> Option<&KeyInfo> {
        self.workspaces
            .iter()
            .flat_map(|w| &w.keys)
            .find(|(s, _)| s == secret)
            .map(|(_, k)| k)
    }

    /// The workspace `slug`, made empty (named "Workspace {slug}") if it is new.
    pub fn workspace_mut(&mut self, slug: &str) -> &mut Workspace {
        let i = match self.workspaces.iter().position(|w| w.slug == slug) {
            Some(i) => i,
            None => {
                self.workspaces
                    .push(Workspace::new(slug, &format!("Workspace {slug}")));
                self.workspaces.len() - 1
            }
        };
        &mut self.workspaces[i]
    }

    /// A fresh number for ids (`key_11`, `mem_12`…), shared by all workspaces.
    pub fn next_id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }
}
