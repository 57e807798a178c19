//! `rungs assess`: choose who, which framework, role and next archetype;
//! resume an unfinished assessment or start one; walk every statement,
//! saving each answer as it is given. Or record an answers file with no
//! prompt at all.

use std::path::PathBuf;

use crate::assessment::answers::reachable_target;
use crate::assessment::store::{Lock, Store};
use crate::assessment::{Assessment, FORMAT_VERSION, now};
use crate::assessment::{answers, index};
use crate::catalog::Catalog;
use crate::commands::{focus, gap};
use crate::diagnostic::FileKind;
use crate::error::Error;
use crate::framework::{Archetype, Framework};
use crate::fsio;
use crate::output::Output;
use crate::render::Format;
use crate::session::Session;
use crate::suggest;
use crate::terminal::{self, Console, Setup};
use crate::walk::{self, Outcome, Prompter};

/// What `rungs assess` was asked, as validated values rather than flags.
#[derive(Debug, Default)]
pub struct Request {
    pub person: Option<String>,
    pub assessor: Option<String>,
    pub role: Option<String>,
    pub to: Option<String>,
    pub sections: Option<Vec<String>>,
    pub new: bool,
    pub answers: Option<PathBuf>,
}

pub fn run(session: &Session, args: Request, out: &mut Output<'_>) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    if let Some(path) = &args.answers {
        return record_answers(path, catalog, store, out);
    }
    // Flags that are wrong are reported before anything is asked, and
    // before the terminal is checked: fixing one should not reveal another.
    if let Some(framework) = catalog.unambiguous() {
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
    terminal::restore_terminal_on_interrupt();
    let mut console = Console::new();
    interactive(&args, catalog, store, &mut console, out)
}

/// `--answers FILE`: check the file against its framework and store it as
/// a completed assessment.
fn record_answers(
    path: &std::path::Path,
    catalog: &Catalog,
    store: &Store,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let source = fsio::read_source(path, FileKind::Answers)?;
    let framework = answers::framework(&source, catalog)?;
    let at = now();
    let mut assessment = answers::parse(&source, framework, at)?;
    let (id, lock) = store.create(
        &assessment.person,
        &assessment.role,
        assessment.assessor.as_deref(),
        &at,
    )?;
    assessment.id = id;
    let path = store.save(&assessment, &lock)?;
    let items = assessment.walk(framework);
    out.line(&format!(
        "Recorded {}: {} of {} statements rated, in {}\n",
        assessment.id,
        assessment.rated(&items),
        items.len(),
        path.display()
    ))?;
    let report = gap::compute(catalog, &assessment, None)?;
    out.emit(&report, Format::Table)
}

