//! A manager's team in one report: who is ready, who is due, where the
//! team is thin, and where views disagree. Pure computation from each
//! person's summaries (readiness and per-category counts, from the
//! summary index) and, where the numbers are not there, their two latest
//! complete files: the person's own view (focus areas, statements met)
//! and the latest view of each other assessor (disconnects, calibration).
//! `render::team` draws it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::assessment::{Assessment, Status};
use crate::framework::Framework;
use crate::report::compare::Comparison;
use crate::summary::latest::taken;
use crate::summary::{Label, Summary};

/// Days before the end of a cycle when an assessment is due.
pub const DUE_WITHIN: i64 = 14;

/// The smallest team an aggregate is given for: fewer, and the figures
/// would say too much about each person.
pub const AGGREGATE_MIN: usize = 4;

/// One person as the command gathered them: every summary of theirs
/// (any view, any status) and the facts of the latest complete views.
#[derive(Debug)]
pub struct Gathered<'a> {
    pub summaries: Vec<&'a Summary>,
    /// What their files say beyond the summaries; `None` when their
    /// framework is not loaded or no file could be read.
    pub facts: Option<Facts>,
    /// The framework of the latest complete views, when loaded.
    pub framework: Option<&'a Framework>,
}

/// What the team view needs of a person's files, computed once from the
/// latest complete own view and the latest complete view of each other
/// assessor, and cached by the command while those files stay as they
/// are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Facts {
    /// The agreed focus areas of the own view: target, action, due.
    pub focus: Vec<(String, String, Option<NaiveDate>)>,
    /// The own view's roles, and their statements in the framework's
    /// order (see [`statements_of`]): which the assessment covers, and
    /// which it meets.
    pub role: String,
    pub to: Option<String>,
    pub held: Flags,
    pub met: Flags,
    /// Statements the own view and the latest other view rate 2 or more
    /// apart.
    pub disconnects: Option<usize>,
    /// The own view first (when there is one), then each other view.
    pub views: Vec<ViewFacts>,
    /// The statements the other views rate furthest from the own view
    /// (2 or more), at most [`PER_PERSON`], largest first: what
    /// calibration may show of this person, evidence and all, so that
    /// showing it reads no file.
    pub apart: Vec<FarApart>,
}

/// One view's ratings, and how they stand against the own view.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ViewFacts {
    pub assessment: String,
    /// `self`, or the assessor.
    pub assessor: String,
    /// Ratings given of each value.
    pub ratings: Vec<(u8, usize)>,
    /// Sum and count of (this view's rating - the own view's) over the
    /// statements both rated; none for the own view.
    pub against_own: Option<(i64, usize)>,
}

/// A statement another view rates 2 or more from the person's own.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct FarApart {
    /// The other view, as a place in [`Facts::views`].
    pub view: usize,
    pub id: String,
    pub own: u8,
    pub other: u8,
    pub own_evidence: Option<String>,
    pub other_evidence: Option<String>,
}

/// A yes or no for each of a list, packed: what a person holds and meets
/// of a path's statements, kept small in the cache.
#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Flags {
    len: usize,
    words: Vec<u64>,
}

impl Flags {
    pub fn push(&mut self, yes: bool) {
        let (word, bit) = (self.len / 64, self.len % 64);
        if word == self.words.len() {
            self.words.push(0);
        }
        if yes {
            self.words[word] |= 1 << bit;
        }
        self.len += 1;
    }

    /// The flag at `place`; no beyond the end.
    pub fn get(&self, place: usize) -> bool {
        place < self.len
            && self
                .words
                .get(place / 64)
                .is_some_and(|word| word & (1 << (place % 64)) != 0)
    }
}

/// The role's statements, then the target's: what [`Facts::held`] and
/// [`Facts::met`] are in the order of.
pub fn statements_of<'f>(
    framework: &'f Framework,
    role: &str,
    to: Option<&str>,
) -> Vec<&'f crate::framework::Statement> {
    std::iter::once(role)
        .chain(to)
        .filter_map(|code| framework.archetype(code).ok())
        .flat_map(|a| a.statements().map(|(_, s)| s))
        .collect()
}

impl Facts {
    /// From the files: the latest complete own view and the latest
    /// complete view of each other assessor, latest first.
    pub fn of(own: Option<&Assessment>, others: &[Assessment], framework: &Framework) -> Facts {
        let mut facts = Facts::default();
        if let Some(own) = own {
            facts.focus = own
                .focus
                .iter()
                .map(|f| (f.target.clone(), f.action.clone(), f.due))
                .collect();
            facts.role = own.role.clone();
            facts.to = own.to.clone();
            let walked: std::collections::HashSet<&str> = own
                .walk(framework)
                .iter()
                .map(|item| item.statement.id.as_str())
                .collect();
            for statement in statements_of(framework, &own.role, own.to.as_deref()) {
                facts.held.push(walked.contains(statement.id.as_str()));
                facts.met.push(
                    own.rating(&statement.id)
                        .is_some_and(|r| statement.is_met(r)),
                );
            }
            facts.views.push(view_facts(own, None, framework));
        }
        // Each view's disconnects, largest first and in walk order among
        // equals, with their place in that order.
        let mut apart: Vec<(u8, usize, FarApart)> = Vec::new();
        for (n, other) in others.iter().enumerate() {
            let comparison = own
                .filter(|own| own.framework == other.framework)
                .map(|own| Comparison::new(framework, own, other));
            if let Some(comparison) = &comparison {
                if n == 0 {
                    facts.disconnects = Some(comparison.disconnects().count());
                }
                apart.extend(far_apart(comparison, facts.views.len()));
            }
            facts
                .views
                .push(view_facts(other, comparison.as_ref(), framework));
        }
        // The largest over every view; among equals, the earlier in its
        // view's order, then the later view (a stable sort).
        apart.sort_by_key(|(difference, place, _)| (std::cmp::Reverse(*difference), *place));
        facts.apart = apart
            .into_iter()
            .take(PER_PERSON)
            .map(|(_, _, far)| far)
            .collect();
        facts
    }
}

