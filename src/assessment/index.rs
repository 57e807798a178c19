//! A summary index of the assessments directory, so `list` and the latest-
//! assessment lookups of `gap` do not parse every file on every run.
//!
//! `<data dir>/index/<folder>.json` caches each assessment's summary with
//! the size, modification time, change time (ctime, which no one can set
//! back, as git checks) and inode its file had when it was read. An entry
//! is used only while all still match the file, and its statement counts only
//! while the framework they were counted against is unchanged; anything
//! else is read from the file again. The index is a cache, never trusted
//! over the files: a damaged or newer index is ignored and rebuilt, and a
//! failure to write it only costs speed.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::store::{Folder, Store};
use super::{Assessment, Status, Timestamp};
use crate::catalog::Catalog;
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::framework::Framework;
use crate::fsio::{self, Fnv1a};
use crate::gap::{Gap, Row};

/// `<data dir>/index/`: one file per folder of assessments.
const INDEX_DIR: &str = "index";
/// 2: change times, the imported mark, a stable fingerprint.
/// 3: the status and the count of answers.
/// 4: the gap of each assessment (target, readiness, per-category counts).
const INDEX_VERSION: u32 = 4;

/// What `list` shows of an assessment, and what lookups filter on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub person: String,
    pub assessor: Option<String>,
    pub framework: String,
    pub role: String,
    pub to: Option<String>,
    pub started: Timestamp,
    pub updated: Timestamp,
    /// When it became complete (or partial); `None` while in progress,
    /// whatever the file says.
    pub completed: Option<Timestamp>,
    /// In progress, complete or partial, counted against the framework;
    /// from the file's completion time when the framework is not loaded.
    pub status: Status,
    /// When it was imported from another data directory, if it was.
    #[serde(default)]
    pub imported: Option<Timestamp>,
    /// Statements of the assessment's walk with a rating.
    pub rated: usize,
    /// Statements of the walk with any answer: a rating, skipped, or no
    /// opportunity yet.
    pub answered: usize,
    /// Statements in the walk; `None` when the framework is not loaded.
    pub total: Option<usize>,
    /// The archetype its gap report is against (its `to`, or the role's
    /// first next one); `None` at the top of the ladder, or when the
    /// framework is not loaded.
    #[serde(default)]
    pub target: Option<String>,
    /// Readiness for `target`, as in its gap report.
    #[serde(default)]
    pub readiness: Option<u8>,
    /// Its gap report's per-category met counts, in the report's order;
    /// empty when the framework is not loaded. With `target` and
    /// `readiness`, what `progress` shows of every assessment but the
    /// last two, without reading their files. Stored as numbers, with each
    /// index file's category names once (see [`IndexFile::labels`]).
    #[serde(skip)]
    pub categories: Vec<Counts>,
}

/// What names a category of the gap report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    /// The category's name, or the section's for free groups.
    pub name: String,
    pub section: String,
    pub category: Option<String>,
}

/// One category's met counts, as in the gap report's per-category table.
/// The label is shared by every summary read from one index file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub label: Arc<Label>,
    pub current_met: usize,
    pub current_total: usize,
    pub next_met: usize,
    pub next_total: usize,
}

impl From<&Row> for Counts {
    fn from(row: &Row) -> Counts {
        Counts {
            label: Arc::new(Label {
                name: row.name.clone(),
                section: row.section.clone(),
                category: row.category.clone(),
            }),
            current_met: row.current_met,
            current_total: row.current_total,
            next_met: row.next_met,
            next_total: row.next_total,
        }
    }
}

impl From<&Counts> for Row {
    fn from(counts: &Counts) -> Row {
        Row {
            name: counts.label.name.clone(),
            section: counts.label.section.clone(),
            category: counts.label.category.clone(),
            current_met: counts.current_met,
            current_total: counts.current_total,
            next_met: counts.next_met,
            next_total: counts.next_total,
        }
    }
}

/// What the gap report against the assessment's own target says in
/// numbers: (target, readiness, per-category counts). Nothing when the
/// role or target is not in the framework (the report itself would fail).
fn gap_numbers(
    assessment: &Assessment,
    framework: &Framework,
) -> (Option<String>, Option<u8>, Vec<Counts>) {
    let Ok(role) = framework.archetype(&assessment.role) else {
        return (None, None, Vec::new());
    };
    let target = match &assessment.to {
        Some(code) => match framework.archetype(code) {
            Ok(target) => Some(target),
            Err(_) => return (None, None, Vec::new()),
        },
        None => framework.next_of(role).next(),
    };
    let gap = Gap::compute(framework, assessment, role, target);
    (
        target.map(|t| t.code.clone()),
        gap.readiness,
        gap.rows.iter().map(Counts::from).collect(),
    )
}

