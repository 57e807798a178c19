//! The assessment walk: one statement at a time, an answer (a rating,
//! skipped, or no opportunity yet), then optional evidence, saved after
//! every change. The terminal is behind [`Prompter`], so the walk runs the
//! same with a real terminal or scripted answers.
//!
//! Besides the statement screen there are two others. The *category
//! screen* opens each category of a reassessment: last time's answers at a
//! glance, one key to keep them all, a digit to open the one that changed.
//! The *review screen* lists every statement with its answer, to jump to
//! one, or to the next unanswered, skipped, no-opportunity, unmet or
//! met-without-evidence statement; a finished assessment reopens there.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Assessment, Kind, Timestamp, WalkItem};
use crate::error::Error;
use crate::framework::{Framework, Scale, Statement};
use crate::journal::Entry;
use crate::journal::evidence::Tagged;

/// What a person can do at a statement: one key each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A value of the scale (a digit).
    Rate(u8),
    /// Leave unrated and move on (`s`).
    Skip,
    /// The situation has not arisen yet (`n`).
    NoOpportunity,
    /// Keep this time's answer and move on (Enter).
    Next,
    /// Go to the previous statement (`b`).
    Back,
    /// Keep last time's rating and evidence (`k`).
    Keep,
    /// Keep last time's answers for the rest of this category (`K`).
    KeepCategory,
    /// Write the evidence in `$VISUAL` or `$EDITOR` (`e`).
    Edit,
    /// Bring the journal entries tagged to the statement into the
    /// evidence, in the editor to change before it is saved (`j`).
    Journal,
    /// What would show the statement, and what its category covers (`x`).
    Details,
    /// The review screen (`r`).
    Review,
    /// The category at a glance (`g`): its statements one line each, a
    /// rating per line; every category after it opens the same way.
    Glance,
    /// Explain the scale and the keys (`?`).
    Help,
    /// Stop; every answer so far is already saved (`q`).
    Quit,
    /// Esc: back to the review or category screen the statement was
    /// opened from; elsewhere nothing (it never quits the walk).
    Cancel,
}

/// Everything a prompter shows for one statement.
#[derive(Debug)]
pub struct Screen<'a> {
    pub framework: &'a Framework,
    pub assessment: &'a Assessment,
    pub item: WalkItem<'a>,
    /// Zero-based position in the walk.
    pub position: usize,
    pub total: usize,
    /// The answer given this time, when there is one.
    pub current: Option<&'a Answer>,
    /// The person's latest answer to this statement in an earlier
    /// assessment.
    pub previous: Option<&'a Previous>,
    /// Evidence written in the editor before the statement was answered.
    pub pending: Option<&'a str>,
    /// A line for the person: why a key did nothing, or where they are.
    pub note: Option<&'a str>,
    /// Journal entries tagged to the statement since the previous
    /// assessment, newest first.
    pub journal: &'a [&'a Entry],
}

/// An answer from an earlier assessment of the same person and view.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub kind: Kind,
    pub evidence: Option<String>,
    pub at: Timestamp,
}

/// The statements of one category, as the category screen shows them.
#[derive(Debug)]
pub struct Category<'a> {
    pub framework: &'a Framework,
    pub assessment: &'a Assessment,
    /// The category's statements, in walk order.
    pub items: &'a [WalkItem<'a>],
    /// Zero-based position of the first of them in the walk.
    pub first: usize,
    pub total: usize,
    /// Last time's answer of each, when there is one.
    pub previous: Vec<Option<&'a Previous>>,
    /// How many journal entries since the previous assessment are tagged
    /// to each, so `K` is never pressed without seeing them.
    pub journal: Vec<usize>,
    /// How many different entries those are (one tagged to the whole
    /// category counts once).
    pub journal_entries: usize,
    /// The line the cursor starts on, zero-based within the category.
    pub cursor: usize,
    /// True for a category at a glance: nothing from last time, each line
    /// rated where it stands (a digit, `s`, `n`), Enter to open one for
    /// evidence. False for a reassessment's screen of last time's answers.
    pub rate: bool,
    /// A line for the person: why a key did nothing.
    pub note: Option<&'a str>,
}

/// What a person chose on the category screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryChoice {
    /// Keep last time's answers for every statement not answered this
    /// time (`K`).
    KeepAll,
    /// Open one statement, zero-based within the category (a digit, from
    /// 1).
    Open(usize),
    /// Go through the statements one by one (Enter).
    Walk,
    /// Answer the statement on this line, zero-based within the category,
    /// without opening it (a category at a glance: a digit, `s`, `n`).
    Answer(usize, Kind),
    /// Done with the category at a glance: on to the next one. Lines not
    /// answered are asked for at the end of the walk.
    Accept,
    Back,
    Review,
    Help,
    Quit,
}

