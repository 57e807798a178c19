//! The frameworks shipped inside the binary, so `cargo install` gives a
//! working tool anywhere. A test loads and checks every one of them.

/// File name under `frameworks/` and its text.
pub const BUILT_IN: &[(&str, &str)] = &[(
    "platform-engineering.toml",
    include_str!("../frameworks/platform-engineering.toml"),
)];

/// The framework used when none is named.
pub const DEFAULT_FRAMEWORK: &str = "platform-engineering";

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::diagnostic::{Origin, SourceFile};
    use crate::framework::{self, Framework};

    fn built_in() -> Vec<Framework> {
        BUILT_IN
            .iter()
            .map(|(name, text)| {
                let source = SourceFile::new(Origin::BuiltIn(name), *text);
                match framework::parse(&source) {
                    Ok(framework) => framework,
                    Err(error) => panic!("{}", error.render(false)),
                }
            })
            .collect()
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
        assert_eq!(spe.next, ["LSE", "TTL"]);
    }
}
