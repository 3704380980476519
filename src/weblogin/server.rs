//! The sockets and HTTP of the loopback server: binding, one task per listening
//! socket and per connection (all aborted when the [`Guard`] goes), and the
//! request handler that applies [`super::check`] and hands the one callback over.

use std::convert::Infallible;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::AbortHandle;

use super::check::{self, Kind, Refusal};
use super::page::{self, Landing};
use super::{Callback, MAX_BODY, Via};

/// Connections served at once; more are closed at once.
const MAX_CONNECTIONS: usize = 32;
/// How long a client may take to send a request head, and then its body.
const READ_TIME: Duration = Duration::from_secs(10);
/// Ports tried when `[::1]` has the one `127.0.0.1` got.
const BIND_ATTEMPTS: usize = 8;

/// What every task of one server shares.
pub(super) struct Shared {
    /// The upstream's origin, the only one allowed to fetch the callback.
    pub origin: String,
    pub port: u16,
    pub state: String,
    /// Taken by the first acceptable callback.
    slot: Mutex<Option<oneshot::Sender<Pending>>>,
    listeners: Mutex<Vec<AbortHandle>>,
    connections: Mutex<Vec<AbortHandle>>,
}

impl Shared {
    fn close_listeners(&self) {
        for task in lock(&self.listeners).drain(..) {
            task.abort();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Owns the server's tasks: dropping it closes every socket.
pub(super) struct Guard(Arc<Shared>);

impl Guard {
    pub fn shared(&self) -> &Shared {
        &self.0
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.close_listeners();
        for task in lock(&self.0.connections).drain(..) {
            task.abort();
        }
    }
}

/// The callback on its way to [`super::Server::wait`].
pub(super) struct Pending {
    pub callback: Callback,
    pub tied: bool,
    pub via: Via,
    pub reply: oneshot::Sender<Landing>,
    pub sent: oneshot::Receiver<()>,
}

pub(super) async fn start(
    origin: &str,
    state: String,
) -> io::Result<(Guard, oneshot::Receiver<Pending>, Vec<SocketAddr>)> {
    let listeners = bind().await?;
    let addrs = listeners
        .iter()
        .map(TcpListener::local_addr)
        .collect::<io::Result<Vec<_>>>()?;
    let (tx, rx) = oneshot::channel();
    let shared = Arc::new(Shared {
        origin: origin.to_owned(),
        port: addrs[0].port(),
        state,
        slot: Mutex::new(Some(tx)),
        listeners: Mutex::new(Vec::new()),
        connections: Mutex::new(Vec::new()),
    });
    for listener in listeners {
        let task = tokio::spawn(accept(shared.clone(), listener));
        lock(&shared.listeners).push(task.abort_handle());
    }
    Ok((Guard(shared), rx, addrs))
}

/// `127.0.0.1` on a random port, and `[::1]` on the same port when this machine
/// has an IPv6 loopback.
async fn bind() -> io::Result<Vec<TcpListener>> {
    for _ in 0..BIND_ATTEMPTS {
        let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let port = v4.local_addr()?.port();
        match TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await {
            Ok(v6) => return Ok(vec![v4, v6]),
            // Someone else has [::1]:port, where a browser may send the key: another port.
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => continue,
            // No IPv6 loopback: no browser reaches [::1] here either.
            Err(_) => return Ok(vec![v4]),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AddrInUse,
        "no port was free on both 127.0.0.1 and [::1]",
    ))
}

async fn accept(shared: Arc<Shared>, listener: TcpListener) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or the like: wait, then go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let mut connections = lock(&shared.connections);
        connections.retain(|task| !task.is_finished());
        if connections.len() >= MAX_CONNECTIONS {
            continue; // dropping the stream closes it
        }
        let task = tokio::spawn(serve(shared.clone(), stream));
        connections.push(task.abort_handle());
    }
}

/// Serves one connection until the client closes it, or until the answer to
/// the accepted callback is written; then says so.
async fn serve(shared: Arc<Shared>, stream: TcpStream) {
    let done: Arc<Mutex<Option<oneshot::Sender<()>>>> = Arc::default();
    let handler_done = done.clone();
    let service = service_fn(move |req| handle(shared.clone(), handler_done.clone(), req));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(READ_TIME)
        .max_buf_size(MAX_BODY * 2);
    let _ = builder
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Some(tx) = lock(&done).take() {
        let _ = tx.send(());
    }
}

type Answer = Response<Full<Bytes>>;

async fn handle(
    shared: Arc<Shared>,
    done: Arc<Mutex<Option<oneshot::Sender<()>>>>,
    req: Request<Incoming>,
) -> Result<Answer, Infallible> {
    let method = req.method().as_str().to_owned();
    let text = |name: header::HeaderName| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let origin = text(header::ORIGIN);
    // The origin-form only: an absolute URI would name a host of its own.
    let host = if req.uri().authority().is_some() {
        None
    } else {
        text(header::HOST)
    };
    // CORS headers go only to the upstream's own page.
    let cors = origin.as_deref().filter(|o| *o == shared.origin).is_some();
    let reply = Reply {
        html: method == "GET",
        cors: cors.then(|| shared.origin.clone()),
    };
    let kind = match check::head(
        &method,
        req.uri().path(),
        host.as_deref(),
        origin.as_deref(),
        shared.port,
        &shared.origin,
    ) {
        Ok(kind) => kind,
        Err(refusal) => return Ok(reply.refuse(refusal)),
    };
    let fields = match kind {
        Kind::Preflight => {
            let asked = text(header::ACCESS_CONTROL_REQUEST_HEADERS);
            return Ok(reply.preflight(asked.as_deref()));
        }
        Kind::Redirect => check::query(req.uri().query().unwrap_or_default()),
        Kind::Fetch => match read_body(req).await {
            Ok(body) => check::json(&body),
            Err(refusal) => Err(refusal),
        },
    };
    let (callback, tied) = match fields.and_then(|f| check::judge(f, &shared.state)) {
        Ok(found) => found,
        Err(refusal) => return Ok(reply.refuse(refusal)),
    };
    let Some(inbox) = lock(&shared.slot).take() else {
        return Ok(reply.refuse(Refusal::AlreadyUsed));
    };
    // The one callback: nothing else gets in from now on.
    shared.close_listeners();
    let (reply_tx, reply_rx) = oneshot::channel();
    let (sent_tx, sent_rx) = oneshot::channel();
    *lock(&done) = Some(sent_tx);
    let pending = Pending {
        callback,
        tied,
        via: if kind == Kind::Fetch {
            Via::Fetch
        } else {
            Via::Redirect
        },
        reply: reply_tx,
        sent: sent_rx,
    };
    let landing = if inbox.send(pending).is_err() {
        Landing::Failed {
            message: "skene stopped waiting for the browser".into(),
        }
    } else {
        reply_rx.await.unwrap_or_else(|_| Landing::Failed {
            message: "skene stopped before the login was finished".into(),
        })
    };
    let mut answer = reply.landing(&landing);
    answer
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    Ok(answer)
}

/// The body of a POST, at most [`MAX_BODY`] bytes, within [`READ_TIME`].
async fn read_body(req: Request<Incoming>) -> Result<Bytes, Refusal> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Err(Refusal::TooLarge);
    }
    let body = Limited::new(req.into_body(), MAX_BODY).collect();
    match tokio::time::timeout(READ_TIME, body).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(Refusal::TooLarge),
        _ => Err(Refusal::Malformed("The body could not be read.")),
    }
}

