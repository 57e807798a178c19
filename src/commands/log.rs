//! `rungs log`: record a line of evidence the day it happens, tagged to
//! the statements it proves (chosen from suggestions on a terminal); list,
//! edit, re-tag and remove entries; draft entries from a git history.
//!
//! Each action returns a plain result ([`Done`], [`Listing`], [`Drafted`],
//! in `journal::report`) that serialises to the JSON output;
//! `render::journal` shows it to people.

use std::path::Path;

use chrono::{Days, NaiveDate};

use crate::assessment::now;
use crate::assessment::store::Store;
use crate::catalog::Catalog;
use crate::error::Error;
use crate::framework::{Archetype, Framework};
use crate::journal::dropped;
use crate::journal::git::{self, Draft};
use crate::journal::rank::{self, Index, SUGGESTIONS};
use crate::journal::report::{Action, Done, Drafted, Listing, Outcome, Suggestion};
use crate::journal::store::{Journal, NewEntry, Span};
use crate::journal::tags::{Vocabulary, clip};
use crate::journal::{MAX_TEXT, check_input};
use crate::output::Output;
use crate::render::Format;
use crate::session::Session;
use crate::text;
use crate::tui::terminal::{self, Console, Setup};

/// How far back `--from-git` reads without `--since`.
const GIT_DAYS: u64 = 90;

/// `rungs log`'s flags are its request.
pub use crate::cli::LogArgs as Request;

/// The catalog is loaded only when needed: listing without `--for` reads
/// no framework, so a year of entries lists faster.
pub fn run(
    session: &Session,
    args: Request,
    format: Format,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let mut console;
    let ui: Option<&mut dyn Setup> = if terminal::can_prompt() {
        console = Console::new();
        Some(&mut console)
    } else {
        None
    };
    let store = session.store()?;
    let outcome = execute(&args, &|| session.catalog(), store, ui)?;
    out.emit(&outcome, format)
}

/// Does what the arguments ask; `ui` is the terminal, when there is one.
pub fn execute<'c>(
    args: &Request,
    catalog: &dyn Fn() -> Result<&'c Catalog, Error>,
    store: &Store,
    ui: Option<&mut dyn Setup>,
) -> Result<Outcome, Error> {
    let person = person(args, store)?;
    let journal = Journal::new(store);
    let text = entry_text(&args.text)?;
    if let Some(id) = &args.remove {
        let entry = journal.remove(&person, id)?;
        return Ok(Outcome::Done(Done::new(&person, Action::Removed, entry)));
    }
    let listing =
        args.from_git.is_none() && args.retag.is_none() && args.edit.is_none() && text.is_none();
    if listing && (args.date.is_some() || !args.links.is_empty()) {
        return Err(Error::Usage {
            message: "--date and --link go with the text of an entry".into(),
            help: "record with `rungs log \"what happened\" --date DATE --link URL`, or change an entry with --edit ID".into(),
        });
    }
    if listing && args.tags.is_empty() {
        return list(args, &person, &journal, None).map(Outcome::Listing);
    }
    let catalog = catalog()?;
    let place = Place::of(catalog, store, &person)?;
    let tagger = Tagger::new(&place);
    if let Some(path) = &args.from_git {
        return from_git(args, path, &person, &journal, &tagger, ui).map(Outcome::Drafted);
    }
    if let Some(id) = &args.retag {
        return retag(args, id, &person, &journal, &tagger, ui).map(Outcome::Done);
    }
    if let Some(id) = &args.edit {
        return edit(args, id, text, &person, &journal, &tagger).map(Outcome::Done);
    }
    if let Some(text) = text {
        let done = record(args, text, &person, &journal, &tagger, ui)?;
        store.remember_person(&person)?;
        return Ok(Outcome::Done(done));
    }
    list(args, &person, &journal, Some(&tagger)).map(Outcome::Listing)
}

/// `--person`, or the person named last time.
fn person(args: &Request, store: &Store) -> Result<String, Error> {
    match args.person.as_deref().map(str::trim) {
        Some("") => Err(Error::Usage {
            message: "--person is empty".into(),
            help: "give the name the journal is kept under: --person Ada".into(),
        }),
        Some(person) => {
            crate::assessment::check_name_flag("--person", person)?;
            Ok(person.to_string())
        }
        None => store.last_person().ok_or_else(|| Error::Usage {
            message: "whose journal is this?".into(),
            help: "give --person NAME once; rungs remembers it for next time".into(),
        }),
    }
}

