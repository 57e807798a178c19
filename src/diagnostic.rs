//! Errors that point into a file: a byte span, a message, a label under the
//! offending text and a line of advice, rendered with the source line shown.
//!
//! Every loader in `rungs` (frameworks, assessments, answers files) reports its
//! problems as [`Diagnostic`]s against a [`SourceFile`], so a person always
//! sees the file, the line, the column and what to do.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// Where a piece of text came from, for messages and for `rungs frameworks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary; the name is the file name under `frameworks/`.
    BuiltIn(&'static str),
    /// Read from a file on disk.
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn(name) => write!(f, "<built-in>/{name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// The full text of a file together with where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub origin: Origin,
    pub text: String,
}

impl SourceFile {
    pub fn new(origin: Origin, text: impl Into<String>) -> Self {
        SourceFile {
            origin,
            text: text.into(),
        }
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte range of the offending text. Always present: a problem with no
    /// better place points at the start or the end of the file.
    pub span: Range<usize>,
    /// What is wrong, as a sentence fragment: "unknown section `skils`".
    pub message: String,
    /// A short note shown under the offending text.
    pub label: String,
    /// What to do about it, if there is more to say than the message.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            label: String::new(),
            help: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Builds a diagnostic from a TOML syntax or shape error.
    pub fn from_toml(error: &toml::de::Error, source: &SourceFile) -> Self {
        let end = source.text.len();
        let span = error.span().unwrap_or(end..end);
        let message = error.message().trim_end().to_string();
        let help = toml_help(&message);
        let mut diagnostic = Diagnostic::new(span, message);
        diagnostic.help = help;
        diagnostic
    }
}

/// Advice for the TOML errors people hit most often.
fn toml_help(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        // "unknown field `nxt`, expected one of `code`, `title`, ..."
        let mut names = message.split('`').skip(1).step_by(2);
        let unknown = names.next().unwrap_or_default();
        Some(match crate::suggest::nearest(unknown, names) {
            Some(near) => crate::suggest::did_you_mean(Some(&near), ""),
            None => "remove the key or fix its spelling; the accepted keys are listed above".into(),
        })
    } else if message.starts_with("missing field") {
        Some("add the field to this table; frameworks/README.md describes every field".into())
    } else if message.contains("duplicate key") {
        Some("each key may appear once per table; remove or rename one of them".into())
    } else {
        None
    }
}

/// The conflict git leaves in a file changed on both sides of a merge:
/// a `<<<<<<<` line, then `=======`, then `>>>>>>>`, each at the start of
/// a line. A file holding one is never read as half of each side: it is
/// reported at the first marker, naming the lines of all three.
pub fn merge_conflict(source: &SourceFile) -> Option<Diagnostic> {
    let text = &source.text;
    // Cheap first: nearly every file has no `<<<<<<<` at all.
    if !text.starts_with("<<<<<<<") && !text.contains("\n<<<<<<<") {
        return None;
    }
    let mut offset = 0;
    let mut ours = None;
    let mut middle = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let bare = line.trim_end_matches(['\n', '\r']);
        let is = |mark: &str| {
            bare.strip_prefix(mark)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        };
        match (ours.clone(), middle) {
            (None, _) if is("<<<<<<<") => ours = Some(start..start + bare.len()),
            (Some(_), None) if bare == "=======" => middle = Some(start),
            (Some(first), Some(middle)) if is(">>>>>>>") => {
                let line_of = |at: usize| source.line_col(at).0;
                let (a, b, c) = (line_of(first.start), line_of(middle), line_of(start));
                return Some(
                    Diagnostic::new(
                        first,
                        "git left a merge conflict in this file: it was changed on both sides",
                    )
                    .label(format!(
                        "one side from line {a} to line {b}, the other from line {b} to line {c}"
                    ))
                    .help(
                        "keep one side with `rungs git checkout --ours FILE` (or `--theirs`), or \
                         edit the file to keep one side's lines and remove the three marker lines; \
                         then `rungs git add FILE` and `rungs git commit`",
                    ),
                );
            }
            _ => {}
        }
    }
    None
}

/// What kind of file a problem was found in, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Framework,
    Assessment,
    Answers,
    State,
    /// A spreadsheet or page being imported as a framework.
    Ladder,
    Journal,
    /// A cache kept in the cache directory (the summary index, parsed
    /// journal months).
    Cache,
    /// Evidence written in the person's editor.
    Evidence,
}

impl FileKind {
    /// "assessment files", for messages about limits.
    pub fn plural(self) -> &'static str {
        match self {
            FileKind::Framework => "frameworks",
            FileKind::Assessment => "assessment files",
            FileKind::Answers => "answers files",
            FileKind::State => "settings files",
            FileKind::Cache => "cache files",
            FileKind::Ladder => "ladders to import",
            FileKind::Journal => "journal files",
            FileKind::Evidence => "evidence written in the editor",
        }
    }

    /// "an assessment file".
    pub fn article(self) -> String {
        match self {
            FileKind::Framework => "a framework".into(),
            FileKind::Assessment => "an assessment file".into(),
            FileKind::Answers => "an answers file".into(),
            other => format!("a {other}"),
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Framework => "framework",
            FileKind::Assessment => "assessment file",
            FileKind::Answers => "answers file",
            FileKind::State => "settings file",
            FileKind::Ladder => "ladder to import",
            FileKind::Journal => "journal file",
            FileKind::Cache => "cache file",
            FileKind::Evidence => "evidence file",
        })
    }
}

