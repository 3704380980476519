//! Whole outputs for snapshot assertions (`insta::assert_snapshot!`): the exit
//! code, stdout and stderr of a run in one text, with what differs between runs
//! (the fake cloud's port, the temporary directory) replaced by a placeholder.
//! Values are replaced exactly, not by pattern, so nothing else is hidden.

use assert_cmd::assert::Assert;

use super::Env;

impl Env {
    /// Shows `placeholder` in snapshots wherever `value` appears.
    pub fn redact_as(&mut self, value: &str, placeholder: &str) -> &mut Self {
        self.redactions
            .push((value.to_owned(), placeholder.to_owned()));
        self
    }

    /// `text` with the run-dependent parts replaced: the sandbox → `[ROOT]`,
    /// the fake cloud's `127.0.0.1:PORT` → `[HOST]`, and [`Env::redact_as`] values.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (value, placeholder) in &self.redactions {
            out = out.replace(value, placeholder);
        }
        let root = self.root();
        if let Ok(canonical) = root.canonicalize() {
            out = out.replace(&canonical.display().to_string(), "[ROOT]");
        }
        out = out.replace(&root.display().to_string(), "[ROOT]");
        out.replace(&self.cloud.host(), "[HOST]")
    }

    /// The exit code, stdout and stderr of a finished run, redacted, in one
    /// text. A stream that does not end with a newline says so, and `--- end`
    /// closes the text so that trailing blank lines show.
    pub fn snapshot(&self, assert: &Assert) -> String {
        let out = assert.get_output();
        let code = match out.status.code() {
            Some(code) => code.to_string(),
            None => format!("{:?}", out.status),
        };
        format!(
            "exit: {code}\n--- stdout\n{}--- stderr\n{}--- end",
            self.stream(&out.stdout),
            self.stream(&out.stderr)
        )
    }

    fn stream(&self, bytes: &[u8]) -> String {
        let text = self.redact(&String::from_utf8_lossy(bytes));
        if text.is_empty() || text.ends_with('\n') {
            text
        } else {
            format!("{text}\n[no newline at end]\n")
        }
    }
}
