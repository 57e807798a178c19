//! `rungs compare`: two views side by side, for a 1:1.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::report::compare::{Agreement, Comparison, DISCONNECT, Pair};
use crate::text;

impl Render for Comparison<'_> {
    fn table(&self, style: &Style) -> String {
        table(self, *style)
    }

    fn markdown(&self) -> String {
        markdown(self)
    }

    fn json(&self) -> String {
        json_object(self)
    }

    fn long(&self) -> bool {
        true
    }
}

/// `rungs compare --disconnects`: the 1:1 agenda, only the statements the
/// two views rate apart.
#[derive(Debug)]
pub struct Disconnects<'a>(pub &'a Comparison<'a>);

impl Render for Disconnects<'_> {
    fn table(&self, style: &Style) -> String {
        disconnects_table(self.0, *style)
    }

    /// Seven disconnects ran to 32 lines and were not paged (issue 28):
    /// the agenda goes through the pager as the full comparison does, and
    /// `less -F` leaves one that fits the screen on it.
    fn long(&self) -> bool {
        true
    }

    fn markdown(&self) -> String {
        disconnects_markdown(self.0)
    }

    fn json(&self) -> String {
        disconnects_json(self.0)
    }
}

/// `rungs compare --format json`. A stable interface.
#[derive(Debug, Serialize)]
pub struct CompareJson<'a> {
    pub person: &'a str,
    pub a: ViewJson<'a>,
    pub b: ViewJson<'a>,
    pub categories: &'a [Agreement],
    pub statements: Vec<PairJson<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ViewJson<'a> {
    pub assessment: &'a str,
    /// `self` or the assessor's name.
    pub assessor: &'a str,
    pub role: &'a str,
    pub to: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PairJson<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub archetype: &'a str,
    pub category: String,
    pub a: AnswerJson<'a>,
    pub b: AnswerJson<'a>,
    /// How far apart the ratings are; null unless both rated.
    pub difference: Option<u8>,
    pub disconnect: bool,
}

#[derive(Debug, Serialize)]
pub struct AnswerJson<'a> {
    pub rating: Option<u8>,
    pub evidence: Option<&'a str>,
}

fn rating(answer: Option<&crate::assessment::Answer>) -> String {
    match answer {
        Some(answer) if answer.no_opportunity => "n/a".to_string(),
        Some(answer) => answer
            .rating
            .map_or_else(|| "skip".to_string(), |r| r.to_string()),
        None => "-".to_string(),
    }
}

