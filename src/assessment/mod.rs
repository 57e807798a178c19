//! An assessment: one person's (or one assessor's view of one person's)
//! ratings and evidence against a framework's statements, and its file.
//!
//! The file is TOML, readable and diff-friendly, so a person can keep their
//! data directory in git. Ratings are keyed by statement id; answers for ids
//! the framework no longer has are kept as they are, never dropped.

pub mod answers;
mod check;
pub mod store;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, FileKind, InvalidFile, SourceFile};
use crate::error::Error;
use crate::framework::{Archetype, Framework};

/// The newest assessment file format this build reads and writes.
/// Version 2 added `kind`: a check-in is written as version 2, so a build
/// that does not know check-ins refuses it with "upgrade" instead of
/// reading it as a full assessment with most statements unanswered; a
/// full assessment is still written as version 1.
pub const FORMAT_VERSION: i64 = 2;

/// The format version a new assessment of `kind` is written in: the
/// oldest that holds it.
pub fn format_version_for(kind: AssessmentKind) -> i64 {
    match kind {
        AssessmentKind::Full => 1,
        AssessmentKind::CheckIn => 2,
    }
}

/// What an assessment walks: every statement of both roles, or only
/// their cores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentKind {
    /// Every statement of the current role and of the next one.
    #[default]
    Full,
    /// The core of each: the quarterly check-in. Its readiness is
    /// indicative, from a few statements.
    CheckIn,
}

impl AssessmentKind {
    /// `full` or `check-in`: the word files, scripts and tables use.
    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentKind::Full => "full",
            AssessmentKind::CheckIn => "check-in",
        }
    }

    pub fn is_full(&self) -> bool {
        *self == AssessmentKind::Full
    }
}

impl std::fmt::Display for AssessmentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point in time as stored: RFC 3339 with the local offset.
pub type Timestamp = DateTime<FixedOffset>;

/// The current time with the local offset, to the second.
pub fn now() -> Timestamp {
    let now = chrono::Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// A date written `YYYY-MM-DD`, a year from 0000 to 9999, and nothing
/// else: every date rungs reads, from a flag, a prompt or a file.
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

/// An optional date in a file, as [`parse_date`] reads it.
fn day_option<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<chrono::NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_date(&text).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "`{text}` is not a date: expected YYYY-MM-DD, a year from 0000 to 9999"
        ))
    })
}

/// Times in files read `2026-11-25T10:00:00+01:00`: RFC 3339, whole
/// seconds, and the offset written out even when it is zero.
mod rfc3339 {
    use chrono::SecondsFormat;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Timestamp;

    pub fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        chrono::DateTime::parse_from_rfc3339(&text).map_err(|error| {
            serde::de::Error::custom(format!("`{text}` is not an RFC 3339 time: {error}"))
        })
    }

    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        use super::Timestamp;

        pub fn serialize<S: Serializer>(
            at: &Option<Timestamp>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match at {
                Some(at) => super::serialize(at, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Timestamp>, D::Error> {
            #[derive(Deserialize)]
            struct Wrapped(#[serde(with = "super")] Timestamp);
            Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(at)| at))
        }
    }
}

/// One assessment, as stored in `<data dir>/assessments/<id>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// File format version; see [`FORMAT_VERSION`].
    pub format_version: i64,
    /// The file name without `.toml`; unique in a data directory.
    pub id: String,
    /// Id of the framework the statements come from.
    pub framework: String,
    /// Version of that framework when the assessment started.
    pub framework_version: String,
    /// Whose career this is about.
    pub person: String,
    /// Who gave the ratings, when it is not the person: "Grace (manager)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    /// Code of the current role.
    pub role: String,
    /// Code of the next archetype assessed against; none at the top.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A check-in (`kind = "check-in"`, format version 2) walks only the
    /// core of each role; a full assessment, the default, walks every
    /// statement.
    #[serde(default, skip_serializing_if = "AssessmentKind::is_full")]
    pub kind: AssessmentKind,
    /// Section ids walked; all sections when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<String>>,
    #[serde(with = "rfc3339")]
    pub started: Timestamp,
    #[serde(with = "rfc3339")]
    pub updated: Timestamp,
    /// Set when every statement has been answered (or the answers file
    /// was recorded); absent while in progress.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rfc3339::option"
    )]
    pub completed: Option<Timestamp>,
    /// When it was imported with `rungs import` from another data
    /// directory; absent for an assessment recorded here.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rfc3339::option"
    )]
    pub imported: Option<Timestamp>,
    /// Free text about the assessment as a whole.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Up to three agreed focus areas, each with an action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus: Vec<Focus>,
    /// Answers by statement id.
    #[serde(default)]
    pub ratings: BTreeMap<String, Answer>,
}

