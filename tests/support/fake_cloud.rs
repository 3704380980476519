//! A fake Skene Cloud on 127.0.0.1:0: knows a set of keys, serves the API the
//! client uses, records every request, and can be told how to answer the next
//! requests to a path (a status, a delay, `Retry-After`, an HTML page, a dropped
//! connection).

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub const API_PREFIX: &str = "/api/v1";

/// A key the fake server accepts, and who it belongs to.
#[derive(Debug, Clone)]
pub struct KeyInfo {
    pub id: String,
    pub name: String,
    pub workspace: String,
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

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path below `/api/v1`, e.g. `/me`.
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How to answer one request instead of the normal handler.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status with a body and extra headers.
    Raw {
        status: u16,
        body: String,
        headers: Vec<(String, String)>,
    },
    /// Wait, then answer normally.
    Delay(Duration),
    /// Close the connection without answering.
    Drop,
    /// Read this many bytes of the body, then close the connection.
    DropMidBody(usize),
    /// Read nothing of the body until [`FakeCloud::release`], then answer normally.
    Hold,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Self {
        Reply::Raw {
            status,
            body: body.to_string(),
            headers: vec![("content-type".into(), "application/json".into())],
        }
    }
    pub fn status(status: u16) -> Self {
        Self::json(
            status,
            json!({"error": {"code": "scripted", "message": format!("scripted {status}")}}),
        )
    }
    pub fn retry_after(status: u16, secs: u64) -> Self {
        match Self::status(status) {
            Reply::Raw {
                status,
                body,
                mut headers,
            } => {
                headers.push(("retry-after".into(), secs.to_string()));
                Reply::Raw {
                    status,
                    body,
                    headers,
                }
            }
            other => other,
        }
    }
    pub fn html(status: u16) -> Self {
        Reply::Raw {
            status,
            body: "<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>".into(),
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
        }
    }
}

#[derive(Default)]
struct State {
    keys: HashMap<String, KeyInfo>,
    /// Key secrets in the order they were made, for `GET /api-keys`.
    key_order: Vec<String>,
    /// The workspace `my-app`: members and invitations, in the server's order.
    members: Vec<Value>,
    origins: Vec<String>,
    integrations: Vec<Value>,
    /// How many items a list page holds at most.
    page_size: usize,
    /// Answers already given to an Idempotency-Key.
    idempotent: HashMap<String, (u16, Value)>,
    next_id: usize,
    chat: VecDeque<ChatReply>,
    /// Paths of requests whose headers arrived (before their bodies are read).
    started: Vec<String>,
    gate: Arc<tokio::sync::Notify>,
    requests: Vec<Recorded>,
    script: VecDeque<(String, Reply)>,
    /// Package checksums already pushed, and the last content of each path.
    pushed: Vec<String>,
    contents: HashMap<String, String>,
}

pub struct FakeCloud {
    addr: SocketAddr,
    tls: bool,
    state: Arc<Mutex<State>>,
    _runtime: tokio::runtime::Runtime,
}

impl FakeCloud {
    pub fn start() -> Self {
        Self::start_with(None)
    }

    /// The same server over HTTPS, with a certificate for localhost and 127.0.0.1
    /// signed by a fresh CA; returns the CA certificate (PEM) to trust.
    pub fn start_tls() -> (Self, String) {
        let (acceptor, ca_pem) = tls_acceptor();
        (Self::start_with(Some(acceptor)), ca_pem)
    }

