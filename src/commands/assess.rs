//! `rungs assess`: choose who, which framework, role and next archetype;
//! resume an unfinished assessment, reopen any one by id, or start one;
//! walk every statement, saving each answer as it is given; at the end a
//! one-screen summary and the focus areas. Or record an answers file with
//! no prompt at all, or merge one into an existing assessment.

use std::path::{Path, PathBuf};

use crate::assessment::answers;
use crate::assessment::answers::reachable_target;
use crate::assessment::store::{Lock, Store};
use crate::assessment::{
    ASSESSOR_HELP, Assessment, AssessmentKind, Status, WalkItem, assessor_problem, check_name_flag,
    format_version_for, now, shell_word,
};
use crate::catalog::Catalog;
use crate::commands::focus;
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::framework::{Archetype, Framework};
use crate::fsio;
use crate::journal::evidence::{self, Tagged};
use crate::journal::store::Journal;
use crate::output::Output;
use crate::render::Format;
use crate::render::finished::Finished;
use crate::render::message::Message;
use crate::select;
use crate::session::Session;
use crate::suggest;
use crate::summary;
use crate::tui::terminal::{self, Console, Setup};
use crate::tui::walk::{self, Outcome, Prompter, Start};

/// What `rungs assess` was asked, as validated values rather than flags.
#[derive(Debug, Default)]
pub struct Request {
    /// An assessment to reopen (or to merge `answers` into).
    pub id: Option<String>,
    pub person: Option<String>,
    pub assessor: Option<String>,
    pub role: Option<String>,
    pub to: Option<String>,
    pub sections: Option<Vec<String>>,
    pub new: bool,
    /// A check-in or a full walk; asked when absent and the person was
    /// assessed before.
    pub kind: Option<AssessmentKind>,
    pub answers: Option<PathBuf>,
}

pub fn run(session: &Session, args: Request, out: &mut Output<'_>) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    match (&args.id, &args.answers) {
        (Some(id), Some(path)) => return merge_answers(id, path, catalog, store, out),
        (None, Some(path)) => return record_answers(path, catalog, store, out),
        _ => {}
    }
    // Flags that are wrong are reported before anything is asked, and
    // before the terminal is checked: fixing one should not reveal another.
    for (flag, name) in [("--person", &args.person), ("--assessor", &args.assessor)] {
        if let Some(name) = name {
            check_name_flag(flag, name)?;
        }
    }
    if let Some(why) = args.assessor.as_deref().and_then(assessor_problem) {
        return Err(Error::Usage {
            message: format!("--assessor {why}"),
            help: ASSESSOR_HELP.into(),
        });
    }
    if let Some(id) = &args.id {
        store.load(id, catalog)?;
    } else if let Some(framework) = catalog.unambiguous() {
        if let Some(code) = &args.role {
            let role = framework.archetype(code)?;
            if let Some(to) = &args.to {
                reachable_target(framework, role, to)?;
            }
        }
        chosen_sections(framework, args.sections.as_deref())?;
    }
    if !terminal::can_prompt() {
        return Err(Error::NoTerminal);
    }
    terminal::watch_interrupts();
    let mut console = Console::new();
    match interactive(&args, catalog, store, &mut console, out) {
        Err(Error::Cancelled) => out.note("Cancelled: nothing was changed."),
        Err(Error::Interrupted(line)) if line.is_empty() => {
            Err(Error::Interrupted("Interrupted: nothing was saved.".into()))
        }
        other => other,
    }
}

