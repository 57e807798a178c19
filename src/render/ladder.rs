//! `rungs roles`: the archetypes of a framework and the paths between them.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::framework::{Archetype, Framework};

/// `rungs roles`: the ladder of one framework.
#[derive(Debug)]
pub struct Ladder<'a> {
    pub framework: &'a Framework,
}

impl Render for Ladder<'_> {
    fn table(&self, style: &Style) -> String {
        table(self.framework, *style)
    }

    fn markdown(&self) -> String {
        markdown(self.framework)
    }

    fn json(&self) -> String {
        json_array(self.framework)
    }
}

/// Lines of the drawn paths beyond which the rest is summarised: a ladder
/// whose roles form a lattice has more paths than anyone can read (2^20 at
/// twenty levels), and drawing them all would never end.
const MAX_PATH_LINES: usize = 40;

/// One archetype in `rungs roles --format json`. Field names are a stable
/// interface for scripts.
#[derive(Debug, Serialize)]
pub struct RoleJson<'a> {
    pub code: &'a str,
    pub title: &'a str,
    /// SFIA levels, lowest first; empty when the role has none.
    pub sfia: &'a [u8],
    pub next: &'a [String],
    /// Roles on a parallel track, a move across rather than up: the links
    /// written on this role and on the others, each once, in ladder order.
    pub lateral: Vec<&'a str>,
    pub statements: usize,
    pub summary: Option<&'a str>,
}

const HEADER: [&str; 5] = ["Code", "Title", "SFIA", "Next", "Statements"];

fn sfia_text(archetype: &Archetype) -> String {
    archetype
        .sfia
        .as_ref()
        .map_or_else(|| "-".to_string(), ToString::to_string)
}

fn next_text(archetype: &Archetype) -> String {
    if archetype.next.is_empty() {
        "(top)".to_string()
    } else {
        archetype.next.join(", ")
    }
}

pub fn table(framework: &Framework, style: Style) -> String {
    let mut table = style.keyed_table(&HEADER);
    for archetype in &framework.archetypes {
        table.add_row([
            archetype.code.clone(),
            archetype.title.clone(),
            sfia_text(archetype),
            next_text(archetype),
            archetype.statement_count().to_string(),
        ]);
    }
    format!(
        "{} {}\n{}\n\n{}\n{}",
        style.heading(&framework.name),
        style.dim(&format!("({} {})", framework.id, framework.version)),
        style.render_table(table),
        style.heading("Paths"),
        paths(framework)
    )
}

pub fn markdown(framework: &Framework) -> String {
    let rows: Vec<Vec<String>> = framework
        .archetypes
        .iter()
        .map(|a| {
            vec![
                a.code.clone(),
                a.title.clone(),
                sfia_text(a),
                next_text(a),
                a.statement_count().to_string(),
            ]
        })
        .collect();
    format!(
        "# {} ladder\n\n*Framework `{}`, version {}.*\n\n{}\n## Paths\n\n```text\n{}```\n",
        markdown::escape(&framework.name),
        framework.id,
        markdown::escape(&framework.version),
        markdown::table(&HEADER, &rows),
        paths(framework)
    )
}

pub fn json_array(framework: &Framework) -> String {
    let roles: Vec<RoleJson<'_>> = framework
        .archetypes
        .iter()
        .map(|a| RoleJson {
            code: &a.code,
            title: &a.title,
            sfia: a.sfia.as_ref().map_or(&[], |s| s.levels()),
            next: &a.next,
            lateral: framework
                .lateral_of(a)
                .map(|other| other.code.as_str())
                .collect(),
            statements: a.statement_count(),
            summary: a.summary.as_deref().map(str::trim),
        })
        .collect();
    json(&roles)
}

/// The ladder drawn as text, from each entry-level role (one no other role
/// leads to) up to the top, branching where a role has several `next`:
///
/// ```text
/// GPE → JPE → IMPE → SPE
///                    ├→ LSE → PA → HoE → VP
///                    └→ TTL → EM → HoE → VP
/// ```
///
/// At most [`MAX_PATH_LINES`] lines are drawn; beyond them one line says
/// how to see every link. Lateral links, moves across between parallel
/// tracks, follow on one line: `Across: SPE ↔ TTL, PA ↔ HoE`.
pub fn paths(framework: &Framework) -> String {
    let led_to: std::collections::HashSet<&str> = framework
        .archetypes
        .iter()
        .flat_map(|a| a.next.iter().map(String::as_str))
        .collect();
    let mut drawing = Drawing {
        out: String::new(),
        lines: 0,
        cut: false,
    };
    for root in framework
        .archetypes
        .iter()
        .filter(|a| !led_to.contains(a.code.as_str()))
    {
        if drawing.cut {
            break;
        }
        drawing.draw(framework, root, String::new());
    }
    if drawing.cut {
        drawing.out.push_str(&format!(
            "… more paths than {MAX_PATH_LINES} lines can show; `rungs roles --format json` lists every `next`\n"
        ));
    }
    let across = lateral_pairs(framework);
    if !across.is_empty() {
        drawing
            .out
            .push_str(&format!("Across: {}\n", across.join(", ")));
    }
    drawing.out
}

