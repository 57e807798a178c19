//! `rungs team`: a manager's team, over the data directory or over
//! folders given with `--from` (each a data directory: a report's clone,
//! a shared folder, another manager's). A `--from` folder is only read:
//! its caches go to the cache directory, and listing it leaves even
//! stale temporary files where they are.
//!
//! Everything comes from the summary index but what is not there: the
//! agreed focus areas, statement-by-statement ratings and the evidence of
//! the largest gaps, read from each person's latest complete own view and
//! the latest complete view of each other assessor, and cached (see
//! [`facts`]) under the stamps the index found those files with, so a
//! warm run neither reads nor looks at any file again.

mod facts;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::assessment::store::{self, Folder, Store};
use crate::assessment::{Assessment, Status};
use crate::cache::Cache;
use crate::config;
use crate::error::Error;
use crate::output::Output;
use crate::render::Render;
use crate::render::team::{AggregateView, Part, TeamFormat, TeamView, aggregate_csv, csv, html};
use crate::report::team::{AGGREGATE_MIN, Aggregate, Facts, Gathered, Options, Sort, Team, latest};
use crate::session::Session;
use crate::summary::{self, Stamped, Summary};
use facts::{Cached, Key};

/// The cycle when neither `--cycle` nor `config.toml` sets one.
pub const DEFAULT_CYCLE: u32 = 90;

/// What `rungs team` was asked.
#[derive(Debug, Default)]
pub struct Request {
    pub from: Vec<PathBuf>,
    pub cycle: Option<u32>,
    pub sort: Sort,
    pub roles: Vec<String>,
    pub people: Vec<String>,
    pub part: Option<Part>,
    pub aggregate: bool,
    pub today: Option<NaiveDate>,
    pub format: Option<TeamFormat>,
    pub output: Option<PathBuf>,
}

pub fn run(session: &Session, request: Request, out: &mut Output<'_>) -> Result<(), Error> {
    let catalog = session.catalog()?;
    let cycle = match request.cycle {
        Some(days) => days,
        None => config::load(session.paths.config_dir.as_deref())?
            .and_then(|c| c.team_cycle)
            .unwrap_or(DEFAULT_CYCLE),
    };
    let owned = stores(session, &request.from)?;
    let stores: Vec<&Store> = match &owned {
        Some(owned) => owned.iter().collect(),
        None => vec![session.store()?],
    };
    // The facts kept of each person are read while the summaries are:
    // the index leaves a core idle much of the time.
    let folders: Vec<&std::path::Path> = stores.iter().map(|s| s.data_dir()).collect();
    let cache = stores[0].cache().clone();
    let (listed, cached) = std::thread::scope(|scope| {
        let cached = scope.spawn(|| Cached::open(cache, &folders));
        let listed: Result<Vec<_>, Error> = stores
            .iter()
            .map(|store| summary::stamped(store, catalog))
            .collect();
        // A thread that failed to read the cache leaves it a miss.
        let cached = cached
            .join()
            .unwrap_or_else(|_| Cached::open(Cache::none(), &folders));
        (listed, cached)
    });
    let listed = listed?;
    let mut cached = cached;
    // Each summary with its store and folder; the same assessment in two
    // clones counts once.
    let mut found: Vec<Found<'_>> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::with_capacity(
        listed
            .iter()
            .flatten()
            .map(|(_, summaries)| summaries.len())
            .sum(),
    );
    for (store, folders) in listed.iter().enumerate() {
        for (folder, summaries) in folders {
            for stamped in summaries {
                if seen.insert(stamped.summary.id.as_str()) {
                    found.push(Found {
                        store,
                        folder,
                        stamped,
                    });
                }
            }
        }
    }
    let mut fingerprints: HashMap<&str, u64> = HashMap::new();
    let mut gathered: Vec<Gathered<'_>> = Vec::new();
    // The key each person's facts are cached under, beside `gathered`.
    let mut keys: Vec<Option<Key>> = Vec::new();
    for files in by_person(&found) {
        let summaries: Vec<&Summary> = files.iter().map(|f| f.summary()).collect();
        if !request.wants(&summaries) {
            continue;
        }
        let complete = |f: &&&Found| f.summary().status == Status::Complete;
        let later = |a: &&&Found, b: &&&Found| latest(a.summary(), b.summary());
        let own = files
            .iter()
            .filter(complete)
            .filter(|f| f.summary().assessor.is_none())
            .max_by(later)
            .copied();
        // The latest complete view of each other assessor, latest first.
        let mut others: Vec<&Found> = files
            .iter()
            .filter(complete)
            .filter(|f| f.summary().assessor.is_some())
            .copied()
            .collect();
        others.sort_by(|a, b| latest(b.summary(), a.summary()));
        let mut latest_of: Vec<&Found> = Vec::new();
        for other in others {
            let view = other.summary().view();
            if !latest_of
                .iter()
                .any(|f| f.summary().view().eq_ignore_ascii_case(view))
            {
                latest_of.push(other);
            }
        }
        let framework = own
            .or(latest_of.first().copied())
            .and_then(|f| catalog.find(&f.summary().framework).ok())
            .map(|entry| &entry.framework);
        let mut key = None;
        let facts = framework.and_then(|framework| {
            let fingerprint = *fingerprints
                .entry(framework.id.as_str())
                .or_insert_with(|| summary::index::fingerprint(framework));
            let files = own
                .iter()
                .chain(&latest_of)
                .map(|f| (f.summary().id.as_str(), f.stamped.stamp));
            let made = key.insert(Key::new(fingerprint, files));
            cached.get(made, || {
                let load = |file: &Found| -> Option<Assessment> {
                    let store = stores[file.store];
                    let path = file.path();
                    match store.load_path(&path, catalog) {
                        Ok(assessment) if assessment.id == file.summary().id => Some(assessment),
                        Ok(_) => None,
                        Err(error) => {
                            store.warn(path, error);
                            None
                        }
                    }
                };
                let own_file = own.and_then(load);
                let other_files: Vec<Assessment> =
                    latest_of.iter().filter_map(|f| load(f)).collect();
                if own_file.is_none() && other_files.is_empty() {
                    return None;
                }
                Some(Facts::of(own_file.as_ref(), &other_files, framework))
            })
        });
        gathered.push(Gathered {
            summaries,
            facts,
            framework,
        });
        keys.push(key);
    }
    cached.save(
        keys.iter()
            .zip(&gathered)
            .filter_map(|(key, g)| Some((key.as_ref()?, g.facts.as_ref()?))),
    );
    let options = Options {
        today: request
            .today
            .unwrap_or_else(|| crate::assessment::now().date_naive()),
        cycle,
        sort: request.sort,
    };
    let team = Team::compute(&gathered, &options);
    for store in &stores {
        for warning in store.take_warnings() {
            out.note(&warning.to_string())?;
        }
    }
    let shown = show(&team, &request, out);
    // The process ends after this, and returns all its memory at once:
    // freeing 300 people's summaries and facts an allocation at a time
    // first would cost it a millisecond, as for `list`.
    std::mem::forget(team);
    std::mem::forget(gathered);
    std::mem::forget(found);
    std::mem::forget(listed);
    shown
}

