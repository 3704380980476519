//! How much latency the agent's gateway adds: the same requests sent to a fast
//! local upstream directly and through `skene agent run --gateway-only` (the
//! release binary), side by side in one run. Non-streaming chat completions at
//! concurrency 1 and 32 (p50 and p99 of the whole request), and the time to the
//! first byte of a streamed answer.
//!
//! Run it with `scripts/bench-gateway` (or `cargo bench --bench gateway -- ARGS`):
//! `--requests N` per measurement at concurrency 1 (default 2000; concurrency 32
//! sends the same number per connection / 8), `--rounds R` (default 4: direct and
//! gateway alternate, so that a busy machine slows both alike), `--skene PATH`
//! (another build, e.g. `target/profiling/skene` for `perf record`).
//! Nothing leaves 127.0.0.1. Goal: at most 1 ms added at p50 and 5 ms at p99.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KEY: &str = "sk_ws_benchmark_not_a_real_key_000000";
const CHAT_BODY: &str =
    r#"{"model":"auto","messages":[{"role":"user","content":"How do I add a feature?"}]}"#;
const STREAM_BODY: &str = r#"{"model":"auto","stream":true,"messages":[{"role":"user","content":"How do I add a feature?"}]}"#;
const ANSWER: &str = r#"{"id":"c1","object":"chat.completion","created":1,"model":"auto","choices":[{"index":0,"message":{"role":"assistant","content":"Add it to engine.yaml under features, with a source and an action, then run skene push."},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":21,"total_tokens":30}}"#;

// --- the upstream ------------------------------------------------------------

/// A body of chunks fed by a task (the streamed answer).
struct Chunks(tokio::sync::mpsc::Receiver<Bytes>);

impl hyper::body::Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;
    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|c| c.map(|b| Ok(Frame::data(b))))
    }
}

enum Out {
    Whole(http_body_util::Full<Bytes>),
    Stream(Chunks),
}

impl hyper::body::Body for Out {
    type Data = Bytes;
    type Error = Infallible;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Out::Whole(b) => std::pin::Pin::new(b).poll_frame(cx),
            Out::Stream(c) => std::pin::Pin::new(c).poll_frame(cx),
        }
    }
}

async fn upstream(req: Request<Incoming>) -> Result<Response<Out>, Infallible> {
    let body = req
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    if !body.windows(13).any(|w| w == b"\"stream\":true") {
        return Ok(Response::builder()
            .header("content-type", "application/json")
            .header("x-request-id", "req_bench")
            .body(Out::Whole(http_body_util::Full::new(Bytes::from_static(
                ANSWER.as_bytes(),
            ))))
            .unwrap());
    }
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    tokio::spawn(async move {
        for i in 0..3 {
            let chunk = format!(
                "data: {{\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"w{i} \"}}}}]}}\n\n"
            );
            if tx.send(Bytes::from(chunk)).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let _ = tx.send(Bytes::from_static(b"data: [DONE]\n\n")).await;
    });
    Ok(Response::builder()
        .header("content-type", "text/event-stream")
        .body(Out::Stream(Chunks(rx)))
        .unwrap())
}

fn start_upstream() -> (SocketAddr, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    rt.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service_fn(upstream))
                    .await;
            });
        }
    });
    (addr, rt)
}

// --- the gateway -------------------------------------------------------------

struct Gateway {
    child: Child,
    port: u16,
    token: String,
    _dir: tempfile::TempDir,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_gateway(upstream: SocketAddr, skene: &str) -> Gateway {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let child = Command::new(skene)
        .env_clear()
        .args(["agent", "run", "--gateway-only", "--gateway-port", "0"])
        .env("HOME", dir.path())
        .env("PATH", "/usr/bin:/bin")
        .env("SKENE_CONFIG_DIR", &config)
        .env("SKENE_API_URL", format!("http://{upstream}/api/v1"))
        .env("SKENE_API_KEY", KEY)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start skene agent run");
    let mut gateway = Gateway {
        child,
        port: 0,
        token: String::new(),
        _dir: dir,
    };
    let started = Instant::now();
    loop {
        if let Some(port) = state_port(&config.join("agent")) {
            let token = std::fs::read_to_string(config.join("agent/token")).unwrap();
            gateway.port = port;
            gateway.token = token.trim().to_owned();
            return gateway;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the gateway did not start"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn state_port(dir: &Path) -> Option<u16> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        if entry.path().extension().is_some_and(|e| e == "json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.path()).ok()?).ok()?;
            return v["port"].as_u64().map(|p| p as u16);
        }
    }
    None
}

