//! The panel packet (HTML and Markdown), and the full packet's Markdown
//! with other views.
//!
//! The panel packet is what a promotion panel reads: who, the roles, the
//! date, readiness and the category chart; then per category the target's
//! statements that are met, each with its rating and evidence; then those
//! not yet met as a compact list; then the agreed focus. It prints in a
//! few pages where the full packet, with a card for every statement, takes
//! a dozen. The HTML shares the full packet's page, stylesheet and pieces
//! (`render::html`), so both print the same way.

use maud::{Markup, html};

use super::gap::{category_cells, fraction, journal_lines, markdown_flag, place};
use super::html::{self as page, answer_label, rating_value};
use super::markdown;
use crate::assessment::{Answer, Assessment};
use crate::framework::{Archetype, Framework};
use crate::report::gap::{Gap, Item};
use crate::report::packet::{Category, Packet, Panel, view_name};

/// What `rungs export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The promotion packet as a Markdown document.
    Md,
    /// The promotion packet as one self-contained, printable HTML page.
    Html,
    /// The promotion packet as JSON.
    Json,
    /// The assessment file itself, for `rungs import` elsewhere.
    Toml,
}

const PANEL: &str = "Promotion case";

/// The panel packet as one self-contained, printable HTML page.
pub fn panel_html(panel: &Panel<'_, '_>) -> String {
    let packet = &panel.packet;
    page::page(
        &page::title(PANEL, packet),
        page::running(PANEL, packet),
        html! {
            (page::masthead(PANEL, packet))
            (page::categories(packet, false))
            (met_html(panel))
            (compact_html(panel, &panel.not_met, NOT_MET))
            @if !panel.no_opportunity.is_empty() {
                (compact_html(panel, &panel.no_opportunity, NO_OPPORTUNITY))
            }
            (page::focus(packet))
            (page::footer(packet))
        },
    )
}

/// What the target is called in headings: its code, or at the top of the
/// ladder the current role's.
fn archetype<'a>(gap: &Gap<'a>) -> &'a Archetype {
    gap.target.unwrap_or(gap.role)
}

/// "2 Demonstrated", the scale's threshold, or its bare value.
fn threshold(framework: &Framework) -> String {
    let met = framework.scale.met;
    match framework.scale.level(met) {
        Some(level) => format!("{} {}", level.value, level.label),
        None => met.to_string(),
    }
}

/// A category's count of statements met, of all the role has there.
fn met_of(panel: &Panel<'_, '_>, category: &Category<'_>) -> (usize, usize) {
    let gap = panel.packet.gap;
    gap.rows
        .get(category.row)
        .map_or((0, 0), |row| match gap.target {
            Some(_) => (row.next_met, row.next_total),
            None => (row.current_met, row.current_total),
        })
}