/// Each lateral link once, as `SPE ↔ TTL`: the role first in ladder order
/// on the left, pairs in the ladder order of their left role.
fn lateral_pairs(framework: &Framework) -> Vec<String> {
    let mut pairs = Vec::new();
    for (i, archetype) in framework.archetypes.iter().enumerate() {
        for other in framework.lateral_of(archetype) {
            let later = framework.archetypes[i + 1..]
                .iter()
                .any(|a| a.code == other.code);
            if later {
                pairs.push(format!("{} ↔ {}", archetype.code, other.code));
            }
        }
    }
    pairs
}

/// The paths drawn so far, and whether the drawing was cut short.
struct Drawing {
    out: String,
    lines: usize,
    cut: bool,
}

impl Drawing {
    /// Ends a line; false once the budget is spent.
    fn end_line(&mut self) -> bool {
        self.out.push('\n');
        self.lines += 1;
        if self.lines >= MAX_PATH_LINES {
            self.cut = true;
        }
        !self.cut
    }

    /// Writes the chain starting at `archetype` on the current line;
    /// `indent` is what the current line holds before it, as spaces and
    /// rails, so branches below line up under the role they leave from.
    fn draw(&mut self, framework: &Framework, archetype: &Archetype, mut indent: String) {
        let mut current = archetype;
        loop {
            self.out.push_str(&current.code);
            let next: Vec<&Archetype> = framework.next_of(current).collect();
            match next.as_slice() {
                [] => {
                    self.end_line();
                    return;
                }
                [only] => {
                    self.out.push_str(" → ");
                    indent.push_str(&" ".repeat(current.code.chars().count() + 3));
                    current = only;
                }
                several => {
                    if !self.end_line() {
                        return;
                    }
                    for (i, child) in several.iter().enumerate() {
                        if self.cut {
                            return;
                        }
                        let last = i + 1 == several.len();
                        self.out.push_str(&indent);
                        self.out.push_str(if last { "└→ " } else { "├→ " });
                        let rail = if last { "   " } else { "│  " };
                        self.draw(framework, child, format!("{indent}{rail}"));
                    }
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Origin, SourceFile};

    /// Two tracks: IC1 → IC2 → IC3 and M2 → M3, with IC2 ↔ M2 written on
    /// M2 and IC3 ↔ M3 on IC3.
    fn tracks() -> Framework {
        let text = r#"
format_version = 2
id = "tracks"
name = "Tracks"
version = "1"

[[section]]
id = "craft"
name = "Craft"

[[archetype]]
code = "IC1"
title = "Engineer"
next = ["IC2"]

[[archetype]]
code = "IC2"
title = "Senior Engineer"
next = ["IC3"]

[[archetype]]
code = "M2"
title = "Manager"
next = ["M3"]
lateral = ["IC2"]

[[archetype]]
code = "IC3"
title = "Staff Engineer"
lateral = ["M3"]

[[archetype]]
code = "M3"
title = "Senior Manager"
"#;
        let source = SourceFile::new(Origin::File("tracks.toml".into()), text);
        crate::framework::parse(&source).expect("valid")
    }

    #[test]
    fn lateral_links_are_drawn_once_each_after_the_paths() {
        assert_eq!(
            paths(&tracks()),
            "IC1 → IC2 → IC3\nM2 → M3\nAcross: IC2 ↔ M2, IC3 ↔ M3\n"
        );
    }

    #[test]
    fn a_ladder_without_lateral_links_has_no_across_line() {
        let mut framework = tracks();
        for archetype in &mut framework.archetypes {
            archetype.lateral.clear();
        }
        assert_eq!(paths(&framework), "IC1 → IC2 → IC3\nM2 → M3\n");
    }

    #[test]
    fn the_json_lists_lateral_links_written_on_either_role() {
        let json: serde_json::Value = serde_json::from_str(&json_array(&tracks())).expect("json");
        let lateral = |i: usize| json[i]["lateral"].clone();
        assert_eq!(lateral(1), serde_json::json!(["M2"]), "IC2, written on M2");
        assert_eq!(lateral(2), serde_json::json!(["IC2"]));
        assert_eq!(lateral(0), serde_json::json!([]));
    }
}
