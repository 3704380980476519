//! What the browser gets back: a small self-contained HTML page (no script, no
//! external resource, a CSP that allows none) for a redirect, a JSON object for
//! the page's fetch. Every piece of text that came from a server is escaped.

use serde_json::json;

/// How the login ended, for the page the browser shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landing {
    /// Stored: "Logged in to Acme. You can close this tab."
    LoggedIn { workspace: String },
    /// Not stored, and why (one line, shown escaped).
    Failed { message: String },
}

impl Landing {
    pub fn status(&self) -> u16 {
        match self {
            Landing::LoggedIn { .. } => 200,
            Landing::Failed { .. } => 400,
        }
    }

    /// The sentence the page shows.
    pub fn message(&self) -> String {
        match self {
            Landing::LoggedIn { workspace } => {
                format!("Logged in to {workspace}. You can close this tab.")
            }
            Landing::Failed { message } => {
                let message = message.trim().trim_end_matches('.');
                format!("The login failed: {message}. See the terminal for details.")
            }
        }
    }

    pub fn html(&self) -> String {
        let title = match self {
            Landing::LoggedIn { .. } => "Logged in",
            Landing::Failed { .. } => "Login failed",
        };
        html(title, &self.message())
    }

    pub fn json(&self) -> String {
        match self {
            Landing::LoggedIn { .. } => json!({"ok": true, "message": self.message()}),
            Landing::Failed { .. } => {
                json!({"ok": false, "error": self.message(), "message": self.message()})
            }
        }
        .to_string()
    }
}

/// The page: a heading and one paragraph (`id="message"`), both escaped.
pub fn html(title: &str, message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>skene: {title}</title><style>{STYLE}</style></head>\
<body><main><h1>{title}</h1><p id=\"message\">{message}</p></main></body></html>\n",
        title = escape(title),
        message = escape(message),
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f4;color:#1d1d1b}\
main{max-width:34rem;margin:18vh auto;padding:2rem;background:#fff;border-radius:12px;\
box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:1.3rem;margin:0 0 .8rem}p{line-height:1.5;margin:0}";

/// The Content-Security-Policy of every page: nothing but the inline style.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A JSON error answer: `{"ok": false, "error": "…"}`.
pub fn json_error(message: &str) -> String {
    json!({"ok": false, "error": message}).to_string()
}

/// `text` safe inside an HTML element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_is_escaped() {
        let page = Landing::LoggedIn {
            workspace: "<script>alert(1)</script> & \"Co\"".into(),
        }
        .html();
        assert!(!page.contains("<script>"), "{page}");
        assert!(
            page.contains(
                "Logged in to &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;. You can close this tab."
            ),
            "{page}"
        );
        let failed = Landing::Failed {
            message: "<img src=x onerror=alert(1)>".into(),
        };
        assert!(!failed.html().contains("<img"));
        assert_eq!(failed.status(), 400);
    }

    #[test]
    fn the_page_is_self_contained() {
        let page = Landing::LoggedIn {
            workspace: "Acme".into(),
        }
        .html();
        assert!(page.contains("<p id=\"message\">Logged in to Acme. You can close this tab.</p>"));
        for external in ["src=", "href=", "<script", "<link", "url(", "@import"] {
            assert!(!page.contains(external), "{external} in {page}");
        }
    }

    #[test]
    fn the_json_answer_says_the_same() {
        let v: serde_json::Value = serde_json::from_str(
            &Landing::LoggedIn {
                workspace: "Acme".into(),
            }
            .json(),
        )
        .unwrap();
        assert_eq!(v["ok"], true);
        assert_eq!(v["message"], "Logged in to Acme. You can close this tab.");
    }
}
