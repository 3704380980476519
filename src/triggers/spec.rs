//! Which triggers engine.yaml wants: one per feature with an action, named as the
//! Python client names them (`../shared/triggers.md`), so that Skene Cloud finds them.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::bundle::engine::{Engine, is_trigger_source};
use crate::sql::truncate_ident;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Op {
    Insert,
    Update,
    Delete,
}

impl Op {
    pub fn parse(op: &str) -> Option<Op> {
        match op.to_ascii_lowercase().as_str() {
            "insert" => Some(Op::Insert),
            "update" => Some(Op::Update),
            "delete" => Some(Op::Delete),
            _ => None,
        }
    }

    /// `INSERT`, `UPDATE`, `DELETE`.
    pub fn sql(self) -> &'static str {
        match self {
            Op::Insert => "INSERT",
            Op::Update => "UPDATE",
            Op::Delete => "DELETE",
        }
    }

    /// The row a trigger function reads: `OLD` for DELETE, else `NEW`.
    pub fn row(self) -> &'static str {
        match self {
            Op::Delete => "OLD",
            _ => "NEW",
        }
    }

    /// The event bit of `pg_trigger.tgtype`.
    pub fn tgtype_bit(self) -> i16 {
        match self {
            Op::Insert => 4,
            Op::Delete => 8,
            Op::Update => 16,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sql())
    }
}

/// One trigger and its function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriggerSpec {
    /// The feature key as written in engine.yaml.
    pub feature: String,
    /// The line the feature starts on in engine.yaml (0 when not from a file).
    #[serde(skip)]
    pub line: u64,
    /// Schema and table as written in the source (quoted in SQL, so case matters).
    pub schema: String,
    pub table: String,
    pub op: Op,
    /// The sanitized feature key used in the names.
    pub key: String,
    /// The row's columns copied into `metadata`, in order.
    pub properties: Vec<String>,
    /// The column whose value, cast to uuid, becomes `entity_id`.
    pub entity_column: String,
}