/// The statements the comparison's two views rate 2 or more apart,
/// largest first (walk order among equals), each with its difference and
/// its place in that order; `view` is the second view's place in
/// [`Facts::views`].
fn far_apart(comparison: &Comparison<'_>, view: usize) -> Vec<(u8, usize, FarApart)> {
    let mut found: Vec<(u8, FarApart)> = comparison
        .disconnects()
        .filter_map(|pair| {
            let (own, other) = (pair.a?, pair.b?);
            let (own_rating, other_rating) = (own.rating?, other.rating?);
            Some((
                own_rating.abs_diff(other_rating),
                FarApart {
                    view,
                    id: pair.statement.id.clone(),
                    own: own_rating,
                    other: other_rating,
                    own_evidence: own.evidence.clone(),
                    other_evidence: other.evidence.clone(),
                },
            ))
        })
        .collect();
    found.sort_by_key(|(difference, _)| std::cmp::Reverse(*difference));
    found.truncate(PER_PERSON);
    found
        .into_iter()
        .enumerate()
        .map(|(place, (difference, far))| (difference, place, far))
        .collect()
}

fn view_facts(
    file: &Assessment,
    against: Option<&Comparison<'_>>,
    framework: &Framework,
) -> ViewFacts {
    let mut ratings: BTreeMap<u8, usize> = BTreeMap::new();
    for item in file.walk(framework) {
        if let Some(rating) = file.rating(&item.statement.id) {
            *ratings.entry(rating).or_default() += 1;
        }
    }
    let mut against_own = None;
    if let Some(comparison) = against {
        let (mut sum, mut count) = (0, 0);
        for pair in &comparison.items {
            let (Some(own), Some(other)) =
                (pair.a.and_then(|a| a.rating), pair.b.and_then(|b| b.rating))
            else {
                continue;
            };
            sum += i64::from(other) - i64::from(own);
            count += 1;
        }
        against_own = Some((sum, count));
    }
    ViewFacts {
        assessment: file.id.clone(),
        assessor: file.view().to_string(),
        ratings: ratings.into_iter().collect(),
        against_own,
    }
}

/// Whether an assessment is due, against the cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Due {
    /// No complete assessment in any view.
    Never,
    /// The latest is older than the cycle.
    Overdue,
    /// The cycle ends within [`DUE_WITHIN`] days.
    Due,
    Ok,
}

impl Due {
    pub fn as_str(self) -> &'static str {
        match self {
            Due::Never => "never",
            Due::Overdue => "overdue",
            Due::Due => "due",
            Due::Ok => "ok",
        }
    }
}

/// How the roster is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Overdue or never assessed first, then overdue focus areas, then
    /// the most disconnects, then due, then drafts.
    #[default]
    Attention,
    Name,
    /// Readiness in the person's own view, highest first.
    Readiness,
    /// The longest since the latest assessment first.
    Due,
}

/// What the team view is computed with.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day the view is as of.
    pub today: NaiveDate,
    /// Days between assessments.
    pub cycle: u32,
    pub sort: Sort,
}

/// The team view.
#[derive(Debug, Serialize)]
pub struct Team {
    pub as_of: NaiveDate,
    pub cycle_days: u32,
    pub people: Vec<Member>,
    pub heatmap: Heatmap,
    pub gaps: Gaps,
    pub calibration: Calibration,
}

thread_local! {
    /// The name of every own view, shared.
    static SELF: Arc<str> = Arc::from(crate::assessment::view(None));
}

/// One view of a person: their own, or another assessor's.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub assessment: String,
    /// `self`, or the assessor's name.
    pub assessor: Arc<str>,
    pub role: Arc<str>,
    pub target: Option<Arc<str>>,
    pub readiness: Option<u8>,
    pub completed: NaiveDate,
    pub imported: bool,
}

impl View {
    fn of(summary: &Summary) -> View {
        View {
            assessment: summary.id.clone(),
            assessor: match &summary.assessor {
                Some(assessor) => assessor.clone(),
                None => SELF.with(Arc::clone),
            },
            role: summary.role.clone(),
            target: summary.target.clone(),
            readiness: summary.readiness,
            completed: taken(summary).date_naive(),
            imported: summary.imported.is_some(),
        }
    }
}

/// A row of the roster.
#[derive(Debug, Serialize)]
pub struct Member {
    pub person: Arc<str>,
    /// From the latest assessment in any view.
    pub role: Arc<str>,
    pub target: Option<Arc<str>>,
    /// The latest complete own view.
    #[serde(rename = "self")]
    pub own: Option<View>,
    /// The latest complete view by someone else (a manager's).
    pub other: Option<View>,
    /// The latest complete assessment in either view.
    pub latest: Option<NaiveDate>,
    /// Days from `latest` to the day counted from; 0 when it is later.
    pub days_since: Option<i64>,
    pub due: Due,
    /// Assessments in progress, in any view.
    pub drafts: usize,
    /// The agreed focus areas of the latest own view.
    pub focus: Vec<OpenFocus>,
    /// Statements the two views rate 2 or more apart; null without both.
    pub disconnects: Option<usize>,
}

