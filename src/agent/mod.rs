//! The local agent (`skene agent run`): a long-running process beside the
//! commands, built on `api/`, `credentials/` and `settings/` (never on a command
//! module). Its pieces:
//!
//! - [`server`]: the loopback HTTP server on 127.0.0.1, served whenever the
//!   agent runs, and what every request passes before any body is read (Host,
//!   Origin, the route, content type, size, then the local token); graceful
//!   shutdown.
//! - [`gateway`]: the workspace's Agent as an OpenAI-compatible endpoint
//!   (`/v1/chat/completions`, `/v1/models`), relaying to Skene Cloud with the
//!   workspace key from the credential store — the caller never sees it.
//! - [`control`]: `GET /status` (the [`AgentStatus`] as JSON) and `GET /healthz`,
//!   both behind the local token, and the client side that `skene agent status` uses.
//! - [`status`]: [`AgentStatus`], the shared, thread-safe picture of the agent
//!   that the gateway and the event forwarder report into.
//! - [`state`]: the state file (`agent/<slot>.json`: port, pid, version, start)
//!   that other commands read to find the running agent; [`lock`]: one agent per
//!   config directory and workspace; [`token`]: the per-install local token.
//! - [`log`]: one line per request or state change on stderr (NDJSON with `--json`).
//! - [`events`]: the event forwarder: claims rows of `skene_growth.event_log` and
//!   delivers them to the workspace's ingest endpoint, at least once; [`listen`]:
//!   the live view of the outbox; [`secret`]: the proxy secret; [`service`]: the
//!   systemd unit or LaunchAgent that keeps the agent running.

pub mod control;
pub mod events;
pub mod gateway;
pub mod listen;
pub mod lock;
pub mod log;
pub mod secret;
pub mod server;
pub mod service;
pub mod state;
pub mod status;
pub mod token;
pub mod upstream;

/// The gateway's port on 127.0.0.1 unless `--gateway-port` says otherwise.
pub const DEFAULT_GATEWAY_PORT: u16 = 4917;

/// The version the agent reports in its state file and `/status`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
