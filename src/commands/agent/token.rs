//! `skene agent token rotate`: a new local token; the old one stops working at
//! once, in a running agent too: the command knocks at each running agent with
//! the new token, which makes it read the token file again.

use clap::{Args, Subcommand};
use serde_json::json;

use super::Context;
use crate::agent::{control, state, token};

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Replace the local token: tools that hold the old one are refused from now on
    Rotate(RotateArgs),
}

#[derive(Debug, Args)]
pub struct RotateArgs {}

pub async fn run(ctx: &Context, cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Rotate(_) => rotate(ctx).await,
    }
}

async fn rotate(ctx: &Context) -> anyhow::Result<()> {
    let dir = ctx.config_dir()?;
    let new = {
        let lock = ctx.lock()?;
        token::rotate(dir, &lock)?
    };
    let path = token::path(dir);
    let running = state::running(dir);
    // Each running agent is asked once with the new token: that request makes
    // it read the token file, and it refuses the old token from then on.
    let mut switched = Vec::new();
    for agent in &running {
        let answer = control::check_token(agent, &new).await;
        switched.push(answer.map_err(|e| e.to_string()));
    }
    let p = &ctx.printer;
    if p.json_mode() {
        let pids: Vec<u32> = running.iter().map(|a| a.pid).collect();
        let mut confirmed = Vec::new();
        let mut unconfirmed = Vec::new();
        for (agent, answer) in running.iter().zip(&switched) {
            match answer {
                Ok(()) => confirmed.push(json!(agent.pid)),
                Err(e) => unconfirmed.push(json!({"pid": agent.pid, "error": e})),
            }
        }
        p.json(&json!({
            "rotated": true,
            "token_file": path,
            "running_agents": pids,
            "switched_agents": confirmed,
            "unconfirmed_agents": unconfirmed,
        }))?;
        return Ok(());
    }
    p.success(format!("wrote a new local token to {}", path.display()));
    for (agent, answer) in running.iter().zip(&switched) {
        let who = format!(
            "the running agent for {} (pid {})",
            state::workspace_label(&agent.workspace),
            agent.pid
        );
        match answer {
            Ok(()) => p.status(format!("{who} accepts only the new token from now on")),
            Err(e) => p.warn(format!(
                "{who} did not confirm the new token ({e}); it should refuse the old one within a second: restart it to be sure"
            )),
        }
    }
    p.hint("run `eval \"$(skene agent env)\"` again, and give tools that held the old token the new one");
    Ok(())
}
