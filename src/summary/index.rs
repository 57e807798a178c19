//! The summary index: each assessment's [`Summary`], cached so that `list`
//! and the lookups of "the latest" do not parse every file on every run.
//!
//! One cache file per folder of assessments (`index/<folder>.bin` in the
//! data directory's cache, see [`crate::cache`]) holds each file's summary
//! with the size, modification time, change time and inode the file had
//! when it was read ([`Stamp`]), and a fingerprint of the framework its
//! statements were counted against. An entry is used only while both
//! still match; anything else is read from the file again, and the cache
//! file is rewritten when anything changed. It is never trusted over the
//! files: a damaged or other cache is a miss.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{Categories, Label, Summary, sort};
use crate::assessment::store::{self, Folder, Store, StoredFile};
use crate::assessment::{AssessmentKind, Status, Timestamp};
use crate::cache::Cache;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::framework::Framework;
use crate::fsio::{self, Fnv1a, Stamp};

/// 8: postcard, in the cache directory (7 and before were text files in
/// the data directory's `index/`); 9 added each summary's `kind`; 10 the
/// folder as it was last listed.
const VERSION: u32 = 10;

/// A folder's part of the index, as it is kept: each name and category
/// label once, and the entries by id, as the folder's files are.
#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    /// The folder's own stamp when it was last listed, if it had then been
    /// left alone for [`SETTLED`], held nothing but assessment files and
    /// each had its entry here. While the folder's stamp is still this, no
    /// file was added to it, removed or renamed: each file is looked at by
    /// name and the folder is not listed.
    listed: Option<Stamp>,
    names: Vec<String>,
    labels: Vec<Label>,
    entries: Vec<Stored>,
}

/// How long a folder must have been left alone before its stamp is
/// trusted to show the next change to it: far longer than a tick of any
/// file system's clock (FAT's is two seconds).
const SETTLED: std::time::Duration = std::time::Duration::from_secs(3);

/// One assessment's entry: its summary, with its names as places in
/// [`IndexFile::names`], and what tells whether it still holds.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    /// The file as it was when its summary was made.
    stamp: Stamp,
    /// Fingerprint of the framework the counts were made against; 0 when
    /// it was not loaded.
    counted_with: u64,
    id: String,
    person: u32,
    assessor: Option<u32>,
    framework: u32,
    role: u32,
    to: Option<u32>,
    kind: AssessmentKind,
    #[serde(with = "super::time")]
    started: Timestamp,
    #[serde(with = "super::time")]
    updated: Timestamp,
    #[serde(with = "super::optional_time")]
    completed: Option<Timestamp>,
    status: Status,
    #[serde(with = "super::optional_time")]
    imported: Option<Timestamp>,
    rated: usize,
    answered: usize,
    total: Option<usize>,
    target: Option<u32>,
    readiness: Option<u8>,
    /// Each category's label, as a place in [`IndexFile::labels`], and
    /// its four numbers.
    counts: Vec<[u32; 5]>,
}

/// A summary and what tells whether it still holds, in memory.
#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    counted_with: u64,
    summary: Summary,
}

/// The cache name of a folder's part of the index.
fn name(folder: &Folder) -> String {
    format!("index/{}.bin", folder.name)
}