fn mark(pair: &Pair<'_>) -> &'static str {
    match pair.difference() {
        Some(0) => "",
        Some(1) => "1 apart",
        Some(_) => "DISCONNECT",
        None => "",
    }
}

fn place(comparison: &Comparison<'_>, pair: &Pair<'_>) -> String {
    let section = &comparison.framework.sections[pair.group.section].name;
    match comparison.framework.group_title(pair.group) {
        Some(title) => format!("{} › {section} › {title}", pair.archetype.code),
        None => format!("{} › {section}", pair.archetype.code),
    }
}

fn summary_line(comparison: &Comparison<'_>) -> String {
    let total = |f: fn(&Agreement) -> usize| comparison.categories.iter().map(f).sum::<usize>();
    let roles = match &comparison.a.to {
        Some(to) => format!("{} → {to}", comparison.a.role),
        None => comparison.a.role.clone(),
    };
    format!(
        "{roles} · {} statements · {} rated by both · {} the same · {} one apart · {} disconnects",
        comparison.items.len(),
        total(|c| c.both_rated),
        total(|c| c.same),
        total(|c| c.one_apart),
        total(|c| c.disconnects)
    )
}

/// Both people's evidence for a statement, one line each.
fn evidence_lines(comparison: &Comparison<'_>, pair: &Pair<'_>) -> Vec<String> {
    [(comparison.a, pair.a), (comparison.b, pair.b)]
        .iter()
        .filter_map(|(view, answer)| {
            let evidence = answer.and_then(|a| a.evidence.as_deref())?;
            Some(format!("{}: {evidence}", view.view()))
        })
        .collect()
}

pub fn table(comparison: &Comparison<'_>, style: Style) -> String {
    let (a, b) = (comparison.a, comparison.b);
    let mut out = format!(
        "{}\n{}\n",
        style.heading(&format!(
            "{}: {} ({}) and {} ({})",
            a.person,
            a.view(),
            a.id,
            b.view(),
            b.id
        )),
        style.dim(&summary_line(comparison))
    );

    out.push_str(&format!("\n{}\n", style.heading("AGREEMENT BY CATEGORY")));
    let mut agreement =
        style.keyed_table(&["Category", "Both rated", "Same", "1 apart", "Disconnects"]);
    for c in &comparison.categories {
        agreement.add_row(vec![
            c.name.clone(),
            c.both_rated.to_string(),
            c.same.to_string(),
            c.one_apart.to_string(),
            c.disconnects.to_string(),
        ]);
    }
    out.push_str(&format!("{agreement}\n"));

    let disconnects: Vec<&Pair<'_>> = comparison.disconnects().collect();
    out.push_str(&format!(
        "\n{}{}\n",
        style.heading(&format!("DISCONNECTS ({})", disconnects.len())),
        style.dim(": ratings 2 or more apart, to talk about")
    ));
    if disconnects.is_empty() {
        out.push_str("None: no two ratings are 2 or more apart.\n");
    }
    for pair in disconnects {
        let mut text = format!(
            "{}\n{} {} · {} {}",
            pair.statement.text,
            a.view(),
            rating(pair.a),
            b.view(),
            rating(pair.b)
        );
        for line in evidence_lines(comparison, pair) {
            text.push('\n');
            text.push_str(&line);
        }
        out.push_str(&style.list([[pair.statement.id.as_str(), text.as_str()]], "   "));
    }

    out.push_str(&format!("\n{}\n", style.heading("EVERY STATEMENT")));
    let mut last_place = String::new();
    let mut table: Option<comfy_table::Table> = None;
    let header = ["ID", "Statement and evidence", a.view(), b.view(), ""];
    for pair in &comparison.items {
        let place = place(comparison, pair);
        if place != last_place {
            if let Some(done) = table.take() {
                out.push_str(&format!("{done}\n"));
            }
            out.push_str(&format!("\n  {}\n", style.heading(&place)));
            table = Some(style.keyed_table(&header));
            last_place = place;
        }
        let mut text = pair.statement.text.clone();
        for line in evidence_lines(comparison, pair) {
            text.push('\n');
            text.push_str(&line);
        }
        if let Some(table) = table.as_mut() {
            table.add_row(vec![
                pair.statement.id.clone(),
                text,
                rating(pair.a),
                rating(pair.b),
                mark(pair).to_string(),
            ]);
        }
    }
    if let Some(done) = table {
        out.push_str(&format!("{done}\n"));
    }
    out
}

pub fn markdown(comparison: &Comparison<'_>) -> String {
    let (a, b) = (comparison.a, comparison.b);
    let mut out = format!(
        "# {}: {} and {}\n\n*{}*\n\n## Agreement by category\n\n",
        markdown::escape(&a.person),
        markdown::escape(a.view()),
        markdown::escape(b.view()),
        markdown::escape(&summary_line(comparison))
    );
    let rows: Vec<Vec<String>> = comparison
        .categories
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.both_rated.to_string(),
                c.same.to_string(),
                c.one_apart.to_string(),
                c.disconnects.to_string(),
            ]
        })
        .collect();
    out.push_str(&markdown::table(
        &["Category", "Both rated", "Same", "1 apart", "Disconnects"],
        &rows,
    ));
    let mut last_place = String::new();
    for pair in &comparison.items {
        let place = place(comparison, pair);
        if place != last_place {
            out.push_str(&format!(
                "\n## {}\n\n| ID | Statement | {} | {} | |\n| --- | --- | --- | --- | --- |\n",
                markdown::escape(&place),
                markdown::escape(a.view()),
                markdown::escape(b.view())
            ));
            last_place = place;
        }
        let mut text = markdown::escape(&pair.statement.text);
        for line in evidence_lines(comparison, pair) {
            text.push_str("<br>");
            text.push_str(&markdown::escape(&super::gap::evidence_one_line(&line)));
        }
        let mark = match mark(pair) {
            "DISCONNECT" => "**disconnect**",
            other => other,
        };
        out.push_str(&format!(
            "| `{}` | {text} | {} | {} | {mark} |\n",
            pair.statement.id,
            rating(pair.a),
            rating(pair.b)
        ));
    }
    out
}

fn view_json(assessment: &crate::assessment::Assessment) -> ViewJson<'_> {
    ViewJson {
        assessment: &assessment.id,
        assessor: assessment.view(),
        role: &assessment.role,
        to: assessment.to.as_deref(),
    }
}

fn answer_json(answer: Option<&crate::assessment::Answer>) -> AnswerJson<'_> {
    AnswerJson {
        rating: answer.and_then(|a| a.rating),
        evidence: answer.and_then(|a| a.evidence.as_deref()),
    }
}

