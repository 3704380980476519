//! `skene login --web` and the interactive choice of the browser: a real
//! headless Chromium against the fake cloud's `/auth` page (`browser.rs`), the
//! attacks the loopback server must refuse (`attacks.rs`), and the prompts on a
//! pseudo-terminal (`pty.rs`).
//!
//! `$BROWSER` is a shell script written by the test into its sandbox: it dumps
//! its environment and the URL to files, then (for Chromium) loads the URL
//! headless and saves the DOM of the page it ends on.
#![cfg(unix)]

mod attacks;
mod browser;
mod pty;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::Env;

/// How long a test waits for something skene or the browser does, at most.
/// Generous: Chromium starts slowly on a loaded two-core machine.
pub const PATIENCE: Duration = Duration::from_secs(120);

/// What the `$BROWSER` script does with the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    /// Records it (the test plays the browser).
    Record,
    /// Records it, then loads it in headless Chromium.
    Chromium,
}

/// The `$BROWSER` of one test and the files it writes, in a directory of its
/// own (outside skene's sandbox: a browser profile keeps the URLs it visited).
pub struct Browser {
    dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Browser {
    /// Writes the script into `env`'s sandbox and makes it `$BROWSER`.
    pub fn install(env: &mut Env, opener: Opener) -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("skene-browser-")
            .tempdir()
            .unwrap();
        let dir = tmp.path().to_path_buf();
        let mut script = format!(
            "#!/bin/sh\n\
             # $BROWSER of a skene test: records its environment and the URL.\n\
             dir='{dir}'\n\
             env > \"$dir/env.tmp\" && mv \"$dir/env.tmp\" \"$dir/env.txt\"\n\
             printf '%s\\n' \"$1\" > \"$dir/url.tmp\" && mv \"$dir/url.tmp\" \"$dir/url.txt\"\n",
            dir = dir.display()
        );
        if opener == Opener::Chromium {
            let chromium = chromium();
            // --virtual-time-budget lets the page's fetch finish before the DOM is dumped.
            script.push_str(&format!(
                "timeout 150 '{chromium}' --headless --no-sandbox --disable-gpu \
                 --disable-background-networking --disable-component-update --disable-sync \
                 --no-first-run --no-default-browser-check --user-data-dir=\"$dir/profile\" \
                 --virtual-time-budget=60000 --dump-dom \"$1\" > \"$dir/dom.tmp\" 2> \"$dir/chromium.log\"\n\
                 code=$?\n\
                 mv \"$dir/dom.tmp\" \"$dir/dom.html\"\n\
                 echo $code > \"$dir/done\"\n",
                chromium = chromium.display()
            ));
        }
        let path = dir.join("open");
        std::fs::write(&path, script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        env.set("BROWSER", &path.display().to_string());
        Self { dir, _tmp: tmp }
    }

    /// The URL the browser was given, once it was.
    pub fn url(&self) -> AuthUrl {
        let text = wait_for_file(&self.dir.join("url.txt"), "the browser to be opened");
        AuthUrl::parse(text.trim())
    }

    /// Whether skene opened the browser at all.
    pub fn opened(&self) -> bool {
        self.dir.join("url.txt").exists()
    }

    /// The environment the browser got, `NAME=value` lines.
    pub fn env(&self) -> String {
        wait_for_file(&self.dir.join("env.txt"), "the browser's environment")
    }

    /// The DOM of the page Chromium ended on, once it exited.
    pub fn dom(&self) -> String {
        let code = wait_for_file(&self.dir.join("done"), "Chromium to dump the page");
        let dom = std::fs::read_to_string(self.dir.join("dom.html")).unwrap_or_default();
        let log = std::fs::read_to_string(self.dir.join("chromium.log")).unwrap_or_default();
        assert_eq!(
            code.trim(),
            "0",
            "Chromium failed; its log:\n{log}\nDOM:\n{dom}"
        );
        dom
    }
}

/// Chromium on PATH (Debian's `chromium`); the test fails loudly without it.
fn chromium() -> PathBuf {
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] {
        let p = Path::new(dir).join("chromium");
        if p.exists() {
            return p;
        }
    }
    panic!(
        "chromium is not installed: the browser login tests need a real browser \
         (`apt-get install chromium`; .ci/run installs it)"
    );
}

