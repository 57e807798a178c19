//! From a page's outline to levels, sections, groups and statements.
//!
//! Heading levels decide, after the page's lowest level is taken as 1:
//!
//! - one page per role: the top heading is the role, the next level its
//!   sections, the next its groups (categories);
//! - one page for the whole ladder: when the headings under the second
//!   level repeat from one second-level heading to the next ("Behaviours"
//!   under every level), the top heading is the ladder's name, the second
//!   level the levels, then sections, then groups. Without a single top
//!   heading, the top level is the levels.
//!
//! In a section or group: a bullet is a statement, a nested bullet an
//! example of the one above it. Paragraphs are the section's or group's
//! description when it also has bullets or groups; otherwise each
//! paragraph is a statement, and a group heading over one paragraph is
//! that statement's title (a "focus area" written as a heading and a
//! paragraph). A section named Overview, Summary, About the role or
//! Purpose is the role's summary. Before the first section: `SFIA 4-5`
//! gives SFIA levels, a line of role codes (`GPE JPE SPE`) the codes to
//! match initials to, `Code: SPE` the role's code, and other paragraphs
//! the summary.

use std::collections::HashMap;
use std::ops::Range;

use super::{Draft, Place, StatementDraft, ids, normal};
use crate::diagnostic::{Diagnostic, InvalidFile};

/// One block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    Heading {
        level: u8,
        text: String,
        span: Range<usize>,
    },
    Bullet {
        /// 0 for a statement, more for a nested bullet.
        depth: usize,
        title: Option<String>,
        text: String,
        span: Range<usize>,
    },
    Paragraph {
        text: String,
        span: Range<usize>,
    },
}

/// A heading and what is under it.
#[derive(Debug, Default)]
struct Node {
    heading: Option<(String, std::ops::Range<usize>)>,
    content: Vec<Block>,
    children: Vec<Node>,
}

impl Node {
    fn name(&self) -> &str {
        self.heading.as_ref().map_or("", |(t, _)| t.as_str())
    }

    fn span(&self) -> std::ops::Range<usize> {
        self.heading.as_ref().map_or(0..0, |(_, s)| s.clone())
    }
}

pub(super) fn map(draft: &mut Draft, file: usize, blocks: Vec<Block>) -> Result<(), InvalidFile> {
    let min = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min();
    let Some(min) = min else {
        let end = draft.sources[file].text.len();
        return Err(draft.error(
            &Place { file, span: 0..0 },
            Diagnostic::new(0..end.min(1), "no headings on this page")
                .label("a page needs headings")
                .help("use a heading per section (\"## Behaviours\") and per group (\"### Delivery\"), with a bullet per statement; a heading at the top names the role"),
        ));
    };
    let root = tree(blocks, min);
    let place = |span: std::ops::Range<usize>| Place { file, span };
    let stem = match &draft.sources[file].origin {
        crate::diagnostic::Origin::File(path) => path
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_default(),
        crate::diagnostic::Origin::BuiltIn(name) => name.to_string(),
    };
    let name = draft.sources[file].origin.to_string();
    let Node {
        content: preamble,
        children: tops,
        ..
    } = root;
    if tops.len() == 1 && repeats(&tops[0].children) {
        let Some(top) = tops.into_iter().next() else {
            return Ok(());
        };
        draft.mapped.push(format!(
            "{name}: the whole ladder; \"{}\" is its name, each heading under it a level",
            top.name()
        ));
        if draft.name.is_none() {
            draft.name = Some(top.name().to_string());
        }
        levels(draft, file, top.children)?;
    } else if tops.len() > 1 && repeats(&tops) {
        draft.mapped.push(format!(
            "{name}: the whole ladder; each top heading is a level"
        ));
        levels(draft, file, tops)?;
    } else if tops.len() == 1 {
        let Some(top) = tops.into_iter().next() else {
            return Ok(());
        };
        draft
            .mapped
            .push(format!("{name}: one role, \"{}\"", top.name()));
        let (title, span) = (top.name().to_string(), top.span());
        let mut content = preamble;
        content.extend(top.content);
        role(draft, file, &title, place(span), content, top.children)?;
    } else {
        draft.guess(
            Some(&place(0..0)),
            format!("no heading names the role of {name}: titled \"{stem}\" after the file"),
        );
        draft.mapped.push(format!(
            "{name}: one role, \"{stem}\", each top heading a section"
        ));
        role(draft, file, &stem, place(0..0), preamble, tops)?;
    }
    Ok(())
}