    fn start_with(tls: Option<tokio_rustls::TlsAcceptor>) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime for the fake cloud");
        let state = Arc::new(Mutex::new(State {
            page_size: 2,
            members: vec![
                json!({"id": "mem_2", "email": "bob@example.com", "name": "Bob", "role": "member", "status": "active", "joined_at": "2026-02-01T09:00:00Z"}),
                json!({"id": "mem_1", "email": "ada@example.com", "name": "Ada", "role": "owner", "status": "active", "joined_at": "2026-01-05T10:00:00Z"}),
                json!({"id": "mem_3", "email": "cy@example.com", "name": null, "role": "member", "status": "invited", "invited_at": "2026-03-03T12:00:00Z"}),
                json!({"id": "mem_4", "email": "dee@example.com", "name": "Dee", "role": "member", "status": "active", "joined_at": "2026-04-04T08:30:00Z"}),
                json!({"id": "mem_5", "email": "eve@example.com", "name": "Eve", "role": "member", "status": "active", "joined_at": "2026-05-05T08:30:00Z"}),
            ],
            origins: vec!["https://app.example.com".into()],
            integrations: vec![
                json!({"type": "supabase", "status": "connected", "project_ref": "abcd1234", "project_name": "prod", "access_mode": "read-write"}),
                json!({"type": "github", "status": "not_connected"}),
            ],
            next_id: 10,
            ..State::default()
        }));
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let shared = state.clone();
        let is_tls = tls.is_some();
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = shared.clone();
                let tls = tls.clone();
                tokio::spawn(async move {
                    match tls {
                        Some(acceptor) => {
                            // A client that refuses the certificate just goes away.
                            if let Ok(stream) = acceptor.accept(stream).await {
                                serve(TokioIo::new(stream), state).await;
                            }
                        }
                        None => serve(TokioIo::new(stream), state).await,
                    }
                });
            }
        });
        Self {
            addr,
            tls: is_tls,
            state,
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

    pub fn add_key(&self, key: &str, info: KeyInfo) {
        let mut st = self.state.lock().unwrap();
        st.key_order.push(key.to_owned());
        st.keys.insert(key.to_owned(), info);
    }

    /// The workspace's members and invitations, as the server holds them.
    pub fn members(&self) -> Vec<Value> {
        self.state.lock().unwrap().members.clone()
    }

    /// Paths of the requests that have started to arrive.
    pub fn started(&self) -> Vec<String> {
        self.state.lock().unwrap().started.clone()
    }

    /// Lets a held request go on.
    pub fn release(&self) {
        self.state.lock().unwrap().gate.notify_one();
    }

    /// The next chat request gets `reply`.
    pub fn script_chat(&self, reply: ChatReply) {
        self.state.lock().unwrap().chat.push_back(reply);
    }

    pub fn origins(&self) -> Vec<String> {
        self.state.lock().unwrap().origins.clone()
    }

    /// The ids of the keys the server knows.
    pub fn key_ids(&self) -> Vec<String> {
        let st = self.state.lock().unwrap();
        st.key_order
            .iter()
            .filter_map(|k| st.keys.get(k))
            .map(|k| k.id.clone())
            .collect()
    }

    pub fn has_key(&self, key: &str) -> bool {
        self.state.lock().unwrap().keys.contains_key(key)
    }

    /// The next request to `path` (below `/api/v1`) gets `reply`. Queued replies
    /// are used in order.
    pub fn script(&self, path: &str, reply: Reply) {
        self.state
            .lock()
            .unwrap()
            .script
            .push_back((path.to_owned(), reply));
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }
}

type Resp = Response<FakeBody>;

/// A whole body, or one fed chunk by chunk (server-sent events with pauses).
pub enum FakeBody {
    Full(Full<Bytes>),
    Stream(tokio::sync::mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for FakeBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            FakeBody::Full(full) => std::pin::Pin::new(full).poll_frame(cx),
            FakeBody::Stream(rx) => rx
                .poll_recv(cx)
                .map(|c| c.map(|b| Ok(hyper::body::Frame::data(b)))),
        }
    }
}

/// How `POST /chat/completions` answers, instead of echoing the last message.
#[derive(Debug, Clone)]
pub enum ChatReply {
    /// Server-sent events: these deltas with a pause before each, then `end`.
    Stream {
        deltas: Vec<String>,
        pause: Duration,
        end: StreamEnd,
    },
}