pub fn json_object(comparison: &Comparison<'_>) -> String {
    let statements = comparison
        .items
        .iter()
        .map(|pair| pair_json(comparison, pair))
        .collect();
    json(&CompareJson {
        person: &comparison.a.person,
        a: view_json(comparison.a),
        b: view_json(comparison.b),
        categories: &comparison.categories,
        statements,
    })
}

/// `rungs compare --disconnects --format json`: the 1:1 agenda. A stable
/// interface.
#[derive(Debug, Serialize)]
pub struct AgendaJson<'a> {
    pub person: &'a str,
    pub a: ViewJson<'a>,
    pub b: ViewJson<'a>,
    /// Statements whose ratings are this far apart or more are listed.
    pub threshold: u8,
    /// By category, the largest difference first.
    pub categories: Vec<AgendaCategoryJson<'a>>,
    /// Statements rated one apart, not listed.
    pub one_apart: usize,
    /// Statements only one of the two rated, not listed.
    pub rated_by_one: usize,
}

#[derive(Debug, Serialize)]
pub struct AgendaCategoryJson<'a> {
    pub name: String,
    pub statements: Vec<PairJson<'a>>,
}

fn roles(comparison: &Comparison<'_>) -> String {
    match &comparison.a.to {
        Some(to) => format!("{} → {to}", comparison.a.role),
        None => comparison.a.role.clone(),
    }
}

fn agenda_summary(count: usize) -> String {
    let noun = if count == 1 {
        "disconnect"
    } else {
        "disconnects"
    };
    format!("{count} {noun}: ratings {DISCONNECT} or more apart, largest first")
}

/// What the agenda leaves out, and where to see it.
fn agenda_rest(comparison: &Comparison<'_>) -> String {
    let mut rest = vec![format!("{} more one apart", comparison.one_apart())];
    let by_one = comparison.rated_by_one();
    if by_one > 0 {
        rest.push(format!("{by_one} rated by one of you only"));
    }
    format!(
        "{}; rungs compare without --disconnects lists every statement.",
        rest.join(", ")
    )
}