/// A folder's entries, and its stamp when it was last listed.
fn read(cache: &Cache, folder: &Folder) -> (Vec<Entry>, Option<Stamp>) {
    let Some(file) = cache.read::<IndexFile>(&name(folder), VERSION) else {
        return (Vec::new(), None);
    };
    let listed = file.listed;
    let names: Vec<Arc<str>> = file.names.into_iter().map(Arc::from).collect();
    let labels: Arc<[Label]> = file.labels.into();
    let name = |n: u32| names.get(usize::try_from(n).ok()?).cloned();
    let mut entries = Vec::with_capacity(file.entries.len());
    for stored in file.entries {
        let optional = |n: Option<u32>| match n {
            None => Some(None),
            Some(n) => name(n).map(Some),
        };
        // Names that are not in the table: an index edited by hand, which
        // is read as no index at all.
        let (Some(person), Some(assessor), Some(framework), Some(role), Some(to), Some(target)) = (
            name(stored.person),
            optional(stored.assessor),
            name(stored.framework),
            name(stored.role),
            optional(stored.to),
            optional(stored.target),
        ) else {
            return (Vec::new(), None);
        };
        entries.push(Entry {
            stamp: stored.stamp,
            counted_with: stored.counted_with,
            summary: Summary {
                id: stored.id,
                person,
                assessor,
                framework,
                role,
                to,
                kind: stored.kind,
                started: stored.started,
                updated: stored.updated,
                completed: stored.completed,
                status: stored.status,
                imported: stored.imported,
                rated: stored.rated,
                answered: stored.answered,
                total: stored.total,
                target,
                readiness: stored.readiness,
                categories: Categories {
                    labels: labels.clone(),
                    counts: stored.counts,
                },
            },
        });
    }
    (entries, listed)
}

/// Gives each distinct value a place in a table, once.
struct Table<T> {
    items: Vec<T>,
    places: HashMap<T, u32>,
}

impl<T: Clone + Eq + std::hash::Hash> Table<T> {
    fn new() -> Table<T> {
        Table {
            items: Vec::new(),
            places: HashMap::new(),
        }
    }

    fn place(&mut self, item: &T) -> u32 {
        if let Some(&place) = self.places.get(item) {
            return place;
        }
        let place = u32::try_from(self.items.len()).unwrap_or(u32::MAX);
        self.items.push(item.clone());
        self.places.insert(item.clone(), place);
        place
    }
}

fn write(cache: &Cache, folder: &Folder, entries: &[Entry], listed: Option<Stamp>) {
    let mut names: Table<Arc<str>> = Table::new();
    let mut labels: Table<Label> = Table::new();
    let stored = entries
        .iter()
        .map(|entry| {
            let summary = &entry.summary;
            let categories = &summary.categories;
            let counts = categories
                .counts
                .iter()
                .filter_map(|count| {
                    let label = categories.labels.get(usize::try_from(count[0]).ok()?)?;
                    Some([labels.place(label), count[1], count[2], count[3], count[4]])
                })
                .collect();
            Stored {
                stamp: entry.stamp,
                counted_with: entry.counted_with,
                id: summary.id.clone(),
                person: names.place(&summary.person),
                assessor: summary.assessor.as_ref().map(|n| names.place(n)),
                framework: names.place(&summary.framework),
                role: names.place(&summary.role),
                to: summary.to.as_ref().map(|n| names.place(n)),
                kind: summary.kind,
                started: summary.started,
                updated: summary.updated,
                completed: summary.completed,
                status: summary.status,
                imported: summary.imported,
                rated: summary.rated,
                answered: summary.answered,
                total: summary.total,
                target: summary.target.as_ref().map(|n| names.place(n)),
                readiness: summary.readiness,
                counts,
            }
        })
        .collect();
    let file = IndexFile {
        listed,
        names: names.items.iter().map(|n| n.to_string()).collect(),
        labels: labels.items,
        entries: stored,
    };
    cache.write(&name(folder), VERSION, &file);
}

/// Identifies a framework's statements, so counts made against another
/// version (or an edited file with the same version) are not reused.
pub fn fingerprint(framework: &Framework) -> u64 {
    let mut hasher = Fnv1a::default();
    hasher.text(&framework.id).text(&framework.version);
    for section in &framework.sections {
        hasher.text(&section.id);
    }
    for archetype in &framework.archetypes {
        hasher.text(&archetype.code);
        hasher.number(archetype.next.len() as u64);
        for next in &archetype.next {
            hasher.text(next);
        }
        for (group, statement) in archetype.statements() {
            hasher.number(group.section as u64).text(&statement.id);
        }
    }
    // 0 stands for "no framework".
    hasher.finish().max(1)
}

