//! What the team view needs of each person's files beyond their summaries
//! ([`report::team::Facts`]: focus areas, statements met, how the views
//! stand against each other), cached in the cache directory, so a warm
//! team view of 300 people parses no assessment file but the few whose
//! evidence it shows.
//!
//! Like the summary index, an entry is used only while the files it was
//! made from are as they were (the stamp of each: size, modification and
//! change times, inode) and the framework is the same; anything else is
//! read from the files again. The cache is never trusted over the files:
//! a damaged or other cache is a miss, and one that cannot be written
//! costs only time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::fsio::{Fnv1a, Stamp};
use crate::report::team::Facts;

const VERSION: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    entries: Vec<(String, Facts)>,
}

/// The cached facts of one team view's people.
#[derive(Debug)]
pub struct Cached {
    cache: Cache,
    name: String,
    entries: HashMap<String, Facts>,
    used: HashMap<String, Facts>,
    dirty: bool,
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
            used: HashMap::new(),
            dirty: false,
        }
    }

    /// The key of a person's facts: each file (id and stamp) and the
    /// framework's fingerprint. `None` when a file cannot be looked at.
    pub fn key(files: &[(&str, PathBuf)], framework: u64) -> Option<String> {
        let mut key = format!("{framework:x}");
        for (id, path) in files {
            let stamp = Stamp::of(&std::fs::metadata(path).ok()?);
            key.push_str(&format!(
                "/{id}:{}:{}:{}:{}",
                stamp.size, stamp.modified, stamp.inode, stamp.changed
            ));
        }
        Some(key)
    }

    /// The facts kept under `key`, or made by `make` (and kept).
    pub fn get(
        &mut self,
        key: Option<String>,
        make: impl FnOnce() -> Option<Facts>,
    ) -> Option<Facts> {
        let Some(key) = key else {
            return make();
        };
        if let Some(facts) = self.entries.remove(&key) {
            self.used.insert(key, facts.clone());
            return Some(facts);
        }
        let facts = make()?;
        self.dirty = true;
        self.used.insert(key, facts.clone());
        Some(facts)
    }

    /// Keeps the entries used this run, when anything changed.
    pub fn save(self) {
        if !self.dirty && self.entries.is_empty() {
            return;
        }
        let mut entries: Vec<(String, Facts)> = self.used.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.cache.write(&self.name, VERSION, &File { entries });
    }
}
