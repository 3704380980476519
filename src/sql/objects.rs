//! The functions and triggers a migration creates, read from its statements, with
//! names as PostgreSQL stores them (folded, truncated).

use super::{Tok, Token, ident_name, lex, statements};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedFunction {
    /// The schema, when the name is qualified.
    pub schema: Option<String>,
    pub name: String,
    pub line: u64,
    /// The dollar-quoted body, when it has one.
    pub body: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedTrigger {
    pub name: String,
    pub line: u64,
    /// `BEFORE`, `AFTER` or `INSTEAD OF`, upper-case.
    pub timing: String,
    /// `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, upper-case, as listed.
    pub events: Vec<String>,
    pub table_schema: Option<String>,
    pub table: String,
    /// The function it executes (name only).
    pub function: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Created {
    pub functions: Vec<CreatedFunction>,
    pub triggers: Vec<CreatedTrigger>,
}

/// The `CREATE FUNCTION` and `CREATE TRIGGER` statements of `sql`.
pub fn created(sql: &str) -> Created {
    let lexed = lex(sql, 1);
    let mut out = Created::default();
    for stmt in statements(&lexed.tokens) {
        if !stmt[0].is("create") {
            continue;
        }
        let mut i = 1;
        if stmt.get(1).is_some_and(|t| t.is("or")) && stmt.get(2).is_some_and(|t| t.is("replace")) {
            i = 3;
        }
        if stmt.get(i).is_some_and(|t| t.is("constraint")) {
            i += 1;
        }
        let Some(kind) = stmt.get(i) else { continue };
        if kind.is("function") {
            if let Some(f) = function(stmt, i + 1) {
                out.functions.push(f);
            }
        } else if kind.is("trigger")
            && let Some(t) = trigger(stmt, i + 1)
        {
            out.triggers.push(t);
        }
    }
    out
}

/// `[schema.]name` starting at `i`: (schema, name, index after it).
fn qualified(stmt: &[Token<'_>], i: usize) -> Option<(Option<String>, String, usize)> {
    let first = ident_name(&stmt.get(i)?.tok)?;
    if stmt.get(i + 1).is_some_and(|t| t.is_char('.'))
        && let Some(second) = stmt.get(i + 2).and_then(|t| ident_name(&t.tok))
    {
        return Some((Some(first), second, i + 3));
    }
    Some((None, first, i + 1))
}

fn function(stmt: &[Token<'_>], i: usize) -> Option<CreatedFunction> {
    let (schema, name, _) = qualified(stmt, i)?;
    let body = stmt.iter().find_map(|t| match t.tok {
        Tok::Dollar { body, .. } => Some(body.to_owned()),
        _ => None,
    });
    Some(CreatedFunction {
        schema,
        name,
        line: stmt[0].line,
        body,
    })
}

fn trigger(stmt: &[Token<'_>], i: usize) -> Option<CreatedTrigger> {
    let name = ident_name(&stmt.get(i)?.tok)?;
    let mut j = i + 1;
    let timing = if stmt.get(j)?.is("instead") {
        j += 2;
        "INSTEAD OF".to_owned()
    } else {
        let t = stmt.get(j)?;
        j += 1;
        match &t.tok {
            Tok::Word(w) => w.to_ascii_uppercase(),
            _ => return None,
        }
    };
    let mut events = Vec::new();
    while let Some(t) = stmt.get(j) {
        if t.is("on") {
            break;
        }
        if let Tok::Word(w) = t.tok
            && ["insert", "update", "delete", "truncate"]
                .iter()
                .any(|e| w.eq_ignore_ascii_case(e))
        {
            events.push(w.to_ascii_uppercase());
        }
        j += 1;
    }
    let (table_schema, table, after) = qualified(stmt, j + 1)?;
    let exec = stmt[after..].iter().position(|t| t.is("execute"))? + after;
    let (_, function, _) = qualified(stmt, exec + 2)?;
    Some(CreatedTrigger {
        name,
        line: stmt[0].line,
        timing,
        events,
        table_schema,
        table,
        function,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_functions_and_triggers() {
        let sql = "-- x
CREATE OR REPLACE FUNCTION skene_growth_fn_A_INSERT_k()
RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN RETURN NULL; END;
$$;
DROP TRIGGER IF EXISTS skene_growth_trg_A_INSERT_k ON \"public\".\"A\";
CREATE TRIGGER skene_growth_trg_A_INSERT_k
  AFTER INSERT OR UPDATE ON \"public\".\"A\"
  FOR EACH ROW
  EXECUTE FUNCTION skene_growth_fn_A_INSERT_k();
CREATE FUNCTION skene_growth.enrich_event() RETURNS trigger LANGUAGE sql AS 'x';
";
        let c = created(sql);
        assert_eq!(c.functions.len(), 2);
        assert_eq!(c.functions[0].name, "skene_growth_fn_a_insert_k");
        assert_eq!(c.functions[0].line, 2);
        assert_eq!(
            c.functions[0].body.as_deref(),
            Some("\nBEGIN RETURN NULL; END;\n")
        );
        assert_eq!(c.functions[1].schema.as_deref(), Some("skene_growth"));
        assert_eq!(
            c.triggers,
            [CreatedTrigger {
                name: "skene_growth_trg_a_insert_k".into(),
                line: 7,
                timing: "AFTER".into(),
                events: vec!["INSERT".into(), "UPDATE".into()],
                table_schema: Some("public".into()),
                table: "A".into(),
                function: "skene_growth_fn_a_insert_k".into(),
            }]
        );
    }
}
