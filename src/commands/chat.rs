//! `skene chat`: ask the workspace's Agent (OpenAI-compatible), streaming the answer.

use std::io::IsTerminal;

use clap::Args;

use super::Context;
use crate::api::Client;
use crate::api::chat::{ChatEvent, ChatRequest, Message, SseParser, parse_event};
use crate::error::{CliError, ExitKind};
use crate::interrupt::Claim;
use crate::prompt;

#[derive(Debug, Args)]
#[command(after_long_help = "\
Examples:
  skene chat \"How do I add a feature to engine.yaml?\"
  git diff | skene chat \"review this\"        # the instruction, then the piped text
  skene chat                                 # a conversation (on a terminal)
  skene chat --json \"hi\"                     # one JSON object per chunk (NDJSON)

In a conversation: /reset clears the history, /exit, Ctrl-D or Ctrl-C at the prompt
leaves, Ctrl-C during an answer stops it.")]
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
    /// Sampling temperature (a finite number, e.g. 0.7)
    #[arg(long, value_parser = finite)]
    pub temperature: Option<f64>,
    /// The most tokens the answer may have
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u32>,
    /// Ask for the whole answer at once instead of streaming it
    #[arg(long)]
    pub no_stream: bool,
}

/// A number that JSON can carry: not NaN, not infinite.
fn finite(raw: &str) -> Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err("must be a finite number".into()),
        Err(_) => Err(format!("`{raw}` is not a number")),
    }
}

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

pub async fn run(ctx: &Context, args: ChatArgs) -> anyhow::Result<()> {
    let instruction = (!args.prompt.is_empty()).then(|| args.prompt.join(" "));
    let piped = if std::io::stdin().is_terminal() {
        None
    } else {
        let text = tokio::task::spawn_blocking(|| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
        })
        .await
        .map_err(|e| CliError::failure(format!("cannot read standard input: {e}")))?
        .map_err(|e| CliError::input(format!("cannot read the prompt from standard input: {e}")))?;
        (!text.trim().is_empty()).then_some(text)
    };
    let prompt = match (instruction, piped) {
        (Some(i), Some(text)) => format!("{i}\n\n{text}"),
        (Some(i), None) => i,
        (None, Some(text)) => text,
        (None, None) if ctx.can_prompt() => return conversation(ctx, &args).await,
        (None, None) => {
            return Err(
                CliError::usage("no prompt: give one as arguments or on standard input")
                    .hint("skene chat \"your question\", or: echo \"your question\" | skene chat")
                    .into(),
            );
        }
    };
    let session = ctx.authed()?;
    let messages = vec![Message::new("user", prompt)];
    if args.no_stream {
        let answer = session.client.chat(&args.request(messages, false)).await?;
        let p = &ctx.printer;
        if p.json_mode() {
            p.json(&answer)?;
        } else {
            let text = answer
                .pointer("/choices/0/message/content")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            p.stream(text)?;
            if !text.ends_with('\n') {
                p.stream("\n")?;
            }
        }
        return Ok(());
    }
    // One question, one answer: nothing of it is kept.
    stream_answer(ctx, &session.client, &args.request(messages, true), None, 0)
        .await
        .map(drop)
}

/// The most of one answer a conversation keeps for its history.
const HISTORY_KEEP: usize = 1024 * 1024;

/// How a streamed answer ended.
enum Ending {
    Complete(Answer),
    Stopped,
}

/// What an answer brought: whether anything was shown and whether it ended a
/// line, and its first `keep` bytes, kept for the history (an answer can be
/// endless; memory is not).
struct Answer {
    kept: String,
    keep: usize,
    cut: bool,
    shown: bool,
    at_line_start: bool,
}

impl Answer {
    fn new(keep: usize) -> Self {
        Self {
            kept: String::new(),
            keep,
            cut: false,
            shown: false,
            at_line_start: true,
        }
    }

    fn push(&mut self, delta: &str) {
        if delta.is_empty() {
            return;
        }
        self.shown = true;
        self.at_line_start = delta.ends_with('\n');
        if self.cut {
            return;
        }
        let room = self.keep - self.kept.len();
        if delta.len() <= room {
            self.kept.push_str(delta);
        } else {
            let mut end = room;
            while !delta.is_char_boundary(end) {
                end -= 1;
            }
            self.kept.push_str(&delta[..end]);
            self.cut = true;
        }
    }
}

/// Resolves at the next Ctrl-C when there is a claim; never otherwise.
async fn pressed(claim: &mut Option<Claim>) {
    match claim {
        Some(c) => c.pressed().await,
        None => std::future::pending().await,
    }
}

