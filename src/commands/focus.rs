//! `rungs focus`: the up-to-three agreed focus areas of an assessment, each
//! a statement, category or section with an action and an optional due
//! date. Also asked at the end of `rungs assess`.

use chrono::NaiveDate;

use crate::assessment::store::{Lock, Store};
use crate::assessment::{Assessment, Focus, MAX_FOCUS, now};
use crate::error::Error;
use crate::framework::Framework;
use crate::output::Output;
use crate::render::Format;
use crate::render::focus::FocusView;
use crate::report::gap::Gap;
use crate::select::{Selection, find};
use crate::session::Session;
use crate::suggest;
use crate::tui::terminal::Setup;

/// What `rungs focus` was asked to change.
#[derive(Debug, Default)]
pub struct Change {
    pub add: Option<String>,
    pub action: Option<String>,
    pub due: Option<NaiveDate>,
    /// One-based, as listed.
    pub remove: Option<usize>,
    /// Close one as done, one-based, as listed.
    pub done: Option<usize>,
    /// Close one as dropped, one-based, as listed.
    pub dropped: Option<usize>,
    pub clear: bool,
}

pub fn run(
    session: &Session,
    selection: &Selection<'_>,
    change: Change,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let store = session.store()?;
    let found = find(store, catalog, selection, out)?;
    let framework = &catalog.find(&found.framework)?.framework;
    let changes = change.add.is_some()
        || change.remove.is_some()
        || change.done.is_some()
        || change.dropped.is_some()
        || change.clear;
    let assessment = if changes {
        let lock = store.lock(&found.id)?;
        let mut assessment = store.load(&found.id, catalog)?;
        apply(&mut assessment, framework, change)?;
        store.save(&assessment, &lock)?;
        assessment
    } else {
        found
    };
    out.emit(
        &FocusView {
            assessment: &assessment,
            framework,
        },
        format,
    )
}

fn apply(assessment: &mut Assessment, framework: &Framework, change: Change) -> Result<(), Error> {
    if change.clear {
        assessment.focus.clear();
    }
    let numbered = |n: usize, assessment: &Assessment| {
        if n == 0 || n > assessment.focus.len() {
            Err(Error::Usage {
                message: format!(
                    "no focus area {n}: this assessment has {}",
                    assessment.focus.len()
                ),
                help: "`rungs focus` lists them, numbered from 1".into(),
            })
        } else {
            Ok(n - 1)
        }
    };
    let at = now();
    for (n, done) in [(change.done, true), (change.dropped, false)] {
        let Some(n) = n else { continue };
        let index = numbered(n, assessment)?;
        let focus = &mut assessment.focus[index];
        if !focus.is_open() {
            return Err(Error::Usage {
                message: format!("focus area {n} is closed already"),
                help: "only an open focus area is closed; `rungs focus` shows which are".into(),
            });
        }
        if done {
            focus.done = Some(at);
        } else {
            focus.dropped = Some(at);
        }
    }
    if let Some(n) = change.remove {
        let index = numbered(n, assessment)?;
        assessment.focus.remove(index);
    }
    if let Some(target) = change.add {
        let action = change.action.unwrap_or_default();
        add(assessment, framework, &target, &action, change.due)?;
    }
    assessment.updated = now();
    Ok(())
}

/// Adds a focus area after checking it names something in the framework.
pub fn add(
    assessment: &mut Assessment,
    framework: &Framework,
    target: &str,
    action: &str,
    due: Option<NaiveDate>,
) -> Result<(), Error> {
    if assessment.open_focus() >= MAX_FOCUS {
        return Err(Error::Usage {
            message: format!("{} already has {MAX_FOCUS} open focus areas", assessment.id),
            help: "close one first with `rungs focus --done N` or `--dropped N`".into(),
        });
    }
    let target = target.trim();
    if framework.describe(target).is_none() {
        let mut help = format!(
            "a focus is a statement id (`rungs show CODE` lists them) or one of: {}",
            framework.focus_ids().join(", ")
        );
        let statements = framework
            .archetypes
            .iter()
            .flat_map(|a| a.statements().map(|(_, s)| s.id.as_str()));
        help = suggest::did_you_mean(
            suggest::nearest(target, framework.focus_ids().into_iter().chain(statements))
                .as_deref(),
            &help,
        );
        return Err(Error::Usage {
            message: format!(
                "no statement, category or section `{target}` in {}",
                framework.id
            ),
            help,
        });
    }
    if action.trim().is_empty() {
        return Err(Error::Usage {
            message: "a focus area needs an action".into(),
            help: "say what will be done: --action \"Lead the next cross-team design review\""
                .into(),
        });
    }
    // Category and section ids are stored as the framework spells them.
    let target = framework
        .focus_ids()
        .into_iter()
        .find(|id| id.eq_ignore_ascii_case(target))
        .unwrap_or(target)
        .to_string();
    assessment.focus.push(Focus {
        target,
        action: action.trim().to_string(),
        due,
        agreed: now(),
        done: None,
        dropped: None,
    });
    Ok(())
}

