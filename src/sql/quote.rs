//! Quoting that no value can break out of: identifiers in `"…"`, literals in
//! `'…'` (or `E'…'` when they hold a backslash, so that the meaning does not depend
//! on `standard_conforming_strings`), bodies in a dollar quote whose tag does not
//! occur in them.

/// `"name"`, with `"` doubled.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `"schema"."table"`.
pub fn qualified(schema: &str, table: &str) -> String {
    format!("{}.{}", ident(schema), ident(table))
}

/// A string literal: `'…'` with `'` doubled, or `E'…'` with `\` doubled too.
pub fn literal(value: &str) -> String {
    if value.contains('\\') {
        format!("E'{}'", value.replace('\\', "\\\\").replace('\'', "''"))
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}

/// `$$body$$`, or `$skene$…`, `$skene1$…` when the body holds the shorter tags:
/// the first delimiter that appears nowhere in the body (nor could be completed
/// by its last character).
pub fn dollar_quoted(body: &str) -> String {
    // A trailing `$` would merge with the closing delimiter: end the body first.
    let body = if body.ends_with('$') {
        format!("{body}\n")
    } else {
        body.to_owned()
    };
    let mut n = 0u32;
    loop {
        let tag = match n {
            0 => "$$".to_owned(),
            1 => "$skene$".to_owned(),
            _ => format!("$skene{}$", n - 1),
        };
        if !body.contains(&tag) {
            return format!("{tag}{body}{tag}");
        }
        n += 1;
    }
}

/// Text made safe for a `--` comment: no line breaks or other control characters.
pub fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_literals_cannot_break_out() {
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(qualified("s\"", "t;"), "\"s\"\"\".\"t;\"");
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal("a\\'b"), "E'a\\\\''b'");
        assert_eq!(literal("$$;--"), "'$$;--'");
    }

    #[test]
    fn the_dollar_tag_never_occurs_in_the_body() {
        assert_eq!(dollar_quoted("\nBEGIN\n"), "$$\nBEGIN\n$$");
        assert_eq!(dollar_quoted(" '$$' "), "$skene$ '$$' $skene$");
        assert_eq!(
            dollar_quoted(" $$ $skene$ "),
            "$skene1$ $$ $skene$ $skene1$"
        );
        assert_eq!(dollar_quoted("x $"), "$$x $\n$$");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nDROP\r\u{85}b"), "a?DROP??b");
    }
}