/// The most open focus areas an assessment holds: a plan, not a wish
/// list. Closed ones (done, dropped) stay as its history.
pub const MAX_FOCUS: usize = 3;

/// An agreed focus: a statement or a category to work on, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Focus {
    /// A statement id, or the id of a category or section of the
    /// framework: `lse.arch.2`, `collaboration`, `skills`.
    pub target: String,
    /// What will be done, in a sentence.
    pub action: String,
    /// When it should be done by.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "day_option"
    )]
    pub due: Option<chrono::NaiveDate>,
    /// When it was recorded.
    #[serde(with = "rfc3339")]
    pub agreed: Timestamp,
    /// When it was closed as done (`rungs focus --done N`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rfc3339::option"
    )]
    pub done: Option<Timestamp>,
    /// When it was closed as dropped (`rungs focus --dropped N`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rfc3339::option"
    )]
    pub dropped: Option<Timestamp>,
}

impl Focus {
    /// Neither done nor dropped: it carries over to the next assessment.
    pub fn is_open(&self) -> bool {
        self.done.is_none() && self.dropped.is_none()
    }
}

impl Assessment {
    /// How many focus areas are open: at most [`MAX_FOCUS`].
    pub fn open_focus(&self) -> usize {
        self.focus.iter().filter(|f| f.is_open()).count()
    }
}

/// The answer to one statement: a rating, skipped (neither a rating nor
/// `no_opportunity`), or no opportunity yet (the situation has not arisen;
/// counted as not met). Evidence is optional whichever it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StoredAnswer")]
pub struct Answer {
    /// A value of the framework's scale; absent when the statement was
    /// skipped or had no opportunity yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<u8>,
    /// The situation has not arisen yet: no incident to lead, no
    /// reorganisation. Never together with a rating.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_opportunity: bool,
    /// What the person can point to; may run over several lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// When it was answered.
    #[serde(with = "rfc3339")]
    pub at: Timestamp,
}

/// An answer as the file holds it, before the rule that a rating and
/// `no_opportunity` exclude each other is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredAnswer {
    #[serde(default)]
    rating: Option<u8>,
    #[serde(default)]
    no_opportunity: bool,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(with = "rfc3339")]
    at: Timestamp,
}

impl TryFrom<StoredAnswer> for Answer {
    type Error = String;

    fn try_from(stored: StoredAnswer) -> Result<Answer, String> {
        if stored.rating.is_some() && stored.no_opportunity {
            return Err(
                "an answer has either a `rating` or `no_opportunity = true`, not both".into(),
            );
        }
        Ok(Answer {
            rating: stored.rating,
            no_opportunity: stored.no_opportunity,
            evidence: stored.evidence,
            at: stored.at,
        })
    }
}

/// What an answer says, without its evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rated(u8),
    Skipped,
    NoOpportunity,
}

impl Kind {
    /// `rated`, `skipped` or `no-opportunity`: the word scripts see.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rated(_) => "rated",
            Kind::Skipped => "skipped",
            Kind::NoOpportunity => "no-opportunity",
        }
    }
}

impl Answer {
    /// A new answer of this kind.
    pub fn new(kind: Kind, evidence: Option<String>, at: Timestamp) -> Answer {
        Answer {
            rating: match kind {
                Kind::Rated(value) => Some(value),
                _ => None,
            },
            no_opportunity: kind == Kind::NoOpportunity,
            evidence,
            at,
        }
    }