/// Summaries of the readable assessments (every one, or only `person`'s
/// when given), sorted by id. A file that cannot be read, or anything else
/// in the way, is skipped and left as a warning in the store
/// ([`Store::take_warnings`]). Refreshes the index as a side effect.
///
/// With `person`, only that person's folder (and files placed directly
/// in `assessments/`) is read, so the cost does not grow with everyone
/// else's assessments. Callers still filter by the `person` field of each
/// summary: the folder is where files are put, the file says whose it is.
pub fn summaries(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
) -> Result<Vec<Summary>, Error> {
    let mut summaries: Vec<Summary> = by_folder(store, catalog, person)?
        .into_iter()
        .flatten()
        .collect();
    // Folders come in name order and ids start with their person's folder
    // name, so this is nearly always sorted already.
    if !summaries.is_sorted_by(|a, b| a.id <= b.id) {
        sort(&mut summaries, |a, b| a.id.cmp(&b.id));
    }
    Ok(summaries)
}

/// [`summaries`] as each folder's, in the order of the folders, each
/// sorted by id. Folders are shared out over the machine's cores: a cold
/// build parses every file, and parsing is most of its cost.
pub fn by_folder(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
) -> Result<Vec<Vec<Summary>>, Error> {
    let (_, done) = gather(store, catalog, person)?;
    Ok(done
        .into_iter()
        .map(|entries| entries.into_iter().map(|e| e.summary).collect())
        .collect())
}

/// A summary, and the stamp its file had when the index last looked at
/// it (this run): what tells a cache made from the file whether it still
/// holds, without looking at the file again.
#[derive(Debug)]
pub struct Stamped {
    pub stamp: Stamp,
    pub summary: Summary,
}

/// Everyone's summaries as [`by_folder`], each with its file's stamp and
/// beside its folder.
pub fn stamped(store: &Store, catalog: &Catalog) -> Result<Vec<(Folder, Vec<Stamped>)>, Error> {
    let (folders, done) = gather(store, catalog, None)?;
    Ok(folders
        .into_iter()
        .zip(done)
        .map(|(folder, entries)| {
            let stamped = entries
                .into_iter()
                .map(|e| Stamped {
                    stamp: e.stamp,
                    summary: e.summary,
                })
                .collect();
            (folder, stamped)
        })
        .collect())
}

/// The folders (every one, or `person`'s) and each one's entries.
fn gather(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
) -> Result<(Vec<Folder>, Vec<Vec<Entry>>), Error> {
    let fingerprints: BTreeMap<&str, u64> = catalog
        .entries()
        .iter()
        .map(|e| (e.framework.id.as_str(), fingerprint(&e.framework)))
        .collect();
    let jobs = store.folders(person)?;
    let now = std::time::SystemTime::now();
    let work = Work {
        cache: store.cache(),
        catalog,
        fingerprints: &fingerprints,
        settled_before: now.checked_sub(SETTLED).unwrap_or(std::time::UNIX_EPOCH),
        where_found: person.is_some(),
    };
    // A person's assessments are nearly all in one folder: another thread
    // would cost more to start than it could save.
    let threads = match person {
        Some(_) => 1,
        None => std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(jobs.len()),
    };
    let next = AtomicUsize::new(0);
    // Each thread, this one included, takes the next folder until none
    // is left.
    let take_turns = || {
        let mut mine = Vec::new();
        loop {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(folder) = jobs.get(n) else {
                break mine;
            };
            mine.push((n, work.folder(folder)));
        }
    };
    let mut done: Vec<Option<Done>> = (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(take_turns)).collect();
        let finished = std::iter::once(Ok(take_turns()))
            .chain(workers.into_iter().map(|worker| worker.join()));
        // A worker that failed leaves its folders to this thread.
        for (n, result) in finished.flatten().flatten() {
            done[n] = Some(result);
        }
    });
    let mut folders = Vec::with_capacity(jobs.len());
    for (result, folder) in done.into_iter().zip(&jobs) {
        let done = result.unwrap_or_else(|| work.folder(folder));
        if work.where_found {
            for (id, path) in done.found {
                store.found_at(id, path);
            }
        }
        for (path, problem) in done.warnings {
            store.warn(path, problem);
        }
        folders.push(done.entries);
    }
    if person.is_none() {
        // Leftovers of killed runs that wrote the index.
        store.cache().remove_stale("index");
    }
    Ok((jobs, folders))
}