/// Nests blocks under their headings.
fn tree(blocks: Vec<Block>, min: u8) -> Node {
    // Stack of (level, node); level 0 is the root.
    let mut stack: Vec<(u8, Node)> = vec![(0, Node::default())];
    for block in blocks {
        match block {
            Block::Heading { level, text, span } => {
                let level = level - min + 1;
                while stack.len() > 1 && stack.last().is_some_and(|(l, _)| *l >= level) {
                    if let Some((_, node)) = stack.pop()
                        && let Some((_, parent)) = stack.last_mut()
                    {
                        parent.children.push(node);
                    }
                }
                stack.push((
                    level,
                    Node {
                        heading: Some((text, span)),
                        ..Node::default()
                    },
                ));
            }
            other => {
                if let Some((_, node)) = stack.last_mut() {
                    node.content.push(other);
                }
            }
        }
    }
    while stack.len() > 1 {
        if let Some((_, node)) = stack.pop()
            && let Some((_, parent)) = stack.last_mut()
        {
            parent.children.push(node);
        }
    }
    stack.pop().map(|(_, n)| n).unwrap_or_default()
}

/// True when some heading name appears under two or more of `nodes`.
fn repeats(nodes: &[Node]) -> bool {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for node in nodes {
        let mut names: Vec<String> = node.children.iter().map(|c| normal(c.name())).collect();
        names.sort();
        names.dedup();
        for name in names {
            *seen.entry(name).or_default() += 1;
        }
    }
    seen.values().any(|&count| count > 1)
}

/// "SFIA 4-5", "SFIA level 5" or "SFIA 4–5": the levels, lowest first.
pub(super) fn sfia_levels(line: &str) -> Option<Vec<u8>> {
    let rest = line.trim().strip_prefix("SFIA")?;
    let digits: Vec<u8> = rest
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<u8>().ok())
        .collect::<Option<_>>()?;
    let words_ok = rest.split_whitespace().all(|w| {
        w.chars().all(|c| c.is_ascii_digit() || "-–,".contains(c))
            || w.eq_ignore_ascii_case("level")
            || w.eq_ignore_ascii_case("levels")
    });
    match digits.as_slice() {
        [one] if words_ok && (1..=7).contains(one) => Some(vec![*one]),
        [low, high] if words_ok && (1..=7).contains(low) && low < high && *high <= 7 => {
            Some((*low..=*high).collect())
        }
        _ => None,
    }
}

/// A line of two or more role codes: "GPE JPE IMPE SPE".
pub(super) fn is_code_line(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    tokens.len() >= 2 && tokens.iter().all(|t| ids::looks_like_code(t))
}

/// Navigation copied with a page: "← Role Archetypes".
pub(super) fn is_navigation(line: &str) -> bool {
    line.trim_start()
        .starts_with(['←', '→', '«', '»', '<', '>'])
}

fn is_summary_name(name: &str) -> bool {
    matches!(
        normal(name).as_str(),
        "overview"
            | "summary"
            | "about the role"
            | "about"
            | "purpose"
            | "role summary"
            | "description"
    )
}

/// One role: its preamble and its sections.
/// Each heading a level of the ladder, in the page's order.
fn levels(draft: &mut Draft, file: usize, levels: Vec<Node>) -> Result<(), InvalidFile> {
    for level in levels {
        let (title, span) = (level.name().to_string(), level.span());
        let place = Place { file, span };
        role(draft, file, &title, place, level.content, level.children)?;
    }
    Ok(())
}

