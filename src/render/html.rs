//! The promotion packet as one self-contained HTML page.
//!
//! One document with everything a promotion panel reads: who, which roles,
//! readiness for the target, a chart and a table per category, then every
//! expectation of the target with its rating and evidence, gaps and missing
//! evidence flagged, and the focus areas; with other views, every rating
//! and every view's evidence on every statement. Inline CSS and an inline
//! SVG only: no script, no external resource, so the file can be mailed,
//! archived or printed as it is. The output depends on its input alone (no
//! clock), so a golden file can pin it. The panel packet
//! (`render::packet`) is built from the same page, stylesheet and pieces.
//!
//! Printed, the page is A4 with the person, roles and date heading every
//! page and page numbers at its foot; cards are never split and headings
//! stay with what follows (`tests/browser/check-packet.sh` checks it).
//!
//! The page is written with maud's `html!`: every `(expr)` is escaped by
//! its type, so text from a file or a person can only ever be text. The
//! one `PreEscaped` is the page's own stylesheet. The `"\n"` literals only
//! keep the source of the page readable, line by line.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::gap::{JOURNAL_SHOWN, focus_line};
use crate::assessment::{Answer, Timestamp};
use crate::framework::{Archetype, Framework, Group};
use crate::report::gap::{Gap, Item, Row};
use crate::report::packet::{Packet, view_name};

/// The promotion packet for `gap`: a complete HTML5 document.
pub fn packet(gap: &Gap<'_>) -> String {
    full(&Packet::single(gap))
}

/// The full promotion packet, of one view or two: every expectation of
/// the target with its rating and evidence, gaps and missing evidence
/// flagged.
pub fn full(packet: &Packet<'_, '_>) -> String {
    let kind = "Promotion packet";
    page(
        &title(kind, packet),
        running(kind, packet),
        html! {
            (masthead(kind, packet))
            (categories(packet, true))
            (expectations(packet))
            (focus(packet))
            (footer(packet))
        },
    )
}

/// A complete page around `content`. In print, `running` heads every
/// page: Chromium repeats a table's header on each page it spans, and
/// that is the one way to repeat content from the document itself (the
/// page's margin boxes take only the stylesheet's own strings, and the
/// page numbers there). On screen the frame is plain blocks.
pub(crate) fn page(title: &str, running: Markup, content: Markup) -> String {
    html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (title) } "\n"
                style { "\n" (PreEscaped(CSS)) } "\n"
            }
            "\n"
            body {
                "\n"
                table.frame role="presentation" {
                    "\n"
                    thead { tr { td { (running) } } } "\n"
                    tbody {
                        tr {
                            td {
                                "\n"
                                main.page { "\n" (content) }
                                "\n"
                            }
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
    .into_string()
}

/// The line heading every printed page: whose packet, which roles, when
/// assessed.
pub(crate) fn running(kind: &str, packet: &Packet<'_, '_>) -> Markup {
    let gap = packet.gap;
    html! {
        div.running {
            span { (whose(packet)) " · " (roles(gap, " → ")) }
            span { (kind) " · assessed " (assessed(gap).format("%Y-%m-%d")) }
        }
    }
}

/// "Ada (self)", or with two views "Ada: self and Grace (manager)", with
/// more "Ada: self, Grace (manager) and Bo (peer)".
fn whose(packet: &Packet<'_, '_>) -> String {
    let assessment = packet.gap.assessment;
    if !packet.has_others() {
        return assessment.who();
    }
    let views: Vec<&str> = std::iter::once(assessment.view())
        .chain(packet.others().map(|o| o.assessment.view()))
        .collect();
    format!("{}: {}", assessment.person, and_list(&views))
}

/// "9 of the 84 statements of LSE rated 2 or more apart", and with more
/// than one other view from whose rating.
pub(crate) fn disconnects_text(packet: &Packet<'_, '_>) -> String {
    let gap = packet.gap;
    let mut text = format!(
        "{} of the {} statements of {} rated {} or more apart",
        packet.disconnects(),
        packet.items().len(),
        gap.target.unwrap_or(gap.role).code,
        crate::report::compare::DISCONNECT
    );
    if packet.others.len() > 1 {
        text.push_str(&format!(
            " from {}'s by at least one other view",
            view_name(gap.assessment)
        ));
    }
    text
}

/// "a and b", "a, b and c".
pub(crate) fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    join_list(names, "and")
}

/// "a or b", "a, b or c".
pub(crate) fn or_list<S: AsRef<str>>(names: &[S]) -> String {
    join_list(names, "or")
}

fn join_list<S: AsRef<str>>(names: &[S], conjunction: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {conjunction} {}", init.join(", "), last.as_ref())
        }
    }
}

/// Every view's name, the first view's first.
pub(crate) fn view_names(packet: &Packet<'_, '_>) -> Vec<String> {
    std::iter::once(packet.gap)
        .chain(packet.others())
        .map(|g| view_name(g.assessment))
        .collect()
}

/// The other views' names, in the order given.
fn other_names(packet: &Packet<'_, '_>) -> Vec<String> {
    packet.others().map(|g| view_name(g.assessment)).collect()
}

/// "SPE → LSE", or "SPE" at the top of the ladder.
fn roles(gap: &Gap<'_>, arrow: &str) -> String {
    match gap.target {
        Some(target) => format!("{}{arrow}{}", gap.role.code, target.code),
        None => gap.role.code.clone(),
    }
}

/// "Promotion packet: Ada (self), SPE to LSE, 2026-11-20": what a
/// browser shows in its print header and offers as the file name.
pub(crate) fn title(kind: &str, packet: &Packet<'_, '_>) -> String {
    let gap = packet.gap;
    format!(
        "{kind}: {}, {}, {}",
        whose(packet),
        roles(gap, " to "),
        assessed(gap).format("%Y-%m-%d")
    )
}

pub(crate) fn assessed(gap: &Gap<'_>) -> Timestamp {
    gap.assessment.completed.unwrap_or(gap.assessment.updated)
}

/// Share met, rounded down like readiness; none when there is nothing.
fn percent(met: usize, total: usize) -> Option<usize> {
    (met * 100).checked_div(total)
}

/// "12/20 (60%)", or "-" when the role has no statements there.
fn fraction(met: usize, total: usize) -> String {
    match percent(met, total) {
        Some(p) => format!("{met}/{total} ({p}%)"),
        None => "-".to_string(),
    }
}

/// A role's label with its SFIA level, muted: "SPE Senior Platform
/// Engineer (SFIA 4-5)".
fn role_with_sfia(archetype: &Archetype) -> Markup {
    html! {
        (archetype.label())
        @if let Some(sfia) = &archetype.sfia {
            " " span.muted { "(SFIA " (sfia) ")" }
        }
    }
}

/// The big number of a view: readiness for the target, or at the top of
/// the ladder the coverage of the current role; its label and its detail.
fn readiness(gap: &Gap<'_>) -> (String, Option<usize>, String) {
    match (gap.target, gap.readiness) {
        (Some(target), Some(readiness)) => (
            format!("Readiness for {}", target.code),
            Some(usize::from(readiness)),
            format!(
                "{} of {} statements met{}",
                gap.target_met,
                gap.target_total,
                gap.indicative()
                    .map(|i| format!("; {i}"))
                    .unwrap_or_default()
            ),
        ),
        (Some(target), None) => (
            format!("Readiness for {}", target.code),
            None,
            format!("{} has no statements yet", target.label()),
        ),
        (None, _) => {
            let met: usize = gap.rows.iter().map(|r| r.current_met).sum();
            let total: usize = gap.rows.iter().map(|r| r.current_total).sum();
            (
                format!("Coverage of {}", gap.role.code),
                percent(met, total),
                format!("{met} of {total} statements met"),
            )
        }
    }
}