/// A person's assessments (any case of the name; everyone's when `None`)
/// whose framework is loaded, oldest first by last update, in one view
/// when `view` is given (`self` for the person's own). One whose framework
/// is not loaded is skipped with a warning.
pub fn of_person(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
    view: Option<&str>,
) -> Result<Vec<Summary>, Error> {
    let mut summaries = summaries(store, catalog, person)?;
    summaries.retain(|s| person.is_none_or(|p| s.person.eq_ignore_ascii_case(p)));
    summaries.retain(|s| view.is_none_or(|v| s.view().eq_ignore_ascii_case(v)));
    summaries.retain(|s| match catalog.find(&s.framework) {
        Ok(_) => true,
        Err(error) => {
            let path = store
                .find(&s.id)
                .ok()
                .flatten()
                .unwrap_or_else(|| s.id.clone().into());
            store.warn(path, error);
            false
        }
    });
    sort(&mut summaries, |a, b| {
        (a.updated, &a.id).cmp(&(b.updated, &b.id))
    });
    Ok(summaries)
}

/// Drops the assessment stored at `file` from its folder's part of the
/// index, after the file was deleted. The index would notice on the next
/// read; this keeps it exact at once.
pub fn forget(store: &Store, file: &Path) {
    let Some(folder) = store.folders(None).ok().and_then(|folders| {
        folders
            .into_iter()
            .find(|f| Some(f.path.as_path()) == file.parent())
    }) else {
        return;
    };
    let Some(id) = file.file_stem().and_then(|s| s.to_str()) else {
        return;
    };
    let (mut entries, _) = read(store.cache(), &folder);
    if let Some(at) = entries.iter().position(|e| e.summary.id == id) {
        entries.remove(at);
        // The folder changed: it is listed again next time.
        write(store.cache(), &folder, &entries, None);
    }
}

/// One folder's entries, where each file is, and the files skipped with
/// why.
struct Done {
    entries: Vec<Entry>,
    found: Vec<(String, PathBuf)>,
    warnings: Vec<(PathBuf, Error)>,
}

/// What summarising a folder needs, shared by the threads.
struct Work<'a> {
    cache: &'a Cache,
    catalog: &'a Catalog,
    fingerprints: &'a BTreeMap<&'a str, u64>,
    /// A folder last changed before this is settled: see [`SETTLED`].
    settled_before: std::time::SystemTime,
    /// Keep where each file was found, for the store to load it later
    /// without looking in every folder: worth it for one person's few.
    where_found: bool,
}

