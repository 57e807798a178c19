//! The frameworks shipped inside the binary, so `cargo install` gives a
//! working tool anywhere. `build.rs` checks each with the loader and embeds
//! it as JSON; the tests below load the TOML too and compare.

use crate::framework::Framework;

/// File name under `frameworks/`, and the framework as `build.rs` checked
/// and serialised it.
pub const BUILT_IN: &[(&str, &str)] = &[(
    "platform-engineering.toml",
    include_str!(concat!(env!("OUT_DIR"), "/platform-engineering.json")),
)];

/// Reads one of [`BUILT_IN`]. It was validated when the binary was built,
/// so failing here means the binary itself is damaged.
pub fn load(json: &str) -> Result<Framework, std::io::Error> {
    serde_json::from_str(json).map_err(|error| {
        std::io::Error::other(format!(
            "a built-in framework is damaged ({error}); reinstall rungs"
        ))
    })
}

/// The framework used when none is named.
pub const DEFAULT_FRAMEWORK: &str = "platform-engineering";

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::diagnostic::{Origin, SourceFile};
    use crate::framework::{self, Framework};

    /// Every built-in framework, loaded from its TOML with the loader.
    fn built_in() -> Vec<Framework> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
        BUILT_IN
            .iter()
            .map(|(name, _)| {
                let text = std::fs::read_to_string(dir.join(name)).expect("framework file");
                let source = SourceFile::new(Origin::BuiltIn(name), text);
                match framework::parse(&source) {
                    Ok(framework) => framework,
                    Err(error) => panic!("{}", error.render(false)),
                }
            })
            .collect()
    }

    #[test]
    fn the_embedded_frameworks_are_the_files_as_loaded() {
        for ((name, json), from_toml) in BUILT_IN.iter().zip(built_in()) {
            assert_eq!(
                load(json).expect("embedded JSON loads"),
                from_toml,
                "{name} differs from its TOML"
            );
        }
    }

    #[test]
    fn every_built_in_framework_loads_with_a_unique_id() {
        let frameworks = built_in();
        let ids: HashSet<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids.len(), frameworks.len());
        assert!(ids.contains(DEFAULT_FRAMEWORK));
    }

    #[test]
    fn every_built_in_framework_file_is_in_the_frameworks_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
        let on_disk: HashSet<String> = std::fs::read_dir(dir)
            .expect("frameworks/")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".toml"))
            .collect();
        let embedded: HashSet<String> = BUILT_IN.iter().map(|(name, _)| name.to_string()).collect();
        assert_eq!(
            on_disk, embedded,
            "embed every shipped framework in BUILT_IN"
        );
    }

    #[test]
    fn every_statement_id_is_prefixed_by_its_archetype_code() {
        for framework in built_in() {
            for archetype in &framework.archetypes {
                let prefix = format!("{}.", archetype.code.to_lowercase());
                for (_, statement) in archetype.statements() {
                    assert!(
                        statement.id.starts_with(&prefix),
                        "{} is not under {prefix}",
                        statement.id
                    );
                }
            }
        }
    }

    /// The Senior Platform Engineer archetype carries every point of its
    /// seed document, one statement per point.
    #[test]
    fn senior_platform_engineer_has_one_statement_per_seed_point() {
        let frameworks = built_in();
        let framework = frameworks
            .iter()
            .find(|f| f.id == DEFAULT_FRAMEWORK)
            .expect("default");
        let spe = framework.archetype("SPE").expect("SPE");
        let count = |section: &str| -> Vec<usize> {
            spe.groups
                .iter()
                .filter(|g| framework.sections[g.section].id == section)
                .map(|g| g.statements.len())
                .collect()
        };
        assert_eq!(count("responsibilities"), [5, 5, 5, 5]);
        assert_eq!(count("focus"), [3]);
        assert_eq!(count("behaviours"), [6, 6, 6, 6, 6, 6, 7]);
        assert_eq!(count("skills"), [8]);
        assert_eq!(count("ai"), [6]);
        assert_eq!(spe.statement_count(), 80);
        assert_eq!(
            spe.sfia.as_ref().map(ToString::to_string).as_deref(),
            Some("4-5")
        );
        assert_eq!(spe.next, ["LSE"]);
        assert_eq!(spe.lateral, ["TTL"], "team lead is a move across");
    }

    fn platform_engineering() -> Framework {
        built_in()
            .into_iter()
            .find(|f| f.id == DEFAULT_FRAMEWORK)
            .expect("the default framework is built in")
    }

    /// Statement counts per section of one archetype, by section id.
    fn counts(
        framework: &Framework,
        archetype: &crate::framework::Archetype,
        section: &str,
    ) -> Vec<usize> {
        archetype
            .groups
            .iter()
            .filter(|g| framework.sections[g.section].id == section)
            .map(|g| g.statements.len())
            .collect()
    }

    /// The shape every archetype but SPE (whose shape is its seed's) keeps.
    #[test]
    fn every_archetype_has_the_sections_of_the_track_in_range() {
        let framework = platform_engineering();
        for archetype in framework.archetypes.iter().filter(|a| a.code != "SPE") {
            let code = &archetype.code;
            let responsibilities = counts(&framework, archetype, "responsibilities");
            assert!(
                (3..=5).contains(&responsibilities.len()),
                "{code}: {responsibilities:?} responsibility groups"
            );
            assert!(
                responsibilities.iter().all(|n| (4..=6).contains(n)),
                "{code}: {responsibilities:?}"
            );
            let focus: usize = counts(&framework, archetype, "focus").iter().sum();
            assert!((2..=4).contains(&focus), "{code}: {focus} focus areas");
            let behaviours = counts(&framework, archetype, "behaviours");
            assert_eq!(behaviours.len(), 7, "{code}: every behaviour category");
            assert!(
                behaviours.iter().all(|n| (5..=7).contains(n)),
                "{code}: {behaviours:?}"
            );
            let skills: usize = counts(&framework, archetype, "skills").iter().sum();
            assert!((6..=10).contains(&skills), "{code}: {skills} skills");
            let ai: usize = counts(&framework, archetype, "ai").iter().sum();
            assert!((4..=6).contains(&ai), "{code}: {ai} AI expectations");
            assert!(
                archetype
                    .summary
                    .as_deref()
                    .is_some_and(|s| s.split_whitespace().count() >= 20),
                "{code}: summary"
            );
        }
    }

    #[test]
    fn no_statement_text_is_repeated_anywhere_in_the_track() {
        let framework = platform_engineering();
        let mut seen = std::collections::HashMap::new();
        for archetype in &framework.archetypes {
            for (_, statement) in archetype.statements() {
                let key: String = statement
                    .text
                    .to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(first) = seen.insert(key, statement.id.clone()) {
                    panic!("{} repeats the text of {first}", statement.id);
                }
            }
        }
    }

    /// Codes reachable from `start` along `next` and lateral links,
    /// including `start`.
    fn reachable<'a>(framework: &'a Framework, start: &'a str) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        let mut stack = vec![start];
        while let Some(code) = stack.pop() {
            if seen.insert(code) {
                let archetype = framework.archetype(code).expect("code exists");
                stack.extend(archetype.next.iter().map(String::as_str));
                stack.extend(framework.lateral_of(archetype).map(|a| a.code.as_str()));
            }
        }
        seen
    }

    /// Every role is on a path from the graduate, up or across, and every
    /// role can be assessed against the VP (`gap --to VP`).
    #[test]
    fn the_ladder_runs_from_graduate_to_vp() {
        let framework = platform_engineering();
        let from_gpe = reachable(&framework, "GPE");
        for archetype in &framework.archetypes {
            assert!(
                from_gpe.contains(archetype.code.as_str()),
                "{} not reachable from GPE",
                archetype.code
            );
            if archetype.code != "VP" {
                assert!(
                    framework
                        .targets_from(archetype)
                        .iter()
                        .any(|target| target.code == "VP"),
                    "VP is not a target from {}",
                    archetype.code
                );
            }
        }
    }

    #[test]
    fn sfia_levels_never_decrease_along_next() {
        let framework = platform_engineering();
        for archetype in &framework.archetypes {
            let from = archetype.sfia.as_ref().expect("every role has SFIA levels");
            for next in framework.next_of(archetype) {
                let to = next.sfia.as_ref().expect("every role has SFIA levels");
                assert!(
                    to.lowest() >= from.lowest() && to.highest() >= from.highest(),
                    "{} ({from}) to {} ({to})",
                    archetype.code,
                    next.code
                );
            }
        }
    }
}
