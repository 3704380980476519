//! `skene api --jq EXPR`: a jq filter over the answer, run by jaq (a maintained
//! Rust implementation of jq). Strings come out as they are, other values as
//! JSON, one per line, as `gh api --jq` prints them.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data};
use jaq_json::Val;

use crate::error::CliError;

type Filter = jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>;

/// A compiled jq filter.
pub struct Jq {
    filter: Filter,
}

/// Where in `code` the slice `part` starts, for messages (1-based columns).
fn column(code: &str, part: &str) -> usize {
    jaq_core::load::span(code, part).start + 1
}

impl Jq {
    /// Compiles `code`; a mistake in it is a usage error (exit 2) that says where.
    pub fn compile(code: &str) -> Result<Self, CliError> {
        let bad = |what: String| {
            CliError::usage(format!("--jq {code:?}: {what}"))
                .hint("the expression is jq's language, e.g. '.[] | .email' or 'map(.id)'")
        };
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        // `env` would hand the whole environment, keys included, to the output.
        let funs = jaq_core::funs()
            .chain(jaq_std::funs().filter(|(name, _, _)| *name != "env"))
            .chain(jaq_json::funs());
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let program = File { code, path: () };
        let modules = loader.load(&arena, program).map_err(|errors| {
            let mut what = Vec::new();
            for (_, error) in errors {
                match error {
                    jaq_core::load::Error::Io(items) => {
                        what.extend(items.into_iter().map(|(path, e)| format!("{path}: {e}")));
                    }
                    jaq_core::load::Error::Lex(items) => {
                        what.extend(items.into_iter().map(|(expect, got)| {
                            format!(
                                "expected {} at column {}",
                                expect.as_str(),
                                column(code, got)
                            )
                        }));
                    }
                    jaq_core::load::Error::Parse(items) => {
                        what.extend(items.into_iter().map(|(expect, got)| {
                            let found = if got.is_empty() {
                                "the end".to_owned()
                            } else {
                                format!("`{got}` at column {}", column(code, got))
                            };
                            format!("expected {}, found {found}", expect.as_str())
                        }));
                    }
                }
            }
            bad(what.join("; "))
        })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let what: Vec<String> = errors
                    .into_iter()
                    .flat_map(|(_, items)| items)
                    .map(|(name, undefined)| {
                        let kind = match undefined {
                            jaq_core::compile::Undefined::Var => "variable".to_owned(),
                            jaq_core::compile::Undefined::Filter(arity) => {
                                format!("filter (with {arity} arguments)")
                            }
                            jaq_core::compile::Undefined::Mod => "module".to_owned(),
                            jaq_core::compile::Undefined::Label => "label".to_owned(),
                            _ => "name".to_owned(),
                        };
                        format!("undefined {kind} `{name}`")
                    })
                    .collect();
                bad(what.join("; "))
            })?;
        Ok(Self { filter })
    }

    /// Runs the filter on a JSON document; each result as a line of output. A
    /// failure of the filter on this input (`.a` on an array) is a usage error.
    /// The answer's nesting is checked first: jaq's reader has no depth limit,
    /// and a server's 200 KB of `[` would overflow the stack.
    pub fn run(&self, input: &[u8]) -> Result<Vec<String>, CliError> {
        if nests_deeper(input, MAX_DEPTH) {
            return Err(CliError::network(format!(
                "the answer nests deeper than {MAX_DEPTH} levels, too deep for --jq"
            ))
            .hint("drop --jq to stream the answer as it is"));
        }
        let input = jaq_json::read::parse_single(input).map_err(|e| {
            CliError::failure(format!(
                "--jq needs a JSON answer, and this is not JSON: {e}"
            ))
        })?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut out = Vec::new();
        for item in self.filter.id.run((ctx, input)) {
            match item {
                Ok(Val::TStr(s)) => out.push(String::from_utf8_lossy(&s).into_owned()),
                Ok(v) => out.push(v.to_string()),
                Err(exn) => match exn.get_err() {
                    Ok(e) => return Err(CliError::usage(format!("--jq: {e}"))),
                    // `halt`: the output so far is the output.
                    Err(_) => break,
                },
            }
        }
        Ok(out)
    }
}

/// The deepest nesting of arrays and objects --jq reads (serde_json's own limit).
const MAX_DEPTH: usize = 128;

/// Whether the JSON text `input` opens more than `max` arrays or objects at once
/// (brackets inside strings do not count). One pass, nothing allocated.
fn nests_deeper(input: &[u8], max: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in input {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_print_strings_raw_and_values_as_json() {
        let jq = Jq::compile(".[] | select(.n > 1) | .name, .n").unwrap();
        let out = jq
            .run(br#"[{"name": "a", "n": 1}, {"name": "b", "n": 2}]"#)
            .unwrap();
        assert_eq!(out, ["b", "2"]);
        let jq = Jq::compile("map(.id)").unwrap();
        assert_eq!(jq.run(br#"[{"id": "x"}]"#).unwrap(), [r#"["x"]"#]);
    }

    #[test]
    fn an_answer_nested_too_deep_is_refused_before_jaq_reads_it() {
        let deep = "[".repeat(200_000);
        let e = Jq::compile(".").unwrap().run(deep.as_bytes()).unwrap_err();
        assert_eq!(e.kind, crate::error::ExitKind::Network);
        assert!(e.message.contains("deeper than 128"), "{}", e.message);
        assert!(!nests_deeper(br#"{"a": "[[[[[[", "b": ["\"[[[["]}"#, 2));
        assert!(nests_deeper(b"[[[", 2));
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(
            Jq::compile("length").unwrap().run(fine.as_bytes()).unwrap(),
            ["1"]
        );
    }

    #[test]
    fn mistakes_are_usage_errors_that_say_where() {
        let e = Jq::compile(".[] | ").err().unwrap();
        assert_eq!(e.kind, crate::error::ExitKind::Usage);
        assert!(e.message.contains("expected"), "{}", e.message);
        let e = Jq::compile("nosuchfilter").err().unwrap();
        assert!(e.message.contains("nosuchfilter"), "{}", e.message);
        let e = Jq::compile("env").err().unwrap();
        assert!(e.message.contains("env"), "{}", e.message);
        let e = Jq::compile(".a").unwrap().run(b"[1]").unwrap_err();
        assert_eq!(e.kind, crate::error::ExitKind::Usage);
    }
}
