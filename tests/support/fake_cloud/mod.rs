//! A fake Skene Cloud on 127.0.0.1:0, in three layers:
//!
//! - [`transport`]: the hyper server (plain or TLS), one record per request and
//!   per TCP connection, and scripted faults that answer before any route: a
//!   status, a delay, `Retry-After`, an HTML page, a dropped connection, a held
//!   body, an outage ([`FakeCloud::script`], [`FakeCloud::set_outage`]);
//!   streamed bodies with pauses ([`transport::stream`]).
//! - [`router`]: the route table (method, path pattern, [`Auth`] rule, handler).
//! - [`routes`]: the endpoints of `shared/api-contract.md`, one file per group,
//!   over [`state`]: workspaces, each with its own keys, members, origins,
//!   integrations, pushes, logs and ingested events.
//!
//! A bare [`FakeCloud::start`] knows no workspace; `support::Env` seeds the
//! standard world of [`seed`].
//!
//! To serve a new endpoint: write its handler in a file of `routes/` (a
//! `fn(&mut Call) -> Resp`), list it in that file's `routes()` and add the file
//! to [`routes::standard`]; or, for one test, [`FakeCloud::add_route`].

pub mod router;
pub mod routes;
pub mod seed;
pub mod state;
mod tls;
pub mod transport;

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::sync::Notify;

pub use router::{Auth, Call, Route};
pub use routes::chat::{ChatReply, StreamEnd};
pub use state::{KeyInfo, Workspace};
pub use transport::{API_PREFIX, Connection, Recorded, Reply, Resp};

use transport::{Shared, Traffic};

pub struct FakeCloud {
    addr: std::net::SocketAddr,
    tls: bool,
    shared: Arc<Shared>,
    // Dropped last: stops the server and every connection.
    _runtime: tokio::runtime::Runtime,
}

impl FakeCloud {
    /// A server with the standard routes and no workspace.
    pub fn start() -> Self {
        Self::start_with(None, false)
    }

    /// The same server on [::1] (IPv6 loopback).
    pub fn start_ipv6() -> Self {
        Self::start_with(None, true)
    }

    /// The same server over HTTPS, with a certificate for localhost and 127.0.0.1
    /// signed by a fresh CA; returns the CA certificate (PEM) to trust.
    pub fn start_tls() -> (Self, String) {
        let (acceptor, ca_pem) = tls::acceptor();
        (Self::start_with(Some(acceptor), false), ca_pem)
    }

