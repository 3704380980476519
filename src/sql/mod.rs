//! A small SQL lexer for reading migrations: enough of PostgreSQL's lexical rules
//! (comments, quoted identifiers, string and dollar-quoted literals) to split a file
//! into statements, find the objects they create, and look inside PL/pgSQL bodies.
//! Pure: no I/O. Used by `triggers` and by the defect check of `validate`/`push`.

pub mod defect;
pub mod objects;
pub mod quote;

/// PostgreSQL's longest identifier, in bytes (`NAMEDATALEN - 1`).
pub const MAX_IDENT_BYTES: usize = 63;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok<'a> {
    /// An unquoted word: a keyword or an identifier, as written.
    Word(&'a str),
    /// `"…"`, with `""` turned back into `"`.
    QuotedIdent(String),
    /// `'…'` or `E'…'`, as its value.
    Str(String),
    /// `$tag$…$tag$`: the body between the delimiters.
    Dollar { tag: &'a str, body: &'a str },
    /// `$1`, a number, or any other character.
    Other(&'a str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    /// 1-based line where the token starts.
    pub line: u64,
    /// For a dollar-quoted body: the line its body starts on.
    pub body_line: u64,
}

impl Token<'_> {
    /// Whether this is the unquoted word `kw` (any case).
    pub fn is(&self, kw: &str) -> bool {
        matches!(self.tok, Tok::Word(w) if w.eq_ignore_ascii_case(kw))
    }

    pub fn is_char(&self, c: char) -> bool {
        matches!(self.tok, Tok::Other(o) if o.len() == c.len_utf8() && o.starts_with(c))
    }
}

/// The tokens of `text`, whose first line is `first_line`. Lexing stops at an
/// unterminated comment, string or identifier; `unterminated` tells where it began.
pub struct Lexed<'a> {
    pub tokens: Vec<Token<'a>>,
    pub unterminated: Option<u64>,
}

