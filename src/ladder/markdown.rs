//! Pages: Markdown (headings, lists, tables, HTML and front matter, read
//! with pulldown-cmark's offset iterator so every block knows its line),
//! or plain text copied from a web page (short lines as headings, `•`
//! bullets, a line per paragraph). Both become an [`Outline`], which
//! [`super::page`] maps to levels, sections, groups and statements.
//!
//! Markdown: a bold lead-in (`**Adopts**: ...`) becomes the statement's
//! short title; a nested bullet becomes an example of the statement above
//! it; a list item that is only a link is navigation; pipe tables and
//! HTML tables become grids for the sheet reader; HTML lists become
//! bullets; front matter (`---` YAML or `+++` TOML) gives the page's
//! `title` and `weight`. Images, code blocks, block quotes and HTML that
//! is neither a table nor a list are left out, and the report says so.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Draft;
use super::csv::Cell;
use super::html::{self, Part};
use super::outline::{Block, Front, Outline};
use crate::diagnostic::{InvalidFile, SourceFile};
use crate::text::collapse;

/// Reads a page into the draft.
pub fn read(draft: &mut Draft, source: SourceFile) -> Result<(), InvalidFile> {
    let markdown = is_markdown(&source.text);
    let outline = if markdown {
        markdown_outline(&source.text)
    } else {
        let (blocks, ladder) = text_blocks(&source.text);
        if draft.name.is_none() {
            draft.name = ladder;
        }
        Outline {
            blocks,
            ..Outline::default()
        }
    };
    let kind = if markdown {
        "a Markdown page"
    } else {
        "a plain-text page (short lines as headings, bullets as statements)"
    };
    let name = source.origin.to_string();
    let file = draft.add_source(source);
    draft.mapped.push(format!("{name}: {kind}"));
    super::page::map(draft, file, outline)
}

/// Markdown when some line is an ATX heading (`# `, `## `...), a pipe
/// table's divider, a list item or front matter.
fn is_markdown(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with("---\n") || text.starts_with("---\r\n") || text.starts_with("+++") {
        return true;
    }
    text.lines().any(|line| {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let divider = line.trim().starts_with('|')
            && line.contains("---")
            && line.chars().all(|c| "|-: \t".contains(c));
        ((1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])) || divider
    })
}

/// A list item being read.
struct Item {
    start: usize,
    depth: usize,
    text: String,
    title: Option<String>,
    /// Text of a leading `**bold**`, until it is known to be a lead-in.
    lead: Option<String>,
    in_lead: bool,
    flushed: bool,
    /// Links in it, and whether any text stands outside them.
    links: usize,
    outside: bool,
}

/// A pipe table being read.
#[derive(Default)]
struct TableRead {
    start: usize,
    rows: Vec<Vec<Cell>>,
    cell: Option<Cell>,
    /// Body rows, and those with a link in a cell.
    body_rows: usize,
    link_rows: usize,
    row_has_link: bool,
    cell_has_link: bool,
}

/// Text that does not count as content beside a link: separators of a
/// navigation line.
fn is_separator(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || "|·•-–—→←»«/,.:;()[]".contains(c))
}

