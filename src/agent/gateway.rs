//! The gateway: the workspace's Agent as an OpenAI-compatible endpoint on
//! loopback. A request that passed the server's guards and token is relayed to
//! Skene Cloud with the workspace key from the credential store; the caller's
//! `Authorization` (the local token) never leaves this machine.
//!
//! What comes back is relayed as it is: the status, the body, and the headers
//! that matter to a client's own retry logic (`retry-after`, `x-should-retry`,
//! `x-request-id`…). A streamed answer (`text/event-stream`, or any answer to
//! a request with `"stream": true`) goes on byte for byte as it arrives: not
//! parsed, not re-serialised, not buffered, not compressed; an upstream that
//! fails mid-stream cuts it (no `[DONE]` is made up). Any other answer with a
//! type (a JSON document) is read whole first, up to [`WHOLE_LIMIT`], and sent
//! in one piece with its length: the caller gets it in one write instead of a
//! chunk and then, separately, the end of the chunks; a larger one goes on as
//! it arrives after that. A caller that goes away cancels the upstream request.
//! The gateway answers itself, in OpenAI's error shape, only when the cloud
//! could not be reached or broke off a whole answer (502), was too slow (504),
//! or redirected (502: redirects are not followed).

use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use hyper::body::Incoming;
use serde::Deserialize;

use super::server::reply::{self, Body, Facts};
use super::server::{App, read_body, refuse};
use super::upstream::Upstream;
use crate::api::chat::paths;
use crate::api::{self, ApiError, Payload};

/// The largest answer read whole before it is sent; the rest of a larger one is
/// relayed as it arrives.
pub const WHOLE_LIMIT: usize = 1024 * 1024;

/// Request headers passed on to the cloud; everything else stays here (the
/// local token above all, cookies, `Origin`, `Accept-Encoding`…).
const FORWARDED: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    HeaderName::from_static("idempotency-key"),
];

/// Answer headers not relayed: hop-by-hop ones, and what is the gateway's to say
/// (cookies of another site, CORS, transport security of another origin).
fn relayed(name: &HeaderName) -> bool {
    let n = name.as_str();
    !(matches!(
        n,
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "transfer-encoding"
            | "te"
            | "trailer"
            | "upgrade"
            | "proxy-authenticate"
            | "set-cookie"
            | "alt-svc"
            | "strict-transport-security"
    ) || n.starts_with("access-control-"))
}

/// What the gateway reads of a chat request, for the log; the body is relayed
/// unchanged whatever it holds.
#[derive(Deserialize)]
struct ChatFacts {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    stream: Option<bool>,
}

/// `POST /v1/chat/completions` → `POST <api>/chat/completions`.
pub(super) async fn chat(
    app: &Arc<App>,
    req: Request<Incoming>,
    facts: &mut Facts,
) -> Response<Body> {
    let Some(upstream) = &app.upstream else {
        return no_key();
    };
    let (parts, body) = req.into_parts();
    let bytes = match read_body(body).await {
        Ok(b) => b,
        Err(refusal) => return refuse(app, refusal),
    };
    if let Ok(f) = serde_json::from_slice::<ChatFacts>(&bytes) {
        facts.model = f.model;
        facts.stream = f.stream == Some(true);
    }
    let mut up = api::Request::new(Method::POST, paths::CHAT);
    up.body = Some(Payload::Bytes(bytes));
    pass_headers(&parts.headers, &mut up);
    relay(app, upstream, up, facts).await
}

/// `GET /v1/models` → `GET <api>/models`.
pub(super) async fn models(app: &Arc<App>, facts: &mut Facts) -> Response<Body> {
    let Some(upstream) = &app.upstream else {
        return no_key();
    };
    relay(app, upstream, api::Request::get(paths::MODELS), facts).await
}

/// `GET /v1/models/{id}` → `GET <api>/models/{id}`, the id as one path segment
/// whatever it holds (`openai/gpt-4o` included), never `.` or `..`.
pub(super) async fn model(app: &Arc<App>, raw_id: &str, facts: &mut Facts) -> Response<Body> {
    let Some(upstream) = &app.upstream else {
        return no_key();
    };
    let id = percent_decode(raw_id);
    if id.is_empty() || id == "." || id == ".." {
        return reply::error(404, "model_not_found", "no such model");
    }
    facts.model = Some(id.clone());
    let path = format!("{}/{}", paths::MODELS, api::encode_segment(&id));
    relay(app, upstream, api::Request::get(path), facts).await
}

/// The answer of an agent without a workspace key, which serves its control
/// endpoint but not the gateway: 503 (the gateway is not available; the local
/// token was right), with `x-should-retry: false` because the SDKs' retries
/// would not change it.
fn no_key() -> Response<Body> {
    let mut resp = reply::error(
        503,
        "no_workspace_key",
        "this skene agent has no workspace key, so it forwards events but does not serve the gateway: run `skene login` (or set SKENE_API_KEY), then restart `skene agent run`",
    );
    resp.headers_mut()
        .insert("x-should-retry", HeaderValue::from_static("false"));
    resp
}

