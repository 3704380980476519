//! The offline check: does the newest trigger migration create every trigger and
//! function engine.yaml wants, and is any migration broken by the Python client's
//! defect?

use std::path::Path;

use serde::Serialize;

use super::render::{self, Origin};
use super::spec::TriggerSpec;
use crate::bundle::diag::Diagnostic;
use crate::bundle::files::{MIGRATIONS_DIR, newest_trigger_migration};
use crate::sql::defect::{self, unbalanced_begin};
use crate::sql::objects::{Created, created};

/// One wanted trigger and whether the newest migration defines it.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub feature: String,
    pub event: String,
    pub table: String,
    /// The trigger's name as the SQL spells it (what a user greps the migration for).
    pub trigger: String,
    /// The trigger's name as PostgreSQL stores it: lower case, at most 63 bytes.
    pub trigger_db_name: String,
    pub function: String,
    pub function_db_name: String,
    /// Both the trigger (on its table) and the function are created there.
    pub defined: bool,
}

#[derive(Debug, Clone)]
pub struct Offline {
    /// The newest trigger migration, relative to the project root.
    pub migration: Option<String>,
    pub rows: Vec<Row>,
    pub diags: Vec<Diagnostic>,
}

fn defines_trigger(created: &Created, spec: &TriggerSpec) -> bool {
    let name = spec.stored_trigger_name();
    created.triggers.iter().any(|t| {
        t.name == name
            && t.table == spec.table
            && t.table_schema.as_deref().unwrap_or("public") == spec.schema
            && t.events.iter().any(|e| e == spec.op.sql())
    })
}

fn defines_function(created: &Created, spec: &TriggerSpec) -> bool {
    let name = spec.stored_function_name();
    created.functions.iter().any(|f| f.name == name)
}

/// Checks the migrations under `root` against `specs` (from `engine`, a path
/// relative to the root).
pub fn offline(root: &Path, engine: &str, specs: &[TriggerSpec]) -> Offline {
    let mut diags = Vec::new();
    let newest = newest_trigger_migration(root);
    let text = newest
        .as_ref()
        .and_then(|(_, abs)| std::fs::read_to_string(abs).ok());
    let made = text.as_deref().map(created).unwrap_or_default();
    let migration = newest.as_ref().map(|(rel, _)| rel.clone());
    let shown = migration.clone().unwrap_or_default();

    let mut rows = Vec::new();
    for spec in specs {
        let has_trigger = defines_trigger(&made, spec);
        let has_function = defines_function(&made, spec);
        if text.is_some() {
            for (ok, what, name) in [
                (has_trigger, "trigger", spec.trigger_name()),
                (has_function, "function", spec.function_name()),
            ] {
                if !ok {
                    diags.push(
                        Diagnostic::error(
                            engine,
                            format!(
                                "feature `{}` ({}): {shown} does not create the {what} {name}",
                                spec.feature,
                                spec.event_type()
                            ),
                        )
                        .at(spec.line, 1)
                        .hint("run `skene triggers generate` to write a new trigger migration"),
                    );
                }
            }
        }
        rows.push(Row {
            feature: spec.feature.clone(),
            event: spec.event_type(),
            table: spec.table_label(),
            trigger: spec.trigger_name(),
            trigger_db_name: spec.stored_trigger_name(),
            function: spec.function_name(),
            function_db_name: spec.stored_function_name(),
            defined: has_trigger && has_function,
        });
    }

    match (&text, &newest) {
        (None, Some((rel, _))) => {
            diags.push(Diagnostic::error(rel, "cannot read it as UTF-8 text"))
        }
        (None, None) if !specs.is_empty() => diags.push(
            Diagnostic::error(
                engine,
                format!("features have actions, but {MIGRATIONS_DIR}/ has no trigger migration"),
            )
            .hint("run `skene triggers generate`"),
        ),
        (Some(text), _) => {
            let wanted: Vec<String> = specs.iter().map(TriggerSpec::stored_trigger_name).collect();
            for t in &made.triggers {
                if t.name.starts_with("skene_growth_trg_") && !wanted.contains(&t.name) {
                    diags.push(
                        Diagnostic::warning(
                            &shown,
                            format!(
                                "creates the trigger {}, which no feature of engine.yaml wants",
                                t.name
                            ),
                        )
                        .at(t.line, 1),
                    );
                }
            }
            let generated = render::trigger_migration(specs, &Origin::new(engine), "");
            if diags.iter().all(|d| !d.is_error()) && !render::same_content(text, &generated) {
                diags.push(
                    Diagnostic::warning(
                        &shown,
                        "differs from what `skene triggers generate` writes for engine.yaml now",
                    )
                    .hint("run `skene triggers generate` to bring it up to date"),
                );
            }
        }
        _ => {}
    }

    diags.extend(defects(root));
    Offline {
        migration,
        rows,
        diags,
    }
}

/// The Python client's defect in every `supabase/migrations/*.sql`, as errors.
pub fn defects(root: &Path) -> Vec<Diagnostic> {
    let dir = root.join(MIGRATIONS_DIR);
    let mut diags = Vec::new();
    for name in super::files::sql_files(&dir) {
        let Ok(text) = std::fs::read_to_string(dir.join(&name)) else {
            continue;
        };
        for f in unbalanced_begin(&text) {
            diags.push(
                Diagnostic::error(format!("{MIGRATIONS_DIR}/{name}"), f.message)
                    .at(f.line, 1)
                    .hint(defect::HINT),
            );
        }
    }
    diags
}
