//! The push bundle: finding its files, checking them, and serializing them the way
//! the Python client does. Pure: no network, no printing.

pub mod body;
pub mod diag;
pub mod engine;
pub mod files;
pub mod json;
pub mod plan;
pub mod text;