/// The team in the format asked for, to standard output or `--output`.
fn show(team: &Team, request: &Request, out: &mut Output<'_>) -> Result<(), Error> {
    let sources: Vec<String> = request
        .from
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let format = request.format.unwrap_or(TeamFormat::Table);
    if request.aggregate {
        return aggregate(team, format, request.output.as_deref(), out);
    }
    let view = TeamView {
        team,
        part: request.part,
        sources: &sources,
        filtered: !request.people.is_empty() || !request.roles.is_empty(),
    };
    let (text, exact) = match format {
        TeamFormat::Table | TeamFormat::Md | TeamFormat::Json if request.output.is_none() => {
            let format = match format {
                TeamFormat::Table => crate::render::Format::Table,
                TeamFormat::Md => crate::render::Format::Md,
                _ => crate::render::Format::Json,
            };
            return out.emit(&view, format);
        }
        TeamFormat::Table => (view.table(&crate::render::Style::plain()), false),
        TeamFormat::Md => (view.markdown(), false),
        TeamFormat::Json => (view.json(), true),
        // Names are file text: shown visibly here too, never sent to a
        // terminal as control characters.
        TeamFormat::Csv => (csv(team), false),
        TeamFormat::Html => (html(&view), false),
    };
    write(out, &text, exact, request.output.as_deref())
}

/// An assessment found for the team view: which store, which folder.
struct Found<'a> {
    store: usize,
    folder: &'a Folder,
    stamped: &'a Stamped,
}

impl Found<'_> {
    fn summary(&self) -> &Summary {
        &self.stamped.summary
    }

    fn path(&self) -> PathBuf {
        self.folder.path.join(store::file_name(&self.summary().id))
    }
}

