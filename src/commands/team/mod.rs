//! `rungs team`: a manager's team, over the data directory or over
//! folders given with `--from` (each a data directory: a report's clone,
//! a shared folder, another manager's). A `--from` folder is only read:
//! its caches go to the cache directory, and listing it leaves even
//! stale temporary files where they are.
//!
//! Everything comes from the summary index but what is not there: the
//! agreed focus areas and statement-by-statement ratings, read from each
//! person's latest complete own view and the latest complete view of each
//! other assessor, and cached (see [`facts`]).

mod facts;

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::assessment::store::{Folder, Store};
use crate::assessment::{Assessment, Status};
use crate::cache::Cache;
use crate::config;
use crate::error::Error;
use crate::output::Output;
use crate::render::Render;
use crate::render::team::{AggregateView, Part, TeamFormat, TeamView, aggregate_csv, csv, html};
use crate::report::team::{AGGREGATE_MIN, Aggregate, Facts, Gathered, Options, Sort, Team};
use crate::session::Session;
use crate::summary::latest::taken;
use crate::summary::{self, Summary};
use facts::Cached;

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
    let mut listed = Vec::with_capacity(stores.len());
    for store in &stores {
        listed.push((
            store.folders(None)?,
            summary::by_folder(store, catalog, None)?,
        ));
    }
    // Each summary with its store and folder; the same assessment in two
    // clones counts once.
    let mut found: Vec<(usize, &Folder, &Summary)> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (n, (folders, by_folder)) in listed.iter().enumerate() {
        for (folder, summaries) in folders.iter().zip(by_folder) {
            for summary in summaries {
                if seen.insert(summary.id.as_str()) {
                    found.push((n, folder, summary));
                }
            }
        }
    }
    let path_of = |i: usize| -> (usize, PathBuf) {
        let (n, folder, summary) = found[i];
        (n, folder.path.join(format!("{}.toml", summary.id)))
    };
    // A person by name, whatever its case, and in whichever folder.
    let mut people: Vec<Vec<usize>> = Vec::new();
    let mut places: HashMap<String, usize> = HashMap::new();
    for (i, (_, _, summary)) in found.iter().enumerate() {
        let key = summary.person.trim().to_lowercase();
        let place = *places.entry(key).or_insert_with(|| {
            people.push(Vec::new());
            people.len() - 1
        });
        people[place].push(i);
    }
    let wanted = |summaries: &[&Summary]| {
        let Some(latest) = summaries.iter().max_by_key(|s| (taken(s), s.id.clone())) else {
            return false;
        };
        let person_ok = request.people.is_empty()
            || request
                .people
                .iter()
                .any(|p| latest.person.trim().eq_ignore_ascii_case(p.trim()));
        let role_ok = request.roles.is_empty()
            || request
                .roles
                .iter()
                .any(|r| latest.role.eq_ignore_ascii_case(r.trim()));
        person_ok && role_ok
    };
    let by_id: HashMap<&str, usize> = found
        .iter()
        .enumerate()
        .map(|(i, (_, _, s))| (s.id.as_str(), i))
        .collect();
    let folders: Vec<&std::path::Path> = stores.iter().map(|s| s.data_dir()).collect();
    let mut cached = Cached::open(stores[0].cache().clone(), &folders);
    let mut fingerprints: HashMap<&str, u64> = HashMap::new();
    let mut gathered: Vec<Gathered<'_>> = Vec::new();
    for indices in &people {
        let summaries: Vec<&Summary> = indices.iter().map(|&i| found[i].2).collect();
        if !wanted(&summaries) {
            continue;
        }
        let complete = |s: &&&Summary| s.status == Status::Complete;
        let own = summaries
            .iter()
            .filter(complete)
            .filter(|s| s.assessor.is_none())
            .max_by_key(|s| (taken(s), s.id.clone()))
            .copied();
        // The latest complete view of each other assessor, latest first.
        let mut latest_of: Vec<&Summary> = Vec::new();
        let mut others: Vec<&&Summary> = summaries
            .iter()
            .filter(complete)
            .filter(|s| s.assessor.is_some())
            .collect();
        others.sort_by_cached_key(|s| std::cmp::Reverse((taken(s), s.id.clone())));
        for other in others {
            if !latest_of
                .iter()
                .any(|s| s.view().eq_ignore_ascii_case(other.view()))
            {
                latest_of.push(other);
            }
        }
        let framework = own
            .or(latest_of.first().copied())
            .and_then(|s| catalog.find(&s.framework).ok())
            .map(|entry| &entry.framework);
        let facts = framework.and_then(|framework| {
            let files: Vec<&Summary> = own.into_iter().chain(latest_of.iter().copied()).collect();
            let paths: Vec<(&str, PathBuf)> = files
                .iter()
                .filter_map(|s| Some((s.id.as_str(), path_of(*by_id.get(s.id.as_str())?).1)))
                .collect();
            let fingerprint = *fingerprints
                .entry(framework.id.as_str())
                .or_insert_with(|| summary::index::fingerprint(framework));
            let key = Cached::key(&paths, fingerprint);
            cached.get(key, || {
                let mut load = |summary: &Summary| -> Option<Assessment> {
                    let (n, path) = path_of(*by_id.get(summary.id.as_str())?);
                    match stores[n].load_path(&path, catalog) {
                        Ok(assessment) if assessment.id == summary.id => Some(assessment),
                        Ok(_) => None,
                        Err(error) => {
                            stores[n].warn(path, error);
                            None
                        }
                    }
                };
                let own_file = own.and_then(&mut load);
                let other_files: Vec<Assessment> =
                    latest_of.iter().filter_map(|s| load(s)).collect();
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
    }
    cached.save();
    let options = Options {
        today: request
            .today
            .unwrap_or_else(|| crate::assessment::now().date_naive()),
        cycle,
        sort: request.sort,
    };
    let mut team = Team::compute(&gathered, &options);
    // The evidence of the largest gaps, from their files: the cached
    // facts hold none.
    let mut read: HashMap<String, Option<Assessment>> = HashMap::new();
    for apart in &mut team.calibration.largest {
        for (id, evidence) in [
            (&apart.own_assessment, &mut apart.own_evidence),
            (&apart.other_assessment, &mut apart.other_evidence),
        ] {
            let file = read.entry(id.clone()).or_insert_with(|| {
                let (n, path) = path_of(*by_id.get(id.as_str())?);
                stores[n].load_path(&path, catalog).ok()
            });
            *evidence = file
                .as_ref()
                .and_then(|f| f.ratings.get(&apart.id))
                .and_then(|a| a.evidence.clone());
        }
    }
    for store in &stores {
        for warning in store.take_warnings() {
            out.note(&warning.to_string())?;
        }
    }
    let sources: Vec<String> = request
        .from
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let format = request.format.unwrap_or(TeamFormat::Table);
    if request.aggregate {
        return aggregate(&team, format, request.output.as_deref(), out);
    }
    let view = TeamView {
        team: &team,
        part: request.part,
        sources: &sources,
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
        TeamFormat::Csv => (csv(&team), false),
        TeamFormat::Html => (html(&view), false),
    };
    write(out, &text, exact, request.output.as_deref())
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
