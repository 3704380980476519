//! Columns for people.

/// Aligns `rows` under `headers` in columns two spaces apart. Cells are made
/// terminal-safe first, so that the columns stay aligned.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| super::sanitize::line(c).into_owned())
                .collect()
        })
        .collect();
    let width = |s: &str| console::measure_text_width(s);
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i].saturating_sub(width(cell)) + 2));
            }
        }
        out.trim_end().to_owned()
    };
    let mut lines = vec![line(headers.to_vec())];
    for row in &rows {
        lines.push(line(row.iter().map(String::as_str).collect()));
    }
    lines.join("\n")
}