/// The text of an entry from the words given, if any.
fn entry_text(words: &[String]) -> Result<Option<String>, Error> {
    if words.is_empty() {
        return Ok(None);
    }
    let text = words.join(" ").trim().to_string();
    if text.is_empty() {
        return Err(Error::Usage {
            message: "the entry's text is empty".into(),
            help: "say what happened: rungs log \"Led the ingress postmortem\"".into(),
        });
    }
    if text.chars().count() > MAX_TEXT {
        return Err(Error::TooLarge {
            message: format!("the entry is longer than {MAX_TEXT} characters"),
            help: "keep an entry to what happened, and link to the details with --link URL".into(),
        });
    }
    Ok(Some(text))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date no later than tomorrow (time zones differ; the future does not
/// hold evidence yet).
fn entry_date(date: Option<NaiveDate>) -> Result<NaiveDate, Error> {
    let today = today();
    let date = date.unwrap_or(today);
    if today
        .checked_add_days(Days::new(1))
        .is_some_and(|t| date > t)
    {
        return Err(Error::Usage {
            message: format!("{date} is in the future"),
            help: "record evidence on or after the day it happened".into(),
        });
    }
    Ok(date)
}

fn links(links: &[String]) -> Result<Vec<String>, Error> {
    links
        .iter()
        .map(|link| {
            let link = link.trim();
            if link.is_empty() {
                Err(Error::Usage {
                    message: "--link is empty".into(),
                    help: "give the address of the evidence: --link https://...".into(),
                })
            } else {
                Ok(link.to_string())
            }
        })
        .collect()
}

/// Where the person stands on the ladder: the framework and roles whose
/// statements suggestions are drawn from.
#[derive(Debug)]
pub struct Place<'a> {
    pub framework: &'a Framework,
    /// The latest assessment's role and next role; empty when unknown.
    pub roles: Vec<&'a Archetype>,
}

impl<'a> Place<'a> {
    /// The framework chosen with `--framework`, else that of the person's
    /// latest assessment (their own view first), else the default; the
    /// roles of that assessment when it is in that framework.
    pub fn of(catalog: &'a Catalog, store: &Store, person: &str) -> Result<Place<'a>, Error> {
        let summaries = super::assessments_of(store, catalog, person, None)?;
        let latest = summaries
            .iter()
            .rev()
            .find(|s| s.view() == "self")
            .or_else(|| summaries.last());
        let framework = match (catalog.unambiguous(), latest) {
            (Some(framework), _) => framework,
            (None, Some(latest)) => match catalog.find(&latest.framework) {
                Ok(entry) => &entry.framework,
                Err(_) => catalog.selected()?,
            },
            (None, None) => catalog.selected()?,
        };
        let mut roles = Vec::new();
        if let Some(latest) = latest.filter(|l| *l.framework == *framework.id)
            && let Ok(role) = framework.archetype(&latest.role)
        {
            roles.push(role);
            let next = match &latest.to {
                Some(code) => framework.archetype(code).ok(),
                None => framework.next_of(role).next(),
            };
            roles.extend(next);
        }
        Ok(Place { framework, roles })
    }
}

/// Checks tags and ranks statements for one run.
struct Tagger<'a> {
    place: &'a Place<'a>,
    vocabulary: Vocabulary<'a>,
    /// Built when first needed: tags given as ids do not need it.
    index: std::cell::OnceCell<Index<'a>>,
}

impl<'a> Tagger<'a> {
    fn new(place: &'a Place<'a>) -> Tagger<'a> {
        Tagger {
            place,
            vocabulary: Vocabulary::new(place.framework),
            index: std::cell::OnceCell::new(),
        }
    }

    fn index(&self) -> &Index<'a> {
        self.index
            .get_or_init(|| Index::new(rank::scope(self.place.framework, &self.place.roles)))
    }

    /// Every `--for` value resolved, without repeats.
    fn resolve(&self, values: &[String]) -> Result<Vec<String>, Error> {
        let mut tags: Vec<String> = Vec::new();
        for value in values {
            for tag in self.vocabulary.resolve(value, || self.index())? {
                if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    tags.push(tag);
                }
            }
        }
        Ok(tags)
    }

    fn suggest(&self, text: &str) -> Vec<Suggestion> {
        self.index()
            .top(text, SUGGESTIONS)
            .into_iter()
            .map(|hit| Suggestion {
                id: hit.statement.id.clone(),
                text: hit.statement.text.clone(),
                score: (hit.score * 100.0).round() / 100.0,
            })
            .collect()
    }

    /// A tag with what it names: "spe.delivery.1  Ships ...".
    fn describe(&self, tag: &str) -> String {
        match self.vocabulary.framework().describe(tag) {
            Some(what) if self.vocabulary.statement(tag).is_some() => clip(&what, 90),
            Some(what) => format!("{tag}: {}", clip(&what, 80)),
            None => text::visible(tag).into_owned(),
        }
    }
}

