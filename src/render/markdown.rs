//! Small helpers for writing Markdown that stays well formed whatever text
//! goes into it: statement text from framework files, and later evidence
//! people typed.

/// Escapes text for use inside a paragraph, list item or table cell: no
/// character of it can start emphasis, code, a link, HTML or a cell break,
/// and a line break becomes a space so a list item or a row stays whole.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A Markdown table: a header row, a separator, then the rows, every cell
/// escaped.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let row = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = row(&mut header.iter().map(|h| escape(h)));
    out.push_str(&row(&mut header.iter().map(|_| "---".to_string())));
    for cells in rows {
        out.push_str(&row(&mut cells.iter().map(|c| escape(c))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a|b *c* `d` <e>"), r"a\|b \*c\* \`d\` \<e\>");
        assert_eq!(escape("one\r\ntwo"), "one two");
    }

    #[test]
    fn a_table_keeps_its_columns_whatever_the_cells_hold() {
        let text = table(&["a", "b"], &[vec!["x|y".into(), "z".into()]]);
        assert_eq!(text, "| a | b |\n| --- | --- |\n| x\\|y | z |\n");
    }
}