impl Member {
    pub fn overdue_focus(&self) -> usize {
        self.focus.iter().filter(|f| f.overdue).count()
    }
}

/// An agreed focus area still open.
#[derive(Debug, Clone, Serialize)]
pub struct OpenFocus {
    pub target: String,
    /// What the target is called: a category's name, a statement's text.
    pub name: Option<String>,
    pub action: String,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
}

/// Category × person: the share of the target role's statements met, in
/// each person's own latest complete view.
#[derive(Debug, Serialize)]
pub struct Heatmap {
    /// The categories every person's target has, in the ladder's order.
    pub categories: Vec<Column>,
    /// Categories some targets have and others do not: left out.
    pub not_shared: Vec<String>,
    /// The targets compared, with how many people have each.
    pub targets: Vec<(String, usize)>,
    pub rows: Vec<HeatRow>,
    /// People with no complete own view: not on the map.
    pub missing: Vec<String>,
}

/// A category of the heatmap.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// A short key for narrow tables: the category's (or section's) id.
    pub key: String,
    pub name: String,
    pub section: String,
    pub category: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HeatRow {
    pub person: Arc<str>,
    pub target: Option<Arc<str>>,
    /// One per column.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Cell {
    pub met: usize,
    pub total: usize,
    /// 0 to 100, rounded down; null when the category is empty.
    pub share: Option<u8>,
}

impl Cell {
    fn new(met: usize, total: usize) -> Cell {
        Cell {
            met,
            total,
            share: share(met, total),
        }
    }
}

fn share(met: usize, total: usize) -> Option<u8> {
    (total > 0).then(|| u8::try_from(met * 100 / total).unwrap_or(100))
}

