//! A summary index of the assessments directory, so `list` and the latest-
//! assessment lookups of `gap` do not parse every file on every run.
//!
//! `<data dir>/index/<folder>.tsv` caches each assessment's summary with
//! the size, modification time, change time (ctime, which no one can set
//! back, as git checks) and inode its file had when it was read: a header
//! line, then one line per assessment, so it stays text that diffs by
//! assessment and reads in a few milliseconds for thousands of them. An entry
//! is used only while all still match the file, and its statement counts only
//! while the framework they were counted against is unchanged; anything
//! else is read from the file again. The index is a cache, never trusted
//! over the files: a damaged or newer index is ignored and rebuilt, and a
//! failure to write it only costs speed.
//!
//! It also keeps the folder's own stamp from when it was last listed, and
//! while that still matches (nothing added, removed or renamed in it since)
//! the folder is not listed again: each file in it is looked at by name,
//! which is all a warm `list` has to ask of the file system.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use super::store::{self, Folder, Store, StoredFile};
use super::{Assessment, Status, Timestamp};
use crate::catalog::Catalog;
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::framework::Framework;
use crate::fsio::{self, Fnv1a, Stamp};
use crate::gap::{Gap, Row};

mod format;

/// `<data dir>/index/`: one file per folder of assessments.
const INDEX_DIR: &str = "index";
/// Text, a line per assessment: see [`format`].
const INDEX_EXTENSION: &str = "tsv";
/// 2: change times, the imported mark, a stable fingerprint.
/// 3: the status and the count of answers.
/// 4: the gap of each assessment (target, readiness, per-category counts).
/// 5: a line per assessment, fields separated by tabs; `<folder>.tsv`.
/// 6: the same lines; files read again, as a name on more than one line
/// is now refused.
/// 7: the folder as it was last listed, so an unchanged folder is not
/// listed again (6 is read as 7 without it).
const INDEX_VERSION: u32 = 7;

/// How long a folder must have been left alone before its stamp is
/// trusted to show the next change to it: far longer than a tick of any
/// file system's clock (FAT's is two seconds).
const SETTLED: Duration = Duration::from_secs(3);

/// What `list` shows of an assessment, and what lookups filter on.
///
/// The names in it (person, assessor, framework, archetypes) are shared:
/// a folder's assessments nearly all name the same few, and an index file
/// read for `list` keeps one copy of each rather than one per assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub person: Arc<str>,
    pub assessor: Option<Arc<str>>,
    pub framework: Arc<str>,
    pub role: Arc<str>,
    pub to: Option<Arc<str>>,
    pub started: Timestamp,
    pub updated: Timestamp,
    /// When it became complete (or partial); `None` while in progress,
    /// whatever the file says.
    pub completed: Option<Timestamp>,
    /// In progress, complete or partial, counted against the framework;
    /// from the file's completion time when the framework is not loaded.
    pub status: Status,
    /// When it was imported from another data directory, if it was.
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
    pub target: Option<Arc<str>>,
    /// Readiness for `target`, as in its gap report.
    pub readiness: Option<u8>,
    /// Its gap report's per-category met counts, in the report's order;
    /// empty when the framework is not loaded. With `target` and
    /// `readiness`, what `progress` shows of every assessment but the
    /// last two, without reading their files. Stored as numbers, with each
    /// index file's category names once (see [`format`]).
    pub categories: Categories,
}

/// What names a category of the gap report.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    /// The category's name, or the section's for free groups.
    pub name: String,
    pub section: String,
    pub category: Option<String>,
}

/// The per-category met counts of an assessment's gap report, compactly:
/// the labels are shared by every summary read from one index file, and
/// each category is five numbers (its label in `labels`, current met,
/// current total, next met, next total).
#[derive(Debug, Clone, Default)]
pub struct Categories {
    labels: Arc<[Label]>,
    counts: Counts,
}

/// A category's five numbers; see [`Categories`].
type Count = [u32; COUNTS];

/// The numbers of each category: as a gap report gave them, or as an
/// index file wrote them, read only when asked for (a `list` of ten
/// thousand assessments shows none of them, and reading them all took a
/// sixth of the time spent reading the index).
#[derive(Clone)]
enum Counts {
    Numbers(Vec<Count>),
    /// `text[range]` is an entry's COUNTS field (see [`format`]); `text`
    /// holds those of every entry of one index file, one after another.
    Written {
        text: Arc<String>,
        range: std::ops::Range<usize>,
    },
}