    pub fn kind(&self) -> Kind {
        match (self.rating, self.no_opportunity) {
            (Some(value), _) => Kind::Rated(value),
            (None, true) => Kind::NoOpportunity,
            (None, false) => Kind::Skipped,
        }
    }
}

/// How far an assessment got: in progress until every statement of its
/// scope has an answer (a rating, skipped, or no opportunity yet); then
/// complete, or partial when only some sections were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    InProgress,
    Complete,
    Partial,
}

impl Status {
    /// What the file says when its framework is not loaded, so its
    /// statements cannot be counted: complete once it has a completion
    /// time.
    pub fn stored(completed: Option<&Timestamp>) -> Status {
        if completed.is_some() {
            Status::Complete
        } else {
            Status::InProgress
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::InProgress => "in progress",
            Status::Complete => "complete",
            Status::Partial => "partial",
        }
    }

    /// Complete or partial: every statement of its scope has an answer.
    pub fn is_finished(self) -> bool {
        self != Status::InProgress
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whose view an assessment is: the assessor's name, or "self".
pub fn view(assessor: Option<&str>) -> &str {
    assessor.unwrap_or("self")
}

/// A name (a person's, an assessor's) is one line: it heads reports and
/// fills a cell of `list`, where a line break would print what looks like
/// a line of its own. Other control characters, a carriage return among
/// them, are shown as escapes wherever a name is printed.
pub fn is_one_line(name: &str) -> bool {
    !name.contains('\n')
}

/// A name given with `flag` on the command line, refused when it is not
/// [one line](is_one_line).
pub fn check_name_flag(flag: &str, name: &str) -> Result<(), Error> {
    if is_one_line(name) {
        return Ok(());
    }
    Err(Error::Usage {
        message: format!("`{flag}` is on more than one line"),
        help: "a name is one line: give it without line breaks".into(),
    })
}

/// Why a name cannot be an assessor's: empty, or `self` in any case and
/// with any spaces around it, which is what reports call the person's own
/// view. Either would show two different views under one name ("by self"
/// for both), so both are refused wherever an assessor is given: a flag,
/// an answers file, a stored or imported assessment. The person's own
/// view has no assessor at all.
pub fn assessor_problem(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        Some("is empty")
    } else if name.eq_ignore_ascii_case("self") {
        Some("is `self`, the name reports give the person's own view")
    } else {
        None
    }
}

/// What to do about an [`assessor_problem`].
pub const ASSESSOR_HELP: &str = "leave the assessor out for the person's own view, or give the name of whoever gave the ratings";

/// Evidence as stored: line endings made `\n`, spaces at the ends of
/// lines and blank lines at either end removed; `None` when nothing is
/// left. Lines in between, blank ones included, are kept.
pub fn evidence(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| line.trim_end_matches([' ', '\t', '\r']))
        .collect();
    let text = lines.join("\n");
    let text = text.trim_matches('\n');
    let text = text.trim_start_matches([' ', '\t']);
    (!text.is_empty()).then(|| text.to_string())
}

/// A value for a shell, quoted when it needs to be: `Ada`, `"Grace
/// (manager)"`.
pub fn shell_word(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '@'));
    if plain {
        return value.to_string();
    }
    let mut quoted = String::from("\"");
    for c in value.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// "Ada (self)", or "Ada, as seen by Grace (manager)".
pub fn who(person: &str, assessor: Option<&str>) -> String {
    match assessor {
        Some(assessor) => format!("{person}, as seen by {assessor}"),
        None => format!("{person} (self)"),
    }
}

/// One statement on the walk, in order: the current role's statements,
/// then the next archetype's.
#[derive(Debug, Clone, Copy)]
pub struct WalkItem<'a> {
    pub archetype: &'a Archetype,
    pub group: &'a crate::framework::Group,
    pub statement: &'a crate::framework::Statement,
}

