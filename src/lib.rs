//! `rungs`: evidence-based career self-assessment against a career
//! framework.
//!
//! The library holds everything the `rungs` binary does, so tests and
//! programs can use it directly:
//!
//! - [`framework`]: the domain model of a career framework and its loader;
//! - [`catalog`]: the built-in frameworks plus the user's own files;
//! - [`assessment`]: assessments, answers files, their storage and index;
//! - [`fsio`]: every file read (regular files only, size-limited) and
//!   written (atomically, owner-only);
//! - [`render`]: tables, Markdown and JSON for each view;
//! - [`app`]: one command run end to end; [`cli`]: its arguments;
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
pub mod catalog;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod diagnostic;
pub mod embedded;
pub mod error;
pub mod framework;
pub mod fsio;
pub mod gap;
pub mod paths;
pub mod render;
mod suggest;
pub mod terminal;
#[cfg(test)]
mod testing;
pub mod walk;

pub use error::Error;