// --- the client ----------------------------------------------------------------

/// Where a measurement sends its requests.
#[derive(Clone)]
struct Target {
    port: u16,
    path: &'static str,
    auth: String,
}

impl Target {
    fn request(&self, body: &str) -> Vec<u8> {
        format!(
            "POST {} HTTP/1.1\r\nhost: 127.0.0.1:{}\r\nauthorization: Bearer {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            self.path,
            self.port,
            self.auth,
            body.len()
        )
        .into_bytes()
    }
}

/// One keep-alive connection; returns (time to the first body byte, whole time).
async fn exchange(conn: &mut TcpStream, req: &[u8], buf: &mut Vec<u8>) -> (Duration, Duration) {
    let started = Instant::now();
    conn.write_all(req).await.unwrap();
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    let mut head_end = None;
    let mut first_byte = None;
    loop {
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(n > 0, "the server closed the connection");
        buf.extend_from_slice(&chunk[..n]);
        if head_end.is_none() {
            head_end = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|p| p + 4);
        }
        let Some(start) = head_end else { continue };
        let head = String::from_utf8_lossy(&buf[..start]).to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        if buf.len() > start && first_byte.is_none() {
            first_byte = Some(started.elapsed());
        }
        let body = &buf[start..];
        let done = match head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
        {
            Some(len) => body.len() >= len,
            None => body.ends_with(b"0\r\n\r\n"),
        };
        if done {
            return (first_byte.unwrap_or_default(), started.elapsed());
        }
    }
}

