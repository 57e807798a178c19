//! From a page's outline to levels, sections, groups and statements, the
//! way a person skimming the page would read it.
//!
//! **Where the levels are.** Headings are grouped by parent; the
//! shallowest group of two or more sibling headings that read as levels
//! holds the levels: most of them name a level (`E4`, `Developer 3`,
//! `Engineer II`, `Senior`, `Staff`, `Principal`, `シニア`, `시니어`), or a
//! table of contents links to them, or the same sub-headings repeat under
//! them. A heading above them is the ladder's name; siblings before the
//! first level and after the last ("Overview", "How to use this") are
//! prose, left out and reported. Without such a group the page is one
//! level, titled by its front matter, its single top heading or its file
//! name; a page whose tables name the levels (a competency × level
//! table) is read through the sheet reader instead. `--levels hN` and
//! `--levels files` say it when the guess is wrong.
//!
//! **Under a level.** Its sub-headings are sections and theirs are
//! categories; when none of its sub-headings has sub-headings of its own,
//! they are categories of one section instead, so competencies line up
//! across levels (`--sections hN` or `--sections none` say otherwise).
//! Bullets directly under a level are statements of that section; bold
//! lead-ins that recur across levels become its categories.
//!
//! In a section or group: a bullet is a statement, a nested bullet an
//! example of the one above it, a list item that is only a link is
//! navigation. Paragraphs are the section's or group's description when
//! it also has bullets or groups; otherwise each paragraph is a statement,
//! and a group heading over one paragraph is that statement's title (a
//! "focus area" written as a heading and a paragraph). A level with no
//! bullets at all has a statement per paragraph. A section named
//! Overview, Summary, About the role or Purpose is the role's summary.
//! Before the first section: `SFIA 4-5` gives SFIA levels, a line of role
//! codes (`GPE JPE SPE`) the codes to match initials to, `Code: SPE` the
//! role's code, and other paragraphs the summary.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::csv::{self, Context};
use super::outline::{Block, Outline, anchor};
use super::{Draft, Levels, Place, Sections, StatementDraft, ids, normal};
use crate::diagnostic::{Diagnostic, InvalidFile};

/// The section of statements under a level with no section heading.
const DEFAULT_SECTION: &str = "Competencies";

/// A heading as the tree keeps it.
#[derive(Debug, Clone)]
struct Heading {
    text: String,
    span: Range<usize>,
    /// 1 for `#`.
    level: u8,
    link_only: bool,
}

/// A heading and what is under it.
#[derive(Debug, Default)]
struct Node {
    heading: Option<Heading>,
    content: Vec<Block>,
    children: Vec<Node>,
}

impl Node {
    fn name(&self) -> &str {
        self.heading.as_ref().map_or("", |h| h.text.as_str())
    }

    fn span(&self) -> Range<usize> {
        self.heading.as_ref().map_or(0..0, |h| h.span.clone())
    }

    fn level(&self) -> u8 {
        self.heading.as_ref().map_or(0, |h| h.level)
    }

    /// Bullets or tables anywhere under it.
    fn has_items(&self) -> bool {
        self.content
            .iter()
            .any(|b| matches!(b, Block::Bullet { .. } | Block::Table { links: false, .. }))
            || self.children.iter().any(Node::has_items)
    }
}

/// Counts of what a page left out, reported once per page.
#[derive(Debug, Default)]
struct Tally {
    navigation: usize,
    images: usize,
    prose: usize,
    prose_at: Option<Range<usize>>,
}