#[derive(Debug, Clone)]
pub enum StreamEnd {
    Done,
    Error(String),
    /// Close the connection without `[DONE]`.
    Drop,
}

fn respond(status: u16, body: String, headers: &[(String, String)]) -> Resp {
    let mut builder = Response::builder().status(StatusCode::from_u16(status).unwrap());
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder
        .body(FakeBody::Full(Full::new(Bytes::from(body))))
        .unwrap()
}

fn json_resp(status: u16, body: Value) -> Resp {
    respond(
        status,
        body.to_string(),
        &[("content-type".into(), "application/json".into())],
    )
}

async fn handle(
    state: Arc<Mutex<State>>,
    kill: Arc<Mutex<Option<oneshot::Sender<()>>>>,
    req: Request<Incoming>,
) -> Result<Resp, Infallible> {
    let method = req.method().to_string();
    let full_path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let path = full_path
        .strip_prefix(API_PREFIX)
        .unwrap_or(&full_path)
        .to_owned();
    let (scripted, gate) = {
        let mut st = state.lock().unwrap();
        st.started.push(path.clone());
        let pos = st.script.iter().position(|(p, _)| *p == path);
        (
            pos.and_then(|i| st.script.remove(i)).map(|(_, r)| r),
            st.gate.clone(),
        )
    };
    if matches!(scripted, Some(Reply::Hold)) {
        gate.notified().await;
    }
    let mut incoming = req.into_body();
    let mut body = Vec::new();
    let limit = match scripted {
        Some(Reply::DropMidBody(n)) => n,
        _ => usize::MAX,
    };
    while body.len() < limit {
        match incoming.frame().await {
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    body.extend_from_slice(&data);
                }
            }
            _ => break,
        }
    }
    let recorded = Recorded {
        method,
        path,
        query,
        headers,
        body,
        at: Instant::now(),
    };
    state.lock().unwrap().requests.push(recorded.clone());
    match scripted {
        Some(Reply::Raw {
            status,
            body,
            headers,
        }) => return Ok(respond(status, body, &headers)),
        Some(Reply::Drop | Reply::DropMidBody(_)) => {
            if let Some(tx) = kill.lock().unwrap().take() {
                let _ = tx.send(());
            }
            std::future::pending::<()>().await;
        }
        Some(Reply::Delay(d)) => tokio::time::sleep(d).await,
        Some(Reply::Hold) | None => {}
    }
    if recorded.method == "POST" && recorded.path == "/chat/completions" {
        return Ok(chat(&state, &kill, &recorded));
    }
    Ok(route(&state, &recorded))
}

fn bearer(req: &Recorded) -> Option<String> {
    req.header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
}