impl Summary {
    pub fn of(assessment: &Assessment, framework: Option<&Framework>) -> Summary {
        let (rated, answered, total, status) = match framework {
            Some(framework) => {
                let items = assessment.walk(framework);
                (
                    assessment.rated(&items),
                    assessment.answered(&items),
                    Some(items.len()),
                    assessment.status_of(framework, &items),
                )
            }
            None => (
                assessment
                    .ratings
                    .values()
                    .filter(|a| a.rating.is_some())
                    .count(),
                assessment.ratings.len(),
                None,
                Status::stored(assessment.completed.as_ref()),
            ),
        };
        let (target, readiness, categories) = match framework {
            Some(framework) => gap_numbers(assessment, framework),
            None => (None, None, Vec::new()),
        };
        Summary {
            id: assessment.id.clone(),
            person: assessment.person.clone(),
            assessor: assessment.assessor.clone(),
            framework: assessment.framework.clone(),
            role: assessment.role.clone(),
            to: assessment.to.clone(),
            started: assessment.started,
            updated: assessment.updated,
            completed: assessment.completed.filter(|_| status.is_finished()),
            status,
            imported: assessment.imported,
            rated,
            answered,
            total,
            target,
            readiness,
            categories,
        }
    }

    pub fn view(&self) -> &str {
        super::view(self.assessor.as_deref())
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// "Ada (self)", or "Ada, as seen by Grace (manager)".
    pub fn who(&self) -> String {
        super::who(&self.person, self.assessor.as_deref())
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexFile {
    version: u32,
    /// The category labels of the entries' counts, each once: most
    /// assessments of a folder share them, and names repeated in every
    /// entry would make the index several times larger to read.
    #[serde(default)]
    labels: Vec<Label>,
    entries: BTreeMap<String, Entry>,
}

impl IndexFile {
    fn empty() -> IndexFile {
        IndexFile {
            version: INDEX_VERSION,
            labels: Vec::new(),
            entries: BTreeMap::new(),
        }
    }

    /// Puts each entry's categories back together from its counts; an
    /// entry naming a label that is not there is dropped (read again).
    fn expand(mut self) -> IndexFile {
        let labels: Vec<Arc<Label>> = std::mem::take(&mut self.labels)
            .into_iter()
            .map(Arc::new)
            .collect();
        self.entries.retain(|_, entry| {
            let categories: Option<Vec<Counts>> = entry
                .counts
                .iter()
                .map(
                    |&[label, current_met, current_total, next_met, next_total]| {
                        Some(Counts {
                            label: labels.get(label)?.clone(),
                            current_met,
                            current_total,
                            next_met,
                            next_total,
                        })
                    },
                )
                .collect();
            match categories {
                Some(categories) => {
                    entry.summary.categories = categories;
                    entry.counts = Vec::new();
                    true
                }
                None => false,
            }
        });
        self
    }

    /// The entries with their categories as numbers and the labels once.
    fn compact(entries: BTreeMap<String, Entry>) -> IndexFile {
        let mut labels = Vec::new();
        let mut seen: HashMap<Arc<Label>, usize> = HashMap::new();
        let mut entries = entries;
        for entry in entries.values_mut() {
            entry.counts = entry
                .summary
                .categories
                .iter()
                .map(|c| {
                    let label = *seen.entry(c.label.clone()).or_insert_with(|| {
                        labels.push(Label::clone(&c.label));
                        labels.len() - 1
                    });
                    [
                        label,
                        c.current_met,
                        c.current_total,
                        c.next_met,
                        c.next_total,
                    ]
                })
                .collect();
        }
        IndexFile {
            version: INDEX_VERSION,
            labels,
            entries,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    size: u64,
    /// Nanoseconds since the epoch.
    modified: u128,
    /// Every save renames a new file into place, so a new inode tells a
    /// rewrite apart even within one tick of the file system's clock.
    inode: u64,
    /// Change time in nanoseconds since the epoch: an edit in place whose
    /// modification time was put back (`touch -d`) still changes it.
    changed: i128,
    /// Fingerprint of the framework the counts were made against; 0 when
    /// it was not loaded.
    counted_with: u64,
    summary: Summary,
    /// `summary.categories` as stored: (label in [`IndexFile::labels`],
    /// current met, current total, next met, next total).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    counts: Vec<[usize; 5]>,
}

/// Identifies a framework's statements, so counts made against another
/// version (or an edited file with the same version) are not reused. FNV-1a
/// over the bytes, so the value written to the index means the same to
/// every build of rungs (`DefaultHasher` may change between Rust releases).
fn fingerprint(framework: &Framework) -> u64 {
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

#[cfg(unix)]
fn inode(metadata: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(unix)]
fn changed(metadata: &std::fs::Metadata) -> i128 {
    use std::os::unix::fs::MetadataExt;
    i128::from(metadata.ctime()) * 1_000_000_000 + i128::from(metadata.ctime_nsec())
}

#[cfg(not(unix))]
fn changed(_: &std::fs::Metadata) -> i128 {
    0
}

/// Summaries of the readable assessments (every one, or only `person`'s
/// when given), sorted by id. A file that cannot be read, or anything else
/// in the way, is skipped and left as a warning in the store
/// ([`Store::take_warnings`]). Refreshes the index as a side effect.
///
/// With `person`, only that person's directory (and files placed directly
/// in `assessments/`) is read, so the cost does not grow with everyone
/// else's assessments. Summaries are still filtered by the `person` field
/// of each file by the callers: the directory is where files are put, the
/// file says whose it is.
///
/// Folders are shared out over the machine's cores: a cold build parses
/// every file, and parsing is most of its cost.
pub fn summaries(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
) -> Result<Vec<Summary>, Error> {
    // Once per framework, not per file.
    let fingerprints: BTreeMap<&str, u64> = catalog
        .entries()
        .iter()
        .map(|e| (e.framework.id.as_str(), fingerprint(&e.framework)))
        .collect();
    let mut jobs = Vec::new();
    for folder in store.folders(person)? {
        match store.files_with_metadata(&folder) {
            Ok(files) => jobs.push((folder, files)),
            // An unreadable folder costs its own assessments only.
            Err(error) => store.warn(&folder.path, error),
        }
    }
    let work = Work {
        data_dir: store.data_dir(),
        catalog,
        fingerprints: &fingerprints,
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    let mut done: Vec<Option<Done>> = if threads > 1 {
        let next = AtomicUsize::new(0);
        let mut done: Vec<Option<Done>> = (0..jobs.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            let n = next.fetch_add(1, Ordering::Relaxed);
                            let Some((folder, files)) = jobs.get(n) else {
                                break;
                            };
                            mine.push((n, work.folder(folder, files)));
                        }
                        mine
                    })
                })
                .collect();
            for worker in workers {
                // A worker that failed leaves its folders to this thread.
                if let Ok(mine) = worker.join() {
                    for (n, result) in mine {
                        done[n] = Some(result);
                    }
                }
            }
        });
        done
    } else {
        Vec::new()
    };
    done.resize_with(jobs.len(), || None);
    let mut summaries = Vec::new();
    for (result, (folder, files)) in done.iter_mut().zip(&jobs) {
        let (found, warnings) = result.take().unwrap_or_else(|| work.folder(folder, files));
        summaries.extend(found);
        for (path, problem) in warnings {
            store.warn(path, problem);
        }
    }
    if person.is_none() {
        // Leftovers of killed runs that wrote the index or the settings.
        fsio::remove_stale(&store.data_dir().join(INDEX_DIR));
        fsio::remove_stale(store.data_dir());
    }
    summaries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(summaries)
}

/// One folder's summaries, and the files skipped with why.
type Done = (Vec<Summary>, Vec<(PathBuf, Error)>);

/// What summarising a folder needs, shared by the threads.
struct Work<'a> {
    data_dir: &'a std::path::Path,
    catalog: &'a Catalog,
    fingerprints: &'a BTreeMap<&'a str, u64>,
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
    summaries.sort_by(|a, b| (a.updated, &a.id).cmp(&(b.updated, &b.id)));
    Ok(summaries)
}

