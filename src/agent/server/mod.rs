//! The agent's HTTP server: HTTP/1.1 on 127.0.0.1 only (there is no way to bind
//! another address), one task per connection, graceful shutdown.
//!
//! Every request goes through, in this order, before any body is read: the
//! [`guard`]s against other origins (Host, against DNS rebinding; Origin); a CORS
//! preflight from an allowed origin; the route (an unknown path is a 404 in
//! OpenAI's error shape, a known path with another method a 405 with `Allow`);
//! the content type and declared size; the local token (`Authorization: Bearer
//! skl_…`, compared in constant time), which every route needs, `/healthz`
//! included; then the route's handler — the [`gateway`]'s `/v1/…` or the
//! [`control`] endpoint's `/status` and `/healthz`.
//!
//! The control endpoint is served whenever the agent runs; the gateway's routes
//! only when it has a workspace key (without one they answer 503, saying so).
//!
//! [`gateway`]: crate::agent::gateway
//! [`control`]: crate::agent::control

pub mod guard;
pub mod reply;

use std::convert::Infallible;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, Request, Response};
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use super::log::Logger;
use super::status::AgentStatus;
use super::token::{News, TokenCheck, Verdict};
use super::upstream::Upstream;
use super::{DEFAULT_GATEWAY_PORT, control, gateway};
use crate::error::CliError;
pub use guard::Refusal;
pub use reply::{Body, Facts};

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;
/// How long a caller may take to send its request head, then its body.
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
const BODY_TIMEOUT: Duration = Duration::from_secs(60);

/// What the server needs, given by `skene agent run`.
pub struct Config {
    pub token: TokenCheck,
    /// The workspace's API, with the workspace key; `None` without a key (the
    /// control endpoint is served, the gateway's routes answer 503).
    pub upstream: Option<Upstream>,
    pub status: Arc<AgentStatus>,
    pub logger: Logger,
    /// Web origins allowed to call (`--allow-origin`), as [`guard::parse_origin`] made them.
    pub allowed_origins: Vec<String>,
}

/// The server's shared state, one per agent.
pub struct App {
    pub(crate) token: TokenCheck,
    pub(crate) upstream: Option<Upstream>,
    pub(crate) status: Arc<AgentStatus>,
    pub(crate) logger: Logger,
    allowed_origins: Vec<String>,
    port: u16,
    next_id: AtomicU64,
}

/// A bound listener on 127.0.0.1.
pub struct Listener {
    inner: TcpListener,
    addr: SocketAddr,
}

impl Listener {
    pub fn port(&self) -> u16 {
        self.addr.port()
    }
}

/// Listens on `127.0.0.1:<port>`. Without a port, [`DEFAULT_GATEWAY_PORT`], or
/// a free one when it is taken (the returned note says so); port 0 is any free
/// port; another taken port is an error.
pub async fn bind(port: Option<u16>) -> Result<(Listener, Option<String>), CliError> {
    let wanted = port.unwrap_or(DEFAULT_GATEWAY_PORT);
    let (inner, note) = match TcpListener::bind((Ipv4Addr::LOCALHOST, wanted)).await {
        Ok(l) => (l, None),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && port.is_none() => {
            let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .await
                .map_err(|e| CliError::failure(format!("cannot listen on 127.0.0.1: {e}")))?;
            let note = format!(
                "port {wanted} is taken; listening on port {} instead (`skene agent env` prints the URL to use)",
                l.local_addr().map(|a| a.port()).unwrap_or(0)
            );
            (l, Some(note))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return Err(CliError::failure(format!(
                "port {wanted} on 127.0.0.1 is taken by another program"
            ))
            .hint("pick another with --gateway-port, or --gateway-port 0 for any free port"));
        }
        Err(e) => {
            return Err(CliError::failure(format!(
                "cannot listen on 127.0.0.1:{wanted}: {e}"
            )));
        }
    };
    let addr = inner
        .local_addr()
        .map_err(|e| CliError::failure(format!("cannot listen on 127.0.0.1: {e}")))?;
    Ok((Listener { inner, addr }, note))
}