/// `--answers FILE`: check the file against its framework and store it as
/// a new assessment: complete when it answers every statement.
fn record_answers(
    path: &Path,
    catalog: &Catalog,
    store: &Store,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let source = fsio::read_source(path, FileKind::Answers)?;
    let framework = answers::framework(&source, catalog)?;
    let at = now();
    let mut assessment = answers::parse(&source, framework, at)?;
    // The focus areas still open from the person's last assessment in
    // this view carry over, as in a walk. A last one that cannot be read
    // carries nothing; it is reported wherever it is listed.
    let mine = crate::commands::assessments_of(
        store,
        catalog,
        &assessment.person,
        Some(assessment.view()),
    )?;
    if let Some(latest) = mine
        .iter()
        .filter(|s| *s.framework == *assessment.framework)
        .max_by_key(|s| (s.updated, &s.id))
        && let Ok(last) = store.load(&latest.id, catalog)
    {
        assessment.focus = focus::carried(&[last]);
    }
    let (id, lock) = store.create(
        &assessment.person,
        &assessment.role,
        assessment.assessor.as_deref(),
        &at,
    )?;
    assessment.id = id;
    let path = store.save(&assessment, &lock)?;
    // As a walk does: `gap`, `focus` and the others default to this
    // person from now on.
    store.remember_person(&assessment.person)?;
    let items = assessment.walk(framework);
    out.line(&format!(
        "Recorded {}: {} of {} statements rated, {}, in {}\n",
        assessment.id,
        assessment.rated(&items),
        items.len(),
        assessment.status_of(framework, &items),
        path.display()
    ))?;
    let report = select::compute(catalog, &assessment, None)?;
    out.emit(&report, Format::Table)
}

/// What `assess ID --answers FILE` did, for scripts.
#[derive(Debug, serde::Serialize)]
struct Merged<'a> {
    id: &'a str,
    merged: usize,
    answered: usize,
    total: usize,
    status: Status,
    path: String,
}

/// `ID --answers FILE`: the file's answers replace those of the same
/// statements in the assessment; the others stay.
fn merge_answers(
    id: &str,
    path: &Path,
    catalog: &Catalog,
    store: &Store,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let lock = store.lock(id)?;
    let mut assessment = store.load(id, catalog)?;
    let framework = &catalog.find(&assessment.framework)?.framework;
    let source = fsio::read_source(path, FileKind::Answers)?;
    let at = now();
    let incoming = answers::parse_for(&source, framework, &assessment, at)?;
    let before = assessment.status(framework);
    let merged = incoming.len();
    assessment.ratings.extend(incoming);
    assessment.updated = at;
    assessment.settle(framework, before, at);
    let saved = store.save(&assessment, &lock)?;
    let items = assessment.walk(framework);
    let status = assessment.status_of(framework, &items);
    let message = Message {
        text: format!(
            "Merged {merged} {} into {id}: {} of {} statements answered, {status}, in {}",
            if merged == 1 { "answer" } else { "answers" },
            assessment.answered(&items),
            items.len(),
            saved.display()
        ),
        data: Merged {
            id,
            merged,
            answered: assessment.answered(&items),
            total: items.len(),
            status,
            path: saved.display().to_string(),
        },
    };
    out.emit(&message, Format::Table)?;
    // A merge that completes the assessment ends as a walk does: the
    // summary, and the skipped statements offered once more, here as a
    // line saying how to answer them.
    if !before.is_finished() && status.is_finished() {
        let report = select::compute(catalog, &assessment, None)?;
        out.emit_unpaged(
            &Finished {
                gap: &report,
                path: &saved.display().to_string(),
            },
            Format::Table,
        )?;
        let skipped = items
            .iter()
            .filter(|i| {
                assessment
                    .ratings
                    .get(&i.statement.id)
                    .is_some_and(|a| a.kind() == crate::assessment::Kind::Skipped)
            })
            .count();
        if skipped > 0 {
            out.note(&format!(
                "{skipped} {} skipped: `rungs assess {id}` opens the review, where s goes to each.",
                if skipped == 1 {
                    "statement was"
                } else {
                    "statements were"
                }
            ))?;
        }
    }
    Ok(())
}

