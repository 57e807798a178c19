//! A page read as an outline: its blocks (headings, bullets, paragraphs,
//! tables, navigation and what was left out), its front matter and the
//! anchors its links point to. The Markdown and plain-text readers make
//! it; [`super::page`] maps it to levels, sections and statements.

use std::collections::HashSet;
use std::ops::Range;

use super::csv::Cell;

/// One block of a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading {
        level: u8,
        text: String,
        span: Range<usize>,
        /// Nothing but a link: its lists are navigation.
        link_only: bool,
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
    /// A pipe table or an HTML table.
    Table {
        rows: Vec<Vec<Cell>>,
        span: Range<usize>,
        /// Most of its cells are links: a table of contents.
        links: bool,
    },
    /// A list item that is only a link.
    Navigation {
        span: Range<usize>,
    },
    /// Read and left out: an image, a code block, HTML that is not a
    /// table or a list.
    Skipped {
        what: String,
        span: Range<usize>,
    },
}

/// A page's front matter: what it says about the level.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Front {
    pub title: Option<String>,
    pub weight: Option<f64>,
    pub span: Range<usize>,
}

/// A page as blocks, with its front matter and the anchors its links
/// point to (a table of contents names the levels).
#[derive(Debug, Default)]
pub(super) struct Outline {
    pub blocks: Vec<Block>,
    pub front: Option<Front>,
    /// `#anchor` targets of the page's links, lower case, without `#`.
    pub anchors: HashSet<String>,
    /// A problem with the front matter: (offset, what).
    pub front_problem: Option<(usize, String)>,
}

/// GitHub's anchor of a heading: lower case, spaces as `-`, punctuation
/// other than `-` and `_` dropped.
pub(super) fn anchor(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}