/// The files of each person, by name whatever its case and in whichever
/// folder, in the order people first come.
fn by_person<'f, 'a>(found: &'f [Found<'a>]) -> Vec<Vec<&'f Found<'a>>> {
    let mut people: Vec<Vec<&Found>> = Vec::new();
    let mut places: HashMap<String, usize> = HashMap::new();
    // A folder's summaries share one copy of each name: the same copy as
    // the file before is the same person, without working the key out.
    let mut last: Option<(&std::sync::Arc<str>, usize)> = None;
    for file in found {
        let person = &file.summary().person;
        let place = match last {
            Some((name, place)) if std::sync::Arc::ptr_eq(name, person) => place,
            _ => *places
                .entry(person.trim().to_lowercase())
                .or_insert_with(|| {
                    people.push(Vec::new());
                    people.len() - 1
                }),
        };
        people[place].push(file);
        last = Some((person, place));
    }
    people
}

impl Request {
    /// Whether the `--person` and `--role` filters let a person through,
    /// by their latest assessment.
    fn wants(&self, summaries: &[&Summary]) -> bool {
        let Some(latest) = summaries.iter().max_by(|a, b| latest(a, b)) else {
            return false;
        };
        let person_ok = self.people.is_empty()
            || self
                .people
                .iter()
                .any(|p| latest.person.trim().eq_ignore_ascii_case(p.trim()));
        let role_ok = self.roles.is_empty()
            || self
                .roles
                .iter()
                .any(|r| latest.role.eq_ignore_ascii_case(r.trim()));
        person_ok && role_ok
    }
}

fn write(
    out: &mut Output<'_>,
    text: &str,
    exact: bool,
    output: Option<&std::path::Path>,
) -> Result<(), Error> {
    match output {
        Some(path) => out.to_file(path, text, exact),
        None => out.document(text, exact),
    }
}

fn aggregate(
    team: &Team,
    format: TeamFormat,
    output: Option<&std::path::Path>,
    out: &mut Output<'_>,
) -> Result<(), Error> {
    let Some(aggregate) = Aggregate::of(team) else {
        return Err(Error::Usage {
            message: format!(
                "an aggregate needs at least {AGGREGATE_MIN} people; this team has {}",
                team.people.len()
            ),
            help: "with fewer, the figures would tell about each person: share the team view itself only with the people in it".into(),
        });
    };
    let view = AggregateView {
        aggregate: &aggregate,
    };
    let (text, exact) = match format {
        TeamFormat::Table if output.is_none() => {
            return out.emit(&view, crate::render::Format::Table);
        }
        TeamFormat::Table => (view.table(&crate::render::Style::plain()), false),
        TeamFormat::Md => (view.markdown(), false),
        TeamFormat::Json => (view.json(), true),
        TeamFormat::Csv => (aggregate_csv(&aggregate), false),
        TeamFormat::Html => (crate::render::team::aggregate_html(&aggregate), false),
    };
    write(out, &text, exact, output)
}

/// The stores of the `--from` folders, each only read; `None` without
/// any, for the data directory itself.
fn stores(session: &Session, from: &[PathBuf]) -> Result<Option<Vec<Store>>, Error> {
    if from.is_empty() {
        return Ok(None);
    }
    let mut stores = Vec::with_capacity(from.len());
    for dir in from {
        if !dir.is_dir() {
            return Err(Error::Usage {
                message: format!("{} is not a folder", dir.display()),
                help: "--from takes a data directory: a folder holding `assessments/` (a report's clone, a shared folder)".into(),
            });
        }
        if !dir.join("assessments").is_dir() {
            return Err(Error::Usage {
                message: format!("{} holds no assessments/ folder", dir.display()),
                help: "--from takes a data directory, the folder `rungs paths` calls `data`, not the assessments/ folder inside it".into(),
            });
        }
        let cache = Cache::new(session.paths.cache_dir.as_deref(), dir);
        stores.push(Store::read_only(dir, cache));
    }
    Ok(Some(stores))
}

impl super::Run for crate::cli::TeamArgs {
    fn run(&self, session: &Session, out: &mut Output<'_>) -> Result<(), Error> {
        use crate::cli::SortArg;
        use crate::report::team::Sort;
        let request = Request {
            from: self.from.clone(),
            cycle: self.cycle,
            sort: match self.sort {
                SortArg::Attention => Sort::Attention,
                SortArg::Name => Sort::Name,
                SortArg::Readiness => Sort::Readiness,
                SortArg::Due => Sort::Due,
            },
            roles: self.role.clone(),
            people: self.person.clone(),
            part: self.part,
            aggregate: self.aggregate,
            today: self.as_of,
            format: Some(self.format),
            output: self.output.clone(),
        };
        run(session, request, out)
    }
}
