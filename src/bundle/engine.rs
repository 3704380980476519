//! `engine.yaml`: parsed with serde-saphyr into a tree that remembers where each
//! node is, then checked against the engine schema. Unknown fields are allowed.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::diag::Diagnostic;
use super::yaml::{self, Node};

/// What a valid engine holds, as far as a push needs it.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    pub subjects: usize,
    pub features: Vec<Feature>,
}

#[derive(Debug, Clone)]
pub struct Feature {
    pub source: String,
    /// `action.use`, when the feature has an action.
    pub action: Option<String>,
    /// `key` as written (empty when missing).
    pub key: String,
    /// `subject_state_analysis.subject_id_path` and `.action_target_path`, when strings.
    pub subject_id_path: Option<String>,
    pub action_target_path: Option<String>,
    /// The line the feature starts on, for messages about it.
    pub line: u64,
}

impl Engine {
    /// `trigger_events`: the lower-cased sources of features with an action, unique,
    /// in feature order.
    pub fn trigger_events(&self) -> Vec<String> {
        let mut events: Vec<String> = Vec::new();
        for f in self.features.iter().filter(|f| f.action.is_some()) {
            if is_trigger_source(&f.source) {
                let event = f.source.to_lowercase();
                if !events.contains(&event) {
                    events.push(event);
                }
            }
        }
        events
    }

    pub fn has_actions(&self) -> bool {
        self.features.iter().any(|f| f.action.is_some())
    }
}

