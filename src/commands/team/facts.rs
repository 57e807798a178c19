//! What the team view needs of each person's files beyond their summaries
//! ([`report::team::Facts`]: focus areas, statements met, how the views
//! stand against each other, the evidence of the largest gaps), cached in
//! the cache directory, so a warm team view of 300 people parses no
//! assessment file.
//!
//! Like the summary index, an entry is used only while the files it was
//! made from are as they were (the stamp of each: size, modification and
//! change times, inode, as the index found it this run) and the framework
//! is the same; anything else is read from the files again. The cache is never trusted over the files:
//! a damaged or other cache is a miss, and one that cannot be written
//! costs only time.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::fsio::{Fnv1a, Stamp};
use crate::report::team::Facts;

/// 2: the largest gaps with their evidence, statements held and met
/// packed.
const VERSION: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    entries: Vec<(String, Facts)>,
}

/// The same, borrowed, to be written.
#[derive(Serialize)]
struct Keep<'a> {
    entries: Vec<(&'a str, &'a Facts)>,
}

/// The cached facts of one team view's people.
#[derive(Debug)]
pub struct Cached {
    cache: Cache,
    name: String,
    /// What the cache held, less what this run took.
    entries: HashMap<String, Facts>,
    /// Whether facts were made this run.
    made: bool,
}

impl Cached {
    /// The facts cached for the folders read, in `cache`: one file per
    /// set of folders.
    pub fn open(cache: Cache, folders: &[&Path]) -> Cached {
        let name = match folders {
            [_] => "team.bin".to_string(),
            _ => {
                let mut hash = Fnv1a::default();
                for folder in folders {
                    hash.bytes(folder.as_os_str().as_encoded_bytes())
                        .bytes(&[0]);
                }
                format!("team-{hash}.bin")
            }
        };
        let entries = cache
            .read::<File>(&name, VERSION)
            .map(|file| file.entries.into_iter().collect())
            .unwrap_or_default();
        Cached {
            cache,
            name,
            entries,
            made: false,
        }
    }

    /// The key of a person's facts: each file (id and stamp, as the
    /// summary index found it this run) and the framework's fingerprint.
    pub fn key(files: &[(&str, Stamp)], framework: u64) -> String {
        use std::fmt::Write;
        let mut key = format!("{framework:x}");
        for (id, stamp) in files {
            // Writing to a String cannot fail.
            let _ = write!(
                key,
                "/{id}:{}:{}:{}:{}",
                stamp.size, stamp.modified, stamp.inode, stamp.changed
            );
        }
        key
    }

    /// The facts kept under `key`, or made by `make`.
    pub fn get(&mut self, key: &str, make: impl FnOnce() -> Option<Facts>) -> Option<Facts> {
        if let Some(facts) = self.entries.remove(key) {
            return Some(facts);
        }
        let facts = make()?;
        self.made = true;
        Some(facts)
    }

    /// Keeps the facts of this run, `used` (each with its key), when
    /// anything changed: facts were made, or some kept were not used.
    pub fn save<'a>(self, used: impl Iterator<Item = (&'a str, &'a Facts)>) {
        if !self.made && self.entries.is_empty() {
            return;
        }
        let mut entries: Vec<(&str, &Facts)> = used.collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        self.cache.write(&self.name, VERSION, &Keep { entries });
    }
}