/// Asks what is missing from the flags, then walks.
fn interactive<U: Setup + Prompter>(
    args: &Request,
    catalog: &Catalog,
    store: &Store,
    ui: &mut U,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let person = match &args.person {
        Some(person) if !person.trim().is_empty() => person.trim().to_string(),
        _ => ui.input(
            "Whose assessment is this? (your name)",
            store.last_person().as_deref(),
        )?,
    };
    store.remember_person(&person)?;
    let framework = choose_framework(catalog, ui)?;
    // Only this person's folder is looked at, through the index; of their
    // assessments in this view, only the one resumed and the latest
    // earlier ones (for the answers given before) are read in full.
    let summaries = index::summaries(store, catalog, Some(&person))?;
    for error in &store.take_warnings() {
        ui.say(&format!(
            "warning: skipping an unreadable assessment:\n{}",
            error.render(false)
        ))?;
    }
    let mine: Vec<&index::Summary> = summaries
        .iter()
        .filter(|s| s.framework == framework.id && s.person.eq_ignore_ascii_case(&person))
        .filter(|s| s.assessor == args.assessor)
        .collect();
    let role = match &args.role {
        Some(code) => framework.archetype(code)?,
        None => choose_role(framework, &mine, ui)?,
    };
    let to = match &args.to {
        Some(code) => Some(reachable_target(framework, role, code)?),
        None => None,
    };
    let sections = chosen_sections(framework, args.sections.as_deref())?;

    let unfinished = mine
        .iter()
        .filter(|a| a.completed.is_none() && a.role == role.code)
        .filter(|a| to.is_none_or(|to| a.to.as_deref() == Some(to.code.as_str())))
        .max_by_key(|a| (a.updated, &a.id));
    let resumed = match unfinished {
        Some(summary) if !args.new => {
            let existing = store.load(&summary.id, catalog)?;
            let items = existing.walk(framework);
            let answered = items
                .iter()
                .filter(|i| existing.ratings.contains_key(&i.statement.id))
                .count();
            let question = format!(
                "Resume the assessment started {} ({answered}/{} answered)?",
                existing.started.format("%Y-%m-%d %H:%M"),
                items.len()
            );
            ui.confirm(&question, true)?.then_some(existing)
        }
        _ => None,
    };

    let (mut assessment, lock) = match resumed {
        Some(assessment) => {
            let lock = store.lock(&assessment.id)?;
            // Read again under the lock: another session may have written it.
            (store.load(&assessment.id, catalog)?, lock)
        }
        None => {
            let to = match to {
                Some(to) => Some(to),
                None => choose_next(framework, role, ui)?,
            };
            start(
                store,
                framework,
                &person,
                args.assessor.as_deref(),
                role,
                to,
                sections,
            )?
        }
    };

    let items = assessment.walk(framework);
    if items.is_empty() {
        ui.say(&format!(
            "{} has no statements to assess yet in the chosen sections.",
            role.label()
        ))?;
        return Ok(());
    }
    let start_at = assessment.first_unanswered(&items).unwrap_or(0);
    let previous = walk::latest_answers(&earlier(store, catalog, &mine, &assessment.id)?);
    let path = store.location(&assessment)?;
    let walk = walk::Walk {
        framework,
        items: &items,
        previous: &previous,
    };
    let outcome = walk.run(&mut assessment, start_at, ui, &mut now, &mut |a| {
        store.save(a, &lock).map(|_| ())
    })?;
    let rated = assessment.rated(&items);
    match outcome {
        Outcome::Completed => {
            out.line(&format!(
                "Assessment {} complete: {rated} of {} statements rated, saved in {}\n",
                assessment.id,
                items.len(),
                path.display()
            ))?;
            // The report reads a snapshot; focus areas are added to the
            // assessment itself.
            let snapshot = assessment.clone();
            let report = gap::compute(catalog, &snapshot, None)?;
            out.emit_unpaged(&report, Format::Table)?;
            focus::ask(ui, &report, &mut assessment, store, &lock)?;
        }
        Outcome::Quit => {
            let answered = items
                .iter()
                .filter(|i| assessment.ratings.contains_key(&i.statement.id))
                .count();
            if path.exists() {
                out.line(&format!(
                    "Saved {answered} of {} answers in {}. Run `rungs assess` again to resume.",
                    items.len(),
                    path.display()
                ))?;
            } else {
                out.line("Nothing answered yet, so nothing was saved.")?;
            }
        }
    }
    Ok(())
}

/// The assessments whose answers are offered as given before: the latest
/// other one, and the latest complete one when that is older. Two files at
/// most, however long the history.
fn earlier(
    store: &Store,
    catalog: &Catalog,
    mine: &[&index::Summary],
    current: &str,
) -> Result<Vec<Assessment>, Error> {
    let others = || mine.iter().filter(|s| s.id != current);
    let latest = others().max_by_key(|s| (s.updated, &s.id));
    let complete = others()
        .filter(|s| s.completed.is_some())
        .max_by_key(|s| (s.updated, &s.id));
    let mut ids: Vec<&str> = latest
        .into_iter()
        .chain(complete)
        .map(|s| s.id.as_str())
        .collect();
    ids.dedup();
    ids.iter().map(|id| store.load(id, catalog)).collect()
}

/// A new assessment, locked. Nothing is written until the first answer.
fn start(
    store: &Store,
    framework: &Framework,
    person: &str,
    assessor: Option<&str>,
    role: &Archetype,
    to: Option<&Archetype>,
    sections: Option<Vec<String>>,
) -> Result<(Assessment, Lock), Error> {
    let at = now();
    let (id, lock) = store.create(person, &role.code, assessor, &at)?;
    let assessment = Assessment {
        format_version: FORMAT_VERSION,
        id,
        framework: framework.id.clone(),
        framework_version: framework.version.clone(),
        person: person.to_string(),
        assessor: assessor.map(str::to_string),
        role: role.code.clone(),
        to: to.map(|a| a.code.clone()),
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
    mine: &[&index::Summary],
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
                .position(|a| a.code == latest.role)
        })
        .unwrap_or(0);
    let index = ui.select("Your current role", &items, default)?;
    Ok(&framework.archetypes[index])
}

fn choose_next<'a>(
    framework: &'a Framework,
    role: &'a Archetype,
    ui: &mut dyn Setup,
) -> Result<Option<&'a Archetype>, Error> {
    let next: Vec<&Archetype> = framework.next_of(role).collect();
    match next.as_slice() {
        [] => Ok(None),
        [only] => Ok(Some(only)),
        several => {
            let items: Vec<String> = several.iter().map(|a| a.label()).collect();
            let index = ui.select("Assess against which next role?", &items, 0)?;
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
