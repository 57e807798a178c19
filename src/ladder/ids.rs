//! Ids of an imported ladder, derived from its structure so that importing
//! the same sheet twice gives the same file, and importing an edited sheet
//! keeps the ids of the statements that did not change.
//!
//! The rule:
//!
//! - a section's id is the slug of its name; a category's, the slug of its
//!   heading (unique within its section: a repeat gets `-2`, `-3`);
//! - an archetype's code is the one the source gives (a column, a `Code:`
//!   line, a leading `E3` in the title), else the initials of its title
//!   (`Senior Platform Engineer` is `SPE`, or the code of that shape the
//!   page lists, such as `HoE`), else `L` and its position;
//! - a statement's id is `<code>.<group>.<n>`: the code in lower case, the
//!   slug of its group's heading (of its section's name in a flat list;
//!   prefixed with the section's slug when two sections of one archetype
//!   have groups of that name) and its position in the group from 1.
//!
//! Slugs are lower-case ASCII: other scripts are transliterated
//! (`deunicode`: "学习" becomes `xue-xi`), and a name with nothing left
//! becomes `x` and a short FNV-1a hash of the name, which is stable across
//! builds and platforms.
//!
//! When the output file already exists, it is the previous import: see
//! [`reconcile`] for how its ids are kept.

use std::collections::{HashMap, HashSet};

/// Longest slug used inside an id, so ids leave room for the text.
const SLUG_MAX: usize = 24;

/// Lower-case ASCII letters and digits, other runs as one `-`, at most
/// [`SLUG_MAX`] characters (cut at a `-` when there is one).
pub fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > SLUG_MAX {
        // Small words go first: "stewardship-of-the-internal-..." keeps
        // the words that tell groups apart.
        let kept: Vec<&str> = slug
            .split('-')
            .filter(|w| !SMALL_WORDS.contains(w))
            .collect();
        if !kept.is_empty() {
            slug = kept.join("-");
        }
    }
    if slug.len() > SLUG_MAX {
        let cut = slug[..=SLUG_MAX]
            .rfind('-')
            .filter(|&i| i >= 8)
            .unwrap_or(SLUG_MAX);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        format!("x{:08x}", fnv1a(text.as_bytes()))
    } else {
        slug
    }
}