fn route(state: &Arc<Mutex<State>>, req: &Recorded) -> Resp {
    if !req.path.starts_with('/') {
        return json_resp(
            404,
            json!({"error": {"code": "not_found", "message": "no such route"}}),
        );
    }
    let mut st = state.lock().unwrap();
    let caller = bearer(req).and_then(|k| st.keys.get(&k).cloned().map(|info| (k, info)));
    let Some((_, me)) = caller else {
        return json_resp(
            401,
            json!({"error": {"code": "unauthorized", "message": "invalid API key"}}),
        );
    };
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/me") => json_resp(
            200,
            json!({
                "user": {"id": "usr_1", "email": me.email, "name": me.user_name},
                "workspace": {"id": "ws_1", "slug": me.workspace, "name": me.workspace_name},
                "role": me.role,
                "key": {"id": me.id, "name": me.name, "prefix": "sk_ws_test"},
                "unknown_field": true
            }),
        ),
        ("POST", "/push") => push(&mut st, &req.body),
        ("GET", "/members") => {
            let items = st.members.clone();
            page(&st, &items, req.query.as_deref())
        }
        ("GET", "/api-keys") => {
            let items: Vec<Value> = st
                .key_order
                .iter()
                .filter_map(|secret| st.keys.get(secret).map(|k| (secret, k)))
                .filter(|(_, k)| k.workspace == me.workspace)
                .map(|(secret, k)| {
                    json!({"id": k.id, "name": k.name, "prefix": &secret[..secret.len().min(12)],
                           "created_at": "2026-01-01T00:00:00Z", "last_used_at": null, "created_by": k.email})
                })
                .collect();
            page(&st, &items, req.query.as_deref())
        }
        ("GET", "/allowed-origins") => json_resp(200, json!({"origins": st.origins})),
        ("GET", "/integrations") => json_resp(200, json!({"data": st.integrations})),
        ("GET", "/models") => json_resp(
            200,
            json!({"object": "list", "data": [{"id": "auto", "object": "model"}, {"id": "fast", "object": "model"}]}),
        ),
        (_, p) if me.role != "owner" && is_owner_only(&req.method, p) => json_resp(
            403,
            json!({"error": {"code": "forbidden", "message": "only the workspace owner may do this"}}),
        ),
        ("PUT", "/allowed-origins") => {
            let v: Value = serde_json::from_slice(&req.body).unwrap_or_default();
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
                return json_resp(
                    422,
                    json!({"error": {"code": "invalid_origin", "message": format!("{bad} is not an origin")}}),
                );
            }
            st.origins = origins;
            json_resp(200, json!({"origins": st.origins}))
        }
        ("POST", "/members/invitations") => idempotent(&mut st, req, |st| {
            let v: Value = serde_json::from_slice(&req.body).unwrap_or_default();
            let email = v["email"].as_str().unwrap_or_default().to_owned();
            if !email.contains('@') {
                return (
                    422,
                    json!({"error": {"code": "invalid_email", "message": "not an email address"}}),
                );
            }
            if st.members.iter().any(|m| m["email"] == email.as_str()) {
                return (
                    409,
                    json!({"error": {"code": "already_member", "message": "already a member or invited"}}),
                );
            }
            st.next_id += 1;
            let member = json!({"id": format!("mem_{}", st.next_id), "email": email, "name": null,
                                "role": v["role"].as_str().unwrap_or("member"), "status": "invited",
                                "invited_at": "2026-11-27T10:00:00Z"});
            st.members.push(member.clone());
            (201, member)
        }),
        ("POST", "/api-keys") => idempotent(&mut st, req, |st| {
            let v: Value = serde_json::from_slice(&req.body).unwrap_or_default();
            st.next_id += 1;
            let id = format!("key_{}", st.next_id);
            let secret = format!("sk_ws_CREATED{:0>20}", st.next_id);
            let name = v["name"].as_str().unwrap_or("unnamed").to_owned();
            let mut info = KeyInfo::new(&id, &me.workspace, &me.email, &me.role);
            info.name = name.clone();
            st.key_order.push(secret.clone());
            st.keys.insert(secret.clone(), info);
            (
                201,
                json!({"id": id, "name": name, "prefix": "sk_ws_CREA", "key": secret, "created_at": "2026-11-27T10:00:00Z"}),
            )
        }),
        ("POST", p) if p.starts_with("/members/") && p.ends_with("/transfer-ownership") => {
            let id = &p["/members/".len()..p.len() - "/transfer-ownership".len()];
            let Some(target) = st.members.iter().position(|m| m["id"] == id) else {
                return json_resp(
                    404,
                    json!({"error": {"code": "not_found", "message": "no such member"}}),
                );
            };
            let target_email = st.members[target]["email"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            for m in st.members.iter_mut() {
                if m["email"] == me.email.as_str() {
                    m["role"] = json!("member");
                }
            }
            st.members[target]["role"] = json!("owner");
            for k in st.keys.values_mut() {
                if k.email == me.email {
                    k.role = "member".into();
                } else if k.email == target_email {
                    k.role = "owner".into();
                }
            }
            json_resp(200, json!({"data": st.members, "next_cursor": null}))
        }
        ("DELETE", p) if p.starts_with("/members/") => {
            let id = &p["/members/".len()..];
            match st.members.iter().position(|m| m["id"] == id) {
                Some(i) if st.members[i]["role"] == "owner" => json_resp(
                    409,
                    json!({"error": {"code": "owner_cannot_be_removed", "message": "the owner cannot be removed"}}),
                ),
                Some(i) => {
                    st.members.remove(i);
                    respond(204, String::new(), &[])
                }
                None => json_resp(
                    404,
                    json!({"error": {"code": "not_found", "message": "no such member"}}),
                ),
            }
        }
        ("DELETE", p) if p.starts_with("/api-keys/") => {
            let id = &p["/api-keys/".len()..];
            let found = st
                .keys
                .iter()
                .find(|(_, k)| k.id == id && k.workspace == me.workspace)
                .map(|(secret, _)| secret.clone());
            match found {
                Some(secret) => {
                    st.keys.remove(&secret);
                    respond(204, String::new(), &[])
                }
                None => json_resp(
                    404,
                    json!({"error": {"code": "not_found", "message": "no such key"}}),
                ),
            }
        }
        _ => json_resp(
            404,
            json!({"error": {"code": "not_found", "message": "no such route"}}),
        ),
    }
}