/// How to answer one request: HTML to a navigation, JSON to a fetch, CORS
/// headers for the upstream's page alone.
struct Reply {
    html: bool,
    cors: Option<String>,
}

impl Reply {
    fn build(&self, status: u16, body: String) -> Answer {
        let mut builder = Response::builder()
            .status(StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST))
            .header(header::CACHE_CONTROL, "no-store")
            .header(header::REFERRER_POLICY, "no-referrer")
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            .header(header::VARY, "Origin");
        builder = if self.html {
            builder
                .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
                .header(header::CONTENT_SECURITY_POLICY, page::CSP)
        } else {
            builder.header(header::CONTENT_TYPE, "application/json")
        };
        if let Some(origin) = &self.cors {
            builder = builder.header(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        if status == 405 {
            builder = builder.header(header::ALLOW, "GET, POST, OPTIONS");
        }
        builder
            .body(Full::new(Bytes::from(body)))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
    }

    fn refuse(&self, refusal: Refusal) -> Answer {
        let body = if self.html {
            page::html("Not accepted", refusal.message())
        } else {
            page::json_error(refusal.message())
        };
        self.build(refusal.status(), body)
    }

    fn landing(&self, landing: &Landing) -> Answer {
        let body = if self.html {
            landing.html()
        } else {
            landing.json()
        };
        self.build(landing.status(), body)
    }

    /// 204 to the upstream's preflight: POST, the headers it asked for, and
    /// Private Network Access (a public page fetching a loopback address).
    fn preflight(&self, asked: Option<&str>) -> Answer {
        let headers = asked
            .filter(|h| {
                h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_, ".contains(&b))
            })
            .unwrap_or("content-type")
            .to_owned();
        let mut answer = self.build(204, String::new());
        let h = answer.headers_mut();
        h.remove(header::CONTENT_TYPE);
        for (name, value) in [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "POST"),
            (header::ACCESS_CONTROL_MAX_AGE, "600"),
        ] {
            h.insert(name, HeaderValue::from_static(value));
        }
        if let Ok(v) = HeaderValue::from_str(&headers) {
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, v);
        }
        h.insert(
            "access-control-allow-private-network",
            HeaderValue::from_static("true"),
        );
        answer
    }
}
