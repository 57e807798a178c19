//! What `list`, the lookups of "the latest" and `progress` know of each
//! assessment without reading its file: a [`Summary`], kept in the summary
//! index (see [`index`]) and rebuilt from the file whenever it changes.

pub mod index;
pub mod latest;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::assessment::{self, Assessment, AssessmentKind, Status, Timestamp};
use crate::framework::Framework;
use crate::report::gap::{Gap, Row};

pub use index::{Stamped, by_folder, forget, of_person, stamped, summaries};

/// What `list` shows of an assessment, and what lookups filter on.
///
/// The names in it (person, assessor, framework, archetypes) are shared:
/// a folder's assessments nearly all name the same few, and the summaries
/// read from one index file keep one copy of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub id: String,
    pub person: Arc<str>,
    pub assessor: Option<Arc<str>>,
    pub framework: Arc<str>,
    pub role: Arc<str>,
    pub to: Option<Arc<str>>,
    /// A full assessment or a check-in (the cores of both roles only).
    pub kind: AssessmentKind,
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
    /// last two, without reading their files.
    pub categories: Categories,
}

/// What names a category of the gap report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Label {
    /// The category's name, or the section's for free groups.
    pub name: String,
    pub section: String,
    pub category: Option<String>,
}

/// The per-category met counts of an assessment's gap report, compactly:
/// each category is its label (shared by every summary of one index file)
/// and four numbers.
#[derive(Debug, Clone, Default)]
pub struct Categories {
    pub(super) labels: Arc<[Label]>,
    pub(super) counts: Vec<Count>,
}

/// A category's label (its place in [`Categories::labels`]), current
/// met, current total, next met, next total.
type Count = [u32; 5];

/// The same rows, whichever labels each happens to share.
impl PartialEq for Categories {
    fn eq(&self, other: &Categories) -> bool {
        self.rows() == other.rows()
    }
}

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
        let labels = rows
            .into_iter()
            .map(|row| Label {
                name: row.name,
                section: row.section,
                category: row.category,
            })
            .collect();
        Categories { labels, counts }
    }

    /// Each category's label with its current met, current total, next
    /// met and next total, borrowed: [`Categories::rows`] without a copy
    /// of any name.
    pub fn counts(&self) -> impl Iterator<Item = (&Label, [usize; 4])> {
        self.counts.iter().filter_map(|&[label, counts @ ..]| {
            let label = self.labels.get(usize::try_from(label).ok()?)?;
            Some((label, counts.map(|n| n as usize)))
        })
    }

    /// The rows of the gap report's per-category table. A count whose
    /// label is not there (an index file edited by hand) is left out.
    pub fn rows(&self) -> Vec<Row> {
        self.counts
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
        target.map(|t| Arc::from(t.code.as_str())),
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
            kind: assessment.kind,
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
        assessment::view(self.assessor.as_deref())
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// "Ada (self)", or "Ada, as seen by Grace (manager)".
    pub fn who(&self) -> String {
        assessment::who(&self.person, self.assessor.as_deref())
    }
}

/// Sorts summaries by `compare`, keeping equal ones in the order they came.
pub fn sort(
    summaries: &mut Vec<Summary>,
    compare: impl Fn(&Summary, &Summary) -> std::cmp::Ordering,
) {
    // A summary is a few hundred bytes: sort their places, then move each
    // once.
    let mut order: Vec<usize> = (0..summaries.len()).collect();
    order.sort_by(|&a, &b| compare(&summaries[a], &summaries[b]));
    let mut slots: Vec<Option<Summary>> = std::mem::take(summaries).into_iter().map(Some).collect();
    *summaries = order
        .into_iter()
        .filter_map(|n| slots.get_mut(n)?.take())
        .collect();
}

/// A time in the index: seconds, nanoseconds and the offset as numbers,
/// which read far faster than RFC 3339 text.
pub(crate) mod time {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub type Parts = (i64, u32, i32);

    pub fn parts(time: &DateTime<FixedOffset>) -> Parts {
        (
            time.timestamp(),
            time.timestamp_subsec_nanos(),
            time.offset().local_minus_utc(),
        )
    }

    pub fn from_parts((seconds, nanos, offset): Parts) -> Option<DateTime<FixedOffset>> {
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_timestamp(seconds, nanos)?.with_timezone(&offset))
    }

    pub fn serialize<S: Serializer>(
        time: &DateTime<FixedOffset>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        parts(time).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<DateTime<FixedOffset>, D::Error> {
        from_parts(Parts::deserialize(deserializer)?)
            .ok_or_else(|| serde::de::Error::custom("not a time"))
    }
}

pub(crate) mod optional_time {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::time::{Parts, from_parts, parts};

    pub fn serialize<S: Serializer>(
        time: &Option<DateTime<FixedOffset>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        time.as_ref().map(parts).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        match Option::<Parts>::deserialize(deserializer)? {
            None => Ok(None),
            Some(parts) => from_parts(parts)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("not a time")),
        }
    }
}
