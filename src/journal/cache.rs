//! A cache of parsed month files, so listing a year of entries does not
//! parse a year of TOML on every run.
//!
//! `journal/<person slug>.bin` among the data directory's caches (see
//! [`crate::cache`]) keeps each month's entries with the [`Stamp`] its
//! file had when it was read. A month is taken from the cache only while
//! the stamp still matches; otherwise the file is read again. Changing an
//! entry always reads the file itself.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Entry, Month};
use crate::cache::Cache as Caches;
use crate::fsio::Stamp;

/// 3: postcard, among the caches (2 was JSON in the data directory).
const VERSION: u32 = 3;

/// The stamp of the file at `path` as it is now (not through a symlink);
/// `None` when there is nothing there.
pub fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    stamp: Stamp,
    /// The person the file says it belongs to.
    person: String,
    entries: Vec<Entry>,
}

/// One person's cache, loaded for a run.
#[derive(Debug)]
pub struct Cache<'a> {
    caches: &'a Caches,
    name: String,
    months: BTreeMap<Month, Cached>,
    dirty: bool,
}

impl<'a> Cache<'a> {
    /// The cache of the person whose folder is `slug`, or an empty one if
    /// it is missing, damaged or of another version.
    pub fn load(caches: &'a Caches, slug: &str) -> Cache<'a> {
        let name = format!("journal/{slug}.bin");
        Cache {
            months: caches.read(&name, VERSION).unwrap_or_default(),
            caches,
            name,
            dirty: false,
        }
    }

    /// The entries of a month, if its file is still as it was cached and
    /// is `person`'s.
    pub fn get(&self, month: Month, stamp: Stamp, person: &str) -> Option<&[Entry]> {
        self.months
            .get(&month)
            .filter(|c| c.stamp == stamp && c.person.eq_ignore_ascii_case(person.trim()))
            .map(|c| c.entries.as_slice())
    }

    pub fn put(&mut self, month: Month, stamp: Stamp, person: &str, entries: &[Entry]) {
        self.months.insert(
            month,
            Cached {
                stamp,
                person: person.to_string(),
                entries: entries.to_vec(),
            },
        );
        self.dirty = true;
    }

    /// Forgets months whose file is gone.
    pub fn keep_only(&mut self, months: &[Month]) {
        let before = self.months.len();
        self.months.retain(|month, _| months.contains(month));
        self.dirty |= self.months.len() != before;
    }

    /// Writes the cache back if anything changed; a failure is ignored.
    pub fn save(self) {
        if self.dirty {
            self.caches.write(&self.name, VERSION, &self.months);
        }
    }
}

// Months are written as `2026-11`, as in their file names.
impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Month, D::Error> {
        let text = String::deserialize(deserializer)?;
        Month::parse(&text).ok_or_else(|| serde::de::Error::custom("not a month"))
    }
}