/// Which statements a review filter jumps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// No answer at all yet.
    Unanswered,
    Skipped,
    NoOpportunity,
    /// Rated below the scale's `met`.
    Unmet,
    /// Rated as met with no evidence written.
    MetWithoutEvidence,
}

impl Filter {
    pub const ALL: [Filter; 5] = [
        Filter::Unanswered,
        Filter::Skipped,
        Filter::NoOpportunity,
        Filter::Unmet,
        Filter::MetWithoutEvidence,
    ];

    /// Whether `answer` (to `statement`, whose own threshold says what is
    /// met) is one the filter jumps to.
    pub fn matches(self, answer: Option<&Answer>, statement: &Statement) -> bool {
        match (self, answer.map(|a| (a.kind(), a.evidence.is_some()))) {
            (Filter::Unanswered, None) => true,
            (Filter::Skipped, Some((Kind::Skipped, _))) => true,
            (Filter::NoOpportunity, Some((Kind::NoOpportunity, _))) => true,
            (Filter::Unmet, Some((Kind::Rated(value), _))) => !statement.is_met(value),
            (Filter::MetWithoutEvidence, Some((Kind::Rated(value), false))) => {
                statement.is_met(value)
            }
            _ => false,
        }
    }

    /// "unanswered", "met without evidence".
    pub fn label(self) -> &'static str {
        match self {
            Filter::Unanswered => "unanswered",
            Filter::Skipped => "skipped",
            Filter::NoOpportunity => "no-opportunity",
            Filter::Unmet => "unmet",
            Filter::MetWithoutEvidence => "met-without-evidence",
        }
    }
}

/// Every statement and its answer, for the review screen.
#[derive(Debug)]
pub struct Review<'a> {
    pub framework: &'a Framework,
    pub assessment: &'a Assessment,
    pub items: &'a [WalkItem<'a>],
    /// The statement the cursor starts on.
    pub cursor: usize,
    pub note: Option<&'a str>,
}

/// What a person chose on the review screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewChoice {
    /// Open the statement at this position.
    Open(usize),
    /// Open the next statement after this position that the filter
    /// matches, from the start again after the last.
    Jump(Filter, usize),
    /// Back to the walk (Esc); for a finished assessment, done.
    Leave,
    Quit,
}

/// Evidence over the most one statement keeps (as the editor's file is
/// read): saved, it would make the assessment too large to read back.
fn too_long(text: &str) -> bool {
    text.len() as u64 > crate::fsio::size_limit(crate::diagnostic::FileKind::Evidence)
}

const TOO_LONG: &str =
    "The evidence is larger than 1024 KiB, the most one statement keeps: it is as it was.";

/// What came back from the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edited {
    Text(String),
    /// Closed without saving a change.
    Unchanged,
    /// It could not run; why, for the person.
    Failed(String),
}

/// The terminal, or a script standing in for it.
pub trait Prompter {
    /// Shows a statement and waits for one key.
    fn action(&mut self, screen: &Screen<'_>) -> Result<Action, Error>;
    /// Shows a category's statements with last time's answers.
    fn category(&mut self, category: &Category<'_>) -> Result<CategoryChoice, Error>;
    /// Shows every statement with its answer until one is chosen.
    fn review(&mut self, review: &Review<'_>) -> Result<ReviewChoice, Error>;
    /// Explains the rating scale and the keys; returns when read.
    fn explain(&mut self, scale: &Scale) -> Result<(), Error>;
    /// The statement's examples, the rating it is met at, and what its
    /// section and category cover; returns when the person has read it.
    fn details(&mut self, screen: &Screen<'_>) -> Result<(), Error> {
        let _ = screen;
        Ok(())
    }
    /// One line of evidence, starting empty: what is typed is what is
    /// saved, and Enter on an empty line means no evidence. `earlier` is
    /// the evidence there was (this time's, or last time's), shown above
    /// the line and brought onto it by one key (↑) to keep or edit; it is
    /// never joined to what is typed unseen. `None` when the person
    /// cancelled (Esc).
    fn evidence(&mut self, earlier: Option<&str>) -> Result<Option<String>, Error>;
    /// The evidence in the person's editor, starting from `initial`.
    /// `about` is the statement the evidence is for, shown in the editor
    /// below the text and left out of what is saved.
    fn edit(&mut self, initial: &str, about: &Statement) -> Result<Edited, Error>;
    /// Where the editor's temporary file goes (`dir`), named for `stem`:
    /// beside the assessment, so one left by a killed run is cleaned up
    /// as that assessment's own temporary files are.
    fn edits_beside(&mut self, dir: &std::path::Path, stem: &str) {
        let _ = (dir, stem);
    }
    /// The walk is over: tidy the screen.
    fn done(&mut self) -> Result<(), Error> {
        Ok(())
    }
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every statement has an answer.
    Completed,
    /// The person chose to stop.
    Quit,
}

/// Where a walk begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// At this statement (the first unanswered, when resuming).
    At(usize),
    /// On the review screen: a finished assessment, reopened.
    Review,
}

/// What a walk goes through: the statements in order, and earlier answers
/// to show and keep.
#[derive(Debug, Clone, Copy)]
pub struct Walk<'a> {
    pub framework: &'a Framework,
    pub items: &'a [WalkItem<'a>],
    pub previous: &'a BTreeMap<String, Previous>,
    /// The person's journal since their previous assessment, by statement.
    pub journal: &'a Tagged,
}

