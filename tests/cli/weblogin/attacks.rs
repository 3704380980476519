//! What the loopback server refuses. The test plays the browser (a `$BROWSER`
//! that only records the URL) and an attacker who found the port: each attack
//! is refused and stores nothing, and the login that follows is the real one.
//! Also: the time limit, Ctrl-C, and no browser to open.

use std::time::{Duration, Instant};

use super::{AuthUrl, Browser, Opener, PATIENCE, Running, fetch, redirect, send};
use crate::support::{Env, OTHER_WS_KEY, OWNER_KEY, Reply};

/// The attacker's key: a valid key of another workspace (`other-app`).
const EVIL: &str = OTHER_WS_KEY;

fn start(env: &mut Env, extra: &[&str]) -> (Running, Browser, AuthUrl) {
    let browser = Browser::install(env, Opener::Record);
    let mut args = vec!["login", "--web", "--store", "file", "--timeout", "100"];
    args.extend_from_slice(extra);
    let running = Running::start(env, &args);
    let url = browser.url();
    (running, browser, url)
}

/// The real page's callback goes through after the attack, and only its key is stored.
fn then_the_real_login_wins(env: &Env, running: Running, url: &AuthUrl) {
    let (status, page) = redirect(url, OWNER_KEY, "my-app", Some(&url.state));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Logged in to Workspace my-app. You can close this tab."));
    let ended = running.finish();
    assert_eq!(ended.code, 0, "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains("Logged in to Workspace my-app (my-app)")
    );
    assert_eq!(ended.stdout, "", "stdout is for data");
    assert!(
        env.files_containing(EVIL).is_empty(),
        "the attacker's key was stored"
    );
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
    let config = std::fs::read_to_string(env.config_dir().join("config.toml")).unwrap();
    assert!(!config.contains("other-app"), "{config}");
}

#[test]
fn a_callback_with_the_wrong_state_is_refused() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    let (status, page) = redirect(&url, EVIL, "other-app", Some("0123abcd"));
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("its state differs"), "{page}");
    let (status, _) = fetch(
        &url,
        &url.origin,
        &format!(
            r#"{{"api_key": "{EVIL}", "slug": "other-app", "state": "{}x"}}"#,
            url.state
        ),
    )
    .unwrap();
    assert_eq!(status, 400);
    assert!(env.cloud.requests_to("/me").is_empty(), "not even checked");
    then_the_real_login_wins(&env, running, &url);
}

#[test]
fn a_post_from_another_origin_is_refused() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    let body = format!(
        r#"{{"api_key": "{EVIL}", "slug": "other-app", "state": "{}"}}"#,
        url.state
    );
    for origin in [
        "https://evil.example",
        "null",
        &format!("{}.evil.example", url.origin),
    ] {
        let (status, answer) = fetch(&url, origin, &body).unwrap();
        assert_eq!(status, 403, "{origin}: {answer}");
        assert!(
            !answer
                .to_ascii_lowercase()
                .contains("access-control-allow-origin"),
            "{answer}"
        );
    }
    // Its preflight is refused too, and the real page's names exactly its origin.
    let preflight = |origin: &str| {
        send(
            url.port,
            &format!(
                "OPTIONS /callback HTTP/1.1\r\nhost: localhost:{}\r\norigin: {origin}\r\n\
                 access-control-request-method: POST\r\naccess-control-request-headers: content-type",
                url.port
            ),
            b"",
        )
        .unwrap()
    };
    assert_eq!(preflight("https://evil.example").0, 403);
    let (status, answer) = preflight(&url.origin);
    assert_eq!(status, 204, "{answer}");
    let lower = answer.to_ascii_lowercase();
    assert!(
        lower.contains(&format!("access-control-allow-origin: {}\r\n", url.origin)),
        "{answer}"
    );
    assert!(
        lower.contains("access-control-allow-private-network: true"),
        "{answer}"
    );
    // A GET that another page fetched carries that page's origin.
    let (status, _) = send(
        url.port,
        &format!(
            "GET /callback?api_key={EVIL}&slug=other-app HTTP/1.1\r\nhost: localhost:{}\r\norigin: https://evil.example",
            url.port
        ),
        b"",
    )
    .unwrap();
    assert_eq!(status, 403);
    then_the_real_login_wins(&env, running, &url);
}

