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

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::fsio::{Fnv1a, Stamp};
use crate::report::team::Facts;

/// 2: the largest gaps with their evidence, statements held and met
/// packed; 3: keys kept as they are made, not as text.
const VERSION: u32 = 3;

/// What a person's facts were made from: the framework's fingerprint,
/// and each file's id and stamp, as the summary index found it this run.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    framework: u64,
    files: Vec<(String, Stamp)>,
}

impl Key {
    pub fn new<'a>(framework: u64, files: impl Iterator<Item = (&'a str, Stamp)>) -> Key {
        Key {
            framework,
            files: files.map(|(id, stamp)| (id.to_string(), stamp)).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct File {
    entries: Vec<(Key, Facts)>,
}

/// The same, borrowed, to be written.
#[derive(Serialize)]
struct Keep<'a> {
    entries: Vec<(&'a Key, &'a Facts)>,
}

/// The cached facts of one team view's people.
#[derive(Debug)]
pub struct Cached {
    cache: Cache,
    name: String,
    /// What the cache held, by key; taken as this run uses it.
    entries: Vec<(Key, Option<Facts>)>,
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
        let mut entries: Vec<(Key, Option<Facts>)> = cache
            .read::<File>(&name, VERSION)
            .map(|file| {
                file.entries
                    .into_iter()
                    .map(|(key, facts)| (key, Some(facts)))
                    .collect()
            })
            .unwrap_or_default();
        // Written in key order; read, not trusted.
        if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
        }
        Cached {
            cache,
            name,
            entries,
            made: false,
        }
    }

    /// The facts kept under `key`, or made by `make`.
    pub fn get(&mut self, key: &Key, make: impl FnOnce() -> Option<Facts>) -> Option<Facts> {
        if let Ok(at) = self.entries.binary_search_by(|(k, _)| k.cmp(key))
            && let Some(facts) = self.entries[at].1.take()
        {
            return Some(facts);
        }
        let facts = make()?;
        self.made = true;
        Some(facts)
    }

    /// Keeps the facts of this run, `used` (each with its key), when
    /// anything changed: facts were made, or some kept were not used.
    pub fn save<'a>(self, used: impl Iterator<Item = (&'a Key, &'a Facts)>) {
        if !self.made && self.entries.iter().all(|(_, facts)| facts.is_none()) {
            return;
        }
        let mut entries: Vec<(&Key, &Facts)> = used.collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        self.cache.write(&self.name, VERSION, &Keep { entries });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64) -> Stamp {
        Stamp {
            size,
            modified: 1,
            inode: 2,
            changed: 3,
        }
    }

    fn facts(role: &str) -> Facts {
        Facts {
            role: role.into(),
            ..Facts::default()
        }
    }

    #[test]
    fn facts_are_kept_under_their_files_and_the_unused_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let cache = || Cache::new(Some(&dir.path().join("cache")), &data);
        let ada = Key::new(7, [("ada-1", stamp(10))].into_iter());
        let bo = Key::new(7, [("bo-1", stamp(20))].into_iter());

        // Made on the first run, and kept.
        let mut cached = Cached::open(cache(), &[&data]);
        assert_eq!(cached.get(&ada, || Some(facts("SPE"))), Some(facts("SPE")));
        assert_eq!(cached.get(&bo, || Some(facts("LSE"))), Some(facts("LSE")));
        let (a, b) = (facts("SPE"), facts("LSE"));
        cached.save([(&ada, &a), (&bo, &b)].into_iter());

        // Taken as kept on the next, without making them again.
        let mut cached = Cached::open(cache(), &[&data]);
        assert_eq!(cached.get(&ada, || None), Some(facts("SPE")));
        // A file with another stamp, or another framework, is a miss.
        let changed = Key::new(7, [("bo-1", stamp(21))].into_iter());
        assert_eq!(cached.get(&changed, || None), None);
        let other = Key::new(8, [("ada-1", stamp(10))].into_iter());
        assert_eq!(cached.get(&other, || None), None);
        // Bo's facts went unused: the file is written again without them.
        cached.save([(&ada, &a)].into_iter());
        let mut cached = Cached::open(cache(), &[&data]);
        assert_eq!(cached.get(&bo, || None), None);
        assert_eq!(cached.get(&ada, || None), Some(facts("SPE")));
    }

    #[test]
    fn a_damaged_cache_is_a_miss() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let cache = Cache::new(Some(&dir.path().join("cache")), &data);
        let path = cache.path("team.bin").expect("a cache");
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(&path, b"rungs, but not the team facts").expect("damage");
        let mut cached = Cached::open(cache, &[&data]);
        let key = Key::new(7, [("ada-1", stamp(10))].into_iter());
        assert_eq!(cached.get(&key, || Some(facts("SPE"))), Some(facts("SPE")));
    }
}