/// Lets the person tag with any of `offered` (plus the tags already on
/// the entry, kept checked); none is an answer.
fn pick(
    ui: &mut dyn Setup,
    tagger: &Tagger<'_>,
    current: &[String],
    offered: &[Suggestion],
) -> Result<Vec<String>, Error> {
    let mut ids: Vec<String> = current.to_vec();
    for suggestion in offered {
        if !ids.iter().any(|id| id.eq_ignore_ascii_case(&suggestion.id)) {
            ids.push(suggestion.id.clone());
        }
    }
    if ids.is_empty() {
        ui.say("No statement of your roles matches it; it is recorded untagged.")?;
        return Ok(Vec::new());
    }
    let items: Vec<String> = ids.iter().map(|id| tagger.describe(id)).collect();
    let checked: Vec<bool> = (0..ids.len()).map(|i| i < current.len()).collect();
    let chosen = ui.choose(
        "Tag it with (space to choose, Enter to confirm; none is fine)",
        &items,
        &checked,
    )?;
    Ok(chosen
        .into_iter()
        .filter_map(|i| ids.get(i).cloned())
        .collect())
}

/// A statement offered as a tag.
fn record(
    args: &Request,
    text: String,
    person: &str,
    journal: &Journal,
    tagger: &Tagger<'_>,
    ui: Option<&mut dyn Setup>,
) -> Result<Done, Error> {
    let date = entry_date(args.date)?;
    let links = links(&args.links)?;
    let mut tags = tagger.resolve(&args.tags)?;
    let mut suggestions = Vec::new();
    if args.tags.is_empty() {
        suggestions = tagger.suggest(&text);
        if let Some(ui) = ui {
            tags = pick(ui, tagger, &[], &suggestions)?;
            suggestions.clear();
        }
    }
    let new = NewEntry {
        date,
        text,
        links,
        tags,
    };
    let entry = journal
        .add(person, vec![new], now())?
        .into_iter()
        .next()
        .ok_or_else(|| std::io::Error::other("the entry was not recorded"))?;
    let mut done = Done::new(person, Action::Recorded, entry);
    done.suggestions = suggestions;
    Ok(done)
}

fn edit(
    args: &Request,
    id: &str,
    text: Option<String>,
    person: &str,
    journal: &Journal,
    tagger: &Tagger<'_>,
) -> Result<Done, Error> {
    if text.is_none() && args.date.is_none() && args.links.is_empty() && args.tags.is_empty() {
        return Err(Error::Usage {
            message: "nothing to change".into(),
            help: format!(
                "give the new text, --date, --link (the links to keep) or --for (the tags to keep): \
                 rungs log --edit {} \"new text\"",
                text::visible(id).into_owned()
            ),
        });
    }
    let date = args.date.map(|d| entry_date(Some(d))).transpose()?;
    let links = links(&args.links)?;
    let tags = (!args.tags.is_empty())
        .then(|| tagger.resolve(&args.tags))
        .transpose()?;
    let entry = journal.edit(person, id, |entry| {
        if let Some(text) = &text {
            entry.text.clone_from(text);
        }
        if let Some(date) = date {
            entry.date = date;
        }
        if !links.is_empty() {
            entry.links.clone_from(&links);
        }
        if let Some(tags) = &tags {
            entry.tags.clone_from(tags);
        }
    })?;
    let mut done = Done::new(person, Action::Changed, entry);
    if done.entry.id != id.trim() {
        done.moved_from = Some(id.trim().to_string());
    }
    Ok(done)
}