#[test]
fn a_request_for_another_host_is_refused() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    for host in [
        format!("evil.example:{}", url.port),
        format!("localhost:{}", url.port + 1),
        "localhost".to_owned(),
    ] {
        let (status, page) = send(
            url.port,
            &format!(
                "GET /callback?api_key={EVIL}&slug=other-app&state={} HTTP/1.1\r\nhost: {host}",
                url.state
            ),
            b"",
        )
        .unwrap();
        assert_eq!(status, 403, "{host}: {page}");
    }
    // Only /callback is served.
    let other = |method: &str, path: &str| {
        send(
            url.port,
            &format!("{method} {path} HTTP/1.1\r\nhost: localhost:{}", url.port),
            b"",
        )
        .unwrap()
        .0
    };
    assert_eq!(other("GET", "/"), 404);
    assert_eq!(other("GET", "/favicon.ico"), 404);
    assert_eq!(other("DELETE", "/callback"), 405);
    then_the_real_login_wins(&env, running, &url);
}

#[test]
fn an_oversized_body_is_refused() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    let padding = "x".repeat(17 * 1024);
    let body = format!(
        r#"{{"api_key": "{EVIL}", "slug": "other-app", "state": "{}", "padding": "{padding}"}}"#,
        url.state
    );
    let (status, answer) = fetch(&url, &url.origin, &body).unwrap();
    assert_eq!(status, 413, "{answer}");
    then_the_real_login_wins(&env, running, &url);
}

#[test]
fn a_second_callback_after_the_first_is_refused() {
    let mut env = Env::new();
    // The first login is held at its /me check while the second arrives.
    env.cloud
        .script("/me", Reply::Delay(Duration::from_secs(2)));
    let (running, _browser, url) = start(&mut env, &[]);
    let first = std::thread::spawn({
        let (port, state) = (url.port, url.state.clone());
        move || {
            send(
                port,
                &format!(
                    "GET /callback?api_key={OWNER_KEY}&slug=my-app&state={state} HTTP/1.1\r\nhost: localhost:{port}"
                ),
                b"",
            )
            .unwrap()
        }
    });
    let start = Instant::now();
    while env.cloud.started().iter().all(|p| p != "/me") {
        assert!(
            start.elapsed() < PATIENCE,
            "the first callback never reached /me"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let second = send(
        url.port,
        &format!(
            "GET /callback?api_key={EVIL}&slug=other-app&state={} HTTP/1.1\r\nhost: localhost:{}",
            url.state, url.port
        ),
        b"",
    );
    assert!(
        second.is_err(),
        "nothing listens after the first callback: {second:?}"
    );
    let (status, page) = first.join().unwrap();
    assert_eq!(status, 200, "{page}");
    let ended = running.finish();
    assert_eq!(ended.code, 0, "{}", ended.stderr);
    assert!(env.files_containing(EVIL).is_empty());
    assert_eq!(env.cloud.requests_to("/me").len(), 1);
}

#[test]
fn a_callback_after_the_time_limit_is_refused() {
    let mut env = Env::new();
    let browser = Browser::install(&mut env, Opener::Record);
    let running = Running::start(
        &env,
        &["login", "--web", "--store", "file", "--timeout", "2"],
    );
    let url = browser.url();
    let ended = running.finish();
    assert_eq!(ended.code, 1, "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains("no login arrived from the browser within 2 seconds; nothing was stored"),
        "{}",
        ended.stderr
    );
    assert!(ended.stderr.contains("--timeout"), "{}", ended.stderr);
    let late = redirect_attempt(&url);
    assert!(late.is_err(), "{late:?}");
    assert!(!env.config_dir().exists());
}

#[test]
fn a_key_that_me_rejects_exits_4_and_stores_nothing() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    let (status, page) = redirect(
        &url,
        "sk_ws_REVOKED0000000000000000000",
        "my-app",
        Some(&url.state),
    );
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("The login failed: the key the browser delivered was rejected by"),
        "{page}"
    );
    let ended = running.finish();
    assert_eq!(ended.code, 4, "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains("the key the browser delivered was rejected by"),
        "{}",
        ended.stderr
    );
    assert!(!ended.stderr.contains("REVOKED000"), "{}", ended.stderr);
    assert!(!env.config_dir().exists(), "nothing was stored");
}

#[test]
fn a_callback_without_state_needs_a_terminal_or_yes() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    let (status, page) = redirect(&url, OWNER_KEY, "my-app", None);
    assert_eq!(status, 400, "{page}");
    let ended = running.finish();
    assert_eq!(ended.code, 2, "{}", ended.stderr);
    assert!(
        ended
            .stderr
            .contains("did not send back this login's state"),
        "{}",
        ended.stderr
    );
    assert!(
        ended
            .stderr
            .contains("Workspace my-app (my-app) as ada@example.com")
    );
    assert!(ended.stderr.contains("--yes"), "{}", ended.stderr);
    assert!(!env.config_dir().exists(), "nothing was stored");

    // --yes accepts it.
    let (running, _browser, url) = start(&mut env, &["--yes"]);
    let (status, page) = redirect(&url, OWNER_KEY, "my-app", None);
    assert_eq!(status, 200, "{page}");
    assert_eq!(running.finish().code, 0);
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
}