pub(super) fn map(draft: &mut Draft, file: usize, outline: Outline) -> Result<(), InvalidFile> {
    let Outline {
        blocks,
        front,
        anchors,
        front_problem,
    } = outline;
    let place = |span: Range<usize>| Place { file, span };
    let name = draft.sources[file].origin.to_string();
    if let Some((offset, problem)) = front_problem {
        draft.leave_out(
            Some(&place(offset..offset)),
            format!("{problem}: the front matter was left out"),
        );
    }
    let mut tally = Tally::default();
    let mut kept = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Skipped { what, span } if what == "an image" => {
                tally.images += 1;
                let _ = span;
            }
            Block::Skipped { what, span } => {
                draft.leave_out(Some(&place(span)), format!("{what}: not an expectation"));
            }
            other => kept.push(other),
        }
    }
    let blocks = kept;
    if !blocks.iter().any(|b| matches!(b, Block::Heading { .. }))
        && !blocks
            .iter()
            .any(|b| matches!(b, Block::Table { links: false, .. }))
        && draft.hints.levels != Levels::Files
        && front.as_ref().and_then(|f| f.title.as_ref()).is_none()
    {
        let end = draft.sources[file].text.len();
        return Err(draft.error(
            &place(0..0),
            Diagnostic::new(0..end.min(1), "no headings on this page")
                .label("a page needs headings")
                .help("use a heading per level or section (\"## Behaviours\") and per group (\"### Delivery\"), with a bullet per statement; a heading at the top names the role; or say the file is one level with --levels files"),
        ));
    }
    let stem = match &draft.sources[file].origin {
        crate::diagnostic::Origin::File(path) => path
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_default(),
        crate::diagnostic::Origin::BuiltIn(name) => name.to_string(),
    };
    let root = tree(blocks);
    let depth = match draft.hints.levels {
        Levels::Heading(depth) => {
            if !has_depth(&root, depth) {
                draft.guess_fix(
                    Some(&place(0..0)),
                    format!(
                        "no level-{depth} headings (--levels h{depth}): the whole page is one level"
                    ),
                    Some("--levels auto"),
                );
                None
            } else {
                Some(depth)
            }
        }
        // Levels in rows or columns are read from tables, below.
        Levels::Files | Levels::Rows | Levels::Columns => None,
        Levels::Auto => level_depth(&root, &anchors),
    };
    let front_title = front.as_ref().and_then(|f| f.title.clone());
    let weight = front.as_ref().and_then(|f| f.weight);
    if let Some(depth) = depth {
        draft.mapped.push(format!(
            "{name}: the whole ladder; each level-{depth} heading (`{}`) that names a level is a level",
            "#".repeat(usize::from(depth))
        ));
        if draft.hints.levels == Levels::Auto {
            draft.guess_fix(
                Some(&place(0..0)),
                format!("the level-{depth} headings are the levels"),
                Some(if depth > 1 {
                    format!("--levels h{} or --levels files", depth - 1)
                } else {
                    "--levels h2 or --levels files".to_string()
                }),
            );
        }
        if draft.name.is_none() {
            draft.name = front_title.clone().or_else(|| ladder_name(&root, depth));
        }
        let mut walk = Walk {
            file,
            depth,
            anchors: &anchors,
            tally: &mut tally,
        };
        walk.node(draft, root, None)?;
    } else {
        let tables = ladder_tables(&root);
        let by_tables = matches!(
            draft.hints.levels,
            Levels::Auto | Levels::Rows | Levels::Columns
        );
        if by_tables && tables > 0 && !root.has_bullets() {
            draft.mapped.push(format!(
                "{name}: {tables} table{} naming the levels; headings above them are sections",
                if tables == 1 { "" } else { "s" }
            ));
            let top = single_top(&root).map(str::to_string);
            if draft.name.is_none() {
                draft.name = front_title.clone().or(top.clone());
            }
            tables_page(draft, file, root, top.as_deref(), None, &mut tally)?;
        } else {
            if let Levels::Rows | Levels::Columns = draft.hints.levels {
                draft.guess_fix(
                    Some(&place(0..0)),
                    format!(
                        "--levels {} is for tables of levels, and none on this page was read as one: the whole page is one level",
                        draft.hints.levels
                    ),
                    Some("--levels h2 or --levels files"),
                );
            }
            one_level(draft, file, root, front_title, weight, &stem, &mut tally)?;
        }
    }
    if tally.navigation > 0 {
        draft.leave_out(
            None,
            format!(
                "{name}: {} line{} that {} only a link (navigation)",
                tally.navigation,
                if tally.navigation == 1 { "" } else { "s" },
                if tally.navigation == 1 { "is" } else { "are" }
            ),
        );
    }
    if tally.images > 0 {
        draft.leave_out(
            None,
            format!(
                "{name}: {} image{}",
                tally.images,
                if tally.images == 1 { "" } else { "s" }
            ),
        );
    }
    if tally.prose > 0 {
        let at = tally.prose_at.clone().map(place);
        draft.leave_out(
            at.as_ref(),
            if tally.prose == 1 {
                "a paragraph or list item outside any level (about the ladder, not a level)"
                    .to_string()
            } else {
                format!(
                    "{} paragraphs and list items outside any level (about the ladder, not a level)",
                    tally.prose
                )
            },
        );
    }
    Ok(())
}

