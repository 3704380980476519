//! `POST /chat/completions` (OpenAI-compatible, streamed as server-sent events
//! or whole) and `GET /models`: also the upstream the local agent's gateway
//! forwards to. Without a script, a chat answer echoes the last user message.

use std::time::Duration;

use bytes::Bytes;
use serde_json::json;

use super::super::router::{Auth, Call, Route, error};
use super::super::transport::{self, Resp, Tail};

pub fn routes() -> Vec<Route> {
    vec![
        Route::api("POST", "/chat/completions", Auth::Key, completions),
        Route::api("GET", "/models", Auth::Key, models),
        Route::api("GET", "/models/{id}", Auth::Key, model),
    ]
}

/// How the next `POST /chat/completions` answers, instead of echoing the last
/// message. (A status, `Retry-After` or an HTML page: [`super::super::FakeCloud::script`].)
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
    /// `data: [DONE]`.
    Done,
    /// An error event, `data: {"error": …}`, then the end of the body.
    Error(String),
    /// Close the connection without `[DONE]`.
    Drop,
    /// Send nothing more, and never end (a stalled upstream).
    Stall,
}

/// One SSE event carrying a chunk with `delta` as its content.
pub fn sse_chunk(delta: &str) -> String {
    let c = json!({"id": "c1", "object": "chat.completion.chunk",
                   "choices": [{"index": 0, "delta": {"content": delta}, "finish_reason": null}]});
    format!("data: {c}\n\n")
}

fn completions(call: &mut Call<'_>) -> Resp {
    let scripted = call.cloud.chat.pop_front();
    let body = call.req.json();
    let last = body["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or_default()
        .to_owned();
    if body["stream"] != true {
        return transport::json(
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
    let mut chunks = vec![(Duration::ZERO, Bytes::from_static(b": keep-alive\n\n"))];
    chunks.extend(deltas.iter().map(|d| (pause, Bytes::from(sse_chunk(d)))));
    let tail = match end {
        StreamEnd::Done => {
            chunks.push((Duration::ZERO, Bytes::from_static(b"data: [DONE]\n\n")));
            Tail::Close
        }
        StreamEnd::Error(message) => {
            let e = json!({"error": {"code": "upstream", "message": message}});
            chunks.push((Duration::ZERO, Bytes::from(format!("data: {e}\n\n"))));
            Tail::Close
        }
        StreamEnd::Drop => Tail::Drop,
        StreamEnd::Stall => Tail::Stall,
    };
    transport::stream(
        200,
        &[
            ("content-type", "text/event-stream"),
            ("cache-control", "no-cache"),
        ],
        chunks,
        tail,
        &call.conn,
    )
}

fn models(call: &mut Call<'_>) -> Resp {
    let data: Vec<_> = call
        .cloud
        .models
        .iter()
        .map(|id| json!({"id": id, "object": "model"}))
        .collect();
    transport::json(200, json!({"object": "list", "data": data}))
}

fn model(call: &mut Call<'_>) -> Resp {
    let id = call.param("id");
    if call.cloud.models.iter().any(|m| m == id) {
        transport::json(200, json!({"id": id, "object": "model"}))
    } else {
        error(404, "model_not_found", &format!("no model {id}"))
    }
}
