//! The wire side of the fake cloud: the hyper server on 127.0.0.1:0 (plain or
//! TLS), connection accounting, the record of every request, and the scripted
//! faults a test can put in front of the routes (a status, a delay, a dropped
//! connection, a held body, an outage). It knows nothing of the API: every
//! request that no fault answers goes to [`super::router::dispatch`].

use std::collections::VecDeque;
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
use tokio::sync::{Notify, oneshot};

use super::router::{self, Route};
use super::state::Cloud;

/// The API base's path; [`Recorded::path`] and scripts are relative to it.
pub const API_PREFIX: &str = "/api/v1";

/// Everything the server task and the test's [`super::FakeCloud`] handle share.
pub(super) struct Shared {
    /// The workspaces and what the routes did to them.
    pub cloud: Mutex<Cloud>,
    /// The route table, first match wins.
    pub routes: Mutex<Vec<Route>>,
    /// What arrived on the wire, and the faults waiting for it.
    pub traffic: Mutex<Traffic>,
    /// Opened by [`super::FakeCloud::release`] for a [`Reply::Hold`].
    pub gate: Notify,
}

#[derive(Default)]
pub(super) struct Traffic {
    pub requests: Vec<Recorded>,
    /// Paths of the requests whose headers arrived (before their bodies are read).
    pub started: Vec<String>,
    /// One-shot replies by path, used in order.
    pub script: VecDeque<(String, Reply)>,
    /// A reply for every request until it is lifted.
    pub outage: Option<Reply>,
    pub connections: Vec<Connection>,
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path below `/api/v1`, e.g. `/me`; a path outside the API as it came
    /// (`/auth`).
    pub path: String,
    /// The whole path, e.g. `/api/v1/me`.
    pub full_path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
    /// The [`Connection::id`] it came on.
    pub conn: usize,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter, as sent (not percent-decoded).
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .as_deref()?
            .split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    }

    /// The body as JSON (`null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_default()
    }
}

/// One TCP connection the server accepted.
#[derive(Debug, Clone)]
pub struct Connection {
    /// 0, 1, 2… in the order they were accepted.
    pub id: usize,
    pub opened_at: Instant,
    /// When the server stopped serving it (the client closed it, or a fault did).
    pub closed_at: Option<Instant>,
    /// Requests that arrived on it.
    pub requests: usize,
}

/// How to answer a request instead of its route (see [`super::FakeCloud::script`]).
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
    /// Read nothing of the body until [`super::FakeCloud::release`], then answer normally.
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

    /// An error answer in the contract's shape.
    pub fn status(status: u16) -> Self {
        Self::json(
            status,
            json!({"error": {"code": "scripted", "message": format!("scripted {status}")}}),
        )
    }

    /// [`Reply::status`] with `Retry-After: secs`.
    pub fn retry_after(status: u16, secs: u64) -> Self {
        Self::status(status).with_header("retry-after", &secs.to_string())
    }

    /// An HTML error page, as a proxy or a wrong URL gives.
    pub fn html(status: u16) -> Self {
        Reply::Raw {
            status,
            body: "<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>".into(),
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
        }
    }

    /// Adds a header to a [`Reply::Raw`]; other replies are returned as they are.
    pub fn with_header(self, name: &str, value: &str) -> Self {
        match self {
            Reply::Raw {
                status,
                body,
                mut headers,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Raw {
                    status,
                    body,
                    headers,
                }
            }
            other => other,
        }
    }
}

/// A handle on the connection a request came on: its id, and a way to cut it.
#[derive(Clone)]
pub struct Conn {
    pub id: usize,
    kill: Arc<Mutex<Option<oneshot::Sender<()>>>>,
}

impl Conn {
    /// Closes the connection at once, without an answer or the rest of one.
    pub fn kill(&self) {
        if let Some(tx) = self.kill.lock().unwrap().take() {
            let _ = tx.send(());
        }
    }
}

pub type Resp = Response<FakeBody>;

/// A whole body, or one fed chunk by chunk (see [`stream`]).
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

/// A whole answer.
pub fn respond(status: u16, body: impl Into<Bytes>, headers: &[(&str, &str)]) -> Resp {
    let mut builder = Response::builder().status(StatusCode::from_u16(status).unwrap());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(FakeBody::Full(Full::new(body.into())))
        .unwrap()
}

/// A JSON answer.
pub fn json(status: u16, body: Value) -> Resp {
    respond(
        status,
        body.to_string(),
        &[("content-type", "application/json")],
    )
}

/// How a [`stream`] ends after its last chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// The body ends normally.
    Close,
    /// The connection is cut (after a short pause, so the chunks get out first).
    Drop,
    /// Nothing more is sent and the body never ends, until the client goes away.
    Stall,
}