fn retag(
    args: &Request,
    id: &str,
    person: &str,
    journal: &Journal,
    tagger: &Tagger<'_>,
    ui: Option<&mut dyn Setup>,
) -> Result<Done, Error> {
    let tags = if !args.tags.is_empty() {
        tagger.resolve(&args.tags)?
    } else {
        let entry = journal.find(person, id)?;
        let suggestions = tagger.suggest(&entry.text);
        match ui {
            Some(ui) => {
                ui.say(&format!("{}  {}", entry.id, text::visible(&entry.text)))?;
                pick(ui, tagger, &entry.tags, &suggestions)?
            }
            None => {
                let mut help =
                    "give the tags with --for ID|WORDS (--for '' removes every tag)".to_string();
                if !suggestions.is_empty() {
                    let ids: Vec<&str> = suggestions.iter().map(|s| s.id.as_str()).collect();
                    help.push_str(&format!("; it may be evidence for {}", ids.join(", ")));
                }
                return Err(Error::Usage {
                    message: "--retag needs --for outside a terminal".into(),
                    help,
                });
            }
        }
    };
    let entry = journal.edit(person, id, |entry| entry.tags.clone_from(&tags))?;
    Ok(Done::new(person, Action::Changed, entry))
}

fn list(
    args: &Request,
    person: &str,
    journal: &Journal,
    tagger: Option<&Tagger<'_>>,
) -> Result<Listing, Error> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        return Err(Error::Usage {
            message: format!("--since {since} is after --until {until}"),
            help: "give the earlier date to --since".into(),
        });
    }
    let span = Span {
        since: args.since,
        until: args.until,
    };
    let mut entries = journal.entries(person, span)?;
    if args.untagged {
        entries.retain(|e| e.tags.is_empty());
    }
    if let Some(tagger) = tagger.filter(|_| !args.tags.is_empty()) {
        let wanted = tagger.resolve(&args.tags)?;
        let vocabulary = &tagger.vocabulary;
        let wanted_covers: Vec<_> = wanted.iter().map(|w| vocabulary.covers(w)).collect();
        let mut covers = std::collections::HashMap::new();
        entries.retain(|entry| {
            entry.tags.iter().any(|tag| {
                if wanted.iter().any(|w| w.eq_ignore_ascii_case(tag)) {
                    return true;
                }
                let of_tag = covers
                    .entry(tag.to_lowercase())
                    .or_insert_with(|| vocabulary.covers(tag));
                wanted_covers.iter().any(|w| !w.is_disjoint(of_tag))
            })
        });
    }
    Ok(Listing {
        person: person.to_string(),
        entries,
        filtered: args.since.is_some()
            || args.until.is_some()
            || args.untagged
            || !args.tags.is_empty(),
    })
}

fn from_git(
    args: &Request,
    path: &Path,
    person: &str,
    journal: &Journal,
    tagger: &Tagger<'_>,
    ui: Option<&mut dyn Setup>,
) -> Result<Drafted, Error> {
    let since = match args.since {
        Some(since) => since,
        None => today()
            .checked_sub_days(Days::new(GIT_DAYS))
            .unwrap_or_else(today),
    };
    let tags = tagger.resolve(&args.tags)?;
    // The same rule as `--date`: no later than tomorrow.
    let latest = today().checked_add_days(Days::new(1)).unwrap_or_else(today);
    let history = git::read(path, args.author.as_deref(), since, latest)?;
    let mut drafts = git::drafts(&history.name, &history.commits);
    let existing = journal.entries(
        person,
        Span {
            since: Some(since),
            until: None,
        },
    )?;
    let before = drafts.len();
    drafts.retain(|d| {
        !existing
            .iter()
            .any(|e| e.date == d.date && e.text == d.text)
    });
    let already_recorded = before - drafts.len();
    // A week dropped on a terminal before is not proposed again, with
    // --yes either (issue 28: it came back on the next run).
    let dropped = dropped::read(journal, person)?;
    let before_dropped = drafts.len();
    drafts.retain(|d| !dropped.contains(&dropped::fingerprint(d.date, &d.text)));
    let dropped_before = before_dropped - drafts.len();
    let mut drafted = Drafted {
        person: person.to_string(),
        repository: history.name,
        since,
        trivial: history.trivial,
        future: history.future,
        unreadable: history.unreadable,
        already_recorded,
        dropped_before,
        drafts,
        recorded: Vec::new(),
        dry_run: false,
    };
    let keep: Vec<NewEntry> = match ui {
        Some(ui) if !args.yes => {
            let (kept, dropped_now) = review(ui, tagger, &drafted.drafts, &tags)?;
            let dropped_now: Vec<String> = dropped_now
                .iter()
                .map(|&n| &drafted.drafts[n])
                .map(|d| dropped::fingerprint(d.date, &d.text))
                .collect();
            dropped::remember(journal, person, &dropped_now)?;
            kept
        }
        _ if args.yes => drafted
            .drafts
            .iter()
            .map(|draft| NewEntry {
                date: draft.date,
                text: draft.text.clone(),
                links: Vec::new(),
                tags: tags.clone(),
            })
            .collect(),
        _ => {
            drafted.dry_run = true;
            Vec::new()
        }
    };
    if !keep.is_empty() {
        drafted.recorded = journal.add(person, keep, now())?;
    }
    Ok(drafted)
}