impl Node {
    fn has_bullets(&self) -> bool {
        self.content
            .iter()
            .any(|b| matches!(b, Block::Bullet { .. }))
            || self.children.iter().any(Node::has_bullets)
    }
}

/// Tables that name levels, anywhere on the page.
fn ladder_tables(node: &Node) -> usize {
    node.content
        .iter()
        .filter(|b| matches!(b, Block::Table { rows, links: false, .. } if csv::names_levels(rows)))
        .count()
        + node.children.iter().map(ladder_tables).sum::<usize>()
}

fn single_top(root: &Node) -> Option<&str> {
    match root.children.as_slice() {
        [only] => Some(only.name()),
        _ => None,
    }
}

/// A page of tables that name the levels: each table read as a sheet,
/// its section the heading above it (the page's title aside).
fn tables_page(
    draft: &mut Draft,
    file: usize,
    node: Node,
    title: Option<&str>,
    section: Option<String>,
    tally: &mut Tally,
) -> Result<(), InvalidFile> {
    let heading = node.heading.as_ref().map(|h| h.text.clone());
    let section = match heading {
        Some(h) if Some(h.as_str()) != title => Some(h),
        _ => section,
    };
    for block in node.content {
        match block {
            Block::Table { rows, span, links } => {
                table(draft, file, rows, span, links, None, section.clone())?;
            }
            Block::Navigation { .. } => tally.navigation += 1,
            Block::Paragraph { span, .. } | Block::Bullet { span, .. } => {
                tally.prose += 1;
                tally.prose_at.get_or_insert(span);
            }
            _ => {}
        }
    }
    for child in node.children {
        tables_page(draft, file, child, title, section.clone(), tally)?;
    }
    Ok(())
}

/// Reads a table of a page through the sheet reader; one it cannot read is
/// left out with the reason, never dropped silently.
fn table(
    draft: &mut Draft,
    file: usize,
    rows: Vec<Vec<csv::Cell>>,
    span: Range<usize>,
    links: bool,
    level: Option<usize>,
    section: Option<String>,
) -> Result<(), InvalidFile> {
    let place = Place {
        file,
        span: span.clone(),
    };
    let count = rows.len().saturating_sub(1);
    if links {
        draft.leave_out(
            Some(&place),
            format!(
                "a table of {count} rows was left out: its cells are links (a table of contents)"
            ),
        );
        return Ok(());
    }
    let at = draft.at(&place);
    let context = Context {
        name: format!("{at}: a table"),
        section,
        level,
        noun: "the table",
    };
    // A table that cannot be read does not stop the page: what was read
    // of it is undone, and the report says why.
    let before = draft.statement_count();
    match csv::grid(draft, file, &rows, &context) {
        Ok(()) => {
            if draft.statement_count() == before {
                draft.leave_out(
                    Some(&place),
                    format!("a table of {count} rows gave no statements: its cells are empty"),
                );
            }
            Ok(())
        }
        Err(error) => {
            let why = error
                .diagnostics
                .first()
                .map_or_else(String::new, |d| d.message.clone());
            draft.leave_out(
                Some(&place),
                format!("a table of {count} rows was left out because {why} (say which way its levels run with --levels rows or --levels columns)"),
            );
            Ok(())
        }
    }
}