fn markdown_outline(text: &str) -> Outline {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    options.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    let parser = Parser::new_ext(text, options).into_offset_iter();
    let mut outline = Outline::default();
    let blocks = &mut outline.blocks;
    // (level, start, text, links, text outside links)
    let mut heading: Option<(u8, usize, String, usize, bool)> = None;
    let mut paragraph: Option<(usize, String)> = None;
    // Links in the paragraph being read, and text outside them.
    let mut paragraph_links = (0usize, false);
    // Bold in the paragraph being read: (depth of `**`, text outside it).
    let mut paragraph_bold = (0usize, false);
    // The last heading's level: a bold line alone is a heading under it.
    let mut last_level = 0u8;
    let mut items: Vec<Item> = Vec::new();
    let mut table: Option<TableRead> = None;
    let mut lists = 0usize;
    let mut links = 0usize;
    // Raw HTML of a block being read, and where it started.
    let mut html: Option<(usize, String)> = None;
    // Containers whose text is left out: (what, start).
    let mut skip: Vec<(&'static str, usize)> = Vec::new();
    let mut metadata: Option<(usize, String, bool)> = None;

    fn flush(item: &mut Item, blocks: &mut Vec<Block>) {
        if item.flushed {
            return;
        }
        item.flushed = true;
        if let Some(lead) = item.lead.take() {
            item.text = format!("{lead}{}", item.text);
        }
        let text = collapse(&item.text);
        if item.links > 0 && !item.outside {
            blocks.push(Block::Navigation {
                span: item.start..item.start,
            });
        } else if !text.is_empty() {
            blocks.push(Block::Bullet {
                depth: item.depth,
                title: item.title.take(),
                text,
                span: item.start..item.start,
            });
        }
    }

    for (event, range) in parser {
        if let Some((what, _)) = skip.last() {
            let ends = matches!(
                (&event, *what),
                (Event::End(TagEnd::Image), "an image")
                    | (Event::End(TagEnd::CodeBlock), "a code block")
                    | (Event::End(TagEnd::BlockQuote(_)), "a block quote")
                    | (Event::End(TagEnd::FootnoteDefinition), "a footnote")
            );
            let nested = matches!(
                (&event, *what),
                (Event::Start(Tag::BlockQuote(_)), "a block quote")
                    | (Event::Start(Tag::Image { .. }), "an image")
            );
            if nested {
                skip.push((what, range.start));
            } else if ends && let Some((what, start)) = skip.pop() {
                // An image inside a paragraph or an item is only noted.
                if skip.is_empty() {
                    blocks.push(Block::Skipped {
                        what: what.to_string(),
                        span: start..range.end,
                    });
                }
            }
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => {
                metadata = Some((
                    range.start,
                    String::new(),
                    matches!(kind, pulldown_cmark::MetadataBlockKind::YamlStyle),
                ));
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                if let Some((start, raw, yaml)) = metadata.take() {
                    let body_start = text[start..].find('\n').map_or(start, |i| start + i + 1);
                    match front_matter(&raw, yaml) {
                        Ok(mut front) => {
                            front.span = start..range.end;
                            outline.front = Some(front);
                        }
                        Err((offset, message)) => {
                            outline.front_problem = Some((body_start + offset, message));
                        }
                    }
                }
            }
            Event::Text(ref t) if metadata.is_some() => {
                if let Some((_, raw, _)) = &mut metadata {
                    raw.push_str(t);
                }
            }
            Event::Start(Tag::Image { .. }) => skip.push(("an image", range.start)),
            Event::Start(Tag::CodeBlock(_)) => skip.push(("a code block", range.start)),
            Event::Start(Tag::BlockQuote(_)) => skip.push(("a block quote", range.start)),
            Event::Start(Tag::FootnoteDefinition(_)) => skip.push(("a footnote", range.start)),
            Event::Start(Tag::HtmlBlock) => html = Some((range.start, String::new())),
            Event::Html(raw) if html.is_some() => {
                if let Some((_, buffer)) = &mut html {
                    buffer.push_str(&raw);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let Some((start, raw)) = html.take() else {
                    continue;
                };
                let span = start..range.end;
                if let Some(item) = items.last_mut()
                    && !item.flushed
                {
                    // `- <p>Writes docs</p>`: the item's own text.
                    let inner = html::text(&raw);
                    if !inner.is_empty() {
                        item.outside = true;
                        item.text.push(' ');
                        item.text.push_str(&inner);
                    }
                    continue;
                }
                html_block(&raw, span, items.len(), blocks);
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(TableRead {
                    start: range.start,
                    ..TableRead::default()
                });
            }
            Event::End(TagEnd::Table) => {
                if let Some(read) = table.take() {
                    blocks.push(Block::Table {
                        links: read.body_rows > 0 && read.link_rows * 2 >= read.body_rows,
                        rows: read.rows,
                        span: read.start..range.end,
                    });
                }
            }
            Event::Start(Tag::TableHead) => {
                if let Some(read) = &mut table {
                    read.rows.push(Vec::new());
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(read) = &mut table {
                    read.rows.push(Vec::new());
                    read.body_rows += 1;
                    read.row_has_link = false;
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(read) = &mut table {
                    read.cell = Some(Cell {
                        span: range.clone(),
                        ..Cell::default()
                    });
                    read.cell_has_link = false;
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(read) = &mut table
                    && let Some(mut cell) = read.cell.take()
                {
                    // The cell's text starts after the pipe and spaces.
                    let raw = &text[cell.span.clone()];
                    let lead = raw.len() - raw.trim_start_matches(['|', ' ', '\t']).len();
                    cell.span = cell.span.start + lead..cell.span.end;
                    if read.cell_has_link && read.body_rows > 0 && !read.row_has_link {
                        read.row_has_link = true;
                        read.link_rows += 1;
                    }
                    if let Some(row) = read.rows.last_mut() {
                        row.push(cell);
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links += 1;
                if let Some(target) = dest_url.strip_prefix('#') {
                    outline.anchors.insert(target.to_lowercase());
                }
                if let Some(read) = &mut table {
                    read.cell_has_link = true;
                } else if let Some((_, _, _, count, _)) = &mut heading {
                    *count += 1;
                } else if let Some(item) = items.last_mut() {
                    item.links += 1;
                } else if paragraph.is_some() {
                    paragraph_links.0 += 1;
                }
            }
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, range.start, String::new(), 0, false));
                last_level = level as u8;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text, count, outside)) = heading.take() {
                    let text = collapse(&text);
                    if !text.is_empty() {
                        blocks.push(Block::Heading {
                            level,
                            text,
                            span: start..range.end,
                            link_only: count > 0 && !outside,
                        });
                    }
                }
            }
            Event::Start(Tag::List(_)) => {
                if let Some(item) = items.last_mut() {
                    flush(item, blocks);
                }
                lists += 1;
            }
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Item) => items.push(Item {
                start: range.start,
                depth: lists.saturating_sub(1),
                text: String::new(),
                title: None,
                lead: None,
                in_lead: false,
                flushed: false,
                links: 0,
                outside: false,
            }),
            Event::End(TagEnd::Item) => {
                if let Some(mut item) = items.pop() {
                    flush(&mut item, blocks);
                }
            }
            Event::Start(Tag::Paragraph) if items.is_empty() && heading.is_none() => {
                paragraph = Some((range.start, String::new()));
                paragraph_links = (0, false);
                paragraph_bold = (0, false);
            }
            Event::End(TagEnd::Paragraph) if items.is_empty() => {
                if let Some((start, text)) = paragraph.take() {
                    let text = collapse(&text);
                    let bold_line = !paragraph_bold.1
                        && !text.is_empty()
                        && text.chars().count() <= 80
                        && !text.ends_with(['.', '!', '?', ';', ',', '。'])
                        && !text.contains('\n');
                    if paragraph_links.0 > 0 && !paragraph_links.1 {
                        blocks.push(Block::Navigation {
                            span: start..range.end,
                        });
                    } else if bold_line {
                        // `**Technical**` alone on a line: a heading one
                        // below the last one.
                        let level = last_level.saturating_add(1).max(1);
                        blocks.push(Block::Heading {
                            level,
                            text: text.trim_end_matches([':', '：']).trim().to_string(),
                            span: start..range.end,
                            link_only: false,
                        });
                    } else if !text.is_empty() {
                        blocks.push(Block::Paragraph {
                            text,
                            span: start..range.end,
                        });
                    }
                }
            }
            Event::Start(Tag::Strong) if table.is_none() => {
                if items.is_empty() && paragraph.is_some() {
                    paragraph_bold.0 += 1;
                }
                if let Some(item) = items.last_mut()
                    && !item.flushed
                    && item.text.trim().is_empty()
                    && item.lead.is_none()
                {
                    item.in_lead = true;
                    item.lead = Some(String::new());
                }
            }
            Event::End(TagEnd::Strong) if table.is_none() => {
                if items.is_empty() && paragraph.is_some() {
                    paragraph_bold.0 = paragraph_bold.0.saturating_sub(1);
                }
                if let Some(item) = items.last_mut()
                    && item.in_lead
                {
                    item.in_lead = false;
                    let lead = item.lead.clone().unwrap_or_default();
                    if let Some(title) = lead.trim().strip_suffix([':', '：']) {
                        item.title = Some(title.trim().to_string());
                        item.lead = None;
                    }
                }
            }
            Event::InlineHtml(raw) | Event::Html(raw) => {
                // `<br>` is a line break; other tags are left out, their
                // text kept.
                let tag = raw.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    if let Some(read) = &mut table
                        && let Some(cell) = &mut read.cell
                    {
                        // Lines of a cell are its statements.
                        cell.text.push_str("\n\n");
                    } else {
                        append(&mut heading, &mut paragraph, &mut items, " ", links > 0);
                    }
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(read) = &mut table {
                    if let Some(cell) = &mut read.cell {
                        cell.text.push_str(&text);
                    }
                } else {
                    if paragraph.is_some() && items.is_empty() && links == 0 && !is_separator(&text)
                    {
                        paragraph_links.1 = true;
                    }
                    if paragraph.is_some()
                        && items.is_empty()
                        && paragraph_bold.0 == 0
                        && !text.trim().is_empty()
                    {
                        paragraph_bold.1 = true;
                    }
                    append(&mut heading, &mut paragraph, &mut items, &text, links > 0);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(read) = &mut table {
                    if let Some(cell) = &mut read.cell {
                        cell.text.push('\n');
                    }
                } else {
                    append(&mut heading, &mut paragraph, &mut items, " ", links > 0);
                }
            }
            _ => {}
        }
    }
    outline
}

/// An HTML block outside list items: its tables and lists are content;
/// anything else is left out, and said so.
fn html_block(raw: &str, span: Range<usize>, in_items: usize, blocks: &mut Vec<Block>) {
    let mut text_only = true;
    for part in html::parts(raw) {
        match part {
            Part::Table(mut rows) => {
                text_only = false;
                // Cell spans are offsets into the block.
                for cell in rows.iter_mut().flatten() {
                    cell.span = span.start + cell.span.start..span.start + cell.span.end;
                }
                blocks.push(Block::Table {
                    rows,
                    span: span.clone(),
                    links: false,
                });
            }
            Part::Item { depth, text } => {
                text_only = false;
                blocks.push(Block::Bullet {
                    depth: depth + in_items,
                    title: None,
                    text,
                    span: span.clone(),
                });
            }
            Part::Text(_) => {}
        }
    }
    if text_only {
        let lines = raw.trim_end().lines().count().max(1);
        blocks.push(Block::Skipped {
            what: format!(
                "an HTML block of {lines} line{} (not a table or a list)",
                if lines == 1 { "" } else { "s" }
            ),
            span,
        });
    }
}

/// Front matter's `title` and `weight` (or `order`, `nav_order`,
/// `sidebar_position`): YAML between `---` lines, or TOML between `+++`
/// lines. Other keys are left alone. An error is (offset in the block,
/// message).
fn front_matter(raw: &str, yaml: bool) -> Result<Front, (usize, String)> {
    let mut front = Front::default();
    let mut take = |key: &str, value: &str, quoted: bool| match key {
        "title" | "linktitle" | "name" => {
            let value = collapse(value);
            if !value.is_empty() && (front.title.is_none() || key == "title") {
                front.title = Some(value);
            }
        }
        "weight" | "order" | "nav_order" | "sidebar_position" | "position" => {
            if let Ok(number) = value.trim().parse::<f64>()
                && number.is_finite()
                && !quoted
            {
                front.weight = Some(number);
            }
        }
        _ => {}
    };
    if !yaml {
        let table: toml::Table = toml::from_str(raw).map_err(|error| {
            (
                error.span().map_or(0, |s| s.start),
                format!("front matter is not TOML: {}", error.message()),
            )
        })?;
        for (key, value) in &table {
            let key = key.to_lowercase();
            match value {
                toml::Value::String(s) => take(&key, s, false),
                toml::Value::Integer(n) => take(&key, &n.to_string(), false),
                toml::Value::Float(n) => take(&key, &n.to_string(), false),
                _ => {}
            }
        }
        return Ok(front);
    }
    use granit_parser::{Event as Yaml, Parser as YamlParser, ScalarStyle};
    // Depth of collections; keys and values alternate at depth 1.
    let mut depth = 0usize;
    let mut key: Option<String> = None;
    let mut documents = 0;
    for next in YamlParser::new_from_str(raw) {
        let (event, _span) = next.map_err(|error| {
            (
                char_offset(raw, error.marker().index()),
                format!("front matter is not YAML: {}", error.info()),
            )
        })?;
        match event {
            Yaml::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
            }
            Yaml::MappingStart(..) | Yaml::SequenceStart(..) => {
                if depth == 1 {
                    key = None;
                }
                depth += 1;
            }
            Yaml::MappingEnd | Yaml::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    key = None;
                }
            }
            Yaml::Scalar(value, style, ..) if depth == 1 => match key.take() {
                None => key = Some(value.to_lowercase()),
                Some(name) => take(&name, &value, style != ScalarStyle::Plain),
            },
            // An alias as a key or a value: its pair is left alone.
            Yaml::Alias(..) if depth == 1 && key.take().is_none() => key = Some(String::new()),
            _ => {}
        }
    }
    Ok(front)
}

