//! The promotion packet as one self-contained HTML page.
//!
//! One document with everything a promotion panel reads: who, which roles,
//! readiness for the target, a chart and a table per category, then every
//! expectation of the target with its rating and evidence, gaps and missing
//! evidence flagged, and the focus areas. Inline CSS and an inline SVG only:
//! no script, no external resource, so the file can be mailed, archived or
//! printed as it is. The output depends on its input alone (no clock), so a
//! golden file can pin it.
//!
//! Every piece of text that comes from a file or a person goes through
//! [`escape`], and nothing else turns text into markup.

use super::gap::{focus_line, rating_label};
use crate::assessment::Timestamp;
use crate::framework::{Framework, Group};
use crate::gap::{Gap, Item};

/// Escapes text for HTML element content and quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become entities; every other character,
/// whatever its script, stays as it is.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The promotion packet for `gap`: a complete HTML5 document.
pub fn packet(gap: &Gap<'_>) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&title(gap))));
    out.push_str("<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<main class=\"page\">\n");
    out.push_str(&masthead(gap));
    out.push_str(&categories(gap));
    out.push_str(&expectations(gap));
    out.push_str(&focus(gap));
    out.push_str(&footer(gap));
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// "Promotion packet: Ada (self), SPE to LSE".
fn title(gap: &Gap<'_>) -> String {
    let roles = match gap.target {
        Some(target) => format!("{} to {}", gap.role.code, target.code),
        None => gap.role.code.clone(),
    };
    format!("Promotion packet: {}, {roles}", gap.assessment.who())
}

fn assessed(gap: &Gap<'_>) -> Timestamp {
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

fn masthead(gap: &Gap<'_>) -> String {
    let framework = gap.framework;
    let sfia = |a: &crate::framework::Archetype| {
        a.sfia
            .as_ref()
            .map(|s| {
                format!(
                    " <span class=\"muted\">(SFIA {})</span>",
                    escape(&s.to_string())
                )
            })
            .unwrap_or_default()
    };
    let mut out = String::from("<header class=\"masthead\">\n");
    out.push_str(&format!(
        "<p class=\"eyebrow\">Promotion packet · {} {}</p>\n",
        escape(&framework.name),
        escape(&framework.version)
    ));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&gap.assessment.who())));
    let roles = match gap.target {
        Some(target) => format!(
            "{} <span class=\"arrow\" aria-label=\"to\">→</span> {}",
            escape(&gap.role.label()),
            escape(&target.label())
        ),
        None => format!("{} · top of the ladder", escape(&gap.role.label())),
    };
    out.push_str(&format!("<p class=\"roles\">{roles}</p>\n"));

    out.push_str("<div class=\"summary\">\n<dl class=\"facts\">\n");
    let mut fact = |term: &str, value: String| {
        out.push_str(&format!("<dt>{term}</dt><dd>{value}</dd>\n"));
    };
    fact("Person", escape(&gap.assessment.person));
    fact("Assessor", escape(gap.assessment.view()));
    fact(
        "Current role",
        format!("{}{}", escape(&gap.role.label()), sfia(gap.role)),
    );
    match gap.target {
        Some(target) => fact(
            "Target role",
            format!("{}{}", escape(&target.label()), sfia(target)),
        ),
        None => fact("Target role", "none: top of the ladder".to_string()),
    }
    if let Some(step) = gap.sfia_step() {
        fact("SFIA step", escape(&step));
    }
    fact("Assessed", assessed(gap).format("%Y-%m-%d").to_string());
    fact(
        "Statements rated",
        format!("{} of {}", gap.rated, gap.total),
    );
    out.push_str("</dl>\n");

    // The big number: readiness for the target, or at the top of the
    // ladder the coverage of the current role.
    let (label, value, detail) = match (gap.target, gap.readiness) {
        (Some(target), Some(readiness)) => (
            format!("Readiness for {}", escape(&target.code)),
            Some(usize::from(readiness)),
            format!("{} of {} statements met", gap.target_met, gap.target_total),
        ),
        (Some(target), None) => (
            format!("Readiness for {}", escape(&target.code)),
            None,
            format!("{} has no statements yet", escape(&target.label())),
        ),
        (None, _) => {
            let met: usize = gap.rows.iter().map(|r| r.current_met).sum();
            let total: usize = gap.rows.iter().map(|r| r.current_total).sum();
            (
                format!("Coverage of {}", escape(&gap.role.code)),
                percent(met, total),
                format!("{met} of {total} statements met"),
            )
        }
    };
    out.push_str("<div class=\"readiness\">\n");
    out.push_str(&format!("<p class=\"readiness-label\">{label}</p>\n"));
    match value {
        Some(value) => {
            out.push_str(&format!(
                "<p class=\"big\">{value}<span class=\"pct\">%</span></p>\n"
            ));
            out.push_str(&format!(
                "<div class=\"meter\" aria-hidden=\"true\"><span style=\"width: {value}%\"></span></div>\n"
            ));
        }
        None => out.push_str("<p class=\"big\">–</p>\n"),
    }
    out.push_str(&format!("<p class=\"readiness-detail\">{detail}</p>\n"));
    out.push_str("</div>\n</div>\n</header>\n");
    out
}