/// Streams one answer to stdout, each delta flushed as it arrives. With a claim on
/// Ctrl-C (taken before the request is sent), Ctrl-C stops the answer, whether it
/// is still awaited or already arriving, instead of the program.
async fn stream_answer(
    ctx: &Context,
    client: &Client,
    request: &ChatRequest,
    mut ctrl_c: Option<Claim>,
    keep: usize,
) -> anyhow::Result<Ending> {
    let p = &ctx.printer;
    let mut response = tokio::select! {
        r = client.chat_stream(request) => r?,
        () = pressed(&mut ctrl_c) => return Ok(Ending::Stopped),
    };
    if response.is_html() {
        return Err(CliError::network(format!(
            "the server answered with an HTML page, not an event stream (from {}): is the URL right?",
            response.url
        ))
        .into());
    }
    let mut parser = SseParser::default();
    let mut text = Answer::new(keep);
    let end_line = |text: &Answer| -> anyhow::Result<()> {
        if !p.json_mode() && text.shown && !text.at_line_start {
            p.stream("\n")?;
        }
        Ok(())
    };
    loop {
        let chunk = tokio::select! {
            chunk = response.chunk() => chunk,
            () = pressed(&mut ctrl_c) => {
                end_line(&text)?;
                return Ok(Ending::Stopped);
            }
        };
        let pushed = match chunk {
            Ok(Some(bytes)) => parser.push(&bytes),
            Ok(None) => {
                end_line(&text)?;
                if let Some(data) = parser.finish()
                    && parse_event(&data) == ChatEvent::Done
                {
                    return Ok(Ending::Complete(text));
                }
                return Err(lost(
                    &text,
                    "the server closed the connection before the answer was complete",
                ));
            }
            Err(e) => {
                end_line(&text)?;
                return Err(lost(&text, &e.to_string()));
            }
        };
        let events = pushed.map_err(|_| {
            CliError::network(format!(
                "the server sent an event larger than {} MiB; stopped reading",
                crate::api::chat::MAX_EVENT / (1024 * 1024)
            ))
        })?;
        for data in events {
            match parse_event(&data) {
                ChatEvent::Chunk { text: delta, raw } => {
                    if p.json_mode() {
                        p.json_line(&raw)?;
                    } else if !delta.is_empty() {
                        p.stream(&delta)?;
                    }
                    text.push(&delta);
                }
                ChatEvent::Done => {
                    end_line(&text)?;
                    // The rest (the stream's end) frees the connection for the next turn.
                    response.finish().await;
                    return Ok(Ending::Complete(text));
                }
                ChatEvent::Error(message) => {
                    end_line(&text)?;
                    return Err(CliError::network(format!(
                        "the answer stopped with an error: {}",
                        crate::output::sanitize::line(&message)
                    ))
                    .into());
                }
            }
        }
    }
}

fn lost(text: &Answer, cause: &str) -> anyhow::Error {
    let what = if !text.shown {
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

/// A conversation on the terminal: the history goes with every question.
async fn conversation(ctx: &Context, args: &ChatArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let session = ctx.authed()?;
    p.status(format!(
        "Chatting with {} on {}. /reset clears the history; /exit, Ctrl-D or Ctrl-C leaves; Ctrl-C stops an answer.",
        args.model,
        session.workspace_label()
    ));
    let mut history: Vec<Message> = Vec::new();
    loop {
        let line = match prompt::read_line(p, "> ") {
            Ok(Some(line)) => line,
            // Ctrl-D, or Ctrl-C at the prompt: leaving a conversation is no error.
            Ok(None) => return Ok(()),
            Err(e) if e.kind == ExitKind::Interrupted => return Ok(()),
            Err(e) => return Err(e.into()),
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
        // One Ctrl-C listener per answer, taken before the question is sent.
        let claim = ctx.interrupts.claim();
        match stream_answer(ctx, &session.client, &request, Some(claim), HISTORY_KEEP).await {
            Ok(Ending::Complete(answer)) => {
                if answer.cut {
                    p.warn("the answer is longer than 1 MiB: the history keeps its first 1 MiB");
                }
                history.push(Message::new("assistant", answer.kept));
            }
            Ok(Ending::Stopped) => {
                history.pop();
                p.status("(answer stopped)");
            }
            Err(e) if crate::error::is_broken_pipe(&e) => return Err(e),
            Err(e) => {
                history.pop();
                p.error(crate::error::render_chain(&e));
                for hint in ctx.classify(&e).1 {
                    p.hint(hint);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_keeps_at_most_its_first_bytes() {
        let mut a = Answer::new(5);
        a.push("ab");
        a.push("cdé");
        assert_eq!((a.kept.as_str(), a.cut), ("abcd", true));
        a.push("more\n");
        assert_eq!(a.kept, "abcd");
        assert!(a.shown && a.at_line_start);
        let mut none = Answer::new(0);
        none.push("text");
        assert!(none.kept.is_empty() && none.shown && !none.at_line_start);
        let mut fits = Answer::new(4);
        fits.push("abcd");
        assert!(!fits.cut);
    }
}