/// 32-bit FNV-1a: a named, stable hash (a `DefaultHasher` value changes
/// between Rust releases).
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in bytes {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// The slugs given so far in one namespace, and the next number to try
/// for each, so a thousand groups of one name take a thousand steps.
#[derive(Debug, Default)]
pub struct Taken {
    given: HashSet<String>,
    next: HashMap<String, usize>,
}

/// A slug not yet in `taken`: `slug`, else `slug-2`, `slug-3`...
pub fn unique(slug: String, taken: &mut Taken) -> String {
    if taken.given.insert(slug.clone()) {
        return slug;
    }
    let n = taken.next.entry(slug.clone()).or_insert(1);
    loop {
        *n += 1;
        let candidate = format!("{slug}-{n}");
        if taken.given.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// True for a token that reads as a role code: `E3`, `L10`, `SPE`, `HoE`,
/// `IC2`: 1 to 6 ASCII letters and digits, starting with a letter, with
/// at least two capitals or a digit.
pub fn looks_like_code(token: &str) -> bool {
    let valid = (1..=6).contains(&token.len())
        && token.chars().all(|c| c.is_ascii_alphanumeric())
        && token
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
    let capitals = token.chars().filter(char::is_ascii_uppercase).count();
    let digits = token.chars().any(|c| c.is_ascii_digit());
    valid && (capitals >= 2 || (digits && capitals >= 1))
}

/// True for a code the framework loader accepts: letters, digits, `.`,
/// `-` and `_`, starting with a letter or digit, at most 20 characters.
pub fn valid_code(code: &str) -> bool {
    (1..=20).contains(&code.len())
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Splits a leading or trailing code off a level's title: `E3 Staff
/// Engineer`, `E3 - Staff Engineer`, `Staff Engineer (E3)`.
pub fn split_code(title: &str) -> (Option<String>, String) {
    let (code, title, _) = split_code_note(title);
    (code, title)
}

/// [`split_code`], and a note after a comma that is not a title: a header
/// `E1, ~ 1 yr` is the level `E1` with the note `~ 1 yr`.
pub fn split_code_note(title: &str) -> (Option<String>, String, Option<String>) {
    let title = title.trim();
    if let Some(inner) = title
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .filter(|(_, code)| looks_like_code(code.trim()))
    {
        let (rest, code) = inner;
        let rest = rest.trim();
        if !rest.is_empty() {
            return (Some(code.trim().to_string()), rest.to_string(), None);
        }
    }
    // "Level 3: Senior", "Level 3 - Senior": the code `L3`.
    if let Some(rest) = title
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("level "))
        .map(|_| &title[6..])
    {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest[digits.len()..].trim_start();
        if let Some(name) = after.strip_prefix([':', '-', '–', '—', '·', '|'])
            && !digits.is_empty()
            && digits.len() <= 3
            && !name.trim().is_empty()
        {
            return (Some(format!("L{digits}")), name.trim().to_string(), None);
        }
    }
    let mut parts = title.splitn(2, char::is_whitespace);
    let raw_first = parts.next().unwrap_or_default();
    let first = raw_first.trim_end_matches([':', '-', '—', '–', '.', ',', ';']);
    if looks_like_code(first) {
        let rest = parts
            .next()
            .unwrap_or_default()
            .trim()
            .trim_start_matches([':', '-', '—', '–', '·', '|'])
            .trim();
        if raw_first.ends_with([',', ';']) && !rest.is_empty() {
            return (
                Some(first.to_string()),
                first.to_string(),
                Some(rest.to_string()),
            );
        }
        let rest = if rest.is_empty() { first } else { rest };
        return (Some(first.to_string()), rest.to_string(), None);
    }
    (None, title.to_string(), None)
}

/// The value of a roman numeral word, I to XII, in capitals.
pub fn roman(word: &str) -> Option<u32> {
    const NUMERALS: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    NUMERALS
        .iter()
        .position(|n| *n == word)
        .map(|i| i as u32 + 1)
}

/// Words that name a rung of a ladder, lower case: a heading or a cell
/// that holds one (as a word) reads as a level.
const LEVEL_WORDS: [&str; 32] = [
    "intern",
    "apprentice",
    "graduate",
    "trainee",
    "entry",
    "associate",
    "junior",
    "jr",
    "mid",
    "midlevel",
    "intermediate",
    "senior",
    "sr",
    "staff",
    "principal",
    "lead",
    "head",
    "distinguished",
    "fellow",
    "director",
    "vp",
    "chief",
    "level",
    "grade",
    "rung",
    "tier",
    "stufe",
    "niveau",
    "nivel",
    "livello",
    "poziom",
    "band",
];

/// Level words of scripts without spaces between words, found anywhere
/// in a name: Japanese, Korean and Chinese.
const CJK_LEVEL_WORDS: [&str; 36] = [
    "ジュニア",
    "シニア",
    "ミドル",
    "リード",
    "プリンシパル",
    "スタッフ",
    "エキスパート",
    "レベル",
    "等級",
    "グレード",
    "初級",
    "中級",
    "上級",
    "主任",
    "主席",
    "新卒",
    "주니어",
    "시니어",
    "미드",
    "리드",
    "스태프",
    "프린시펄",
    "레벨",
    "등급",
    "초급",
    "중급",
    "고급",
    "수석",
    "책임",
    "선임",
    "初级",
    "中级",
    "高级",
    "资深",
    "专家",
    "职级",
];

/// True for a heading or cell that reads as a level of a ladder: a code
/// with a digit (`E4`, `L3`, `IC2`), a number or roman numeral as a word
/// (`Developer 3`, `Engineer II`), a level word (`Senior`, `Staff`,
/// `Principal`, `Lead`), or one in Japanese, Korean or Chinese.
pub fn looks_like_level(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 80 {
        return false;
    }
    if CJK_LEVEL_WORDS.iter().any(|w| text.contains(w)) {
        return true;
    }
    text.split(|c: char| !c.is_alphanumeric()).any(|word| {
        if word.is_empty() {
            return false;
        }
        let digit_code = looks_like_code(word) && word.chars().any(|c| c.is_ascii_digit());
        let number = word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit());
        let lower = word.to_lowercase();
        digit_code
            || number
            || (roman(word).is_some() && word != "I" || word == "I" && text.ends_with(" I"))
            || LEVEL_WORDS.contains(&lower.as_str())
    })
}

/// Words left out of initials: "Head of Engineering" is `HE` before it is
/// matched to a listed `HoE`.
const SMALL_WORDS: [&str; 12] = [
    "of", "and", "the", "for", "to", "a", "an", "de", "der", "und", "du", "la",
];

/// The code derived from a title: a listed code whose capitals are its
/// initials, else the initials when there are 2 to 5, else none. A number
/// or a roman numeral is kept whole, as digits: "Software Engineer II" is
/// `SE2`, "Developer 4" is `D4`, "Principal I" is `P1`.
pub fn initials_code(title: &str, listed: &[String]) -> Option<String> {
    // Initials of a transliteration ("스태프 엔지니어" is "seutaepeu
    // enjinieo") mean nothing to its readers: letters of other scripts
    // give no initials.
    let letters = title.chars().filter(|c| c.is_alphabetic()).count();
    let latin = title
        .chars()
        .filter(|c| c.is_alphabetic() && (c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(c)))
        .count();
    if latin * 2 < letters {
        return None;
    }
    let ascii = deunicode::deunicode(title);
    let initials: String = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty() && !SMALL_WORDS.contains(&word.to_lowercase().as_str()))
        .map(|word| {
            if let Some(value) = roman(word) {
                value.to_string()
            } else if word.chars().all(|c| c.is_ascii_digit()) {
                word.trim_start_matches('0')
                    .chars()
                    .take(3)
                    .collect::<String>()
            } else {
                word.chars()
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string())
                    .unwrap_or_default()
            }
        })
        .collect();
    if let Some(code) = listed.iter().find(|code| {
        let capitals: String = code
            .chars()
            .filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            .collect();
        capitals == initials || code.eq_ignore_ascii_case(&initials)
    }) {
        return Some(code.clone());
    }
    let digits = initials.chars().filter(char::is_ascii_digit).count();
    let letters = initials.len() - digits;
    ((2..=5).contains(&initials.len()) && letters >= 1)
        .then_some(initials)
        .filter(|i| {
            i.chars().all(|c| c.is_ascii_alphanumeric())
                && i.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        })
}