impl Default for Counts {
    fn default() -> Counts {
        Counts::Numbers(Vec::new())
    }
}

/// An entry's own counts, not the whole index file's they are kept with.
impl std::fmt::Debug for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Counts::Numbers(counts) => f.debug_tuple("Numbers").field(counts).finish(),
            Counts::Written { text, range } => f
                .debug_tuple("Written")
                .field(&text.get(range.clone()))
                .finish(),
        }
    }
}

/// The same rows, whichever labels each happens to share.
impl PartialEq for Categories {
    fn eq(&self, other: &Categories) -> bool {
        self.rows() == other.rows()
    }
}

/// Numbers a category in [`Categories`].
const COUNTS: usize = 5;

impl Categories {
    fn of(rows: Vec<Row>) -> Categories {
        let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let counts = rows
            .iter()
            .enumerate()
            .map(|(n, row)| {
                [
                    number(n),
                    number(row.current_met),
                    number(row.current_total),
                    number(row.next_met),
                    number(row.next_total),
                ]
            })
            .collect();
        Categories {
            labels: rows
                .into_iter()
                .map(|row| Label {
                    name: row.name,
                    section: row.section,
                    category: row.category,
                })
                .collect(),
            counts: Counts::Numbers(counts),
        }
    }

    /// Each category's numbers, their label within `labels`. Counts an
    /// index file wrote that do not read (an index edited by hand) are
    /// none: the index is a cache, and the next change to the file
    /// counts them again.
    fn counts(&self) -> std::borrow::Cow<'_, [Count]> {
        match &self.counts {
            Counts::Numbers(counts) => counts.into(),
            Counts::Written { text, range } => text
                .get(range.clone())
                .and_then(|field| format::counts(field, self.labels.len()))
                .unwrap_or_default()
                .into(),
        }
    }

    /// The rows of the gap report's per-category table.
    pub fn rows(&self) -> Vec<Row> {
        self.counts()
            .iter()
            .filter_map(
                |&[label, current_met, current_total, next_met, next_total]| {
                    let label = self.labels.get(usize::try_from(label).ok()?)?;
                    Some(Row {
                        name: label.name.clone(),
                        section: label.section.clone(),
                        category: label.category.clone(),
                        current_met: current_met as usize,
                        current_total: current_total as usize,
                        next_met: next_met as usize,
                        next_total: next_total as usize,
                    })
                },
            )
            .collect()
    }
}

/// What the gap report against the assessment's own target says in
/// numbers: (target, readiness, per-category counts). Nothing when the
/// role or target is not in the framework (the report itself would fail).
fn gap_numbers(
    assessment: &Assessment,
    framework: &Framework,
) -> (Option<Arc<str>>, Option<u8>, Categories) {
    let Ok(role) = framework.archetype(&assessment.role) else {
        return (None, None, Categories::default());
    };
    let target = match &assessment.to {
        Some(code) => match framework.archetype(code) {
            Ok(target) => Some(target),
            Err(_) => return (None, None, Categories::default()),
        },
        None => framework.next_of(role).next(),
    };
    let (rows, readiness) = Gap::numbers(framework, assessment, role, target);
    (
        target.map(|t| t.code.as_str().into()),
        readiness,
        Categories::of(rows),
    )
}