/// Polls for a file written atomically; its contents.
fn wait_for_file(path: &Path, what: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            return text;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "gave up waiting for {what} after {PATIENCE:?} ({})",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The parts of `<origin>/auth?callback=http://localhost:<port>/callback&state=…`.
#[derive(Debug)]
pub struct AuthUrl {
    pub full: String,
    pub origin: String,
    pub callback: String,
    pub port: u16,
    pub state: String,
}

impl AuthUrl {
    pub fn parse(full: &str) -> Self {
        let url = url::Url::parse(full).unwrap_or_else(|e| panic!("{full}: {e}"));
        let param = |name: &str| {
            url.query_pairs()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.into_owned())
                .unwrap_or_else(|| panic!("no {name} in {full}"))
        };
        let callback = param("callback");
        let port = callback
            .strip_prefix("http://localhost:")
            .and_then(|r| r.strip_suffix("/callback"))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected callback {callback}"));
        assert_eq!(url.path(), "/auth", "{full}");
        Self {
            full: full.to_owned(),
            origin: url.origin().ascii_serialization(),
            callback,
            port,
            state: param("state"),
        }
    }
}

/// skene running in the background, its output collected as it comes.
pub struct Running {
    child: Option<Child>,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

/// How a background skene ended.
#[derive(Debug)]
pub struct Ended {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

fn collect(
    mut from: impl Read + Send + 'static,
    into: Arc<Mutex<String>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    })
}

impl Running {
    pub fn start(env: &Env, args: &[&str]) -> Self {
        let mut child = env
            .std_skene()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start skene");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let readers = vec![
            collect(child.stdout.take().unwrap(), stdout.clone()),
            collect(child.stderr.take().unwrap(), stderr.clone()),
        ];
        Self {
            child: Some(child),
            stdout,
            stderr,
            readers,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().unwrap().id()
    }

    /// stderr so far, once it contains `text`.
    pub fn wait_for_stderr(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let now = self.stderr.lock().unwrap().clone();
            if now.contains(text) {
                return now;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "skene never wrote {text:?}; stderr so far:\n{now}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for skene to exit (killing it, and failing, after [`PATIENCE`]).
    pub fn finish(mut self) -> Ended {
        let mut child = self.child.take().unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > PATIENCE {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "skene did not finish within {PATIENCE:?}\nstderr:\n{}",
                    self.stderr.lock().unwrap()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        use std::os::unix::process::ExitStatusExt;
        let code = status
            .code()
            .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
        Ended {
            code,
            stdout: self.stdout.lock().unwrap().clone(),
            stderr: self.stderr.lock().unwrap().clone(),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One request on a new connection to 127.0.0.1:`port`: the status and the
/// whole answer, or the connection error (refused: nothing listens).
pub fn send(port: u16, head: &str, body: &[u8]) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(PATIENCE))?;
    let request = format!(
        "{head}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(request.as_bytes())?;
    // A refusal may come before the whole body is read.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, text))
}

/// The callback as the sign-in page's redirect would deliver it.
pub fn redirect(url: &AuthUrl, key: &str, slug: &str, state: Option<&str>) -> (u16, String) {
    let mut query = format!("api_key={key}&model=auto&slug={slug}");
    if let Some(s) = state {
        query.push_str(&format!("&state={s}"));
    }
    send(
        url.port,
        &format!(
            "GET /callback?{query} HTTP/1.1\r\nhost: localhost:{}",
            url.port
        ),
        b"",
    )
    .expect("the callback server answers")
}

/// The callback as the sign-in page's fetch would deliver it.
pub fn fetch(url: &AuthUrl, origin: &str, body: &str) -> std::io::Result<(u16, String)> {
    send(
        url.port,
        &format!(
            "POST /callback HTTP/1.1\r\nhost: localhost:{}\r\norigin: {origin}\r\ncontent-type: application/json",
            url.port
        ),
        body.as_bytes(),
    )
}