impl Work<'_> {
    /// The fingerprint of the framework `id`, 0 when it is not loaded.
    fn counted_with(&self, framework: &str) -> u64 {
        self.fingerprints.get(framework).copied().unwrap_or(0)
    }

    /// One folder against its part of the index: each file's entry when
    /// its stamp and framework still match, otherwise the file read
    /// again; the index rewritten when anything changed.
    fn folder(&self, folder: &Folder) -> Done {
        let (cached, listed) = read(self.cache, folder);
        // Nearly always, nothing changed: the entries as they were read,
        // and the folder not even listed.
        if self.as_listed(folder, &cached, listed) {
            let found = match self.where_found {
                true => cached
                    .iter()
                    .map(|e| {
                        let path = folder.path.join(store::file_name(&e.summary.id));
                        (e.summary.id.clone(), path)
                    })
                    .collect(),
                false => Vec::new(),
            };
            return Done {
                entries: cached,
                found,
                warnings: Vec::new(),
            };
        }
        // Taken before the listing, so a change while listing shows.
        let before = std::fs::metadata(&folder.path).map(|m| Stamp::of(&m)).ok();
        let listing = match folder.list() {
            Ok(listing) => listing,
            // An unreadable folder costs its own assessments only.
            Err(error) => {
                return Done {
                    entries: Vec::new(),
                    found: Vec::new(),
                    warnings: vec![(folder.path.clone(), error)],
                };
            }
        };
        let (files, mut warnings) = (listing.files, listing.skipped);
        // Kept only when the folder holds nothing but assessment files and
        // was left alone long enough that a change now must show.
        let settled = before.filter(|stamp| {
            warnings.is_empty() && !listing.temps && stamp.changed_before(self.settled_before)
        });
        let unchanged = cached.len() == files.len();
        let count = files.len();
        // Both are in id order: one walk down both matches them, and an
        // entry passed by is of a file that is gone.
        let mut cached = cached.into_iter().peekable();
        let mut entries = Vec::with_capacity(files.len());
        let mut found = Vec::with_capacity(files.len());
        let mut read_again = false;
        for file in files {
            while cached.next_if(|e| e.summary.id < file.id).is_some() {}
            let entry = cached
                .next_if(|e| e.summary.id == file.id)
                .filter(|e| self.holds(e, &file))
                .or_else(|| {
                    read_again = true;
                    self.read_file(&file, &mut warnings)
                });
            if let Some(entry) = entry {
                entries.push(entry);
                found.push((file.id, file.path));
            }
        }
        let listed_now = settled.filter(|_| entries.len() == count);
        if read_again || !unchanged || listed != listed_now {
            write(self.cache, folder, &entries, listed_now);
        }
        Done {
            entries,
            found,
            warnings,
        }
    }

    /// Whether nothing was added to, removed from or renamed in the folder
    /// since it was last listed (its stamp then still its own), and each
    /// file in it is as its entry says, looked at by name. The index is
    /// read, not trusted: its ids must name files, once each, in order.
    fn as_listed(&self, folder: &Folder, cached: &[Entry], listed: Option<Stamp>) -> bool {
        let Some(listed) = listed else {
            return false;
        };
        let Ok(dir) = fsio::Dir::open(&folder.path) else {
            return false;
        };
        if dir.stamp().ok() != Some(listed) {
            return false;
        }
        let mut name = String::new();
        cached.is_sorted_by(|a, b| a.summary.id < b.summary.id)
            && cached.iter().all(|entry| {
                name.clear();
                name.push_str(&entry.summary.id);
                name.push_str(store::EXTENSION);
                store::check_id(&entry.summary.id).is_ok()
                    && dir.file(&name) == Some(entry.stamp)
                    && entry.counted_with == self.counted_with(&entry.summary.framework)
            })
    }

    /// Whether an index entry still holds for `file`: the file as it was
    /// then, counted against the framework as it is loaded now.
    fn holds(&self, entry: &Entry, file: &StoredFile) -> bool {
        entry.stamp == file.stamp
            && entry.counted_with == self.counted_with(&entry.summary.framework)
    }

    /// A summary of the file itself; `None`, with a warning unless it was
    /// removed since the folder was listed, when it cannot be read.
    fn read_file(&self, file: &StoredFile, warnings: &mut Vec<(PathBuf, Error)>) -> Option<Entry> {
        match store::read_path(&file.path, self.catalog) {
            Ok(assessment) => {
                let framework = self
                    .catalog
                    .find(&assessment.framework)
                    .ok()
                    .map(|e| &e.framework);
                Some(Entry {
                    stamp: file.stamp,
                    counted_with: framework.map_or(0, |f| self.counted_with(&f.id)),
                    summary: Summary::of(&assessment, framework),
                })
            }
            Err(Error::Read(fsio::ReadError::Io { source, .. }))
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                None
            }
            Err(error) => {
                warnings.push((file.path.clone(), error));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Assessment;
    use crate::assessment::tests::sample;
    use crate::testing::catalog;

    /// A data directory and its caches, side by side in `dir`.
    fn store(dir: &Path) -> Store {
        let data = dir.join("data");
        Store::with_cache(&data, Cache::new(Some(&dir.join("cache")), &data))
    }

    fn save(store: &Store, assessment: &Assessment) {
        let lock = store.lock(&assessment.id).expect("lock");
        store.save(assessment, &lock).expect("save");
    }

    fn index_file(store: &Store, folder: &str) -> PathBuf {
        store
            .cache()
            .path(&format!("index/{folder}.bin"))
            .expect("a cache")
    }

    #[test]
    fn the_index_follows_the_files_and_lives_among_the_caches() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);

        let first = summaries(&store, &catalog, None).expect("summaries");
        assert!(store.take_warnings().is_empty());
        assert_eq!((first[0].rated, first[0].total), (1, Some(8)));
        let index = index_file(&store, "ada");
        assert!(index.is_file());
        // The data directory holds people's files only.
        let mut names: Vec<_> = std::fs::read_dir(store.data_dir())
            .expect("data")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["assessments"]);

        // The same answer again from the index, which is left as it was.
        let written = std::fs::metadata(&index).expect("index");
        let second = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(second, first);
        let read = std::fs::metadata(&index).expect("index");
        assert_eq!(Stamp::of(&read), Stamp::of(&written));

        // A changed file is read again, whatever the index says.
        assessment.person = "Ada Lovelace".into();
        assessment.ratings.remove("e1.craft.1");
        save(&store, &assessment);
        let third = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!((&*third[0].person, third[0].rated), ("Ada Lovelace", 0));

        // A damaged index is a miss; a deleted file disappears.
        std::fs::write(&index, "{ not the index").expect("damage");
        assert_eq!(summaries(&store, &catalog, None).expect("summaries"), third);
        std::fs::remove_file(store.location(&assessment).expect("path")).expect("remove");
        assert!(
            summaries(&store, &catalog, None)
                .expect("summaries")
                .is_empty()
        );
    }

    #[test]
    fn no_cache_or_an_unwritable_one_gives_the_same_answers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cached = store(dir.path());
        save(&cached, &sample());
        let with = summaries(&cached, &catalog(), None).expect("summaries");
        let without = Store::new(cached.data_dir());
        assert_eq!(
            summaries(&without, &catalog(), None).expect("summaries"),
            with
        );
        // A file where the cache directory should be: nothing can be
        // written under it.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "not a directory").expect("write");
        let unwritable = Store::with_cache(
            cached.data_dir(),
            Cache::new(Some(&blocked), cached.data_dir()),
        );
        assert_eq!(
            summaries(&unwritable, &catalog(), None).expect("summaries"),
            with
        );
    }

    #[test]
    fn counts_without_the_framework_are_redone_once_it_is_loaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        save(&store, &sample());
        let built_in_only = Catalog::load(None, &[]).expect("catalog");
        let without = summaries(&store, &built_in_only, None).expect("summaries");
        assert_eq!(without[0].total, None);
        let with = summaries(&store, &catalog(), None).expect("summaries");
        assert_eq!(with[0].total, Some(8));
    }

    /// Issue 11, item 10: an edit in place that keeps the size and inode,
    /// with the modification time put back, is still seen.
    #[test]
    fn an_edit_with_the_time_put_back_is_seen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        let assessment = sample();
        save(&store, &assessment);
        let path = store.location(&assessment).expect("path");
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0].person,
            "Ada".into()
        );
        crate::testing::edit_in_place_keeping_the_time(&path, "\"Ada\"", "\"Eve\"");
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0].person,
            "Eve".into()
        );
    }

    /// Issue 10, item 6: the fingerprint is a named hash, the same for
    /// every build; this value is pinned so a change is noticed.
    #[test]
    fn the_fingerprint_is_stable() {
        let framework = crate::testing::acme();
        assert_eq!(
            format!("{:016x}", fingerprint(&framework)),
            "a6d7723d1b47586b"
        );
    }

    /// What `progress` takes from the index is what the gap report says,
    /// and the same again when read back.
    #[test]
    fn summaries_carry_the_numbers_of_the_gap_report() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        let assessment = sample();
        save(&store, &assessment);
        let mut other = sample();
        other.id = "ada-e1-2026-11-26".into();
        other.to = None;
        save(&store, &other);
        let built = summaries(&store, &catalog, None).expect("summaries");
        let gap = crate::select::compute(&catalog, &assessment, None).expect("gap");
        assert_eq!(
            built[0].target.as_deref(),
            gap.target.map(|t| t.code.as_str())
        );
        assert_eq!(built[0].readiness, gap.readiness);
        assert_eq!(built[0].categories.rows(), gap.rows);
        assert!(!gap.rows.is_empty());
        let read = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(read, built);
        assert_eq!(read[1].categories.rows(), built[1].categories.rows());
    }

    /// Many folders, summarised on several threads: every assessment once,
    /// each damaged file told once, and the index a cache: deleting it
    /// changes no answer.
    #[test]
    fn folders_on_several_threads_and_the_index_deleted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        let mut ids = Vec::new();
        for n in 0..12 {
            let mut assessment = sample();
            assessment.person = format!("Person {n}");
            assessment.id = format!("person-{n}-e1-2026-11-25");
            save(&store, &assessment);
            ids.push(assessment.id);
        }
        let broken = store.assessments_dir().join("person-3").join("broken.toml");
        std::fs::write(&broken, "format_version = 1\nid = ").expect("write");
        ids.sort();

        let built = summaries(&store, &catalog, None).expect("summaries");
        let warnings = store.take_warnings();
        assert_eq!(built.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), ids);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].path, broken);

        let warm = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(warm, built);
        assert_eq!(store.take_warnings().len(), 1);

        let index = store.cache().path("index").expect("a cache");
        std::fs::remove_dir_all(index).expect("delete the index");
        let rebuilt = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(rebuilt, built);
        assert_eq!(store.take_warnings().len(), 1);
        // One person's: their folder only, the same summaries.
        let one = summaries(&store, &catalog, Some("Person 7")).expect("summaries");
        assert_eq!(one.len(), 1);
        assert_eq!(
            one[0],
            built[ids.iter().position(|i| i == &one[0].id).expect("id")]
        );
    }

    /// Entries of files that are gone, or out of order, are not followed.
    #[test]
    fn entries_of_other_files_are_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);
        assessment.id = "ada-e1-2026-11-26".into();
        save(&store, &assessment);
        let fresh = summaries(&store, &catalog, None).expect("summaries");
        let folder = Folder {
            name: "ada".into(),
            path: store.assessments_dir().join("ada"),
            tidy: true,
        };
        let (mut entries, _) = read(store.cache(), &folder);
        entries.reverse();
        write(store.cache(), &folder, &entries, None);
        assert_eq!(summaries(&store, &catalog, None).expect("summaries"), fresh);
        std::fs::remove_file(store.location(&assessment).expect("path")).expect("remove");
        let left = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(left, fresh[..1]);
        assert_eq!(read(store.cache(), &folder).0.len(), 1);
    }

    /// `sort` orders by the comparison, keeping equal ones as they came.
    #[test]
    fn summaries_sort_by_any_order_and_keep_ties() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        for (n, person) in ["Cy", "Ada", "Bo", "Ada"].iter().enumerate() {
            let mut assessment = sample();
            assessment.person = person.to_string();
            assessment.id = format!("{}-e1-2026-11-2{n}", person.to_lowercase());
            save(&store, &assessment);
        }
        let mut summaries = summaries(&store, &catalog, None).expect("summaries");
        let ids = |s: &[Summary]| s.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&summaries),
            [
                "ada-e1-2026-11-21",
                "ada-e1-2026-11-23",
                "bo-e1-2026-11-22",
                "cy-e1-2026-11-20"
            ]
        );
        sort(&mut summaries, |a, b| b.person.cmp(&a.person));
        assert_eq!(
            ids(&summaries),
            [
                "cy-e1-2026-11-20",
                "bo-e1-2026-11-22",
                "ada-e1-2026-11-21",
                "ada-e1-2026-11-23"
            ]
        );
    }

    /// A person's summaries tell the store where each file is, so loading
    /// one afterwards looks in no other folder (the first one `find` looks
    /// in is `assessments/` itself, which here holds a copy).
    #[test]
    fn a_persons_summaries_say_where_their_files_are() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let assessment = sample();
        save(&store, &assessment);
        let theirs = store.location(&assessment).expect("path");
        let copy = store
            .assessments_dir()
            .join(format!("{}.toml", assessment.id));
        std::fs::copy(&theirs, &copy).expect("copy");

        let fresh = Store::new(store.data_dir());
        assert_eq!(fresh.find(&assessment.id).expect("find"), Some(copy));
        // Once with the index built, once from it as it stands.
        for _ in 0..2 {
            let fresh = Store::with_cache(store.data_dir(), store.cache().clone());
            summaries(&fresh, &catalog(), Some("Ada")).expect("summaries");
            assert_eq!(
                fresh.find(&assessment.id).expect("find"),
                Some(theirs.clone())
            );
        }
    }

    /// A settled folder is looked at by name, not listed, while nothing
    /// was added, removed or renamed in it; a file edited in place with its
    /// time put back, one added and one removed are seen all the same, and
    /// an index whose listed stamp is not the folder's is not followed.
    #[test]
    fn a_settled_folder_is_listed_again_only_once_it_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let catalog = catalog();
        let fingerprints: BTreeMap<&str, u64> = catalog
            .entries()
            .iter()
            .map(|e| (e.framework.id.as_str(), fingerprint(&e.framework)))
            .collect();
        let work = Work {
            cache: store.cache(),
            catalog: &catalog,
            fingerprints: &fingerprints,
            // Everything counts as left alone long enough.
            settled_before: std::time::SystemTime::now() + std::time::Duration::from_secs(3600),
            where_found: true,
        };
        let mut assessment = sample();
        save(&store, &assessment);
        let folder = Folder {
            name: "ada".into(),
            path: store.assessments_dir().join("ada"),
            tidy: true,
        };
        let ids = |done: &Done| {
            done.entries
                .iter()
                .map(|e| e.summary.id.clone())
                .collect::<Vec<_>>()
        };
        let first = work.folder(&folder);
        assert_eq!(ids(&first), [assessment.id.clone()]);
        let (_, listed) = read(store.cache(), &folder);
        assert!(listed.is_some(), "a settled folder's stamp is kept");
        assert!(work.as_listed(&folder, &read(store.cache(), &folder).0, listed));

        // Edited in place, its time put back: seen by the look by name.
        let path = store.location(&assessment).expect("path");
        crate::testing::edit_in_place_keeping_the_time(&path, "\"Ada\"", "\"Eve\"");
        assert_eq!(&*work.folder(&folder).entries[0].summary.person, "Eve");

        // A file added: the folder's stamp moves, and it is listed again.
        assessment.id = "ada-e1-2026-11-26".into();
        save(&store, &assessment);
        assert_eq!(work.folder(&folder).entries.len(), 2);
        // One removed.
        std::fs::remove_file(&path).expect("remove");
        assert_eq!(ids(&work.folder(&folder)), ["ada-e1-2026-11-26"]);

        // An index that says the folder was listed at another stamp is
        // not followed.
        let (entries, _) = read(store.cache(), &folder);
        let mut other = Stamp::of(&std::fs::metadata(&folder.path).expect("folder"));
        other.inode += 1;
        write(store.cache(), &folder, &entries, Some(other));
        assert!(!work.as_listed(&folder, &entries, Some(other)));
        assert_eq!(ids(&work.folder(&folder)), ["ada-e1-2026-11-26"]);
    }
}