    fn start_with(tls: Option<tokio_rustls::TlsAcceptor>, ipv6: bool) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime for the fake cloud");
        let shared = Arc::new(Shared {
            cloud: Mutex::new(state::Cloud::default()),
            routes: Mutex::new(routes::standard()),
            traffic: Mutex::new(Traffic::default()),
            gate: Notify::new(),
        });
        let is_tls = tls.is_some();
        let addr = transport::serve(&runtime, shared.clone(), tls, ipv6);
        Self {
            addr,
            tls: is_tls,
            shared,
            _runtime: runtime,
        }
    }

    /// The API base to point `SKENE_API_URL` at.
    pub fn api_url(&self) -> String {
        format!("{}{API_PREFIX}", self.origin())
    }

    /// `http://127.0.0.1:PORT`, the origin of a workspace URL.
    pub fn origin(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// `127.0.0.1:PORT`, the host part of profile names.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    // --- routes -------------------------------------------------------------

    /// Serves `route` ahead of every route already there (so it can replace one).
    pub fn add_route(&self, route: Route) {
        self.shared.routes.lock().unwrap().insert(0, route);
    }

    // --- state --------------------------------------------------------------

    /// Adds (or replaces) a workspace.
    pub fn add_workspace(&self, ws: Workspace) {
        let mut cloud = self.shared.cloud.lock().unwrap();
        cloud.workspaces.retain(|w| w.slug != ws.slug);
        cloud.workspaces.push(ws);
    }

    /// A copy of the workspace `slug` as the server holds it now.
    pub fn workspace(&self, slug: &str) -> Workspace {
        let cloud = self.shared.cloud.lock().unwrap();
        cloud
            .workspaces
            .iter()
            .find(|w| w.slug == slug)
            .unwrap_or_else(|| panic!("the fake cloud has no workspace {slug}"))
            .clone()
    }

    /// Changes the workspace `slug` (made empty if it does not exist).
    pub fn with_workspace<T>(&self, slug: &str, change: impl FnOnce(&mut Workspace) -> T) -> T {
        change(self.shared.cloud.lock().unwrap().workspace_mut(slug))
    }

    /// Changes anything in the cloud's state (page sizes, models…).
    pub fn with_state<T>(&self, change: impl FnOnce(&mut state::Cloud) -> T) -> T {
        change(&mut self.shared.cloud.lock().unwrap())
    }

    /// A key the server accepts, in the workspace `info.workspace` (made, named
    /// `info.workspace_name`, if new). A known secret is replaced.
    pub fn add_key(&self, key: &str, info: KeyInfo) {
        let mut cloud = self.shared.cloud.lock().unwrap();
        for ws in &mut cloud.workspaces {
            ws.keys.retain(|(s, _)| s != key);
        }
        if !cloud.workspaces.iter().any(|w| w.slug == info.workspace) {
            cloud
                .workspaces
                .push(Workspace::new(&info.workspace, &info.workspace_name));
        }
        cloud
            .workspace_mut(&info.workspace)
            .keys
            .push((key.to_owned(), info));
    }

    /// The ids of the keys the server knows, in every workspace.
    pub fn key_ids(&self) -> Vec<String> {
        let cloud = self.shared.cloud.lock().unwrap();
        cloud
            .workspaces
            .iter()
            .flat_map(|w| &w.keys)
            .map(|(_, k)| k.id.clone())
            .collect()
    }

    pub fn has_key(&self, key: &str) -> bool {
        self.shared.cloud.lock().unwrap().find_key(key).is_some()
    }

    /// The next chat request gets `reply`.
    pub fn script_chat(&self, reply: ChatReply) {
        self.shared.cloud.lock().unwrap().chat.push_back(reply);
    }

    /// Appends a log entry (see `routes::logs::entry`) to the workspace's
    /// `/logs`, giving it an `id` (`log_1`, `log_2`…) unless it has one; returns the id.
    pub fn append_log(&self, slug: &str, entry: Value) -> String {
        self.with_workspace(slug, |ws| routes::logs::append(ws, entry))
    }

    /// Appends `entry` (as [`FakeCloud::append_log`] does) to the caller's workspace
    /// just before the `n`-th `/logs` request (counting from 1) is answered: an
    /// entry that arrives while a client is between two pages.
    pub fn append_log_on_request(&self, n: usize, entry: Value) {
        self.with_state(|s| s.logs_due.push((n, entry)));
    }

    /// The event bodies the workspace's ingest endpoint accepted, duplicates left out.
    pub fn ingested(&self, slug: &str) -> Vec<Value> {
        self.workspace(slug).ingested
    }

    // --- traffic and faults -------------------------------------------------

    /// The next request to `path` (below `/api/v1`, or a path outside the API
    /// such as `/auth`) gets `reply` instead of its route. Queued replies are
    /// used in order.
    pub fn script(&self, path: &str, reply: Reply) {
        self.shared
            .traffic
            .lock()
            .unwrap()
            .script
            .push_back((path.to_owned(), reply));
    }

    /// Every request gets `reply` (e.g. `Reply::status(503)` or
    /// `Reply::Delay(…)`) until `set_outage(None)`; scripted replies go first.
    pub fn set_outage(&self, reply: Option<Reply>) {
        self.shared.traffic.lock().unwrap().outage = reply;
    }

    /// Lets a held request ([`Reply::Hold`]) go on.
    pub fn release(&self) {
        self.shared.gate.notify_one();
    }

    /// Paths of the requests that have started to arrive (headers read).
    pub fn started(&self) -> Vec<String> {
        self.shared.traffic.lock().unwrap().started.clone()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.traffic.lock().unwrap().requests.clone()
    }

    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// How many TCP connections the server has accepted.
    pub fn connections(&self) -> usize {
        self.shared.traffic.lock().unwrap().connections.len()
    }

    /// Every TCP connection accepted so far, in order.
    pub fn connection_log(&self) -> Vec<Connection> {
        self.shared.traffic.lock().unwrap().connections.clone()
    }
}
