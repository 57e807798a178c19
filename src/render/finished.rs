//! The end of the walk: a summary that fits one 80x24 screen, readiness,
//! the category table, the three focus areas, where the file is, and the
//! commands for the full report and the packet. The full gap report is one
//! command away instead of scrolling the headline off the screen.

use serde::Serialize;

use super::gap::{area_line, category_cells, count_with_bar};
use super::{Render, Style, json, markdown};
use crate::report::gap::Gap;
use crate::text;

/// The summary of a finished walk.
#[derive(Debug)]
pub struct Finished<'a> {
    pub gap: &'a Gap<'a>,
    /// Where the assessment file is.
    pub path: &'a str,
}

#[derive(Debug, Serialize)]
struct FinishedJson<'a> {
    assessment: &'a str,
    status: crate::assessment::Status,
    readiness: Option<u8>,
    focus: Vec<&'a str>,
    path: &'a str,
    report: String,
    packet: String,
}

impl Finished<'_> {
    fn commands(&self) -> (String, String) {
        let id = &self.gap.assessment.id;
        (
            format!("rungs gap {id}"),
            format!("rungs export {id} --format html --output packet.html"),
        )
    }

    fn headline(&self) -> (String, String) {
        let gap = self.gap;
        let roles = match gap.target {
            Some(target) => format!("{} → {}", gap.role.code, target.code),
            None => gap.role.code.clone(),
        };
        let title = format!(
            "Done: {} · {roles} · {} · {} of {} rated",
            gap.assessment.who(),
            gap.status,
            gap.rated,
            gap.total
        );
        let readiness = match (gap.target, gap.readiness) {
            (Some(target), Some(readiness)) => format!(
                "Readiness for {}: {readiness}% ({} of {} statements met)",
                target.code, gap.target_met, gap.target_total
            ),
            (Some(target), None) => format!("{} has no statements yet.", target.label()),
            (None, _) => format!("{} is the top of this ladder.", gap.role.code),
        };
        (title, readiness)
    }
}

impl Render for Finished<'_> {
    fn table(&self, style: &Style) -> String {
        let gap = self.gap;
        let (title, readiness) = self.headline();
        // No blank line before the table: its header row sets it apart,
        // and a long id or path may take a second line at the end.
        let mut out = format!("{}\n{}\n", style.dim(&title), style.heading(&readiness));

        // The category table without borders: two lines fewer than a
        // bordered one, so twelve categories still fit.
        let current = format!("{} (current)", gap.role.code);
        let next = gap.target.map(|t| format!("{} (next)", t.code));
        let mut rows: Vec<Vec<String>> = vec![{
            let mut header = vec!["Category".to_string(), current];
            header.extend(next);
            header
        }];
        for row in &gap.rows {
            rows.push(category_cells(gap, row, count_with_bar));
        }
        let columns = rows.first().map_or(0, Vec::len);
        let widths: Vec<usize> = (0..columns)
            .map(|c| rows.iter().map(|r| text::width(&r[c])).max().unwrap_or(0))
            .collect();
        for (n, row) in rows.iter().enumerate() {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - text::width(cell))))
                .collect();
            let line = line.join("  ").trim_end().to_string();
            if n == 0 {
                out.push_str(&style.heading(&line));
            } else {
                out.push_str(&line);
            }
            out.push('\n');
        }

        if !gap.focus_areas.is_empty() {
            out.push_str(&format!("\n{}\n", style.heading("Focus areas")));
            for (n, area) in gap.focus_areas.iter().enumerate() {
                out.push_str(&format!("  {}. {}\n", n + 1, area_line(gap, area)));
            }
        }
        let (report, packet) = self.commands();
        out.push_str(&format!("Saved in {}\n", self.path));
        out.push_str(&format!("Full report: {report}\n"));
        out.push_str(&format!("Packet:      {packet}\n"));
        out
    }

    fn markdown(&self) -> String {
        let gap = self.gap;
        let (title, readiness) = self.headline();
        let (report, packet) = self.commands();
        let mut out = format!(
            "{}\n\n**{}**\n\n",
            markdown::escape(&title),
            markdown::escape(&readiness)
        );
        for (n, area) in gap.focus_areas.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}\n",
                n + 1,
                markdown::escape(&area_line(gap, area))
            ));
        }
        out.push_str(&format!(
            "\nSaved in `{}`. Full report: `{report}`. Packet: `{packet}`.\n",
            self.path.replace('`', "'")
        ));
        out
    }

    fn json(&self) -> String {
        let (report, packet) = self.commands();
        json(&FinishedJson {
            assessment: &self.gap.assessment.id,
            status: self.gap.status,
            readiness: self.gap.readiness,
            focus: self
                .gap
                .focus_areas
                .iter()
                .map(|a| a.name.as_str())
                .collect(),
            path: self.path,
            report,
            packet,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Origin, SourceFile};

    /// The built-in SPE → LSE walk, the longest category table there is.
    #[test]
    fn the_summary_fits_one_80_by_24_screen() {
        let text = include_str!("../../frameworks/platform-engineering.toml");
        let framework =
            crate::framework::parse(&SourceFile::new(Origin::BuiltIn("pe"), text)).expect("loads");
        let mut assessment = crate::testing::assessment(&[("lse.arch.1", Some(2), None)]);
        assessment.id = "ada-spe-2026-11-25-by-bartholomew-fitzgerald".into();
        assessment.framework = framework.id.clone();
        assessment.role = "SPE".into();
        assessment.to = Some("LSE".into());
        let role = framework.archetype("SPE").expect("SPE");
        let target = framework.archetype("LSE").expect("LSE");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let summary = Finished {
            gap: &gap,
            path: "/home/ada/.local/share/rungs/assessments/ada/ada-spe-2026-11-25.toml",
        };
        let style = Style {
            colour: false,
            width: 80,
        };
        let shown = text::fit_lines(&summary.table(&style), 80).into_owned();
        // One line is left for the question that follows.
        assert!(
            shown.lines().count() <= 23,
            "{} lines:\n{shown}",
            shown.lines().count()
        );
        assert!(shown.lines().all(|l| text::width(l) <= 80), "{shown}");
        assert!(
            shown.contains("Readiness for LSE: 1% (1 of 84 statements met)"),
            "{shown}"
        );
        assert!(
            shown.contains("Full report: rungs gap ada-spe-2026-11-25-by-bartholomew"),
            "{shown}"
        );
        assert!(shown.contains("--output packet.html"), "{shown}");
        assert!(shown.contains("  3. "), "{shown}");
    }
}