/// The 1:1 agenda for a terminal: the disconnects by category, largest
/// first, each on one line with both ratings, then each person's evidence
/// on a line of its own. Texts are cut to one line, so ten disconnects
/// fit a screen; `--format md` has them whole.
pub fn disconnects_table(comparison: &Comparison<'_>, style: Style) -> String {
    let (a, b) = (comparison.a, comparison.b);
    let width = usize::from(style.width).max(40);
    let groups = comparison.disconnects_by_category();
    let count: usize = groups.iter().map(|g| g.pairs.len()).sum();
    let mut out = format!(
        "{}\n{}\n",
        style.heading(&text::shorten(
            &format!(
                "1:1 agenda · {}: {} vs {} · {}",
                a.person,
                a.view(),
                b.view(),
                roles(comparison)
            ),
            width
        )),
        style.dim(&text::shorten(&agenda_summary(count), width))
    );
    if groups.is_empty() {
        out.push_str(&format!(
            "\nNo disconnects: no two ratings are {DISCONNECT} or more apart.\n"
        ));
    }
    let id_width = groups
        .iter()
        .flat_map(|g| &g.pairs)
        .map(|p| p.statement.id.chars().count())
        .max()
        .unwrap_or(0);
    for group in &groups {
        out.push_str(&format!(
            "\n{}\n",
            style.heading(&text::shorten(
                &format!("{} ({})", group.category, group.pairs.len()),
                width
            ))
        ));
        for pair in &group.pairs {
            let head = format!(
                "  {:<id_width$}  {} vs {}  ",
                pair.statement.id,
                rating(pair.a),
                rating(pair.b)
            );
            let room = width.saturating_sub(head.chars().count());
            out.push_str(&format!(
                "{head}{}\n",
                text::shorten(&pair.statement.text, room)
            ));
            for line in evidence_lines(comparison, pair) {
                out.push_str(&format!(
                    "      {}\n",
                    style.dim(&text::shorten(&line, width - 6))
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        style.dim(&text::shorten(&agenda_rest(comparison), width))
    ));
    out
}

/// The 1:1 agenda as Markdown, to paste into meeting notes: texts whole,
/// both ratings and both people's evidence under each statement.
pub fn disconnects_markdown(comparison: &Comparison<'_>) -> String {
    let (a, b) = (comparison.a, comparison.b);
    let groups = comparison.disconnects_by_category();
    let count: usize = groups.iter().map(|g| g.pairs.len()).sum();
    let mut out = format!(
        "## 1:1 agenda: {}, {} and {}\n\n{} · {}.\n",
        markdown::escape(&a.person),
        markdown::escape(a.view()),
        markdown::escape(b.view()),
        markdown::escape(&roles(comparison)),
        markdown::escape(&agenda_summary(count))
    );
    if groups.is_empty() {
        out.push_str(&format!(
            "\nNo disconnects: no two ratings are {DISCONNECT} or more apart.\n"
        ));
    }
    for group in &groups {
        out.push_str(&format!("\n### {}\n\n", markdown::escape(&group.category)));
        for pair in &group.pairs {
            out.push_str(&format!(
                "- `{}` {}  \n  **{} {} · {} {}**{}\n",
                pair.statement.id,
                markdown::escape(&pair.statement.text),
                markdown::escape(a.view()),
                rating(pair.a),
                markdown::escape(b.view()),
                rating(pair.b),
                pair.difference()
                    .map(|d| format!(" ({d} apart)"))
                    .unwrap_or_default()
            ));
            for line in evidence_lines(comparison, pair) {
                out.push_str(&format!(
                    "  - {}\n",
                    markdown::escape(&super::gap::evidence_one_line(&line))
                ));
            }
        }
    }
    out.push_str(&format!(
        "\n*{}*\n",
        markdown::escape(&agenda_rest(comparison))
    ));
    out
}

fn pair_json<'a>(comparison: &Comparison<'a>, pair: &Pair<'a>) -> PairJson<'a> {
    PairJson {
        id: &pair.statement.id,
        text: &pair.statement.text,
        archetype: &pair.archetype.code,
        category: crate::report::compare::category_name(comparison.framework, pair.group),
        a: answer_json(pair.a),
        b: answer_json(pair.b),
        difference: pair.difference(),
        disconnect: pair.is_disconnect(),
    }
}

pub fn disconnects_json(comparison: &Comparison<'_>) -> String {
    let categories = comparison
        .disconnects_by_category()
        .into_iter()
        .map(|group| AgendaCategoryJson {
            statements: group
                .pairs
                .iter()
                .map(|pair| pair_json(comparison, pair))
                .collect(),
            name: group.category,
        })
        .collect();
    json(&AgendaJson {
        person: &comparison.a.person,
        a: view_json(comparison.a),
        b: view_json(comparison.b),
        threshold: DISCONNECT,
        categories,
        one_apart: comparison.one_apart(),
        rated_by_one: comparison.rated_by_one(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Assessment;
    use crate::diagnostic::{Origin, SourceFile};

    fn load(name: &'static str, text: &'static str) -> Assessment {
        Assessment::parse(&SourceFile::new(Origin::BuiltIn(name), text)).expect("fixture")
    }

    #[test]
    fn ten_disconnects_fit_one_screen_of_80_columns() {
        let text = include_str!("../../frameworks/platform-engineering.toml");
        let framework =
            crate::framework::parse(&SourceFile::new(Origin::BuiltIn("pe"), text)).expect("loads");
        let ada = load(
            "ada",
            include_str!("../../tests/fixtures/data/assessments/ada-spe-2026-11-20.toml"),
        );
        let grace = load(
            "grace",
            include_str!(
                "../../tests/fixtures/data/assessments/ada-spe-2026-11-19-by-grace-manager.toml"
            ),
        );
        let comparison = Comparison::new(&framework, &ada, &grace);
        assert_eq!(comparison.disconnects().count(), 10);
        let style = Style {
            colour: false,
            width: 80,
        };
        let agenda = disconnects_table(&comparison, style);
        let lines: Vec<&str> = agenda.lines().collect();
        assert!(lines.len() <= 40, "{} lines:\n{agenda}", lines.len());
        assert!(
            lines.iter().all(|l| l.chars().count() <= 80),
            "a line wider than 80 columns:\n{agenda}"
        );
        // Every disconnect, once, with both ratings.
        for pair in comparison.disconnects() {
            let line = lines
                .iter()
                .find(|l| {
                    l.trim_start()
                        .starts_with(&format!("{} ", pair.statement.id))
                })
                .unwrap_or_else(|| panic!("{} is missing", pair.statement.id));
            assert!(line.contains(&format!("{} vs {}", rating(pair.a), rating(pair.b))));
        }
        // Largest difference first.
        let first = lines.iter().position(|l| l.contains("lse.quality.6"));
        let later = lines.iter().position(|l| l.contains("lse.arch.1"));
        assert!(first < later, "{agenda}");
    }
}
