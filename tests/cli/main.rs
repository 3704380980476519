//! The integration tests of `skene`: one test binary, so the fake cloud and the
//! harness are compiled once. Each module holds the tests of one command group
//! and runs the real binary in a sealed environment (`tests/support/`).
//!
//! Run one group with `cargo test --test cli login::`, one test by its name.
//! The keyring tests need the private Secret Service of
//! `scripts/with-secret-service` (`scripts/test` runs everything inside it);
//! under a plain `cargo test` they fail, loudly, with the other tests run.
//!
//! A new group: a file `tests/cli/<group>.rs` and a `mod <group>;` line below.
//!
//! Whole outputs are pinned with inline snapshots (`insta::assert_snapshot!`
//! on `Env::snapshot`, which redacts ports and temp paths). When an output
//! changes on purpose: `cargo insta test --test cli --review` (install the tool
//! with `cargo install cargo-insta --locked`), read every diff, accept.

#[path = "../support/mod.rs"]
mod support;

mod agent;
mod agent_events;
mod api;
mod api_query;
mod auth;
mod bundle;
mod bundle_checks;
mod chat;
mod completion;
mod errors;
mod fake_cloud;
mod generated;
mod help;
mod hostile;
mod integrations;
mod keyring;
mod keys;
mod layout;
mod link;
mod login;
mod logout;
mod logs;
mod members;
mod models;
mod network;
mod pick;
mod pty;
mod push;
mod readme;
mod triggers;
mod validate;
mod weblogin;
mod whoami;