fn categories(gap: &Gap<'_>) -> String {
    let mut out = String::from("<section class=\"by-category\">\n<h2>By category</h2>\n");
    match gap.target {
        Some(target) => out.push_str(&format!(
            "<p class=\"lede\">Statements met in each category, for the current role ({}) and the target ({}).</p>\n",
            escape(&gap.role.code),
            escape(&target.code)
        )),
        None => out.push_str(&format!(
            "<p class=\"lede\">{} is the top of this ladder: there is no next archetype. Coverage of the current role:</p>\n",
            escape(&gap.role.code)
        )),
    }
    out.push_str(&chart(gap));

    let current = format!("{} met", escape(&gap.role.code));
    out.push_str("<table class=\"categories\">\n<thead><tr><th scope=\"col\">Category</th>");
    out.push_str(&format!("<th scope=\"col\" class=\"num\">{current}</th>"));
    if let Some(target) = gap.target {
        out.push_str(&format!(
            "<th scope=\"col\" class=\"num\">{} met</th><th scope=\"col\" class=\"num\">Not yet met</th>",
            escape(&target.code)
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &gap.rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td>",
            escape(&row.name),
            fraction(row.current_met, row.current_total)
        ));
        if gap.target.is_some() {
            let not_met = if row.next_total == 0 {
                "-".to_string()
            } else {
                row.next_gap().to_string()
            };
            out.push_str(&format!(
                "<td class=\"num\">{}</td><td class=\"num\">{not_met}</td>",
                fraction(row.next_met, row.next_total)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
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
const LABEL_CHARS: usize = 26;
const CURRENT_FILL: &str = "#9fb0c4";
const NEXT_FILL: &str = "#243b63";
const TRACK_FILL: &str = "#eef1f5";
const TEXT_FILL: &str = "#1f2933";
const MUTED_FILL: &str = "#616e7c";
const GRID_STROKE: &str = "#d9dee4";

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

/// Per-category readiness as horizontal bars: for each row the current
/// role's share met and the target's, labelled with the counts. Styled
/// with presentation attributes only, so it renders without any CSS.
fn chart(gap: &Gap<'_>) -> String {
    let series: Vec<(&str, String)> = {
        let mut s = vec![(CURRENT_FILL, format!("{} (current)", gap.role.label()))];
        if let Some(target) = gap.target {
            s.push((NEXT_FILL, format!("{} (target)", target.label())));
        }
        s
    };
    let bars = series.len();
    let bars_height = bars * BAR_HEIGHT + (bars - 1) * BAR_GAP;
    let labels: Vec<Vec<String>> = gap.rows.iter().map(|r| label_lines(&r.name)).collect();
    let row_heights: Vec<usize> = labels
        .iter()
        .map(|lines| bars_height.max(lines.len() * LINE_HEIGHT))
        .collect();
    let plot_height: usize = row_heights.iter().map(|h| h + ROW_GAP).sum();
    let axis_y = LEGEND_HEIGHT + plot_height;
    let height = axis_y + 24;

    let mut out = String::from("<figure class=\"chart\">\n");
    out.push_str(&format!(
        "<svg class=\"chart-svg\" width=\"{CHART_WIDTH}\" height=\"{height}\" viewBox=\"0 0 {CHART_WIDTH} {height}\" role=\"img\" aria-labelledby=\"chart-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif\" font-size=\"13\">\n"
    ));
    out.push_str(&format!(
        "<title id=\"chart-title\">Statements met per category{}</title>\n",
        match gap.target {
            Some(target) => format!(": {} and {}", escape(&gap.role.code), escape(&target.code)),
            None => format!(": {}", escape(&gap.role.code)),
        }
    ));
    out.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{CHART_WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\n"
    ));
    out.push_str(&format!(
        "<defs><clipPath id=\"chart-labels\"><rect x=\"0\" y=\"0\" width=\"{LABEL_WIDTH}\" height=\"{height}\"/></clipPath></defs>\n"
    ));

    // Legend.
    let mut x = 0;
    out.push_str("<g class=\"legend\">\n");
    for (fill, name) in &series {
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"6\" width=\"14\" height=\"{BAR_HEIGHT}\" rx=\"2\" fill=\"{fill}\"/>\n<text x=\"{}\" y=\"16\" fill=\"{TEXT_FILL}\">{}</text>\n",
            x + 20,
            escape(name)
        ));
        x += 20 + name.chars().count() * 7 + 28;
    }
    out.push_str("</g>\n");

    // Grid lines at each quarter, with the scale under the plot.
    out.push_str("<g class=\"grid\">\n");
    for quarter in 0..=4 {
        let gx = BAR_X + BAR_WIDTH * quarter / 4;
        out.push_str(&format!(
            "<line x1=\"{gx}\" y1=\"{}\" x2=\"{gx}\" y2=\"{axis_y}\" stroke=\"{GRID_STROKE}\" stroke-width=\"1\"{}/>\n",
            LEGEND_HEIGHT - 6,
            if quarter == 0 { "" } else { " stroke-dasharray=\"2 3\"" }
        ));
        out.push_str(&format!(
            "<text x=\"{gx}\" y=\"{}\" fill=\"{MUTED_FILL}\" font-size=\"11\" text-anchor=\"middle\">{}%</text>\n",
            axis_y + 16,
            quarter * 25
        ));
    }
    out.push_str("</g>\n");

    let mut y = LEGEND_HEIGHT;
    for ((row, lines), row_height) in gap.rows.iter().zip(&labels).zip(&row_heights) {
        out.push_str("<g class=\"chart-row\">\n");
        // The label, centred on the bars.
        let first_baseline = y + (row_height - lines.len() * LINE_HEIGHT) / 2 + 12;
        out.push_str(&format!(
            "<text x=\"0\" y=\"{first_baseline}\" fill=\"{TEXT_FILL}\" font-weight=\"600\" clip-path=\"url(#chart-labels)\">"
        ));
        for (n, line) in lines.iter().enumerate() {
            out.push_str(&format!(
                "<tspan x=\"0\" y=\"{}\">{}</tspan>",
                first_baseline + n * LINE_HEIGHT,
                escape(line)
            ));
        }
        out.push_str("</text>\n");

        let bars_top = y + (row_height - bars_height) / 2;
        let mut counts = vec![("bar-current", row.current_met, row.current_total)];
        if gap.target.is_some() {
            counts.push(("bar-next", row.next_met, row.next_total));
        }
        for (n, ((class, met, total), (fill, _))) in counts.iter().zip(&series).enumerate() {
            let by = bars_top + n * (BAR_HEIGHT + BAR_GAP);
            let (width, text) = match percent(*met, *total) {
                Some(p) => (
                    (*met as f64) * (BAR_WIDTH as f64) / (*total as f64),
                    format!("{met}/{total} · {p}%"),
                ),
                None => (0.0, "none".to_string()),
            };
            out.push_str(&format!(
                "<rect x=\"{BAR_X}\" y=\"{by}\" width=\"{BAR_WIDTH}\" height=\"{BAR_HEIGHT}\" fill=\"{TRACK_FILL}\"/>\n"
            ));
            out.push_str(&format!(
                "<rect class=\"{class}\" x=\"{BAR_X}\" y=\"{by}\" width=\"{width:.1}\" height=\"{BAR_HEIGHT}\" fill=\"{fill}\"/>\n"
            ));
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"{MUTED_FILL}\" font-size=\"12\">{text}</text>\n",
                BAR_X + BAR_WIDTH + 10,
                by + BAR_HEIGHT - 2
            ));
        }
        out.push_str("</g>\n");
        y += row_height + ROW_GAP;
    }
    out.push_str("</svg>\n</figure>\n");
    out
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

fn expectations(gap: &Gap<'_>) -> String {
    let framework = gap.framework;
    let (archetype, items) = match gap.target {
        Some(target) => (target, &gap.next_items),
        None => (gap.role, &gap.current_items),
    };
    let mut out = String::from("<section class=\"expectations\">\n");
    out.push_str(&format!(
        "<h2>Expectations of {}{}</h2>\n",
        escape(&archetype.label()),
        if gap.target.is_some() {
            ""
        } else {
            " (current role)"
        }
    ));
    let gaps = items.iter().filter(|i| !gap.is_met(i)).count();
    let unevidenced = items
        .iter()
        .filter(|i| gap.is_met(i) && i.evidence().is_none())
        .count();
    out.push_str(&format!(
        "<p class=\"lede\">Every statement of the role ({}), with the rating and evidence given. {gaps} not yet met, marked <span class=\"badge badge-gap\">gap</span>; {unevidenced} met without evidence written, marked <span class=\"badge badge-evidence\">evidence needed</span>: a promotion panel will ask for it.</p>\n",
        items.len()
    ));
    out.push_str(&scale_note(framework));

    for section in by_section(items) {
        let (met, total) = section
            .groups
            .iter()
            .flat_map(|(_, list)| list)
            .fold((0, 0), |(met, total), item| {
                (met + usize::from(gap.is_met(item)), total + 1)
            });
        out.push_str(&format!(
            "<h3><span>{}</span><span class=\"group-count\">{met} of {total} met</span></h3>\n",
            escape(&framework.sections[section.section].name)
        ));
        for (group, list) in &section.groups {
            if let Some(title) = framework.group_title(group) {
                let met = list.iter().filter(|i| gap.is_met(i)).count();
                out.push_str(&format!(
                    "<h4><span>{}</span><span class=\"group-count\">{met} of {} met</span></h4>\n",
                    escape(title),
                    list.len()
                ));
            }
            out.push_str("<ol class=\"statements\">\n");
            for item in list {
                out.push_str(&statement(gap, item));
            }
            out.push_str("</ol>\n");
        }
    }
    out.push_str("</section>\n");
    out
}

/// "Rating scale: 1 Not yet · … · 5 Expert. A statement is met at 4 or above."
fn scale_note(framework: &Framework) -> String {
    let levels: Vec<String> = framework
        .scale
        .levels
        .iter()
        .map(|l| format!("<b>{}</b> {}", l.value, escape(&l.label)))
        .collect();
    format!(
        "<p class=\"scale\">Rating scale: {}. A statement is met at {} or above.</p>\n",
        levels.join(" · "),
        framework.scale.met
    )
}

fn statement(gap: &Gap<'_>, item: &Item<'_>) -> String {
    let met = gap.is_met(item);
    let unevidenced = met && item.evidence().is_none();
    let (class, badge) = if !met {
        ("is-gap", "<span class=\"badge badge-gap\">gap</span>")
    } else if unevidenced {
        (
            "is-unevidenced",
            "<span class=\"badge badge-evidence\">evidence needed</span>",
        )
    } else {
        ("is-met", "<span class=\"badge badge-met\">met</span>")
    };
    let evidence = match (item.evidence(), item.answer) {
        (Some(evidence), _) => format!("<dd class=\"evidence\">{}</dd>", escape(evidence)),
        (None, Some(_)) => "<dd class=\"evidence none\">no evidence written</dd>".to_string(),
        (None, None) => "<dd class=\"evidence none\">no evidence yet</dd>".to_string(),
    };
    let rating_class = if item.rating().is_some() {
        ""
    } else {
        " class=\"none\""
    };
    format!(
        "<li class=\"statement {class}\">\n<div class=\"statement-meta\"><code class=\"sid\">{}</code>{badge}</div>\n<div class=\"statement-body\">\n<p class=\"statement-text\">{}</p>\n<dl class=\"answer\"><dt>Rating</dt><dd{rating_class}>{}</dd><dt>Evidence</dt>{evidence}</dl>\n</div>\n</li>\n",
        escape(&item.statement.id),
        escape(&item.statement.text),
        escape(&rating_label(gap, item))
    )
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

fn focus(gap: &Gap<'_>) -> String {
    let agreed = &gap.assessment.focus;
    if agreed.is_empty() && gap.focus.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"focus\">\n<h2>Focus areas</h2>\n");
    if !agreed.is_empty() {
        out.push_str("<h3>Agreed</h3>\n<p class=\"lede focus-lede\">Recorded with the assessment.</p>\n<ol class=\"focus-list agreed\">\n");
        for focus in agreed {
            let about = focus_target(gap, &focus.target)
                .map(|t| format!(" <span class=\"focus-about\">{}</span>", escape(&t)))
                .unwrap_or_default();
            let due = match focus.due {
                Some(due) => format!("due {}", due.format("%Y-%m-%d")),
                None => "no due date".to_string(),
            };
            out.push_str(&format!(
                "<li><p class=\"focus-action\">{}</p><p class=\"focus-target\"><code class=\"sid\">{}</code>{about}</p><p class=\"focus-due\">{due}</p></li>\n",
                escape(&focus.action),
                escape(&focus.target)
            ));
        }
        out.push_str("</ol>\n");
    }
    if !gap.focus.is_empty() {
        out.push_str("<h3>Largest gaps</h3>\n<p class=\"lede focus-lede\">Computed from the ratings: the categories with the most statements not yet met.</p>\n<ol class=\"focus-list computed\">\n");
        for &index in &gap.focus {
            out.push_str(&format!(
                "<li>{}</li>\n",
                escape(&focus_line(gap, &gap.rows[index]))
            ));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
    out
}

fn footer(gap: &Gap<'_>) -> String {
    let assessment = gap.assessment;
    let view = match &assessment.assessor {
        Some(assessor) => format!("Ratings given by {}.", escape(assessor)),
        None => format!("Self-assessment by {}.", escape(&assessment.person)),
    };
    let version = if assessment.framework_version == gap.framework.version {
        String::new()
    } else {
        format!(
            " (assessed on version {})",
            escape(&assessment.framework_version)
        )
    };
    format!(
        "<footer>{view} Prepared with rungs from assessment <code>{}</code> against {} version {}{version}.</footer>\n",
        escape(&assessment.id),
        escape(&gap.framework.name),
        escape(&gap.framework.version),
    )
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
.statement-text { margin: 0 0 8px; }
dl.answer { display: grid; grid-template-columns: 72px minmax(0, 1fr); gap: 3px 12px; margin: 0; font-size: 13.5px; }
dl.answer dt { color: #7b8794; }
dl.answer dd { margin: 0; min-width: 0; }
.evidence { white-space: pre-wrap; overflow-wrap: anywhere; word-break: normal; }
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
@media (max-width: 760px) {
  .page { margin: 0; padding: 28px 20px; border-radius: 0; }
  .summary { grid-template-columns: minmax(0, 1fr); gap: 24px; }
  .readiness { padding-left: 0; border-left: 0; }
  li.statement { grid-template-columns: minmax(0, 1fr); gap: 6px; }
}
@media print {
  @page { margin: 16mm 14mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { background: #fff; font-size: 10.5pt; }
  .page { max-width: none; margin: 0; padding: 0; border-radius: 0; box-shadow: none; }
  li.statement, figure.chart, .readiness, table.categories tr, ol.focus-list li { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  section.expectations { break-before: page; }
  li.statement.is-gap, li.statement.is-unevidenced { background: #fff; }
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
    fn escape_covers_the_five_markup_characters_and_nothing_else() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a> 日本語 🚀"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; 日本語 🚀"
        );
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
        assert!(
            html.contains("<title>Promotion packet: Ada &lt;Lovelace&gt; (self), E1 to E2</title>")
        );
        assert!(!html.to_lowercase().contains("<script"), "no live script");
        assert!(html.contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; | pipes | `code` 🚀 日本語"
        ));
        assert!(html.contains(&long()), "the long string is whole");
        assert!(html.contains("overflow-wrap: anywhere"));
        assert!(html.contains("Plan the &lt;billing&gt; migration &amp; ship it"));
        assert!(html.contains("due 2027-02-01"));
        assert!(!html.contains("<Lovelace>"));

        // Self-contained: nothing fetched, nothing linked.
        let lower = html.to_lowercase();
        for reference in [
            "http", "src=", "href=", "@import", "url(http", "<link", "<img",
        ] {
            assert!(!lower.contains(reference), "found {reference}");
        }
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
    }

    #[test]
    fn the_output_is_deterministic() {
        let framework = acme();
        let assessment = hostile_assessment();
        let role = framework.archetype("E1").expect("E1");
        let target = framework.archetype("E2").expect("E2");
        let first = packet(&Gap::compute(&framework, &assessment, role, Some(target)));
        let second = packet(&Gap::compute(&framework, &assessment, role, Some(target)));
        assert_eq!(first, second);
        assert!(first.contains("2026-11-25"));
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
    fn long_category_names_wrap_at_spaces_without_losing_text() {
        let lines = label_lines("AI & automation expectations for the whole platform organisation");
        assert!(lines.len() > 1);
        assert_eq!(
            lines.join(" "),
            "AI & automation expectations for the whole platform organisation"
        );
    }
}
