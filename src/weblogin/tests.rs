//! The server over real loopback sockets, with a raw HTTP/1.1 client.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::*;

const UP: &str = "https://auth.example.com";
/// A key-shaped string made at run time, so that none sits in the source.
fn fake_key() -> String {
    format!("{}{}", crate::secret::KEY_PREFIX, "0123456789abcdef0123")
}

/// Sends `head` (and `body`) on a new connection; the status and the whole answer.
async fn send(port: u16, head: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let req = format!(
        "{head}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out)).await;
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn state_of(server: &Server) -> String {
    let url = server.auth_url();
    url.rsplit_once("state=").unwrap().1.to_owned()
}

#[tokio::test]
async fn the_auth_url_names_the_callback_and_a_long_state() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    let url = server.auth_url();
    assert!(
        url.starts_with(&format!(
            "{UP}/auth?callback=http://localhost:{port}/callback&state="
        )),
        "{url}"
    );
    let state = state_of(&server);
    assert_eq!(state.len(), 64);
    assert!(state.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(server.addrs().iter().all(|a| a.ip().is_loopback()));
    assert!(server.addrs().iter().all(|a| a.port() == port));
}

#[tokio::test]
async fn refusals_keep_the_wait_going_then_one_callback_is_taken() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    let state = state_of(&server);
    let host = format!("host: localhost:{port}");
    let waiting = tokio::spawn(server.wait(Duration::from_secs(30)));

    let (status, text) = send(
        port,
        &format!(
            "GET /callback?api_key={} HTTP/1.1\r\nhost: evil.example:{port}",
            fake_key()
        ),
        "",
    )
    .await;
    assert_eq!(status, 403, "{text}");
    let (status, _) = send(port, &format!("GET /other HTTP/1.1\r\n{host}"), "").await;
    assert_eq!(status, 404);
    let (status, text) = send(port, &format!("PUT /callback HTTP/1.1\r\n{host}"), "").await;
    assert_eq!(status, 405);
    assert!(text.contains("allow: GET, POST, OPTIONS"), "{text}");
    let (status, _) = send(
        port,
        &format!("POST /callback HTTP/1.1\r\n{host}\r\norigin: https://evil.example"),
        &format!(r#"{{"api_key": "{}"}}"#, fake_key()),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        port,
        &format!("POST /callback HTTP/1.1\r\n{host}\r\norigin: {UP}"),
        &"x".repeat(MAX_BODY + 1),
    )
    .await;
    assert_eq!(status, 413);
    let (status, text) = send(
        port,
        &format!(
            "GET /callback?api_key={}&state=nope HTTP/1.1\r\n{host}",
            fake_key()
        ),
        "",
    )
    .await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("content-security-policy: default-src 'none'"));

    // The preflight names exactly the upstream's origin.
    let (status, text) = send(
        port,
        &format!(
            "OPTIONS /callback HTTP/1.1\r\n{host}\r\norigin: {UP}\r\n\
             access-control-request-method: POST\r\naccess-control-request-headers: content-type\r\n\
             access-control-request-private-network: true"
        ),
        "",
    )
    .await;
    assert_eq!(status, 204, "{text}");
    assert!(text.contains(&format!("access-control-allow-origin: {UP}")));
    assert!(text.contains("access-control-allow-private-network: true"));
    assert!(!waiting.is_finished());

    let answer = tokio::spawn(async move {
        send(
            port,
            &format!("POST /callback HTTP/1.1\r\n{host}\r\norigin: {UP}\r\ncontent-type: application/json"),
            &format!(r#"{{"api_key": "{}", "slug": "acme", "model": "auto", "state": "{state}"}}"#, fake_key()),
        )
        .await
    });
    let delivery = waiting.await.unwrap().expect("the callback arrives");
    assert!(delivery.tied);
    assert_eq!(delivery.via, Via::Fetch);
    assert!(
        matches!(&delivery.callback, Callback::Key { key, slug: Some(s), .. } if *key.expose() == fake_key() && s == "acme")
    );
    // Nothing listens any more.
    tokio::task::yield_now().await;
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());

    delivery
        .answer(Landing::LoggedIn {
            workspace: "Acme <3".into(),
        })
        .await;
    let (status, text) = answer.await.unwrap();
    assert_eq!(status, 200, "{text}");
    assert!(text.contains(&format!("access-control-allow-origin: {UP}")));
    assert!(text.contains("Logged in to Acme <3. You can close this tab."));
}

#[tokio::test]
async fn a_redirect_without_state_is_accepted_untied_and_answered_with_a_page() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    let waiting = tokio::spawn(server.wait(Duration::from_secs(30)));
    let answer = tokio::spawn(async move {
        send(
            port,
            &format!(
                "GET /callback?api_key={}&slug=acme HTTP/1.1\r\nhost: 127.0.0.1:{port}",
                fake_key()
            ),
            "",
        )
        .await
    });
    let delivery = waiting.await.unwrap().unwrap();
    assert!(!delivery.tied);
    assert_eq!(delivery.via, Via::Redirect);
    delivery
        .answer(Landing::Failed {
            message: "<b>no</b>".into(),
        })
        .await;
    let (status, text) = answer.await.unwrap();
    assert_eq!(status, 400);
    assert!(text.contains("text/html"));
    assert!(text.contains("&lt;b&gt;no&lt;/b&gt;"), "{text}");
}

#[tokio::test]
async fn the_time_limit_closes_the_server() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    assert!(server.wait(Duration::from_millis(50)).await.is_none());
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
}