/// `POST /push`: 201 with the paths whose content changed, or 200 noop for a
/// package checksum seen before.
fn push(st: &mut State, body: &[u8]) -> Resp {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return json_resp(
            422,
            json!({"error": {"code": "invalid_body", "message": "body is not JSON"}}),
        );
    };
    let Some(checksum) = v["manifest"]["package_checksum"].as_str() else {
        return json_resp(
            422,
            json!({"error": "manifest.package_checksum is missing"}),
        );
    };
    if st.pushed.iter().any(|c| c == checksum) {
        return json_resp(200, json!({"status": "noop"}));
    }
    st.pushed.push(checksum.to_owned());
    let files = v["files"].as_array().cloned().unwrap_or_default();
    let mut updated = Vec::new();
    for f in &files {
        let path = f["path"].as_str().unwrap_or_default().to_owned();
        let content = f["content"].as_str().unwrap_or_default().to_owned();
        if st.contents.get(&path) != Some(&content) {
            updated.push(path.clone());
            st.contents.insert(path, content);
        }
    }
    let id = format!("p_{}", st.pushed.len());
    json_resp(
        201,
        json!({"push_id": id, "artifact_count": files.len(), "updated_paths": updated}),
    )
}

fn is_owner_only(method: &str, path: &str) -> bool {
    method != "GET"
        && (path.starts_with("/members")
            || path.starts_with("/api-keys")
            || path == "/allowed-origins")
}

