//! Picking one of the saved logins on a terminal (`auth switch`, `logout` and
//! `link` without an argument).

use super::Context;
use crate::error::CliError;
use crate::settings::{Profile, UserConfig};

/// One line of the menu: the profile name, the workspace, the user, and whether
/// it is the active login.
fn describe(cfg: &UserConfig, name: &str, p: &Profile) -> String {
    let mut line = name.to_owned();
    if let Some(n) = &p.workspace_name {
        line.push_str(&format!("  {n}"));
    }
    if let Some(who) = p.user_email.as_deref().or(p.user_name.as_deref()) {
        line.push_str(&format!("  as {who}"));
    }
    if cfg.active.as_deref() == Some(name) {
        line.push_str("  (active)");
    }
    line
}

impl Context {
    /// Asks which saved login to use, the active one marked first; returns its
    /// profile name. The caller has checked that a prompt can be shown.
    pub fn choose_login(&self, cfg: &UserConfig, question: &str) -> Result<String, CliError> {
        if cfg.profiles.is_empty() {
            return Err(
                CliError::auth("no saved login to choose from").hint("run `skene login` first")
            );
        }
        let names: Vec<&String> = cfg.profiles.keys().collect();
        let items: Vec<String> = cfg
            .profiles
            .iter()
            .map(|(n, p)| describe(cfg, n, p))
            .collect();
        let default = cfg
            .active
            .as_ref()
            .and_then(|a| names.iter().position(|n| *n == a))
            .unwrap_or(0);
        let i = crate::prompt::select(&self.printer, question, &items, default)?;
        Ok(names[i].clone())
    }
}

/// "saved logins: a, b" for hints, or `None` when there are none.
pub fn saved_list(cfg: &UserConfig) -> Option<String> {
    (!cfg.profiles.is_empty()).then(|| {
        let names: Vec<&str> = cfg.profiles.keys().map(String::as_str).collect();
        format!("saved logins: {}", names.join(", "))
    })
}