fn pass_headers(from: &HeaderMap, to: &mut api::Request) {
    for name in &FORWARDED {
        if let Some(value) = from.get(name) {
            to.headers.push((name.clone(), value.clone()));
        }
    }
}

/// Sends `up` to the cloud and relays its answer.
async fn relay(
    app: &Arc<App>,
    upstream: &Upstream,
    mut up: api::Request,
    facts: &mut Facts,
) -> Response<Body> {
    up.timeout = Some(upstream.timeout);
    up.idle_timeout = Some(upstream.timeout);
    app.status.count_forwarded();
    let mut answer = match upstream.client.forward(&up).await {
        Ok(answer) => answer,
        Err(e) => return upstream_failed(app, &e),
    };
    facts.request_id = answer
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 128 && v.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned);
    if (300..400).contains(&answer.status) {
        let location = answer
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("nowhere")
            .chars()
            .take(200)
            .collect::<String>();
        let message = format!(
            "Skene Cloud answered {} with a redirect to {location}, which the gateway does not follow: is the API URL right?",
            answer.status
        );
        app.status.upstream_error(&message);
        return reply::error(502, "upstream_redirect", message);
    }
    if answer.status == 401 {
        app.logger.warn(&upstream.refused_key);
    }
    let mut resp = Response::new(Body::empty());
    *resp.status_mut() = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY);
    let headers = resp.headers_mut();
    for (name, value) in answer.headers.iter().filter(|(n, _)| relayed(n)) {
        headers.append(name.clone(), value.clone());
    }
    // A stream asked for, or said to be one, or of no stated type, goes on as
    // it comes; only what is known to be a document is read whole.
    if facts.stream
        || is_event_stream(&answer.headers)
        || !answer.headers.contains_key(header::CONTENT_TYPE)
    {
        *resp.body_mut() = Body::relay(Bytes::new(), answer.into_body());
        return resp;
    }
    let declared = answer
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut read = BytesMut::with_capacity(declared.unwrap_or(0).min(WHOLE_LIMIT + 1));
    let body = loop {
        match answer.chunk().await {
            Ok(Some(chunk)) if read.is_empty() && chunk.len() > WHOLE_LIMIT => {
                break Body::relay(chunk, answer.into_body());
            }
            Ok(Some(chunk)) => {
                read.extend_from_slice(&chunk);
                if read.len() > WHOLE_LIMIT {
                    break Body::relay(read.freeze(), answer.into_body());
                }
            }
            Ok(None) => break Body::full(read.freeze()),
            Err(e) => return broke_off(app, &e),
        }
    };
    *resp.body_mut() = body;
    resp
}

/// Whether an answer is a stream of server-sent events.
fn is_event_stream(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("text/event-stream"))
}

/// The gateway's answer when the cloud broke off a whole answer before its end
/// (nothing of it was sent yet).
fn broke_off(app: &App, err: &ApiError) -> Response<Body> {
    app.status
        .upstream_error(&format!("an answer was cut: {err}"));
    match err {
        ApiError::Timeout { .. } | ApiError::Stalled { .. } => reply::error(
            504,
            "upstream_timeout",
            format!("Skene Cloud stopped sending its answer: {err}"),
        ),
        _ => reply::error(
            502,
            "upstream_cut",
            format!("Skene Cloud's answer broke off before its end: {err}"),
        ),
    }
}

/// The gateway's own answer when the cloud could not answer.
fn upstream_failed(app: &App, err: &ApiError) -> Response<Body> {
    app.status.upstream_error(&err.to_string());
    match err {
        ApiError::Timeout { .. } | ApiError::Stalled { .. } => reply::error(
            504,
            "upstream_timeout",
            format!("Skene Cloud did not answer in time: {err}"),
        ),
        ApiError::BadKey => reply::error(
            500,
            "bad_workspace_key",
            "the workspace key in the credential store cannot be sent: run `skene login` again",
        ),
        _ => reply::error(
            502,
            "upstream_unreachable",
            format!("the gateway could not reach Skene Cloud: {err}"),
        ),
    }
}

/// `%XX` sequences decoded (as UTF-8, lossily); anything else kept.
fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_decoded_then_sent_as_one_segment() {
        assert_eq!(percent_decode("gpt-4o"), "gpt-4o");
        assert_eq!(percent_decode("a%2Fb"), "a/b");
        assert_eq!(percent_decode("%2e%2E"), "..");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(
            api::encode_segment(&percent_decode("openai/gpt-4o")),
            "openai%2Fgpt-4o"
        );
    }

    #[test]
    fn hop_by_hop_and_foreign_headers_stay_behind() {
        for kept in [
            "retry-after",
            "x-should-retry",
            "content-type",
            "x-request-id",
            "content-length",
        ] {
            assert!(relayed(&HeaderName::from_static(kept)), "{kept}");
        }
        for dropped in [
            "connection",
            "transfer-encoding",
            "set-cookie",
            "access-control-allow-origin",
        ] {
            assert!(!relayed(&HeaderName::from_static(dropped)), "{dropped}");
        }
    }
}