/// On a terminal: each draft in turn, to keep, edit, tag or drop. The
/// entries kept, and the positions of the drafts dropped.
fn review(
    ui: &mut dyn Setup,
    tagger: &Tagger<'_>,
    drafts: &[Draft],
    tags: &[String],
) -> Result<(Vec<NewEntry>, Vec<usize>), Error> {
    let mut dropped = Vec::new();
    const CHOICES: [&str; 5] = [
        "keep",
        "edit the text",
        "tag it",
        "drop",
        "drop this and the rest",
    ];
    let choices: Vec<String> = CHOICES.iter().map(|c| c.to_string()).collect();
    let mut kept = Vec::new();
    'drafts: for (n, draft) in drafts.iter().enumerate() {
        let mut text = draft.text.clone();
        let mut chosen_tags = tags.to_vec();
        loop {
            let tagged = if chosen_tags.is_empty() {
                String::new()
            } else {
                format!("\n  for {}", text::visible(&chosen_tags.join(", ")))
            };
            ui.say(&format!(
                "\n{} of {} · {} · {}\n  {}{tagged}",
                n + 1,
                drafts.len(),
                draft.week,
                draft.date,
                text::visible(&text)
            ))?;
            match ui.select("This week's entry", &choices, 0)? {
                0 => {
                    kept.push(NewEntry {
                        date: draft.date,
                        text,
                        links: Vec::new(),
                        tags: chosen_tags,
                    });
                    break;
                }
                1 => {
                    let edited = ui.input("Entry", Some(&text))?;
                    match check_input(&edited, &[], &chosen_tags, draft.date) {
                        Ok(()) => text = edited.trim().to_string(),
                        Err(error) => ui.say(&format!("  {error}; the entry is as it was"))?,
                    }
                }
                2 => {
                    let suggestions = tagger.suggest(&text);
                    chosen_tags = pick(ui, tagger, &chosen_tags, &suggestions)?;
                }
                3 => {
                    dropped.push(n);
                    break;
                }
                _ => {
                    dropped.extend(n..drafts.len());
                    break 'drafts;
                }
            }
        }
    }
    Ok((kept, dropped))
}

// Renderers. Plain functions of the results above, so the output layer
// can take them over as they are.

