//! Showing a dashboard page: opened in the browser, or its URL printed (with
//! `--print`, `--json`, or where no browser can be opened).

use serde_json::json;

use super::Context;
use crate::browser::{self, NotOpened};

impl Context {
    /// Opens `url` in the browser, or prints it on stdout when asked to, in JSON
    /// mode, or when no browser can be opened.
    pub fn show_page(&self, url: &str, print: bool) -> anyhow::Result<()> {
        let p = &self.printer;
        if p.json_mode() {
            p.json(&json!({"url": url}))?;
            return Ok(());
        }
        if print {
            p.data(url)?;
            return Ok(());
        }
        match browser::open(url) {
            Ok(()) => p.success(format!("Opened {url}")),
            Err(why) => {
                if let NotOpened::Failed(e) = why {
                    p.warn(format!(
                        "could not open a browser ({e}); open the page yourself:"
                    ));
                }
                p.data(url)?;
            }
        }
        Ok(())
    }
}