/// "Resume with `rungs assess ID`, or `rungs assess --person Ada
/// --assessor "Grace (manager)"`."
pub fn resume_hint(assessment: &Assessment) -> String {
    let mut by_person = format!("rungs assess --person {}", shell_word(&assessment.person));
    if let Some(assessor) = &assessment.assessor {
        by_person.push_str(&format!(" --assessor {}", shell_word(assessor)));
    }
    format!(
        "Resume with `rungs assess {}`, or `{by_person}`.",
        assessment.id
    )
}

/// What was saved, for the line after a quit or an interrupt.
fn saved_line(assessment: &Assessment, items: &[WalkItem<'_>], path: &Path) -> Option<String> {
    path.exists().then(|| {
        format!(
            "{} of {} answers in {}. {}",
            assessment.answered(items),
            items.len(),
            path.display(),
            resume_hint(assessment)
        )
    })
}

/// Who is being assessed, for prompts: "Your" for oneself, "Ada's" when
/// someone else gives the ratings.
fn whose(person: &str, assessor: Option<&str>) -> String {
    match assessor {
        Some(_) => format!("{person}'s"),
        None => "Your".to_string(),
    }
}

/// Asks what is missing from the flags, then walks.
fn interactive<U: Setup + Prompter>(
    args: &Request,
    catalog: &Catalog,
    store: &Store,
    ui: &mut U,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let chosen = match &args.id {
        Some(id) => {
            let (assessment, lock, framework) = reopen(id, catalog, store)?;
            let mine = own_assessments(
                store,
                catalog,
                framework,
                &assessment.person,
                assessment.assessor.as_deref(),
                ui,
            )?;
            Chosen {
                assessment,
                lock,
                framework,
                mine,
            }
        }
        None => match choose(args, catalog, store, ui)? {
            Some(chosen) => chosen,
            None => return Ok(()),
        },
    };
    walk_and_finish(chosen, catalog, store, ui, out)
}

/// The assessment to walk, held under its lock, with the person's other
/// assessments in the same view (from the index): where last time's
/// answers and the journal's starting date come from.
struct Chosen<'c> {
    assessment: Assessment,
    lock: Lock,
    framework: &'c Framework,
    mine: Vec<summary::Summary>,
}

/// `rungs assess ID`: any assessment, complete ones too, locked and read
/// under the lock.
fn reopen<'c>(
    id: &str,
    catalog: &'c Catalog,
    store: &Store,
) -> Result<(Assessment, Lock, &'c Framework), Error> {
    let lock = store.lock(id)?;
    let assessment = store.load(id, catalog)?;
    let framework = &catalog.find(&assessment.framework)?.framework;
    Ok((assessment, lock, framework))
}