fn role(
    draft: &mut Draft,
    file: usize,
    title: &str,
    place: Place,
    preamble: Vec<Block>,
    sections: Vec<Node>,
) -> Result<(), InvalidFile> {
    let (code, title) = ids::split_code(title);
    let mut code = code;
    let mut sfia = None;
    let mut listed = Vec::new();
    let mut summary = Vec::new();
    for block in preamble {
        let Block::Paragraph { text, .. } = block else {
            continue;
        };
        if let Some(levels) = sfia_levels(&text) {
            sfia = Some(levels);
        } else if is_code_line(&text) {
            listed.extend(text.split_whitespace().map(str::to_string));
        } else if let Some(given) = text
            .strip_prefix("Code:")
            .or_else(|| text.strip_prefix("code:"))
            .map(str::trim)
            .filter(|c| ids::looks_like_code(c) || c.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            code = Some(given.to_string());
        } else if !is_navigation(&text) {
            summary.push(text);
        }
    }
    let level = draft.level(&title, code.as_deref(), &place);
    {
        let level = &mut draft.levels[level];
        if level.sfia.is_none() {
            level.sfia = sfia;
        }
        level.listed_codes.extend(listed);
        level.summary.extend(summary);
    }
    for section in sections {
        let span = section.span();
        let section_place = Place { file, span };
        let name = section.name().to_string();
        let has_bullets = section
            .content
            .iter()
            .any(|b| matches!(b, Block::Bullet { .. }));
        if is_summary_name(&name) && section.children.is_empty() && !has_bullets {
            let at = draft.at(&section_place);
            draft.mapped.push(format!(
                "{at}: \"{name}\" became the summary of \"{title}\""
            ));
            let paragraphs = section.content.into_iter().filter_map(|b| match b {
                Block::Paragraph { text, .. } => Some(text),
                _ => None,
            });
            draft.levels[level].summary.extend(paragraphs);
            continue;
        }
        let index = draft.section(&name, &section_place);
        let grouped = !section.children.is_empty();
        statements(
            draft,
            file,
            level,
            index,
            None,
            section.content,
            grouped || has_bullets,
        );
        for group in section.children {
            let heading = group.name().to_string();
            let mut content = group.content;
            for deeper in group.children {
                let at = draft.at(&Place {
                    file,
                    span: deeper.span(),
                });
                draft.guesses.push(super::Guess {
                    at: Some(at),
                    what: format!("heading \"{}\" is deeper than a group: its statements are part of \"{heading}\"", deeper.name()),
                });
                content.extend(flatten(deeper));
            }
            let bullets = content.iter().any(|b| matches!(b, Block::Bullet { .. }));
            let paragraphs: Vec<&Block> = content
                .iter()
                .filter(|b| matches!(b, Block::Paragraph { .. }))
                .collect();
            if !bullets && paragraphs.len() == 1 {
                // A heading over one paragraph: one statement with a title.
                if let Some(Block::Paragraph { text, span }) = paragraphs.first() {
                    let statement = StatementDraft {
                        title: Some(heading.clone()),
                        text: text.clone(),
                        examples: Vec::new(),
                        expected: None,
                        place: Place {
                            file,
                            span: span.clone(),
                        },
                    };
                    draft.add(level, index, None, statement);
                }
                continue;
            }
            statements(draft, file, level, index, Some(&heading), content, bullets);
        }
    }
    Ok(())
}

/// A heading's content with its sub-headings' content, headings dropped.
fn flatten(node: Node) -> Vec<Block> {
    let mut blocks = node.content;
    for child in node.children {
        blocks.extend(flatten(child));
    }
    blocks
}

/// Bullets become statements (nested ones examples); paragraphs become a
/// description when `described`, else statements.
fn statements(
    draft: &mut Draft,
    file: usize,
    level: usize,
    section: usize,
    heading: Option<&str>,
    content: Vec<Block>,
    described: bool,
) {
    let mut description = Vec::new();
    let mut last: Option<StatementDraft> = None;
    let push = |draft: &mut Draft, statement: Option<StatementDraft>| {
        if let Some(statement) = statement {
            draft.add(level, section, heading, statement);
        }
    };
    for block in content {
        match block {
            Block::Bullet {
                depth: 0,
                title,
                text,
                span,
            } => {
                push(draft, last.take());
                last = Some(StatementDraft {
                    title,
                    text,
                    examples: Vec::new(),
                    expected: None,
                    place: Place { file, span },
                });
            }
            Block::Bullet {
                text, span, title, ..
            } => match &mut last {
                Some(statement) => statement.examples.push(match title {
                    Some(title) => format!("{title}: {text}"),
                    None => text,
                }),
                None => {
                    last = Some(StatementDraft {
                        title,
                        text,
                        examples: Vec::new(),
                        expected: None,
                        place: Place { file, span },
                    });
                }
            },
            Block::Paragraph { text, span } => {
                if described {
                    description.push(text);
                } else {
                    push(draft, last.take());
                    last = Some(StatementDraft {
                        title: None,
                        text,
                        examples: Vec::new(),
                        expected: None,
                        place: Place { file, span },
                    });
                }
            }
            Block::Heading { .. } => {}
        }
    }
    push(draft, last.take());
    if !description.is_empty() {
        let text = description.join(" ");
        match heading {
            Some(heading) => draft.describe_group(section, heading, text),
            None => {
                let section = &mut draft.sections[section];
                if section.description.is_none() {
                    section.description = Some(text);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sfia_lines_are_read_and_others_are_not() {
        assert_eq!(sfia_levels("SFIA 4-5"), Some(vec![4, 5]));
        assert_eq!(sfia_levels("SFIA level 6"), Some(vec![6]));
        assert_eq!(sfia_levels("SFIA 5–7"), Some(vec![5, 6, 7]));
        assert_eq!(sfia_levels("SFIA 9"), None);
        assert_eq!(sfia_levels("SFIA skills matter"), None);
    }

    #[test]
    fn code_lines_and_navigation_are_recognised() {
        assert!(is_code_line("GPE JPE IMPE SPE"));
        assert!(is_code_line("HoE VP"));
        assert!(!is_code_line("Skills"));
        assert!(!is_code_line("Cloud Architecture"));
        assert!(is_navigation("← Role Archetypes"));
    }
}