/// `concurrency` connections sending `per_conn` requests each; every request's
/// time to first byte and whole time.
async fn measure(
    target: Target,
    body: &'static str,
    concurrency: usize,
    per_conn: usize,
) -> Vec<(Duration, Duration)> {
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            let mut conn = TcpStream::connect(("127.0.0.1", target.port))
                .await
                .unwrap();
            conn.set_nodelay(true).unwrap();
            let req = target.request(body);
            let mut buf = Vec::new();
            // Warm the connection (and the gateway's upstream pool) first.
            exchange(&mut conn, &req, &mut buf).await;
            let mut times = Vec::with_capacity(per_conn);
            for _ in 0..per_conn {
                times.push(exchange(&mut conn, &req, &mut buf).await);
            }
            times
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

struct Row {
    name: String,
    direct: Vec<f64>,
    gateway: Vec<f64>,
}

impl Row {
    fn print(&mut self) {
        self.direct.sort_by(f64::total_cmp);
        self.gateway.sort_by(f64::total_cmp);
        let (d50, d99) = (
            percentile(&self.direct, 0.5),
            percentile(&self.direct, 0.99),
        );
        let (g50, g99) = (
            percentile(&self.gateway, 0.5),
            percentile(&self.gateway, 0.99),
        );
        println!(
            "{:<36} {:>7.3} {:>7.3}   {:>7.3} {:>7.3}   {:>+7.3} {:>+7.3}   {:>5.2}x {:>5.2}x",
            self.name,
            d50,
            d99,
            g50,
            g99,
            g50 - d50,
            g99 - d99,
            g50 / d50,
            g99 / d99
        );
    }
}

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn number(name: &str, default: usize) -> usize {
    arg(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The CPU time a process has used so far, (user, system) (Linux).
fn cpu_time(pid: u32) -> Option<(Duration, Duration)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // USER_HZ is 100 on every Linux this runs on.
    let ticks = |i: usize| {
        fields
            .get(i)?
            .parse::<u64>()
            .ok()
            .map(|t| Duration::from_millis(t * 10))
    };
    Some((ticks(11)?, ticks(12)?))
}

fn main() {
    let requests = number("--requests", 2000);
    let rounds = number("--rounds", 4).max(1);
    let skene = arg("--skene").unwrap_or_else(|| env!("CARGO_BIN_EXE_skene").to_owned());
    let (upstream_addr, _upstream) = start_upstream();
    let gateway = start_gateway(upstream_addr, &skene);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let direct_chat = Target {
        port: upstream_addr.port(),
        path: "/api/v1/chat/completions",
        auth: KEY.into(),
    };
    let via_chat = Target {
        port: gateway.port,
        path: "/v1/chat/completions",
        auth: gateway.token.clone(),
    };
    let per_round = (requests / rounds).max(1);
    let per_conn_32 = (requests / 8 / rounds).max(1);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut rows = vec![
        Row {
            name: format!("chat, concurrency 1 (n={})", per_round * rounds),
            direct: vec![],
            gateway: vec![],
        },
        Row {
            name: format!("chat, concurrency 32 (n={})", per_conn_32 * 32 * rounds),
            direct: vec![],
            gateway: vec![],
        },
        Row {
            name: format!("stream, time to first byte (n={})", per_round * rounds / 4),
            direct: vec![],
            gateway: vec![],
        },
    ];
    let mut gateway_cpu = (Duration::ZERO, Duration::ZERO);
    let mut gateway_requests = 0;
    for _ in 0..rounds {
        for (target, side) in [(&direct_chat, 0), (&via_chat, 1)] {
            let cpu_before = cpu_time(gateway.child.id());
            let runs = [
                (
                    0,
                    rt.block_on(measure(target.clone(), CHAT_BODY, 1, per_round)),
                ),
                (
                    1,
                    rt.block_on(measure(target.clone(), CHAT_BODY, 32, per_conn_32)),
                ),
                (
                    2,
                    rt.block_on(measure(
                        target.clone(),
                        STREAM_BODY,
                        1,
                        (per_round / 4).max(1),
                    )),
                ),
            ];
            if side == 1
                && let (Some(before), Some(after)) = (cpu_before, cpu_time(gateway.child.id()))
            {
                gateway_cpu.0 += after.0 - before.0;
                gateway_cpu.1 += after.1 - before.1;
                gateway_requests += runs.iter().map(|(_, t)| t.len()).sum::<usize>() + 34;
            }
            for (row, times) in runs {
                let pick = |(first, whole): (Duration, Duration)| {
                    if row == 2 { ms(first) } else { ms(whole) }
                };
                let values = times.into_iter().map(pick);
                if side == 0 {
                    rows[row].direct.extend(values);
                } else {
                    rows[row].gateway.extend(values);
                }
            }
        }
    }
    println!(
        "skene gateway benchmark — {} CPUs, {rounds} rounds alternating direct and gateway, times in ms",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "{:<36} {:>15}   {:>15}   {:>15}   {:>13}",
        "", "direct p50 p99", "gateway p50 p99", "added p50 p99", "ratio p50 p99"
    );
    for row in &mut rows {
        row.print();
    }
    if gateway_requests > 0 {
        // Where a saturated run's added latency comes from: at concurrency c on
        // n CPUs shared with the client and the upstream, each request waits
        // for about c × (this) / n of gateway CPU.
        let per = |d: Duration| d.as_secs_f64() * 1e6 / gateway_requests as f64;
        println!(
            "gateway CPU time: {:.0} µs per request ({:.0} user + {:.0} system, {gateway_requests} requests)",
            per(gateway_cpu.0 + gateway_cpu.1),
            per(gateway_cpu.0),
            per(gateway_cpu.1)
        );
    }
    println!("goal: at most +1 ms at p50 and +5 ms at p99");
}
