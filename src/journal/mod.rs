//! The evidence journal: dated lines of evidence recorded when something
//! happens, tagged to the statements, categories or sections they prove,
//! kept per person beside that person's assessments.
//!
//! # Layout
//!
//! ```text
//! <data dir>/journal/<folder>/2026-11.toml   one file per month
//! <data dir>/locks/journal-<folder>-2026-11.lock
//! <data dir>/index/journal/<folder>.json      a cache, see [`cache`]
//! ```
//!
//! The folder is the person's slug (`zoe`), or the slug and a short hash of
//! the name when a person whose name transliterates alike wrote there
//! first (`zoe-1a2b3c4d` for "Zoe" after "Zoë"); see `store`.
//!
//! A month file is TOML, one `[[entry]]` table per entry, ordered by date:
//!
//! ```toml
//! format_version = 1
//! person = "Ada"
//!
//! [[entry]]
//! id = "2026-11-25-1"
//! date = "2026-11-25"
//! text = "Led the ingress postmortem; every action closed within two weeks"
//! links = ["https://wiki.example.com/pm/ingress-2026-11"]
//! for = ["spe.ownership.2", "collaboration"]
//! recorded = "2026-11-25T17:02:11+01:00"
//! ```
//!
//! - `id` is the date the entry was first recorded for and a counter for
//!   that day (`2026-11-25-1`, `2026-11-25-2`). Its month names the file
//!   that holds the entry, so editing or removing one reads and writes one
//!   file. An entry keeps its id when edited, unless its date moves to
//!   another month: it then moves to that month's file with a new id.
//! - `date` is the day it happened; it lies in the file's month.
//! - `links` and `for` (statement, category or section ids) are left out
//!   when empty.
//! - `recorded` is when the entry was written, RFC 3339 with the offset.
//!
//! The guarantees are those of assessments: files are written atomically
//! (temporary file, fsync, rename), 0600 in 0700 folders, under a lock per
//! month file (waited for at most a few seconds, and taken in month order
//! when a move needs two); a file of a newer format, or one that does not
//! parse, is reported with its line and column and never written. Only
//! regular files within the journal's limit (`fsio::size_limit`, 4 MiB)
//! are read, and none is written past it: every entry is checked against
//! [`check_input`] and every month file's text against the limit before
//! anything is written.

pub mod cache;
pub mod carried;
pub mod dropped;
pub mod evidence;
pub mod file;
pub mod git;
pub mod rank;
pub mod report;
pub mod store;
pub mod tags;

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::assessment::Timestamp;
use crate::error::Error;

/// The newest journal file format this build reads and writes.
pub const FORMAT_VERSION: i64 = 1;

/// The most characters of an entry's text: a paragraph, not a document.
pub const MAX_TEXT: usize = 4000;
/// The most characters of one link: a long address, not a page.
pub const MAX_LINK: usize = 2000;
/// The most links of one entry.
pub const MAX_LINKS: usize = 20;
/// The most tags of one entry, and characters of one tag.
pub const MAX_TAGS: usize = 100;
pub const MAX_TAG: usize = 200;

