//! `skene chat` (streaming, OpenAI-compatible) and `skene models`.

use std::io::{IsTerminal, Read};

use clap::Args;
use serde_json::json;

use super::{Context, block_on};
use crate::api::chat::{ChatEvent, ChatRequest, Message, SseParser, parse_event};
use crate::api::{ApiError, Client};
use crate::error::{CliError, ExitKind};
use crate::prompt;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene chat \"How do I add a feature to engine.yaml?\"
  git diff | skene chat \"review this\"        # the instruction, then the piped text
  skene chat                                 # a conversation (on a terminal)
  skene chat --json \"hi\"                     # one JSON object per chunk (NDJSON)

In a conversation: /reset clears the history, /exit or Ctrl-D leaves, Ctrl-C stops
the current answer (a second Ctrl-C leaves).")]
pub struct ChatArgs {
    /// The prompt; without one, standard input is read (or, on a terminal, a conversation starts)
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,
    /// The model
    #[arg(long, default_value = "auto")]
    pub model: String,
    /// A system message sent before the conversation
    #[arg(long, value_name = "TEXT")]
    pub system: Option<String>,
    /// Sampling temperature
    #[arg(long)]
    pub temperature: Option<f64>,
    /// The most tokens the answer may have
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u32>,
    /// Ask for the whole answer at once instead of streaming it
    #[arg(long)]
    pub no_stream: bool,
}

#[derive(Debug, Args)]
pub struct ModelsArgs {}

impl ChatArgs {
    fn request(&self, messages: Vec<Message>, stream: bool) -> ChatRequest {
        let mut all = Vec::new();
        if let Some(system) = &self.system {
            all.push(Message::new("system", system.clone()));
        }
        all.extend(messages);
        ChatRequest {
            model: self.model.clone(),
            messages: all,
            stream,
            temperature: self.temperature,
            max_tokens: self.max_tokens,
        }
    }
}

pub fn run(ctx: &Context, args: ChatArgs) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let instruction = (!args.prompt.is_empty()).then(|| args.prompt.join(" "));
    let piped = if stdin.is_terminal() {
        None
    } else {
        let mut text = String::new();
        stdin.lock().read_to_string(&mut text).map_err(|e| {
            CliError::input(format!("cannot read the prompt from standard input: {e}"))
        })?;
        (!text.trim().is_empty()).then_some(text)
    };
    let prompt = match (instruction, piped) {
        (Some(i), Some(text)) => format!("{i}\n\n{text}"),
        (Some(i), None) => i,
        (None, Some(text)) => text,
        (None, None) if ctx.can_prompt() => return conversation(ctx, &args),
        (None, None) => {
            return Err(
                CliError::usage("no prompt: give one as arguments or on standard input")
                    .hint("skene chat \"your question\", or: echo \"your question\" | skene chat")
                    .into(),
            );
        }
    };
    let (client, _, _) = ctx.authed()?;
    let messages = vec![Message::new("user", prompt)];
    if args.no_stream {
        let answer = block_on(client.chat(&args.request(messages, false)))??;
        let p = &ctx.printer;
        if p.json_mode() {
            p.json(&answer);
        } else {
            let text = answer
                .pointer("/choices/0/message/content")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            p.stream(text);
            if !text.ends_with('\n') {
                p.stream("\n");
            }
        }
        return Ok(());
    }
    block_on(stream_answer(
        ctx,
        &client,
        &args.request(messages, true),
        false,
    ))?
    .map(drop)
}

/// How a streamed answer ended.
enum Ending {
    Complete(String),
    Stopped,
}