/// Nests blocks under their headings.
fn tree(blocks: Vec<Block>) -> Node {
    // Stack of (level, node); level 0 is the root.
    let mut stack: Vec<(u8, Node)> = vec![(0, Node::default())];
    for block in blocks {
        match block {
            Block::Heading {
                level,
                text,
                span,
                link_only,
            } => {
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
                        heading: Some(Heading {
                            text,
                            span,
                            level,
                            link_only,
                        }),
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

fn has_depth(node: &Node, depth: u8) -> bool {
    node.level() == depth || node.children.iter().any(|c| has_depth(c, depth))
}

/// True when some heading name appears under two or more of `nodes`.
fn repeats(nodes: &[Node]) -> bool {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for node in nodes {
        let names: HashSet<String> = node.children.iter().map(|c| normal(c.name())).collect();
        for name in names {
            *seen.entry(name).or_default() += 1;
        }
    }
    seen.values().any(|&count| count > 1)
}

/// Which of a group of sibling headings are levels, or `None` when the
/// group does not read as levels.
fn level_siblings(nodes: &[Node], anchors: &HashSet<String>) -> Option<Vec<bool>> {
    let headed: Vec<&Node> = nodes.iter().filter(|n| n.heading.is_some()).collect();
    if headed.len() < 2 {
        return None;
    }
    let like: Vec<bool> = nodes
        .iter()
        .map(|n| {
            n.heading.is_some()
                && (ids::looks_like_level(n.name()) || anchors.contains(&anchor(n.name())))
        })
        .collect();
    let count = like.iter().filter(|&&l| l).count();
    if count >= 2 && count * 3 >= headed.len() * 2 {
        // Siblings between the first and the last level are levels too.
        let first = like.iter().position(|&l| l)?;
        let last = like.iter().rposition(|&l| l)?;
        return Some((0..nodes.len()).map(|i| i >= first && i <= last).collect());
    }
    if repeats(nodes) {
        return Some(vec![true; nodes.len()]);
    }
    None
}

/// The shallowest heading level at which a group of siblings reads as
/// levels.
fn level_depth(root: &Node, anchors: &HashSet<String>) -> Option<u8> {
    let mut best: Option<u8> = None;
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if let Some(first) = node.children.first()
            && best.is_none_or(|b| first.level() < b)
            && level_siblings(&node.children, anchors).is_some()
        {
            best = Some(node.children.iter().map(Node::level).min().unwrap_or(1));
        }
        stack.extend(node.children.iter());
    }
    best
}

/// The ladder's name: the single heading above the levels.
fn ladder_name(root: &Node, depth: u8) -> Option<String> {
    let mut node = root;
    let mut name = None;
    while let [only] = node.children.as_slice() {
        if only.level() >= depth {
            break;
        }
        name = Some(only.name().to_string());
        node = only;
    }
    name
}

/// The walk over a whole-ladder page: levels at `depth`, everything else
/// outside them.
struct Walk<'a> {
    file: usize,
    depth: u8,
    /// Targets of the page's links: a heading a table of contents points
    /// to reads as a level.
    anchors: &'a HashSet<String>,
    tally: &'a mut Tally,
}

impl Walk<'_> {
    fn node(
        &mut self,
        draft: &mut Draft,
        node: Node,
        section: Option<String>,
    ) -> Result<(), InvalidFile> {
        let Node {
            heading,
            content,
            children,
        } = node;
        let section = match &heading {
            Some(h) if h.level > 1 || section.is_some() => Some(h.text.clone()),
            _ => section,
        };
        self.outside(draft, content, section.clone())?;
        let levels = if children.iter().any(|c| c.level() == self.depth) {
            level_siblings(&children, self.anchors)
                .filter(|_| draft.hints.levels == Levels::Auto)
                .unwrap_or_else(|| children.iter().map(|c| c.level() == self.depth).collect())
        } else {
            vec![false; children.len()]
        };
        // A group at the levels' depth that read as levels by anchors
        // only: every heading at that depth is then a level.
        let any_level = levels.iter().any(|&l| l);
        for (child, is_level) in children.into_iter().zip(levels) {
            let at_depth = child.level() == self.depth;
            if at_depth && (is_level || !any_level) {
                let title = child.name().to_string();
                let place = Place {
                    file: self.file,
                    span: child.span(),
                };
                let Node {
                    content, children, ..
                } = child;
                let level = draft.levels.len();
                role(
                    draft, self.file, &title, place, content, children, None, self.tally,
                )?;
                if let Some(level) = draft.levels.get_mut(level) {
                    level.track = heading.as_ref().map(|h| h.text.clone());
                }
            } else if at_depth || child.level() > self.depth {
                let mut count = 0;
                count_prose(&child, &mut count);
                if count > 0 {
                    self.tally.prose += count;
                    self.tally.prose_at.get_or_insert(child.span());
                }
                let at = draft.at(&Place {
                    file: self.file,
                    span: child.span(),
                });
                if count > 0 || child.has_items() {
                    draft.mapped.push(format!(
                        "{at}: \"{}\" is not a level: left out",
                        child.name()
                    ));
                }
            } else {
                self.node(draft, child, section.clone())?;
            }
        }
        Ok(())
    }

    /// Content above the levels: tables may be the ladder's own; prose
    /// is left out.
    fn outside(
        &mut self,
        draft: &mut Draft,
        content: Vec<Block>,
        section: Option<String>,
    ) -> Result<(), InvalidFile> {
        for block in content {
            match block {
                Block::Table { rows, span, links } => {
                    if links {
                        // A table of the levels: its links named them.
                        draft.mapped.push(format!(
                            "{}: a table of links to the levels (navigation)",
                            draft.at(&Place {
                                file: self.file,
                                span
                            })
                        ));
                    } else {
                        table(draft, self.file, rows, span, false, None, section.clone())?;
                    }
                }
                Block::Navigation { .. } => self.tally.navigation += 1,
                Block::Paragraph { span, .. } | Block::Bullet { span, .. } => {
                    self.tally.prose += 1;
                    self.tally.prose_at.get_or_insert(span);
                }
                _ => {}
            }
        }
        Ok(())
    }
}

fn count_prose(node: &Node, count: &mut usize) {
    *count += node
        .content
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. } | Block::Bullet { .. }))
        .count();
    for child in &node.children {
        count_prose(child, count);
    }
}

