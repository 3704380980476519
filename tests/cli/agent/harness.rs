//! What the agent tests share: a running `skene agent run --gateway-only` (the
//! real binary, in the sealed environment), a raw HTTP/1.1 client that sends
//! exactly the bytes a test writes (a forged `Host`, no `Host` at all, a lying
//! `Content-Length`), and the canary workspace key.
// The harness reads its own variables, not skene's registry.
#![allow(clippy::disallowed_methods)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Env, KeyInfo};

/// A workspace key no test prints on purpose: it must appear nowhere but in the
/// requests the fake cloud received.
pub const CANARY: &str = "sk_ws_CANARYcanary0000000000000000000x";

/// An environment whose key is the canary, given as `SKENE_API_KEY`.
pub fn canary_env() -> Env {
    let mut env = Env::new();
    env.cloud.add_key(
        CANARY,
        KeyInfo::new("key_canary", "my-app", "ada@example.com", "owner"),
    );
    env.set("SKENE_API_KEY", CANARY);
    env
}

/// A running agent; killed when dropped.
pub struct Agent {
    child: Child,
    pub port: u16,
    pub token: String,
    stderr: Arc<Mutex<Vec<u8>>>,
    state_path: PathBuf,
}

/// How long the agent may take to start listening.
const START: Duration = Duration::from_secs(20);

impl Agent {
    /// `skene agent run --gateway-only --gateway-port 0 ARGS…`.
    pub fn start(env: &Env, args: &[&str]) -> Self {
        let mut all = vec!["agent", "run", "--gateway-only", "--gateway-port", "0"];
        all.extend_from_slice(args);
        Self::start_raw(env, &all)
    }

    /// `skene ARGS…`, which must start an agent.
    pub fn start_raw(env: &Env, args: &[&str]) -> Self {
        let mut child = env
            .std_skene()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn skene agent run");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let pid = child.id();
        let dir = env.config_dir().join("agent");
        let started = Instant::now();
        loop {
            if let Some((path, state)) = state_of(&dir, pid) {
                let token = std::fs::read_to_string(dir.join("token")).unwrap();
                return Self {
                    child,
                    port: state["port"].as_u64().unwrap() as u16,
                    token: token.trim().to_owned(),
                    stderr,
                    state_path: path,
                };
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "the agent exited with {status} before listening:\n{}",
                    String::from_utf8_lossy(&stderr.lock().unwrap())
                );
            }
            assert!(
                started.elapsed() < START,
                "the agent wrote no state file within {START:?}:\n{}",
                String::from_utf8_lossy(&stderr.lock().unwrap())
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `http://127.0.0.1:<port>/v1`.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.token)
    }

    pub fn state_path(&self) -> &Path {
        &self.state_path
    }

    /// What the agent has logged so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Waits until the log holds `needle` (the log line of a request is written
    /// when its answer is done).
    pub fn wait_for_log(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let log = self.stderr();
            if log.contains(needle) {
                return log;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the agent never logged {needle:?}:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends SIGTERM and waits for the exit; returns the status and the log.
    pub fn stop(mut self) -> (ExitStatus, String) {
        signal(self.child.id(), "TERM");
        let status = wait(&mut self.child, Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(50)); // the last log bytes
        (status, self.stderr())
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The state file (and its JSON) of the agent whose pid is `pid`.
fn state_of(dir: &Path, pid: u32) -> Option<(PathBuf, serde_json::Value)> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json")
            && let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
            && v["pid"] == pid
        {
            return Some((path, v));
        }
    }
    None
}

pub fn signal(pid: u32, name: &str) {
    let ok = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name} {pid}");
}

pub fn wait(child: &mut Child, limit: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < limit,
            "the process did not exit within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// One answer read by [`raw`].
#[derive(Debug)]
pub struct Raw {
    pub status: u16,
    /// Names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
    /// Everything received, as it came.
    pub bytes: Vec<u8>,
    /// A chunked body ended with its last chunk (not cut).
    pub complete: bool,
}

impl Raw {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `error.code` of an OpenAI-shaped error.
    pub fn code(&self) -> String {
        let v = self.json();
        let e = &v["error"];
        assert!(
            e["message"].is_string() && e["type"].is_string() && e.get("param").is_some(),
            "not OpenAI's error shape: {v}"
        );
        e["code"].as_str().unwrap_or_default().to_owned()
    }
}

/// Sends `head` (request line and headers, without the blank line; a
/// `connection: close` is added) and `body` to 127.0.0.1:`port` as they are, and
/// reads the answer to its end.
pub fn raw(port: u16, head: &str, body: &[u8]) -> Raw {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = format!("{head}\r\nconnection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) and close before taking the whole body.
    let _ = stream.write_all(body);
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse(bytes)
}

/// A request with the given headers, a right `Host`, and a JSON body for POSTs.
pub fn request(
    agent: &Agent,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Raw {
    let mut head = format!("{method} {path} HTTP/1.1\r\nhost: {}", agent.host());
    for (n, v) in headers {
        head.push_str(&format!("\r\n{n}: {v}"));
    }
    if method == "POST" {
        head.push_str(&format!("\r\ncontent-length: {}", body.len()));
    }
    raw(agent.port, &head, body.as_bytes())
}

/// An authorised request (the local token, JSON for POSTs).
pub fn authed(agent: &Agent, method: &str, path: &str, body: &str) -> Raw {
    let bearer = agent.bearer();
    let mut headers = vec![("authorization", bearer.as_str())];
    if method == "POST" {
        headers.push(("content-type", "application/json"));
    }
    request(agent, method, path, &headers, body)
}

fn parse(bytes: Vec<u8>) -> Raw {
    let mut reader = BufReader::new(&bytes[..]);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {:?}", String::from_utf8_lossy(&bytes)));
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (n, v) = l.split_once(':').unwrap();
        headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
    }
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let (body, complete) = if chunked {
        dechunk(&rest)
    } else {
        (rest, true)
    };
    Raw {
        status,
        headers,
        body,
        bytes,
        complete,
    }
}

/// A chunked body's data, and whether its last (empty) chunk arrived.
fn dechunk(mut data: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return (out, false);
        };
        let size = std::str::from_utf8(&data[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok());
        let Some(size) = size else {
            return (out, false);
        };
        data = &data[eol + 2..];
        if size == 0 {
            return (out, true);
        }
        if data.len() < size {
            out.extend_from_slice(data);
            return (out, false);
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or_default();
    }
}