/// Lower-case, every character but `[a-z0-9_]` turned into `_`, trimmed of `_`.
fn sanitize(value: &str, empty: &str) -> String {
    let out: String = value
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = out.trim_matches('_');
    if trimmed.is_empty() {
        empty.to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// A feature key as the Python client puts it in names: runs of `[^a-z0-9_]` → `_`.
pub fn sanitize_key(key: &str) -> String {
    // Python: re.sub(r"[^a-z0-9_]+", "_", key.lower()).strip("_") or "feature"
    let lower = key.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut in_run = false;
    for c in lower.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('_');
            in_run = true;
        }
    }
    let trimmed = out.trim_matches('_');
    if trimmed.is_empty() {
        "feature".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The table part of the names: `<table>` in `public`, else `<schema>_<table>`,
/// each lower-cased with every `[^a-z0-9_]` turned into `_` (not collapsed).
pub fn slug(schema: &str, table: &str) -> String {
    let table = sanitize(table, "table");
    if schema.to_lowercase() == "public" {
        table
    } else {
        format!("{}_{table}", sanitize(schema, "schema"))
    }
}

impl TriggerSpec {
    /// A spec from its parts: properties deduplicated, empty ones skipped, `["id"]`
    /// when none; the entity column is `id` (any case) if listed, else the first.
    pub fn new(feature: &str, schema: &str, table: &str, op: Op, properties: &[&str]) -> Self {
        let mut props: Vec<String> = Vec::new();
        for p in properties {
            if !p.is_empty() && !props.iter().any(|q| q == p) {
                props.push((*p).to_owned());
            }
        }
        if props.is_empty() {
            props.push("id".to_owned());
        }
        let entity_column = props
            .iter()
            .find(|p| p.to_lowercase() == "id")
            .unwrap_or(&props[0])
            .clone();
        Self {
            feature: feature.to_owned(),
            line: 0,
            schema: schema.to_owned(),
            table: table.to_owned(),
            op,
            key: sanitize_key(feature),
            properties: props,
            entity_column,
        }
    }

    pub fn slug(&self) -> String {
        slug(&self.schema, &self.table)
    }

    /// `schema.table.op`, lower-cased: the event's `event_type`.
    pub fn event_type(&self) -> String {
        format!("{}.{}.{}", self.schema, self.table, self.op.sql()).to_lowercase()
    }

    /// The function's name as written in the SQL (unquoted).
    pub fn function_name(&self) -> String {
        format!("skene_growth_fn_{}_{}_{}", self.slug(), self.op, self.key)
    }

    /// The trigger's name as written in the SQL (unquoted).
    pub fn trigger_name(&self) -> String {
        format!("skene_growth_trg_{}_{}_{}", self.slug(), self.op, self.key)
    }

    /// The function's name as PostgreSQL stores it: lower case, at most 63 bytes.
    pub fn stored_function_name(&self) -> String {
        truncate_ident(&self.function_name().to_ascii_lowercase())
    }

    /// The trigger's name as PostgreSQL stores it.
    pub fn stored_trigger_name(&self) -> String {
        truncate_ident(&self.trigger_name().to_ascii_lowercase())
    }

    /// `schema.table` for messages.
    pub fn table_label(&self) -> String {
        format!("{}.{}", self.schema, self.table)
    }
}

/// A reason engine.yaml cannot be turned into triggers, at a feature's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u64,
    pub message: String,
}

/// The last dot-segment of a path, trimmed.
fn last_segment(path: Option<&str>) -> &str {
    let path = path.unwrap_or_default().trim();
    path.rsplit('.').next().unwrap_or_default()
}

/// The triggers of `engine`, in feature order, duplicates of (schema, table, OP,
/// key) once. Refuses what PostgreSQL cannot hold (NUL characters) and names that
/// would collide once PostgreSQL folds and truncates them.
pub fn from_engine(engine: &Engine) -> Result<Vec<TriggerSpec>, Vec<Problem>> {
    let mut specs: Vec<TriggerSpec> = Vec::new();
    let mut problems = Vec::new();
    for f in engine.features.iter().filter(|f| f.action.is_some()) {
        if !is_trigger_source(&f.source) {
            continue; // validate reports it
        }
        let parts: Vec<&str> = f.source.split('.').collect();
        let Some(op) = Op::parse(parts[2]) else {
            continue;
        };
        let props = [
            last_segment(f.subject_id_path.as_deref()),
            last_segment(f.action_target_path.as_deref()),
        ];
        if let Some(p) = props.iter().find(|p| p.contains('\0')) {
            problems.push(Problem {
                line: f.line,
                message: format!(
                    "feature `{}`: the column `{}` holds a NUL character, which PostgreSQL names cannot",
                    f.key,
                    p.escape_debug()
                ),
            });
            continue;
        }
        let mut spec = TriggerSpec::new(&f.key, parts[0], parts[1], op, &props);
        spec.line = f.line;
        let duplicate = specs.iter().any(|s| {
            (s.schema.as_str(), s.table.as_str(), s.op, s.key.as_str())
                == (
                    spec.schema.as_str(),
                    spec.table.as_str(),
                    spec.op,
                    spec.key.as_str(),
                )
        });
        if !duplicate {
            specs.push(spec);
        }
    }
    let mut functions: HashMap<String, &TriggerSpec> = HashMap::new();
    let mut triggers: HashMap<(String, String, String), &TriggerSpec> = HashMap::new();
    for s in &specs {
        if let Some(first) = functions.insert(s.stored_function_name(), s) {
            problems.push(collision(s, first, "function", &s.stored_function_name()));
            continue;
        }
        let key = (s.schema.clone(), s.table.clone(), s.stored_trigger_name());
        if let Some(first) = triggers.insert(key, s) {
            problems.push(collision(s, first, "trigger", &s.stored_trigger_name()));
        }
    }
    if problems.is_empty() {
        Ok(specs)
    } else {
        Err(problems)
    }
}

fn collision(s: &TriggerSpec, first: &TriggerSpec, what: &str, name: &str) -> Problem {
    Problem {
        line: s.line,
        message: format!(
            "features `{}` and `{}` (line {}) would both create the {what} {name} \
             (PostgreSQL folds names to lower case and cuts them at 63 bytes)",
            s.feature, first.feature, first.line
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_python_client() {
        let s = TriggerSpec::new(
            "first_order_welcome",
            "public",
            "orders",
            Op::Insert,
            &["organization_id", "created_by"],
        );
        assert_eq!(
            s.function_name(),
            "skene_growth_fn_orders_INSERT_first_order_welcome"
        );
        assert_eq!(
            s.stored_trigger_name(),
            "skene_growth_trg_orders_insert_first_order_welcome"
        );
        assert_eq!(s.entity_column, "organization_id");
        assert_eq!(s.event_type(), "public.orders.insert");
        let u = TriggerSpec::new(
            "Signup Web-hook!!",
            "auth",
            "Users",
            Op::Update,
            &["", "ID", "ID"],
        );
        assert_eq!(u.key, "signup_web_hook");
        assert_eq!(u.slug(), "auth_users");
        assert_eq!(u.properties, ["ID"]);
        assert_eq!(u.entity_column, "ID");
        assert_eq!(
            TriggerSpec::new("k", "public", "t", Op::Delete, &[]).properties,
            ["id"]
        );
    }

    fn engine(features: &[(&str, &str)]) -> Engine {
        use crate::bundle::engine::Feature;
        Engine {
            subjects: 0,
            features: features
                .iter()
                .enumerate()
                .map(|(i, (key, source))| Feature {
                    source: (*source).to_owned(),
                    action: Some("email".into()),
                    key: (*key).to_owned(),
                    subject_id_path: None,
                    action_target_path: None,
                    line: i as u64 + 1,
                })
                .collect(),
        }
    }

    #[test]
    fn duplicates_are_emitted_once_and_collisions_refused() {
        let specs = from_engine(&engine(&[
            ("a-b", "public.t.insert"),
            ("a_b", "public.t.insert"),
            ("a_b", "public.t.update"),
            ("x", "not a source"),
        ]))
        .unwrap();
        let names: Vec<String> = specs.iter().map(TriggerSpec::trigger_name).collect();
        assert_eq!(
            names,
            [
                "skene_growth_trg_t_INSERT_a_b",
                "skene_growth_trg_t_UPDATE_a_b"
            ]
        );

        let long = "k".repeat(60);
        let problems = from_engine(&engine(&[
            (&format!("{long}1"), "public.t.insert"),
            (&format!("{long}2"), "public.t.insert"),
            ("same", "public.T.insert"),
            ("same", "public.t.insert"),
        ]))
        .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, 2);
        assert!(
            problems[0].message.contains("cuts them at 63 bytes"),
            "{problems:?}"
        );
        assert_eq!(problems[1].line, 4);
    }

    #[test]
    fn sanitizing_matches_python() {
        assert_eq!(sanitize_key("clé \"x\"; DROP"), "cl_x_drop");
        assert_eq!(sanitize_key("***"), "feature");
        assert_eq!(slug("Public", "a--b"), "a__b");
        assert_eq!(slug("my-schema", "__"), "my_schema_table");
    }
}