fn met_html(panel: &Panel<'_, '_>) -> Markup {
    let packet = &panel.packet;
    let gap = packet.gap;
    let role = archetype(gap);
    html! {
        section.met {
            "\n"
            h2 { "Met for " (role.code) ": " (Panel::count(&panel.met)) " of " (packet.items().len()) } "\n"
            p.lede {
                "The statements of " (role.label()) " that " (view_name(gap.assessment))
                " rates " (threshold(gap.framework)) " or above, by category, each with its evidence."
                @if packet.has_others() {
                    " " (page::views_note(packet))
                }
            }
            "\n"
            (page::scale_note(gap.framework))
            @if panel.met.is_empty() {
                p.none { "None yet." } "\n"
            }
            @for category in &panel.met {
                @let (met, total) = met_of(panel, category);
                h3 {
                    span { (panel.name(category)) }
                    span.group-count { (met) " of " (total) " met" }
                }
                "\n"
                ol.statements {
                    "\n"
                    @for item in &category.items {
                        (page::compact_card(packet, item))
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// One of the compact lists: its heading and what it holds.
struct Compact {
    class: &'static str,
    heading: &'static str,
    /// `{threshold}` stands for the scale's threshold.
    lede: &'static str,
}

impl Compact {
    fn lede(&self, framework: &Framework) -> String {
        self.lede.replace("{threshold}", &threshold(framework))
    }
}

const NOT_MET: Compact = Compact {
    class: "not-met",
    heading: "Not yet met",
    lede: "Rated below {threshold}, or not rated. The full packet has each with its evidence.",
};

const NO_OPPORTUNITY: Compact = Compact {
    class: "no-opportunity",
    heading: "No opportunity yet",
    lede: "The situation has not arisen yet: not met, and not a gap in what was shown.",
};

/// A compact list of statements by category: id, text and rating (every
/// view's rating with other views, a disconnect marked).
fn compact_html(panel: &Panel<'_, '_>, part: &[Category<'_>], kind: Compact) -> Markup {
    let packet = &panel.packet;
    let gap = packet.gap;
    let framework = gap.framework;
    // With several views, the values alone: the columns leave the
    // statement room, and the scale note names the values.
    let label = if packet.others.len() > 1 {
        rating_value
    } else {
        answer_label
    };
    html! {
        section class=(kind.class) {
            "\n"
            h2 { (kind.heading) " for " (archetype(gap).code) ": " (Panel::count(part)) } "\n"
            p.lede { (kind.lede(framework)) } "\n"
            @if part.is_empty() {
                p.none { "None." } "\n"
            } @else {
                table.compact.views[packet.others.len() > 1] {
                    "\n"
                    thead {
                        tr {
                            th scope="col" { "ID" }
                            th scope="col" { "Statement" }
                            @if packet.has_others() {
                                th.rating scope="col" { (view_name(gap.assessment)) }
                                @for other in packet.others() {
                                    th.rating scope="col" { (view_name(other.assessment)) }
                                }
                            } @else {
                                th.rating scope="col" { "Rating" }
                            }
                        }
                    }
                    "\n"
                    @for category in part {
                        tbody {
                            "\n"
                            tr.group {
                                th colspan=(3 + packet.others.len()) scope="rowgroup" {
                                    (panel.name(category)) " " span.group-count { "(" (category.items.len()) ")" }
                                }
                            }
                            "\n"
                            @for item in &category.items {
                                tr class=[packet.is_disconnect(item).then_some("is-disconnect")] {
                                    td { code.sid { (item.statement.id) } }
                                    td { (item.statement.text) }
                                    td.rating { (label(framework, item.answer)) }
                                    @for other in packet.others() {
                                        td.rating {
                                            (label(framework, Packet::answer_of(other, item)))
                                            @if let Some(difference) = Packet::difference_with(other, item).filter(|_| Packet::is_disconnect_with(other, item)) {
                                                " " span.badge.badge-disconnect { (difference) " apart" }
                                            }
                                        }
                                    }
                                }
                                "\n"
                            }
                        }
                        "\n"
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

// Markdown.

fn date(gap: &Gap<'_>) -> String {
    page::assessed(gap).format("%Y-%m-%d").to_string()
}

fn sfia(archetype: &Archetype) -> String {
    archetype
        .sfia
        .as_ref()
        .map(|s| format!(" (SFIA {s})"))
        .unwrap_or_default()
}

/// "48% (41 of 84 statements met)", or why there is no figure.
fn readiness_text(gap: &Gap<'_>) -> String {
    match gap.readiness {
        Some(readiness) => format!(
            "{readiness}% ({} of {} statements met{})",
            gap.target_met,
            gap.target_total,
            gap.indicative()
                .map(|i| format!("; {i}"))
                .unwrap_or_default()
        ),
        None => {
            let met: usize = gap.rows.iter().map(|r| r.current_met).sum();
            let total: usize = gap.rows.iter().map(|r| r.current_total).sum();
            format!("{met} of {total} statements of {} met", gap.role.code)
        }
    }
}

/// The title and the table of facts, then the per-category table.
fn markdown_head(kind: &str, packet: &Packet<'_, '_>) -> String {
    let gap = packet.gap;
    let assessment = gap.assessment;
    let heading = if packet.has_others() {
        assessment.person.clone()
    } else {
        assessment.who()
    };
    let mut out = format!("# {kind}: {}\n\n", markdown::escape(&heading));
    let mut facts = vec![vec!["Person".to_string(), assessment.person.clone()]];
    if packet.has_others() {
        for view in std::iter::once(gap).chain(packet.others()) {
            facts.push(vec![
                "View".to_string(),
                format!("{}, assessed {}", view_name(view.assessment), date(view)),
            ]);
        }
    } else {
        facts.push(vec!["Assessor".to_string(), assessment.view().to_string()]);
    }
    facts.push(vec![
        "Current role".to_string(),
        format!("{}{}", gap.role.label(), sfia(gap.role)),
    ]);
    facts.push(vec![
        "Target role".to_string(),
        match gap.target {
            Some(target) => format!("{}{}", target.label(), sfia(target)),
            None => "none: top of the ladder".to_string(),
        },
    ]);
    if let Some(step) = gap.sfia_step() {
        facts.push(vec!["SFIA step".to_string(), step]);
    }
    if !packet.has_others() {
        facts.push(vec!["Assessed".to_string(), date(gap)]);
    }
    facts.push(vec![
        "Statements rated".to_string(),
        format!("{} of {}", gap.rated, gap.total),
    ]);
    let label = match gap.target {
        Some(target) => format!("Readiness for {}", target.code),
        None => format!("Coverage of {}", gap.role.code),
    };
    match packet.has_others() {
        true => {
            for view in std::iter::once(gap).chain(packet.others()) {
                facts.push(vec![
                    format!("{label}, {}", view_name(view.assessment)),
                    readiness_text(view),
                ]);
            }
            facts.push(vec![
                "Disconnects".to_string(),
                page::disconnects_text(packet),
            ]);
        }
        false => facts.push(vec![label, readiness_text(gap)]),
    }
    out.push_str(&markdown::table(&["", ""], &facts));

    out.push_str("\n## By category\n\n");
    let current = format!("{} met", gap.role.code);
    let mut header = vec![current];
    if let Some(target) = gap.target {
        header.push(format!("{} met", target.code));
        for other in packet.others() {
            header.push(format!(
                "{} met, {}",
                target.code,
                view_name(other.assessment)
            ));
        }
        header.push("Not yet met".to_string());
    }
    let rows: Vec<Vec<String>> = gap
        .rows
        .iter()
        .map(|row| {
            let mut cells = category_cells(gap, row, fraction);
            if gap.target.is_some() {
                for second in packet.others() {
                    let other = second
                        .rows
                        .iter()
                        .find(|r| r.section == row.section && r.category == row.category);
                    cells.push(
                        other.map_or("-".to_string(), |o| fraction(o.next_met, o.next_total)),
                    );
                }
                cells.push(if row.next_total == 0 {
                    "-".to_string()
                } else {
                    row.next_gap().to_string()
                });
            }
            cells
        })
        .collect();
    let mut columns = vec!["Category"];
    columns.extend(header.iter().map(String::as_str));
    out.push_str(&markdown::table(&columns, &rows));
    out
}

/// "3 Role model. Evidence: the design doc", escaped.
fn answer_md(framework: &Framework, answer: Option<&Answer>) -> String {
    let evidence = match (answer.and_then(|a| a.evidence.as_deref()), answer) {
        (Some(evidence), _) => format!("Evidence: {}", super::gap::evidence_one_line(evidence)),
        (None, Some(_)) => "No evidence written.".to_string(),
        (None, None) => "No evidence yet.".to_string(),
    };
    markdown::escape(&format!("{}. {evidence}", answer_label(framework, answer)))
}

/// One statement as a list item with its answer (or every view's answer,
/// each apart, a disconnect marked) under it.
fn item_md(packet: &Packet<'_, '_>, item: &Item<'_>, flag: &str) -> String {
    let gap = packet.gap;
    let framework = gap.framework;
    let mut out = format!(
        "- {flag}`{}` {}",
        item.statement.id,
        markdown::escape(&item.statement.text)
    );
    if packet.is_disconnect(item)
        && let Some(difference) = packet.difference(item)
    {
        out.push_str(&format!(" **{difference} apart**"));
    }
    out.push('\n');
    match packet.has_others() {
        false => out.push_str(&format!("  - {}\n", answer_md(framework, item.answer))),
        true => {
            let views: Vec<(&Assessment, Option<&Answer>)> =
                std::iter::once((gap.assessment, item.answer))
                    .chain(
                        packet
                            .others()
                            .map(|o| (o.assessment, Packet::answer_of(o, item))),
                    )
                    .collect();
            for (view, answer) in views {
                out.push_str(&format!(
                    "  - {}: {}\n",
                    markdown::escape(&view_name(view)),
                    answer_md(framework, answer)
                ));
            }
        }
    }
    if !gap.is_met(item) && !item.statement.examples.is_empty() {
        out.push_str(&format!(
            "  - What would show it: {}\n",
            markdown::escape(&item.statement.examples.join("; "))
        ));
    }
    for line in journal_lines(&gap.journal.of(&item.statement.id), "Journal") {
        out.push_str(&format!("  - {}\n", markdown::escape(&line)));
    }
    out
}

/// The agreed focus of each view, then the largest gaps.
fn focus_md(packet: &Packet<'_, '_>) -> String {
    let gap = packet.gap;
    let mut out = String::new();
    for view in std::iter::once(gap).chain(packet.others()) {
        let assessment = view.assessment;
        if assessment.focus.is_empty() {
            continue;
        }
        if packet.has_others() {
            out.push_str(&format!(
                "\n## Agreed focus, recorded with {}'s view\n\n",
                markdown::escape(&view_name(assessment))
            ));
        } else {
            out.push_str("\n## Agreed focus\n\n");
        }
        for (n, focus) in assessment.focus.iter().enumerate() {
            let what = gap
                .framework
                .describe(&focus.target)
                .unwrap_or_else(|| focus.target.clone());
            let due = focus
                .due
                .map_or_else(|| "no due date".to_string(), |d| format!("due {d}"));
            out.push_str(&format!(
                "{}. {} ({due})  \n   {}\n",
                n + 1,
                markdown::escape(&focus.action),
                markdown::escape(&what)
            ));
        }
    }
    if !gap.focus.is_empty() {
        out.push_str("\n## Largest gaps\n\n");
        for (n, &index) in gap.focus.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}\n",
                n + 1,
                markdown::escape(&super::gap::focus_line(gap, &gap.rows[index]))
            ));
        }
    }
    out
}

fn compact_md(panel: &Panel<'_, '_>, part: &[Category<'_>], kind: Compact) -> String {
    let packet = &panel.packet;
    let gap = packet.gap;
    let framework = gap.framework;
    let mut out = format!(
        "\n## {} for {} ({})\n\n{}\n",
        kind.heading,
        markdown::escape(&archetype(gap).code),
        Panel::count(part),
        markdown::escape(&kind.lede(framework))
    );
    if part.is_empty() {
        out.push_str("\nNone.\n");
    }
    for category in part {
        out.push_str(&format!(
            "\n### {}\n\n",
            markdown::escape(panel.name(category))
        ));
        let first = view_name(gap.assessment);
        let mut header = vec!["ID".to_string(), "Statement".to_string()];
        if packet.has_others() {
            header.push(first);
            header.extend(packet.others().map(|o| view_name(o.assessment)));
        } else {
            header.push("Rating".to_string());
        }
        let rows: Vec<Vec<String>> = category
            .items
            .iter()
            .map(|item| {
                let mut cells = vec![
                    item.statement.id.clone(),
                    item.statement.text.clone(),
                    answer_label(framework, item.answer),
                ];
                for other in packet.others() {
                    let mut second = answer_label(framework, Packet::answer_of(other, item));
                    if Packet::is_disconnect_with(other, item)
                        && let Some(difference) = Packet::difference_with(other, item)
                    {
                        second.push_str(&format!(" ({difference} apart)"));
                    }
                    cells.push(second);
                }
                cells
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        out.push_str(&markdown::table(&header, &rows));
    }
    out
}

/// The panel packet as Markdown.
pub fn panel_markdown(panel: &Panel<'_, '_>) -> String {
    let packet = &panel.packet;
    let gap = packet.gap;
    let role = archetype(gap);
    let mut out = markdown_head(PANEL, packet);
    out.push_str(&format!(
        "\n## Met for {} ({} of {})\n\nThe statements of {} that {} rates {} or above, by category, each with its evidence.",
        markdown::escape(&role.code),
        Panel::count(&panel.met),
        packet.items().len(),
        markdown::escape(&role.label()),
        markdown::escape(&view_name(gap.assessment)),
        markdown::escape(&threshold(gap.framework)),
    ));
    if packet.has_others() {
        out.push(' ');
        out.push_str(&views_md(packet));
    }
    out.push('\n');
    if panel.met.is_empty() {
        out.push_str("\nNone yet.\n");
    }
    for category in &panel.met {
        let (met, total) = met_of(panel, category);
        out.push_str(&format!(
            "\n### {} ({met} of {total} met)\n\n",
            markdown::escape(panel.name(category))
        ));
        for item in &category.items {
            out.push_str(&item_md(packet, item, ""));
        }
    }
    out.push_str(&compact_md(panel, &panel.not_met, NOT_MET));
    if !panel.no_opportunity.is_empty() {
        out.push_str(&compact_md(panel, &panel.no_opportunity, NO_OPPORTUNITY));
    }
    out.push_str(&focus_md(packet));
    out
}

/// How to read several views, as `page::views_note` says it.
fn views_md(packet: &Packet<'_, '_>) -> String {
    let first = markdown::escape(&view_name(packet.gap.assessment));
    let others: Vec<String> = packet
        .others()
        .map(|o| markdown::escape(&view_name(o.assessment)))
        .collect();
    match others.as_slice() {
        [only] => format!(
            "Both views are shown on every statement, never averaged; met and not met follow {first}. Ratings {} or more apart are marked ({} here): {only} sees them differently.",
            crate::report::compare::DISCONNECT,
            packet.disconnects(),
        ),
        _ => format!(
            "Every view is shown on every statement, each apart and never averaged; met and not met follow {first}. A rating {} or more from {first}'s is marked ({} statements here): {} sees them differently.",
            crate::report::compare::DISCONNECT,
            packet.disconnects(),
            page::or_list(&others),
        ),
    }
}

/// The full packet as Markdown: with one view the gap report's packet as
/// it has always been; with others, every expectation with every view.
pub fn full_markdown(packet: &Packet<'_, '_>) -> String {
    let gap = packet.gap;
    if !packet.has_others() {
        return super::gap::packet_markdown(gap);
    }
    let mut out = markdown_head("Promotion packet", packet);
    let role = archetype(gap);
    let items = packet.items();
    let met = items.iter().filter(|i| gap.is_met(i)).count();
    out.push_str(&format!(
        "\n## Every expectation of {} ({met} of {} met)\n\n{}\n",
        markdown::escape(&role.label()),
        items.len(),
        views_md(packet)
    ));
    let mut last_place = String::new();
    for item in items {
        let place = place(gap, item);
        if place != last_place {
            out.push_str(&format!("\n### {}\n\n", markdown::escape(&place)));
            last_place = place;
        }
        out.push_str(&item_md(packet, item, markdown_flag(gap, item)));
    }
    out.push_str(&focus_md(packet));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::packet::Category;
    use crate::testing::{assessment, hostile_acme};

    const HOSTILE: &str = "<script>alert(\"x\")</script> & 'quotes' | pipes | `code` 🚀 日本語";

    fn views() -> (Assessment, Assessment) {
        let mut ada = assessment(&[
            ("e2.craft.1", Some(5), Some(HOSTILE)),
            ("e2.craft.2", Some(1), Some("none yet")),
            ("e2.impact.1", Some(4), None),
        ]);
        ada.person = "Ada <Lovelace>".into();
        let mut grace = assessment(&[
            ("e2.craft.1", Some(2), Some(HOSTILE)),
            ("e2.craft.2", Some(4), None),
        ]);
        grace.id = "ada-e1-2026-11-25-by-grace".into();
        grace.person = ada.person.clone();
        grace.assessor = Some("<b>Grace</b> & co".into());
        (ada, grace)
    }

    fn gap<'a>(framework: &'a Framework, assessment: &'a Assessment) -> Gap<'a> {
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        Gap::compute(framework, assessment, role, Some(target))
    }

    #[test]
    fn both_views_come_out_escaped_in_html_and_markdown() {
        let framework = hostile_acme();
        let (ada, grace) = views();
        let (first, second) = (gap(&framework, &ada), gap(&framework, &grace));
        let others = [&second];
        let packet = Packet::new(&first, &others).expect("two views");
        let html = panel_html(&Panel::new(packet));
        assert!(!html.contains("<script"), "no live script");
        assert!(!html.contains("<b>Grace</b>") && !html.contains("<Lovelace>"));
        assert_eq!(
            html.matches("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'quotes'")
                .count(),
            2,
            "both views' evidence of e2.craft.1"
        );
        assert!(
            html.contains(
                "<span class=\"who\">&lt;b&gt;Grace&lt;/b&gt; &amp; co</span> 2 Learning"
            )
        );
        assert!(
            html.contains("Craft &lt;script&gt;x&lt;/script&gt;"),
            "a framework text"
        );
        assert!(html.contains("<span class=\"badge badge-disconnect\">3 apart</span>"));

        let md = panel_markdown(&Panel::new(packet));
        assert!(!md.contains("<script>") && !md.contains("<b>"), "{md}");
        assert!(md.contains("  - \\<b\\>Grace\\</b\\> \\& co: 2 Learning. Evidence: \\<script\\>"));
        assert!(md.contains("| e2.craft.2 | Keeps a service's alerts actionable"));
        assert!(
            md.contains("| 1 Not yet | 4 Proficient (3 apart) |"),
            "{md}"
        );
        let full = full_markdown(&packet);
        assert!(full.contains("**gap** `e2.craft.2`"), "{full}");
        assert!(!full.contains("<script>"));
    }

    #[test]
    fn no_opportunity_yet_is_listed_apart_when_there_is_any() {
        let framework = crate::testing::acme();
        let (ada, _) = views();
        let first = gap(&framework, &ada);
        let mut panel = Panel::new(Packet::single(&first));
        assert!(!panel_html(&panel).contains("No opportunity yet"));
        assert!(!panel_markdown(&panel).contains("No opportunity yet"));

        // What the answer kind will produce: e2.impact.2 moved apart.
        let item = panel.not_met[1].items.remove(0);
        assert_eq!(item.statement.id, "e2.impact.2");
        panel.no_opportunity.push(Category {
            row: panel.not_met[1].row,
            items: vec![item],
        });
        let html = panel_html(&panel);
        let section = &html[html
            .find("<section class=\"no-opportunity\">")
            .expect("listed")..];
        assert!(section.starts_with(
            "<section class=\"no-opportunity\">\n<h2>No opportunity yet for E2: 1</h2>"
        ));
        assert!(section.contains("<code class=\"sid\">e2.impact.2</code>"));
        let md = panel_markdown(&panel);
        assert!(md.contains("## No opportunity yet for E2 (1)\n"), "{md}");
        assert!(md.contains("| e2.impact.2 | Reviews teammates"), "{md}");
    }
}
