//! HTML inside Markdown pages: tables (with a list, paragraphs or line
//! breaks per cell) and lists, as ladders published from wikis write them.
//!
//! html5gum tokenizes (entities decoded, comments and attributes handled
//! as browsers do); the few elements a ladder uses (`table`, `tr`, `td`,
//! `th`, `ul`, `ol`, `li`, `p`, `br`) are put together here, tolerating
//! the end tags HTML lets authors leave out. Everything else is text.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::csv::Cell;

/// What an HTML block holds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// A table's rows of cells; spans are offsets into the block.
    Table(Vec<Vec<Cell>>),
    /// A list item: its nesting depth (0 for a top list) and its text.
    Item { depth: usize, text: String },
    /// Text outside tables and lists.
    Text(String),
}

/// A cell being read.
#[derive(Default)]
struct Open {
    cell: Cell,
    /// Items of the cell's lists; `None` until one opens.
    items: Option<Vec<String>>,
    in_item: bool,
}

/// Reads an HTML block into tables, list items and text. Never fails:
/// tag soup gives what a browser would mostly show.
pub(super) fn parts(html: &str) -> Vec<Part> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let tokenizer = Tokenizer::new_with_emitter(html, emitter);
    let mut parts = Vec::new();
    // Tables being read (a table inside a cell is read as its own).
    let mut tables: Vec<Vec<Vec<Cell>>> = Vec::new();
    let mut cells: Vec<Option<Open>> = Vec::new();
    let mut lists = 0usize;
    let mut item: Option<(usize, String)> = None;
    let mut text = String::new();
    let mut hidden = 0usize;

    let flush_item = |item: &mut Option<(usize, String)>, parts: &mut Vec<Part>| {
        if let Some((depth, text)) = item.take() {
            let text = crate::text::collapse(&text);
            if !text.is_empty() {
                parts.push(Part::Item { depth, text });
            }
        }
    };
    let flush_text = |text: &mut String, parts: &mut Vec<Part>| {
        let collapsed = crate::text::collapse(text);
        if !collapsed.is_empty() {
            parts.push(Part::Text(collapsed));
        }
        text.clear();
    };
    let close_cell = |tables: &mut Vec<Vec<Vec<Cell>>>, cells: &mut Vec<Option<Open>>| {
        if let Some(slot) = cells.last_mut()
            && let Some(open) = slot.take()
            && let Some(table) = tables.last_mut()
        {
            let mut cell = open.cell;
            cell.items = open.items;
            if let Some(row) = table.last_mut() {
                row.push(cell);
            } else {
                table.push(vec![cell]);
            }
        }
    };

    for token in tokenizer.flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                match name.as_slice() {
                    b"script" | b"style" | b"template" if !tag.self_closing => hidden += 1,
                    b"table" => {
                        if tables.is_empty() {
                            flush_item(&mut item, &mut parts);
                            flush_text(&mut text, &mut parts);
                        }
                        tables.push(Vec::new());
                        cells.push(None);
                    }
                    b"tr" if !tables.is_empty() => {
                        close_cell(&mut tables, &mut cells);
                        if let Some(table) = tables.last_mut() {
                            table.push(Vec::new());
                        }
                    }
                    b"td" | b"th" if !tables.is_empty() => {
                        close_cell(&mut tables, &mut cells);
                        if let Some(table) = tables.last_mut()
                            && table.is_empty()
                        {
                            table.push(Vec::new());
                        }
                        if let Some(slot) = cells.last_mut() {
                            *slot = Some(Open {
                                cell: Cell {
                                    span: tag.span.start..tag.span.end,
                                    ..Cell::default()
                                },
                                ..Open::default()
                            });
                        }
                    }
                    b"li" => match cells.last_mut() {
                        Some(Some(open)) => {
                            open.items.get_or_insert_with(Vec::new).push(String::new());
                            open.in_item = true;
                        }
                        _ if tables.is_empty() => {
                            flush_item(&mut item, &mut parts);
                            flush_text(&mut text, &mut parts);
                            item = Some((lists.saturating_sub(1), String::new()));
                        }
                        _ => {}
                    },
                    b"ul" | b"ol" => {
                        if cells.last().is_some_and(Option::is_some) {
                            continue;
                        }
                        if tables.is_empty() {
                            // A nested list ends its parent item's own text.
                            flush_item(&mut item, &mut parts);
                            flush_text(&mut text, &mut parts);
                        }
                        lists += 1;
                    }
                    b"br" | b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                        push_break(&name, &mut cells, &mut item, &mut text);
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                match name.as_slice() {
                    b"script" | b"style" | b"template" => hidden = hidden.saturating_sub(1),
                    b"table" if !tables.is_empty() => {
                        close_cell(&mut tables, &mut cells);
                        cells.pop();
                        if let Some(table) = tables.pop() {
                            let rows: Vec<Vec<Cell>> =
                                table.into_iter().filter(|r| !r.is_empty()).collect();
                            match cells.last_mut() {
                                // A table in a cell: its text joins the cell.
                                Some(Some(open)) => {
                                    for row in rows {
                                        for cell in row {
                                            open.cell.text.push('\n');
                                            open.cell.text.push_str(&cell.text);
                                        }
                                    }
                                }
                                _ => {
                                    if !rows.is_empty() {
                                        parts.push(Part::Table(rows));
                                    }
                                }
                            }
                        }
                    }
                    b"td" | b"th" | b"tr" if !tables.is_empty() => {
                        close_cell(&mut tables, &mut cells);
                    }
                    b"li" => match cells.last_mut() {
                        Some(Some(open)) => open.in_item = false,
                        _ if tables.is_empty() => flush_item(&mut item, &mut parts),
                        _ => {}
                    },
                    b"ul" | b"ol" => {
                        if cells.last().is_some_and(Option::is_some) {
                            continue;
                        }
                        if tables.is_empty() {
                            flush_item(&mut item, &mut parts);
                        }
                        lists = lists.saturating_sub(1);
                    }
                    b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" => {
                        push_break(&name, &mut cells, &mut item, &mut text);
                    }
                    _ => {}
                }
            }
            Token::String(string) if hidden == 0 => {
                let string = String::from_utf8_lossy(&string.value);
                match cells.last_mut() {
                    Some(Some(open)) => match (&mut open.items, open.in_item) {
                        (Some(items), true) => {
                            if let Some(last) = items.last_mut() {
                                last.push_str(&string);
                            }
                        }
                        _ => open.cell.text.push_str(&string),
                    },
                    // Text between a table's cells is whitespace.
                    _ if !tables.is_empty() => {}
                    _ => match &mut item {
                        Some((_, item)) => item.push_str(&string),
                        None => text.push_str(&string),
                    },
                }
            }
            _ => {}
        }
    }
    // Whatever was left open at the end.
    while !tables.is_empty() {
        close_cell(&mut tables, &mut cells);
        cells.pop();
        if let Some(table) = tables.pop() {
            let rows: Vec<Vec<Cell>> = table.into_iter().filter(|r| !r.is_empty()).collect();
            if !rows.is_empty() && tables.is_empty() {
                parts.push(Part::Table(rows));
            }
        }
    }
    flush_item(&mut item, &mut parts);
    flush_text(&mut text, &mut parts);
    parts
}

