//! `rungs paths`: the directories this run uses and why each is the one.

use std::path::Path;

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::paths::{Paths, Source};

#[derive(Debug, Serialize)]
pub struct PathJson {
    /// `config`, `frameworks`, `data` or `cache`.
    pub name: &'static str,
    /// Null when the system has no home directory and nothing is set.
    pub path: Option<String>,
    /// `flag`, `environment`, `platform-default` or `none`.
    pub source: Source,
    /// The flag and variable that choose it.
    pub set_with: &'static str,
}

/// The directories of one run.
#[derive(Debug)]
pub struct PathsView<'a> {
    pub paths: &'a Paths,
    /// The data directory's own folder of caches.
    pub cache: Option<&'a Path>,
}

impl PathsView<'_> {
    fn rows(&self) -> Vec<PathJson> {
        let show = |path: Option<&Path>| path.map(|p| p.display().to_string());
        let paths = self.paths;
        vec![
            PathJson {
                name: "config",
                path: show(paths.config_dir.as_deref()),
                source: paths.config_source,
                set_with: "--config-dir, RUNGS_CONFIG_DIR",
            },
            PathJson {
                name: "frameworks",
                path: show(paths.user_frameworks_dir().as_deref()),
                source: paths.config_source,
                set_with: "the config directory",
            },
            PathJson {
                name: "data",
                path: show(paths.data_dir.as_deref()),
                source: paths.data_source,
                set_with: "--data-dir, RUNGS_DATA_DIR",
            },
            PathJson {
                name: "cache",
                path: show(self.cache),
                source: paths.cache_source,
                set_with: "RUNGS_CACHE_DIR (a folder in it per data directory)",
            },
        ]
    }
}

const HEADER: [&str; 4] = ["Directory", "Path", "Chosen by", "Set with"];

fn cells(row: &PathJson) -> Vec<String> {
    vec![
        row.name.to_string(),
        row.path.clone().unwrap_or_else(|| "(none)".to_string()),
        row.source.as_str().to_string(),
        row.set_with.to_string(),
    ]
}

impl Render for PathsView<'_> {
    fn table(&self, style: &Style) -> String {
        let mut out = String::new();
        for row in self.rows() {
            let cells = cells(&row);
            out.push_str(&format!("{}\n", style.heading(&cells[0])));
            out.push_str(&format!("  {}\n", cells[1]));
            out.push_str(&style.dim(&format!(
                "  chosen by: {} · set with: {}",
                cells[2], cells[3]
            )));
            out.push('\n');
        }
        out
    }

    fn markdown(&self) -> String {
        let rows: Vec<Vec<String>> = self.rows().iter().map(cells).collect();
        format!("# Directories\n\n{}", markdown::table(&HEADER, &rows))
    }

    fn json(&self) -> String {
        json(&self.rows())
    }
}
