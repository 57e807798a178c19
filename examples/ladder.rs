//! Loads a framework through the library and prints, for every archetype,
//! its default path to the top of the ladder and how many statements each
//! section asks of it.
//!
//!     cargo run --example ladder
//!     cargo run --example ladder -- examples/acme.toml

use std::process::ExitCode;

use rungs::catalog::Catalog;
use rungs::framework::{Archetype, Framework};

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let catalog = match Catalog::load(None, &files) {
        Ok(catalog) => catalog,
        Err(error) => {
            eprintln!("{}", error.render(false));
            return ExitCode::FAILURE;
        }
    };
    let framework = match catalog.selected() {
        Ok(framework) => framework,
        Err(error) => {
            eprintln!("{}", error.render(false));
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{} {}: {} archetypes\n",
        framework.name,
        framework.version,
        framework.archetypes.len()
    );
    for archetype in &framework.archetypes {
        println!("{:<5} {}", archetype.code, archetype.title);
        println!(
            "      path to the top: {}",
            default_path(framework, archetype).join(" → ")
        );
        for section in &framework.sections {
            let count: usize = archetype
                .groups
                .iter()
                .filter(|group| framework.sections[group.section].id == section.id)
                .map(|group| group.statements.len())
                .sum();
            if count > 0 {
                println!("      {:<32} {count:>3}", section.name);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Follows the first `next` of each archetype until the top.
fn default_path<'a>(framework: &'a Framework, from: &'a Archetype) -> Vec<&'a str> {
    let mut path = vec![from.code.as_str()];
    let mut current = from;
    // The loader guarantees the ladder has no cycle, so this ends.
    while let Some(next) = framework.next_of(current).next() {
        path.push(&next.code);
        current = next;
    }
    path
}