/// Drops `id` from every part of the index, after its file was deleted.
/// The index would notice on the next read; this keeps it exact at once.
/// A cache: a failure here only costs a read later.
pub fn forget(store: &Store, id: &str) {
    let Ok(folders) = store.folders(None) else {
        return;
    };
    for folder in folders {
        let path = store
            .data_dir()
            .join(INDEX_DIR)
            .join(format!("{}.json", folder.name));
        let Some(mut index) = fsio::read(&path, FileKind::Index)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
        else {
            continue;
        };
        if index.entries.remove(id).is_some()
            && let Ok(json) = serde_json::to_vec(&index)
        {
            let _ = fsio::write_atomic(&path, &json);
        }
    }
}

impl Work<'_> {
    /// One folder against its part of the index, `index/<folder>.json`.
    fn folder(&self, folder: &Folder, files: &[(String, PathBuf, std::fs::Metadata)]) -> Done {
        let mut summaries = Vec::new();
        let mut warnings = Vec::new();
        let dir = self.data_dir.join(INDEX_DIR);
        let path = dir.join(format!("{}.json", folder.name));
        // A cache: whatever is wrong with it (a pipe, too large, damaged,
        // of another version), the files are read instead.
        let mut index = fsio::read(&path, FileKind::Index)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
            .filter(|index| index.version == INDEX_VERSION)
            .map(IndexFile::expand)
            .unwrap_or_else(IndexFile::empty);
        let mut dirty = index.entries.len() != files.len();
        let mut entries = BTreeMap::new();
        for (id, file, metadata) in files {
            let size = metadata.len();
            let modified = metadata
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let inode = inode(metadata);
            let changed = changed(metadata);
            let cached = index.entries.remove(id).filter(|entry| {
                let counted_with = self
                    .fingerprints
                    .get(entry.summary.framework.as_str())
                    .copied()
                    .unwrap_or(0);
                (
                    entry.size,
                    entry.modified,
                    entry.inode,
                    entry.changed,
                    entry.counted_with,
                ) == (size, modified, inode, changed, counted_with)
                    && entry.summary.id == *id
            });
            let entry = match cached {
                Some(entry) => entry,
                None => match load(file, self.catalog) {
                    Ok(assessment) => {
                        dirty = true;
                        let framework = self
                            .catalog
                            .find(&assessment.framework)
                            .ok()
                            .map(|e| &e.framework);
                        let counted_with = framework.map_or(0, |f| {
                            self.fingerprints
                                .get(f.id.as_str())
                                .copied()
                                .unwrap_or_else(|| fingerprint(f))
                        });
                        Entry {
                            size,
                            modified,
                            inode,
                            changed,
                            counted_with,
                            summary: Summary::of(&assessment, framework),
                            counts: Vec::new(),
                        }
                    }
                    // Removed since the directory was listed.
                    Err(Error::Read(fsio::ReadError::Io { source, .. }))
                        if source.kind() == std::io::ErrorKind::NotFound =>
                    {
                        continue;
                    }
                    Err(error) => {
                        warnings.push((file.clone(), error));
                        continue;
                    }
                },
            };
            summaries.push(entry.summary.clone());
            entries.insert(id.clone(), entry);
        }
        if dirty || !index.entries.is_empty() {
            let fresh = IndexFile::compact(entries);
            // A cache: if it cannot be written, the next run reads the files.
            if let Ok(json) = serde_json::to_vec(&fresh)
                && fsio::private_dir(&dir).is_ok()
            {
                let _ = fsio::write_atomic(&path, &json);
            }
        }
        (summaries, warnings)
    }
}