/// `schema.table.insert|update|delete`, identifiers `[A-Za-z_][A-Za-z0-9_]*`, any case.
pub fn is_trigger_source(source: &str) -> bool {
    let ident = |s: &str| {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    let parts: Vec<&str> = source.split('.').collect();
    parts.len() == 3
        && ident(parts[0])
        && ident(parts[1])
        && ["insert", "update", "delete"]
            .iter()
            .any(|op| parts[2].eq_ignore_ascii_case(op))
}

/// Parses and checks `engine.yaml`. Problems go to `diags`; the engine is returned
/// when it could be read at all (it may still have errors).
pub fn check(text: &str, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Engine> {
    let root = match yaml::parse(text, file) {
        Ok(root) => root,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let mut c = Checker { file, diags };
    let Node::Map(_) = &root.value else {
        c.err(
            &root,
            format!("engine.yaml must be a mapping, not {}", root.value.kind()),
        );
        return None;
    };
    let mut engine = Engine::default();
    match root.value.get("version") {
        None => c.err(
            &root,
            "`version` is missing (an integer, e.g. `version: 1`)",
        ),
        Some(v) if !matches!(v.value, Node::Int) => {
            c.err(
                v,
                format!("`version` must be an integer, not {}", v.value.kind()),
            );
        }
        Some(_) => {}
    }
    if let Some(subjects) = c.list(&root.value, "subjects") {
        engine.subjects = subjects.len();
        let mut seen = HashMap::new();
        for (i, s) in subjects.iter().enumerate() {
            let what = format!("subjects[{i}]");
            if !c.mapping(s, &what) {
                continue;
            }
            for field in ["key", "table", "kind"] {
                c.string(s, &what, field, true);
            }
            c.unique(s, &what, &mut seen, "subject");
        }
    }
    if let Some(features) = c.list(&root.value, "features") {
        let mut seen = HashMap::new();
        for (i, f) in features.iter().enumerate() {
            let what = format!("features[{i}]");
            if !c.mapping(f, &what) {
                continue;
            }
            let key = c.string(f, &what, "key", true);
            for field in ["name", "how_it_works"] {
                c.string(f, &what, field, true);
            }
            let source = c.string(f, &what, "source", true);
            c.string(f, &what, "match_intent", false);
            let (mut subject_id_path, mut action_target_path) = (None, None);
            if let Some(ssa) = f.value.get("subject_state_analysis") {
                if matches!(ssa.value, Node::Map(_)) {
                    let ssa_what = format!("{what}.subject_state_analysis");
                    subject_id_path = c.string(ssa, &ssa_what, "subject_id_path", false);
                    action_target_path = c.string(ssa, &ssa_what, "action_target_path", false);
                } else if !matches!(ssa.value, Node::Null) {
                    c.err(
                        ssa,
                        format!(
                            "`{what}.subject_state_analysis` must be a mapping, not {}",
                            ssa.value.kind()
                        ),
                    );
                }
            }
            c.unique(f, &what, &mut seen, "feature");
            let action = match f.value.get("action") {
                None => None,
                Some(a) if matches!(a.value, Node::Null) => None,
                Some(a) => c.action(a, &format!("{what}.action")),
            };
            let has_action = f
                .value
                .get("action")
                .is_some_and(|a| !matches!(a.value, Node::Null));
            if let Some(src) = f.value.get("source")
                && let Node::Str(s) = &src.value
                && !is_trigger_source(s)
            {
                let message = format!(
                    "`{what}.source` is `{s}`, not of the form schema.table.insert|update|delete"
                );
                if has_action {
                    c.err(
                        src,
                        format!(
                            "{message}: a feature with an action needs a database trigger source"
                        ),
                    );
                } else {
                    c.warn(src, message);
                }
            }
            engine.features.push(Feature {
                source: source.unwrap_or_default(),
                action: if has_action {
                    Some(action.unwrap_or_default())
                } else {
                    None
                },
                key: key.unwrap_or_default(),
                subject_id_path,
                action_target_path,
                line: f.referenced.line(),
            });
        }
    }
    Some(engine)
}

struct Checker<'a> {
    file: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    fn err(&mut self, at: &Spanned<Node>, message: impl Into<String>) {
        let loc = &at.referenced;
        self.diags
            .push(Diagnostic::error(self.file, message).at(loc.line(), loc.column()));
    }

    fn warn(&mut self, at: &Spanned<Node>, message: impl Into<String>) {
        let loc = &at.referenced;
        self.diags
            .push(Diagnostic::warning(self.file, message).at(loc.line(), loc.column()));
    }

    /// An optional list field; an error when it is something else.
    fn list<'n>(&mut self, node: &'n Node, field: &str) -> Option<&'n [Spanned<Node>]> {
        let value = node.get(field)?;
        match &value.value {
            Node::Seq(items) => Some(items),
            Node::Null => Some(&[]),
            other => {
                self.err(
                    value,
                    format!("`{field}` must be a list, not {}", other.kind()),
                );
                None
            }
        }
    }

    fn mapping(&mut self, node: &Spanned<Node>, what: &str) -> bool {
        if matches!(node.value, Node::Map(_)) {
            return true;
        }
        self.err(
            node,
            format!("`{what}` must be a mapping, not {}", node.value.kind()),
        );
        false
    }

    fn string(
        &mut self,
        node: &Spanned<Node>,
        what: &str,
        field: &str,
        required: bool,
    ) -> Option<String> {
        match node.value.get(field) {
            None if required => {
                self.err(node, format!("`{what}` has no `{field}`"));
                None
            }
            None => None,
            Some(v) => match &v.value {
                Node::Str(s) => Some(s.clone()),
                Node::Null if !required => None,
                other => {
                    self.err(
                        v,
                        format!("`{what}.{field}` must be a string, not {}", other.kind()),
                    );
                    None
                }
            },
        }
    }

    fn unique(
        &mut self,
        node: &Spanned<Node>,
        what: &str,
        seen: &mut HashMap<String, u64>,
        noun: &str,
    ) {
        let Some(key) = node.value.get("key") else {
            return;
        };
        let Node::Str(k) = &key.value else { return };
        if let Some(first) = seen.get(k) {
            self.err(
                key,
                format!("duplicate {noun} key `{k}` in `{what}` (first defined on line {first})"),
            );
        } else {
            seen.insert(k.clone(), key.referenced.line());
        }
    }

    fn action(&mut self, action: &Spanned<Node>, what: &str) -> Option<String> {
        if !self.mapping(action, what) {
            return None;
        }
        let used = self.string(action, what, "use", true);
        if let Some(config) = action.value.get("config")
            && !matches!(config.value, Node::Map(_))
        {
            self.err(
                config,
                format!(
                    "`{what}.config` must be a mapping, not {}",
                    config.value.kind()
                ),
            );
        }
        used
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::bundle::snippet;

    fn run(text: &str) -> (Option<Engine>, Vec<String>) {
        let mut diags = Vec::new();
        let engine = check(text, "skene-context/engine.yaml", &mut diags);
        (engine, diags.iter().map(ToString::to_string).collect())
    }

    const GOOD: &str = "version: 1
subjects:
  - key: user
    table: auth.users
    kind: actor
features:
  - key: a
    name: A
    source: Public.Orders.INSERT
    how_it_works: x
    action:
      use: email
      config: {template: t}
  - key: b
    name: B
    source: public.orders.insert
    how_it_works: y
    action: {use: webhook}
    extra_field: allowed
  - key: c
    name: C
    source: something else
    how_it_works: z
";

    #[test]
    fn a_valid_engine_gives_events_and_warnings() {
        let (engine, diags) = run(GOOD);
        let engine = engine.unwrap();
        assert_eq!(engine.subjects, 1);
        assert_eq!(engine.features.len(), 3);
        assert_eq!(engine.trigger_events(), ["public.orders.insert"]);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].starts_with("skene-context/engine.yaml:22:13: warning:"),
            "{diags:?}"
        );
    }

    #[test]
    fn duplicate_mapping_keys_are_rejected() {
        let (_, diags) = run("version: 1\nversion: 2\n");
        assert_eq!(
            diags[0],
            "skene-context/engine.yaml:2:1: error: not valid YAML: duplicate mapping key: version"
        );
    }

    #[test]
    fn schema_errors_point_at_the_node() {
        let text = "version: \"1\"
subjects:
  - key: user
    table: 7
  - key: user
    table: t
    kind: k
features:
  - key: f
    name: F
    source: not-a-source
    how_it_works: h
    action: {config: []}
  - nope
";
        let (_, diags) = run(text);
        let all = diags.join("\n");
        for needle in [
            "engine.yaml:1:10: error: `version` must be an integer, not a string",
            "engine.yaml:3:5: error: `subjects[0]` has no `kind`",
            "engine.yaml:4:12: error: `subjects[0].table` must be a string, not an integer",
            "engine.yaml:5:10: error: duplicate subject key `user` in `subjects[1]` (first defined on line 3)",
            "error: `features[0].action` has no `use`",
            "error: `features[0].action.config` must be a mapping, not a list",
            "engine.yaml:11:13: error: `features[0].source` is `not-a-source`",
            "engine.yaml:14:5: error: `features[1]` must be a mapping, not a string",
        ] {
            assert!(all.contains(needle), "missing {needle:?} in\n{all}");
        }
    }

    #[test]
    fn root_must_be_a_mapping() {
        let (_, diags) = run("- 1\n- 2\n");
        assert!(
            diags[0].contains("must be a mapping, not a list"),
            "{diags:?}"
        );
    }

    #[test]
    fn strict_booleans_keep_yes_a_string() {
        let (engine, _) = run(
            "version: 1\nfeatures:\n  - {key: k, name: yes, source: a.b.insert, how_it_works: on}\n",
        );
        assert!(engine.is_some());
    }

    #[test]
    fn trigger_source_pattern() {
        assert!(is_trigger_source("public.orders.insert"));
        assert!(is_trigger_source("_s.T_1.DELETE"));
        assert!(!is_trigger_source("public.orders.upsert"));
        assert!(!is_trigger_source("1a.b.insert"));
        assert!(!is_trigger_source("a.b.c.insert"));
        assert!(!is_trigger_source("a.b.insert\n"));
    }

    /// YAML-ish text: the engine's own words and YAML's punctuation, so that the
    /// generated files reach deep into the checks as well as the parser's errors.
    fn yamlish() -> impl Strategy<Value = String> {
        let token = prop_oneof![
            4 => prop::sample::select(vec![
                "version: 1\n", "subjects:\n", "features:\n", "  - ", "key: ", "table: ",
                "kind: ", "name: ", "source: ", "how_it_works: ", "action: ", "use: ",
                "config: ", "subject_state_analysis: ", "match_intent: ", "public.t.insert",
                "a.b.update", "x", "1", "yes", "null", "~", "[", "]", "{", "}", ", ", ": ",
                "\n", "\n  ", "\n    ", "\"", "'", "#", "|\n", ">\n", "&a ", "*a", "!!str ",
                "- ", "? ", "---\n", "\t", "\\", "é", "😀",
            ]).prop_map(str::to_owned),
            1 => any::<String>(),
        ];
        prop::collection::vec(token, 0..60).prop_map(|t| t.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// No engine file makes the checks panic; every problem has a place inside
        /// the file and a snippet that is a few short lines.
        #[test]
        fn the_checks_never_panic(text in yamlish()) {
            let mut diags = Vec::new();
            let _ = check(&text, "e.yaml", &mut diags);
            let lines = text.lines().count().max(1) as u64;
            for d in &diags {
                if let Some(line) = d.line {
                    prop_assert!(line >= 1 && line <= lines + 1, "{d:?}");
                }
                if let Some(snippet) = &d.snippet {
                    prop_assert!(snippet.lines().count() <= 5, "{snippet}");
                    prop_assert!(snippet.lines().all(|l| l.chars().count() < 120), "{snippet}");
                }
            }
        }

        /// The bracket lexer and the snippets take any place in any text.
        #[test]
        fn snippets_and_brackets_take_any_place(
            text in yamlish(), line in 0u64..80, column in 0u64..300, upto in 0usize..2000
        ) {
            let _ = yaml::unclosed_bracket(&text, upto);
            let mark = snippet::Mark { line, column, label: "here".into() };
            let _ = snippet::snippet(&text, &[mark]);
        }
    }
}