#[test]
fn ctrl_c_while_waiting_exits_130_and_closes_the_port() {
    let mut env = Env::new();
    let (running, _browser, url) = start(&mut env, &[]);
    running.wait_for_stderr("Waiting for the browser");
    // The signal handler is in place once skene waits; leave it a moment.
    std::thread::sleep(Duration::from_millis(300));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &running.pid().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let ended = running.finish();
    assert_eq!(ended.code, 130, "{}", ended.stderr);
    assert!(ended.stderr.contains("interrupted"), "{}", ended.stderr);
    let late = redirect_attempt(&url);
    assert!(late.is_err(), "{late:?}");
    assert!(!env.config_dir().exists());
}

fn redirect_attempt(url: &AuthUrl) -> std::io::Result<(u16, String)> {
    send(
        url.port,
        &format!(
            "GET /callback?api_key={EVIL}&state={} HTTP/1.1\r\nhost: localhost:{}",
            url.state, url.port
        ),
        b"",
    )
}

#[test]
fn without_a_display_the_url_is_printed_and_the_login_still_works() {
    let env = Env::new();
    let running = Running::start(
        &env,
        &["login", "--web", "--store", "file", "--timeout", "100"],
    );
    let stderr = running.wait_for_stderr("Waiting for the browser");
    assert!(
        stderr.contains("cannot open a browser here: no display"),
        "{stderr}"
    );
    let line = stderr
        .lines()
        .find(|l| l.contains("/auth?callback="))
        .unwrap_or_else(|| panic!("the URL is printed: {stderr}"));
    let url = AuthUrl::parse(line.trim().trim_start_matches("warning:").trim());
    assert!(
        stderr.contains(&format!("ssh -L {0}:localhost:{0}", url.port)),
        "{stderr}"
    );
    sign_in(running, &url);
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
}

#[test]
fn quiet_still_prints_the_url() {
    // A browser command that "succeeds" without showing anything leaves the printed
    // URL the only way in: --quiet must not hide it.
    let mut env = Env::new();
    env.set("BROWSER", "/bin/true");
    let running = Running::start(
        &env,
        &[
            "--quiet",
            "login",
            "--web",
            "--store",
            "file",
            "--timeout",
            "100",
        ],
    );
    let stderr = running.wait_for_stderr("/auth?callback=");
    let url = printed_url(&stderr);
    let ended = sign_in(running, &url);
    assert!(
        !ended.stderr.contains("Waiting for the browser"),
        "{}",
        ended.stderr
    );
}

#[test]
fn a_browser_command_with_arguments_and_a_placeholder_is_run_as_written() {
    // `$BROWSER` may carry arguments and a `%s` for the URL (as xdg-open reads it).
    let mut env = Env::new();
    let opened = env.root().join("opened by browser");
    env.set(
        "BROWSER",
        &format!("sh -c 'echo \"$1\" > \"$0\"' '{}' %s", opened.display()),
    );
    let running = Running::start(
        &env,
        &["login", "--web", "--store", "file", "--timeout", "100"],
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let url = loop {
        if let Ok(text) = std::fs::read_to_string(&opened)
            && text.ends_with('\n')
        {
            break text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the browser command never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let url = AuthUrl::parse(url.trim());
    sign_in(running, &url);
}

#[test]
fn a_browser_that_fails_to_open_leaves_the_url_to_open_by_hand() {
    let mut env = Env::new();
    env.set("BROWSER", "/bin/false");
    let running = Running::start(
        &env,
        &[
            "--quiet",
            "login",
            "--web",
            "--store",
            "file",
            "--timeout",
            "100",
        ],
    );
    // The URL is printed first, the failure when the opener has run.
    let stderr = running.wait_for_stderr("could not open the browser");
    assert!(stderr.contains("open the URL above yourself"), "{stderr}");
    let url = printed_url(&stderr);
    sign_in(running, &url);
    assert_eq!(env.files_containing(OWNER_KEY).len(), 1);
}

/// The sign-in URL skene printed on stderr (on a line of its own, indented).
fn printed_url(stderr: &str) -> AuthUrl {
    let line = stderr
        .lines()
        .find(|l| l.contains("/auth?callback="))
        .unwrap_or_else(|| panic!("no sign-in URL printed: {stderr}"));
    AuthUrl::parse(line.trim())
}

/// Delivers the owner's key to `url` as the sign-in page's redirect would, and
/// expects the login to finish with 0.
fn sign_in(running: Running, url: &AuthUrl) -> super::Ended {
    let (status, page) = redirect(url, OWNER_KEY, "my-app", Some(&url.state));
    assert_eq!(status, 200, "{page}");
    let ended = running.finish();
    assert_eq!(ended.code, 0, "{}", ended.stderr);
    ended
}
