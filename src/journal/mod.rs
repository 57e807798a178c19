//! The evidence journal: dated lines of evidence recorded when something
//! happens, tagged to the statements, categories or sections they prove,
//! kept per person beside that person's assessments.
//!
//! # Layout
//!
//! ```text
//! <data dir>/journal/<person slug>/2026-11.toml   one file per month
//! <data dir>/locks/journal-<person slug>-2026-11.lock
//! <data dir>/index/journal/<person slug>.json      a cache, see [`cache`]
//! ```
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
//! month file; a file of a newer format, or one that does not parse, is
//! reported with its line and column and never written. Only regular files
//! within the journal's limit (`fsio::size_limit`, 4 MiB) are read.

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

/// The newest journal file format this build reads and writes.
pub const FORMAT_VERSION: i64 = 1;

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

/// A date written `YYYY-MM-DD`, and nothing else.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

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

    /// `2026-11`, as in a file name.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
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
        for bad in ["2026-13", "2026-2", "26-02", "2026_02", "notes"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
