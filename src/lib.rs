//! `rungs`: evidence-based career self-assessment against a career
//! framework.
//!
//! The library holds everything the `rungs` binary does, so tests and
//! programs can use it directly:
//!
//! - [`framework`]: the domain model of a career framework and its loader;
//! - [`assessment`]: assessments, answers files, and their store on disk;
//! - [`report`]: the gap report of one assessment, two side by side
//!   ([`report::compare`]), and the promotion packet;
//! - [`summary`]: what is known of each assessment without reading it (the
//!   summary index) and "the latest";
//! - [`catalog`]: the built-in frameworks plus the user's own files;
//! - [`ladder`]: importing a company's ladder from CSV or Markdown;
//! - [`journal`]: evidence recorded as it happens, tagged to statements;
//! - [`session`]: one run's paths, catalog, store and output settings;
//! - [`share`]: a data directory kept in git, a commit per command;
//! - [`commands`]: each command, from its inputs to a report;
//! - [`render`]: each report as a table, Markdown, JSON or HTML;
//! - [`output`]: where reports go (pager, file, terminal), made safe;
//! - [`tui`]: the interactive walk and its prompts;
//! - [`text`]: text on its way to a person (control characters made
//!   visible, wrapping by display width);
//! - [`cache`]: caches kept in the cache directory, never with people's
//!   files;
//! - [`app`]: the dispatcher; [`cli`]: the arguments;
//! - [`fsio`]: every file read (regular files only, size-limited) and
//!   written (atomically, owner-only);
//! - [`error`]: every error a person can meet, with its exit code.
//!
//! ```
//! let catalog = rungs::catalog::Catalog::load(None, &[]).unwrap();
//! let framework = catalog.selected().unwrap();
//! let senior = framework.archetype("spe").unwrap();
//! assert_eq!(senior.title, "Senior Platform Engineer");
//! ```

pub mod app;
pub mod assessment;
pub mod cache;
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod complete;
pub mod config;
pub mod diagnostic;
pub mod embedded;
pub mod error;
pub mod framework;
pub mod fsio;
pub mod journal;
pub mod ladder;
pub mod output;
pub mod paths;
pub mod render;
pub mod report;
pub mod select;
pub mod session;
pub mod share;
mod suggest;
pub mod summary;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tui;

pub use error::Error;
