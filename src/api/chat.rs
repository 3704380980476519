//! `POST /chat/completions` (OpenAI-compatible, streaming or not) and `GET /models`.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::StreamingResponse;
use super::{ApiError, Client, Request};

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

/// Splits a byte stream into server-sent events: `data:` lines joined until a blank
/// line; comments (`:` lines, keep-alives) and other fields ignored.
#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    data: Vec<String>,
}

impl SseParser {
    /// Feeds bytes; returns the data of every event they completed.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<String> {
        let mut events = Vec::new();
        for &b in bytes {
            if b != b'\n' {
                self.line.push(b);
                continue;
            }
            if self.line.last() == Some(&b'\r') {
                self.line.pop();
            }
            let line = String::from_utf8_lossy(&std::mem::take(&mut self.line)).into_owned();
            if line.is_empty() {
                if !self.data.is_empty() {
                    events.push(std::mem::take(&mut self.data).join("\n"));
                }
            } else if let Some(data) = line.strip_prefix("data:") {
                self.data
                    .push(data.strip_prefix(' ').unwrap_or(data).to_owned());
            }
            // ":" comments, "event:", "id:", "retry:" are ignored.
        }
        events
    }

    /// The data of an event the stream ended without a blank line after.
    pub fn finish(&mut self) -> Option<String> {
        if !self.line.is_empty() {
            let line = String::from_utf8_lossy(&std::mem::take(&mut self.line)).into_owned();
            if let Some(data) = line.strip_prefix("data:") {
                self.data
                    .push(data.strip_prefix(' ').unwrap_or(data).to_owned());
            }
        }
        (!self.data.is_empty()).then(|| std::mem::take(&mut self.data).join("\n"))
    }
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
            .to_owned();
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
    /// A streamed answer; retried only before it starts.
    pub async fn chat_stream(&self, body: &ChatRequest) -> Result<StreamingResponse, ApiError> {
        let mut req = Request::new(Method::POST, paths::CHAT)
            .json(&serde_json::to_value(body).unwrap_or_default());
        req.accept = Some("text/event-stream");
        // Nothing has been shown yet, so a retry repeats nothing the user saw.
        req.idempotent = true;
        req.timeout = Some(std::time::Duration::from_secs(60 * 60));
        self.send_streaming(&req).await
    }

    /// A whole answer, as the server's JSON object.
    pub async fn chat(&self, body: &ChatRequest) -> Result<Value, ApiError> {
        let mut req = Request::new(Method::POST, paths::CHAT)
            .json(&serde_json::to_value(body).unwrap_or_default());
        req.idempotent = true;
        self.send(&req).await?.json()
    }

    pub async fn models(&self) -> Result<Vec<Model>, ApiError> {
        #[derive(Deserialize)]
        struct List {
            #[serde(default)]
            data: Vec<Model>,
        }
        let list: List = self
            .send(&Request::new(Method::GET, paths::MODELS))
            .await?
            .json()?;
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
                events.extend(p.push(piece));
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
        let mut p = SseParser::default();
        assert!(p.push(b"data: a\ndata: b").is_empty());
        assert_eq!(p.finish().as_deref(), Some("a\nb"));
    }
}
