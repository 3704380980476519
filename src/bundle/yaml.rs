//! YAML for `engine.yaml`: parsed with serde-saphyr into a tree that remembers where
//! each node is; parse errors become a [`Diagnostic`] built from the parser's
//! structured error (its kind and location, not its English text), with a snippet
//! cut to a window around the column, and for a bracket that is never closed, the
//! place it was opened.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource, MessageFormatter, Spanned};

use super::diag::Diagnostic;
use super::snippet::{Mark, line_of, snippet};

/// A YAML node of any kind.
#[derive(Debug, Clone)]
pub enum Node {
    Null,
    Bool,
    Int,
    Float,
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl Node {
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool => "a boolean",
            Node::Int => "an integer",
            Node::Float => "a number",
            Node::Str(_) => "a string",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Spanned<Node>> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Node::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Bool)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Int)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Int)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Node, E> {
        Ok(Node::Int)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Node, E> {
        Ok(Node::Int)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Float)
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    }
}

/// Parses `text` (the file `file`) into a tree, or says why it is not valid YAML.
pub fn parse(text: &str, file: &str) -> Result<Spanned<Node>, Box<Diagnostic>> {
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| Box::new(diagnostic(&e, text, file)))
}

/// The error the parser meant, without the wrappers that add snippets or aliases.
fn original(mut err: &Error) -> &Error {
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = err {
        err = error;
    }
    err
}

/// The parser's own kind of syntax error, when it is one.
fn scan_kind(err: &Error) -> Option<&ErrorKind> {
    match original(err) {
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => Some(scan.kind()),
            _ => None,
        },
        _ => None,
    }
}

/// The message for an error, from its structured form. The parser's message for its
/// own kind of syntax error comes from `MessageFormatter::format_message`, which by
/// contract carries no location; ours replace wording that names the library's API.
pub fn message(err: &Error) -> Cow<'_, str> {
    match original(err) {
        Error::DuplicateMappingKey { key: Some(k), .. } => {
            Cow::Owned(format!("duplicate mapping key: {k}"))
        }
        Error::DuplicateMappingKey { key: None, .. } => Cow::Borrowed("duplicate mapping key"),
        _ if matches!(scan_kind(err), Some(ErrorKind::RecursionLimitExceeded)) => {
            Cow::Borrowed("nested too deeply for an engine file")
        }
        // The parser's limits against hostile documents (values, depth, aliases).
        Error::Budget { breach, .. } => Cow::Borrowed(match breach {
            BudgetBreach::Depth { .. } => "nested too deeply for an engine file",
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. } => {
                "too many aliases or anchors for an engine file"
            }
            _ => "too large for an engine file (too many values)",
        }),
        other => serde_saphyr::DefaultMessageFormatter.format_message(other),
    }
}

/// True for syntax errors that an unclosed flow collection (`[…]`, `{…}`) causes
/// further on, where its opening bracket is the place to look. (For
/// `UnclosedFlowCollection` the parser points at the bracket itself.)
fn is_flow_error(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::UnexpectedEofFlowSequence
            | ErrorKind::UnexpectedEofFlowMapping
            | ErrorKind::UnexpectedEofImplicitFlowMapping
            | ErrorKind::ExpectedFlowMappingSeparator
            | ErrorKind::ExpectedFlowSequenceSeparator
            | ErrorKind::BlockEntryInFlowCollection
            | ErrorKind::MismatchedFlowCollectionEnd { .. }
            | ErrorKind::SimpleKeyExpected
            | ErrorKind::InvalidSimpleKey
            | ErrorKind::InvalidColonPlacement
    )
}