/// The focus areas still open on the latest of `earlier` (by last
/// update): they carry over to a new assessment of the same person and
/// view, with the day they were agreed, until closed. Those closed stay
/// on the assessment where they were closed, as its history.
pub fn carried(earlier: &[Assessment]) -> Vec<Focus> {
    earlier
        .iter()
        .max_by_key(|a| (a.updated, &a.id))
        .map(|latest| {
            latest
                .focus
                .iter()
                .filter(|f| f.is_open())
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// At the end of a walk: offers to record focus areas, suggesting the
/// categories with the largest gap and the unmet statements. Esc at any
/// question stops here; what was recorded is saved.
pub fn ask(
    ui: &mut dyn Setup,
    gap: &Gap<'_>,
    assessment: &mut Assessment,
    store: &Store,
    lock: &Lock,
) -> Result<(), Error> {
    match ask_each(ui, gap, assessment, store, lock) {
        Err(Error::Cancelled) => {
            let n = assessment.focus.len();
            ui.say(&format!(
                "Stopped. {n} focus {} saved; `rungs focus --add` adds more.",
                if n == 1 { "area is" } else { "areas are" }
            ))
        }
        other => other,
    }
}

fn ask_each(
    ui: &mut dyn Setup,
    gap: &Gap<'_>,
    assessment: &mut Assessment,
    store: &Store,
    lock: &Lock,
) -> Result<(), Error> {
    if assessment.open_focus() >= MAX_FOCUS
        || !ui.confirm("Record agreed focus areas now?", false)?
    {
        return Ok(());
    }
    let framework = gap.framework;
    let mut targets: Vec<(String, String)> = gap
        .focus
        .iter()
        .map(|&i| &gap.rows[i])
        .map(|row| {
            let id = row.category.clone().unwrap_or_else(|| row.section.clone());
            (
                id,
                format!(
                    "{} ({} of {} not yet met)",
                    row.name,
                    row.next_gap(),
                    row.next_total
                ),
            )
        })
        .collect();
    targets.extend(gap.unmet.iter().map(|item| {
        (
            item.statement.id.clone(),
            format!("{} {}", item.statement.id, item.statement.text),
        )
    }));
    if targets.is_empty() {
        return Ok(());
    }
    while assessment.open_focus() < MAX_FOCUS {
        let labels: Vec<String> = targets.iter().map(|(_, label)| label.clone()).collect();
        let choice = ui.select("Focus on", &labels, 0)?;
        let action = ui.input("Action: what will be done", None)?;
        let due = loop {
            let text = ui.input("Due date (YYYY-MM-DD, or - for none)", Some("-"))?;
            if text == "-" {
                break None;
            }
            match crate::journal::parse_date(text.trim()) {
                Some(date) => break Some(date),
                None => ui.say("  a date like 2027-03-31, or - for none")?,
            }
        };
        add(assessment, framework, &targets[choice].0, &action, due)?;
        targets.remove(choice);
        store.save(assessment, lock)?;
        if targets.is_empty()
            || assessment.open_focus() >= MAX_FOCUS
            || !ui.confirm("Another?", false)?
        {
            break;
        }
    }
    ui.say(&format!(
        "Saved {} agreed focus {}; `rungs focus` shows them, `rungs gap` and `rungs progress` too.",
        assessment.focus.len(),
        if assessment.focus.len() == 1 {
            "area"
        } else {
            "areas"
        }
    ))
}

impl super::Run for crate::cli::FocusArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        let id = self.id.as_deref().or(self.assessment.as_deref());
        let selection = super::selection(id, &self.pick, None);
        let change = Change {
            add: self.add.clone(),
            action: self.action.clone(),
            due: self.due,
            remove: self.remove,
            done: self.done,
            dropped: self.dropped,
            clear: self.clear,
        };
        run(session, &selection, change, self.format.format, out)
    }
}