/// A list page: `cursor` is an offset, `limit` at most the server's page size.
fn page(st: &State, items: &[Value], query: Option<&str>) -> Resp {
    let param = |name: &str| {
        query
            .unwrap_or_default()
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")).map(str::to_owned))
    };
    let start: usize = param("cursor").and_then(|c| c.parse().ok()).unwrap_or(0);
    let limit: usize = param("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(st.page_size)
        .min(st.page_size);
    let end = (start + limit).min(items.len());
    let next = (end < items.len()).then(|| end.to_string());
    json_resp(
        200,
        json!({"data": items[start.min(items.len())..end], "next_cursor": next}),
    )
}

/// Runs `create` once per Idempotency-Key; a repeated key gets the first answer again.
fn idempotent(
    st: &mut State,
    req: &Recorded,
    create: impl FnOnce(&mut State) -> (u16, Value),
) -> Resp {
    let key = req.header("idempotency-key").map(str::to_owned);
    if let Some(k) = &key
        && let Some((status, body)) = st.idempotent.get(k)
    {
        return json_resp(*status, body.clone());
    }
    let (status, body) = create(st);
    if let Some(k) = key {
        st.idempotent.insert(k, (status, body.clone()));
    }
    json_resp(status, body)
}

fn chunk(delta: &str) -> String {
    let c = json!({"id": "c1", "object": "chat.completion.chunk",
                   "choices": [{"index": 0, "delta": {"content": delta}, "finish_reason": null}]});
    format!("data: {c}\n\n")
}

/// `POST /chat/completions`: echoes the last user message, streamed or whole,
/// unless a test scripted another answer.
fn chat(
    state: &Arc<Mutex<State>>,
    kill: &Arc<Mutex<Option<oneshot::Sender<()>>>>,
    req: &Recorded,
) -> Resp {
    let (known, scripted) = {
        let mut st = state.lock().unwrap();
        let known = bearer(req).is_some_and(|k| st.keys.contains_key(&k));
        (known, if known { st.chat.pop_front() } else { None })
    };
    if !known {
        return json_resp(
            401,
            json!({"error": {"code": "unauthorized", "message": "invalid API key"}}),
        );
    }
    let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
    let last = body["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_owned();
    if body["stream"] != true {
        return json_resp(
            200,
            json!({
                "id": "c1", "object": "chat.completion", "created": 1, "model": body["model"],
                "choices": [{"index": 0, "message": {"role": "assistant", "content": format!("You said: {last}")}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 3, "total_tokens": 4}
            }),
        );
    }
    let ChatReply::Stream { deltas, pause, end } = scripted.unwrap_or(ChatReply::Stream {
        deltas: vec!["You said: ".into(), last],
        pause: Duration::from_millis(20),
        end: StreamEnd::Done,
    });
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    let kill = kill.clone();
    tokio::spawn(async move {
        let _ = tx.send(Bytes::from_static(b": keep-alive\n\n")).await;
        for delta in deltas {
            tokio::time::sleep(pause).await;
            if tx.send(Bytes::from(chunk(&delta))).await.is_err() {
                return;
            }
        }
        match end {
            StreamEnd::Done => {
                let _ = tx.send(Bytes::from_static(b"data: [DONE]\n\n")).await;
            }
            StreamEnd::Error(message) => {
                let e = json!({"error": {"code": "upstream", "message": message}});
                let _ = tx.send(Bytes::from(format!("data: {e}\n\n"))).await;
            }
            StreamEnd::Drop => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                if let Some(k) = kill.lock().unwrap().take() {
                    let _ = k.send(());
                }
            }
        }
    });
    Response::builder()
        .status(200)
        .header("content-type", "text/event-stream")
        .header("cache-control", "no-cache")
        .body(FakeBody::Stream(rx))
        .unwrap()
}

/// Serves one connection; a scripted drop closes it at once.
async fn serve<I>(io: I, state: Arc<Mutex<State>>)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (kill_tx, kill_rx) = oneshot::channel::<()>();
    let kill = Arc::new(Mutex::new(Some(kill_tx)));
    let service = service_fn(move |req| handle(state.clone(), kill.clone(), req));
    let conn = http1::Builder::new().serve_connection(io, service);
    tokio::select! {
        _ = conn => {}
        _ = kill_rx => {} // dropping the connection closes the socket
    }
}

/// A TLS acceptor with a leaf certificate (localhost, 127.0.0.1) signed by a new CA.
fn tls_acceptor() -> (tokio_rustls::TlsAcceptor, String) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
    use tokio_rustls::rustls;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "skene test CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &ca)
        .unwrap();
    let key = rustls::pki_types::PrivateKeyDer::try_from(leaf_key.serialize_der()).unwrap();
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .unwrap();
    (
        tokio_rustls::TlsAcceptor::from(std::sync::Arc::new(config)),
        ca.pem(),
    )
}
