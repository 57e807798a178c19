//! Shared fixtures for unit tests: the example framework of a different
//! shape (`examples/acme.toml`: three levels, a 1-5 scale met at 4) and
//! assessments against it.

use std::collections::BTreeMap;

use crate::assessment::{Answer, Assessment, AssessmentKind, Timestamp, format_version_for};
use crate::diagnostic::{Origin, SourceFile};
use crate::framework::Framework;

pub fn acme() -> Framework {
    let text = include_str!("../examples/acme.toml");
    crate::framework::parse(&SourceFile::new(Origin::BuiltIn("acme.toml"), text))
        .expect("the example loads")
}

/// The example's walk from E1 to E2: two categories each of two
/// statements, E1's then E2's.
pub const ACME_WALK: [&str; 8] = [
    "e1.craft.1",
    "e1.craft.2",
    "e1.impact.1",
    "e1.impact.2",
    "e2.craft.1",
    "e2.craft.2",
    "e2.impact.1",
    "e2.impact.2",
];

/// 2026-11-25 at 10:`minute` UTC.
pub fn time(minute: u32) -> Timestamp {
    format!("2026-11-25T10:{minute:02}:00+00:00")
        .parse()
        .expect("a valid time")
}

/// Ada's self assessment from E1 to E2, in progress, with these answers:
/// (statement id, rating, evidence), all given at 10:00.
pub fn assessment(answers: &[(&str, Option<u8>, Option<&str>)]) -> Assessment {
    let at = time(0);
    Assessment {
        format_version: format_version_for(AssessmentKind::Full),
        id: "ada-e1-2026-11-25".into(),
        framework: "acme-engineering".into(),
        framework_version: "2026.1".into(),
        person: "Ada".into(),
        assessor: None,
        role: "E1".into(),
        to: Some("E2".into()),
        kind: AssessmentKind::Full,
        sections: None,
        started: at,
        updated: at,
        completed: None,
        imported: None,
        notes: String::new(),
        focus: Vec::new(),
        ratings: answers
            .iter()
            .map(|(id, rating, evidence)| {
                let answer = Answer {
                    rating: *rating,
                    no_opportunity: false,
                    evidence: evidence.map(str::to_string),
                    at,
                };
                (id.to_string(), answer)
            })
            .collect::<BTreeMap<_, _>>(),
    }
}

/// The example framework with markup in the texts a user framework may
/// hold: its name, a category, a role's title, a statement and a scale
/// label.
pub fn hostile_acme() -> Framework {
    let text = include_str!("../examples/acme.toml")
        .replace(
            "name = \"Acme Engineering\"",
            "name = \"Acme <i>Engineering</i> & 'co'\"",
        )
        .replace("name = \"Craft\"", "name = \"Craft <script>x</script>\"")
        .replace(
            "title = \"Senior Engineer\"",
            "title = \"Senior <b>Engineer</b>\"",
        )
        .replace(
            "Designs a service's changes",
            "<img onerror=alert(1)> Designs a service's changes",
        )
        .replace("label = \"Expert\"", "label = \"<u>Expert</u>\"");
    crate::framework::parse(&SourceFile::new(Origin::BuiltIn("hostile.toml"), text))
        .expect("the hostile example loads")
}

/// The built-in frameworks and the example one.
pub fn catalog() -> crate::catalog::Catalog {
    let acme = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/acme.toml").to_string();
    crate::catalog::Catalog::load(None, &[acme]).expect("catalog")
}

/// A generated framework of `n` statements: roles `A` (leading to `B`)
/// and `B`, each with `n / 2` statements in 100 categories of one
/// section; ids `a.C.I` and `b.C.I`. For checking that work grows
/// linearly.
pub fn big_framework(n: usize) -> Framework {
    use crate::framework::{Archetype, Category, Group, Scale, Section, Statement};
    let categories = 100;
    let per = n / 2 / categories;
    let archetype = |code: &str, next: Vec<String>| Archetype {
        code: code.to_string(),
        title: code.to_string(),
        sfia: None,
        next,
        lateral: Vec::new(),
        retired: Vec::new(),
        core: Vec::new(),
        summary: None,
        groups: (0..categories)
            .map(|c| Group {
                section: 0,
                category: Some(c),
                name: None,
                statements: (0..per)
                    .map(|i| Statement {
                        id: format!("{}.{c}.{i}", code.to_lowercase()),
                        text: format!("Statement {i}."),
                        examples: Vec::new(),
                        met: 2,
                    })
                    .collect(),
            })
            .collect(),
    };
    Framework {
        id: "big".into(),
        name: "Big".into(),
        version: "1".into(),
        description: None,
        scale: Scale::default_scale(),
        sections: vec![Section {
            id: "s".into(),
            name: "S".into(),
            description: None,
            categories: (0..categories)
                .map(|c| Category {
                    id: format!("c{c}"),
                    name: format!("Category {c}"),
                    description: None,
                })
                .collect(),
        }],
        archetypes: vec![archetype("A", vec!["B".into()]), archetype("B", Vec::new())],
    }
}

/// Edits `path` in place as some editors do, replacing `from` with `to`
/// (of the same length), and puts the modification time back as
/// `touch -d` would: only the change time tells the file changed. Waits a
/// moment first, so that change time moves on.
pub fn edit_in_place_keeping_the_time(path: &std::path::Path, from: &str, to: &str) {
    use std::io::{Seek, Write};
    let before = std::fs::metadata(path).expect("meta");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = std::fs::read_to_string(path)
        .expect("read")
        .replace(from, to);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open");
    file.seek(std::io::SeekFrom::Start(0)).expect("seek");
    file.write_all(text.as_bytes()).expect("write");
    file.set_modified(before.modified().expect("mtime"))
        .expect("touch -d");
}