/// A page that is one level.
fn one_level(
    draft: &mut Draft,
    file: usize,
    root: Node,
    front_title: Option<String>,
    weight: Option<f64>,
    stem: &str,
    tally: &mut Tally,
) -> Result<(), InvalidFile> {
    let name = draft.sources[file].origin.to_string();
    let place = |span: Range<usize>| Place { file, span };
    let Node {
        content: preamble,
        children: tops,
        ..
    } = root;
    let (title, span, content, sections) = if tops.len() == 1 {
        let Some(top) = tops.into_iter().next() else {
            return Ok(());
        };
        let (heading, span) = (top.name().to_string(), top.span());
        let mut content = preamble;
        content.extend(top.content);
        let title = match &front_title {
            Some(title) => {
                if normal(title) != normal(&heading) {
                    draft.mapped.push(format!(
                        "{name}: \"{heading}\" is the page's heading; the front matter's title names the level"
                    ));
                }
                title.clone()
            }
            None => heading,
        };
        (title, span, content, top.children)
    } else {
        let title = match &front_title {
            Some(title) => title.clone(),
            None => {
                draft.guess(
                    Some(&place(0..0)),
                    format!(
                        "no heading names the role of {name}: titled \"{stem}\" after the file"
                    ),
                );
                stem.to_string()
            }
        };
        (title, 0..0, preamble, tops)
    };
    draft.mapped.push(format!("{name}: one level, \"{title}\""));
    if front_title.is_some() {
        draft.mapped.push(format!(
            "{name}: the level's title from the front matter{}",
            weight.map_or(String::new(), |w| format!(", its weight {w}"))
        ));
    }
    role(
        draft,
        file,
        &title,
        place(span),
        content,
        sections,
        weight,
        tally,
    )
}

