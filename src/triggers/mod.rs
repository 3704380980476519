//! `engine.yaml` → SQL migrations: the base schema (the `skene_growth` outbox) and
//! one trigger and PL/pgSQL function per feature with an action, named as Skene
//! Cloud expects (`../shared/triggers.md`). Pure: no network, no printing.
//!
//! - [`spec`]: which triggers engine.yaml wants, and their names.
//! - [`render`]: the trigger migration; [`schema`]: the base schema.
//! - [`files`]: where the migrations go and what they are called.
//! - [`check`]: the offline check of the migrations; [`drift`]: engine.yaml
//!   against a database's catalogs (read by `db::catalog`).

pub mod check;
pub mod drift;
pub mod files;
pub mod render;
pub mod schema;
pub mod spec;

pub use render::{Origin, function_body, trigger_migration};
pub use schema::{Delivery, base_schema};
pub use spec::{Op, TriggerSpec};