/// Who, which framework, resume or start: the assessment to walk.
fn choose<'c, U: Setup>(
    args: &Request,
    catalog: &'c Catalog,
    store: &Store,
    ui: &mut U,
) -> Result<Option<Chosen<'c>>, Error> {
    let assessor = args.assessor.as_deref();
    let person = match &args.person {
        Some(person) if !person.trim().is_empty() => person.trim().to_string(),
        _ => {
            let prompt = match assessor {
                Some(assessor) => {
                    format!("Whose assessment is this? (the person {assessor} assesses)")
                }
                None => "Whose assessment is this? (your name)".to_string(),
            };
            ui.input(&prompt, store.last_person().as_deref())?
        }
    };
    store.remember_person(&person)?;
    let framework = choose_framework(catalog, ui)?;
    // Only this person's folder is looked at, through the index; of their
    // assessments in this view, only the one resumed is read here.
    let mine = own_assessments(store, catalog, framework, &person, assessor, ui)?;
    let role = args
        .role
        .as_deref()
        .map(|code| framework.archetype(code))
        .transpose()?;
    let to = match (&args.to, role) {
        (Some(code), Some(role)) => Some(reachable_target(framework, role, code)?),
        _ => None,
    };
    let sections = chosen_sections(framework, args.sections.as_deref())?;

    // An unfinished assessment of this person, view and (when given)
    // roles is offered first.
    let unfinished = mine
        .iter()
        .filter(|a| !a.status().is_finished())
        .filter(|a| role.is_none_or(|role| *a.role == *role.code))
        .filter(|a| to.is_none_or(|to| a.to.as_deref() == Some(to.code.as_str())))
        .filter(|a| args.kind.is_none_or(|kind| a.kind == kind))
        .max_by_key(|a| (a.updated, &a.id));
    if let Some(existing) = unfinished
        && !args.new
    {
        let mut roles = match &existing.to {
            Some(to) => format!("{} → {to}", existing.role),
            None => existing.role.to_string(),
        };
        if existing.kind == AssessmentKind::CheckIn {
            roles = format!("a check-in, {roles}");
        }
        let whose = match assessor {
            Some(assessor) => format!("{person}'s assessment by {assessor}"),
            None => "the assessment".to_string(),
        };
        let question = format!(
            "Resume {whose} started {} ({roles}, {}/{} answered)?",
            existing.started.format("%Y-%m-%d %H:%M"),
            existing.answered,
            existing.total.unwrap_or(existing.answered)
        );
        if ui.confirm(&question, true)? {
            let (assessment, lock, framework) = reopen(&existing.id, catalog, store)?;
            return Ok(Some(Chosen {
                assessment,
                lock,
                framework,
                mine,
            }));
        }
    }

    let role = match role {
        Some(role) => role,
        None => choose_role(framework, &mine, &person, assessor, ui)?,
    };
    let to = match to {
        Some(to) => Some(to),
        None => match &args.to {
            Some(code) => Some(reachable_target(framework, role, code)?),
            None => choose_next(framework, role, &person, assessor, ui)?,
        },
    };
    let kind = match args.kind {
        Some(kind) => {
            check_in_possible(kind, role, to)?;
            kind
        }
        None => choose_kind(framework, &mine, role, to, sections.as_deref(), ui)?,
    };
    let (assessment, lock) = start(
        store,
        framework,
        &person,
        assessor,
        (role, to),
        kind,
        sections,
    )?;
    if assessment.walk(framework).is_empty() {
        ui.say(&format!(
            "{} has no statements to assess yet in the chosen sections.",
            role.label()
        ))?;
        return Ok(None);
    }
    // The new assessment is not saved yet: `mine` is still everything.
    Ok(Some(Chosen {
        assessment,
        lock,
        framework,
        mine,
    }))
}

/// The person's stored assessments in this view and framework, from the
/// index: which one to resume, and where last time's answers are. Only
/// this person's folder is looked at, and no file is read in full here.
fn own_assessments(
    store: &Store,
    catalog: &Catalog,
    framework: &Framework,
    person: &str,
    assessor: Option<&str>,
    ui: &mut dyn Setup,
) -> Result<Vec<summary::Summary>, Error> {
    let summaries = summary::summaries(store, catalog, Some(person))?;
    for error in &store.take_warnings() {
        ui.say(&format!(
            "warning: skipping an unreadable assessment:\n{}",
            error.render(false)
        ))?;
    }
    let same_view = |a: Option<&str>| match (a, assessor) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (None, None) => true,
        _ => false,
    };
    Ok(summaries
        .into_iter()
        .filter(|s| *s.framework == *framework.id && s.person.eq_ignore_ascii_case(person))
        .filter(|s| same_view(s.assessor.as_deref()))
        .collect())
}

