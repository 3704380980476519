//! `skene agent token rotate`: a new local token; the old one stops working at
//! once, in a running agent too (it re-reads the token file when it changes).

use clap::{Args, Subcommand};
use serde_json::json;

use super::Context;
use crate::agent::{state, token};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Replace the local token: tools that hold the old one are refused from now on
    Rotate(RotateArgs),
}

#[derive(Debug, Args)]
pub struct RotateArgs {}

pub fn run(ctx: &Context, cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Rotate(_) => rotate(ctx),
    }
}

fn rotate(ctx: &Context) -> anyhow::Result<()> {
    let dir = ctx.config_dir()?;
    {
        let lock = ctx.lock()?;
        token::rotate(dir, &lock)?;
    }
    let path = token::path(dir);
    let running = state::running(dir);
    let p = &ctx.printer;
    if p.json_mode() {
        let pids: Vec<u32> = running.iter().map(|a| a.pid).collect();
        p.json(&json!({"rotated": true, "token_file": path, "running_agents": pids}))?;
        return Ok(());
    }
    p.success(format!("wrote a new local token to {}", path.display()));
    for agent in &running {
        p.status(format!(
            "the running agent for {} (pid {}) accepts only the new token from now on",
            state::workspace_label(&agent.workspace),
            agent.pid
        ));
    }
    p.hint("run `eval \"$(skene agent env)\"` again, and give tools that held the old token the new one");
    Ok(())
}