/// Streams one answer to stdout, each delta flushed as it arrives. With
/// `interruptible`, Ctrl-C stops the answer instead of the program.
async fn stream_answer(
    ctx: &Context,
    client: &Client,
    request: &ChatRequest,
    interruptible: bool,
) -> anyhow::Result<Ending> {
    let p = &ctx.printer;
    let mut response = client.chat_stream(request).await.map_err(explain)?;
    let mut parser = SseParser::default();
    let mut text = String::new();
    let end_line = |text: &str| {
        if !p.json_mode() && !text.is_empty() && !text.ends_with('\n') {
            p.stream("\n");
        }
    };
    loop {
        let chunk = if interruptible {
            tokio::select! {
                chunk = response.chunk() => chunk,
                _ = tokio::signal::ctrl_c() => {
                    end_line(&text);
                    return Ok(Ending::Stopped);
                }
            }
        } else {
            response.chunk().await
        };
        let events = match chunk {
            Ok(Some(bytes)) => parser.push(&bytes),
            Ok(None) => {
                let last = parser.finish();
                if let Some(data) = last
                    && parse_event(&data) == ChatEvent::Done
                {
                    end_line(&text);
                    return Ok(Ending::Complete(text));
                }
                end_line(&text);
                return Err(lost(
                    &text,
                    "the server closed the connection before the answer was complete",
                ));
            }
            Err(e) => {
                end_line(&text);
                let cause = client.stream_error(&response.url, &e);
                return Err(lost(&text, &cause.to_string()));
            }
        };
        for data in events {
            match parse_event(&data) {
                ChatEvent::Chunk { text: delta, raw } => {
                    if p.json_mode() {
                        p.json_line(&raw);
                    } else if !delta.is_empty() {
                        p.stream(&delta);
                    }
                    text.push_str(&delta);
                }
                ChatEvent::Done => {
                    end_line(&text);
                    return Ok(Ending::Complete(text));
                }
                ChatEvent::Error(message) => {
                    end_line(&text);
                    return Err(CliError::new(
                        ExitKind::Network,
                        format!("the answer stopped with an error: {message}"),
                    )
                    .into());
                }
            }
        }
    }
}

fn lost(text: &str, cause: &str) -> anyhow::Error {
    let what = if text.is_empty() {
        "no answer arrived"
    } else {
        "the answer above is incomplete"
    };
    CliError::new(
        ExitKind::Network,
        format!("the connection was lost mid-answer ({cause}); {what}"),
    )
    .into()
}

fn explain(err: ApiError) -> anyhow::Error {
    if err.is_auth() {
        anyhow::Error::new(err).context(
            CliError::auth("the key was refused").hint("run `skene login`, or check SKENE_API_KEY"),
        )
    } else {
        anyhow::Error::new(err)
    }
}

/// A conversation on the terminal: the history goes with every question.
fn conversation(ctx: &Context, args: &ChatArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let (client, endpoint, creds) = ctx.authed()?;
    let workspace = Context::workspace_label(&endpoint, &creds);
    p.status(format!(
        "Chatting with {} on {workspace}. /reset clears the history; /exit or Ctrl-D leaves; Ctrl-C stops an answer.",
        args.model
    ));
    let mut history: Vec<Message> = Vec::new();
    loop {
        let Some(line) = prompt::read_line(p, "> ")? else {
            return Ok(());
        };
        let line = line.trim();
        match line {
            "" => continue,
            "/exit" | "/quit" => return Ok(()),
            "/reset" => {
                history.clear();
                p.status("History cleared.");
                continue;
            }
            _ => {}
        }
        history.push(Message::new("user", line));
        let request = args.request(history.clone(), true);
        match block_on(stream_answer(ctx, &client, &request, true))? {
            Ok(Ending::Complete(answer)) => history.push(Message::new("assistant", answer)),
            Ok(Ending::Stopped) => {
                history.pop();
                p.status("(answer stopped; Ctrl-C again to leave)");
            }
            Err(e) => {
                history.pop();
                p.error(crate::error::render_chain(&e));
            }
        }
    }
}

pub fn models(ctx: &Context, _args: ModelsArgs) -> anyhow::Result<()> {
    let (client, _, _) = ctx.authed()?;
    let models = block_on(client.models())?.map_err(explain)?;
    let p = &ctx.printer;
    if p.json_mode() {
        p.json(&json!({"data": models}));
    } else {
        for m in &models {
            p.data(&m.id);
        }
    }
    Ok(())
}
