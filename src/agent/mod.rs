//! The long-running local agent: the event forwarder (`events`), the live event
//! view (`listen`), the proxy secret, and the OS service that keeps it running.
//! Built on api, credentials, settings and db; never on command modules.

pub mod events;
pub mod listen;
pub mod secret;
pub mod service;