/// A statement's place in the imported ladder, for reconciling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub code: String,
    /// `<code>.<group>.`: the id without its number.
    pub prefix: String,
    pub number: usize,
    pub text: String,
}

impl Slot {
    pub fn structural_id(&self) -> String {
        format!("{}{}", self.prefix, self.number)
    }
}

/// What reconciling did, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// The id of each slot, in order.
    pub ids: Vec<String>,
    /// Slots whose text is unchanged: they keep their id, wherever they moved.
    pub same_text: usize,
    /// Slots whose text changed at a place that had an id: they keep that
    /// id, as a rewording (listed as a guess, by index).
    pub reworded: Vec<usize>,
    /// Slots given a new id.
    pub new: usize,
}

/// Gives every slot an id, keeping the ids of a previous import where the
/// statement is still there:
///
/// 1. a statement of an archetype with the same code and the same text
///    (ignoring case and spacing) keeps its id, wherever it moved;
/// 2. otherwise, a statement at a place whose structural id the previous
///    import had, not kept by another statement, keeps it: a rewording;
/// 3. the rest get their structural id, or the next free number of their
///    group when that id is taken or was retired: an id is never reused.
///
/// `retired` holds the ids the previous import listed as retired: neither
/// a rewording nor a new statement takes one. Without a previous import
/// every slot gets its structural id.
pub fn reconcile(
    slots: &[Slot],
    previous: &[(String, String, String)],
    retired: &HashSet<String>,
) -> Reconciled {
    let normal = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    // previous: (code, id, text)
    let mut by_text: HashMap<(String, String), std::collections::VecDeque<&str>> = HashMap::new();
    let mut old_ids: HashSet<&str> = HashSet::new();
    for (code, id, text) in previous {
        by_text
            .entry((code.to_uppercase(), normal(text)))
            .or_default()
            .push_back(id.as_str());
        old_ids.insert(id.as_str());
    }
    let mut result = Reconciled {
        ids: vec![String::new(); slots.len()],
        ..Reconciled::default()
    };
    let mut claimed: HashSet<String> = HashSet::new();
    for (i, slot) in slots.iter().enumerate() {
        let key = (slot.code.to_uppercase(), normal(&slot.text));
        if let Some(ids) = by_text.get_mut(&key)
            && !ids.is_empty()
        {
            // Ids of one text, in file order: taken from the front.
            let id = ids.pop_front().unwrap_or_default().to_string();
            claimed.insert(id.clone());
            result.ids[i] = id;
            result.same_text += 1;
        }
    }
    for (i, slot) in slots.iter().enumerate() {
        if !result.ids[i].is_empty() {
            continue;
        }
        let id = slot.structural_id();
        if old_ids.contains(id.as_str()) && !claimed.contains(&id) {
            claimed.insert(id.clone());
            result.ids[i] = id;
            result.reworded.push(i);
        }
    }
    let mut last_given: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, slot) in slots.iter().enumerate() {
        if !result.ids[i].is_empty() {
            continue;
        }
        // Numbers of a group's slots rise, and every number from the
        // group's previous new slot up to the id it was given was taken
        // then: start above it, so a group of many new statements is not
        // quadratic. A lower number starts another group of that prefix.
        let start = match last_given.get(slot.prefix.as_str()) {
            Some(&(from, given)) if from < slot.number => slot.number.max(given + 1),
            _ => slot.number,
        };
        let mut number = start;
        let mut id = format!("{}{number}", slot.prefix);
        while claimed.contains(&id) || old_ids.contains(id.as_str()) || retired.contains(&id) {
            number += 1;
            id = format!("{}{number}", slot.prefix);
        }
        last_given.insert(slot.prefix.as_str(), (slot.number, number));
        claimed.insert(id.clone());
        result.ids[i] = id;
        result.new += 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_ascii_and_transliterated() {
        assert_eq!(slug("Learning & Growth"), "learning-growth");
        assert_eq!(slug("  Qualität & Handwerk "), "qualitat-handwerk");
        assert_eq!(slug("学习"), "xue-xi");
        assert_eq!(
            slug("Internal Developer Platform Ownership"),
            "internal-developer"
        );
        assert!(slug("Internal Developer Platform Ownership").len() <= SLUG_MAX);
    }

    #[test]
    fn a_name_with_nothing_to_transliterate_gets_a_stable_hash() {
        let a = slug("—·—");
        assert_eq!(a, slug("—·—"));
        assert!(a.starts_with('x') && a.len() == 9, "{a}");
        assert_ne!(a, slug("·"));
        // FNV-1a of "a", from the published test vectors.
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
    }

    #[test]
    fn codes_come_from_the_title_or_its_initials() {
        assert_eq!(
            split_code("E3 - Staff Engineer"),
            (Some("E3".into()), "Staff Engineer".into())
        );
        assert_eq!(
            split_code("Staff Engineer (IC3)"),
            (Some("IC3".into()), "Staff Engineer".into())
        );
        assert_eq!(
            split_code("Senior Engineer"),
            (None, "Senior Engineer".into())
        );
        assert_eq!(
            initials_code("Senior Platform Engineer", &[]),
            Some("SPE".into())
        );
        let listed = vec!["HoE".to_string(), "VP".to_string()];
        assert_eq!(
            initials_code("Head of Engineering", &listed),
            Some("HoE".into())
        );
        assert_eq!(
            initials_code("Engineer", &[]),
            None,
            "one letter is too short"
        );
    }

    #[test]
    fn level_names_are_recognised_in_any_script() {
        for level in [
            "D3 - Developer 3",
            "Engineer II",
            "Senior Programmer",
            "Staff",
            "Level 4",
            "시니어 엔지니어",
            "シニアエンジニア",
            "高级工程师",
            "Principal I",
        ] {
            assert!(looks_like_level(level), "{level}");
        }
        for other in [
            "Behaviours",
            "AI & automation",
            "Skills",
            "What I do",
            "Overview",
        ] {
            assert!(!looks_like_level(other), "{other}");
        }
    }

    #[test]
    fn numerals_are_kept_whole_in_codes_and_notes_split_off() {
        assert_eq!(
            initials_code("Software Engineer II", &[]),
            Some("SE2".into())
        );
        assert_eq!(initials_code("Principal I", &[]), Some("P1".into()));
        assert_eq!(initials_code("Data Scientist 4", &[]), Some("DS4".into()));
        assert_eq!(initials_code("시니어 엔지니어", &[]), None);
        assert_eq!(
            split_code_note("E1, ~ 1 yr"),
            (Some("E1".into()), "E1".into(), Some("~ 1 yr".into()))
        );
        assert!(valid_code("IC2") && !valid_code("Running what we build."));
        assert_eq!(
            split_code("Level 2: Practitioner"),
            (Some("L2".into()), "Practitioner".into())
        );
    }

    fn slot(code: &str, prefix: &str, number: usize, text: &str) -> Slot {
        Slot {
            code: code.into(),
            prefix: prefix.into(),
            number,
            text: text.into(),
        }
    }

    fn old(id: &str, text: &str) -> (String, String, String) {
        ("E1".into(), id.into(), text.into())
    }

    #[test]
    fn without_a_previous_import_ids_are_structural() {
        let slots = [
            slot("E1", "e1.craft.", 1, "A"),
            slot("E1", "e1.craft.", 2, "B"),
        ];
        assert_eq!(
            reconcile(&slots, &[], &HashSet::new()).ids,
            ["e1.craft.1", "e1.craft.2"]
        );
    }

    #[test]
    fn an_insertion_keeps_the_ids_of_unchanged_statements() {
        // Before: A, B. Now: A, new, B (B moved to position 3), and C
        // reworded in place of a retired id.
        let previous = [
            old("e1.craft.1", "A"),
            old("e1.craft.2", "B"),
            old("e1.craft.9", "retired"),
        ];
        let slots = [
            slot("E1", "e1.craft.", 1, "a "),
            slot("E1", "e1.craft.", 2, "New"),
            slot("E1", "e1.craft.", 3, "B"),
        ];
        let result = reconcile(&slots, &previous, &HashSet::new());
        assert_eq!(result.ids, ["e1.craft.1", "e1.craft.3", "e1.craft.2"]);
        assert_eq!((result.same_text, result.new), (2, 1));
        assert!(result.reworded.is_empty());
    }

    #[test]
    fn a_rewording_in_place_keeps_its_id_and_retired_ids_are_not_reused() {
        let previous = [
            old("e1.craft.1", "A"),
            old("e1.craft.2", "B"),
            old("e1.craft.3", "C"),
        ];
        let slots = [
            slot("E1", "e1.craft.", 1, "A"),
            slot("E1", "e1.craft.", 2, "B, said better"),
            slot("E1", "e1.craft.", 3, "D"),
            slot("E1", "e1.craft.", 4, "E"),
        ];
        let result = reconcile(
            &slots,
            &[previous[0].clone(), previous[1].clone()],
            &HashSet::new(),
        );
        assert_eq!(
            result.ids,
            ["e1.craft.1", "e1.craft.2", "e1.craft.3", "e1.craft.4"]
        );
        assert_eq!(result.reworded, [1]);
        // With C retired (in the previous file, gone now), D may not take
        // e1.craft.3 as a new statement: it is taken as C reworded instead,
        // which the report lists for a person to confirm.
        let result = reconcile(&slots[..1], &previous, &HashSet::new());
        assert_eq!(result.ids, ["e1.craft.1"]);
        let only_new = [slot("E1", "e1.craft.", 2, "Z")];
        let result = reconcile(
            &only_new,
            &[old("e1.craft.2", "B"), old("e1.craft.3", "C")],
            &HashSet::new(),
        );
        assert_eq!(result.ids, ["e1.craft.2"], "a rewording of B");
        let result = reconcile(
            &[
                slot("E1", "e1.craft.", 1, "B"),
                slot("E1", "e1.craft.", 2, "Z"),
            ],
            &[old("e1.craft.1", "A"), old("e1.craft.2", "B")],
            &HashSet::new(),
        );
        // B keeps .2; Z's place (.2) is taken; .1 was A's and is retired.
        assert_eq!(result.ids, ["e1.craft.2", "e1.craft.3"]);
    }

    #[test]
    fn an_id_the_previous_import_retired_is_never_given_again() {
        let retired: HashSet<String> = ["e1.craft.2".to_string(), "e1.craft.3".to_string()]
            .into_iter()
            .collect();
        let slots = [
            slot("E1", "e1.craft.", 1, "A"),
            slot("E1", "e1.craft.", 2, "New"),
        ];
        let result = reconcile(&slots, &[old("e1.craft.1", "A")], &retired);
        assert_eq!(result.ids, ["e1.craft.1", "e1.craft.4"]);
        assert!(result.reworded.is_empty(), "a retired id is no rewording");
    }
}
