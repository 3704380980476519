//! What a checked bundle holds, in numbers and in words, for the commands to show.

use std::collections::BTreeMap;

use super::plan::Plan;

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Plan {
    /// (errors, warnings).
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diags.iter().filter(|d| d.is_error()).count();
        (errors, self.diags.len() - errors)
    }

    /// "2 errors, 1 warning".
    pub fn counts_text(&self) -> String {
        let (errors, warnings) = self.counts();
        format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }

    /// "skene-context/: 4 subjects, 3 features, 2 actions (email ×1, webhook ×1); 4 files",
    /// the bundle directory shown after `prefix` (see [`super::diag::path_prefix`]).
    pub fn summary(&self, prefix: &str) -> String {
        let dir = match self.bundle.rel.as_str() {
            "" if prefix.is_empty() => "./".to_owned(),
            "" => prefix.to_owned(),
            rel => format!("{prefix}{rel}/"),
        };
        let Some(engine) = &self.engine else {
            return format!("{dir}: {}", plural(self.files.len(), "file"));
        };
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &engine.features {
            if let Some(a) = &f.action {
                *uses.entry(a.as_str()).or_default() += 1;
            }
        }
        let actions: usize = uses.values().sum();
        let detail = if uses.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = uses.iter().map(|(u, n)| format!("{u} ×{n}")).collect();
            format!(" ({})", parts.join(", "))
        };
        format!(
            "{dir}: {}, {}, {}{detail}; {}",
            plural(engine.subjects, "subject"),
            plural(engine.features.len(), "feature"),
            plural(actions, "action"),
            plural(self.files.len(), "file"),
        )
    }

    /// Every problem, as the JSON array `--json` prints (paths relative to the
    /// project root).
    pub fn diagnostics_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.diags).unwrap_or_default()
    }

    /// `[{"path", "size"}, …]` for `--json` outputs.
    pub fn files_json(&self) -> serde_json::Value {
        self.files
            .iter()
            .map(|f| serde_json::json!({"path": f.path, "size": f.size}))
            .collect()
    }
}
