//! The Python client 0.5.1's defect: every trigger function it writes opens a
//! `BEGIN` block that is never closed, so PostgreSQL rejects the function with
//! `syntax error at end of input`. [`unbalanced_begin`] finds such blocks in any
//! PL/pgSQL body of a migration (functions, procedures, `DO` blocks).

use super::{Tok, Token, lex, statements};

/// One PL/pgSQL body with a `BEGIN` that has no matching `END`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line of the unclosed `BEGIN` in the scanned text.
    pub line: u64,
    /// The function or procedure, as written (`None` for a `DO` block).
    pub function: Option<String>,
    /// A sentence for people, naming the function and the consequence.
    pub message: String,
}

/// What to tell the user to do about a [`Finding`].
pub const HINT: &str = "regenerate the trigger migration with `skene triggers generate` \
(and delete the defective one: `supabase db push` applies every migration in the directory)";

/// Every PL/pgSQL body in `sql` whose outer `BEGIN` is not closed.
pub fn unbalanced_begin(sql: &str) -> Vec<Finding> {
    let lexed = lex(sql, 1);
    let mut findings = Vec::new();
    for stmt in statements(&lexed.tokens) {
        let Some((function, body)) = plpgsql_body(stmt) else {
            continue;
        };
        let Tok::Dollar { body: text, .. } = body.tok else {
            continue;
        };
        if let Some(line) = unclosed_begin(text, body.body_line) {
            let what = match &function {
                Some(name) => format!("function {name}"),
                None => "DO block".to_owned(),
            };
            findings.push(Finding {
                line,
                message: format!(
                    "{what}: this BEGIN has no matching END, so PostgreSQL rejects it with \
                     \"syntax error at end of input\" (the defect of trigger migrations written \
                     by the Python skene client 0.5.1)"
                ),
                function,
            });
        }
    }
    findings
}

/// For `CREATE [OR REPLACE] FUNCTION|PROCEDURE … AS $$…$$ … LANGUAGE plpgsql` and
/// `DO $$…$$`: the routine's name as written and its dollar-quoted body.
fn plpgsql_body<'t, 'a>(stmt: &'t [Token<'a>]) -> Option<(Option<String>, &'t Token<'a>)> {
    let body = stmt.iter().find(|t| matches!(t.tok, Tok::Dollar { .. }))?;
    let language = stmt
        .windows(2)
        .find(|w| w[0].is("language"))
        .map(|w| match &w[1].tok {
            Tok::Word(l) => l.to_ascii_lowercase(),
            Tok::Str(l) | Tok::QuotedIdent(l) => l.to_ascii_lowercase(),
            _ => String::new(),
        });
    if stmt[0].is("do") {
        return (language.as_deref().unwrap_or("plpgsql") == "plpgsql").then_some((None, body));
    }
    if !stmt[0].is("create") || language.as_deref() != Some("plpgsql") {
        return None;
    }
    let kw = stmt
        .iter()
        .take(4)
        .position(|t| t.is("function") || t.is("procedure"))?;
    let name: Vec<String> = stmt[kw + 1..]
        .iter()
        .take_while(|t| !t.is_char('('))
        .map(|t| match &t.tok {
            Tok::Word(w) => (*w).to_owned(),
            Tok::QuotedIdent(q) => format!("\"{q}\""),
            Tok::Other(o) => (*o).to_owned(),
            _ => String::new(),
        })
        .collect();
    Some((Some(name.concat()), body))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Begin,
    If,
    Loop,
    Case,
}

/// The line of the outermost `BEGIN` left open at the end of a PL/pgSQL body that
/// starts on `first_line`; `None` when the blocks balance, or when the body is too
/// unusual to judge (an `END` without its opener).
fn unclosed_begin(body: &str, first_line: u64) -> Option<u64> {
    let lexed = lex(body, first_line);
    if lexed.unterminated.is_some() {
        return None;
    }
    let toks = &lexed.tokens;
    let mut stack: Vec<(Block, u64)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        let after_end = i > 0 && toks[i - 1].is("end");
        if t.is("begin") {
            stack.push((Block::Begin, t.line));
        } else if t.is("if") && !after_end {
            // `IF EXISTS` / `IF NOT EXISTS` belong to SQL statements, not blocks.
            let exists = next.is_some_and(|n| n.is("exists"))
                || (next.is_some_and(|n| n.is("not"))
                    && toks.get(i + 2).is_some_and(|n| n.is("exists")));
            if !exists {
                stack.push((Block::If, t.line));
            }
        } else if t.is("loop") && !after_end {
            stack.push((Block::Loop, t.line));
        } else if t.is("case") && !after_end {
            stack.push((Block::Case, t.line));
        } else if t.is("end") {
            let closes = match next {
                Some(n) if n.is("if") => Some(Block::If),
                Some(n) if n.is("loop") => Some(Block::Loop),
                Some(n) if n.is("case") => Some(Block::Case),
                _ => None,
            };
            let (open, _) = stack.pop()?;
            match closes {
                Some(kind) if kind != open => return None,
                None if !matches!(open, Block::Begin | Block::Case) => return None,
                _ => {}
            }
        }
        i += 1;
    }
    stack
        .iter()
        .find(|(kind, _)| *kind == Block::Begin)
        .map(|(_, line)| *line)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PYTHON: &str = "-- Skene Growth
CREATE OR REPLACE FUNCTION skene_growth_fn_orders_INSERT_x()
RETURNS TRIGGER
LANGUAGE plpgsql
AS $$
BEGIN

BEGIN
  INSERT INTO skene_growth.event_log (entity_id) VALUES (NULL);
EXCEPTION WHEN invalid_text_representation OR OTHERS THEN
  NULL;
END;
RETURN NULL;

$$;
";

    #[test]
    fn finds_the_python_clients_unclosed_begin() {
        let found = unbalanced_begin(PYTHON);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 6);
        assert_eq!(
            found[0].function.as_deref(),
            Some("skene_growth_fn_orders_INSERT_x")
        );
        assert!(found[0].message.contains("syntax error at end of input"));
    }

    #[test]
    fn balanced_bodies_pass() {
        let fixed = PYTHON.replace("RETURN NULL;\n\n$$", "RETURN NULL;\nEND;\n$$");
        assert_eq!(unbalanced_begin(&fixed), []);
        let rich = "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
DECLARE r record;
BEGIN
  DROP TABLE IF EXISTS t; CREATE TABLE IF NOT EXISTS t(a int);
  IF 1 = 1 THEN NULL; ELSIF 2 = 2 THEN NULL; END IF;
  FOR r IN SELECT 1 LOOP x := CASE WHEN true THEN 1 ELSE 2 END; END LOOP;
  CASE 1 WHEN 1 THEN NULL; END CASE;
  <<inner>> BEGIN PERFORM 'BEGIN'; -- BEGIN
  END inner;
  RETURN 1;
END;
$body$;
DO $$ BEGIN PERFORM 1; END $$;";
        assert_eq!(unbalanced_begin(rich), []);
    }

    #[test]
    fn sql_functions_and_do_blocks() {
        assert_eq!(
            unbalanced_begin("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ BEGIN $$;"),
            []
        );
        let found = unbalanced_begin("SELECT 1;\nDO $$\nBEGIN\n  PERFORM 1;\n$$;");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].function.clone()), (3, None));
    }
}