/// Reads and checks one assessment file, as [`Store::load_path`] does.
fn load(path: &std::path::Path, catalog: &Catalog) -> Result<Assessment, Error> {
    let source = fsio::read_source(path, FileKind::Assessment)?;
    super::read(&source, catalog)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::tests::sample;

    use crate::testing::catalog;

    fn save(store: &Store, assessment: &Assessment) {
        let lock = store.lock(&assessment.id).expect("lock");
        store.save(assessment, &lock).expect("save");
    }

    #[test]
    fn the_index_follows_the_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);

        let first = summaries(&store, &catalog, None).expect("summaries");
        assert!(store.take_warnings().is_empty());
        assert_eq!((first[0].rated, first[0].total), (1, Some(8)));
        assert!(dir.path().join(INDEX_DIR).join("ada.json").exists());

        // The same answer again from the index.
        let second = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(second, first);

        // A changed file is read again, whatever the index says.
        assessment.person = "Ada Lovelace".into();
        assessment.ratings.remove("e1.craft.1");
        save(&store, &assessment);
        let third = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(
            (third[0].person.as_str(), third[0].rated),
            ("Ada Lovelace", 0)
        );

        // A deleted file disappears; a damaged index is rebuilt.
        std::fs::write(dir.path().join(INDEX_DIR).join("ada.json"), "{ not json").expect("damage");
        let fourth = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(fourth, third);
        std::fs::remove_file(store.location(&assessment).expect("path")).expect("remove");
        assert!(
            summaries(&store, &catalog, None)
                .expect("summaries")
                .is_empty()
        );
    }

    #[test]
    fn counts_without_the_framework_are_redone_once_it_is_loaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
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
        let store = Store::new(dir.path());
        let catalog = catalog();
        let assessment = sample();
        save(&store, &assessment);
        let path = store.location(&assessment).expect("path");
        let before = std::fs::metadata(&path).expect("meta");
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0].person,
            "Ada"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        let text = std::fs::read_to_string(&path)
            .expect("read")
            .replace("\"Ada\"", "\"Eve\"");
        {
            use std::io::{Seek, Write};
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .expect("open");
            file.seek(std::io::SeekFrom::Start(0)).expect("seek");
            file.write_all(text.as_bytes()).expect("write");
            file.set_modified(before.modified().expect("mtime"))
                .expect("touch -d");
        }
        let after = std::fs::metadata(&path).expect("meta");
        assert_eq!((after.len(), inode(&after)), (before.len(), inode(&before)));
        assert_eq!(after.modified().ok(), before.modified().ok());
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0].person,
            "Eve"
        );
    }

    /// Issue 10, item 6: the fingerprint is a named hash, the same for
    /// every build; this value is pinned so a change is noticed.
    #[test]
    fn the_fingerprint_is_stable() {
        let framework = crate::testing::acme();
        assert_eq!(fingerprint(&framework), fingerprint(&framework.clone()));
        assert_eq!(
            format!("{:016x}", fingerprint(&framework)),
            PINNED_FINGERPRINT
        );
    }

    /// What `progress` takes from the index is what the gap report says.
    #[test]
    fn summaries_carry_the_numbers_of_the_gap_report() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let assessment = sample();
        save(&store, &assessment);
        let summary = summaries(&store, &catalog, None).expect("summaries")[0].clone();
        let gap = crate::commands::gap::compute(&catalog, &assessment, None).expect("gap");
        assert_eq!(summary.target, gap.target.map(|t| t.code.clone()));
        assert_eq!(summary.readiness, gap.readiness);
        let rows: Vec<Row> = summary.categories.iter().map(Row::from).collect();
        assert_eq!(rows, gap.rows);
        assert!(!rows.is_empty());
        // And the same again from the index.
        assert_eq!(
            summaries(&store, &catalog, None).expect("summaries")[0],
            summary
        );
    }

    /// Many folders, summarised on several threads: every assessment once,
    /// each damaged file told once, and the index a cache: deleting it
    /// changes no answer.
    #[test]
    fn folders_on_several_threads_and_the_index_deleted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
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

        std::fs::remove_dir_all(dir.path().join(INDEX_DIR)).expect("delete the index");
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

    /// Category names are written once per index file, counts as numbers.
    #[test]
    fn category_names_are_stored_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);
        assessment.id = "ada-e1-2026-11-26".into();
        save(&store, &assessment);
        let built = summaries(&store, &catalog, None).expect("summaries");
        let bytes = std::fs::read(dir.path().join(INDEX_DIR).join("ada.json")).expect("index");
        let index: IndexFile = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(index.labels.len(), built[0].categories.len());
        assert!(
            index
                .entries
                .values()
                .all(|e| e.counts.len() == index.labels.len())
        );
        let text = String::from_utf8(bytes).expect("utf-8");
        let name = &built[0].categories[0].label.name;
        assert_eq!(text.matches(&format!("\"{name}\"")).count(), 1, "{text}");
        // Read back, the same summaries.
        assert_eq!(summaries(&store, &catalog, None).expect("summaries"), built);
    }

    /// An index written by an earlier version (without the gap numbers)
    /// is not trusted: its entries are read again.
    #[test]
    fn an_index_of_an_earlier_version_is_rebuilt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        save(&store, &sample());
        let fresh = summaries(&store, &catalog, None).expect("summaries");
        let path = dir.path().join(INDEX_DIR).join("ada.json");
        let mut old: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("json");
        old["version"] = 2.into();
        for entry in old["entries"]
            .as_object_mut()
            .expect("entries")
            .values_mut()
        {
            entry["summary"]["readiness"] = serde_json::Value::Null;
            entry["summary"]["categories"] = serde_json::json!([]);
        }
        std::fs::write(&path, serde_json::to_vec(&old).expect("json")).expect("write");
        assert_eq!(summaries(&store, &catalog, None).expect("summaries"), fresh);
    }

    const PINNED_FINGERPRINT: &str = "a6d7723d1b47586b";
}
