//! `rungs compare`: two views side by side, for a 1:1.

use serde::Serialize;

use super::{Render, Style, json, markdown};
use crate::compare::{Agreement, Comparison, Pair};

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
            text.push_str(&markdown::escape(&line));
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
        .map(|pair| PairJson {
            id: &pair.statement.id,
            text: &pair.statement.text,
            archetype: &pair.archetype.code,
            category: crate::compare::category_name(comparison.framework, pair.group),
            a: answer_json(pair.a),
            b: answer_json(pair.b),
            difference: pair.difference(),
            disconnect: pair.is_disconnect(),
        })
        .collect();
    json(&CompareJson {
        person: &comparison.a.person,
        a: view_json(comparison.a),
        b: view_json(comparison.b),
        categories: &comparison.categories,
        statements,
    })
}