/// Serves until `stop` resolves, then stops accepting and waits up to `grace`
/// for the requests in flight (streams included) to finish.
pub async fn serve(
    listener: Listener,
    config: Config,
    stop: impl Future<Output = ()>,
    grace: Duration,
) {
    let port = listener.port();
    if config.upstream.is_some() {
        config
            .status
            .set_gateway_url(format!("http://127.0.0.1:{port}/v1"));
    }
    let app = Arc::new(App {
        token: config.token,
        upstream: config.upstream,
        status: config.status,
        logger: config.logger,
        allowed_origins: config.allowed_origins,
        port,
        next_id: AtomicU64::new(1),
    });
    let graceful = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.inner.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        // Out of file descriptors, most likely: let some close.
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                // Small SSE chunks leave at once instead of waiting for an ACK.
                let _ = stream.set_nodelay(true);
                let app = app.clone();
                let service = service_fn(move |req| {
                    let app = app.clone();
                    async move { Ok::<_, Infallible>(handle(app, req).await) }
                });
                let conn = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT)
                    .serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            () = &mut stop => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
}

/// Answers one request and arranges for it to be logged when its body is done.
async fn handle(app: Arc<App>, req: Request<Incoming>) -> Response<Body> {
    let local_id = app.next_id.fetch_add(1, Ordering::Relaxed);
    // Logs the request when dropped: with the answer's body, or here if the
    // caller leaves before there is an answer (this future is then dropped).
    let mut meter = reply::Meter::start(
        app.clone(),
        req.method().to_string(),
        req.uri().path().to_owned(),
        local_id,
    );
    let mut resp = respond(&app, req, &mut meter.facts).await;
    meter.facts.error = resp.extensions().get::<reply::OwnError>().map(|e| e.0);
    meter.answered(resp.status().as_u16());
    resp.body_mut().set_meter(meter);
    resp
}

async fn respond(app: &Arc<App>, req: Request<Incoming>, facts: &mut Facts) -> Response<Body> {
    if let Err(refusal) = guard::host(req.headers(), req.uri(), app.port) {
        return refuse(app, refusal);
    }
    let cors = match guard::origin(req.headers(), &app.allowed_origins) {
        Ok(cors) => cors,
        Err(refusal) => return refuse(app, refusal),
    };
    let mut resp = route(app, req, facts, cors.is_some()).await;
    if let Some(origin) = cors {
        guard::add_cors(&mut resp, origin);
    }
    resp
}

/// The routes, by method and path.
#[derive(Debug, PartialEq, Eq)]
enum Route {
    Chat,
    Models,
    Model(String),
    Status,
    Healthz,
}

/// A request no route takes.
#[derive(Debug, PartialEq, Eq)]
enum Miss {
    /// A known path with another method: the method it takes.
    WrongMethod(&'static str),
    Unknown,
}

fn route_of(method: &Method, path: &str) -> Result<Route, Miss> {
    let (route, allow) = match path {
        "/v1/chat/completions" => (Route::Chat, "POST"),
        "/v1/models" => (Route::Models, "GET"),
        control::STATUS_PATH => (Route::Status, "GET"),
        control::HEALTHZ_PATH => (Route::Healthz, "GET"),
        p => match p.strip_prefix("/v1/models/") {
            Some(id) if !id.is_empty() => (Route::Model(id.to_owned()), "GET"),
            _ => return Err(Miss::Unknown),
        },
    };
    if method.as_str() == allow {
        Ok(route)
    } else {
        Err(Miss::WrongMethod(allow))
    }
}

async fn route(
    app: &Arc<App>,
    req: Request<Incoming>,
    facts: &mut Facts,
    cors: bool,
) -> Response<Body> {
    if cors && guard::is_preflight(req.method(), req.headers()) {
        return guard::preflight(req.headers());
    }
    // Which route, before the token: an unknown path is a 404 for anyone.
    let route = match route_of(req.method(), req.uri().path()) {
        Ok(route) => route,
        Err(miss) => return missed(miss, req.uri().path()),
    };
    let checked = guard::content_type(req.method(), req.headers())
        .and_then(|()| guard::declared_size(req.headers(), BODY_LIMIT));
    if let Err(refusal) = checked {
        return refuse(app, refusal);
    }
    let verdict = authorized(app, req.headers());
    log_token_news(app, verdict.news);
    if !verdict.ok {
        let message = match verdict.problem {
            Some(why) => format!(
                "the agent has no usable local token ({why}): run `skene agent token rotate`, then use the OPENAI_API_KEY that `skene agent env` prints"
            ),
            None => {
                "missing or wrong local token: use the OPENAI_API_KEY that `skene agent env` prints"
                    .to_owned()
            }
        };
        return refuse(app, Refusal::new(401, "invalid_api_key", message));
    }
    match route {
        Route::Chat => gateway::chat(app, req, facts).await,
        Route::Models => gateway::models(app, facts).await,
        Route::Model(id) => gateway::model(app, &id, facts).await,
        Route::Status => control::status(app),
        Route::Healthz => control::healthz(),
    }
}

/// 404 for an unknown path, 405 (with `Allow`) for a known one with another method.
fn missed(miss: Miss, path: &str) -> Response<Body> {
    match miss {
        Miss::Unknown => reply::error(
            404,
            "not_found",
            "unknown route: the agent serves /v1/chat/completions, /v1/models, /status and /healthz",
        ),
        Miss::WrongMethod(allow) => {
            let mut resp = reply::error(
                405,
                "method_not_allowed",
                format!("{path} takes {allow} only"),
            );
            resp.headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(allow));
            resp
        }
    }
}