/// Refuses what no entry may hold, before anything is written: an empty
/// text, link or tag; a link or tag with a control character (a line
/// break in a link would print as a line of its own under the entry);
/// a date outside the years 0000-9999; and anything over the limits
/// above (so that no entry, however it arrives, can grow a month file
/// past what rungs reads).
pub fn check_input(
    text: &str,
    links: &[String],
    tags: &[String],
    date: NaiveDate,
) -> Result<(), Error> {
    let usage = |message: String, help: &str| Error::Usage {
        message,
        help: help.into(),
    };
    let too_large = |message: String, help: &str| Error::TooLarge {
        message,
        help: help.into(),
    };
    if !(0..=9999).contains(&date.year()) {
        return Err(usage(
            format!("{date} is not a date rungs keeps"),
            "give a date as YYYY-MM-DD, a year from 0000 to 9999",
        ));
    }
    if text.trim().is_empty() {
        return Err(usage(
            "the entry's text is empty".into(),
            "say what happened: rungs log \"Led the ingress postmortem\"",
        ));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(too_large(
            format!("the entry is longer than {MAX_TEXT} characters"),
            "keep an entry to what happened, and link to the details with --link URL",
        ));
    }
    if links.len() > MAX_LINKS {
        return Err(too_large(
            format!(
                "{} links, where an entry holds at most {MAX_LINKS}",
                links.len()
            ),
            "link to a page that lists the rest",
        ));
    }
    for link in links {
        if link.trim().is_empty() {
            return Err(usage(
                "--link is empty".into(),
                "give the address of the evidence: --link https://...",
            ));
        }
        if link.chars().count() > MAX_LINK {
            return Err(too_large(
                format!("a link is longer than {MAX_LINK} characters"),
                "give the address of the evidence, not its content",
            ));
        }
        if link.chars().any(is_control) {
            return Err(usage(
                format!("the link `{}` holds a control character", clip(link, 60)),
                "a link is one line of text: give it without line breaks, tabs or escapes",
            ));
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(too_large(
            format!(
                "{} tags, where an entry holds at most {MAX_TAGS}",
                tags.len()
            ),
            "tag a category or section for what covers many statements",
        ));
    }
    for tag in tags {
        if tag.trim().is_empty() || tag.chars().count() > MAX_TAG || tag.chars().any(is_control) {
            return Err(usage(
                format!(
                    "`{}` cannot be a tag",
                    clip(&tag.escape_debug().to_string(), 60)
                ),
                "tags are statement, category or section ids of the framework",
            ));
        }
    }
    Ok(())
}

/// A character that changes what a terminal shows rather than being
/// shown: controls, line and paragraph separators, direction overrides.
fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first `width` characters of a text, with `…` when cut.
fn clip(text: &str, width: usize) -> String {
    tags::clip(text, width)
}

/// One journal entry. Serialised as it appears in `rungs log --format
/// json`: every field present, `for` as in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// The day it happened.
    pub date: NaiveDate,
    pub text: String,
    pub links: Vec<String>,
    /// Statement, category or section ids, as the framework spells them.
    #[serde(rename = "for")]
    pub tags: Vec<String>,
    /// When it was written down.
    #[serde(serialize_with = "rfc3339")]
    pub recorded: Timestamp,
    /// Sent by someone else with an assessment (`rungs import`): kept
    /// apart from the person's own journal, and shown as imported.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub imported: bool,
}

fn rfc3339<S: serde::Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false))
}

impl Entry {
    /// The first line of the text, for one-line summaries.
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or_default()
    }

    /// Ordering of entries: by date, then as recorded.
    fn sort_key(&self) -> (NaiveDate, Timestamp, Option<u32>, String) {
        (
            self.date,
            self.recorded,
            EntryId::parse(&self.id).map(|id| id.n),
            self.id.clone(),
        )
    }
}

/// Sorts entries oldest first: by date, then by when they were recorded.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by_cached_key(Entry::sort_key);
}

pub use crate::assessment::parse_date;

/// A calendar month: the unit of one journal file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// `2026-11`, as in a file name: four digits and two, nothing else
    /// (`+202-11` would name another month's file).
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.split_once('-')?;
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Month { year, month })
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        Month::of(date) == *self
    }

    /// The name of this month's file.
    pub fn file_name(&self) -> String {
        format!("{self}.toml")
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// An entry id, `2026-11-25-2`: a date and a counter from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EntryId {
    pub date: NaiveDate,
    pub n: u32,
}

impl EntryId {
    pub fn parse(text: &str) -> Option<EntryId> {
        let text = text.trim();
        if text.len() < 12 || !text.is_char_boundary(10) {
            return None;
        }
        let (date, rest) = text.split_at(10);
        let n = rest.strip_prefix('-')?;
        if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
            return None;
        }
        Some(EntryId {
            date: parse_date(date)?,
            n: n.parse().ok()?,
        })
    }

    /// The month whose file holds the entry.
    pub fn month(&self) -> Month {
        Month::of(self.date)
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.date.format("%Y-%m-%d"), self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_and_print_back() {
        let id = EntryId::parse("2026-11-25-12").expect("id");
        assert_eq!(id.n, 12);
        assert_eq!(id.to_string(), "2026-11-25-12");
        assert_eq!(id.month().to_string(), "2026-11");
        for bad in [
            "2026-11-25",
            "2026-11-25-",
            "2026-11-25-0",
            "2026-11-25-01",
            "2026-13-25-1",
            "2026-11-25-x",
            "é026-11-25-1",
            "",
        ] {
            assert_eq!(EntryId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_exactly_year_month_day() {
        assert_eq!(
            parse_date("2026-02-28").map(|d| d.to_string()).as_deref(),
            Some("2026-02-28")
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "+2026-02-28",
            "2026-02-28 ",
            "2026/02/28",
            "20x6-02-28",
            "-0001-12-01",
            "2026-1-1",
            "+2026-12-01",
            "12026-12-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_parse_only_real_months() {
        assert_eq!(
            Month::parse("2026-02"),
            Some(Month {
                year: 2026,
                month: 2
            })
        );
        for bad in [
            "2026-13", "2026-2", "26-02", "2026_02", "notes", "+202-11", "-001-12", "2026-+1",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
