//! PostgreSQL access: connection strings and their redaction, TLS per `sslmode`,
//! connections with timeouts and notifications, and read-only catalog snapshots.
//! No printing, no clap. Every message names the database by its redacted URL.
//!
//! Built for `skene triggers check --db` and for the local agent, which reconnects
//! by calling [`connect`] again and re-issuing [`Connection::listen`].

pub mod catalog;
pub mod conn;
pub mod error;
pub mod tls;
pub mod url;

pub use catalog::{DbFunction, DbTable, DbTrigger, Snapshot, snapshot};
pub use conn::{ConnectOptions, Connection, Notification, connect};
pub use error::{DbError, DbErrorKind};
pub use url::{DbUrl, SslMode};
