//! A cache of parsed month files, so listing a year of entries does not
//! parse a year of TOML on every run.
//!
//! `<data dir>/index/journal/<person slug>.json` keeps each month's
//! entries with the size, modification time, change time and inode its
//! file had when it was read. A month is taken from the cache only while
//! all four still match (every write renames a new file into place, so a
//! new inode tells a rewrite apart even within one tick of the clock; an
//! edit in place whose modification time was put back still changes the
//! change time); otherwise the file is read again. The cache is never trusted over the files: a damaged or
//! newer one is ignored and rebuilt, a failure to write it only costs
//! speed, and changing an entry always reads the file itself.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fs_err as fs;
use serde::{Deserialize, Serialize};

use super::{Entry, Month};
use crate::fsio::{Stamp, private_dir, write_cache};

/// 2: the change time.
const VERSION: u32 = 2;

/// The stamp of the file at `path` as it is now (not through a symlink);
/// `None` when there is nothing there.
pub fn stamp(path: &Path) -> Option<Stamp> {
    fs::symlink_metadata(path).ok().map(|m| Stamp::of(&m))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cached {
    stamp: Stamp,
    /// The person the file says it belongs to.
    person: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    months: BTreeMap<Month, Cached>,
}

/// One person's cache, loaded for a run.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    file: CacheFile,
    dirty: bool,
}

impl Cache {
    /// The cache at `path`, or an empty one if it is missing, damaged or
    /// of another version.
    pub fn load(path: PathBuf) -> Cache {
        let file = fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|file| file.version == VERSION)
            .unwrap_or(CacheFile {
                version: VERSION,
                months: BTreeMap::new(),
            });
        Cache {
            path,
            file,
            dirty: false,
        }
    }

    /// The entries of a month, if its file is still as it was cached and
    /// is `person`'s.
    pub fn get(&self, month: Month, stamp: Stamp, person: &str) -> Option<&[Entry]> {
        self.file
            .months
            .get(&month)
            .filter(|c| c.stamp == stamp && c.person.eq_ignore_ascii_case(person.trim()))
            .map(|c| c.entries.as_slice())
    }

    pub fn put(&mut self, month: Month, stamp: Stamp, person: &str, entries: &[Entry]) {
        self.file.months.insert(
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
        let before = self.file.months.len();
        self.file.months.retain(|month, _| months.contains(month));
        self.dirty |= self.file.months.len() != before;
    }

    /// Writes the cache back if anything changed; a failure is ignored.
    pub fn save(self) {
        if !self.dirty {
            return;
        }
        let Some(dir) = self.path.parent() else {
            return;
        };
        if let Ok(json) = serde_json::to_vec(&self.file)
            && private_dir(dir).is_ok()
        {
            let _ = write_cache(&self.path, &json);
        }
    }
}

// Months are keys of a JSON object: written as `2026-11`.
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
