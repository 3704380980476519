//! `POST /chat/completions` (OpenAI-compatible, streaming or not) and `GET /models`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use super::sse::{MAX_EVENT, SseParser, TooLong};
use super::{ApiError, Client, Method, Request, StreamingResponse};

pub mod paths {
    pub const CHAT: &str = "/chat/completions";
    pub const MODELS: &str = "/models";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub role: String,
    pub content: String,
}

impl Message {
    pub fn new(role: &str, content: impl Into<String>) -> Self {
        Self {
            role: role.to_owned(),
            content: content.into(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChatRequest {
    pub model: String,
    pub messages: Vec<Message>,
    pub stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    pub id: String,
    #[serde(flatten)]
    pub rest: serde_json::Map<String, Value>,
}

/// What one server-sent event means.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatEvent {
    /// A chunk; `text` is its delta (possibly empty), `raw` the chunk itself.
    Chunk { text: String, raw: Value },
    /// `data: [DONE]`: the answer is complete.
    Done,
    /// `data: {"error": …}`: the server gave up mid-answer.
    Error(String),
}

/// What the data of one event means.
pub fn parse_event(data: &str) -> ChatEvent {
    if data.trim() == "[DONE]" {
        return ChatEvent::Done;
    }
    let Ok(raw) = serde_json::from_str::<Value>(data) else {
        return ChatEvent::Error(format!(
            "the server sent an unreadable event: {}",
            data.chars().take(80).collect::<String>()
        ));
    };
    if let Some(err) = raw.get("error") {
        let message = err
            .get("message")
            .and_then(Value::as_str)
            .or_else(|| err.as_str())
            .unwrap_or("unknown error")
            .chars()
            .take(300)
            .collect();
        return ChatEvent::Error(message);
    }
    let text = raw
        .pointer("/choices/0/delta/content")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    ChatEvent::Chunk { text, raw }
}

impl Client {
    /// A streamed answer; retried only before it starts. Silence longer than the
    /// client's timeout ends it (keep-alive comments count as activity).
    pub async fn chat_stream(&self, body: &ChatRequest) -> Result<StreamingResponse, ApiError> {
        let mut req = Request::new(Method::POST, paths::CHAT).json(body);
        req.accept = Some("text/event-stream");
        // Nothing has been shown yet, so a retry repeats nothing the user saw.
        req.idempotent = true;
        req.idle_timeout = Some(self.timeout());
        self.open(&req).await
    }

    /// A whole answer, as the server's JSON object. Not retried once sent: the
    /// answer may already have been generated (and billed).
    pub async fn chat(&self, body: &ChatRequest) -> Result<Value, ApiError> {
        let req = Request::new(Method::POST, paths::CHAT).json(body);
        self.send(&req).await?.json()
    }

    pub async fn models(&self) -> Result<Vec<Model>, ApiError> {
        #[derive(Deserialize)]
        struct List {
            #[serde(default)]
            data: Vec<Model>,
        }
        let list: List = self.send(&Request::get(paths::MODELS)).await?.json()?;
        Ok(list.data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_split_however_the_bytes_arrive() {
        let stream = b": keep-alive\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"He\"}}]}\r\n\r\nevent: x\ndata: {\"choices\":[{\"delta\":{\"content\":\"llo\"}}]}\n\ndata: [DONE]\n\n";
        for size in [1, 2, 7, stream.len()] {
            let mut p = SseParser::default();
            let mut events = Vec::new();
            for piece in stream.chunks(size) {
                events.extend(p.push(piece).unwrap());
            }
            assert_eq!(p.finish(), None);
            let parsed: Vec<ChatEvent> = events.iter().map(|e| parse_event(e)).collect();
            assert_eq!(parsed.len(), 3, "{parsed:?}");
            assert!(matches!(&parsed[0], ChatEvent::Chunk { text, .. } if text == "He"));
            assert!(matches!(&parsed[1], ChatEvent::Chunk { text, .. } if text == "llo"));
            assert_eq!(parsed[2], ChatEvent::Done);
        }
    }

    #[test]
    fn errors_and_odd_events() {
        assert_eq!(
            parse_event(r#"{"error": {"message": "overloaded"}}"#),
            ChatEvent::Error("overloaded".into())
        );
        assert_eq!(
            parse_event(r#"{"error": "boom"}"#),
            ChatEvent::Error("boom".into())
        );
        assert!(matches!(parse_event("not json"), ChatEvent::Error(_)));
        assert!(
            matches!(parse_event(r#"{"choices":[{"delta":{}}]}"#), ChatEvent::Chunk { text, .. } if text.is_empty())
        );
    }
}