/// The walk, then the summary and the focus areas, or the line saying
/// what was saved.
fn walk_and_finish<U: Setup + Prompter>(
    chosen: Chosen<'_>,
    catalog: &Catalog,
    store: &Store,
    ui: &mut U,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let Chosen {
        mut assessment,
        lock,
        framework,
        mine,
    } = chosen;
    let lock = &lock;
    let items = assessment.walk(framework);
    let earlier = earlier(store, catalog, &mine, &assessment.id)?;
    let previous = walk::latest_answers(&earlier);
    // A new assessment (nothing saved yet) takes over the focus areas
    // still open from the last one: agreed focus lasts until closed.
    if assessment.ratings.is_empty() && assessment.focus.is_empty() {
        assessment.focus = focus::carried(&earlier);
    }
    let path = store.location(&assessment)?;
    let start = if assessment.status_of(framework, &items).is_finished() {
        Start::Review
    } else {
        Start::At(assessment.first_unanswered(&items).unwrap_or(0))
    };
    // The journal since the previous assessment: what happened in between
    // is waiting on each statement it is tagged to.
    let since = mine
        .iter()
        .filter(|s| s.id != assessment.id)
        .map(|s| s.completed.unwrap_or(s.updated).date_naive())
        .max();
    let journal = match evidence::tagged(&Journal::new(store), &assessment.person, framework, since)
    {
        Ok(journal) => journal,
        Err(error) => {
            out.warn(&format!("the journal is left out of the walk: {error}"))?;
            Tagged::default()
        }
    };
    ui.edits_beside(fsio::parent_dir(&path), &assessment.id);
    let walk = walk::Walk {
        framework,
        items: &items,
        previous: &previous,
        journal: &journal,
    };
    let outcome = walk
        .run(&mut assessment, start, ui, &mut now, &mut |a| {
            store.save(a, lock).map(|_| ())
        })
        .map_err(|error| match error {
            Error::Interrupted(_) => {
                Error::Interrupted(match saved_line(&assessment, &items, &path) {
                    Some(saved) => format!("Interrupted: saved {saved}"),
                    None => "Interrupted: nothing was answered, so nothing was saved.".into(),
                })
            }
            error => error,
        });
    match outcome? {
        Outcome::Completed => {
            // The report reads a snapshot; focus areas are added to the
            // assessment itself.
            let snapshot = assessment.clone();
            let report = select::compute(catalog, &snapshot, None)?;
            out.emit_unpaged(
                &Finished {
                    gap: &report,
                    path: &path.display().to_string(),
                },
                Format::Table,
            )?;
            focus::ask(ui, &report, &mut assessment, store, lock).map_err(|error| match error {
                Error::Interrupted(_) => Error::Interrupted(format!(
                    "Interrupted: the assessment is complete and saved in {}, with the focus areas recorded so far.",
                    path.display()
                )),
                error => error,
            })?;
        }
        Outcome::Quit => match saved_line(&assessment, &items, &path) {
            Some(saved) => out.line(&format!("Saved {saved}"))?,
            None => out.line("Nothing answered yet, so nothing was saved.")?,
        },
    }
    Ok(())
}

/// The assessments whose answers are offered as given before: the latest
/// other one, and the latest finished check-in and the latest finished
/// full assessment when those are older. A full walk after check-ins so
/// finds the core answers of the check-in and the rest from the last full
/// walk. Three files at most, however long the history.
fn earlier(
    store: &Store,
    catalog: &Catalog,
    mine: &[summary::Summary],
    current: &str,
) -> Result<Vec<Assessment>, Error> {
    let others = || mine.iter().filter(|s| s.id != current);
    let latest = others().max_by_key(|s| (s.updated, &s.id));
    let finished = |kind: AssessmentKind| {
        others()
            .filter(|s| s.status().is_finished() && s.kind == kind)
            .max_by_key(|s| (s.updated, &s.id))
    };
    let mut ids: Vec<&str> = Vec::new();
    for summary in latest
        .into_iter()
        .chain(finished(AssessmentKind::CheckIn))
        .chain(finished(AssessmentKind::Full))
    {
        if !ids.contains(&summary.id.as_str()) {
            ids.push(&summary.id);
        }
    }
    ids.iter().map(|id| store.load(id, catalog)).collect()
}

