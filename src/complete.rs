//! Values the shell completions offer, computed when a person presses Tab:
//! role codes, framework ids, people and assessment ids. The completion
//! scripts (`rungs completions SHELL`) call back into `rungs` for them.
//!
//! Completion runs with no flags parsed, so it reads the directories from
//! the environment (`RUNGS_CONFIG_DIR`, `RUNGS_DATA_DIR`) or the platform
//! default, and never fails: a broken file means fewer candidates.

use clap_complete::CompletionCandidate;

use crate::catalog::Catalog;
use crate::paths::Paths;
use crate::session::Session;
use crate::summary::{self, Summary};

/// The environment variable that turns a run into a completion request.
pub const COMPLETE_VAR: &str = "RUNGS_COMPLETE";

fn session() -> Session {
    let paths = Paths::resolve(None, None, &|name| std::env::var_os(name));
    Session::new(paths, Vec::new(), crate::output::Settings::plain())
}

fn catalog(session: &Session) -> Option<&Catalog> {
    session.catalog().ok()
}

fn summaries(session: &Session) -> Vec<Summary> {
    let (Ok(store), Some(catalog)) = (session.store(), catalog(session)) else {
        return Vec::new();
    };
    summary::summaries(store, catalog, None)
        .ok()
        .unwrap_or_default()
}

/// Codes of the default framework's archetypes, with their titles.
pub fn role_codes() -> Vec<CompletionCandidate> {
    let session = session();
    let Some(framework) = catalog(&session).and_then(|c| c.selected().ok()) else {
        return Vec::new();
    };
    framework
        .archetypes
        .iter()
        .map(|a| CompletionCandidate::new(&a.code).help(Some(a.title.clone().into())))
        .collect()
}

/// Ids of every framework rungs can see.
pub fn framework_ids() -> Vec<CompletionCandidate> {
    let session = session();
    let Some(catalog) = catalog(&session) else {
        return Vec::new();
    };
    catalog
        .entries()
        .iter()
        .map(|e| {
            CompletionCandidate::new(&e.framework.id).help(Some(e.framework.name.clone().into()))
        })
        .collect()
}

/// Everyone with a stored assessment, each once.
pub fn people() -> Vec<CompletionCandidate> {
    let mut people: Vec<String> = summaries(&session())
        .into_iter()
        .map(|s| s.person.to_string())
        .collect();
    people.sort();
    people.dedup();
    people.into_iter().map(CompletionCandidate::new).collect()
}

/// Every stored assessment's id, with whose view it is.
pub fn assessment_ids() -> Vec<CompletionCandidate> {
    summaries(&session())
        .iter()
        .map(|s| {
            let help = format!("{} · {} · {}", s.person, s.view(), s.role);
            CompletionCandidate::new(&s.id).help(Some(help.into()))
        })
        .collect()
}