/// The byte offset of a character index.
fn char_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Adds text to whatever is being read: a heading, a list item (or its
/// bold lead-in), or a paragraph. `in_link` is true inside a link's text.
fn append(
    heading: &mut Option<(u8, usize, String, usize, bool)>,
    paragraph: &mut Option<(usize, String)>,
    items: &mut [Item],
    text: &str,
    in_link: bool,
) {
    if let Some((_, _, heading, _, outside)) = heading {
        heading.push_str(text);
        if !in_link && !is_separator(text) {
            *outside = true;
        }
    } else if let Some(item) = items.last_mut() {
        if item.flushed {
            return;
        }
        if !in_link && !is_separator(text) {
            item.outside = true;
        }
        if item.in_lead {
            if let Some(lead) = &mut item.lead {
                lead.push_str(text);
            }
            return;
        }
        if let Some(lead) = item.lead.take() {
            // `**Adopts**: text`: the colon follows the bold.
            match text.trim_start().strip_prefix([':', '：']) {
                Some(rest) if item.title.is_none() => {
                    item.title = Some(collapse(&lead));
                    item.text.push_str(rest);
                }
                _ => {
                    item.text.push_str(&lead);
                    item.text.push_str(text);
                }
            }
            return;
        }
        item.text.push_str(text);
    } else if let Some((_, paragraph)) = paragraph {
        paragraph.push_str(text);
    }
}

/// Characters that start a bullet line in plain text.
const BULLETS: [char; 8] = ['•', '◦', '▪', '‣', '·', '-', '*', '–'];

/// Plain text: each non-blank line is a bullet, a heading or a paragraph.
/// Headings get levels from their place: the last heading before the first
/// text is the page's title (1); a heading followed by another heading, or
/// named like a section ("Skills", "Behaviours", "Overview"...) is a
/// section (2); other headings are groups (3).
///
/// Also returns the ladder's name: a heading above the title ("Platform
/// Engineering Track").
fn text_blocks(text: &str) -> (Vec<Block>, Option<String>) {
    enum Line<'a> {
        Bullet(usize, &'a str),
        Heading(&'a str),
        Paragraph(&'a str),
        Navigation,
    }
    let mut lines: Vec<(Line<'_>, Range<usize>)> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let span = start + indent..start + line.len();
        let mut chars = trimmed.chars();
        let first = chars.next().unwrap_or(' ');
        let rest = chars.as_str();
        if super::page::is_navigation(trimmed) {
            lines.push((Line::Navigation, span));
        } else if BULLETS.contains(&first) && rest.starts_with(char::is_whitespace) {
            lines.push((Line::Bullet(indent, rest.trim()), span));
        } else if is_heading_line(trimmed) {
            lines.push((Line::Heading(trimmed), span));
        } else {
            lines.push((Line::Paragraph(trimmed), span));
        }
    }
    let first_text = lines
        .iter()
        .position(|(l, _)| !matches!(l, Line::Heading(_) | Line::Navigation))
        .unwrap_or(lines.len());
    let title = lines[..first_text]
        .iter()
        .rposition(|(l, _)| matches!(l, Line::Heading(_)));
    let mut blocks = Vec::new();
    let mut ladder = None;
    let mut bullet_indent: Option<usize> = None;
    for (i, (line, span)) in lines.iter().enumerate() {
        match line {
            Line::Bullet(indent, text) => {
                let top = *bullet_indent.get_or_insert(*indent);
                let depth = usize::from(*indent > top);
                blocks.push(Block::Bullet {
                    depth,
                    title: None,
                    text: collapse(text),
                    span: span.clone(),
                });
            }
            Line::Heading(text) => {
                bullet_indent = None;
                let level = if Some(i) == title {
                    1
                } else if i < first_text {
                    // Above the title: the ladder's name.
                    ladder = Some(collapse(text));
                    continue;
                } else if matches!(lines.get(i + 1), Some((Line::Heading(_), _)))
                    || is_section_name(text)
                {
                    2
                } else {
                    3
                };
                blocks.push(Block::Heading {
                    level,
                    text: collapse(text),
                    span: span.clone(),
                    link_only: false,
                });
            }
            Line::Paragraph(text) => {
                bullet_indent = None;
                blocks.push(Block::Paragraph {
                    text: collapse(text),
                    span: span.clone(),
                });
            }
            Line::Navigation => blocks.push(Block::Navigation { span: span.clone() }),
        }
    }
    (blocks, ladder)
}

/// A short line without closing punctuation, that is not a line of role
/// codes, an SFIA line or navigation.
fn is_heading_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let closing = line.ends_with(['.', '!', '?', ';', ',', ':', '。', '！', '？']);
    words <= 12
        && line.chars().count() <= 90
        && !closing
        && !super::page::is_code_line(line)
        && super::page::sfia_levels(line).is_none()
        && !super::page::is_navigation(line)
}

/// Section names of role pages, in plain text where headings have no level.
fn is_section_name(text: &str) -> bool {
    let text = text.to_lowercase();
    const NAMES: [&str; 14] = [
        "overview",
        "summary",
        "about the role",
        "purpose",
        "responsibilities",
        "key responsibilities",
        "skills",
        "behaviours",
        "behaviors",
        "competencies",
        "expectations",
        "role specific",
        "focus areas",
        "scope",
    ];
    NAMES
        .iter()
        .any(|name| text == *name || text.ends_with(&format!(" {name}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, text, .. } => format!("h{level} {text}"),
                Block::Bullet {
                    depth, title, text, ..
                } => match title {
                    Some(title) => format!("b{depth} [{title}] {text}"),
                    None => format!("b{depth} {text}"),
                },
                Block::Paragraph { text, .. } => format!("p {text}"),
                Block::Table { rows, links, .. } => {
                    let cells: Vec<String> = rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| match &c.items {
                                    Some(items) => items.join("+"),
                                    None => c.text.replace('\n', "/"),
                                })
                                .collect::<Vec<_>>()
                                .join("|")
                        })
                        .collect();
                    format!(
                        "t{} {}",
                        if *links { " links" } else { "" },
                        cells.join(" ; ")
                    )
                }
                Block::Navigation { .. } => "nav".to_string(),
                Block::Skipped { what, .. } => format!("skip {what}"),
            })
            .collect()
    }

    fn markdown_blocks(page: &str) -> Vec<Block> {
        markdown_outline(page).blocks
    }

    #[test]
    fn markdown_keeps_headings_bullets_lead_ins_and_examples() {
        let page = "# Engineer\n\nIntro *text*.\n\n## Craft\n\n- **Adopts**: new tools\n  when useful.\n  - a tool adopted\n- **Teaches:** others\n- plain **bold** text\n\n![logo](x.png)\n\n| a | b |\n|---|---|\n| [x](y) | z |\n\n<div>html</div>\n";
        assert_eq!(
            texts(&markdown_blocks(page)),
            [
                "h1 Engineer",
                "p Intro text.",
                "h2 Craft",
                "b0 [Adopts] new tools when useful.",
                "b1 a tool adopted",
                "b0 [Teaches] others",
                "b0 plain bold text",
                "skip an image",
                "t links a|b ; x|z",
                "skip an HTML block of 1 line (not a table or a list)",
            ]
        );
    }

    #[test]
    fn navigation_html_items_and_tables_are_read() {
        let page = "- [Home](index.md) · [Next](d2.md)\n\n## Craft\n\n- <p>Writes docs</p>\n- Ships\n  - a release\n\n| Competency | Junior | Senior |\n|---|---|---|\n| Testing | Adds tests<br>Runs them | Sets the approach |\n\n<table><tr><th>Competency</th><th>Junior</th></tr><tr><td>Ops</td><td><ul><li>Follows a runbook</li><li>Asks</li></ul></td></tr></table>\n";
        assert_eq!(
            texts(&markdown_blocks(page)),
            [
                "nav",
                "h2 Craft",
                "b0 Writes docs",
                "b0 Ships",
                "b1 a release",
                "t Competency|Junior|Senior ; Testing|Adds tests//Runs them|Sets the approach",
                "t Competency|Junior ; Ops|Follows a runbook+Asks",
            ]
        );
    }

    #[test]
    fn front_matter_gives_the_title_and_weight() {
        let page = "---\ntitle: \"Associate Engineer\"\nweight: 100\ntags: [a, b]\nmenu:\n  main:\n    weight: 5\n---\n\n## Craft\n\n- Ships\n";
        let outline = markdown_outline(page);
        let front = outline.front.expect("front matter");
        assert_eq!(front.title.as_deref(), Some("Associate Engineer"));
        assert_eq!(front.weight, Some(100.0), "not the nested menu weight");
        assert_eq!(texts(&outline.blocks), ["h2 Craft", "b0 Ships"]);
        let toml = "+++\ntitle = \"Staff\"\nweight = 3\n+++\n# Staff\n";
        assert_eq!(
            markdown_outline(toml).front.and_then(|f| f.weight),
            Some(3.0)
        );
        let broken = markdown_outline("---\ntitle: [unclosed\n---\n# X\n");
        assert!(broken.front_problem.is_some());
    }

    #[test]
    fn plain_text_headings_get_levels_from_their_place() {
        let page = "← Back\nA Track\nSenior Engineer\nSFIA 4-5\nSE JE\n\nA summary sentence.\n\nOverview\n\nMore about it.\n\nBehaviours\n\nDelivery\n\n  • Ships work.\n  • Plans work.\n    ◦ A plan.\nSkills\nDeep knowledge of things.\n";
        let (blocks, ladder) = text_blocks(page);
        assert_eq!(ladder.as_deref(), Some("A Track"));
        assert_eq!(
            texts(&blocks),
            [
                "nav",
                "h1 Senior Engineer",
                "p SFIA 4-5",
                "p SE JE",
                "p A summary sentence.",
                "h2 Overview",
                "p More about it.",
                "h2 Behaviours",
                "h3 Delivery",
                "b0 Ships work.",
                "b0 Plans work.",
                "b1 A plan.",
                "h2 Skills",
                "p Deep knowledge of things.",
            ]
        );
    }

    #[test]
    fn markdown_is_told_from_plain_text() {
        assert!(is_markdown("# Title\n"));
        assert!(!is_markdown("#hashtag\nTitle\n• a\n"));
    }
}
