//! What engine.yaml wants against what a database has: missing, extra, stale.

use serde::Serialize;

use super::render::{SEARCH_PATH, function_body, normalize_body};
use super::schema::OUTBOX_COLUMNS;
use super::spec::TriggerSpec;
use crate::db::catalog::{DbFunction, Snapshot};

/// The outbox tables whose columns [`compare`] checks; pass them to the snapshot.
pub fn outbox_tables() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (t, _, _) in OUTBOX_COLUMNS {
        let t = ("skene_growth".to_owned(), (*t).to_owned());
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The outbox columns the snapshot's tables lack, per table, in table order.
fn old_base_schema(db: &Snapshot) -> Vec<Drift> {
    let mut out = Vec::new();
    for (_, table) in outbox_tables() {
        let Some(found) = db
            .tables
            .iter()
            .find(|t| t.schema == "skene_growth" && t.name == table)
        else {
            continue;
        };
        let missing: Vec<&str> = OUTBOX_COLUMNS
            .iter()
            .filter(|(t, c, _)| {
                *t == table
                    && found
                        .columns
                        .as_ref()
                        .is_none_or(|cols| !cols.iter().any(|have| have == c))
            })
            .map(|(_, c, _)| *c)
            .collect();
        if missing.is_empty() {
            continue;
        }
        let what = match &found.columns {
            None => format!("skene_growth.{table} does not exist"),
            Some(_) => format!(
                "skene_growth.{table} lacks the column{} {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ),
        };
        out.push(Drift {
            kind: DriftKind::OldBaseSchema,
            name: format!("skene_growth.{table}"),
            table: Some(format!("skene_growth.{table}")),
            feature: None,
            message: format!(
                "{what}, which the agent needs: the base schema applied there is older than this skene's; apply the current base schema: `skene triggers generate` writes it (*_skene_growth_schema.sql), then apply that file"
            ),
        });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DriftKind {
    /// `skene_growth.event_log` does not exist: the base schema was not applied.
    NoBaseSchema,
    /// The outbox tables lack columns the agent needs: an older base schema.
    OldBaseSchema,
    MissingTable,
    /// A column the trigger copies is missing: its function would fail every write.
    MissingColumn,
    MissingTrigger,
    /// The trigger exists but fires on another event, timing, or function.
    WrongTrigger,
    DisabledTrigger,
    MissingFunction,
    /// The function's body or settings differ from what engine.yaml wants now.
    StaleFunction,
    /// A `skene_growth_trg_*` trigger no feature wants.
    ExtraTrigger,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    pub kind: DriftKind,
    /// The trigger's or function's name, as stored.
    pub name: String,
    /// `schema.table`, for trigger and table problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The feature key, for what a feature wants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    pub message: String,
}

fn up_to_date(f: &DbFunction, spec: &TriggerSpec) -> bool {
    normalize_body(&f.body) == normalize_body(&function_body(spec))
        && f.security_definer
        && f.config == [format!("search_path={SEARCH_PATH}")]
}

/// The differences, in feature order, then the extra triggers.
pub fn compare(specs: &[TriggerSpec], db: &Snapshot) -> Vec<Drift> {
    let mut out = Vec::new();
    if !db.event_log {
        out.push(Drift {
            kind: DriftKind::NoBaseSchema,
            name: "skene_growth.event_log".into(),
            table: None,
            feature: None,
            message:
                "skene_growth.event_log does not exist: the base schema migration was not applied"
                    .into(),
        });
    } else {
        out.extend(old_base_schema(db));
    }
    for spec in specs {
        let trigger = spec.stored_trigger_name();
        let function = spec.stored_function_name();
        let label = spec.table_label();
        let drift = |kind, name: &str, message: String| Drift {
            kind,
            name: name.to_owned(),
            table: Some(label.clone()),
            feature: Some(spec.feature.clone()),
            message,
        };
        let table = db
            .tables
            .iter()
            .find(|t| t.schema == spec.schema && t.name == spec.table);
        match table.and_then(|t| t.columns.as_ref()) {
            None => out.push(drift(
                DriftKind::MissingTable,
                &label,
                format!("the table {label} does not exist"),
            )),
            Some(columns) => {
                for p in &spec.properties {
                    let stored = crate::sql::truncate_ident(p);
                    if !columns.contains(&stored) {
                        out.push(drift(
                            DriftKind::MissingColumn,
                            &trigger,
                            format!(
                                "{label} has no column {}: the trigger {trigger} would make every {} fail",
                                crate::sql::quote::ident(p),
                                spec.op
                            ),
                        ));
                    }
                }
            }
        }
        let deployed = db
            .triggers
            .iter()
            .find(|t| t.name == trigger && t.schema == spec.schema && t.table == spec.table);
        let wanted_type = 1 | spec.op.tgtype_bit();
        match deployed {
            None => out.push(drift(
                DriftKind::MissingTrigger,
                &trigger,
                format!("the trigger {trigger} on {label} is missing"),
            )),
            Some(t) => {
                if t.tgtype != wanted_type || t.function.name != function {
                    out.push(drift(
                        DriftKind::WrongTrigger,
                        &trigger,
                        format!(
                            "the trigger {trigger} on {label} is not AFTER {} FOR EACH ROW EXECUTE FUNCTION {function}()",
                            spec.op
                        ),
                    ));
                }
                if t.enabled == "D" {
                    out.push(drift(
                        DriftKind::DisabledTrigger,
                        &trigger,
                        format!("the trigger {trigger} on {label} is disabled"),
                    ));
                }
            }
        }
        let deployed_fn = deployed
            .map(|t| &t.function)
            .filter(|f| f.name == function)
            .or_else(|| {
                db.functions
                    .iter()
                    .find(|f| f.name == function && f.schema == "public")
            })
            .or_else(|| db.functions.iter().find(|f| f.name == function));
        match deployed_fn {
            None => out.push(drift(
                DriftKind::MissingFunction,
                &function,
                format!("the function {function}() is missing"),
            )),
            Some(f) if !up_to_date(f, spec) => out.push(drift(
                DriftKind::StaleFunction,
                &function,
                format!(
                    "the function {}.{function}() differs from what engine.yaml wants now",
                    f.schema
                ),
            )),
            Some(_) => {}
        }
    }
    let wanted: Vec<(String, String, String)> = specs
        .iter()
        .map(|s| (s.schema.clone(), s.table.clone(), s.stored_trigger_name()))
        .collect();
    for t in &db.triggers {
        let key = (t.schema.clone(), t.table.clone(), t.name.clone());
        if t.name.starts_with("skene_growth_trg_") && !wanted.contains(&key) {
            out.push(Drift {
                kind: DriftKind::ExtraTrigger,
                name: t.name.clone(),
                table: Some(format!("{}.{}", t.schema, t.table)),
                feature: None,
                message: format!(
                    "the trigger {} on {}.{} is not wanted by any feature; drop it with DROP TRIGGER {} ON {};",
                    t.name,
                    t.schema,
                    t.table,
                    crate::sql::quote::ident(&t.name),
                    crate::sql::quote::qualified(&t.schema, &t.table)
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::catalog::{DbTable, DbTrigger};
    use crate::triggers::spec::Op;

    fn deployed(spec: &TriggerSpec) -> Snapshot {
        let function = DbFunction {
            schema: "public".into(),
            name: spec.stored_function_name(),
            body: function_body(spec),
            security_definer: true,
            config: vec![format!("search_path={SEARCH_PATH}")],
        };
        Snapshot {
            event_log: true,
            triggers: vec![DbTrigger {
                schema: spec.schema.clone(),
                table: spec.table.clone(),
                name: spec.stored_trigger_name(),
                tgtype: 1 | spec.op.tgtype_bit(),
                enabled: "O".into(),
                function: function.clone(),
            }],
            functions: vec![function],
            tables: vec![DbTable {
                schema: spec.schema.clone(),
                name: spec.table.clone(),
                columns: Some(vec!["id".into(), "org".into()]),
            }],
        }
    }

    #[test]
    fn in_sync_is_empty_and_each_difference_is_named() {
        let spec = TriggerSpec::new("f", "public", "orders", Op::Insert, &["org"]);
        let db = deployed(&spec);
        assert_eq!(compare(std::slice::from_ref(&spec), &db), []);

        let mut stale = db.clone();
        stale.triggers[0].function.body.push_str("-- edited");
        stale.triggers[0].enabled = "D".into();
        let kinds: Vec<DriftKind> = compare(std::slice::from_ref(&spec), &stale)
            .iter()
            .map(|d| d.kind)
            .collect();
        assert_eq!(
            kinds,
            [DriftKind::DisabledTrigger, DriftKind::StaleFunction]
        );

        let other = TriggerSpec::new("g", "public", "orders", Op::Delete, &["nope"]);
        let drift = compare(std::slice::from_ref(&other), &db);
        let kinds: Vec<DriftKind> = drift.iter().map(|d| d.kind).collect();
        assert_eq!(
            kinds,
            [
                DriftKind::MissingColumn,
                DriftKind::MissingTrigger,
                DriftKind::MissingFunction,
                DriftKind::ExtraTrigger
            ]
        );
        assert_eq!(drift[3].name, "skene_growth_trg_orders_insert_f");
    }
}