impl Summary {
    pub fn of(assessment: &Assessment, framework: Option<&Framework>) -> Summary {
        let (rated, answered, total, status) = match framework {
            Some(framework) => {
                let items = assessment.walk(framework);
                let (rated, answered) = assessment.rated_and_answered(&items);
                (
                    rated,
                    answered,
                    Some(items.len()),
                    assessment.status_given(framework, answered, items.len()),
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
            None => (None, None, Categories::default()),
        };
        Summary {
            id: assessment.id.clone(),
            person: assessment.person.as_str().into(),
            assessor: assessment.assessor.as_deref().map(Arc::from),
            framework: assessment.framework.as_str().into(),
            role: assessment.role.as_str().into(),
            to: assessment.to.as_deref().map(Arc::from),
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

/// What tells whether an assessment's entry in the index still holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Check {
    stamp: Stamp,
    /// Fingerprint of the framework the counts were made against; 0 when
    /// it was not loaded.
    counted_with: u64,
}

/// A folder's part of the index: an entry per assessment, by id, each a
/// summary and its check. Two vectors in the same order, so the summaries
/// of a folder where nothing changed are handed on as they were read.
#[derive(Debug, Default)]
struct Entries {
    checks: Vec<Check>,
    summaries: Vec<Summary>,
    /// The folder as it was when it was last listed, if it was then
    /// settled, held nothing but assessment files and each had its entry
    /// here. While the folder's stamp still matches, no file was added,
    /// removed or renamed in it since: its files are looked at by name.
    listed: Option<Stamp>,
}

impl Entries {
    fn with_capacity(n: usize) -> Entries {
        Entries {
            checks: Vec::with_capacity(n),
            summaries: Vec::with_capacity(n),
            listed: None,
        }
    }

    fn push(&mut self, check: Check, summary: Summary) {
        self.checks.push(check);
        self.summaries.push(summary);
    }

    fn len(&self) -> usize {
        self.summaries.len()
    }

    fn iter(&self) -> impl Iterator<Item = (&Check, &Summary)> {
        self.checks.iter().zip(&self.summaries)
    }
}

impl FromIterator<(Check, Summary)> for Entries {
    fn from_iter<I: IntoIterator<Item = (Check, Summary)>>(entries: I) -> Entries {
        let (checks, summaries) = entries.into_iter().unzip();
        Entries {
            checks,
            summaries,
            listed: None,
        }
    }
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
    let folders = by_folder(store, catalog, person)?;
    let mut summaries = Vec::with_capacity(folders.iter().map(Vec::len).sum());
    for folder in folders {
        summaries.extend(folder);
    }
    // Folders come in name order and ids start with their person's folder
    // name, so this is nearly always sorted already.
    if !summaries.is_sorted_by(|a, b| a.id <= b.id) {
        sort(&mut summaries, |a, b| a.id.cmp(&b.id));
    }
    Ok(summaries)
}

/// [`summaries`] as each folder's, in the order of the folders, each
/// sorted by id: for a caller that orders them its own way, with no
/// copy of a few megabytes into one vector.
pub fn by_folder(
    store: &Store,
    catalog: &Catalog,
    person: Option<&str>,
) -> Result<Vec<Vec<Summary>>, Error> {
    // Once per framework, not per file.
    let fingerprints: BTreeMap<&str, u64> = catalog
        .entries()
        .iter()
        .map(|e| (e.framework.id.as_str(), fingerprint(&e.framework)))
        .collect();
    let jobs = store.folders(person)?;
    keep_freed_memory();
    let work = Work {
        data_dir: store.data_dir(),
        catalog,
        fingerprints: &fingerprints,
        where_found: person.is_some(),
        settled_before: SystemTime::now()
            .checked_sub(SETTLED)
            .unwrap_or(SystemTime::UNIX_EPOCH),
    };
    // A person's assessments are nearly all in one folder: another thread
    // would cost more to start than it could save.
    let threads = match person {
        Some(_) => 1,
        None => std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(jobs.len()),
    };
    let mut done: Vec<Option<Done>> = if threads > 1 {
        let next = AtomicUsize::new(0);
        let mut done: Vec<Option<Done>> = (0..jobs.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        // Each thread allocates from its own arena.
                        keep_freed_memory();
                        let mut mine = Vec::new();
                        loop {
                            let n = next.fetch_add(1, Ordering::Relaxed);
                            let Some(folder) = jobs.get(n) else {
                                break;
                            };
                            mine.push((n, work.folder(folder)));
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
    let mut folders = Vec::with_capacity(jobs.len());
    for (result, folder) in done.iter_mut().zip(&jobs) {
        let done = result.take().unwrap_or_else(|| work.folder(folder));
        folders.push(done.summaries);
        for (id, path) in done.found {
            store.found_at(id, path);
        }
        for (path, problem) in done.warnings {
            store.warn(path, problem);
        }
    }
    if person.is_none() {
        // Leftovers of killed runs that wrote the index or the settings.
        fsio::remove_stale(&store.data_dir().join(INDEX_DIR));
        fsio::remove_stale(store.data_dir());
        remove_earlier_versions(&store.data_dir().join(INDEX_DIR));
    }
    Ok(folders)
}

/// Asks the allocator to keep memory it is given back, by handing it one
/// large block (never touched, so never in memory) and taking it back.
///
/// glibc returns memory to the system as soon as 128 KiB lie free at the
/// top of the heap, then takes it back a page fault at a time; reading
/// an assessment file frees about that much, so a cold build of 10,000
/// made 600,000 page faults, a fifth of its time. Freeing a block it had
/// to map raises both of its thresholds to the block's size and twice
/// that. Other allocators just map and unmap 16 MiB of address space.
///
/// A worker thread's arena grows by `mprotect` a little at a time, each
/// call holding the lock page faults of the other threads wait on (488
/// calls in a warm `list` of 10,000; 14 with this at the start of each).
fn keep_freed_memory() {
    drop(std::hint::black_box(Vec::<u8>::with_capacity(16 << 20)));
}

/// Sorts summaries by `compare`, each moved twice: a summary is a few
/// hundred bytes, and a sort that swapped them in place would move
/// thousands of them a dozen times each.
pub fn sort(
    summaries: &mut Vec<Summary>,
    compare: impl Fn(&Summary, &Summary) -> std::cmp::Ordering,
) {
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by(|&a, &b| compare(&summaries[a], &summaries[b]));
    *summaries = store::in_order(std::mem::take(summaries), &order);
}

/// Removes the index files of rungs before index version 5,
/// `index/<folder>.json`: nothing reads them any more.
fn remove_earlier_versions(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_str().is_some_and(|n| n.ends_with(".json"))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            // Best effort: a cache.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// One folder's summaries, and the files skipped with why.
struct Done {
    summaries: Vec<Summary>,
    /// Where each summary's file is, when [`Work::where_found`] asks.
    found: Vec<(String, PathBuf)>,
    warnings: Vec<(PathBuf, Error)>,
}

/// What summarising a folder needs, shared by the threads.
struct Work<'a> {
    data_dir: &'a std::path::Path,
    catalog: &'a Catalog,
    fingerprints: &'a BTreeMap<&'a str, u64>,
    /// Keep where each file was found, for the store to load it later
    /// without looking in every folder: worth it for one person's few.
    where_found: bool,
    /// A folder last changed before this is settled: see [`SETTLED`].
    settled_before: SystemTime,
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

/// Where a folder's part of the index is kept.
fn index_path(data_dir: &Path, folder: &Folder) -> PathBuf {
    data_dir
        .join(INDEX_DIR)
        .join(format!("{}.{INDEX_EXTENSION}", folder.name))
}

/// Drops the assessment stored at `file` from its folder's part of the
/// index, after the file was deleted. The index would notice on the next
/// read; this keeps it exact at once. A cache: a failure here only costs a
/// read later.
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
    let path = index_path(store.data_dir(), &folder);
    let Ok(bytes) = fsio::read(&path, FileKind::Index) else {
        return;
    };
    let mut entries = format::parse(&bytes);
    if let Some(at) = entries.summaries.iter().position(|s| s.id == id) {
        entries.checks.remove(at);
        entries.summaries.remove(at);
        // The folder changed: it is listed again next time.
        entries.listed = None;
        write(store.data_dir(), &path, &entries);
    }
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
        let path = index_path(self.data_dir, folder);
        // A cache: whatever is wrong with it (a pipe, too large, damaged,
        // of another version), the files are read instead.
        let index = fsio::read(&path, FileKind::Index)
            .map(|bytes| format::parse(&bytes))
            .unwrap_or_default();
        // Nearly always, nothing changed: the summaries as they were read,
        // and the folder not even listed.
        if self.as_listed(folder, &index) {
            let found = match self.where_found {
                true => index
                    .summaries
                    .iter()
                    .map(|s| (s.id.clone(), folder.path.join(store::file_name(&s.id))))
                    .collect(),
                false => Vec::new(),
            };
            return Done {
                summaries: index.summaries,
                found,
                warnings: Vec::new(),
            };
        }
        // Taken before the listing, so a change while listing shows.
        let before = std::fs::metadata(&folder.path).map(|m| Stamp::of(&m));
        let listing = match folder.list() {
            Ok(listing) => listing,
            // An unreadable folder costs its own assessments only.
            Err(error) => {
                return Done {
                    summaries: Vec::new(),
                    found: Vec::new(),
                    warnings: vec![(folder.path.clone(), error)],
                };
            }
        };
        let (files, mut warnings) = (listing.files, listing.skipped);
        // Kept only when the folder holds nothing but assessment files and
        // has been left alone long enough that a change now must show.
        let settled = before.ok().filter(|stamp| {
            warnings.is_empty() && !listing.temps && stamp.changed_before(self.settled_before)
        });
        let unchanged = index.len() == files.len()
            && files
                .iter()
                .zip(index.iter())
                .all(|(file, (check, summary))| self.holds(check, summary, file));
        let (summaries, placed) = if unchanged {
            let mut index = index;
            if settled.is_some() && index.listed != settled {
                index.listed = settled;
                write(self.data_dir, &path, &index);
            }
            (index.summaries, (0..files.len()).collect())
        } else {
            self.refresh(&path, &files, index, settled, &mut warnings)
        };
        let found = match self.where_found {
            true => {
                let mut files: Vec<Option<StoredFile>> = files.into_iter().map(Some).collect();
                placed
                    .into_iter()
                    .filter_map(|n| files.get_mut(n)?.take())
                    .map(|file| (file.id, file.path))
                    .collect()
            }
            false => Vec::new(),
        };
        Done {
            summaries,
            found,
            warnings,
        }
    }

    /// Whether nothing was added to, removed from or renamed in the folder
    /// since it was last listed (its stamp then, in `index`, still its
    /// own), and each file in it is as its entry says: each looked at by
    /// name, which costs a third less than listing the folder and far less
    /// than allocating what a listing returns.
    fn as_listed(&self, folder: &Folder, index: &Entries) -> bool {
        let Some(listed) = index.listed else {
            return false;
        };
        let Ok(dir) = fsio::Dir::open(&folder.path) else {
            return false;
        };
        if dir.stamp().ok() != Some(listed) {
            return false;
        }
        // The index is read, not trusted: ids that name files, once each.
        let mut name = String::new();
        index.summaries.is_sorted_by(|a, b| a.id < b.id)
            && index.iter().all(|(check, summary)| {
                name.clear();
                name.push_str(&summary.id);
                name.push_str(store::EXTENSION);
                store::check_id(&summary.id).is_ok()
                    && dir.file(&name) == Some(check.stamp)
                    && self.counted_now(check, summary)
            })
    }

    /// Whether an index entry still holds for `file`: the same id, the
    /// file as it was then, counted against the framework loaded now.
    fn holds(&self, check: &Check, summary: &Summary, file: &StoredFile) -> bool {
        summary.id == file.id && check.stamp == file.stamp && self.counted_now(check, summary)
    }

    /// Whether an entry's counts were made against its framework as it is
    /// loaded now (or without it, when it is not loaded).
    fn counted_now(&self, check: &Check, summary: &Summary) -> bool {
        check.counted_with == self.counted_with(&summary.framework)
    }

    /// The folder's summaries from the entries that still hold and the
    /// files read again for the others, and which file each is of; the
    /// index at `path` rewritten, with the folder's stamp `settled` when
    /// every file listed has its entry.
    fn refresh(
        &self,
        path: &Path,
        files: &[StoredFile],
        index: Entries,
        settled: Option<Stamp>,
        warnings: &mut Vec<(PathBuf, Error)>,
    ) -> (Vec<Summary>, Vec<usize>) {
        // Its entries are in the order of the files, by id: one walk down
        // both matches them, and an entry passed by is a file that is gone.
        let mut index = index.checks.into_iter().zip(index.summaries).peekable();
        let mut entries = Entries::with_capacity(files.len());
        // Which file each entry is of.
        let mut placed = Vec::with_capacity(files.len());
        for (n, file) in files.iter().enumerate() {
            while index.next_if(|(_, summary)| summary.id < file.id).is_some() {}
            let cached = index
                .next_if(|(_, summary)| summary.id == file.id)
                .filter(|(check, summary)| self.holds(check, summary, file));
            if let Some((check, summary)) = cached {
                entries.push(check, summary);
                placed.push(n);
                continue;
            }
            match store::read_path(&file.path, self.catalog) {
                Ok(assessment) => {
                    let framework = self
                        .catalog
                        .find(&assessment.framework)
                        .ok()
                        .map(|e| &e.framework);
                    let check = Check {
                        stamp: file.stamp,
                        counted_with: framework.map_or(0, |f| self.counted_with(&f.id)),
                    };
                    entries.push(check, Summary::of(&assessment, framework));
                    placed.push(n);
                }
                // Removed since the directory was listed.
                Err(Error::Read(fsio::ReadError::Io { source, .. }))
                    if source.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => warnings.push((file.path.clone(), error)),
            }
        }
        entries.listed = settled.filter(|_| placed.len() == files.len());
        write(self.data_dir, path, &entries);
        (entries.summaries, placed)
    }
}

/// Writes a folder's part of the index. A cache: if it cannot be written,
/// the next run reads the files.
fn write(data_dir: &Path, path: &Path, entries: &Entries) {
    if fsio::private_dir(&data_dir.join(INDEX_DIR)).is_ok() {
        let _ = fsio::write_cache(path, format::write(entries).as_bytes());
    }
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
        assert!(dir.path().join(INDEX_DIR).join("ada.tsv").exists());

        // The same answer again from the index, which is left as it was.
        let index = dir.path().join(INDEX_DIR).join("ada.tsv");
        let written = std::fs::metadata(&index).expect("index");
        let second = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!(second, first);
        let read = std::fs::metadata(&index).expect("index");
        assert_eq!(
            (Stamp::of(&read).inode, read.modified().ok()),
            (Stamp::of(&written).inode, written.modified().ok())
        );

        // A changed file is read again, whatever the index says.
        assessment.person = "Ada Lovelace".into();
        assessment.ratings.remove("e1.craft.1");
        save(&store, &assessment);
        let third = summaries(&store, &catalog, None).expect("summaries");
        assert_eq!((&*third[0].person, third[0].rated), ("Ada Lovelace", 0));

        // A deleted file disappears; a damaged index is rebuilt.
        std::fs::write(dir.path().join(INDEX_DIR).join("ada.tsv"), "{ not json").expect("damage");
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
            "Ada".into()
        );
        crate::testing::edit_in_place_keeping_the_time(&path, "\"Ada\"", "\"Eve\"");
        let after = std::fs::metadata(&path).expect("meta");
        assert_eq!(
            (after.len(), Stamp::of(&after).inode),
            (before.len(), Stamp::of(&before).inode)
        );
        assert_eq!(after.modified().ok(), before.modified().ok());
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
        assert_eq!(summary.target, gap.target.map(|t| t.code.as_str().into()));
        assert_eq!(summary.readiness, gap.readiness);
        let rows = summary.categories.rows();
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

    /// Category names are written once per index file, counts as numbers;
    /// one line per assessment.
    #[test]
    fn category_names_are_stored_once_and_each_assessment_is_a_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);
        assessment.id = "ada-e1-2026-11-26".into();
        save(&store, &assessment);
        let built = summaries(&store, &catalog, None).expect("summaries");
        let text =
            std::fs::read_to_string(dir.path().join(INDEX_DIR).join("ada.tsv")).expect("index");
        let categories = built[0].categories.rows();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + categories.len() + 2, "{text}");
        assert_eq!(lines[0], format!("rungs-index\t{INDEX_VERSION}"));
        assert!(
            lines[1..=categories.len()]
                .iter()
                .all(|l| l.starts_with("label\t"))
        );
        assert!(
            lines[lines.len() - 2].starts_with("entry\tada-e1-2026-11-25\t"),
            "{text}"
        );
        assert!(
            lines[lines.len() - 1].starts_with("entry\tada-e1-2026-11-26\t"),
            "{text}"
        );
        let name = &categories[0].name;
        assert_eq!(text.matches(&format!("\t{name}\t")).count(), 1, "{text}");
        // Read back, the same summaries.
        assert_eq!(summaries(&store, &catalog, None).expect("summaries"), built);
    }

    /// An index of another version, a line that does not read, entries out
    /// of order or of files that are gone: the files are read instead, with
    /// the same answers, and the index is written anew.
    #[test]
    fn a_damaged_or_other_index_is_rebuilt() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let mut assessment = sample();
        save(&store, &assessment);
        assessment.id = "ada-e1-2026-11-26".into();
        save(&store, &assessment);
        let fresh = summaries(&store, &catalog, None).expect("summaries");
        let path = dir.path().join(INDEX_DIR).join("ada.tsv");
        let good = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = good.lines().collect();
        let (first, second) = (lines[lines.len() - 2], lines[lines.len() - 1]);
        let swapped = good.replace(&format!("{first}\n{second}"), &format!("{second}\n{first}"));
        let gone = good.replace(
            first,
            &first.replace("ada-e1-2026-11-25", "ada-e1-2026-11-20"),
        );
        let older = good.replacen(&format!("\t{INDEX_VERSION}\n"), "\t4\n", 1);
        let json = "{\"version\":4,\"entries\":{}}".to_string();
        for damaged in [swapped, gone, older, json] {
            assert_ne!(damaged, good);
            std::fs::write(&path, &damaged).expect("write");
            assert_eq!(summaries(&store, &catalog, None).expect("summaries"), fresh);
            assert_eq!(std::fs::read_to_string(&path).expect("read"), good);
        }
    }

    /// The index files of earlier versions are removed by the next full
    /// read; the journal's cache beside them is left alone.
    #[test]
    fn index_files_of_earlier_versions_are_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        save(&store, &sample());
        let index = dir.path().join(INDEX_DIR);
        std::fs::create_dir_all(index.join("journal")).expect("journal cache");
        std::fs::write(index.join("journal/ada.json"), "{}").expect("write");
        std::fs::write(index.join("ada.json"), "{\"version\":4}").expect("write");
        summaries(&store, &catalog(), Some("Ada")).expect("summaries");
        assert!(index.join("ada.json").exists(), "a person's read leaves it");
        summaries(&store, &catalog(), None).expect("summaries");
        assert!(!index.join("ada.json").exists());
        assert!(index.join("ada.tsv").exists());
        assert!(index.join("journal/ada.json").exists());
    }