impl Assessment {
    /// The statements this assessment covers, in walk order: every
    /// statement of the current role, then of the next archetype (only
    /// their cores for a check-in), limited to the chosen sections.
    pub fn walk<'a>(&self, framework: &'a Framework) -> Vec<WalkItem<'a>> {
        let mut items = Vec::new();
        let sections = self.chosen_sections();
        let codes = std::iter::once(self.role.as_str()).chain(self.to.as_deref());
        for code in codes {
            let Ok(archetype) = framework.archetype(code) else {
                continue;
            };
            for (group, statement) in archetype.statements() {
                let section = framework.sections[group.section].id.as_str();
                if sections.as_ref().is_none_or(|s| s.contains(section))
                    && self.covers(archetype, &statement.id)
                {
                    items.push(WalkItem {
                        archetype,
                        group,
                        statement,
                    });
                }
            }
        }
        items
    }

    /// True when the assessment rates statement `id` of `archetype`:
    /// every statement for a full assessment, the core for a check-in.
    pub fn covers(&self, archetype: &Archetype, id: &str) -> bool {
        self.kind.is_full() || archetype.is_core(id)
    }

    pub fn is_check_in(&self) -> bool {
        self.kind == AssessmentKind::CheckIn
    }

    /// The status, from the answers and the framework: in progress while
    /// any statement of the walk has no answer; partial when sections were
    /// chosen and they leave some of the framework's sections out.
    pub fn status(&self, framework: &Framework) -> Status {
        let items = self.walk(framework);
        self.status_of(framework, &items)
    }

    /// [`Assessment::status`] over a walk already computed.
    pub fn status_of(&self, framework: &Framework, items: &[WalkItem<'_>]) -> Status {
        self.status_given(framework, self.answered(items), items.len())
    }

    /// [`Assessment::status`] with `answered` of the walk's `total`
    /// statements answered, as already counted.
    pub fn status_given(&self, framework: &Framework, answered: usize, total: usize) -> Status {
        if answered < total {
            return Status::InProgress;
        }
        let every_section = self.sections.as_ref().is_none_or(|chosen| {
            framework
                .sections
                .iter()
                .all(|section| chosen.contains(&section.id))
        });
        if every_section {
            Status::Complete
        } else {
            Status::Partial
        }
    }

    /// Records the moment an assessment became complete (or partial): call
    /// after a change, with the status it had before. An assessment that
    /// was already finished keeps its time; one whose file claimed a time
    /// while statements were unanswered gets the real one.
    pub fn settle(&mut self, framework: &Framework, before: Status, at: Timestamp) {
        if !before.is_finished() && self.status(framework).is_finished() {
            self.completed = Some(at);
        }
    }

    /// How many of `items` have an answer: a rating, skipped, or no
    /// opportunity yet.
    pub fn answered(&self, items: &[WalkItem<'_>]) -> usize {
        items
            .iter()
            .filter(|item| self.ratings.contains_key(&item.statement.id))
            .count()
    }

    /// The sections chosen, as a set (so a walk stays linear however
    /// many there are); `None` for all.
    pub fn chosen_sections(&self) -> Option<std::collections::HashSet<&str>> {
        self.sections
            .as_ref()
            .map(|sections| sections.iter().map(String::as_str).collect())
    }

    /// How many of `items` carry a rating.
    pub fn rated(&self, items: &[WalkItem<'_>]) -> usize {
        items
            .iter()
            .filter(|item| self.rating(&item.statement.id).is_some())
            .count()
    }

    /// [`Assessment::rated`] and [`Assessment::answered`] in one pass,
    /// each statement's answer looked up once.
    pub fn rated_and_answered(&self, items: &[WalkItem<'_>]) -> (usize, usize) {
        let (mut rated, mut answered) = (0, 0);
        for item in items {
            if let Some(answer) = self.ratings.get(&item.statement.id) {
                answered += 1;
                rated += usize::from(answer.rating.is_some());
            }
        }
        (rated, answered)
    }

    pub fn rating(&self, id: &str) -> Option<u8> {
        self.ratings.get(id).and_then(|answer| answer.rating)
    }

    /// Index of the first statement with no answer at all (neither rated
    /// nor skipped): where a resumed walk starts.
    pub fn first_unanswered(&self, items: &[WalkItem<'_>]) -> Option<usize> {
        items
            .iter()
            .position(|item| !self.ratings.contains_key(&item.statement.id))
    }

    /// Whose view this is: the assessor, or "self".
    pub fn view(&self) -> &str {
        view(self.assessor.as_deref())
    }

    /// "Ada (self)", or "Ada, as seen by Grace (manager)".
    pub fn who(&self) -> String {
        who(&self.person, self.assessor.as_deref())
    }

    /// Parses a stored assessment, refusing a newer format version (read
    /// on its own when the full shape does not fit, so the message says to
    /// upgrade rather than naming an unknown field).
    pub fn parse(source: &SourceFile) -> Result<Assessment, Vec<Diagnostic>> {
        #[derive(Deserialize)]
        struct Probe {
            format_version: Option<Spanned<i64>>,
        }
        let version_problem = |version: Option<Spanned<i64>>| {
            match version {
            None => Some(
                Diagnostic::new(0..0, "missing `format_version`")
                    .label("not an assessment file of rungs")
                    .help("restore the file from a backup, or move it out of the assessments directory"),
            ),
            Some(version) if *version.get_ref() > FORMAT_VERSION => Some(
                Diagnostic::new(
                    version.span(),
                    format!(
                        "this assessment uses format version {}, newer than this rungs reads",
                        version.get_ref()
                    ),
                )
                .label(format!("this rungs reads format version {FORMAT_VERSION}"))
                .help("upgrade rungs to read it; the file is left as it is"),
            ),
            Some(version) if *version.get_ref() < 1 => Some(
                Diagnostic::new(
                    version.span(),
                    format!("format version {} does not exist", version.get_ref()),
                )
                .label("format versions start at 1")
                .help(format!("this rungs writes format version {FORMAT_VERSION}; restore the file from a backup")),
            ),
            Some(_) => None,
        }
        };
        let probe = |text: &str| toml::from_str::<Probe>(text).ok().map(|p| p.format_version);
        // Never half of each side of a merge, even where the markers fall
        // inside a text that would parse.
        if let Some(conflict) = crate::diagnostic::merge_conflict(source) {
            return Err(vec![conflict]);
        }
        match toml::from_str::<Assessment>(&source.text) {
            Ok(assessment) if assessment.format_version < 2 && !assessment.kind.is_full() => {
                let at = source.text.find("kind").unwrap_or(0);
                Err(vec![
                    Diagnostic::new(at..at + 4, "`kind` needs assessment format version 2")
                        .label(format!(
                            "this file says `format_version = {}`",
                            assessment.format_version
                        ))
                        .help("set `format_version = 2` at the top of the file"),
                ])
            }
            Ok(assessment) if (1..=FORMAT_VERSION).contains(&assessment.format_version) => {
                Ok(assessment)
            }
            Ok(_) => Err(probe(&source.text)
                .and_then(version_problem)
                .into_iter()
                .collect()),
            Err(error) => match probe(&source.text).and_then(version_problem) {
                Some(problem) => Err(vec![problem]),
                None => Err(vec![Diagnostic::from_toml(&error, source)]),
            },
        }
    }

    /// True when both hold the same assessment, whether or not either was
    /// imported (importing a file again changes nothing).
    pub fn same_as(&self, other: &Assessment) -> bool {
        let mark = |a: &Assessment| Assessment {
            imported: None,
            ..a.clone()
        };
        mark(self) == mark(other)
    }

    /// The file text: TOML with one table per answer, ordered by id.
    pub fn to_toml(&self) -> Result<String, std::io::Error> {
        toml::to_string(self).map_err(std::io::Error::other)
    }
}

/// Parses a stored assessment and checks it against its framework, when
/// that is loaded, as strictly as an answers file: every problem with its
/// line and column.
pub fn read(source: &SourceFile, catalog: &Catalog) -> Result<Assessment, Error> {
    read_checked(source, catalog, false)
}

/// [`read`] for a file being imported: its framework must be loaded.
pub fn read_import(source: &SourceFile, catalog: &Catalog) -> Result<Assessment, Error> {
    read_checked(source, catalog, true)
}

fn read_checked(
    source: &SourceFile,
    catalog: &Catalog,
    require_framework: bool,
) -> Result<Assessment, Error> {
    let invalid =
        |diagnostics| Error::from(InvalidFile::new(FileKind::Assessment, source, diagnostics));
    let assessment = Assessment::parse(source).map_err(invalid)?;
    let framework = catalog
        .find(&assessment.framework)
        .ok()
        .map(|e| &e.framework);
    check::check(source, &assessment, framework, require_framework, now()).map_err(invalid)?;
    Ok(assessment)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::Origin;

    /// The shared fixture with a non-zero offset (to check it survives a
    /// round trip), evidence with quotes, and an id the framework does not
    /// have.
    pub(crate) fn sample() -> Assessment {
        let at: Timestamp = "2026-11-25T10:00:00+01:00".parse().expect("time");
        let mut assessment = crate::testing::assessment(&[
            (
                "e1.craft.1",
                Some(4),
                Some("Shipped the \"billing\" fix with tests"),
            ),
            ("retired.1", None, None),
        ]);
        assessment.started = at;
        assessment.updated = at;
        for answer in assessment.ratings.values_mut() {
            answer.at = at;
        }
        assessment
    }

    #[test]
    fn a_file_round_trips_with_its_offsets_and_unknown_ids() {
        let assessment = sample();
        let text = assessment.to_toml().expect("toml");
        assert!(
            text.contains("started = \"2026-11-25T10:00:00+01:00\""),
            "{text}"
        );
        let source = SourceFile::new(Origin::File("a.toml".into()), text);
        assert_eq!(Assessment::parse(&source), Ok(assessment));
    }

    #[test]
    fn no_opportunity_round_trips_and_cannot_have_a_rating_too() {
        let mut assessment = sample();
        let at = assessment.started;
        assessment.ratings.insert(
            "e1.impact.1".into(),
            Answer::new(
                Kind::NoOpportunity,
                Some("No incident\nthis quarter".into()),
                at,
            ),
        );
        let text = assessment.to_toml().expect("toml");
        assert!(text.contains("no_opportunity = true"), "{text}");
        assert!(!text.contains("no_opportunity = false"), "{text}");
        let source = SourceFile::new(Origin::File("a.toml".into()), text.clone());
        assert_eq!(Assessment::parse(&source), Ok(assessment));

        let both = text.replace("no_opportunity = true", "no_opportunity = true\nrating = 2");
        let source = SourceFile::new(Origin::File("a.toml".into()), both);
        let errors = Assessment::parse(&source).expect_err("refused");
        assert!(
            errors[0].message.contains("not both"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_check_in_round_trips_in_version_two_and_is_refused_in_version_one() {
        let mut assessment = sample();
        assessment.kind = AssessmentKind::CheckIn;
        assessment.format_version = format_version_for(assessment.kind);
        let text = assessment.to_toml().expect("toml");
        assert!(text.contains("kind = \"check-in\""), "{text}");
        let source = SourceFile::new(Origin::File("a.toml".into()), text.clone());
        assert_eq!(Assessment::parse(&source), Ok(assessment));
        let old = text.replace("format_version = 2", "format_version = 1");
        let source = SourceFile::new(Origin::File("a.toml".into()), old);
        let errors = Assessment::parse(&source).expect_err("refused");
        assert_eq!(
            errors[0].message,
            "`kind` needs assessment format version 2"
        );
        let full = sample().to_toml().expect("toml");
        assert!(full.starts_with("format_version = 1\n"), "{full}");
        assert!(!full.contains("kind"), "{full}");
    }

    #[test]
    fn evidence_keeps_its_lines_and_drops_blank_ends() {
        assert_eq!(
            evidence("  \r\n one  \r\n\n  two\n\n"),
            Some("one\n\n  two".into())
        );
        assert_eq!(evidence(" \n\t\n"), None);
    }

    #[test]
    fn a_newer_format_is_refused_with_its_location() {
        let text = sample()
            .to_toml()
            .expect("toml")
            .replace("format_version = 1", "format_version = 3");
        let source = SourceFile::new(Origin::File("a.toml".into()), text);
        let errors = Assessment::parse(&source).expect_err("refused");
        assert!(errors[0].message.contains("format version 3"));
        assert_eq!(source.line_col(errors[0].span.start), (1, 18));
    }
}