pub fn lex(text: &str, first_line: u64) -> Lexed<'_> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut line = first_line;
    let mut i = 0;
    let lines_in = |s: &str| s.bytes().filter(|&b| b == b'\n').count() as u64;
    while i < bytes.len() {
        let c = bytes[i];
        let start_line = line;
        // Whitespace
        if c.is_ascii_whitespace() {
            if c == b'\n' {
                line += 1;
            }
            i += 1;
            continue;
        }
        // -- comment
        if text[i..].starts_with("--") {
            let end = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            i = end;
            continue;
        }
        // /* nested comment */
        if text[i..].starts_with("/*") {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                if j >= bytes.len() {
                    return Lexed {
                        tokens,
                        unterminated: Some(start_line),
                    };
                }
                if text[j..].starts_with("/*") {
                    depth += 1;
                    j += 2;
                } else if text[j..].starts_with("*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            line += lines_in(&text[i..j]);
            i = j;
            continue;
        }
        // 'string' and E'string'
        let escape = (c == b'E' || c == b'e')
            && bytes.get(i + 1) == Some(&b'\'')
            && !(i > 0 && is_word_byte(bytes[i - 1]));
        if c == b'\'' || escape {
            let open = if escape { i + 2 } else { i + 1 };
            match quoted(text, open, b'\'', escape) {
                Some((value, end)) => {
                    line += lines_in(&text[i..end]);
                    tokens.push(token(Tok::Str(value), start_line));
                    i = end;
                    continue;
                }
                None => {
                    return Lexed {
                        tokens,
                        unterminated: Some(start_line),
                    };
                }
            }
        }
        // "identifier"
        if c == b'"' {
            match quoted(text, i + 1, b'"', false) {
                Some((value, end)) => {
                    line += lines_in(&text[i..end]);
                    tokens.push(token(Tok::QuotedIdent(value), start_line));
                    i = end;
                    continue;
                }
                None => {
                    return Lexed {
                        tokens,
                        unterminated: Some(start_line),
                    };
                }
            }
        }
        // $tag$ … $tag$, or $1
        if c == b'$' {
            if let Some(tag_len) = dollar_tag(&text[i..]) {
                let delim = &text[i..i + tag_len];
                let body_start = i + tag_len;
                let Some(close) = text[body_start..].find(delim) else {
                    return Lexed {
                        tokens,
                        unterminated: Some(start_line),
                    };
                };
                let body = &text[body_start..body_start + close];
                let end = body_start + close + tag_len;
                tokens.push(Token {
                    tok: Tok::Dollar {
                        tag: &delim[1..delim.len() - 1],
                        body,
                    },
                    line: start_line,
                    body_line: start_line,
                });
                line += lines_in(&text[i..end]);
                i = end;
                continue;
            }
            let end = i
                + 1
                + text[i + 1..]
                    .find(|ch: char| !ch.is_ascii_digit())
                    .unwrap_or(text.len() - i - 1);
            tokens.push(token(Tok::Other(&text[i..end]), start_line));
            i = end;
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or('\0');
        if ch.is_alphabetic() || ch == '_' {
            let end = i + text[i..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(text.len() - i);
            tokens.push(token(Tok::Word(&text[i..end]), start_line));
            i = end;
            continue;
        }
        if ch.is_ascii_digit() {
            let end = i + text[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                .unwrap_or(text.len() - i);
            tokens.push(token(Tok::Other(&text[i..end]), start_line));
            i = end;
            continue;
        }
        let end = i + ch.len_utf8();
        tokens.push(token(Tok::Other(&text[i..end]), start_line));
        i = end;
    }
    Lexed {
        tokens,
        unterminated: None,
    }
}

fn token(tok: Tok<'_>, line: u64) -> Token<'_> {
    Token {
        tok,
        line,
        body_line: line,
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The length of a `$tag$` opening at the start of `s`, if it is one.
fn dollar_tag(s: &str) -> Option<usize> {
    let rest = &s[1..];
    let first = rest.chars().next()?;
    if first == '$' {
        return Some(2);
    }
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    rest[end..].starts_with('$').then_some(end + 2)
}

/// The value of a quoted token whose body starts at `open`, and the index after
/// its closing quote. A doubled quote is one quote; with `backslash`, `\x` is `x`
/// (close enough for E'' strings: only the extent matters here).
fn quoted(text: &str, open: usize, quote: u8, backslash: bool) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let mut value = Vec::new();
    let mut j = open;
    while j < bytes.len() {
        let b = bytes[j];
        if backslash && b == b'\\' && j + 1 < bytes.len() {
            value.push(bytes[j + 1]);
            j += 2;
            continue;
        }
        if b == quote {
            if bytes.get(j + 1) == Some(&quote) {
                value.push(quote);
                j += 2;
                continue;
            }
            return Some((String::from_utf8_lossy(&value).into_owned(), j + 1));
        }
        value.push(b);
        j += 1;
    }
    None
}

/// Statements: runs of tokens between top-level semicolons (empty ones dropped).
pub fn statements<'t, 'a>(tokens: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    tokens
        .split(|t| t.is_char(';'))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The name PostgreSQL stores for an identifier token: unquoted words are folded
/// to lower case (ASCII only, as PostgreSQL does for UTF-8), quoted ones kept;
/// both are cut to 63 bytes at a character boundary.
pub fn ident_name(tok: &Tok<'_>) -> Option<String> {
    match tok {
        Tok::Word(w) => Some(truncate_ident(&w.to_ascii_lowercase())),
        Tok::QuotedIdent(q) => Some(truncate_ident(q)),
        _ => None,
    }
}

/// `name` cut to PostgreSQL's 63 bytes, at a character boundary.
pub fn truncate_ident(name: &str) -> String {
    if name.len() <= MAX_IDENT_BYTES {
        return name.to_owned();
    }
    let mut end = MAX_IDENT_BYTES;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        lex(text, 1)
            .tokens
            .iter()
            .map(|t| match &t.tok {
                Tok::Word(w) => format!("w:{w}"),
                Tok::QuotedIdent(q) => format!("q:{q}"),
                Tok::Str(s) => format!("s:{s}"),
                Tok::Dollar { tag, body } => format!("d:{tag}:{body}"),
                Tok::Other(o) => format!("o:{o}"),
            })
            .collect()
    }

    #[test]
    fn lexes_quotes_comments_and_dollar_bodies() {
        assert_eq!(
            words("SELECT 'it''s; --', \"a\"\"b\" -- c;\n/* x /* y */ ; */ $1;"),
            ["w:SELECT", "s:it's; --", "o:,", "q:a\"b", "o:$1", "o:;"]
        );
        assert_eq!(
            words("AS $f$ a $$ b; $f$; x$y E'\\';' 3.5"),
            ["w:AS", "d:f: a $$ b; ", "o:;", "w:x$y", "s:';", "o:3.5"]
        );
    }

    #[test]
    fn lines_are_counted_through_every_token() {
        let lexed = lex("a\n'b\nc'\n$$\n\n$$ d\n/*\n*/ e", 1);
        let lines: Vec<u64> = lexed.tokens.iter().map(|t| t.line).collect();
        assert_eq!(lines, [1, 2, 4, 6, 8]);
    }

    #[test]
    fn unterminated_tokens_are_reported() {
        assert_eq!(lex("a\n'open", 1).unterminated, Some(2));
        assert_eq!(lex("$x$ body", 1).unterminated, Some(1));
        assert_eq!(lex("/* /* */", 1).unterminated, Some(1));
    }

    #[test]
    fn identifiers_fold_and_truncate_like_postgres() {
        assert_eq!(ident_name(&Tok::Word("Fn_ABC")).unwrap(), "fn_abc");
        assert_eq!(ident_name(&Tok::QuotedIdent("Fn".into())).unwrap(), "Fn");
        let long = "é".repeat(40);
        assert_eq!(truncate_ident(&long).len(), 62);
        assert_eq!(truncate_ident(&"a".repeat(70)).len(), 63);
    }
}
