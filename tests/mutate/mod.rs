//! Damage for the loaders' fuzz tests (`loader_fuzz`, `assessment_fuzz`,
//! `journal_fuzz`): a file cut short, a run of bytes deleted, a fragment
//! that means the most to its format inserted, a line repeated, two lines
//! swapped. Each test gives its own fragments and how far to reach.

use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    /// A fragment, by its place in the test's list, at a byte.
    Insert(usize, usize),
    RepeatLine(usize),
    SwapLines(usize, usize),
}

/// Mutations of a text of `len` bytes: deletions of up to `most` bytes,
/// one of `fragments` inserted, and lines up to `lines` repeated or
/// swapped (counted modulo the text's own lines).
pub fn mutation(
    len: usize,
    fragments: usize,
    most: usize,
    lines: usize,
) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..len).prop_map(Mutation::Truncate),
        (0..len, 1..most).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (0..len, 0..fragments).prop_map(|(at, f)| Mutation::Insert(at, f)),
        (0..lines).prop_map(Mutation::RepeatLine),
        (0..lines, 0..lines).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

/// The byte at or before `index` that starts a character.
fn floor(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// `text` with `mutation` applied; `fragments` as given to [`mutation`].
pub fn apply(text: &str, mutation: &Mutation, fragments: &[&str]) -> String {
    match *mutation {
        Mutation::Truncate(at) => text[..floor(text, at)].to_string(),
        Mutation::Delete(at, n) => {
            let (start, end) = (floor(text, at), floor(text, at + n));
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert(at, fragment) => {
            let at = floor(text, at);
            format!("{}{}{}", &text[..at], fragments[fragment], &text[at..])
        }
        Mutation::RepeatLine(line) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return text.to_string();
            }
            let line = line % lines.len();
            lines.insert(line, lines[line]);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let n = lines.len();
            if n == 0 {
                return text.to_string();
            }
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
    }
}