/// A change of the token file, said once in the log.
fn log_token_news(app: &App, news: Option<News>) {
    match news {
        Some(News::Changed) => app
            .logger
            .info("the local token was replaced (`skene agent token rotate`): the new one is taken, the old one refused"),
        Some(News::Unusable(why)) => app.logger.warn(format!(
            "the local token cannot be used ({why}): every request is refused until `skene agent token rotate` writes a new one"
        )),
        Some(News::Usable) => app.logger.info("the local token file can be used again"),
        None => {}
    }
}

/// A refusal, counted in the status.
pub(crate) fn refuse(app: &App, refusal: Refusal) -> Response<Body> {
    app.status.count_refused();
    refusal.response()
}

/// Whether the request carries the local token as `Authorization: Bearer`
/// (and what the token check found on the way).
fn authorized(app: &App, headers: &HeaderMap) -> Verdict {
    let mut values = headers.get_all(header::AUTHORIZATION).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Verdict::default();
    };
    let bytes = value.as_bytes();
    let Some(token) = bytes
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case(b"bearer "))
        .map(|_| bytes[7..].trim_ascii())
    else {
        return Verdict::default();
    };
    app.token.verify(token)
}

/// Reads a request body of at most [`BODY_LIMIT`] bytes.
pub(crate) async fn read_body(body: Incoming) -> Result<Bytes, Refusal> {
    let read = tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, BODY_LIMIT).collect());
    match read.await {
        Err(_) => Err(Refusal::new(
            408,
            "request_timeout",
            "the request body did not arrive in time",
        )),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            Err(guard::too_large(BODY_LIMIT))
        }
        Ok(Err(_)) => Err(Refusal::new(
            400,
            "bad_request",
            "the request body could not be read",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let get = Method::GET;
        let post = Method::POST;
        assert_eq!(route_of(&post, "/v1/chat/completions"), Ok(Route::Chat));
        assert_eq!(
            route_of(&get, "/v1/chat/completions"),
            Err(Miss::WrongMethod("POST"))
        );
        assert_eq!(route_of(&get, "/v1/models"), Ok(Route::Models));
        assert_eq!(
            route_of(&get, "/v1/models/auto"),
            Ok(Route::Model("auto".into()))
        );
        assert_eq!(route_of(&get, "/v1/models/"), Err(Miss::Unknown));
        assert_eq!(route_of(&get, "/v1/embeddings"), Err(Miss::Unknown));
        assert_eq!(route_of(&get, "/v1/chat/completions/"), Err(Miss::Unknown));
        assert_eq!(route_of(&get, "/status"), Ok(Route::Status));
        assert_eq!(route_of(&get, "/healthz"), Ok(Route::Healthz));
        assert_eq!(route_of(&post, "/healthz"), Err(Miss::WrongMethod("GET")));
        assert_eq!(route_of(&get, "/"), Err(Miss::Unknown));
    }
}