/// A check-in of roles without a core has nothing to walk: refused with
/// what to do instead.
fn check_in_possible(
    kind: AssessmentKind,
    role: &Archetype,
    to: Option<&Archetype>,
) -> Result<(), Error> {
    if kind == AssessmentKind::CheckIn
        && let Some(bare) = std::iter::once(role)
            .chain(to)
            .find(|archetype| archetype.core.is_empty())
    {
        return Err(Error::Usage {
            message: format!("{} has no core statements for a check-in", bare.label()),
            help: "run the full walk (`rungs assess --full`), or name the role's core with `core = [...]` in the ladder file (see frameworks/README.md)".into(),
        });
    }
    Ok(())
}

/// A check-in or the full walk: asked when the person was assessed before
/// and both roles have a core, with the check-in first; otherwise the
/// full walk.
fn choose_kind(
    framework: &Framework,
    mine: &[summary::Summary],
    role: &Archetype,
    to: Option<&Archetype>,
    sections: Option<&[String]>,
    ui: &mut dyn Setup,
) -> Result<AssessmentKind, Error> {
    let assessed_before = mine.iter().any(|s| s.status().is_finished());
    if !assessed_before || check_in_possible(AssessmentKind::CheckIn, role, to).is_err() {
        return Ok(AssessmentKind::Full);
    }
    // As `Assessment::walk` counts: the chosen sections, the core only
    // for a check-in.
    let count = |kind: AssessmentKind| {
        std::iter::once(role)
            .chain(to)
            .flat_map(|archetype| {
                archetype.statements().filter(move |(group, statement)| {
                    let section = &framework.sections[group.section].id;
                    sections.is_none_or(|chosen| chosen.contains(section))
                        && (kind.is_full() || archetype.is_core(&statement.id))
                })
            })
            .count()
    };
    let roles = match to {
        Some(to) => format!("{} and {}", role.code, to.code),
        None => role.code.clone(),
    };
    let items = [
        format!(
            "Check-in: the core of {roles}, {} statements (about 25 minutes)",
            count(AssessmentKind::CheckIn)
        ),
        format!(
            "Full walk: every statement, {}, pre-filled from the latest check-in (for a promotion case)",
            count(AssessmentKind::Full)
        ),
    ];
    let index = ui.select("Which assessment?", &items, 0)?;
    Ok(if index == 0 {
        AssessmentKind::CheckIn
    } else {
        AssessmentKind::Full
    })
}

/// A new assessment, locked. Nothing is written until the first answer.
fn start(
    store: &Store,
    framework: &Framework,
    person: &str,
    assessor: Option<&str>,
    (role, to): (&Archetype, Option<&Archetype>),
    kind: AssessmentKind,
    sections: Option<Vec<String>>,
) -> Result<(Assessment, Lock), Error> {
    let at = now();
    let (id, lock) = store.create(person, &role.code, assessor, &at)?;
    let assessment = Assessment {
        format_version: format_version_for(kind),
        id,
        framework: framework.id.clone(),
        framework_version: framework.version.clone(),
        person: person.to_string(),
        assessor: assessor.map(str::to_string),
        role: role.code.clone(),
        to: to.map(|a| a.code.clone()),
        kind,
        sections,
        started: at,
        updated: at,
        completed: None,
        imported: None,
        notes: String::new(),
        focus: Vec::new(),
        ratings: Default::default(),
    };
    Ok((assessment, lock))
}

fn choose_framework<'a>(catalog: &'a Catalog, ui: &mut dyn Setup) -> Result<&'a Framework, Error> {
    if let Some(framework) = catalog.unambiguous() {
        return Ok(framework);
    }
    let entries = catalog.entries();
    let items: Vec<String> = entries
        .iter()
        .map(|e| format!("{} ({})", e.framework.name, e.framework.id))
        .collect();
    let default = entries
        .iter()
        .position(|e| catalog.selected().is_ok_and(|s| s.id == e.framework.id))
        .unwrap_or(0);
    let index = ui.select("Which framework?", &items, default)?;
    Ok(&entries[index].framework)
}

