//! Pages: Markdown (headings and bullet lists, read with pulldown-cmark's
//! offset iterator so every block knows its line), or plain text copied
//! from a web page (short lines as headings, `•` bullets, a line per
//! paragraph). Both become the same outline, which [`super::page`] maps to
//! levels, sections, groups and statements.
//!
//! Markdown: a bold lead-in (`**Adopts**: ...`) becomes the statement's
//! short title; a nested bullet becomes an example of the statement above
//! it; images, tables (link tables), HTML and code blocks are ignored.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Draft;
use super::page::Block;
use crate::diagnostic::{InvalidFile, SourceFile};
use crate::text::collapse;

/// Reads a page into the draft.
pub fn read(draft: &mut Draft, source: SourceFile) -> Result<(), InvalidFile> {
    let blocks = if is_markdown(&source.text) {
        markdown_blocks(&source.text)
    } else {
        let (blocks, ladder) = text_blocks(&source.text);
        if draft.name.is_none() {
            draft.name = ladder;
        }
        blocks
    };
    let kind = if is_markdown(&source.text) {
        "a Markdown page"
    } else {
        "a plain-text page (short lines as headings, bullets as statements)"
    };
    let name = source.origin.to_string();
    let file = draft.add_source(source);
    draft.mapped.push(format!("{name}: {kind}"));
    super::page::map(draft, file, blocks)
}

/// Markdown when some line is an ATX heading (`# `, `## `...).
fn is_markdown(text: &str) -> bool {
    text.lines().any(|line| {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])
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
}

fn markdown_blocks(text: &str) -> Vec<Block> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(text, options).into_offset_iter();
    let mut blocks = Vec::new();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut paragraph: Option<(usize, String)> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut lists = 0usize;
    // Containers whose text is left out.
    let mut skip = 0usize;

    fn flush(item: &mut Item, blocks: &mut Vec<Block>) {
        if item.flushed {
            return;
        }
        item.flushed = true;
        if let Some(lead) = item.lead.take() {
            item.text = format!("{lead}{}", item.text);
        }
        let text = collapse(&item.text);
        if !text.is_empty() {
            blocks.push(Block::Bullet {
                depth: item.depth,
                title: item.title.take(),
                text,
                span: item.start..item.start,
            });
        }
    }

    for (event, range) in parser {
        match event {
            Event::Start(
                Tag::Table(_)
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::MetadataBlock(_),
            ) => {
                skip += 1;
            }
            Event::End(
                TagEnd::Table
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::MetadataBlock(_),
            ) => {
                skip = skip.saturating_sub(1);
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = heading.take() {
                    let text = collapse(&text);
                    if !text.is_empty() {
                        blocks.push(Block::Heading {
                            level,
                            text,
                            span: start..range.end,
                        });
                    }
                }
            }
            Event::Start(Tag::List(_)) => {
                if let Some(item) = items.last_mut() {
                    flush(item, &mut blocks);
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
            }),
            Event::End(TagEnd::Item) => {
                if let Some(mut item) = items.pop() {
                    flush(&mut item, &mut blocks);
                }
            }
            Event::Start(Tag::Paragraph) if items.is_empty() && heading.is_none() => {
                paragraph = Some((range.start, String::new()));
            }
            Event::End(TagEnd::Paragraph) if items.is_empty() => {
                if let Some((start, text)) = paragraph.take() {
                    let text = collapse(&text);
                    if !text.is_empty() {
                        blocks.push(Block::Paragraph {
                            text,
                            span: start..range.end,
                        });
                    }
                }
            }
            Event::Start(Tag::Strong) => {
                if let Some(item) = items.last_mut()
                    && !item.flushed
                    && item.text.trim().is_empty()
                    && item.lead.is_none()
                {
                    item.in_lead = true;
                    item.lead = Some(String::new());
                }
            }
            Event::End(TagEnd::Strong) => {
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
            Event::Text(text) | Event::Code(text) => {
                append(&mut heading, &mut paragraph, &mut items, &text);
            }
            Event::SoftBreak | Event::HardBreak => {
                append(&mut heading, &mut paragraph, &mut items, " ");
            }
            _ => {}
        }
    }
    blocks
}

/// Adds text to whatever is being read: a heading, a list item (or its
/// bold lead-in), or a paragraph.
fn append(
    heading: &mut Option<(u8, usize, String)>,
    paragraph: &mut Option<(usize, String)>,
    items: &mut [Item],
    text: &str,
) {
    if let Some((_, _, heading)) = heading {
        heading.push_str(text);
    } else if let Some(item) = items.last_mut() {
        if item.flushed {
            return;
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
                });
            }
            Line::Paragraph(text) => {
                bullet_indent = None;
                blocks.push(Block::Paragraph {
                    text: collapse(text),
                    span: span.clone(),
                });
            }
            Line::Navigation => {}
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
            })
            .collect()
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
            ]
        );
    }

    #[test]
    fn plain_text_headings_get_levels_from_their_place() {
        let page = "← Back\nA Track\nSenior Engineer\nSFIA 4-5\nSE JE\n\nA summary sentence.\n\nOverview\n\nMore about it.\n\nBehaviours\n\nDelivery\n\n  • Ships work.\n  • Plans work.\n    ◦ A plan.\nSkills\nDeep knowledge of things.\n";
        let (blocks, ladder) = text_blocks(page);
        assert_eq!(ladder.as_deref(), Some("A Track"));
        assert_eq!(
            texts(&blocks),
            [
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