/// Where the team is thin.
#[derive(Debug, Serialize)]
pub struct Gaps {
    /// The heatmap's categories, weakest across the team first.
    pub weakest: Vec<Weak>,
    /// Statements met by exactly one of the people whose roles have them.
    pub single: Vec<Holders>,
    /// Statements met by none of the people whose roles have them.
    pub nobody: Vec<Holders>,
    /// What the open focus areas cover, by target.
    pub focus: Vec<Covered>,
    /// The three weakest categories no open focus area names.
    pub uncovered: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Weak {
    pub name: String,
    pub met: usize,
    pub total: usize,
    pub share: Option<u8>,
    /// People with less than half of the category met.
    pub below_half: usize,
}

#[derive(Debug, Serialize)]
pub struct Holders {
    pub id: String,
    pub text: String,
    /// Who meets it.
    pub met_by: Vec<String>,
    /// How many people's roles have it.
    pub of: usize,
}

#[derive(Debug, Serialize)]
pub struct Covered {
    pub target: String,
    pub name: Option<String>,
    pub people: Vec<String>,
}

/// How each assessor rates, beside the people's own views.
#[derive(Debug, Serialize)]
pub struct Calibration {
    pub assessors: Vec<Assessor>,
    /// The statements rated furthest apart, largest first.
    pub largest: Vec<Apart>,
}

#[derive(Debug, Serialize)]
pub struct Assessor {
    /// `self` for the people's own views.
    pub name: String,
    pub people: usize,
    /// How many ratings of each value of the scale they gave.
    pub ratings: BTreeMap<u8, usize>,
    /// The mean readiness of the people they rated, in their view.
    pub readiness: Option<u8>,
    /// The mean readiness of the same people in their own views.
    pub own_readiness: Option<u8>,
    /// Their rating minus the own view's, on statements both rated,
    /// averaged; null for `self`.
    pub against_self: Option<f64>,
    /// `higher`, `lower` or `in line` than the own views.
    pub leaning: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Apart {
    pub person: String,
    pub assessor: String,
    /// The two assessments.
    #[serde(rename = "self_assessment")]
    pub own_assessment: String,
    pub other_assessment: String,
    pub id: String,
    pub text: String,
    #[serde(rename = "self")]
    pub own: u8,
    pub other: u8,
    pub difference: u8,
    pub own_evidence: Option<String>,
    pub other_evidence: Option<String>,
}

/// How far from the own views an assessor must lean, on average, to be
/// said to rate higher or lower.
const LEANING: f64 = 0.25;

/// The largest gaps kept for calibration, and at most how many of one
/// person's. [`Facts`] keep `PER_PERSON` of each person's in the team
/// view's cache: a change to it must come with a new version of that
/// cache.
pub const LARGEST: usize = 10;
pub const PER_PERSON: usize = 3;

impl Team {
    pub fn compute(people: &[Gathered<'_>], options: &Options) -> Team {
        // Focus areas' names, worked out once a framework and target:
        // many people name the same few categories.
        let mut names: HashMap<(usize, &str), Option<String>> = HashMap::new();
        let mut members: Vec<(Member, &Gathered<'_>)> = people
            .iter()
            .filter_map(|p| member(p, options, &mut names).map(|m| (m, p)))
            .collect();
        sort(&mut members, options.sort);
        let heatmap = heatmap(&members);
        let gaps = gaps(&members, &heatmap);
        let calibration = calibration(&members);
        Team {
            as_of: options.today,
            cycle_days: options.cycle,
            people: members.into_iter().map(|(m, _)| m).collect(),
            heatmap,
            gaps,
            calibration,
        }
    }
}

fn member<'a>(
    gathered: &'a Gathered<'_>,
    options: &Options,
    names: &mut HashMap<(usize, &'a str), Option<String>>,
) -> Option<Member> {
    let latest_any = gathered
        .summaries
        .iter()
        .max_by(|a, b| (a.updated, &a.id).cmp(&(b.updated, &b.id)))?;
    let complete = |s: &&&Summary| s.status == Status::Complete;
    let own = gathered
        .summaries
        .iter()
        .filter(complete)
        .filter(|s| s.assessor.is_none())
        .max_by(|a, b| latest(a, b));
    let other = gathered
        .summaries
        .iter()
        .filter(complete)
        .filter(|s| s.assessor.is_some())
        .max_by(|a, b| latest(a, b));
    let latest = [own, other]
        .into_iter()
        .flatten()
        .map(|s| taken(s).date_naive())
        .max();
    // A view taken after the day counted from (an `--as-of` in the
    // past) is as recent as can be, not a negative number of days old.
    let days_since = latest.map(|day| (options.today - day).num_days().max(0));
    let cycle = i64::from(options.cycle);
    let due = match days_since {
        None => Due::Never,
        Some(days) if days > cycle => Due::Overdue,
        Some(days) if days > cycle - DUE_WITHIN => Due::Due,
        Some(_) => Due::Ok,
    };
    let drafts = gathered
        .summaries
        .iter()
        .filter(|s| s.status == Status::InProgress)
        .count();
    let facts = gathered.facts.as_ref();
    let focus = facts
        .map(|facts| {
            facts
                .focus
                .iter()
                .map(|(target, action, due)| OpenFocus {
                    target: target.clone(),
                    name: gathered.framework.and_then(|fw| {
                        let key = (std::ptr::from_ref(fw) as usize, target.as_str());
                        names
                            .entry(key)
                            .or_insert_with(|| {
                                // A statement is described as "id: text".
                                fw.describe(target).map(|name| {
                                    match name.strip_prefix(target.as_str()) {
                                        Some(text) => {
                                            text.trim_start_matches(':').trim().to_string()
                                        }
                                        None => name,
                                    }
                                })
                            })
                            .clone()
                    }),
                    action: action.clone(),
                    due: *due,
                    overdue: due.is_some_and(|due| due < options.today),
                })
                .collect()
        })
        .unwrap_or_default();
    let disconnects = facts.and_then(|f| f.disconnects);
    let basis = own.or(other).unwrap_or(latest_any);
    Some(Member {
        person: basis.person.clone(),
        role: basis.role.clone(),
        target: basis.target.clone(),
        own: own.map(|s| View::of(s)),
        other: other.map(|s| View::of(s)),
        latest,
        days_since,
        due,
        drafts,
        focus,
        disconnects,
    })
}

/// Which of two summaries was taken later (the id decides a tie): the
/// order "the latest" is found in.
pub fn latest(a: &Summary, b: &Summary) -> std::cmp::Ordering {
    (taken(a), &a.id).cmp(&(taken(b), &b.id))
}

fn sort(members: &mut [(Member, &Gathered<'_>)], sort: Sort) {
    let name = |m: &Member| m.person.to_lowercase();
    match sort {
        Sort::Name => members.sort_by_cached_key(|(m, _)| name(m)),
        Sort::Readiness => members.sort_by_cached_key(|(m, _)| {
            (
                std::cmp::Reverse(m.own.as_ref().and_then(|v| v.readiness)),
                name(m),
            )
        }),
        Sort::Due => members.sort_by_cached_key(|(m, _)| {
            (
                m.days_since.is_some(),
                std::cmp::Reverse(m.days_since),
                name(m),
            )
        }),
        Sort::Attention => members.sort_by_cached_key(|(m, _)| {
            (
                !matches!(m.due, Due::Never | Due::Overdue),
                std::cmp::Reverse(m.overdue_focus()),
                std::cmp::Reverse(m.disconnects.unwrap_or(0)),
                m.due,
                std::cmp::Reverse(m.drafts),
                name(m),
            )
        }),
    }
}

/// The rows of the own view's gap report, from the summary index.
/// A person's target and rows.
type Mapped<'a> = (Option<&'a Arc<str>>, Vec<Row<'a>>);

fn own_rows<'a>(members: &[(Member, &Gathered<'a>)]) -> Vec<Option<Mapped<'a>>> {
    members
        .iter()
        .map(|(m, g)| {
            let id = &m.own.as_ref()?.assessment;
            let summary: &'a Summary = g.summaries.iter().find(|s| &s.id == id)?;
            let rows = summary
                .categories
                .counts()
                .map(
                    |(label, [current_met, current_total, next_met, next_total])| {
                        let (met, total) = match summary.target {
                            Some(_) => (next_met, next_total),
                            None => (current_met, current_total),
                        };
                        Row { label, met, total }
                    },
                )
                .filter(|r| r.total > 0)
                .collect::<Vec<Row>>();
            // Nothing to draw when its framework is not loaded.
            (!rows.is_empty()).then_some((summary.target.as_ref(), rows))
        })
        .collect()
}

/// A category's count against a person's target.
#[derive(Debug)]
struct Row<'a> {
    label: &'a Label,
    met: usize,
    total: usize,
}

fn heatmap(members: &[(Member, &Gathered<'_>)]) -> Heatmap {
    let rows = own_rows(members);
    let mapped: Vec<(&Member, &Mapped)> = members
        .iter()
        .zip(&rows)
        .filter_map(|((m, _), r)| Some((m, r.as_ref()?)))
        .collect();
    // Categories in the order they first come, how many people have each,
    // and the place of each person's rows among them.
    let mut order: Vec<(&Label, usize)> = Vec::new();
    let mut places: HashMap<&Label, usize> = HashMap::new();
    let mut placed: Vec<Vec<usize>> = Vec::with_capacity(mapped.len());
    for (_, (_, rows)) in &mapped {
        let mut mine = Vec::with_capacity(rows.len());
        for (n, row) in rows.iter().enumerate() {
            // Nearly everyone's categories come in the same order: the
            // place the person before had here is tried first.
            let before = placed.last().and_then(|p: &Vec<usize>| p.get(n)).copied();
            let place = match before {
                Some(place) if order[place].0 == row.label => place,
                _ => *places.entry(row.label).or_insert_with(|| {
                    order.push((row.label, 0));
                    order.len() - 1
                }),
            };
            order[place].1 += 1;
            mine.push(place);
        }
        placed.push(mine);
    }
    // The heatmap's column of each category, when everyone has it.
    let mut column: Vec<Option<usize>> = Vec::with_capacity(order.len());
    let mut shared: Vec<&Label> = Vec::new();
    let mut not_shared = Vec::new();
    for (label, count) in &order {
        if *count == mapped.len() {
            column.push(Some(shared.len()));
            shared.push(label);
        } else {
            column.push(None);
            not_shared.push(label.name.clone());
        }
    }
    let mut targets: BTreeMap<String, usize> = BTreeMap::new();
    for (_, (target, _)) in &mapped {
        *targets
            .entry(target.map_or("(top)", |t| &**t).to_string())
            .or_default() += 1;
    }
    let heat_rows = mapped
        .iter()
        .zip(&placed)
        .map(|((m, (target, rows)), places)| {
            let mut cells: Vec<Option<Cell>> = vec![None; shared.len()];
            for (row, place) in rows.iter().zip(places) {
                // The first row of a category counts, as in its report.
                if let Some(cell) = column[*place].and_then(|c| cells.get_mut(c)) {
                    cell.get_or_insert_with(|| Cell::new(row.met, row.total));
                }
            }
            HeatRow {
                person: m.person.clone(),
                target: target.cloned(),
                cells: cells
                    .into_iter()
                    .map(|c| c.unwrap_or_else(|| Cell::new(0, 0)))
                    .collect(),
            }
        })
        .collect();
    Heatmap {
        categories: shared
            .iter()
            .map(|l| Column {
                key: l.category.clone().unwrap_or_else(|| l.section.clone()),
                name: l.name.clone(),
                section: l.section.clone(),
                category: l.category.clone(),
            })
            .collect(),
        not_shared,
        targets: targets.into_iter().collect(),
        rows: heat_rows,
        missing: members
            .iter()
            .zip(&rows)
            .filter(|(_, r)| r.is_none())
            .map(|((m, _), _)| m.person.to_string())
            .collect(),
    }
}

fn gaps(members: &[(Member, &Gathered<'_>)], heatmap: &Heatmap) -> Gaps {
    let mut weakest: Vec<Weak> = heatmap
        .categories
        .iter()
        .enumerate()
        .map(|(n, column)| {
            let cells: Vec<&Cell> = heatmap.rows.iter().filter_map(|r| r.cells.get(n)).collect();
            let met = cells.iter().map(|c| c.met).sum();
            let total = cells.iter().map(|c| c.total).sum();
            Weak {
                name: column.name.clone(),
                met,
                total,
                share: share(met, total),
                below_half: cells.iter().filter(|c| c.met * 2 < c.total).count(),
            }
        })
        .collect();
    weakest.sort_by_key(|w| (w.share, std::cmp::Reverse(w.below_half)));
    // Statement by statement, over the own views' files: each statement
    // anyone holds, by id, with who meets it, how many hold it, and where
    // it first came.
    struct Held<'a> {
        id: &'a str,
        text: &'a str,
        /// How many meet it, and the first who does: only statements met
        /// by one person or by nobody are named.
        met: usize,
        met_by: Option<&'a str>,
        of: usize,
        first: Option<usize>,
    }
    let mut statements: Vec<Held<'_>> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    // The place in `statements` of each statement of a framework's role
    // and target, worked out once for everyone on that path.
    let mut paths: HashMap<(usize, &str, Option<&str>), Vec<usize>> = HashMap::new();
    let mut firsts = 0;
    for (member, gathered) in members {
        let (Some(facts), Some(framework), Some(_)) =
            (&gathered.facts, gathered.framework, &member.own)
        else {
            continue;
        };
        let key = (
            std::ptr::from_ref(framework) as usize,
            facts.role.as_str(),
            facts.to.as_deref(),
        );
        let slots = paths.entry(key).or_insert_with(|| {
            statements_of(framework, &facts.role, facts.to.as_deref())
                .into_iter()
                .map(|statement| {
                    *by_id.entry(statement.id.as_str()).or_insert_with(|| {
                        statements.push(Held {
                            id: &statement.id,
                            text: &statement.text,
                            met: 0,
                            met_by: None,
                            of: 0,
                            first: None,
                        });
                        statements.len() - 1
                    })
                })
                .collect()
        });
        for (place, slot) in slots.iter().enumerate() {
            if !facts.held.get(place) {
                continue;
            }
            let held = &mut statements[*slot];
            held.first.get_or_insert_with(|| {
                firsts += 1;
                firsts
            });
            held.of += 1;
            if facts.met.get(place) {
                held.met += 1;
                held.met_by.get_or_insert(&member.person);
            }
        }
    }
    let holders = |count: usize| -> Vec<Holders> {
        let mut found: Vec<(usize, Holders)> = statements
            .iter()
            .filter(|held| held.met == count && held.of >= 2.max(count))
            .map(|held| {
                (
                    held.first.unwrap_or(usize::MAX),
                    Holders {
                        id: held.id.to_string(),
                        text: held.text.to_string(),
                        met_by: held.met_by.iter().map(|p| p.to_string()).collect(),
                        of: held.of,
                    },
                )
            })
            .collect();
        // The statements most people hold first, then in walk order.
        found.sort_by(|a, b| {
            b.1.of
                .cmp(&a.1.of)
                .then(a.0.cmp(&b.0))
                .then(a.1.id.cmp(&b.1.id))
        });
        found.into_iter().map(|(_, h)| h).collect()
    };
    let single = holders(1);
    let nobody = holders(0);
    let mut covered: BTreeMap<String, Covered> = BTreeMap::new();
    for (member, _) in members {
        for focus in &member.focus {
            let entry = covered
                .entry(focus.target.to_lowercase())
                .or_insert_with(|| Covered {
                    target: focus.target.clone(),
                    name: focus.name.clone(),
                    people: Vec::new(),
                });
            entry.people.push(member.person.to_string());
        }
    }
    let mut focus: Vec<Covered> = covered.into_values().collect();
    focus.sort_by(|a, b| {
        b.people
            .len()
            .cmp(&a.people.len())
            .then(a.target.cmp(&b.target))
    });
    let named = |column: &Column| {
        let key = column.key.to_lowercase();
        focus.iter().any(|f| {
            let target = f.target.to_lowercase();
            target == key || target.starts_with(&format!("{key}.")) || target == column.section
        })
    };
    let uncovered = weakest
        .iter()
        .filter_map(|w| heatmap.categories.iter().find(|c| c.name == w.name))
        .filter(|c| !named(c))
        .take(3)
        .map(|c| c.name.clone())
        .collect();
    Gaps {
        weakest,
        single,
        nobody,
        focus,
        uncovered,
    }
}

fn calibration(members: &[(Member, &Gathered<'_>)]) -> Calibration {
    #[derive(Default)]
    struct Tally {
        name: String,
        people: usize,
        ratings: BTreeMap<u8, usize>,
        readiness: Vec<u8>,
        own_readiness: Vec<u8>,
        sum: i64,
        count: usize,
    }
    let mut tallies: Vec<Tally> = Vec::new();
    // A gap that may be shown: itself, what orders it among equals (the
    // person's name, its place among theirs), whose it is, the two views
    // and their framework.
    type Candidate<'a> = (
        &'a FarApart,
        (String, usize),
        &'a Member,
        &'a ViewFacts,
        &'a ViewFacts,
        &'a Framework,
    );
    let mut candidates: Vec<Candidate> = Vec::new();
    for (member, gathered) in members {
        let Some(facts) = &gathered.facts else {
            continue;
        };
        let own = facts.views.first().filter(|v| v.against_own.is_none());
        for view in &facts.views {
            let n = match tallies
                .iter()
                .position(|t| t.name.eq_ignore_ascii_case(&view.assessor))
            {
                Some(n) => n,
                None => {
                    tallies.push(Tally {
                        name: view.assessor.clone(),
                        ..Tally::default()
                    });
                    tallies.len() - 1
                }
            };
            let t = &mut tallies[n];
            t.people += 1;
            for (value, count) in &view.ratings {
                *t.ratings.entry(*value).or_default() += count;
            }
            let summary = gathered.summaries.iter().find(|s| s.id == view.assessment);
            if let Some(readiness) = summary.and_then(|s| s.readiness) {
                t.readiness.push(readiness);
            }
            if let Some(readiness) = member.own.as_ref().and_then(|v| v.readiness) {
                t.own_readiness.push(readiness);
            }
            if let Some((sum, count)) = view.against_own {
                t.sum += sum;
                t.count += count;
            }
        }
        let (Some(own), Some(framework)) = (own, gathered.framework) else {
            continue;
        };
        // Each person's few come largest first: their place among them
        // keeps that order among equals.
        let key = member.person.to_lowercase();
        for (place, far) in facts.apart.iter().enumerate() {
            if let Some(view) = facts.views.get(far.view) {
                candidates.push((far, (key.clone(), place), member, own, view, framework));
            }
        }
    }
    // No two are equal (a person's name, then their place, tells them
    // apart): the few largest are picked out, then put in order.
    let order = |a: &Candidate, b: &Candidate| {
        let difference = |c: &Candidate| c.0.own.abs_diff(c.0.other);
        difference(b).cmp(&difference(a)).then(a.1.cmp(&b.1))
    };
    if candidates.len() > LARGEST {
        candidates.select_nth_unstable_by(LARGEST - 1, order);
        candidates.truncate(LARGEST);
    }
    candidates.sort_by(order);
    // Only the few shown are made whole.
    let largest: Vec<Apart> = candidates
        .into_iter()
        .take(LARGEST)
        .map(|(far, _, member, own, view, framework)| Apart {
            person: member.person.to_string(),
            assessor: view.assessor.to_string(),
            own_assessment: own.assessment.clone(),
            other_assessment: view.assessment.clone(),
            id: far.id.clone(),
            text: framework
                .archetypes
                .iter()
                .flat_map(|a| a.statements().map(|(_, s)| s))
                .find(|s| s.id == far.id)
                .map(|statement| statement.text.clone())
                .unwrap_or_default(),
            own: far.own,
            other: far.other,
            difference: far.own.abs_diff(far.other),
            own_evidence: far.own_evidence.clone(),
            other_evidence: far.other_evidence.clone(),
        })
        .collect();
    let mean = |values: &[u8]| -> Option<u8> {
        (!values.is_empty()).then(|| {
            let sum: usize = values.iter().map(|&v| usize::from(v)).sum();
            u8::try_from(sum / values.len()).unwrap_or(100)
        })
    };
    // The people's own views first, then the assessors by name.
    tallies.sort_by_cached_key(|t| (!t.name.eq_ignore_ascii_case("self"), t.name.to_lowercase()));
    Calibration {
        assessors: tallies
            .into_iter()
            .map(|t| {
                let against_self = (t.count > 0).then(|| {
                    let mean = t.sum as f64 / t.count as f64;
                    (mean * 100.0).round() / 100.0
                });
                Assessor {
                    leaning: against_self.map(|d| {
                        if d >= LEANING {
                            "higher"
                        } else if d <= -LEANING {
                            "lower"
                        } else {
                            "in line"
                        }
                    }),
                    against_self,
                    readiness: mean(&t.readiness),
                    own_readiness: mean(&t.own_readiness),
                    name: t.name,
                    people: t.people,
                    ratings: t.ratings,
                }
            })
            .collect(),
        largest,
    }
}

/// The team in figures, with no names and no evidence: for a director or
/// HR. Refused under [`AGGREGATE_MIN`] people.
#[derive(Debug, Serialize)]
pub struct Aggregate {
    pub as_of: NaiveDate,
    pub cycle_days: u32,
    pub people: usize,
    /// People by readiness for their target in their own view: `0-24`,
    /// `25-49`, `50-74`, `75-100`, and `none` without a complete view.
    pub readiness: BTreeMap<&'static str, usize>,
    /// People by [`Due`].
    pub due: BTreeMap<&'static str, usize>,
    pub drafts: usize,
    pub open_focus: usize,
    pub overdue_focus: usize,
    pub disconnects: usize,
    /// People with both views to compare.
    pub compared: usize,
    /// Per category of the heatmap, weakest first.
    pub categories: Vec<Weak>,
    pub targets: Vec<(String, usize)>,
}

impl Aggregate {
    /// `None` for fewer than [`AGGREGATE_MIN`] people.
    pub fn of(team: &Team) -> Option<Aggregate> {
        if team.people.len() < AGGREGATE_MIN {
            return None;
        }
        let mut readiness: BTreeMap<&'static str, usize> =
            ["0-24", "25-49", "50-74", "75-100", "none"]
                .into_iter()
                .map(|band| (band, 0))
                .collect();
        let mut due: BTreeMap<&'static str, usize> = [Due::Never, Due::Overdue, Due::Due, Due::Ok]
            .into_iter()
            .map(|d| (d.as_str(), 0))
            .collect();
        for member in &team.people {
            let band = match member.own.as_ref().and_then(|v| v.readiness) {
                None => "none",
                Some(r) if r < 25 => "0-24",
                Some(r) if r < 50 => "25-49",
                Some(r) if r < 75 => "50-74",
                Some(_) => "75-100",
            };
            *readiness.entry(band).or_default() += 1;
            *due.entry(member.due.as_str()).or_default() += 1;
        }
        let people = &team.people;
        Some(Aggregate {
            as_of: team.as_of,
            cycle_days: team.cycle_days,
            people: people.len(),
            readiness,
            due,
            drafts: people.iter().map(|m| m.drafts).sum(),
            open_focus: people.iter().map(|m| m.focus.len()).sum(),
            overdue_focus: people.iter().map(Member::overdue_focus).sum(),
            disconnects: people.iter().filter_map(|m| m.disconnects).sum(),
            compared: people.iter().filter(|m| m.disconnects.is_some()).count(),
            categories: team
                .gaps
                .weakest
                .iter()
                .map(|w| Weak {
                    name: w.name.clone(),
                    met: w.met,
                    total: w.total,
                    share: w.share,
                    below_half: w.below_half,
                })
                .collect(),
            targets: team.heatmap.targets.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{ACME_WALK as WALK, acme, assessment, time};

    /// `person`'s complete view by `assessor` (their own with `None`)
    /// from E1 to E2, completed `days` before 2026-11-25, with these
    /// ratings in walk order and evidence naming the view and statement.
    fn view(person: &str, assessor: Option<&str>, days: i64, ratings: [u8; 8]) -> Assessment {
        let tag = assessor.unwrap_or("self");
        let answers: Vec<(String, Option<u8>, String)> = WALK
            .iter()
            .zip(ratings)
            .map(|(id, r)| (id.to_string(), Some(r), format!("{tag} on {id}")))
            .collect();
        let answers: Vec<(&str, Option<u8>, Option<&str>)> = answers
            .iter()
            .map(|(id, r, e)| (id.as_str(), *r, Some(e.as_str())))
            .collect();
        let mut file = assessment(&answers);
        let at = time(0) - chrono::Duration::days(days);
        file.id = format!("{}-{tag}", person.to_lowercase());
        file.person = person.into();
        file.assessor = assessor.map(str::to_string);
        (file.started, file.updated, file.completed) = (at, at, Some(at));
        file
    }

    fn options(sort: Sort) -> Options {
        Options {
            today: NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
            cycle: 90,
            sort,
        }
    }

    #[test]
    fn flags_keep_each_place_past_a_word() {
        let mut flags = Flags::default();
        for n in 0..130 {
            flags.push(n % 3 == 0);
        }
        assert!(flags.get(0) && flags.get(63) && flags.get(129));
        assert!(!flags.get(1) && !flags.get(64) && !flags.get(128));
        // Beyond the end is no, however the last word is filled.
        assert!(!flags.get(130) && !flags.get(10_000));
    }

    #[test]
    fn a_persons_largest_gaps_are_kept_with_both_pieces_of_evidence() {
        let framework = acme();
        let own = view("Ada", None, 0, [5, 5, 5, 5, 1, 1, 1, 1]);
        let manager = view("Ada", Some("Grace"), 0, [1, 2, 3, 1, 1, 1, 1, 1]);
        let facts = Facts::of(Some(&own), &[manager], &framework);
        assert_eq!(facts.disconnects, Some(4));
        // At most PER_PERSON, largest first, walk order among equals.
        let kept: Vec<(&str, u8, u8)> = facts
            .apart
            .iter()
            .map(|f| (f.id.as_str(), f.own, f.other))
            .collect();
        assert_eq!(
            kept,
            [
                ("e1.craft.1", 5, 1),
                ("e1.impact.2", 5, 1),
                ("e1.craft.2", 5, 2)
            ]
        );
        let first = &facts.apart[0];
        assert_eq!(first.view, 1);
        assert_eq!(first.own_evidence.as_deref(), Some("self on e1.craft.1"));
        assert_eq!(first.other_evidence.as_deref(), Some("Grace on e1.craft.1"));
        // Held and met follow the path's statements, met at 4.
        for place in 0..4 {
            assert!(facts.held.get(place) && facts.met.get(place));
        }
        for place in 4..8 {
            assert!(facts.held.get(place) && !facts.met.get(place));
        }
    }

    #[test]
    fn a_view_after_the_day_counted_from_is_zero_days_old() {
        let framework = acme();
        // Taken on 2026-12-01; counted from a day a year before.
        let files = [view("Ada", None, 0, [5, 5, 5, 5, 4, 1, 1, 1])];
        let summaries: Vec<Summary> = files
            .iter()
            .map(|f| Summary::of(f, Some(&framework)))
            .collect();
        let gathered = [Gathered {
            summaries: vec![&summaries[0]],
            facts: Some(Facts::of(Some(&files[0]), &[], &framework)),
            framework: Some(&framework),
        }];
        let options = Options {
            today: NaiveDate::from_ymd_opt(2025, 12, 1).expect("a date"),
            ..options(Sort::Attention)
        };
        let team = Team::compute(&gathered, &options);
        let ada = &team.people[0];
        assert_eq!((ada.days_since, ada.due), (Some(0), Due::Ok));
    }

    #[test]
    fn the_team_is_sorted_mapped_and_calibrated_across_people() {
        let framework = acme();
        let files = [
            view("Ada", None, 0, [5, 5, 5, 5, 4, 1, 1, 1]),
            view("Ada", Some("Grace"), 0, [1, 2, 3, 1, 4, 1, 1, 1]),
            view("Bob", None, 200, [5, 1, 1, 1, 1, 1, 1, 1]),
            view("Bob", Some("Grace"), 200, [2, 1, 1, 1, 1, 1, 1, 1]),
        ];
        let summaries: Vec<Summary> = files
            .iter()
            .map(|f| Summary::of(f, Some(&framework)))
            .collect();
        let gathered: Vec<Gathered<'_>> = [0, 2]
            .into_iter()
            .map(|n| Gathered {
                summaries: vec![&summaries[n], &summaries[n + 1]],
                facts: Some(Facts::of(
                    Some(&files[n]),
                    std::slice::from_ref(&files[n + 1]),
                    &framework,
                )),
                framework: Some(&framework),
            })
            .collect();
        let team = Team::compute(&gathered, &options(Sort::Attention));
        // Bob, overdue, needs attention first.
        let people: Vec<(&str, Due)> = team.people.iter().map(|m| (&*m.person, m.due)).collect();
        assert_eq!(people, [("Bob", Due::Overdue), ("Ada", Due::Ok)]);
        assert_eq!(team.people[1].days_since, Some(6));

        // Both are mapped on both categories of their target, E2: of
        // its two craft statements, Ada meets one and Bob none.
        let names: Vec<&str> = team
            .heatmap
            .categories
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(names, ["Craft", "Impact"]);
        let cells: Vec<(&str, usize, usize)> = team
            .heatmap
            .rows
            .iter()
            .map(|r| (&*r.person, r.cells[0].met, r.cells[0].total))
            .collect();
        assert_eq!(cells, [("Bob", 0, 2), ("Ada", 1, 2)]);

        // e1.craft.1 is met by both; the rest of E1 and e2.craft.1 by Ada
        // alone, the rest of E2 by no one.
        let single: Vec<&str> = team.gaps.single.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            single,
            ["e1.craft.2", "e1.impact.1", "e1.impact.2", "e2.craft.1"]
        );
        let nobody: Vec<&str> = team.gaps.nobody.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(nobody, ["e2.craft.2", "e2.impact.1", "e2.impact.2"]);

        // Largest gaps over everyone: Ada's threes before Bob's three
        // (by name among equals), each with its evidence and text.
        let largest: Vec<(&str, &str, u8)> = team
            .calibration
            .largest
            .iter()
            .map(|a| (a.person.as_str(), a.id.as_str(), a.difference))
            .collect();
        assert_eq!(
            largest,
            [
                ("Ada", "e1.craft.1", 4),
                ("Ada", "e1.impact.2", 4),
                ("Ada", "e1.craft.2", 3),
                ("Bob", "e1.craft.1", 3),
            ]
        );
        let bob = &team.calibration.largest[3];
        assert_eq!(bob.other_evidence.as_deref(), Some("Grace on e1.craft.1"));
        assert!(bob.text.starts_with("Ships changes with tests"));
        let grace = team
            .calibration
            .assessors
            .iter()
            .find(|a| a.name == "Grace")
            .expect("Grace's tally");
        assert_eq!((grace.people, grace.leaning), (2, Some("lower")));
    }
}
