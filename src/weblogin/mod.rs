//! Browser login: the one-callback loopback server that receives a workspace
//! key from Skene Cloud's sign-in page. No clap, no printing, no prompts: the
//! command (`commands/login/web.rs`) prints, asks, checks the key and stores it.
//! The paths and field names of the browser flow live here, in one place.
//!
//! # The flow
//!
//! 1. [`Server::start`] listens on `127.0.0.1` on a random port, and on `[::1]`
//!    on the same port: the callback URL says `localhost`, which a browser may
//!    resolve to either address, and no other program may hold the other one
//!    (when the IPv6 port is taken another port is tried; when this machine has
//!    no IPv6 loopback, browsers cannot use it either and `127.0.0.1` alone is
//!    served). It draws a `state` of 256 random bits.
//! 2. The user opens [`Server::auth_url`],
//!    `<origin>/auth?callback=http://localhost:<port>/callback&state=<hex>`, signs
//!    in and picks a workspace (`<origin>` is the upstream's: `https://www.skene.ai`).
//! 3. The page delivers the result to the callback, either as a redirect,
//!    `GET /callback?api_key=…&model=…&slug=…`, or as a `fetch`,
//!    `POST /callback` with JSON `{"api_key", "model", "slug", "error"}` (after a
//!    CORS preflight; `error` set and no key when the user cancelled).
//! 4. The first acceptable callback ([`Server::wait`]) closes the listening
//!    sockets at once; the browser's request is held until the command answers
//!    it ([`Delivery::answer`]) with the landing page ("Logged in to Acme. You
//!    can close this tab." or the error) or, for a fetch, the same as JSON.
//!
//! The command then checks the key with `GET /me`, shows the workspace and user,
//! and stores the login for the upstream `<origin>/workspace/<slug>`.
//!
//! # Checks beyond the upstream client
//!
//! Every refused request is answered and the wait goes on:
//! - `Host` must be `localhost:<port>` or `127.0.0.1:<port>` (a DNS-rebinding
//!   page sends its own name): 403;
//! - only `/callback` is served (404), with GET, POST and OPTIONS (405);
//! - a POST and its preflight must carry `Origin` equal to the upstream's
//!   origin, and a GET may carry no other (another page the user has open
//!   cannot log them in to someone else's workspace): 403; the CORS answers
//!   (`Access-Control-Allow-Origin`, and `Access-Control-Allow-Private-Network:
//!   true` on the preflight) name exactly that origin;
//! - bodies over 16 KiB: 413; request heads must arrive within 10 s;
//! - a callback that carries a `state` must carry this login's (400); one that
//!   carries none is accepted but marked untied ([`Delivery::tied`]), and the
//!   command asks the user to confirm the workspace and user before storing;
//! - a callback with neither a key nor an error, a field given twice, or a key
//!   with spaces or control characters: 400;
//! - after the one callback, nothing more is accepted (409 on a connection that
//!   is still open; new connections are refused).
//!
//! The pages set a `Content-Security-Policy` that allows no script and no
//! external resource, `Cache-Control: no-store` and `Referrer-Policy:
//! no-referrer`; text from the server (a workspace name, an error) is escaped.
//! The `model` the page sends is not used.

mod check;
mod page;
mod server;

use std::net::SocketAddr;
use std::time::Duration;

use tokio::sync::oneshot;

pub use page::Landing;

use crate::secret::ApiKey;

/// The sign-in page, at the upstream's origin.
pub const AUTH_PATH: &str = "/auth";
/// The one path the loopback server serves.
pub const CALLBACK_PATH: &str = "/callback";
/// The largest request body accepted.
pub const MAX_BODY: usize = 16 * 1024;
/// How long the browser gets to receive the landing page once the login ended.
const ANSWER_TIME: Duration = Duration::from_secs(5);

/// What the sign-in page delivered.
#[derive(Debug)]
pub enum Callback {
    /// A key, and the workspace the page named (`/me` has the last word).
    Key { key: ApiKey, slug: Option<String> },
    /// The user cancelled, or the page failed (`error`, as the server wrote it).
    Failed { error: String },
}

/// How the callback arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `GET /callback?…`: the browser was redirected.
    Redirect,
    /// `POST /callback`: the page fetched it.
    Fetch,
}

/// The loopback server, waiting for its one callback. Dropping it closes every
/// socket at once (a Ctrl-C drops it with the command).
pub struct Server {
    guard: server::Guard,
    inbox: oneshot::Receiver<server::Pending>,
    addrs: Vec<SocketAddr>,
}

impl Server {
    /// Listens on loopback for a login to `upstream_origin` (`https://www.skene.ai`).
    pub async fn start(upstream_origin: &str) -> std::io::Result<Self> {
        let state = crate::random::strong_hex(32)
            .ok_or_else(|| std::io::Error::other("the system's random number generator failed"))?;
        let (guard, inbox, addrs) = server::start(upstream_origin, state).await?;
        Ok(Self {
            guard,
            inbox,
            addrs,
        })
    }

    pub fn port(&self) -> u16 {
        self.guard.shared().port
    }

    /// The addresses listened on (`127.0.0.1:<port>`, and `[::1]:<port>` when there is IPv6).
    pub fn addrs(&self) -> &[SocketAddr] {
        &self.addrs
    }

    /// `http://localhost:<port>/callback`
    pub fn callback_url(&self) -> String {
        format!("http://localhost:{}{CALLBACK_PATH}", self.port())
    }

    /// `<origin>/auth?callback=http://localhost:<port>/callback&state=<hex>`, the
    /// callback unencoded as the upstream client sends it.
    pub fn auth_url(&self) -> String {
        let shared = self.guard.shared();
        format!(
            "{}{AUTH_PATH}?callback={}&state={}",
            shared.origin,
            self.callback_url(),
            shared.state
        )
    }

    /// Waits up to `limit` for the one callback; `None` when the time is up (the
    /// server is closed then).
    pub async fn wait(self, limit: Duration) -> Option<Delivery> {
        let Server { guard, inbox, .. } = self;
        match tokio::time::timeout(limit, inbox).await {
            Ok(Ok(p)) => Some(Delivery {
                callback: p.callback,
                tied: p.tied,
                via: p.via,
                reply: p.reply,
                sent: p.sent,
                _guard: guard,
            }),
            _ => None,
        }
    }
}

/// The one callback, with the browser's request held until [`Delivery::answer`].
/// Nothing listens any more; dropping it closes the browser's connection.
pub struct Delivery {
    pub callback: Callback,
    /// Whether it carried this login's `state`: only then is it known to come
    /// from the page this login opened.
    pub tied: bool,
    pub via: Via,
    reply: oneshot::Sender<Landing>,
    sent: oneshot::Receiver<()>,
    _guard: server::Guard,
}

impl Delivery {
    /// Answers the browser and waits (a few seconds at most) until the answer
    /// is written and its connection closed.
    pub async fn answer(self, landing: Landing) {
        if self.reply.send(landing).is_ok() {
            let _ = tokio::time::timeout(ANSWER_TIME, self.sent).await;
        }
    }
}

#[cfg(test)]
mod tests;