/// A line break (`br`) or a paragraph break (`p`, `div`, headings) in
/// whatever is being read: a cell keeps it as a blank line, so its lines
/// and paragraphs become statements; elsewhere it is a space.
fn push_break(
    name: &[u8],
    cells: &mut [Option<Open>],
    item: &mut Option<(usize, String)>,
    text: &mut String,
) {
    let _ = name;
    let gap = "\n\n";
    match cells.last_mut() {
        Some(Some(open)) => match (&mut open.items, open.in_item) {
            (Some(items), true) => {
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                }
            }
            _ => open.cell.text.push_str(gap),
        },
        _ => match item {
            Some((_, item)) => item.push(' '),
            None => text.push(' '),
        },
    }
}

/// The text of an HTML fragment, tags left out: `<p>Writes docs</p>` is
/// "Writes docs".
pub(super) fn text(html: &str) -> String {
    let mut out = String::new();
    for part in parts(html) {
        let piece = match part {
            Part::Table(rows) => rows
                .iter()
                .flatten()
                .map(|c| c.text.clone())
                .collect::<Vec<_>>()
                .join(" "),
            Part::Item { text, .. } | Part::Text(text) => text,
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    crate::text::collapse(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(parts: &[Part]) -> Vec<Vec<(String, Option<Vec<String>>)>> {
        let Some(Part::Table(rows)) = parts.iter().find(|p| matches!(p, Part::Table(_))) else {
            panic!("no table in {parts:?}");
        };
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|c| (crate::text::collapse(&c.text), c.items.clone()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_table_with_a_list_per_cell_keeps_its_items() {
        let html = "<table><thead><tr><th>Competency</th><th>Junior &amp; new</th></tr></thead>\n<tbody><tr><td>Testing</td><td><ul><li>Adds tests</li><li>Runs <b>them</b></ul></td></tr>\n<tr><td>Ops<td>Follows a runbook</table>";
        let rows = grid(&parts(html));
        assert_eq!(rows[0][1].0, "Junior & new", "entities decoded");
        assert_eq!(
            rows[1][1].1,
            Some(vec!["Adds tests".to_string(), "Runs them".to_string()])
        );
        assert_eq!(rows[2][0].0, "Ops", "a cell ended by the next one");
        assert_eq!(rows[2][1].0, "Follows a runbook");
    }

    #[test]
    fn lists_give_items_with_their_depth_and_paragraphs_give_text() {
        let html = "<ul><li><p>Writes docs</p><ul><li>A design doc</li></ul></li><li>Reviews</li></ul><script>x()</script><p>Note</p>";
        assert_eq!(
            parts(html),
            [
                Part::Item {
                    depth: 0,
                    text: "Writes docs".into()
                },
                Part::Item {
                    depth: 1,
                    text: "A design doc".into()
                },
                Part::Item {
                    depth: 0,
                    text: "Reviews".into()
                },
                Part::Text("Note".into()),
            ]
        );
        assert_eq!(text("<p>Writes <em>docs</em></p>"), "Writes docs");
    }

    #[test]
    fn tag_soup_never_fails() {
        for html in [
            "<table><td>",
            "</table></tr><li>",
            "<ul><ul><li>x",
            "<<>>&&;",
            "",
        ] {
            let _ = parts(html);
        }
    }
}