/// Everything wrong with one file: its text and every problem found.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} is not a valid {kind} ({} {})", .source_file.origin, .diagnostics.len(), if .diagnostics.len() == 1 { "error" } else { "errors" })]
pub struct InvalidFile {
    pub kind: FileKind,
    pub source_file: SourceFile,
    /// Never empty.
    pub diagnostics: Vec<Diagnostic>,
}

impl InvalidFile {
    pub fn new(kind: FileKind, source: &SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        InvalidFile {
            kind,
            source_file: source.clone(),
            diagnostics,
        }
    }

    /// Every problem with its source line, then a one-line summary.
    pub fn render(&self, colour: bool) -> String {
        let mut out = render(&self.source_file, &self.diagnostics, colour);
        out.push_str(&format!("error: {self}"));
        out
    }

    /// One-based line and column of every problem.
    pub fn locations(&self) -> Vec<(usize, usize)> {
        self.diagnostics
            .iter()
            .map(|d| self.source_file.line_col(d.span.start))
            .collect()
    }
}

/// Renders diagnostics the way rustc does: a title, the file, line and
/// column, the source line with the offending text underlined, then advice.
pub fn render(source: &SourceFile, diagnostics: &[Diagnostic], colour: bool) -> String {
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path = source.origin.to_string();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let span = clamp_span(&source.text, diagnostic.span.clone());
        let mut annotation = AnnotationKind::Primary.span(span);
        if !diagnostic.label.is_empty() {
            annotation = annotation.label(diagnostic.label.as_str());
        }
        let mut group = Level::ERROR
            .primary_title(diagnostic.message.as_str())
            .element(
                Snippet::source(source.text.as_str())
                    .path(path.as_str())
                    .annotation(annotation),
            );
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// Keeps a span inside the text and on character boundaries, so a span from
/// a damaged file can never make the renderer panic.
fn clamp_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new(Origin::File("f.toml".into()), text)
    }

    #[test]
    fn a_merge_conflict_is_found_with_its_three_lines() {
        let text = "format_version = 1\n<<<<<<< HEAD\nrole = \"SPE\"\n=======\nrole = \"LSE\"\n>>>>>>> 1a2b3c4 (Grace's view)\n";
        let file = source(text);
        let found = merge_conflict(&file).expect("a conflict");
        assert_eq!(file.line_col(found.span.start), (2, 1));
        assert_eq!(&text[found.span.clone()], "<<<<<<< HEAD");
        assert_eq!(
            found.label,
            "one side from line 2 to line 4, the other from line 4 to line 6"
        );
        // Half a conflict, or markers not at the start of a line, are not one.
        for text in [
            "a = 1\n<<<<<<< HEAD\nb = 2\n",
            "a = \"<<<<<<< HEAD\"\n=======\n>>>>>>> x\n",
            "<<<<<<<< HEAD\n=======\n>>>>>>> x\n",
            "a = 1\n",
        ] {
            assert_eq!(merge_conflict(&source(text)), None, "{text}");
        }
        // Windows line ends, and a conflict at the very start.
        let crlf = "<<<<<<< ours\r\na = 1\r\n=======\r\na = 2\r\n>>>>>>> theirs\r\n";
        assert!(merge_conflict(&source(crlf)).is_some());
    }

    #[test]
    fn line_col_counts_from_one_and_in_characters() {
        let file = source("a = 1\nbé = 2\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(6), (2, 1));
        // The `=` after a two-byte character is the fourth character.
        assert_eq!(file.line_col(10), (2, 4));
        assert_eq!(file.line_col(999), (3, 1));
    }

    #[test]
    fn render_names_file_line_and_column() {
        let file = source("id = \"x\"\nnxt = 1\n");
        let diagnostic = Diagnostic::new(9..12, "unknown field `nxt`")
            .label("not a framework key")
            .help("did you mean `next`?");
        let text = render(&file, &[diagnostic], false);
        assert!(text.contains("error: unknown field `nxt`"), "{text}");
        assert!(text.contains("f.toml:2:1"), "{text}");
        assert!(text.contains("nxt = 1"), "{text}");
        assert!(text.contains("help: did you mean `next`?"), "{text}");
    }

    #[test]
    fn render_survives_spans_outside_the_text() {
        let file = source("é");
        let diagnostic = Diagnostic::new(1..50, "odd");
        let text = render(&file, &[diagnostic], false);
        assert!(text.contains("odd"));
    }
}
