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

/// One request on an open connection, and its answer (head and body), the
/// connection kept open.
async fn exchange(s: &mut TcpStream, req: &str) -> (u16, String) {
    s.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        let n = tokio::time::timeout(Duration::from_secs(10), s.read(&mut byte))
            .await
            .expect("an answer in time")
            .unwrap();
        assert_eq!(
            n,
            1,
            "the connection closed: {}",
            String::from_utf8_lossy(&buf)
        );
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let len: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    s.read_exact(&mut body).await.unwrap();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head + &String::from_utf8_lossy(&body))
}

#[tokio::test]
async fn a_callback_on_a_connection_left_open_after_the_one_taken_gets_409() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    let state = state_of(&server);
    let host = format!("host: localhost:{port}");
    let waiting = tokio::spawn(server.wait(Duration::from_secs(30)));
    // A connection opened before the callback, kept alive.
    let mut early = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let (status, _) = exchange(
        &mut early,
        &format!("GET /other HTTP/1.1\r\n{host}\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 404);

    let key = fake_key();
    let answer = tokio::spawn(async move {
        send(
            port,
            &format!("GET /callback?api_key={key}&slug=acme&state={state} HTTP/1.1\r\n{host}"),
            "",
        )
        .await
    });
    let delivery = waiting.await.unwrap().expect("the callback arrives");
    // The listener is closed, but the early connection is still served: refused.
    let (status, text) = exchange(
        &mut early,
        &format!(
            "GET /callback?api_key={}&slug=evil HTTP/1.1\r\nhost: localhost:{port}\r\n\r\n",
            fake_key()
        ),
    )
    .await;
    assert_eq!(status, 409, "{text}");
    delivery
        .answer(Landing::LoggedIn {
            workspace: "Acme".into(),
        })
        .await;
    assert_eq!(answer.await.unwrap().0, 200);
}

#[tokio::test]
async fn an_oversized_chunked_body_is_refused() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    let waiting = tokio::spawn(server.wait(Duration::from_secs(30)));
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    // No Content-Length: the size is only known while reading.
    let chunk = "x".repeat(4096);
    let mut req = format!(
        "POST /callback HTTP/1.1\r\nhost: localhost:{port}\r\norigin: {UP}\r\n\
         content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    for _ in 0..(MAX_BODY / 4096 + 2) {
        req.push_str(&format!("1000\r\n{chunk}\r\n"));
    }
    req.push_str("0\r\n\r\n");
    let _ = s.write_all(req.as_bytes()).await;
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out)).await;
    let text = String::from_utf8_lossy(&out);
    assert!(text.starts_with("HTTP/1.1 413"), "{text}");
    assert!(!waiting.is_finished(), "the wait goes on");
}

#[tokio::test]
async fn localhost_is_served_on_ipv6_loopback_too_when_there_is_one() {
    let server = Server::start(UP).await.unwrap();
    let port = server.port();
    let v6: Vec<_> = server
        .addrs()
        .iter()
        .filter(|a| a.is_ipv6())
        .copied()
        .collect();
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        assert!(v6.is_empty(), "no IPv6 loopback here, and none listened on");
        return;
    }
    assert_eq!(v6.len(), 1, "{:?}", server.addrs());
    assert!(v6[0].ip().is_loopback());
    let mut s = TcpStream::connect(v6[0]).await.unwrap();
    let (status, _) = exchange(
        &mut s,
        &format!("GET /other HTTP/1.1\r\nhost: localhost:{port}\r\n\r\n"),
    )
    .await;
    assert_eq!(status, 404, "answered over [::1]");
    let (status, _) = exchange(
        &mut s,
        &format!("GET /other HTTP/1.1\r\nhost: [::1]:{port}\r\n\r\n"),
    )
    .await;
    // The callback URL says `localhost`: a browser sends that name, whatever address
    // it connected to; another name is refused like any foreign Host.
    assert_eq!(status, 403);
}