    /// `sort` orders by the comparison, keeping equal ones as they came.
    #[test]
    fn summaries_sort_by_any_order_and_keep_ties() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
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
        let store = Store::new(dir.path());
        let assessment = sample();
        save(&store, &assessment);
        let theirs = store.location(&assessment).expect("path");
        let copy = store
            .assessments_dir()
            .join(format!("{}.toml", assessment.id));
        std::fs::copy(&theirs, &copy).expect("copy");

        let fresh = Store::new(dir.path());
        assert_eq!(fresh.find(&assessment.id).expect("find"), Some(copy));
        // Once with the index built, once from it as it stands.
        for _ in 0..2 {
            let fresh = Store::new(dir.path());
            summaries(&fresh, &catalog(), Some("Ada")).expect("summaries");
            assert_eq!(
                fresh.find(&assessment.id).expect("find"),
                Some(theirs.clone())
            );
        }
    }

    /// `Work` for one folder of `store`, every folder settled (or none).
    fn folder_work<'a>(
        store: &'a Store,
        catalog: &'a Catalog,
        fingerprints: &'a BTreeMap<&'a str, u64>,
        settled: bool,
    ) -> Work<'a> {
        Work {
            data_dir: store.data_dir(),
            catalog,
            fingerprints,
            where_found: true,
            settled_before: match settled {
                true => SystemTime::now() + Duration::from_secs(3600),
                false => SystemTime::UNIX_EPOCH,
            },
        }
    }

    fn index_of(store: &Store, folder: &Folder) -> Entries {
        let path = index_path(store.data_dir(), folder);
        format::parse(&std::fs::read(path).expect("index"))
    }

    fn ids(done: &Done) -> Vec<&str> {
        done.summaries.iter().map(|s| s.id.as_str()).collect()
    }

    /// A settled folder is looked at by name, not listed, while nothing
    /// was added, removed or renamed in it; a file edited in place, one
    /// added or one removed is seen all the same, and an index that names
    /// anything but the folder's own files is not followed.
    #[test]
    fn a_settled_folder_is_listed_again_only_once_it_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let fingerprints = BTreeMap::from([(
            "platform-engineering",
            fingerprint(&catalog.entries()[0].framework),
        )]);
        let work = folder_work(&store, &catalog, &fingerprints, true);
        let mut assessment = sample();
        for id in ["ada-1", "ada-2"] {
            assessment.id = id.into();
            save(&store, &assessment);
        }
        let folder = store.folders(Some("Ada")).expect("folders").remove(1);

        let done = work.folder(&folder);
        assert_eq!(
            (ids(&done), done.warnings.len()),
            (vec!["ada-1", "ada-2"], 0)
        );
        let index = index_of(&store, &folder);
        let stamp = Stamp::of(&std::fs::metadata(&folder.path).expect("meta"));
        assert_eq!(index.listed, Some(stamp));
        assert!(work.as_listed(&folder, &index));
        let again = work.folder(&folder);
        assert_eq!(again.summaries, done.summaries);
        assert_eq!(again.found, done.found);

        // Edited in place: the folder is as it was, the file is not.
        let path = store.location(&assessment).expect("path");
        crate::testing::edit_in_place_keeping_the_time(&path, "\"Ada\"", "\"Eve\"");
        assert!(!work.as_listed(&folder, &index_of(&store, &folder)));
        let edited = work.folder(&folder);
        assert_eq!(&*edited.summaries[1].person, "Eve");
        assert!(work.as_listed(&folder, &index_of(&store, &folder)));

        // Added, removed: the folder's times move.
        assessment.id = "ada-3".into();
        save(&store, &assessment);
        assert!(!work.as_listed(&folder, &index_of(&store, &folder)));
        assert_eq!(ids(&work.folder(&folder)), ["ada-1", "ada-2", "ada-3"]);
        std::fs::remove_file(folder.path.join("ada-1.toml")).expect("remove");
        assert_eq!(ids(&work.folder(&folder)), ["ada-2", "ada-3"]);
        assert!(work.as_listed(&folder, &index_of(&store, &folder)));

        // An index naming a file elsewhere, or one file twice.
        let text = std::fs::read_to_string(index_path(store.data_dir(), &folder)).expect("read");
        let entry = text
            .lines()
            .find(|l| l.starts_with("entry\tada-2\t"))
            .expect("entry");
        for hostile in [
            text.replace("entry\tada-2\t", "entry\t../ada/ada-2\t"),
            text.replace(entry, &format!("{entry}\n{entry}")),
        ] {
            let entries = format::parse(hostile.as_bytes());
            assert!(entries.listed.is_some() && entries.len() >= 2, "{hostile}");
            assert!(!work.as_listed(&folder, &entries), "{hostile}");
        }
    }

    /// A folder changed lately, or holding anything but assessment files,
    /// is listed every time: its warnings are given every time.
    #[test]
    fn a_folder_lately_changed_or_with_strays_is_listed_every_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path());
        let catalog = catalog();
        let fingerprints = BTreeMap::new();
        let assessment = sample();
        save(&store, &assessment);
        let folder = store.folders(Some("Ada")).expect("folders").remove(1);

        let lately = folder_work(&store, &catalog, &fingerprints, false);
        assert_eq!(ids(&lately.folder(&folder)), [assessment.id.as_str()]);
        assert_eq!(index_of(&store, &folder).listed, None);

        let work = folder_work(&store, &catalog, &fingerprints, true);
        std::fs::create_dir(folder.path.join("stray.toml")).expect("dir");
        std::fs::write(folder.path.join("damaged.toml"), "person = [").expect("write");
        for _ in 0..2 {
            let done = work.folder(&folder);
            assert_eq!(ids(&done), [assessment.id.as_str()]);
            assert_eq!(done.warnings.len(), 2, "{:?}", done.warnings);
            assert_eq!(index_of(&store, &folder).listed, None);
        }
        std::fs::remove_dir(folder.path.join("stray.toml")).expect("rmdir");
        std::fs::remove_file(folder.path.join("damaged.toml")).expect("rm");
        std::fs::write(folder.path.join(".rungs-x+1.tmp"), "").expect("temp");
        work.folder(&folder);
        assert_eq!(index_of(&store, &folder).listed, None);
    }

    const PINNED_FINGERPRINT: &str = "a6d7723d1b47586b";
}