impl<'a> Walk<'a> {
    /// Last time's answer to the statement at `position`.
    fn previous_at(&self, position: usize) -> Option<&'a Previous> {
        let items: &'a [WalkItem<'a>] = self.items;
        let previous: &'a BTreeMap<String, Previous> = self.previous;
        items
            .get(position)
            .and_then(|item| previous.get(&item.statement.id))
    }
}

/// True when two statements belong to the same category on screen: the
/// same archetype and category, or the same group of a section without
/// categories.
pub fn same_category(a: &WalkItem<'_>, b: &WalkItem<'_>) -> bool {
    a.archetype.code == b.archetype.code
        && a.group.section == b.group.section
        && match (a.group.category, b.group.category) {
            (Some(x), Some(y)) => x == y,
            _ => std::ptr::eq(a.group, b.group),
        }
}

/// The category around `position`: the range of its statements.
pub fn category_bounds(items: &[WalkItem<'_>], position: usize) -> std::ops::Range<usize> {
    let Some(here) = items.get(position) else {
        return position..position;
    };
    let start = (0..position)
        .rev()
        .take_while(|&i| same_category(&items[i], here))
        .last()
        .unwrap_or(position);
    let end = (position..items.len())
        .take_while(|&i| same_category(&items[i], here))
        .last()
        .map_or(position, |i| i + 1);
    start..end
}

/// The next statement after `after` that `filter` matches, from the start
/// again after the last.
pub fn next_matching(
    assessment: &Assessment,
    items: &[WalkItem<'_>],
    filter: Filter,
    after: usize,
) -> Option<usize> {
    let n = items.len();
    (1..=n).map(|step| (after + step) % n).find(|&i| {
        let statement = items[i].statement;
        filter.matches(assessment.ratings.get(&statement.id), statement)
    })
}

/// Where an answered statement leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Return {
    /// The next statement of the walk.
    Next,
    /// The review screen.
    Review,
    /// The category screen of the category starting here.
    Category(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Statement,
    Category(usize),
    Review(usize),
}

/// A walk in motion.
struct Run<'w, 'p> {
    walk: Walk<'w>,
    prompter: &'p mut dyn Prompter,
    now: &'p mut dyn FnMut() -> Timestamp,
    save: &'p mut dyn FnMut(&Assessment) -> Result<(), Error>,
    position: usize,
    mode: Mode,
    back_to: Return,
    /// Where leaving the review screen returns to; none for a finished
    /// assessment reopened on it.
    resume: Option<usize>,
    /// Moved forward onto `position`: a category screen may open.
    arrived: bool,
    /// The statements skipped earlier, offered once more, and which of
    /// them is on screen.
    again: Option<(Vec<usize>, usize)>,
    offered_again: bool,
    /// Evidence from the editor for a statement not answered yet.
    pending: Option<(usize, String)>,
    note: Option<String>,
    /// Every category with nothing from last time opens at a glance
    /// (after `g`).
    glance: bool,
    /// The line of the category screen the cursor is on.
    category_cursor: usize,
}

impl Walk<'_> {
    /// Walks from `start`, recording each answer in `assessment` and
    /// calling `save` the moment it changes. `now` stamps answers.
    pub fn run(
        &self,
        assessment: &mut Assessment,
        start: Start,
        prompter: &mut dyn Prompter,
        now: &mut dyn FnMut() -> Timestamp,
        save: &mut dyn FnMut(&Assessment) -> Result<(), Error>,
    ) -> Result<Outcome, Error> {
        let finished_at_start = assessment
            .status_of(self.framework, self.items)
            .is_finished();
        let (position, mode) = match start {
            Start::At(position) => (position.min(self.items.len()), Mode::Statement),
            Start::Review => (0, Mode::Review(0)),
        };
        let mut run = Run {
            walk: *self,
            prompter,
            now,
            save,
            position,
            mode,
            back_to: Return::Next,
            resume: None,
            arrived: true,
            again: None,
            // A finished assessment reopened is not asked about its
            // skipped statements again.
            offered_again: finished_at_start,
            pending: None,
            note: None,
            glance: false,
            category_cursor: 0,
        };
        loop {
            let step = match run.mode {
                Mode::Review(cursor) => run.review(assessment, cursor)?,
                Mode::Category(first) => run.category(assessment, first)?,
                Mode::Statement => run.statement(assessment)?,
            };
            match step {
                Step::Continue => {}
                Step::Quit => {
                    run.prompter.done()?;
                    return Ok(Outcome::Quit);
                }
                Step::Finished => break,
            }
        }
        run.prompter.done()?;
        let finished = assessment
            .status_of(self.framework, self.items)
            .is_finished();
        if finished && (!finished_at_start || assessment.completed.is_none()) {
            let at = (run.now)();
            assessment.completed = Some(at);
            assessment.updated = at;
            (run.save)(assessment)?;
        }
        Ok(Outcome::Completed)
    }
}

enum Step {
    Continue,
    Quit,
    Finished,
}

impl<'w> Run<'w, '_> {
    fn items(&self) -> &[WalkItem<'_>] {
        self.walk.items
    }

    fn id(&self, position: usize) -> String {
        self.walk.items[position].statement.id.clone()
    }

    fn previous(&self, position: usize) -> Option<&'w Previous> {
        self.walk.previous_at(position)
    }

    fn first_unanswered_in(
        &self,
        assessment: &Assessment,
        range: std::ops::Range<usize>,
    ) -> Option<usize> {
        range.into_iter().find(|&i| {
            !assessment
                .ratings
                .contains_key(&self.walk.items[i].statement.id)
        })
    }

    /// Stores an answer and saves.
    fn put(
        &mut self,
        assessment: &mut Assessment,
        position: usize,
        answer: Answer,
    ) -> Result<(), Error> {
        assessment.updated = answer.at;
        assessment.ratings.insert(self.id(position), answer);
        (self.save)(assessment)
    }

    /// Copies last time's answer to every statement of `range` that has
    /// none this time; how many.
    fn keep_range(
        &mut self,
        assessment: &mut Assessment,
        range: std::ops::Range<usize>,
    ) -> Result<usize, Error> {
        let at = (self.now)();
        let mut kept = 0;
        for i in range {
            let id = self.id(i);
            if assessment.ratings.contains_key(&id) {
                continue;
            }
            if let Some(previous) = self.walk.previous.get(&id) {
                let answer = Answer::new(previous.kind, previous.evidence.clone(), at);
                assessment.ratings.insert(id, answer);
                kept += 1;
            }
        }
        if kept > 0 {
            assessment.updated = at;
            (self.save)(assessment)?;
        }
        Ok(kept)
    }

    /// After an answer: the next statement, or the screen it was opened
    /// from.
    fn advance(&mut self, assessment: &Assessment) {
        self.pending = None;
        match self.back_to {
            Return::Review => self.mode = Mode::Review(self.position),
            Return::Category(first) => {
                let bounds = category_bounds(self.items(), first);
                self.back_to = Return::Next;
                if self.at_a_glance(bounds.clone()) {
                    // Back to the lines, the cursor on the next one.
                    self.category_cursor =
                        (self.position + 1 - bounds.start).min(bounds.len().saturating_sub(1));
                    self.position = first;
                    self.mode = Mode::Category(first);
                } else if self
                    .first_unanswered_in(assessment, bounds.clone())
                    .is_some()
                {
                    self.position = first;
                    self.mode = Mode::Category(first);
                } else {
                    self.position = bounds.end;
                    self.arrived = true;
                }
            }
            Return::Next => match &mut self.again {
                Some((list, index)) => {
                    *index += 1;
                    match list.get(*index) {
                        Some(&next) => {
                            self.position = next;
                            self.note = Some(format!(
                                "Skipped earlier, offered once more: {} of {}.",
                                *index + 1,
                                list.len()
                            ));
                        }
                        None => self.position = self.walk.items.len(),
                    }
                }
                None => {
                    self.position += 1;
                    self.arrived = true;
                }
            },
        }
    }

    fn review(&mut self, assessment: &mut Assessment, cursor: usize) -> Result<Step, Error> {
        let note = self.note.take();
        let choice = self.prompter.review(&Review {
            framework: self.walk.framework,
            assessment,
            items: self.walk.items,
            cursor: cursor.min(self.walk.items.len().saturating_sub(1)),
            note: note.as_deref(),
        })?;
        match choice {
            ReviewChoice::Open(position) if position < self.walk.items.len() => {
                self.open_from_review(position);
            }
            ReviewChoice::Open(_) => {}
            ReviewChoice::Jump(filter, from) => {
                match next_matching(assessment, self.walk.items, filter, from) {
                    Some(position) => self.open_from_review(position),
                    None => {
                        self.note = Some(format!("No {} statements.", filter.label()));
                        self.mode = Mode::Review(from);
                    }
                }
            }
            ReviewChoice::Leave => {
                self.back_to = Return::Next;
                self.mode = Mode::Statement;
                match self.resume.take() {
                    Some(position) => {
                        self.position = position;
                        self.arrived = true;
                    }
                    None => self.position = self.walk.items.len(),
                }
            }
            ReviewChoice::Quit => return Ok(Step::Quit),
        }
        Ok(Step::Continue)
    }

    fn open_from_review(&mut self, position: usize) {
        self.position = position;
        self.back_to = Return::Review;
        self.mode = Mode::Statement;
        self.arrived = false;
    }

    fn category(&mut self, assessment: &mut Assessment, first: usize) -> Result<Step, Error> {
        let walk = self.walk;
        let bounds = category_bounds(walk.items, first);
        let items = &walk.items[bounds.clone()];
        let previous = bounds.clone().map(|i| walk.previous_at(i)).collect();
        let journal = bounds
            .clone()
            .map(|i| walk.journal.count(&walk.items[i].statement.id))
            .collect();
        let mut distinct: Vec<&str> = bounds
            .clone()
            .flat_map(|i| walk.journal.of(&walk.items[i].statement.id))
            .map(|entry| entry.id.as_str())
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let journal_entries = distinct.len();
        let rate = self.at_a_glance(bounds.clone());
        let cursor = self.category_cursor.min(items.len().saturating_sub(1));
        // Only a category at a glance shows a note; any other waits for
        // the next statement.
        let note = if rate { self.note.take() } else { None };
        let choice = self.prompter.category(&Category {
            framework: self.walk.framework,
            assessment,
            items,
            first: bounds.start,
            total: self.walk.items.len(),
            previous,
            journal,
            journal_entries,
            cursor,
            rate,
            note: note.as_deref(),
        })?;
        self.mode = Mode::Statement;
        self.arrived = false;
        match choice {
            CategoryChoice::Answer(index, kind) if bounds.start + index < bounds.end => {
                self.mode = Mode::Category(first);
                let position = bounds.start + index;
                if let Kind::Rated(value) = kind
                    && self.walk.framework.scale.level(value).is_none()
                {
                    let scale = &self.walk.framework.scale;
                    self.note = Some(format!(
                        "{value} is not on the scale: {} to {}.",
                        scale.lowest(),
                        scale.highest()
                    ));
                    return Ok(Step::Continue);
                }
                // This time's evidence stays with the new answer.
                let evidence = assessment
                    .ratings
                    .get(&self.id(position))
                    .and_then(|a| a.evidence.clone());
                let changed = assessment
                    .ratings
                    .get(&self.id(position))
                    .is_none_or(|a| a.kind() != kind);
                if changed {
                    let answer = Answer::new(kind, evidence, (self.now)());
                    self.put(assessment, position, answer)?;
                }
                self.category_cursor = (index + 1).min(items.len().saturating_sub(1));
            }
            CategoryChoice::Answer(..) => self.mode = Mode::Category(first),
            CategoryChoice::Accept => {
                self.category_cursor = 0;
                self.position = bounds.end;
                self.arrived = true;
            }
            CategoryChoice::KeepAll => {
                self.keep_range(assessment, bounds.clone())?;
                match self.first_unanswered_in(assessment, bounds.clone()) {
                    Some(position) => self.position = position,
                    None => {
                        self.position = bounds.end;
                        self.arrived = true;
                    }
                }
            }
            CategoryChoice::Open(index) if bounds.start + index < bounds.end => {
                self.position = bounds.start + index;
                self.category_cursor = index;
                self.back_to = Return::Category(bounds.start);
            }
            CategoryChoice::Open(_) | CategoryChoice::Help => {
                if choice == CategoryChoice::Help {
                    self.prompter.explain(&self.walk.framework.scale)?;
                }
                self.mode = Mode::Category(first);
            }
            CategoryChoice::Walk => {
                self.position = self
                    .first_unanswered_in(assessment, bounds.clone())
                    .unwrap_or(bounds.start);
            }
            CategoryChoice::Back => self.position = bounds.start.saturating_sub(1),
            CategoryChoice::Review => {
                self.resume = Some(bounds.start);
                self.mode = Mode::Review(bounds.start);
            }
            CategoryChoice::Quit => return Ok(Step::Quit),
        }
        Ok(Step::Continue)
    }

    /// True when the category starting at `position` has statements to
    /// keep from last time. Never in a check-in: its categories hold one
    /// core statement each, which `k` keeps as quickly on its own screen.
    /// After `g`, also when the category has nothing from last time: it
    /// opens at a glance, to rate line by line.
    fn category_screen_due(&self, assessment: &Assessment) -> bool {
        if assessment.is_check_in() {
            return false;
        }
        let items = self.walk.items;
        let at_start =
            self.position == 0 || !same_category(&items[self.position - 1], &items[self.position]);
        let bounds = category_bounds(items, self.position);
        let to_keep = bounds.clone().any(|i| {
            !assessment.ratings.contains_key(&items[i].statement.id) && self.previous(i).is_some()
        });
        let to_rate = self.at_a_glance(bounds.clone())
            && self.first_unanswered_in(assessment, bounds).is_some();
        at_start && self.back_to == Return::Next && self.again.is_none() && (to_keep || to_rate)
    }

    /// True when the category of `bounds` shows at a glance, to rate
    /// line by line: after `g`, with nothing from last time in it.
    fn at_a_glance(&self, bounds: std::ops::Range<usize>) -> bool {
        self.glance && bounds.clone().all(|i| self.previous(i).is_none())
    }

    /// `g`: the category of the statement on screen at a glance, and
    /// every category after it.
    fn glance(&mut self, assessment: &Assessment) {
        if assessment.is_check_in() {
            self.note = Some("A check-in goes one statement at a time.".into());
            return;
        }
        let bounds = category_bounds(self.walk.items, self.position);
        self.glance = true;
        self.pending = None;
        self.back_to = Return::Next;
        self.again = None;
        self.category_cursor = self.position - bounds.start;
        self.position = bounds.start;
        self.mode = Mode::Category(bounds.start);
    }

    /// The end of the walk: unanswered statements first, then the skipped
    /// ones once more, then done.
    fn at_end(&mut self, assessment: &Assessment) -> Step {
        let all = 0..self.walk.items.len();
        if let Some(position) = self.first_unanswered_in(assessment, all.clone()) {
            self.position = position;
            self.back_to = Return::Next;
            self.again = None;
            self.note = Some("Not answered yet.".into());
            return Step::Continue;
        }
        if !self.offered_again {
            self.offered_again = true;
            let skipped: Vec<usize> = all
                .filter(|&i| {
                    assessment
                        .ratings
                        .get(&self.walk.items[i].statement.id)
                        .is_some_and(|a| a.kind() == Kind::Skipped)
                })
                .collect();
            if let Some(&first) = skipped.first() {
                self.note = Some(format!(
                    "Skipped earlier, offered once more: 1 of {}.",
                    skipped.len()
                ));
                self.position = first;
                self.back_to = Return::Next;
                self.again = Some((skipped, 0));
                return Step::Continue;
            }
        }
        Step::Finished
    }

    fn statement(&mut self, assessment: &mut Assessment) -> Result<Step, Error> {
        if self.position >= self.walk.items.len() {
            return Ok(self.at_end(assessment));
        }
        if std::mem::take(&mut self.arrived) && self.category_screen_due(assessment) {
            self.category_cursor = 0;
            self.mode = Mode::Category(self.position);
            return Ok(Step::Continue);
        }
        let position = self.position;
        let id = self.id(position);
        let note = self.note.take();
        let pending = self
            .pending
            .as_ref()
            .filter(|(at, _)| *at == position)
            .map(|(_, text)| text.clone());
        let journal = self.walk.journal.of(&id);
        let screen = Screen {
            framework: self.walk.framework,
            assessment,
            item: self.walk.items[position],
            position,
            total: self.walk.items.len(),
            current: assessment.ratings.get(&id),
            previous: self.previous(position),
            pending: pending.as_deref(),
            note: note.as_deref(),
            journal: &journal,
        };
        let action = self.prompter.action(&screen)?;
        if action == Action::Details {
            self.prompter.details(&screen)?;
            return Ok(Step::Continue);
        }
        let scale = &self.walk.framework.scale;
        match action {
            Action::Rate(value) if scale.level(value).is_some() => {
                self.answer(assessment, Kind::Rated(value), pending)?;
            }
            Action::Rate(value) => {
                self.note = Some(format!(
                    "{value} is not on the scale: {} to {}.",
                    scale.lowest(),
                    scale.highest()
                ));
            }
            Action::NoOpportunity => self.answer(assessment, Kind::NoOpportunity, pending)?,
            Action::Skip => {
                let current = assessment.ratings.get(&id);
                if current.is_none_or(|a| a.kind() != Kind::Skipped) {
                    let evidence = current.and_then(|a| a.evidence.clone()).or(pending);
                    let answer = Answer::new(Kind::Skipped, evidence, (self.now)());
                    self.put(assessment, position, answer)?;
                }
                self.advance(assessment);
            }
            Action::Next => {
                if assessment.ratings.contains_key(&id) {
                    self.advance(assessment);
                } else {
                    let keep = if self.previous(position).is_some() {
                        ", k to keep last time's"
                    } else {
                        ""
                    };
                    self.note = Some(format!(
                        "Not answered yet: rate it, s to skip, n for no opportunity yet{keep}."
                    ));
                }
            }
            Action::Keep => match self.previous(position).cloned() {
                Some(previous) => {
                    let answer = Answer::new(previous.kind, previous.evidence, (self.now)());
                    self.put(assessment, position, answer)?;
                    self.advance(assessment);
                }
                None => self.note = Some("Nothing from last time to keep here.".into()),
            },
            Action::KeepCategory => {
                let bounds = category_bounds(self.walk.items, position);
                let rest = position..bounds.end;
                let kept = self.keep_range(assessment, rest.clone())?;
                match self.first_unanswered_in(assessment, rest) {
                    None => {
                        self.position = bounds.end - 1;
                        self.advance(assessment);
                    }
                    Some(unanswered) if unanswered != position || kept > 0 => {
                        self.position = unanswered;
                        self.note = Some(format!(
                            "Kept {kept} from last time; this one has no answer from last time."
                        ));
                    }
                    Some(_) => {
                        self.note = Some("Nothing from last time to keep here.".into());
                    }
                }
            }
            Action::Edit => self.edit(assessment, pending, None)?,
            Action::Journal => {
                let entries = self.walk.journal.of(&id);
                if entries.is_empty() {
                    self.note = Some("No journal entries are tagged to this statement.".into());
                } else {
                    // Added to the evidence there is: this time's, the
                    // evidence written before the answer, or last time's.
                    let current = match assessment.ratings.get(&id) {
                        Some(answer) => answer.evidence.clone(),
                        None => pending
                            .clone()
                            .or_else(|| self.previous(position).and_then(|p| p.evidence.clone())),
                    };
                    let text = with_journal(current.as_deref(), &entries);
                    self.edit(assessment, pending, Some(text))?;
                }
            }
            Action::Back => self.back(),
            Action::Review => {
                if self.back_to != Return::Review {
                    self.resume = Some(position);
                }
                self.back_to = Return::Next;
                self.mode = Mode::Review(position);
            }
            Action::Help => self.prompter.explain(scale)?,
            Action::Glance => self.glance(assessment),
            Action::Details => {}
            Action::Quit => return Ok(Step::Quit),
            Action::Cancel => match self.back_to {
                Return::Review => {
                    self.pending = None;
                    self.mode = Mode::Review(position);
                }
                Return::Category(first) => {
                    self.pending = None;
                    self.back_to = Return::Next;
                    self.position = first;
                    self.mode = Mode::Category(first);
                }
                Return::Next => {
                    self.note = Some("Esc cancels a question; q saves and quits.".into());
                }
            },
        }
        Ok(Step::Continue)
    }

    /// A rating or no opportunity yet, then the evidence line (unless the
    /// evidence was just written in the editor, or runs over several
    /// lines, which only the editor changes).
    fn answer(
        &mut self,
        assessment: &mut Assessment,
        kind: Kind,
        pending: Option<String>,
    ) -> Result<(), Error> {
        let position = self.position;
        let id = self.id(position);
        let given = pending.is_some();
        let evidence = assessment
            .ratings
            .get(&id)
            .and_then(|a| a.evidence.clone())
            .or(pending);
        let answer = Answer::new(kind, evidence.clone(), (self.now)());
        self.put(assessment, position, answer)?;
        if given {
            self.advance(assessment);
            return Ok(());
        }
        // This time's evidence over several lines is changed only in the
        // editor; otherwise the line starts empty, whatever there was
        // before, and that is one key away.
        let typed = match evidence {
            Some(this_time) if this_time.contains('\n') => Some(this_time),
            this_time => {
                let earlier =
                    this_time.or_else(|| self.previous(position).and_then(|p| p.evidence.clone()));
                match self.prompter.evidence(earlier.as_deref())? {
                    Some(typed) => Some(typed),
                    None => {
                        self.note = Some("Evidence left as it was.".into());
                        return Ok(());
                    }
                }
            }
        };
        if typed.as_ref().is_some_and(|t| too_long(t)) {
            self.note = Some(TOO_LONG.into());
            self.advance(assessment);
            return Ok(());
        }
        let typed = typed.as_deref().and_then(crate::assessment::evidence);
        if let Some(answer) = assessment.ratings.get_mut(&id)
            && answer.evidence != typed
        {
            answer.evidence = typed;
            (self.save)(assessment)?;
        }
        self.advance(assessment);
        Ok(())
    }

    /// `e`: the evidence in the editor. Saved at once on an answered
    /// statement; kept for the answer on one not answered yet. With
    /// `proposed` (`j`: the journal's entries added), the editor starts
    /// from it, and closing it unchanged accepts it.
    fn edit(
        &mut self,
        assessment: &mut Assessment,
        pending: Option<String>,
        proposed: Option<String>,
    ) -> Result<(), Error> {
        let position = self.position;
        let id = self.id(position);
        let current = assessment.ratings.get(&id);
        let initial = match (&proposed, current) {
            (Some(proposed), _) => Some(proposed.clone()),
            (None, Some(answer)) => answer.evidence.clone(),
            (None, None) => {
                pending.or_else(|| self.previous(position).and_then(|p| p.evidence.clone()))
            }
        }
        .unwrap_or_default();
        let statement = self.walk.items[position].statement;
        let edited = match (self.prompter.edit(&initial, statement)?, proposed) {
            (Edited::Unchanged, Some(proposed)) => Edited::Text(proposed),
            (edited, _) => edited,
        };
        match edited {
            Edited::Text(text) if too_long(&text) => self.note = Some(TOO_LONG.into()),
            Edited::Text(text) => {
                let text = crate::assessment::evidence(&text);
                match assessment.ratings.get(&id).cloned() {
                    Some(mut answer) => {
                        if answer.evidence != text {
                            answer.evidence = text;
                            answer.at = (self.now)();
                            self.put(assessment, position, answer)?;
                        }
                        self.note = Some("Evidence saved.".into());
                    }
                    None => {
                        self.pending = text.map(|text| (position, text));
                        self.note =
                            Some("Evidence written: it is saved with the answer you give.".into());
                    }
                }
            }
            Edited::Unchanged => self.note = Some("Evidence unchanged.".into()),
            Edited::Failed(why) => self.note = Some(why),
        }
        Ok(())
    }

    fn back(&mut self) {
        self.pending = None;
        if let Some((list, index)) = &mut self.again {
            if *index > 0 {
                *index -= 1;
                self.position = list[*index];
            } else {
                self.note = Some("This is the first statement offered again.".into());
            }
            return;
        }
        if self.position == 0 {
            self.note = Some("This is the first statement.".into());
        } else {
            self.position -= 1;
        }
        if self.back_to != Return::Review {
            self.back_to = Return::Next;
        }
    }
}