/// An answer whose body is sent chunk by chunk, each after its pause.
pub fn stream(
    status: u16,
    headers: &[(&str, &str)],
    chunks: Vec<(Duration, Bytes)>,
    tail: Tail,
    conn: &Conn,
) -> Resp {
    let (tx, rx) = tokio::sync::mpsc::channel(16);
    let conn = conn.clone();
    tokio::spawn(async move {
        for (pause, chunk) in chunks {
            tokio::time::sleep(pause).await;
            if tx.send(chunk).await.is_err() {
                return; // the client went away
            }
        }
        match tail {
            Tail::Close => {}
            Tail::Drop => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                conn.kill();
                // Keep the body open: were `tx` dropped here, the body could end cleanly
                // (a proper last chunk) before the kill reaches the connection.
                tx.closed().await;
            }
            Tail::Stall => tx.closed().await,
        }
    });
    let mut builder = Response::builder().status(StatusCode::from_u16(status).unwrap());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(FakeBody::Stream(rx)).unwrap()
}

/// Binds 127.0.0.1:0 (or [::1]:0) on `runtime` and serves every connection on it.
pub(super) fn serve(
    runtime: &tokio::runtime::Runtime,
    shared: Arc<Shared>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    ipv6: bool,
) -> SocketAddr {
    let listener = runtime
        .block_on(listen(ipv6))
        .expect("bind a loopback port");
    let addr = listener.local_addr().unwrap();
    runtime.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            };
            let id = {
                let mut traffic = shared.traffic.lock().unwrap();
                let id = traffic.connections.len();
                traffic.connections.push(Connection {
                    id,
                    opened_at: Instant::now(),
                    closed_at: None,
                    requests: 0,
                });
                id
            };
            let shared = shared.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    Some(acceptor) => {
                        // A client that refuses the certificate just goes away.
                        if let Ok(stream) = acceptor.accept(stream).await {
                            connection(TokioIo::new(stream), id, shared.clone()).await;
                        }
                    }
                    None => connection(TokioIo::new(stream), id, shared.clone()).await,
                }
                shared.traffic.lock().unwrap().connections[id].closed_at = Some(Instant::now());
            });
        }
    });
    addr
}

/// A listener on 127.0.0.1:0 whose connections have a small receive buffer
/// (the kernel's default grows to megabytes): a held body stops the client
/// after a few hundred kilobytes, so tests of held bodies need no huge files.
async fn listen(ipv6: bool) -> std::io::Result<TcpListener> {
    let (socket, addr) = if ipv6 {
        let addr = SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, 0));
        (tokio::net::TcpSocket::new_v6()?, addr)
    } else {
        (
            tokio::net::TcpSocket::new_v4()?,
            SocketAddr::from(([127, 0, 0, 1], 0)),
        )
    };
    socket.set_recv_buffer_size(RECEIVE_BUFFER)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

/// `SO_RCVBUF` of every accepted connection (Linux doubles it).
pub const RECEIVE_BUFFER: u32 = 64 * 1024;

/// Serves one connection (HTTP/1.1, keep-alive) until the client closes it or
/// a fault cuts it.
async fn connection<I>(io: I, id: usize, shared: Arc<Shared>)
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (kill_tx, kill_rx) = oneshot::channel::<()>();
    let conn = Conn {
        id,
        kill: Arc::new(Mutex::new(Some(kill_tx))),
    };
    let service = service_fn(move |req| handle(shared.clone(), conn.clone(), req));
    let served = http1::Builder::new().serve_connection(io, service);
    tokio::select! {
        _ = served => {}
        _ = kill_rx => {} // dropping the connection closes the socket
    }
}

async fn handle(
    shared: Arc<Shared>,
    conn: Conn,
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
        .filter(|p| p.is_empty() || p.starts_with('/'))
        .unwrap_or(&full_path)
        .to_owned();
    let scripted = {
        let mut traffic = shared.traffic.lock().unwrap();
        traffic.started.push(path.clone());
        let pos = traffic.script.iter().position(|(p, _)| *p == path);
        pos.and_then(|i| traffic.script.remove(i))
            .map(|(_, r)| r)
            .or_else(|| traffic.outage.clone())
    };
    if matches!(scripted, Some(Reply::Hold)) {
        shared.gate.notified().await;
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
        full_path,
        query,
        headers,
        body,
        at: Instant::now(),
        conn: conn.id,
    };
    {
        let mut traffic = shared.traffic.lock().unwrap();
        traffic.requests.push(recorded.clone());
        traffic.connections[conn.id].requests += 1;
    }
    match scripted {
        Some(Reply::Raw {
            status,
            body,
            headers,
        }) => {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            return Ok(respond(status, body, &headers));
        }
        Some(Reply::Drop | Reply::DropMidBody(_)) => {
            conn.kill();
            std::future::pending::<()>().await;
        }
        Some(Reply::Delay(d)) => tokio::time::sleep(d).await,
        Some(Reply::Hold) | None => {}
    }
    Ok(router::dispatch(&shared, &recorded, &conn))
}