/// One level: its preamble and its sections.
#[allow(clippy::too_many_arguments)]
fn role(
    draft: &mut Draft,
    file: usize,
    title: &str,
    place: Place,
    preamble: Vec<Block>,
    sections: Vec<Node>,
    weight: Option<f64>,
    tally: &mut Tally,
) -> Result<(), InvalidFile> {
    let (code, title) = ids::split_code(title);
    let title = if draft.has_level_titled(&title) {
        let stem = match &draft.sources[file].origin {
            crate::diagnostic::Origin::File(path) => path
                .file_stem()
                .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
                .unwrap_or_default(),
            crate::diagnostic::Origin::BuiltIn(name) => name.to_string(),
        };
        let mut renamed = stem.trim().to_string();
        let mut n = 2;
        while renamed.is_empty() || draft.has_level_titled(&renamed) {
            renamed = format!("{title} ({n})");
            n += 1;
        }
        let at = draft.at(&place);
        draft.guesses.push(super::Guess {
            at: Some(at),
            what: format!("\"{title}\" is the title of an earlier level too: this is another level, titled \"{renamed}\" (rename it in the page or the file)"),
            fix: None,
        });
        renamed
    } else {
        title
    };
    let mut code = code;
    let mut sfia = None;
    let mut listed = Vec::new();
    let mut summary = Vec::new();
    let mut rest = Vec::new();
    // A level with no bullets, tables or sections: each paragraph is a
    // statement.
    let bare = sections.is_empty()
        && !preamble
            .iter()
            .any(|b| matches!(b, Block::Bullet { .. } | Block::Table { .. }));
    let mut paragraphs = Vec::new();
    for block in preamble {
        match block {
            Block::Paragraph { text, span } => {
                if let Some(levels) = sfia_levels(&text) {
                    sfia = Some(levels);
                } else if is_code_line(&text) {
                    listed.extend(text.split_whitespace().map(str::to_string));
                } else if let Some(given) = text
                    .strip_prefix("Code:")
                    .or_else(|| text.strip_prefix("code:"))
                    .map(str::trim)
                    .filter(|c| {
                        ids::looks_like_code(c) || c.chars().all(|c| c.is_ascii_alphanumeric())
                    })
                {
                    code = Some(given.to_string());
                } else if is_navigation(&text) {
                    tally.navigation += 1;
                } else if bare {
                    paragraphs.push(Block::Paragraph { text, span });
                } else {
                    summary.push(text);
                }
            }
            other => rest.push(other),
        }
    }
    let level = draft.new_level(&title, code.as_deref(), &place);
    {
        let level = &mut draft.levels[level];
        level.sfia = sfia;
        level.weight = weight;
        level.listed_codes.extend(listed);
        level.summary.extend(summary);
    }
    if !paragraphs.is_empty() {
        let count = paragraphs.len();
        let _ = count;
        draft.guess_for(
            &place,
            "levels with no bullets have a statement per paragraph",
            &title,
            None,
        );
        let section = draft.section(DEFAULT_SECTION, &place);
        statements(draft, file, level, section, None, paragraphs, false, tally)?;
    }
    if !rest.is_empty() {
        let section = draft.section(DEFAULT_SECTION, &place);
        statements(draft, file, level, section, None, rest, true, tally)?;
    }
    // Sections, or categories of one section.
    let as_categories = match &draft.hints.sections {
        Sections::None => true,
        Sections::Heading(depth) => sections.iter().all(|s| s.level() > *depth),
        _ => {
            let leaves = sections
                .iter()
                .filter(|s| !is_summary_name(s.name()))
                .all(|s| s.children.is_empty());
            let any = sections.iter().any(|s| !is_summary_name(s.name()));
            if leaves && any {
                let depth = sections.first().map_or(2, Node::level);
                draft.guess_for(
                    &place,
                    &format!("headings under a level with none under them are categories of one section \"{DEFAULT_SECTION}\", not sections"),
                    &title,
                    Some(format!("--sections h{depth}")),
                );
            }
            leaves && any
        }
    };
    let sections = match &draft.hints.sections {
        Sections::Heading(depth) => at_depth(sections, *depth),
        _ => sections,
    };
    for section in sections {
        let span = section.span();
        let section_place = Place { file, span };
        let name = section.name().to_string();
        let has_bullets = section
            .content
            .iter()
            .any(|b| matches!(b, Block::Bullet { .. } | Block::Table { .. }));
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
        if as_categories {
            let index = draft.section(DEFAULT_SECTION, &section_place);
            let link_only = section.heading.as_ref().is_some_and(|h| h.link_only);
            group(draft, file, level, index, section, link_only, tally)?;
            continue;
        }
        let index = draft.section(&name, &section_place);
        let grouped = !section.children.is_empty();
        let link_only = section.heading.as_ref().is_some_and(|h| h.link_only);
        let content = if link_only {
            navigation_only(section.content, tally)
        } else {
            section.content
        };
        statements(
            draft,
            file,
            level,
            index,
            None,
            content,
            grouped || has_bullets,
            tally,
        )?;
        for child in section.children {
            let link_only = child.heading.as_ref().is_some_and(|h| h.link_only);
            group(draft, file, level, index, child, link_only, tally)?;
        }
    }
    Ok(())
}