/// The latest answer of each statement across `earlier` assessments, to
/// show and keep in a new one. Skipped answers without evidence say
/// nothing and are left out.
/// Evidence with the journal's entries added, one a line, each once:
/// "2026-10-07: Led the post-incident review (https://...)".
pub fn with_journal(evidence: Option<&str>, entries: &[&Entry]) -> String {
    let mut text = evidence.unwrap_or_default().trim_end().to_string();
    for entry in entries {
        let mut line = format!("{}: {}", entry.date, entry.text.trim());
        for link in &entry.links {
            line.push_str(&format!(" ({link})"));
        }
        if text.contains(&line) {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line);
    }
    text
}

pub fn latest_answers<'a>(
    earlier: impl IntoIterator<Item = &'a Assessment>,
) -> BTreeMap<String, Previous> {
    let mut latest: BTreeMap<String, Previous> = BTreeMap::new();
    for assessment in earlier {
        for (id, answer) in &assessment.ratings {
            if answer.kind() == Kind::Skipped && answer.evidence.is_none() {
                continue;
            }
            let newer = latest.get(id).is_none_or(|p| p.at < answer.at);
            if newer {
                latest.insert(
                    id.clone(),
                    Previous {
                        kind: answer.kind(),
                        evidence: answer.evidence.clone(),
                        at: answer.at,
                    },
                );
            }
        }
    }
    latest
}

#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
