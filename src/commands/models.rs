//! `skene models`: the models the workspace offers.

use clap::Args;

use super::Context;

#[derive(Debug, Args)]
pub struct ModelsArgs {}

pub async fn run(ctx: &Context, _args: ModelsArgs) -> anyhow::Result<()> {
    let session = ctx.authed()?;
    let models = session.client.models().await?;
    let p = &ctx.printer;
    if p.json_mode() {
        // A bare array, like every other list.
        p.json(&models)?;
    } else {
        for m in &models {
            p.data_line(&m.id)?;
        }
    }
    Ok(())
}