/// A list under a heading that is only a link: navigation.
fn navigation_only(content: Vec<Block>, tally: &mut Tally) -> Vec<Block> {
    content
        .into_iter()
        .filter(|b| {
            let bullet = matches!(b, Block::Bullet { .. } | Block::Navigation { .. });
            if bullet {
                tally.navigation += 1;
            }
            !bullet
        })
        .collect()
}

/// Headings at `depth` under a level, for `--sections hN`: shallower ones
/// are looked through, deeper ones kept as they are.
fn at_depth(nodes: Vec<Node>, depth: u8) -> Vec<Node> {
    let mut out = Vec::new();
    for node in nodes {
        if node.level() < depth && !node.children.is_empty() {
            out.extend(at_depth(node.children, depth));
        } else {
            out.push(node);
        }
    }
    out
}

/// A group heading and its statements: a heading over one paragraph is
/// one statement with that title.
#[allow(clippy::too_many_arguments)]
fn group(
    draft: &mut Draft,
    file: usize,
    level: usize,
    section: usize,
    node: Node,
    link_only: bool,
    tally: &mut Tally,
) -> Result<(), InvalidFile> {
    let heading = node.name().to_string();
    let mut content = if link_only {
        navigation_only(node.content, tally)
    } else {
        node.content
    };
    for deeper in node.children {
        let at = draft.at(&Place {
            file,
            span: deeper.span(),
        });
        draft.guesses.push(super::Guess {
            at: Some(at),
            what: format!(
                "heading \"{}\" is deeper than a group: its statements are part of \"{heading}\"",
                deeper.name()
            ),
            fix: Some("--sections".into()),
        });
        content.extend(flatten(deeper));
    }
    let bullets = content
        .iter()
        .any(|b| matches!(b, Block::Bullet { .. } | Block::Table { .. }));
    let paragraphs: Vec<&Block> = content
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .collect();
    if !bullets && paragraphs.len() == 1 {
        // A heading over one paragraph: one statement with a title.
        if let Some(Block::Paragraph { text, span }) = paragraphs.first() {
            let mut statement = StatementDraft::new(
                text.clone(),
                Place {
                    file,
                    span: span.clone(),
                },
            );
            statement.title = Some(heading.clone());
            draft.add(level, section, None, statement);
        }
        return Ok(());
    }
    statements(
        draft,
        file,
        level,
        section,
        Some(&heading),
        content,
        bullets,
        tally,
    )
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
/// description when `described`, else statements; tables are read as
/// sheets of this level.
#[allow(clippy::too_many_arguments)]
fn statements(
    draft: &mut Draft,
    file: usize,
    level: usize,
    section: usize,
    heading: Option<&str>,
    content: Vec<Block>,
    described: bool,
    tally: &mut Tally,
) -> Result<(), InvalidFile> {
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
                let mut statement = StatementDraft::new(text, Place { file, span });
                statement.title = title;
                last = Some(statement);
            }
            Block::Bullet {
                text, span, title, ..
            } => match &mut last {
                Some(statement) => statement.examples.push(match title {
                    Some(title) => format!("{title}: {text}"),
                    None => text,
                }),
                None => {
                    let mut statement = StatementDraft::new(text, Place { file, span });
                    statement.title = title;
                    last = Some(statement);
                }
            },
            Block::Paragraph { text, span } => {
                if described {
                    description.push(text);
                } else {
                    push(draft, last.take());
                    last = Some(StatementDraft::new(text, Place { file, span }));
                }
            }
            Block::Navigation { .. } => {
                // The bullets after it are not examples of the statement
                // before it.
                push(draft, last.take());
                tally.navigation += 1;
            }
            Block::Table { rows, span, links } => {
                push(draft, last.take());
                let name = draft.sections[section].name.clone();
                let section_name = heading.map(str::to_string).or(Some(name));
                table(draft, file, rows, span, links, Some(level), section_name)?;
            }
            Block::Heading { .. } | Block::Skipped { .. } => {}
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
    Ok(())
}