fn diagnostic(err: &Error, text: &str, file: &str) -> Diagnostic {
    let mut d = Diagnostic::error(file, format!("not valid YAML: {}", message(err)));
    let Some(loc) = err.location() else {
        return d;
    };
    let (line, column) = (loc.line(), loc.column());
    d = d.at(line, column);
    let mut marks = vec![Mark {
        line,
        column,
        label: String::new(),
    }];
    if scan_kind(err).is_some_and(is_flow_error)
        && let Some(offset) = byte_offset(text, line, column)
        && let Some(open) = unclosed_bracket(text, offset)
        && (open.line, open.column) != (line, column)
    {
        d = d.hint(format!(
            "the `{}` opened on line {}, column {} is never closed",
            open.bracket, open.line, open.column
        ));
        marks.push(Mark {
            line: open.line,
            column: open.column,
            label: format!("`{}` opened here", open.bracket),
        });
    }
    d.snippet = snippet(text, &marks);
    d
}
/// The byte offset of `line`:`column` (1-based, column in characters) in `text`.
fn byte_offset(text: &str, line: u64, column: u64) -> Option<usize> {
    let source = line_of(text, line)?;
    let line_start = source.as_ptr() as usize - text.as_ptr() as usize;
    let col = usize::try_from(column.saturating_sub(1)).ok()?;
    let within = source
        .char_indices()
        .nth(col)
        .map_or(source.len(), |(i, _)| i);
    Some(line_start + within)
}

/// A flow collection's opening bracket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    pub bracket: char,
    pub line: u64,
    pub column: u64,
}

/// The innermost flow collection (`[` or `{`) open at byte `upto` of `text` that is
/// never closed, found with a small YAML lexer that knows comments, quoted scalars
/// and block scalars, and that a `[` inside a plain block scalar (`name: a[0]`)
/// opens nothing.
pub fn unclosed_bracket(text: &str, upto: usize) -> Option<Open> {
    let mut stack: Vec<Open> = Vec::new();
    // The innermost collection open at `upto`, and the depth it is at.
    let mut open_at_upto: Option<(Open, usize)> = None;
    let (mut line, mut column) = (1u64, 0u64);
    // What came before on this line, ignoring spaces: None at its start.
    let mut prev: Option<char> = None;
    let mut prev_was_space = true;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    // Block scalar (`|`, `>`) content: skip lines indented more than this.
    let mut block_scalar: Option<usize> = None;
    let mut pending_block: Option<usize> = None;
    let mut indent = 0usize;
    let mut at_line_start = true;
    let mut skipping_line = false;
    for (i, c) in text.char_indices() {
        if i >= upto && open_at_upto.is_none() {
            open_at_upto = Some((stack.last()?.clone(), stack.len()));
        }
        if c == '\n' {
            line += 1;
            column = 0;
            prev = None;
            prev_was_space = true;
            comment = false;
            at_line_start = true;
            indent = 0;
            skipping_line = false;
            if let Some(level) = pending_block.take() {
                block_scalar = Some(level);
            }
            continue;
        }
        column += 1;
        if skipping_line || comment {
            continue;
        }
        if at_line_start {
            if c == ' ' {
                indent += 1;
                continue;
            }
            at_line_start = false;
            if let Some(level) = block_scalar {
                if indent > level && quote.is_none() {
                    skipping_line = true;
                    continue;
                }
                block_scalar = None;
            }
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false; // `\x` in "…", or the second `'` of `''` in '…'
            } else if q == '"' && c == '\\'
                || q == '\'' && c == '\'' && text[i + 1..].starts_with('\'')
            {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            prev = Some(c);
            prev_was_space = false;
            continue;
        }
        let starts_node = prev_was_space || matches!(prev, None | Some('[' | '{' | ','));
        match c {
            '#' if prev_was_space => {
                comment = true;
                continue;
            }
            '"' | '\'' if starts_node => quote = Some(c),
            '[' | '{' if !stack.is_empty() || (starts_node && indicator_before(prev)) => {
                stack.push(Open {
                    bracket: c,
                    line,
                    column,
                });
            }
            ']' | '}' if !stack.is_empty() => {
                stack.pop();
                if open_at_upto
                    .as_ref()
                    .is_some_and(|(_, depth)| stack.len() < *depth)
                {
                    return None; // closed after all
                }
            }
            '|' | '>' if stack.is_empty() && starts_node && indicator_before(prev) => {
                pending_block = Some(indent);
            }
            _ => {}
        }
        prev_was_space = c == ' ' || c == '\t';
        if !prev_was_space {
            prev = Some(c);
        }
    }
    match open_at_upto {
        Some((open, _)) => Some(open),
        None => stack.pop(), // `upto` is at the end
    }
}