fn choose_role<'a>(
    framework: &'a Framework,
    mine: &[summary::Summary],
    person: &str,
    assessor: Option<&str>,
    ui: &mut dyn Setup,
) -> Result<&'a Archetype, Error> {
    let items: Vec<String> = framework
        .archetypes
        .iter()
        .map(|a| format!("{:<5} {}", a.code, a.title))
        .collect();
    // Default to the role of the person's latest assessment.
    let default = mine
        .iter()
        .max_by_key(|a| (a.updated, &a.id))
        .and_then(|latest| {
            framework
                .archetypes
                .iter()
                .position(|a| *a.code == *latest.role)
        })
        .unwrap_or(0);
    let prompt = format!("{} current role", whose(person, assessor));
    let index = ui.select(&prompt, &items, default)?;
    Ok(&framework.archetypes[index])
}

fn choose_next<'a>(
    framework: &'a Framework,
    role: &'a Archetype,
    person: &str,
    assessor: Option<&str>,
    ui: &mut dyn Setup,
) -> Result<Option<&'a Archetype>, Error> {
    // A step up first, then a move across to a parallel track.
    let next: Vec<&Archetype> = framework
        .next_of(role)
        .chain(framework.lateral_of(role))
        .collect();
    match next.as_slice() {
        [] => Ok(None),
        [only] => Ok(Some(only)),
        several => {
            let items: Vec<String> = several
                .iter()
                .map(|a| {
                    if role.next.contains(&a.code) {
                        a.label()
                    } else {
                        format!("{} (a move across)", a.label())
                    }
                })
                .collect();
            let prompt = format!("{} next role, to assess against", whose(person, assessor));
            let index = ui.select(&prompt, &items, 0)?;
            Ok(Some(several[index]))
        }
    }
}

fn chosen_sections(
    framework: &Framework,
    wanted: Option<&[String]>,
) -> Result<Option<Vec<String>>, Error> {
    let Some(wanted) = wanted else {
        return Ok(None);
    };
    let ids: Vec<&str> = framework.sections.iter().map(|s| s.id.as_str()).collect();
    let mut chosen = Vec::new();
    for id in wanted {
        let Some(found) = ids.iter().find(|s| s.eq_ignore_ascii_case(id.trim())) else {
            let mut help = format!("sections of {}: {}", framework.id, ids.join(", "));
            help =
                suggest::did_you_mean(suggest::nearest(id, ids.iter().copied()).as_deref(), &help);
            return Err(Error::Usage {
                message: format!("no section `{id}`"),
                help,
            });
        };
        chosen.push(found.to_string());
    }
    Ok(Some(chosen))
}

impl super::Run for crate::cli::AssessArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let request = Request {
            id: self.id.clone(),
            person: self.person.clone(),
            assessor: self.assessor.clone(),
            role: self.role.clone(),
            to: self.to.clone(),
            sections: self.sections.clone(),
            new: self.new,
            kind: match (self.check_in, self.full) {
                (true, _) => Some(AssessmentKind::CheckIn),
                (_, true) => Some(AssessmentKind::Full),
                _ => None,
            },
            answers: self.answers.clone(),
        };
        run(session, request, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assessment;

    #[test]
    fn the_resume_hint_repeats_the_person_the_assessor_and_the_id() {
        let mut a = assessment(&[]);
        assert_eq!(
            resume_hint(&a),
            "Resume with `rungs assess ada-e1-2026-11-25`, or `rungs assess --person Ada`."
        );
        a.assessor = Some("Grace \"G\" (manager)".into());
        a.person = "Ada Lovelace".into();
        assert!(
            resume_hint(&a).ends_with(
                "`rungs assess --person \"Ada Lovelace\" --assessor \"Grace \\\"G\\\" (manager)\"`."
            ),
            "{}",
            resume_hint(&a)
        );
    }

    #[test]
    fn prompts_name_the_person_when_someone_else_assesses() {
        assert_eq!(whose("Ada", Some("Grace")), "Ada's");
        assert_eq!(whose("Ada", None), "Your");
    }
}