impl super::Run for crate::cli::LogArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        run(session, self.clone(), self.format.format, out)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use super::*;
    use clap::Parser;

    /// Plays back answers; records what it was asked.
    #[derive(Default)]
    struct Script {
        selects: VecDeque<usize>,
        inputs: VecDeque<&'static str>,
        chooses: VecDeque<Vec<usize>>,
        offered: Vec<Vec<String>>,
        said: Vec<String>,
    }

    impl Setup for Script {
        fn input(&mut self, _: &str, default: Option<&str>) -> Result<String, Error> {
            Ok(self
                .inputs
                .pop_front()
                .map(str::to_string)
                .or(default.map(str::to_string))
                .unwrap_or_default())
        }
        fn select(&mut self, _: &str, _: &[String], default: usize) -> Result<usize, Error> {
            Ok(self.selects.pop_front().unwrap_or(default))
        }
        fn confirm(&mut self, _: &str, default: bool) -> Result<bool, Error> {
            Ok(default)
        }
        fn say(&mut self, text: &str) -> Result<(), Error> {
            self.said.push(text.to_string());
            Ok(())
        }
        fn choose(&mut self, _: &str, items: &[String], _: &[bool]) -> Result<Vec<usize>, Error> {
            self.offered.push(items.to_vec());
            Ok(self.chooses.pop_front().unwrap_or_default())
        }
    }

    fn args(words: &[&str]) -> Request {
        let mut argv = vec!["rungs", "--framework", "examples/acme.toml", "log"];
        argv.extend(words);
        match crate::cli::Cli::parse_from(argv).command {
            crate::cli::Command::Log(args) => args,
            other => panic!("{other:?}"),
        }
    }

    fn catalog() -> &'static Catalog {
        static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CATALOG.get_or_init(|| {
            let manifest = env!("CARGO_MANIFEST_DIR");
            Catalog::load(None, &[format!("{manifest}/examples/acme.toml")]).expect("catalog")
        })
    }

    fn setup() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().join("data"));
        (dir, store)
    }

    #[test]
    fn on_a_terminal_the_suggestions_are_offered_and_the_choice_recorded() {
        let (_dir, store) = setup();
        let mut script = Script {
            chooses: [vec![0]].into_iter().collect(),
            ..Script::default()
        };
        let args = args(&[
            "--person",
            "Ada",
            "--date",
            "2026-11-20",
            "Wrote the runbook for every page of the billing alerts",
        ]);
        let Outcome::Done(done) =
            execute(&args, &|| Ok(catalog()), &store, Some(&mut script)).expect("run")
        else {
            panic!("not recorded")
        };
        assert!((1..=3).contains(&script.offered[0].len()));
        assert!(
            script.offered[0][0].starts_with("e2.craft.2"),
            "{:?}",
            script.offered
        );
        assert_eq!(done.entry.tags, ["e2.craft.2"]);
        assert!(done.suggestions.is_empty());
        assert_eq!(store.last_person().as_deref(), Some("Ada"));
    }

    #[test]
    fn without_a_terminal_the_entry_is_untagged_and_suggestions_printed() {
        let (_dir, store) = setup();
        let args = args(&[
            "--person",
            "Ada",
            "--date",
            "2026-11-20",
            "Wrote the runbook for every page",
        ]);
        let Outcome::Done(done) = execute(&args, &|| Ok(catalog()), &store, None).expect("run")
        else {
            panic!("not recorded")
        };
        assert!(done.entry.tags.is_empty());
        assert_eq!(done.suggestions[0].id, "e2.craft.2");
        let text =
            crate::render::Render::table(&Outcome::Done(done), &crate::render::Style::plain());
        assert!(
            text.contains("it may be evidence for:\n    e2.craft.2"),
            "{text}"
        );
        assert!(
            text.contains("rungs log --retag 2026-11-20-1 --for ID"),
            "{text}"
        );
    }

    #[test]
    fn drafts_are_kept_edited_tagged_or_dropped_one_by_one() {
        let catalog = catalog();
        let commit = |date: &str, subject: &str| git::Commit {
            hash: "0".repeat(40),
            email: "ada@example.com".into(),
            date: date.parse().expect("date"),
            subject: subject.into(),
        };
        let drafts = git::drafts(
            "billing",
            &[
                commit("2026-11-02", "Add runbook steps to every billing alert"),
                commit("2026-11-10", "Plan the ledger migration in milestones"),
                commit("2026-11-17", "Rename a variable"),
                commit("2026-11-24", "Never reached"),
            ],
        );
        let place = Place {
            framework: catalog.selected().expect("acme"),
            roles: Vec::new(),
        };
        let tagger = Tagger::new(&place);
        let mut script = Script {
            // tag then keep; edit then keep; drop; stop.
            selects: [2, 0, 1, 0, 3, 4].into_iter().collect(),
            chooses: [vec![0]].into_iter().collect(),
            inputs: ["Planned the ledger migration as four milestones"]
                .into_iter()
                .collect(),
            ..Script::default()
        };
        let (kept, dropped) = review(&mut script, &tagger, &drafts, &[]).expect("review");
        // The third dropped, the fourth and any after it with "the rest".
        assert_eq!(dropped, (2..drafts.len()).collect::<Vec<_>>());
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].tags, ["e2.craft.2"]);
        assert_eq!(
            kept[1].text,
            "Planned the ledger migration as four milestones"
        );
        assert!(kept[1].tags.is_empty());
        assert_eq!(script.said.len(), 6);
    }
}