/// In block context, a flow collection or block scalar starts a value: at the start
/// of a line, or after `- `, `: `, `? `.
fn indicator_before(prev: Option<char>) -> bool {
    matches!(prev, None | Some('-' | ':' | '?'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> Diagnostic {
        *parse(text, "e.yaml").expect_err("not valid")
    }

    #[test]
    fn syntax_errors_have_line_column_and_snippet() {
        let d = error("version: 1\nfeatures: [\n");
        assert_eq!(
            d.to_string(),
            "e.yaml:2:11: error: not valid YAML: unclosed bracket '['"
        );
        assert_eq!(
            d.snippet.as_deref(),
            Some("  |\n2 | features: [\n  |           ^")
        );
    }

    /// The parser's wording is shown as it is; this pins it, so that an upgrade that
    /// changes it is noticed here rather than by users.
    #[test]
    fn parser_wording_is_pinned() {
        for (text, expected) in [
            (
                "a: [1, 2\nb: 3\n",
                "e.yaml:2:2: error: not valid YAML: illegal placement of ':' indicator",
            ),
            (
                "a: {b: 1, c: 2\nd: []\n",
                "e.yaml:2:2: error: not valid YAML: while parsing a flow mapping, did not find expected ',' or '}'",
            ),
            (
                "version: 1\nversion: 2\n",
                "e.yaml:2:1: error: not valid YAML: duplicate mapping key: version",
            ),
            (
                "a: \"open\n",
                "e.yaml:1:4: error: not valid YAML: unclosed quote",
            ),
            (
                "a: [x,\n",
                "e.yaml:1:4: error: not valid YAML: unclosed bracket '['",
            ),
        ] {
            assert_eq!(error(text).to_string(), expected, "{text:?}");
        }
        // The parser's limits against hostile documents, said plainly.
        let deep = format!("a: {}1{}\n", "[".repeat(5_000), "]".repeat(5_000));
        assert_eq!(
            error(&deep).message,
            "not valid YAML: nested too deeply for an engine file"
        );
    }

    #[test]
    fn an_unclosed_bracket_is_shown_where_it_was_opened() {
        let text = "version: 1\nfeatures: [\n  {key: a, name: \"x]\"},\n  # a ] in a comment\n  {key: b}\nsubjects: []\n";
        let d = error(text);
        assert_eq!(d.place(), "e.yaml:6:9");
        assert_eq!(
            d.hint.as_deref(),
            Some("the `[` opened on line 2, column 11 is never closed")
        );
        assert_eq!(
            d.snippet.as_deref(),
            Some(
                "  |\n2 | features: [\n  |           ^ `[` opened here\n6 | subjects: []\n  |         ^"
            )
        );
        let d = error("version: 1\nfeatures: {a: 1, b: 2\nsubjects: []\n");
        assert!(d.snippet.unwrap().contains("^ `{` opened here"));
        // An error inside a collection that is closed later says nothing of it.
        let d = error("a: [b: c: d]\n");
        assert_eq!(d.hint, None, "{d:?}");
    }

    #[test]
    fn the_bracket_lexer_knows_plain_scalars_quotes_and_block_scalars() {
        let open =
            |text: &str| unclosed_bracket(text, text.len()).map(|o| (o.bracket, o.line, o.column));
        assert_eq!(open("a: x[0]\nb: [1, {c: 'it''s ]'"), Some(('{', 2, 8)));
        assert_eq!(open("a: [1, 2]\nb: {c: d}\n"), None);
        assert_eq!(open("a: |\n  [ not flow\nb: [\n"), Some(('[', 3, 4)));
        assert_eq!(open("- [a, \"b\\\" ]\"\n"), Some(('[', 1, 3)));
        assert_eq!(open("a: b # [\n"), None);
    }
}
