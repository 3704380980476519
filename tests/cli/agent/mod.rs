//! `skene agent`: the gateway (the workspace's Agent as a local OpenAI-compatible
//! endpoint), its guards, the official `openai` SDK against it, and the commands
//! around the running agent.

mod commands;
mod guards;
mod harness;
mod python;
mod relay;
mod rotation;
mod sdk;
