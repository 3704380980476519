//! `skene agent`: the gateway (the workspace's Agent as a local OpenAI-compatible
//! endpoint), its guards, the official `openai` SDK against it, the commands
//! around the running agent, and an agent without a workspace key.

mod commands;
mod guards;
mod harness;
mod keyless;
mod python;
mod relay;
mod rotation;
mod sdk;
