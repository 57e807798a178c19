//! The framework file exactly as written: serde shapes that mirror the TOML,
//! with spans kept on every value a semantic check may need to point at.
//! `load.rs` turns these into the domain types in `mod.rs`.

use serde::Deserialize;
use toml::Spanned;

/// Just enough of a file to read its format version when the full shape
/// does not fit, so a newer file is refused with "upgrade" rather than
/// "unknown field".
#[derive(Debug, Deserialize)]
pub struct VersionProbe {
    pub format_version: Option<Spanned<i64>>,
}

/// A whole framework file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFramework {
    /// Version of the file format; see `FORMAT_VERSION`.
    pub format_version: Spanned<i64>,
    /// Stable identifier, used by assessments to find their framework.
    pub id: Spanned<String>,
    /// Human name of the track.
    pub name: Spanned<String>,
    /// Version of the content, chosen by the framework's authors.
    pub version: Spanned<String>,
    /// A paragraph about the track.
    #[serde(default)]
    pub description: Option<String>,
    /// The rating scale; the default 0-3 scale when absent.
    #[serde(default)]
    pub scale: Option<Spanned<RawScale>>,
    /// The sections every archetype's statements are grouped into, in order.
    #[serde(default)]
    pub section: Vec<Spanned<RawSection>>,
    /// The roles on the ladder, in ladder order.
    #[serde(default)]
    pub archetype: Vec<Spanned<RawArchetype>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    /// The lowest rating that counts as "met".
    pub met: Option<Spanned<i64>>,
    /// The ratings a person can give, each with a label and a description.
    #[serde(default)]
    pub levels: Vec<Spanned<RawLevel>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    /// The key a person presses: 0 to 9.
    pub value: Spanned<i64>,
    /// A few words: "Demonstrated".
    pub label: Spanned<String>,
    /// One line saying when to choose this rating.
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Referenced by `archetype.group.section`.
    pub id: Spanned<String>,
    /// Shown as a heading.
    pub name: Spanned<String>,
    /// A line about what the section covers.
    #[serde(default)]
    pub description: Option<String>,
    /// Categories shared by every archetype, so levels line up in reports.
    #[serde(default)]
    pub categories: Vec<Spanned<RawCategory>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    /// Referenced by `archetype.group.category`.
    pub id: Spanned<String>,
    /// Shown as a heading and in reports.
    pub name: Spanned<String>,
    /// A line about what the category covers (format version 2).
    #[serde(default)]
    pub description: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArchetype {
    /// Short code people type: `SPE`.
    pub code: Spanned<String>,
    /// Role title: "Senior Platform Engineer".
    pub title: Spanned<String>,
    /// SFIA levels of responsibility, lowest first.
    #[serde(default)]
    pub sfia: Option<Spanned<Vec<Spanned<i64>>>>,
    /// Codes of the archetypes this one leads to; the first is the default.
    #[serde(default)]
    pub next: Vec<Spanned<String>>,
    /// Codes of archetypes on a parallel track, neither above nor below
    /// this one, that a person may move to (format version 2).
    #[serde(default)]
    pub lateral: Option<Spanned<Vec<Spanned<String>>>>,
    /// Ids of statements this archetype had and no longer has, kept so
    /// they are never given to another statement (format version 3).
    #[serde(default)]
    pub retired: Option<Spanned<Vec<Spanned<String>>>>,
    /// Ids of the archetype's own statements that a check-in rates: a
    /// short form of the role, one anchor per group (format version 4).
    #[serde(default)]
    pub core: Option<Spanned<Vec<Spanned<String>>>>,
    /// A few sentences on the role's scope.
    #[serde(default)]
    pub summary: Option<String>,
    /// The statements, grouped by section and category.
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// The id of a declared `[[section]]`.
    pub section: Spanned<String>,
    /// The id of one of the section's categories, when it declares some.
    #[serde(default)]
    pub category: Option<Spanned<String>>,
    /// A heading for a free group, in sections without categories.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// The rating at which this group's statements count as met, instead
    /// of the scale's `met` (format version 2).
    #[serde(default)]
    pub expected: Option<Spanned<i64>>,
    /// The assessable statements.
    #[serde(default)]
    pub statements: Vec<Spanned<RawStatement>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatement {
    /// Stable id, never changed once shipped: `spe.delivery.3`.
    pub id: Spanned<String>,
    /// The expectation, as something a person can point to evidence for.
    pub text: Spanned<String>,
    /// Concrete evidence that would show it (format version 2).
    #[serde(default)]
    pub examples: Option<Spanned<Vec<Spanned<String>>>>,
    /// The rating at which this statement counts as met, instead of its
    /// group's or the scale's (format version 2).
    #[serde(default)]
    pub expected: Option<Spanned<i64>>,
}