/// Statements under no heading whose bold lead-in recurs across levels
/// ("**Delivery**: ..." under every level): the lead-in becomes their
/// category, so levels line up in reports.
pub(super) fn promote_lead_ins(draft: &mut Draft) {
    // (section, lead-in) → levels it appears in.
    let mut levels_of: HashMap<(usize, String), HashSet<usize>> = HashMap::new();
    for (l, level) in draft.levels.iter().enumerate() {
        for group in level.groups.iter().filter(|g| g.heading.is_none()) {
            for statement in &group.statements {
                if let Some(title) = &statement.title {
                    levels_of
                        .entry((group.section, normal(title)))
                        .or_default()
                        .insert(l);
                }
            }
        }
    }
    let recurring: HashSet<(usize, String)> = levels_of
        .into_iter()
        .filter(|(_, levels)| levels.len() > 1)
        .map(|(key, _)| key)
        .collect();
    if recurring.is_empty() {
        return;
    }
    let mut names: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for l in 0..draft.levels.len() {
        let mut moved: Vec<(usize, String, StatementDraft)> = Vec::new();
        for group in draft.levels[l]
            .groups
            .iter_mut()
            .filter(|g| g.heading.is_none())
        {
            let section = group.section;
            let statements = std::mem::take(&mut group.statements);
            for mut statement in statements {
                match statement.title.take() {
                    Some(title) if recurring.contains(&(section, normal(&title))) => {
                        moved.push((section, title, statement));
                    }
                    title => {
                        statement.title = title;
                        group.statements.push(statement);
                    }
                }
            }
        }
        draft.levels[l].groups.retain(|g| !g.statements.is_empty());
        draft.levels[l].reindex();
        for (section, title, statement) in moved {
            if seen.insert(normal(&title)) {
                names.push(title.clone());
            }
            draft.add(l, section, Some(&title), statement);
        }
    }
    draft.guess(
        None,
        format!(
            "bold lead-ins that recur across levels became categories: {}",
            names.join(", ")
        ),
    );
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
