//! The shape of the code, kept by a test: modules import one another in
//! one direction only (cli → app → session → commands → render/output →
//! domain and storage), with no circle anywhere.
//!
//! It reads the source: every `use crate::...`, `use super::...` and
//! inline `crate::a::b` path of each file is an arrow from that file's
//! module to the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, with its module path (`commands::gap`).
fn modules() -> BTreeMap<String, PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            // The binary's edge, and code compiled for tests only.
            if matches!(name.as_str(), "lib" | "main" | "testing") || name.ends_with("_tests") {
                continue;
            }
            found.insert(name, path);
        }
    }
    found
}

/// The longest known module that `path` (`a::b::c`) starts with.
fn resolve(path: &str, known: &BTreeMap<String, PathBuf>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|candidate| known.contains_key(candidate))
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len().saturating_sub(1)];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(|item| expand(&format!("{prefix}{item}")))
        .collect()
}

/// The modules a file imports.
fn imports(module: &str, text: &str, known: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    // Test code may reach anywhere; comments name modules without
    // importing them.
    let text = text.split("#[cfg(test)]").next().unwrap_or(text);
    let text: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = text.as_str();
    let parent: Vec<&str> = {
        let mut parts: Vec<&str> = module.split("::").collect();
        parts.pop();
        parts
    };
    let mut paths = Vec::new();
    for statement in text.split(';') {
        let statement = statement.trim();
        let Some(rest) = statement
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("//"))
            .collect::<Vec<_>>()
            .join(" ")
            .strip_prefix("pub use ")
            .or_else(|| statement.strip_prefix("use "))
            .map(str::to_string)
        else {
            continue;
        };
        for path in expand(&rest) {
            if let Some(path) = path.strip_prefix("crate::") {
                paths.push(path.to_string());
            } else if let Some(path) = path.strip_prefix("super::") {
                let mut base = parent.clone();
                // A file's `super` is its parent module; a `mod.rs`'s
                // `super` is the grandparent, but no mod.rs here uses it.
                base.push(path);
                paths.push(base.join("::"));
            }
        }
    }
    // Inline paths: `crate::commands::focus::lines(...)`, and
    // `super::page::map(...)` from a sibling.
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
        for (i, _) in text.match_indices(prefix) {
            // `crate::` inside `super::crate::` or a longer name is not a
            // path of its own.
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let rest: String = text[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let mut full = base.clone();
            full.push(rest.trim_end_matches(':'));
            paths.push(full.join("::"));
        }
    }
    paths
        .iter()
        .filter_map(|p| resolve(p, known))
        .filter(|target| target != module)
        // A module using its own submodules or its parent's items is one
        // module, not an arrow between two.
        .filter(|target| !target.starts_with(&format!("{module}::")))
        .filter(|target| !module.starts_with(&format!("{target}::")))
        .collect()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    known
        .iter()
        .map(|(module, path)| {
            let text = std::fs::read_to_string(path).expect("source file");
            (module.clone(), imports(module, &text, &known))
        })
        .collect()
}

/// A cycle through the graph, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        OnPath,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::OnPath) => {
                let from = path.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::OnPath);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_two_modules_import_each_other_in_a_circle() {
    let graph = graph();
    assert!(graph.len() > 20, "found only {} modules", graph.len());
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules import each other in a circle: {}",
            cycle.join(" → ")
        );
    }
}

/// Every top-level module and its layer: a module may import its own
/// layer and the layers below, never one above. A new module must be
/// given its place here.
const LAYERS: &[(&str, u8)] = &[
    // The edge: the dispatcher.
    ("app", 8),
    // Each command: its arguments (clap structs, which are its request),
    // their completions, and what running it does.
    ("cli", 7),
    ("complete", 7),
    ("commands", 7),
    // One run's set-up.
    ("session", 6),
    // The interactive walk and the terminal.
    ("tui", 5),
    // Choosing what a report is about.
    ("select", 5),
    // Where reports go, and how each is drawn.
    ("output", 4),
    ("render", 4),
    // Reports and what is computed from stored files.
    ("report", 3),
    ("summary", 3),
    ("journal", 3),
    // A data directory kept in git: reads stored files to describe commits.
    ("share", 3),
    ("ladder", 3),
    // The domain model and its storage.
    ("catalog", 2),
    ("config", 2),
    ("assessment", 2),
    ("error", 2),
    ("framework", 1),
    ("embedded", 1),
    // Helpers every layer may use.
    ("diagnostic", 0),
    ("fsio", 0),
    ("cache", 0),
    ("paths", 0),
    ("text", 0),
    ("suggest", 0),
];

fn layer(module: &str) -> u8 {
    let top = module.split("::").next().unwrap_or_default();
    match LAYERS.iter().find(|(name, _)| *name == top) {
        Some(&(_, layer)) => layer,
        None => panic!("module `{top}` has no layer: give it one in LAYERS"),
    }
}

#[test]
fn arrows_point_one_way_between_layers() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (module, targets) in &graph {
        for target in targets {
            if layer(target) > layer(module) {
                wrong.push(format!("{module} imports {target}, a layer above it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_reader_finds_every_kind_of_import() {
    let known: BTreeMap<String, PathBuf> = ["a", "a::b", "c", "d::e"]
        .iter()
        .map(|m| (m.to_string(), PathBuf::new()))
        .collect();
    let text = "use crate::a::b::{X, Y};\nfn f() { crate::c::go(); super::e::run(); }\n";
    let found = imports("d::f", text, &known);
    let expected: BTreeSet<String> = ["a::b", "c", "d::e"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(found, expected);
    let mut cyclic = BTreeMap::new();
    cyclic.insert("x".to_string(), BTreeSet::from(["y".to_string()]));
    cyclic.insert("y".to_string(), BTreeSet::from(["x".to_string()]));
    assert!(find_cycle(&cyclic).is_some());
}