/// Who, which roles, when, and the big number. With two views the person
/// heads the page and each view's readiness is shown on its own.
pub(crate) fn masthead(kind: &str, packet: &Packet<'_, '_>) -> Markup {
    let gap = packet.gap;
    let framework = gap.framework;
    let (label, value, detail) = readiness(gap);
    html! {
        header.masthead {
            "\n"
            p.eyebrow { (kind) " · " (framework.name) " " (framework.version) } "\n"
            h1 {
                @if packet.has_others() {
                    (gap.assessment.person)
                } @else {
                    (gap.assessment.who())
                }
            }
            "\n"
            p.roles {
                @match gap.target {
                    Some(target) => {
                        (gap.role.label()) " " span.arrow aria-label="to" { "→" } " " (target.label())
                    }
                    None => { (gap.role.label()) " · top of the ladder" }
                }
            }
            "\n"
            div.summary {
                "\n"
                dl.facts {
                    "\n"
                    dt { "Person" } dd { (gap.assessment.person) } "\n"
                    @if packet.has_others() {
                        dt { "Views" }
                        dd {
                            (view_name(gap.assessment)) ", assessed " (assessed(gap).format("%Y-%m-%d"))
                            @for other in packet.others() {
                                br;
                                (view_name(other.assessment)) ", assessed " (assessed(other).format("%Y-%m-%d"))
                            }
                        }
                        "\n"
                    } @else {
                        dt { "Assessor" } dd { (gap.assessment.view()) } "\n"
                    }
                    dt { "Current role" } dd { (role_with_sfia(gap.role)) } "\n"
                    dt { "Target role" }
                    dd {
                        @match gap.target {
                            Some(target) => (role_with_sfia(target)),
                            None => "none: top of the ladder",
                        }
                    }
                    "\n"
                    @if let Some(step) = gap.sfia_step() {
                        dt { "SFIA step" } dd { (step) } "\n"
                    }
                    @if !packet.has_others() {
                        dt { "Assessed" } dd { (assessed(gap).format("%Y-%m-%d")) } "\n"
                    }
                    dt { "Statements rated" } dd { (gap.rated) " of " (gap.total) } "\n"
                    @if packet.has_others() {
                        dt { "Disconnects" }
                        dd { (disconnects_text(packet)) }
                        "\n"
                    }
                }
                "\n"
                div.readiness {
                    "\n"
                    p.readiness-label { (label) } "\n"
                    @match value {
                        Some(value) => {
                            p.big { (value) span.pct { "%" } } "\n"
                            div.meter aria-hidden="true" { span style={ "width: " (value) "%" } {} } "\n"
                        }
                        None => { p.big { "–" } "\n" }
                    }
                    p.readiness-detail {
                        @if packet.has_others() { (view_name(gap.assessment)) ": " }
                        (detail)
                    }
                    "\n"
                    @for second in packet.others() {
                        @let (_, value, detail) = readiness(second);
                        p.readiness-second {
                            (view_name(second.assessment)) ": "
                            @if let Some(value) = value { b { (value) "%" } ", " }
                            (detail)
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

/// Another view's row matching `row`, by section and category.
fn other_row<'g>(other: &'g Gap<'_>, row: &Row) -> Option<&'g Row> {
    other
        .rows
        .iter()
        .find(|r| r.section == row.section && r.category == row.category)
}

/// The chart of statements met per category, and with `with_table` the
/// same counts as a table.
pub(crate) fn categories(packet: &Packet<'_, '_>, with_table: bool) -> Markup {
    let gap = packet.gap;
    let others = other_names(packet);
    html! {
        section.by-category {
            "\n"
            h2 { "By category" } "\n"
            @match gap.target {
                Some(target) => {
                    p.lede {
                        @match packet.has_others() {
                            true => {
                                @let ases: Vec<String> = view_names(packet).iter().map(|n| format!("as {n}")).collect();
                                "Statements of the target (" (target.code) ") met in each category, "
                                (and_list(&ases)) " rate them."
                            }
                            false => {
                                "Statements met in each category, for the current role (" (gap.role.code)
                                ") and the target (" (target.code) ")."
                            }
                        }
                    }
                }
                None => {
                    p.lede {
                        (gap.role.code) " is the top of this ladder: there is no next archetype. Coverage of the current role:"
                    }
                }
            }
            "\n"
            (chart(packet))
            @if with_table {
            table.categories {
                "\n"
                thead {
                    tr {
                        th scope="col" { "Category" }
                        th.num scope="col" { (gap.role.code) " met" }
                        @if let Some(target) = gap.target {
                            th.num scope="col" { (target.code) " met" }
                            @for other in &others {
                                th.num scope="col" { (target.code) " met, " (other) }
                            }
                            th.num scope="col" { "Not yet met" }
                        }
                    }
                }
                "\n"
                tbody {
                    "\n"
                    @for row in &gap.rows {
                        tr {
                            th scope="row" { (row.name) }
                            td.num { (fraction(row.current_met, row.current_total)) }
                            @if gap.target.is_some() {
                                td.num { (fraction(row.next_met, row.next_total)) }
                                @for other in packet.others() {
                                    td.num {
                                        @match other_row(other, row) {
                                            Some(other) => (fraction(other.next_met, other.next_total)),
                                            None => "-",
                                        }
                                    }
                                }
                                td.num {
                                    @if row.next_total == 0 { "-" } @else { (row.next_gap()) }
                                }
                            }
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
            }
        }
        "\n"
    }
}

// The chart's geometry, in SVG user units.
const CHART_WIDTH: usize = 760;
const LABEL_WIDTH: usize = 220;
const BAR_X: usize = 232;
const BAR_WIDTH: usize = 396;
const BAR_HEIGHT: usize = 12;
const BAR_GAP: usize = 4;
const ROW_GAP: usize = 18;
const LINE_HEIGHT: usize = 16;
const LEGEND_HEIGHT: usize = 40;
const LEGEND_LINE: usize = 20;
const LABEL_CHARS: usize = 26;
const CURRENT_FILL: &str = "#9fb0c4";
const NEXT_FILL: &str = "#243b63";
const SECOND_FILL: &str = "#c4661f";
/// The bars of the views after the second, in turn.
const OTHER_FILLS: [&str; 3] = ["#2f8f83", "#8e5ba8", "#9a7b12"];
const TRACK_FILL: &str = "#eef1f5";
const TEXT_FILL: &str = "#1f2933";
const MUTED_FILL: &str = "#616e7c";
const GRID_STROKE: &str = "#d9dee4";
const CHART_FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/// Splits a category name into lines of about `LABEL_CHARS` characters at
/// spaces, keeping every character: the SVG label cannot wrap by itself.
fn label_lines(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in name.split(' ') {
        let fits = line.chars().count() + 1 + word.chars().count() <= LABEL_CHARS;
        if line.is_empty() || fits {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

/// One series of bars: its class, fill and legend, and per row of the gap
/// the counts it shows.
struct Series {
    class: &'static str,
    fill: &'static str,
    name: String,
    counts: Vec<(usize, usize)>,
}

/// The chart's series: the current role, the target, and with other views
/// the target as each other view rates it.
fn series(packet: &Packet<'_, '_>) -> Vec<Series> {
    let gap = packet.gap;
    let mut series = Vec::new();
    // With two views the chart compares them on the target; the current
    // role's bars stay in the single view's chart.
    if !packet.has_others() || gap.target.is_none() {
        series.push(Series {
            class: "bar-current",
            fill: CURRENT_FILL,
            name: format!("{} (current)", gap.role.label()),
            counts: gap
                .rows
                .iter()
                .map(|r| (r.current_met, r.current_total))
                .collect(),
        });
    }
    if let Some(target) = gap.target {
        let name = if packet.has_others() {
            format!("{}: {}", target.code, view_name(gap.assessment))
        } else {
            format!("{} (target)", target.label())
        };
        series.push(Series {
            class: "bar-next",
            fill: NEXT_FILL,
            name,
            counts: gap
                .rows
                .iter()
                .map(|r| (r.next_met, r.next_total))
                .collect(),
        });
        for (n, other) in packet.others().enumerate() {
            let (class, fill) = match n {
                0 => ("bar-second", SECOND_FILL),
                n => ("bar-other", OTHER_FILLS[(n - 1) % OTHER_FILLS.len()]),
            };
            series.push(Series {
                class,
                fill,
                name: format!("{}: {}", target.code, view_name(other.assessment)),
                counts: gap
                    .rows
                    .iter()
                    .map(|r| other_row(other, r).map_or((0, 0), |o| (o.next_met, o.next_total)))
                    .collect(),
            });
        }
    }
    series
}

/// Per-category readiness as horizontal bars: for each row the current
/// role's share met and the target's (and each other view's), labelled
/// with the counts. Styled with presentation attributes only, so it
/// renders without any CSS.
fn chart(packet: &Packet<'_, '_>) -> Markup {
    let gap = packet.gap;
    let series = series(packet);
    let bars = series.len();
    let bars_height = bars * BAR_HEIGHT + (bars - 1) * BAR_GAP;
    let labels: Vec<Vec<String>> = gap.rows.iter().map(|r| label_lines(&r.name)).collect();
    let row_heights: Vec<usize> = labels
        .iter()
        .map(|lines| bars_height.max(lines.len() * LINE_HEIGHT))
        .collect();

    // The legend's entries, one after the other, on a new line when the
    // next one would not fit.
    let mut legend = Vec::new();
    let (mut x, mut y) = (0, 6);
    for entry in &series {
        let width = 20 + entry.name.chars().count() * 7;
        if x > 0 && x + width > CHART_WIDTH {
            (x, y) = (0, y + LEGEND_LINE);
        }
        legend.push((x, y, entry));
        x += width + 28;
    }
    let legend_height = y - 6 + LEGEND_HEIGHT;
    let plot_height: usize = row_heights.iter().map(|h| h + ROW_GAP).sum();
    let axis_y = legend_height + plot_height;
    let height = axis_y + 24;

    // The rows, top to bottom.
    let mut rows = Vec::new();
    let mut y = legend_height;
    for (index, (lines, &row_height)) in labels.iter().zip(&row_heights).enumerate() {
        rows.push((index, y, row_height, lines));
        y += row_height + ROW_GAP;
    }

    html! {
        figure.chart {
            "\n"
            svg.chart-svg width=(CHART_WIDTH) height=(height) viewBox={ "0 0 " (CHART_WIDTH) " " (height) }
                role="img" aria-labelledby="chart-title" font-family=(CHART_FONT) font-size="13" {
                "\n"
                title #chart-title {
                    @match (gap.target, packet.has_others()) {
                        (Some(target), true) => {
                            "Statements of " (target.code) " met per category: "
                            (and_list(&view_names(packet)))
                        }
                        (Some(target), false) => { "Statements met per category: " (gap.role.code) " and " (target.code) }
                        (None, _) => { "Statements met per category: " (gap.role.code) }
                    }
                }
                "\n"
                rect x="0" y="0" width=(CHART_WIDTH) height=(height) fill="#ffffff" {} "\n"
                defs { clipPath #chart-labels { rect x="0" y="0" width=(LABEL_WIDTH) height=(height) {} } } "\n"
                g.legend {
                    "\n"
                    @for (x, y, entry) in &legend {
                        rect x=(x) y=(y) width="14" height=(BAR_HEIGHT) rx="2" fill=(entry.fill) {} "\n"
                        text x=(x + 20) y=(y + 10) fill=(TEXT_FILL) { (entry.name) } "\n"
                    }
                }
                "\n"
                // Grid lines at each quarter, with the scale under the plot.
                g.grid {
                    "\n"
                    @for quarter in 0..=4_usize {
                        @let gx = BAR_X + BAR_WIDTH * quarter / 4;
                        line x1=(gx) y1=(legend_height - 6) x2=(gx) y2=(axis_y) stroke=(GRID_STROKE) stroke-width="1"
                            stroke-dasharray=[(quarter > 0).then_some("2 3")] {} "\n"
                        text x=(gx) y=(axis_y + 16) fill=(MUTED_FILL) font-size="11" text-anchor="middle" { (quarter * 25) "%" } "\n"
                    }
                }
                "\n"
                @for (index, y, row_height, lines) in &rows {
                    g.chart-row {
                        "\n"
                        // The label, centred on the bars.
                        @let first_baseline = y + (row_height - lines.len() * LINE_HEIGHT) / 2 + 12;
                        text x="0" y=(first_baseline) fill=(TEXT_FILL) font-weight="600" clip-path="url(#chart-labels)" {
                            @for (n, line) in lines.iter().enumerate() {
                                tspan x="0" y=(first_baseline + n * LINE_HEIGHT) { (line) }
                            }
                        }
                        "\n"
                        @let bars_top = y + (row_height - bars_height) / 2;
                        @for (n, entry) in series.iter().enumerate() {
                            @let by = bars_top + n * (BAR_HEIGHT + BAR_GAP);
                            @let (met, total) = entry.counts[*index];
                            rect x=(BAR_X) y=(by) width=(BAR_WIDTH) height=(BAR_HEIGHT) fill=(TRACK_FILL) {} "\n"
                            rect class=(entry.class) x=(BAR_X) y=(by) width=(bar_width(met, total)) height=(BAR_HEIGHT) fill=(entry.fill) {} "\n"
                            text x=(BAR_X + BAR_WIDTH + 10) y=(by + BAR_HEIGHT - 2) fill=(MUTED_FILL) font-size="12" {
                                @match percent(met, total) {
                                    Some(p) => { (met) "/" (total) " · " (p) "%" }
                                    None => "none",
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
        "\n"
    }
}

/// A bar's filled width, to a tenth of a unit.
fn bar_width(met: usize, total: usize) -> String {
    let width = if total == 0 {
        0.0
    } else {
        (met as f64) * (BAR_WIDTH as f64) / (total as f64)
    };
    format!("{width:.1}")
}

/// Items of one section, in groups, in walk order.
struct SectionItems<'i, 'a> {
    section: usize,
    groups: Vec<(&'a Group, Vec<&'i Item<'a>>)>,
}

fn by_section<'i, 'a>(items: &'i [Item<'a>]) -> Vec<SectionItems<'i, 'a>> {
    let mut sections: Vec<SectionItems<'i, 'a>> = Vec::new();
    for item in items {
        let same_section = sections
            .last()
            .is_some_and(|s| s.section == item.group.section);
        if !same_section {
            sections.push(SectionItems {
                section: item.group.section,
                groups: Vec::new(),
            });
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        match section.groups.last_mut() {
            Some((group, list)) if std::ptr::eq(*group, item.group) => list.push(item),
            _ => section.groups.push((item.group, vec![item])),
        }
    }
    sections
}

fn expectations(packet: &Packet<'_, '_>) -> Markup {
    let gap = packet.gap;
    let framework = gap.framework;
    let archetype = gap.target.unwrap_or(gap.role);
    let items = packet.items();
    let gaps = items.iter().filter(|i| !gap.is_met(i)).count();
    let unevidenced = items
        .iter()
        .filter(|i| gap.is_met(i) && i.evidence().is_none())
        .count();
    html! {
        section.expectations {
            "\n"
            h2 {
                "Expectations of " (archetype.label())
                @if gap.target.is_none() { " (current role)" }
            }
            "\n"
            p.lede {
                "Every statement of the role (" (items.len()) "), with the rating and evidence given. "
                (gaps) " not yet met, marked " span.badge.badge-gap { "gap" } "; "
                (unevidenced) " met without evidence written, marked "
                span.badge.badge-evidence { "evidence needed" } ": a promotion panel will ask for it."
                @if packet.has_others() {
                    " " (views_note(packet))
                }
            }
            "\n"
            (scale_note(framework))
            @for section in by_section(items) {
                @let (met, total) = section
                    .groups
                    .iter()
                    .flat_map(|(_, list)| list)
                    .fold((0, 0), |(met, total), item| (met + usize::from(gap.is_met(item)), total + 1));
                h3 {
                    span { (framework.sections[section.section].name) }
                    span.group-count { (met) " of " (total) " met" }
                }
                "\n"
                @if let Some(description) = &framework.sections[section.section].description {
                    p.description { (description.trim()) } "\n"
                }
                @for (group, list) in &section.groups {
                    @if let Some(title) = framework.group_title(group) {
                        h4 {
                            span { (title) }
                            span.group-count {
                                (list.iter().filter(|i| gap.is_met(i)).count()) " of " (list.len()) " met"
                            }
                        }
                        "\n"
                        @if let Some(description) = framework.group_description(group) {
                            p.description { (description.trim()) } "\n"
                        }
                    }
                    ol.statements {
                        "\n"
                        @for item in list {
                            (card(packet, item))
                        }
                    }
                    "\n"
                }
            }
        }
        "\n"
    }
}

/// How to read several views: whose ratings lead, and what is marked.
pub(crate) fn views_note(packet: &Packet<'_, '_>) -> Markup {
    let first = view_name(packet.gap.assessment);
    let others = other_names(packet);
    html! {
        @if others.len() == 1 {
            "Both views are shown on every statement, never averaged; met and not met follow "
            (first) ". Ratings " (crate::report::compare::DISCONNECT)
            " or more apart are marked " span.badge.badge-disconnect { "2 apart" }
            " (" (packet.disconnects()) " here): " (and_list(&others))
            " sees them differently."
        } @else {
            "Every view is shown on every statement, each apart and never averaged; met and not met follow "
            (first) ". A rating " (crate::report::compare::DISCONNECT)
            " or more from " (first) "'s is marked " span.badge.badge-disconnect { "2 apart" }
            " (" (packet.disconnects()) " statements here): " (or_list(&others))
            " sees them differently."
        }
    }
}

/// "Rating scale: 1 Not yet · … · 5 Expert. A statement is met at 4 or above."
pub(crate) fn scale_note(framework: &Framework) -> Markup {
    html! {
        p.scale {
            "Rating scale: "
            @for (n, level) in framework.scale.levels.iter().enumerate() {
                @if n > 0 { " · " }
                b { (level.value) } " " (level.label)
            }
            ". A statement is met at " (framework.scale.met) " or above."
        }
        "\n"
    }
}

/// "3 Role model", "no opportunity yet", "skipped" or "not rated".
/// The rating's value alone ("2"), or what `answer_label` says when there
/// is none: where several views stand side by side and the scale note
/// names the values.
pub(crate) fn rating_value(framework: &Framework, answer: Option<&Answer>) -> String {
    match answer
        .and_then(|a| a.rating)
        .and_then(|r| framework.scale.level(r))
    {
        Some(level) => level.value.to_string(),
        None => answer_label(framework, answer),
    }
}

pub(crate) fn answer_label(framework: &Framework, answer: Option<&Answer>) -> String {
    match answer
        .and_then(|a| a.rating)
        .and_then(|r| framework.scale.level(r))
    {
        Some(level) => format!("{} {}", level.value, level.label),
        None if answer.is_some_and(|a| a.no_opportunity) => "no opportunity yet".to_string(),
        None if answer.is_some() => "skipped".to_string(),
        None => "not rated".to_string(),
    }
}

/// Journal entries tagged to a statement, newest first, each with its
/// date and links (shown as text: the page fetches nothing).
fn journal(gap: &Gap<'_>, item: &Item<'_>) -> Markup {
    let entries = gap.journal.of(&item.statement.id);
    html! {
        @if !entries.is_empty() {
            ul.journal {
                @for entry in entries.iter().take(JOURNAL_SHOWN) {
                    li {
                        span.journal-date { (entry.date.to_string()) } " "
                        @if entry.imported { span.journal-imported { "imported" } " " }
                        span.journal-text { (entry.text.trim()) }
                        @for link in &entry.links {
                            " " span.journal-link { "(" (link) ")" }
                        }
                    }
                }
                @if entries.len() > JOURNAL_SHOWN {
                    li.more { "and " (entries.len() - JOURNAL_SHOWN) " more in the journal" }
                }
            }
        }
    }
}

/// The evidence of an answer, or why there is none.
fn evidence(answer: Option<&Answer>) -> Markup {
    html! {
        @match (answer.and_then(|a| a.evidence.as_deref()), answer) {
            (Some(evidence), _) => span.evidence { (evidence) },
            (None, Some(_)) => span.evidence.none { "no evidence written" },
            (None, None) => span.evidence.none { "no evidence yet" },
        }
    }
}

/// One statement as a card: its id and state, its text, the rating and
/// the evidence; with two views both ratings side by side and both
/// people's evidence, a disconnect marked.
pub(crate) fn card(packet: &Packet<'_, '_>, item: &Item<'_>) -> Markup {
    card_of(packet, item, false)
}

/// A card of the panel packet, where every statement is met: the rating
/// and the evidence on one line under the text, no badge but "evidence
/// needed" and a disconnect.
pub(crate) fn compact_card(packet: &Packet<'_, '_>, item: &Item<'_>) -> Markup {
    card_of(packet, item, true)
}

fn card_of(packet: &Packet<'_, '_>, item: &Item<'_>, compact: bool) -> Markup {
    let gap = packet.gap;
    let framework = gap.framework;
    let met = gap.is_met(item);
    let unevidenced = met && item.evidence().is_none();
    let (class, badge_class, badge) = if !met && item.is_no_opportunity() {
        ("is-gap", "badge-gap", "no opportunity yet")
    } else if !met {
        ("is-gap", "badge-gap", "gap")
    } else if unevidenced {
        ("is-unevidenced", "badge-evidence", "evidence needed")
    } else {
        ("is-met", "badge-met", "met")
    };
    let disconnect = packet.is_disconnect(item);
    html! {
        li.statement.(class).compact[compact].is-disconnect[disconnect] {
            "\n"
            div.statement-meta {
                code.sid { (item.statement.id) }
                @if !(compact && class == "is-met") {
                    span.badge.(badge_class) { (badge) }
                }
                @if disconnect {
                    @if let Some(difference) = packet.difference(item) {
                        " " span.badge.badge-disconnect { (difference) " apart" }
                    }
                }
            }
            "\n"
            div.statement-body {
                "\n"
                p.statement-text { (item.statement.text) } "\n"
                @match (packet.has_others(), compact) {
                    (false, true) => {
                        p.answer-line {
                            span.rating-label { (answer_label(framework, item.answer)) } " · "
                            span.label { "Evidence: " } (evidence(item.answer))
                        }
                    }
                    (true, true) if packet.others.len() > 1 => {
                        // Several views: each view's rating and evidence
                        // run on in one paragraph, so a card keeps to a few
                        // lines on paper.
                        p.answer-line.ratings.views {
                            span.label { "Evidence: " }
                            @for (n, (view, answer)) in std::iter::once((gap, item.answer))
                                .chain(packet.others().map(|o| (o, Packet::answer_of(o, item))))
                                .enumerate()
                            {
                                @if n > 0 { "; " }
                                span.view {
                                    span.who { (view_name(view.assessment)) } " "
                                    span.rating-value { (rating_value(framework, answer)) } ": "
                                    (evidence(answer))
                                }
                            }
                        }
                    }
                    (true, true) => {
                        p.answer-line.ratings {
                            span.view { span.who { (view_name(gap.assessment)) } " " (answer_label(framework, item.answer)) }
                            @for other in packet.others() {
                                span.view { span.who { (view_name(other.assessment)) } " " (answer_label(framework, Packet::answer_of(other, item))) }
                            }
                        }
                        p.answer-line {
                            span.label { "Evidence: " }
                            span.who { (view_name(gap.assessment)) ": " } (evidence(item.answer))
                            @for other in packet.others() {
                                "; " span.who { (view_name(other.assessment)) ": " } (evidence(Packet::answer_of(other, item)))
                            }
                        }
                    }
                    (false, false) => {
                        dl.answer {
                            dt { "Rating" }
                            dd class=[item.rating().is_none().then_some("none")] { (answer_label(framework, item.answer)) }
                            dt { "Evidence" }
                            @match (item.evidence(), item.answer) {
                                (Some(evidence), _) => dd.evidence { (evidence) },
                                (None, Some(_)) => dd.evidence.none { "no evidence written" },
                                (None, None) => dd.evidence.none { "no evidence yet" },
                            }
                        }
                    }
                    (true, false) => {
                        dl.answer.two-views {
                            dt { "Rating" }
                            dd.ratings {
                                span.view { span.who { (view_name(gap.assessment)) } " " (answer_label(framework, item.answer)) }
                                @for other in packet.others() {
                                    span.view { span.who { (view_name(other.assessment)) } " " (answer_label(framework, Packet::answer_of(other, item))) }
                                }
                            }
                            dt { "Evidence" }
                            dd {
                                p.view-evidence { span.who { (view_name(gap.assessment)) ": " } (evidence(item.answer)) }
                                @for other in packet.others() {
                                    p.view-evidence { span.who { (view_name(other.assessment)) ": " } (evidence(Packet::answer_of(other, item))) }
                                }
                            }
                        }
                    }
                }
                @if !compact && !met && !item.statement.examples.is_empty() {
                    p.examples {
                        span.label { "What would show it: " }
                        (item.statement.examples.join("; "))
                    }
                }
                (journal(gap, item))
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

/// What an agreed focus points at: a statement's text, or a category's or
/// section's name, when the framework has it.
fn focus_target(gap: &Gap<'_>, target: &str) -> Option<String> {
    let statement = gap
        .next_items
        .iter()
        .chain(&gap.current_items)
        .find(|i| i.statement.id == target);
    if let Some(item) = statement {
        return Some(item.statement.text.clone());
    }
    let sections = &gap.framework.sections;
    sections
        .iter()
        .flat_map(|s| &s.categories)
        .find(|c| c.id == target)
        .map(|c| c.name.clone())
        .or_else(|| {
            sections
                .iter()
                .find(|s| s.id == target)
                .map(|s| s.name.clone())
        })
}

/// The agreed focus areas of a view: action, target and due date.
fn agreed_focus(gap: &Gap<'_>, heading: &str, lede: &str) -> Markup {
    html! {
        h3 { (heading) } "\n"
        p.lede.focus-lede { (lede) } "\n"
        ol.focus-list.agreed {
            "\n"
            @for focus in &gap.assessment.focus {
                li {
                    p.focus-action { (focus.action) }
                    p.focus-target {
                        code.sid { (focus.target) }
                        @if let Some(about) = focus_target(gap, &focus.target) {
                            " " span.focus-about { (about) }
                        }
                    }
                    p.focus-due {
                        @match focus.due {
                            Some(due) => { "due " (due.format("%Y-%m-%d")) }
                            None => "no due date",
                        }
                    }
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The agreed focus areas (of each view), then the categories with the
/// largest gap.
pub(crate) fn focus(packet: &Packet<'_, '_>) -> Markup {
    let gap = packet.gap;
    let others: Vec<&Gap<'_>> = packet
        .others()
        .filter(|s| !s.assessment.focus.is_empty())
        .collect();
    html! {
        @if !gap.assessment.focus.is_empty() || !others.is_empty() || !gap.focus.is_empty() {
            section.focus {
                "\n"
                h2 { "Focus areas" } "\n"
                @if !gap.assessment.focus.is_empty() {
                    @if packet.has_others() {
                        (agreed_focus(gap, "Agreed", &format!("Recorded with {}'s view.", view_name(gap.assessment))))
                    } @else {
                        (agreed_focus(gap, "Agreed", "Recorded with the assessment."))
                    }
                }
                @for second in others {
                    (agreed_focus(second, "Agreed", &format!("Recorded with {}'s view.", view_name(second.assessment))))
                }
                @if !gap.focus.is_empty() {
                    h3 { "Largest gaps" } "\n"
                    p.lede.focus-lede { "Computed from the ratings: the categories with the most statements not yet met." } "\n"
                    ol.focus-list.computed {
                        "\n"
                        @for &index in &gap.focus {
                            li { (focus_line(gap, &gap.rows[index])) } "\n"
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
    }
}

/// "Two", "Three", ... for a sentence's start.
fn count_word(n: usize) -> String {
    const WORDS: [&str; 9] = [
        "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    n.checked_sub(2)
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// Whose ratings these are, from which assessments, against which
/// framework.
pub(crate) fn footer(packet: &Packet<'_, '_>) -> Markup {
    let gap = packet.gap;
    let assessment = gap.assessment;
    html! {
        footer {
            @if packet.has_others() {
                @let views: Vec<&Gap<'_>> = std::iter::once(gap).chain(packet.others()).collect();
                (count_word(views.len())) " views of " (assessment.person) ", side by side and never averaged: "
                @for (n, view) in views.iter().enumerate() {
                    @if n + 1 == views.len() { " and " } @else if n > 0 { ", " }
                    (view_name(view.assessment)) " (assessment " code { (view.assessment.id) } ")"
                }
                "."
                " Prepared with rungs"
            } @else {
                @match &assessment.assessor {
                    Some(assessor) => { "Ratings given by " (assessor) "." }
                    None => { "Self-assessment by " (assessment.person) "." }
                }
                " Prepared with rungs from assessment " code { (assessment.id) }
            }
            " against " (gap.framework.name) " version " (gap.framework.version)
            @if assessment.framework_version != gap.framework.version {
                " (assessed on version " (assessment.framework_version) ")"
            }
            "."
        }
        "\n"
    }
}

const CSS: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: #eceff3;
  color: #1f2933;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK JP", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
  overflow-wrap: anywhere;
}
.page {
  max-width: 960px;
  margin: 40px auto;
  padding: 56px 64px 40px;
  background: #fff;
  border-radius: 4px;
  box-shadow: 0 1px 3px rgba(16, 24, 40, 0.08), 0 12px 32px rgba(16, 24, 40, 0.06);
}
code, .sid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.84em; }
.muted { color: #616e7c; }
.masthead { padding-bottom: 36px; border-bottom: 1px solid #d9dee4; }
.eyebrow { margin: 0 0 10px; color: #616e7c; font-size: 12px; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; }
h1 { margin: 0 0 6px; font-size: 32px; line-height: 1.2; font-weight: 700; letter-spacing: -0.01em; }
.roles { margin: 0 0 32px; color: #3e4c59; font-size: 18px; }
.arrow { color: #9aa5b1; padding: 0 4px; }
.summary { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 48px; align-items: start; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 9px 28px; margin: 0; }
dl.facts dt { color: #616e7c; font-size: 13px; padding-top: 1px; }
dl.facts dd { margin: 0; }
.readiness { padding-left: 36px; border-left: 1px solid #d9dee4; }
.readiness-label { margin: 0; color: #616e7c; font-size: 12px; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; }
.big { margin: 6px 0 12px; color: #243b63; font-size: 72px; font-weight: 700; line-height: 1; letter-spacing: -0.02em; font-variant-numeric: tabular-nums; }
.big .pct { font-size: 36px; font-weight: 600; margin-left: 2px; color: #52648a; }
.meter { height: 6px; border-radius: 3px; background: #e4e7eb; overflow: hidden; }
.meter span { display: block; height: 100%; background: #243b63; }
.readiness-detail { margin: 10px 0 0; color: #3e4c59; font-size: 14px; }
section { margin-top: 48px; }
h2 { margin: 0 0 6px; font-size: 21px; font-weight: 700; letter-spacing: -0.005em; }
.lede { margin: 0 0 20px; color: #52606d; max-width: 46em; }
.scale { margin: 0 0 8px; padding: 10px 14px; background: #f5f7fa; border-radius: 4px; color: #3e4c59; font-size: 13.5px; }
figure.chart { margin: 8px 0 32px; }
figure.chart svg { display: block; width: 100%; height: auto; }
table.categories { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
table.categories th, table.categories td { padding: 9px 12px; text-align: left; border-bottom: 1px solid #e4e7eb; }
table.categories thead th { color: #616e7c; font-size: 12px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; border-bottom: 1px solid #9aa5b1; }
table.categories tbody th { font-weight: 500; }
table.categories .num { text-align: right; white-space: nowrap; }
h3 { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; margin: 44px 0 14px; padding-bottom: 8px; font-size: 17px; font-weight: 700; border-bottom: 2px solid #1f2933; }
h3 + h4 { margin-top: 0; }
h4 { display: flex; justify-content: space-between; gap: 16px; margin: 22px 0 10px; color: #3e4c59; font-size: 14.5px; font-weight: 650; }
.group-count { color: #7b8794; font-size: 13px; font-weight: 400; white-space: nowrap; }
ol.statements { list-style: none; margin: 0; padding: 0; }
li.statement {
  display: grid;
  grid-template-columns: 156px minmax(0, 1fr);
  gap: 18px;
  margin: 0 0 8px;
  padding: 12px 16px 12px 14px;
  border: 1px solid #e4e7eb;
  border-left: 4px solid #c6d9cd;
  border-radius: 3px;
}
li.statement > div { min-width: 0; }
li.statement.is-gap { border-left-color: #b42318; background: #fffbfa; }
li.statement.is-unevidenced { border-left-color: #dc8a14; background: #fffcf5; }
.statement-meta .sid { display: block; color: #3e4c59; }
.badge { display: inline-block; padding: 1px 7px; border: 1px solid; border-radius: 3px; font-size: 10.5px; font-weight: 700; letter-spacing: 0.06em; line-height: 1.6; text-transform: uppercase; white-space: nowrap; vertical-align: 1px; }
.statement-meta .badge { margin-top: 6px; }
.badge-gap { color: #fff; background: #b42318; border-color: #b42318; }
.badge-evidence { color: #7a2e0e; background: #fef0c7; border-color: #f5b547; }
.badge-met { color: #2b6a45; background: #fff; border-color: #a6d1b5; }
.badge-disconnect { color: #fff; background: #c4661f; border-color: #c4661f; }
li.statement.is-disconnect .ratings { background: #fdf0e6; box-shadow: 0 0 0 3px #fdf0e6; }
.ratings .view + .view::before { content: " · "; color: #9aa5b1; }
.ratings.views .view + .view::before { content: none; }
.rating-value { font-weight: 600; }
table.compact.views th.rating { white-space: normal; }
.who { color: #52606d; font-weight: 600; }
.view-evidence { margin: 0; }
li.statement.compact { grid-template-columns: 120px minmax(0, 1fr); gap: 14px; padding: 8px 14px 8px 12px; margin-bottom: 6px; }
.statement-text + .answer-line { margin-top: -4px; }
.answer-line { margin: 0; color: #3e4c59; font-size: 13.5px; }
.answer-line .label { color: #7b8794; }
li.statement.compact .sid { white-space: nowrap; }
li.statement.compact .badge { font-size: 9.5px; letter-spacing: 0.03em; }
.readiness-second { margin: 8px 0 0; color: #3e4c59; font-size: 13.5px; }
.readiness-second b { color: #c4661f; }
table.compact { width: 100%; border-collapse: collapse; font-size: 13.5px; }
table.compact th, table.compact td { padding: 6px 10px; text-align: left; vertical-align: top; border-bottom: 1px solid #e4e7eb; }
table.compact thead th { color: #616e7c; font-size: 12px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; border-bottom: 1px solid #9aa5b1; }
table.compact tr.group th { padding-top: 18px; color: #1f2933; font-size: 14.5px; font-weight: 650; letter-spacing: 0; text-transform: none; border-bottom: 2px solid #1f2933; }
table.compact td:first-child, table.compact .rating { white-space: nowrap; }
table.compact tr.is-disconnect td { background: #fdf0e6; }
.statement-text { margin: 0 0 8px; }
dl.answer { display: grid; grid-template-columns: 72px minmax(0, 1fr); gap: 3px 12px; margin: 0; font-size: 13.5px; }
dl.answer dt { color: #7b8794; }
dl.answer dd { margin: 0; min-width: 0; }
.evidence { white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; }
p.description { margin: 0.1rem 0 0.5rem; color: #475467; font-size: 0.9em; }
p.examples { margin: 0.3rem 0 0; font-size: 0.85em; color: #475467; }
ul.journal { margin: 0.3rem 0 0; padding-left: 1.1rem; font-size: 0.85em; color: #344054; }
ul.journal li { overflow-wrap: anywhere; }
.journal-date { font-variant-numeric: tabular-nums; color: #475467; }
.journal-text { white-space: pre-line; }
.journal-imported { font-size: 0.8em; color: #475467; border: 1px solid #d0d5dd; border-radius: 3px; padding: 0 0.2rem; }
.none { color: #7b8794; font-style: italic; }
.focus h3 { margin: 28px 0 0; }
ol.focus-list { margin: 12px 0 0; padding-left: 22px; }
ol.focus-list li { margin: 0 0 12px; padding-left: 4px; }
.focus-target, .focus-action, .focus-due { margin: 0; }

.focus-action { font-weight: 600; }
.focus-target { margin-top: 2px; color: #3e4c59; font-size: 14px; }
.focus-lede { margin: 10px 0 6px; font-size: 14px; }
.focus-due { color: #616e7c; font-size: 13px; }
footer { margin-top: 56px; padding-top: 16px; border-top: 1px solid #e4e7eb; color: #7b8794; font-size: 12.5px; }
/* A frame whose header, the running line, repeats on every printed page:
   plain blocks on screen, where the line is hidden. */
table.frame, table.frame > thead, table.frame > tbody, table.frame > * > tr, table.frame > * > tr > td { display: block; }
table.frame > thead { display: none; }
@media screen and (max-width: 760px) {
  .page { margin: 0; padding: 28px 20px; border-radius: 0; }
  .summary { grid-template-columns: minmax(0, 1fr); gap: 24px; }
  .readiness { padding-left: 0; border-left: 0; }
  li.statement { grid-template-columns: minmax(0, 1fr); gap: 6px; }
}
@page {
  size: A4;
  margin: 12mm 13mm 14mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); color: #7b8794; font: 8pt system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 9.5pt; line-height: 1.4; }
  table.frame { display: table; width: 100%; border-collapse: collapse; }
  table.frame > thead { display: table-header-group; }
  table.frame > tbody { display: table-row-group; }
  table.frame > * > tr { display: table-row; }
  table.frame > * > tr > td { display: table-cell; padding: 0; vertical-align: top; }
  .running { display: flex; justify-content: space-between; gap: 12pt; margin: 0 0 5mm; padding-bottom: 1.5mm; border-bottom: 0.5pt solid #d9dee4; color: #616e7c; font-size: 8pt; }
  .page { max-width: none; margin: 0; padding: 0; border-radius: 0; box-shadow: none; }
  .masthead { padding-bottom: 14pt; }
  h1 { font-size: 22pt; }
  .roles { margin-bottom: 14pt; font-size: 12pt; }
  .summary { grid-template-columns: minmax(0, 1fr) 170pt; gap: 24pt; }
  .readiness { padding-left: 20pt; }
  .big { margin: 4pt 0 8pt; font-size: 40pt; }
  .big .pct { font-size: 20pt; }
  section { margin-top: 16pt; }
  h2 { font-size: 14pt; }
  h3 { margin: 12pt 0 5pt; padding-bottom: 3pt; font-size: 11.5pt; }
  h4 { margin: 8pt 0 5pt; font-size: 10pt; }
  .lede { margin-bottom: 8pt; }
  .scale { padding: 5pt 8pt; font-size: 8.5pt; }
  figure.chart { margin: 4pt 0 10pt; }
  figure.chart svg { width: 56%; }
  table.categories th, table.categories td { padding: 3pt 8pt; }
  table.compact { font-size: 8pt; line-height: 1.25; }
  table.compact th, table.compact td { padding: 1.5pt 5pt; }
  table.compact tr.group th { padding-top: 8pt; font-size: 9.5pt; }
  li.statement { grid-template-columns: 96pt minmax(0, 1fr); gap: 10pt; margin: 0 0 4pt; padding: 5pt 8pt 5pt 7pt; }
  .statement-meta .badge { margin-top: 2pt; }
  .statement-text { margin: 0 0 3pt; }
  dl.answer { grid-template-columns: 44pt minmax(0, 1fr); font-size: 8.5pt; }
  /* The panel's cards: the id runs into the text, which takes the whole
     width, and the rating and evidence follow on their line; 63 met
     statements of SPE -> LSE fit a 6-page packet this way. */
  li.statement.compact { display: block; margin: 0; padding: 1pt 6pt 1pt 5pt; border-width: 0 0 0.5pt 2pt; border-bottom-color: #e4e7eb; border-radius: 0; font-size: 8.5pt; line-height: 1.2; }
  li.statement.compact .statement-meta { float: left; margin-right: 5pt; }
  li.statement.compact .statement-meta .badge { margin-top: 0; }
  li.statement.compact .statement-text { margin: 0; }
  li.statement.compact .answer-line { font-size: 8pt; clear: left; }
  li.statement.compact ul.journal { margin-top: 0; }
  .statement-text + .answer-line { margin-top: 0; }
  .answer-line { font-size: 8pt; }
  li.statement.compact .badge { padding: 0 4pt; font-size: 6.5pt; }
  li.statement.is-gap, li.statement.is-unevidenced { background: #fff; }
  footer { margin-top: 12pt; padding-top: 6pt; }
  ol.focus-list li { margin-bottom: 4pt; }
  .focus-lede { margin: 4pt 0 2pt; }
  /* Keep what belongs together on one page, and no heading at a page's foot. */
  li.statement, figure.chart, .summary, table.categories tr, table.compact tr, ol.focus-list, .lede, .scale { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4, .lede, .scale, table.compact tr.group { break-after: avoid; page-break-after: avoid; }
  /* On paper a link is its address. */
  a[href]::after { content: " (" attr(href) ")"; }
}
"#;

#[cfg(test)]
mod tests {

    use super::*;
    use crate::assessment::{Assessment, Focus};
    use crate::testing::acme;

    const HOSTILE: &str = "<script>alert(\"x\")</script> & 'quotes' | pipes | `code` 🚀 日本語";

    /// The shared fixture, with a person's name and a focus that need
    /// escaping.
    fn assessment(ratings: &[(&str, Option<u8>, Option<&str>)]) -> Assessment {
        let mut assessment = crate::testing::assessment(ratings);
        assessment.person = "Ada <Lovelace>".into();
        assessment.focus = vec![Focus {
            target: "e2.impact.1".into(),
            action: "Plan the <billing> migration & ship it".into(),
            due: "2027-02-01".parse().ok(),
            agreed: crate::testing::time(0),
            done: None,
            dropped: None,
        }];
        assessment
    }

    fn long() -> String {
        "x".repeat(5000)
    }

    fn hostile_assessment() -> Assessment {
        let long = long();
        assessment(&[
            ("e1.craft.1", Some(4), Some(HOSTILE)),
            ("e1.craft.2", Some(3), None),
            ("e2.craft.1", Some(5), Some(long.as_str())),
            ("e2.craft.2", Some(4), None),
            ("e2.impact.1", Some(2), Some(HOSTILE)),
        ])
    }

    #[test]
    fn hostile_evidence_comes_out_escaped_and_whole() {
        let framework = acme();
        let assessment = hostile_assessment();
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let html = packet(&gap);

        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains(
            "<title>Promotion packet: Ada &lt;Lovelace&gt; (self), E1 to E2, 2026-11-25</title>"
        ));
        assert!(!html.to_lowercase().contains("<script"), "no live script");
        assert!(html.contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'quotes' | pipes | `code` 🚀 日本語"
        ));
        assert!(html.contains(&long()), "the long string is whole");
        assert!(html.contains("overflow-wrap: anywhere"));
        assert!(html.contains("Plan the &lt;billing&gt; migration &amp; ship it"));
        assert!(html.contains("due 2027-02-01"));
        assert!(!html.contains("<Lovelace>"));
        // The running line of every printed page: whose, which roles, when.
        assert!(html.contains(
            "<thead><tr><td><div class=\"running\"><span>Ada &lt;Lovelace&gt; (self) · E1 → E2</span><span>Promotion packet · assessed 2026-11-25</span></div></td></tr></thead>"
        ));

        // Self-contained: nothing fetched, nothing linked.
        let lower = html.to_lowercase();
        for reference in [
            "http", "src=", "href=", "@import", "url(http", "<link", "<img",
        ] {
            assert!(!lower.contains(reference), "found {reference}");
        }
    }

    #[test]
    fn hostile_framework_texts_come_out_escaped() {
        let framework = crate::testing::hostile_acme();
        let assessment = hostile_assessment();
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let html = packet(&Gap::compute(&framework, &assessment, role, Some(target)));
        for (raw, escaped) in [
            (
                "<i>Engineering</i>",
                "Acme &lt;i&gt;Engineering&lt;/i&gt; &amp; 'co'",
            ),
            ("<script>x</script>", "Craft &lt;script&gt;x&lt;/script&gt;"),
            ("<b>Engineer</b>", "E2 Senior &lt;b&gt;Engineer&lt;/b&gt;"),
            ("<img", "&lt;img onerror=alert(1)&gt; Designs"),
            ("<u>Expert</u>", "&lt;u&gt;Expert&lt;/u&gt;"),
        ] {
            assert!(!html.contains(raw), "{raw} came out as markup");
            assert!(html.contains(escaped), "{escaped} is missing");
        }
        // The chart's labels are text too.
        assert!(html.contains("\">Craft &lt;script&gt;x&lt;/script&gt;</tspan>"));
    }

    #[test]
    fn the_packet_has_a_chart_bar_pair_per_row_and_flags_every_gap() {
        let framework = acme();
        let assessment = hostile_assessment();
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let gap = Gap::compute(&framework, &assessment, role, Some(target));
        let html = packet(&gap);

        assert_eq!(html.matches("<svg").count(), 1);
        assert_eq!(html.matches("class=\"chart-row\"").count(), gap.rows.len());
        assert_eq!(
            html.matches("class=\"bar-current\"").count(),
            gap.rows.len()
        );
        assert_eq!(html.matches("class=\"bar-next\"").count(), gap.rows.len());
        assert!(html.contains(">1/2 · 50%</text>"), "current Craft");
        assert!(html.contains(">2/2 · 100%</text>"), "next Craft");
        assert!(html.contains("class=\"bar-next\" x=\"232\" y=\"56\" width=\"396.0\""));

        // Every expectation of the target, each gap badged once.
        assert_eq!(
            html.matches("<li class=\"statement ").count(),
            gap.next_items.len()
        );
        assert_eq!(gap.unmet.len(), 2);
        assert_eq!(
            html.matches("<li class=\"statement is-gap\">").count(),
            gap.unmet.len()
        );
        assert_eq!(
            html.matches("<span class=\"badge badge-gap\">gap</span></div>")
                .count(),
            gap.unmet.len()
        );
        // e2.craft.2 is met with no evidence; e2.impact.2 was never answered.
        assert_eq!(
            html.matches("<li class=\"statement is-unevidenced\">")
                .count(),
            1
        );
        assert!(html.contains("<dd class=\"evidence none\">no evidence written</dd>"));
        assert!(html.contains("<dd class=\"evidence none\">no evidence yet</dd>"));
        assert!(html.contains("<dd class=\"none\">not rated</dd>"));
        assert!(html.contains("Readiness for E2"));
        assert!(html.contains("<p class=\"big\">50<span class=\"pct\">%</span></p>"));
        assert!(html.contains("Impact: 2 of 2 E2 statements not yet met"));
        assert!(html.contains("@media print"));
        assert!(html.contains("break-inside: avoid"));
        assert!(html.contains("counter(pages)"), "page numbers in print");
    }

    #[test]
    fn the_page_is_dated_by_the_assessment_not_by_the_clock() {
        // A golden file can pin the packet only if nothing in it comes
        // from the time it was rendered: moving the assessment's dates
        // moves the page's date, and nothing else of the page changes.
        let framework = acme();
        let mut assessment = hostile_assessment();
        assessment.id = "ada-e1".into();
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let first = packet(&Gap::compute(&framework, &assessment, role, Some(target)));
        let mut later = assessment.clone();
        let moved: crate::assessment::Timestamp =
            "2031-02-03T10:00:00+00:00".parse().expect("time");
        later.started = moved;
        later.updated = moved;
        later.completed = Some(moved);
        let second = packet(&Gap::compute(&framework, &later, role, Some(target)));
        assert!(first.contains("2026-11-25"), "the assessment's date");
        assert!(second.contains("2031-02-03") && !second.contains("2026-11-25"));
        assert_eq!(first.replace("2026-11-25", "2031-02-03"), second);
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        assert!(!first.contains(&today) || today == "2026-11-25");
    }

    #[test]
    fn the_top_of_the_ladder_shows_current_role_coverage() {
        let framework = acme();
        let mut assessment = assessment(&[("e3.craft.1", Some(5), Some("strategy"))]);
        assessment.role = "E3".into();
        assessment.to = None;
        assessment.focus.clear();
        let role = framework.archetype("E3").expect("E3");
        let gap = Gap::compute(&framework, &assessment, role, None);
        let html = packet(&gap);
        assert!(html.contains("E3 is the top of this ladder"));
        assert!(html.contains("Coverage of E3"));
        assert!(!html.contains("class=\"bar-next\""));
        assert_eq!(
            html.matches("<li class=\"statement ").count(),
            gap.current_items.len()
        );
        assert!(!html.contains("<h2>Focus areas</h2>"));
    }

    #[test]
    fn lists_of_views_read_as_sentences() {
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b"]), "a and b");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(or_list(&["a", "b", "c"]), "a, b or c");
        assert_eq!(and_list::<&str>(&[]), "");
        assert_eq!(count_word(2), "Two");
        assert_eq!(count_word(4), "Four");
        assert_eq!(count_word(12), "12");
    }

    #[test]
    fn long_category_names_wrap_at_spaces_without_losing_text() {
        let lines = label_lines("AI & automation expectations for the whole platform organisation");
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            "AI & automation expectations for the whole platform organisation"
        );
    }
}
