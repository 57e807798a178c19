//! Text from files, the environment and the command line on its way to a
//! person: control characters made visible, and wrapping by display width.
//!
//! A framework, an assessment someone sent, a journal line or an argument
//! can hold terminal control sequences: `ESC ]0;...BEL` retitles a
//! terminal, `ESC [2J` clears it, OSC 52 writes the clipboard, a carriage
//! return overwrites what was printed before it. [`visible`] shows each such
//! character as an escape (`\e`, `\r`, `\u{9b}`) instead of emitting it;
//! [`terminal_safe`] does the same to a whole rendered document while
//! keeping the colour sequences the layout itself added. JSON and HTML do
//! not pass through here: JSON stays exact, HTML is escaped by type.

use std::borrow::Cow;

/// True for a character that must never reach a terminal as it is: C0
/// controls other than newline and tab, DEL, and C1 controls.
/// Also the Unicode line and paragraph separators and the bidirectional
/// overrides and isolates, which reorder what a reader sees.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` holds any character [`is_control`] is true for.
fn has_control(text: &str) -> bool {
    text.chars().any(is_control)
}

/// How a control character is shown: `\e` for ESC, `\r`, `\0`, `\a`, `\b`,
/// otherwise `\u{..}`.
fn push_escaped(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\r' => out.push_str("\\r"),
        '\0' => out.push_str("\\0"),
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        _ => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

/// `text` with every control character other than newline and tab shown
/// as an escape. Borrows when there is nothing to change, which is almost
/// always.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for text that must stay on one line (a link, a tag): line
/// breaks and tabs are shown as escapes too, so nothing in it can print a
/// line that looks like one of the report's own.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\t']) {
        return visible(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_control(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A Select Graphic Rendition sequence (`ESC [ 1 ; 31 m`) at the start
/// of `text`: colour and weight only, the one kind of sequence the layout
/// writes. Its length in bytes.
fn sgr_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("\u{1b}[")?;
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params <= 32 && rest.as_bytes().get(params) == Some(&b'm')).then_some(2 + params + 1)
}

/// A rendered document made safe for a terminal or a plain-text pipe:
/// every control character is shown as an escape, except newline, tab and,
/// when `colour` is on, colour sequences (which can change how text looks,
/// never where it goes, what the terminal is called or what it holds).
/// The last line of defence: renderers also pass file text through
/// [`visible`] where they style it.
pub fn terminal_safe(text: &str, colour: bool) -> Cow<'_, str> {
    if !has_control(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if colour
            && c == '\u{1b}'
            && let Some(len) = sgr_len(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if is_control(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// Columns `text` takes on a terminal: CJK and most emoji count two, and
/// colour sequences none.
pub fn width(text: &str) -> usize {
    // Printable ASCII, nearly every name and id: a column a byte.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    textwrap::core::display_width(text)
}

/// Wraps `text` to `width` columns, by display width and between words,
/// breaking a word only when it is longer than a whole line. Paragraphs
/// (blank lines) and line breaks in the text are kept. Linear in the
/// length of the text.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_with(text, width, true)
}

/// [`wrap`]; with `break_long` false, a word longer than the line (an id,
/// a path, a link) runs past it whole rather than being cut.
fn wrap_with(text: &str, width: usize, break_long: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for line in text.lines() {
        // A line's indentation is kept, on its continuation lines too: the
        // second line of a piece of evidence stays under the first.
        let indent = line
            .chars()
            .take_while(|c| *c == ' ')
            .count()
            .min(width / 2);
        let pad = " ".repeat(indent);
        let words = collapse(line);
        lines.extend(
            wrap_line(&words, width - indent, break_long)
                .into_iter()
                .map(|l| if l.is_empty() { l } else { format!("{pad}{l}") }),
        );
    }
    lines
}

/// One line wrapped as it is, its own spacing kept (columns laid out with
/// several spaces stay aligned on the first line).
fn wrap_line(line: &str, width: usize, break_long: bool) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(break_long);
    if line.trim().is_empty() {
        return vec![String::new()];
    }
    textwrap::wrap(line, &options)
        .into_iter()
        .map(Cow::into_owned)
        .collect()
}

/// Reflows `text` to `width` columns: paragraphs (separated by blank
/// lines) are kept, line breaks within a paragraph are not. For prose
/// written in a file, where a line break is only where the author's
/// editor wrapped.
pub fn reflow(text: &str, width: usize) -> String {
    text.split("\n\n")
        .map(|paragraph| {
            let words = collapse(paragraph);
            wrap_joined(&words, width)
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Every line of a rendered report that is wider than `width` wrapped
/// between words, its continuation lines indented as the line was. Lines
/// of a bordered table are left alone: the table fitted itself. The last
/// step for a report on a terminal or a pipe, so a long heading or a line
/// of facts never runs past the edge.
pub fn fit_lines(text: &str, width: usize) -> Cow<'_, str> {
    // No character is wider than its bytes: a line of no more bytes than
    // the width fits without counting.
    let too_wide = |line: &str| line.len() > width && self::width(line) > width;
    if !text.lines().any(too_wide) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let is_table = body.starts_with(['┌', '│', '╞', '├', '└', '╭', '╰']);
        if !too_wide(body) || is_table {
            out.push_str(line);
            continue;
        }
        let indent: String = body.chars().take_while(|c| *c == ' ').collect();
        let rest = &body[indent.len()..];
        let lines = wrap_line(rest, width.saturating_sub(indent.len()).max(1), false);
        out.push_str(
            &lines
                .iter()
                .map(|l| format!("{indent}{l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        out.push_str(newline);
    }
    Cow::Owned(out)
}

/// `text` on one line: runs of white space, line breaks among them, as
/// one space, and none at either end.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    out
}

/// [`collapse`], written at the end of `out`.
pub fn push_collapsed(out: &mut String, text: &str) {
    let mut words = text.split_whitespace();
    if let Some(first) = words.next() {
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
}

/// `text` on one line ([`collapse`]d), cut to `width` columns by display
/// width, ending in `…` when cut.
pub fn shorten(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    push_shortened(&mut out, text, width);
    out
}

/// [`shorten`], written at the end of `out`; returns its display width.
pub fn push_shortened(out: &mut String, text: &str, width: usize) -> usize {
    let start = out.len();
    push_collapsed(out, text);
    let flat = self::width(&out[start..]);
    if flat <= width {
        return flat;
    }
    let mut used = 0;
    let mut end = start;
    for (at, c) in out[start..].char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        end = start + at + c.len_utf8();
    }
    out.truncate(end);
    let kept = out[start..].trim_end().len();
    // Trailing spaces are a column each.
    used -= out.len() - (start + kept);
    out.truncate(start + kept);
    out.push('…');
    used + 1
}

/// [`wrap`], joined with newlines.
pub fn wrap_joined(text: &str, width: usize) -> String {
    wrap(text, width).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 27, item 13: a link or tag keeps to its line.
    #[test]
    fn one_line_text_shows_line_breaks_and_tabs() {
        assert_eq!(visible_line("https://x/a"), "https://x/a");
        assert_eq!(
            visible_line("https://x\n  for: lse.arch.1\t\u{1b}[2J"),
            "https://x\\n  for: lse.arch.1\\t\\e[2J"
        );
    }

    /// What lets [`fit_lines`] pass a short line without counting.
    #[test]
    fn no_character_is_wider_than_its_bytes() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert!(width(&c.to_string()) <= c.len_utf8(), "{:x}", u32::from(c));
        }
    }

    const HOSTILE: &str =
        "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{1b}]52;c;Zm9v\u{7}d\re\u{8}f\u{7f}g\u{9b}h\u{85}i";

    #[test]
    fn every_control_character_is_shown_not_sent() {
        let shown = visible(HOSTILE);
        assert!(!shown.chars().any(is_control), "{shown:?}");
        assert_eq!(
            shown,
            r"a\e]0;pwned\ab\e[2Jc\e]52;c;Zm9v\ad\re\bf\u{7f}g\u{9b}h\u{85}i"
        );
        assert_eq!(visible("line one\n\tline two"), "line one\n\tline two");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn colour_sequences_pass_only_when_colour_is_on() {
        let styled = format!("\u{1b}[1mTitle\u{1b}[0m {HOSTILE} \u{1b}[38;5;1mx\u{1b}[");
        let safe = terminal_safe(&styled, true);
        assert!(safe.starts_with("\u{1b}[1mTitle\u{1b}[0m "), "{safe:?}");
        assert_eq!(safe.matches('\u{1b}').count(), 3, "{safe:?}");
        assert!(safe.ends_with("\u{1b}[38;5;1mx\\e["), "{safe:?}");
        let plain = terminal_safe(&styled, false);
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
    }

    #[test]
    fn collapsing_leaves_one_space_between_words() {
        for (text, flat) in [
            ("Ada Lovelace", "Ada Lovelace"),
            (" Ada", "Ada"),
            ("Ada ", "Ada"),
            ("Ada  Lovelace", "Ada Lovelace"),
            ("Ada\tLovelace", "Ada Lovelace"),
            ("Ada\u{a0}\u{3000}Lovelace\n", "Ada Lovelace"),
            ("Zoë  Ω", "Zoë Ω"),
            (" ", ""),
            ("", ""),
        ] {
            assert_eq!(collapse(text), flat, "{text:?}");
        }
    }

    #[test]
    fn shortening_counts_display_width_and_joins_lines() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("abcdef ghij", 8), "abcdef…");
        assert_eq!(shorten("Bartholomew Fitzgerald", 10), "Bartholom…");
        assert_eq!(shorten("日本語のテキスト", 5), "日本…");
        assert_eq!(width(&shorten("李雷李雷李雷", 7)), 7);
        assert_eq!(width("\u{1b}[1mbold\u{1b}[0m"), 4);
        // Written after what is there, with the width it takes.
        for (text, most) in [
            ("a  b\nc", 10),
            ("abcdef ghij", 8),
            ("abcdef ghij", 7),
            ("日本語のテキスト", 5),
            ("李雷 李雷李雷", 4),
            ("", 3),
            ("abc", 0),
        ] {
            let mut out = String::from("» ");
            let used = push_shortened(&mut out, text, most);
            assert_eq!(out, format!("» {}", shorten(text, most)), "{text}");
            assert_eq!(used, width(&out) - 2, "{text}");
        }
    }

    #[test]
    fn long_lines_of_a_report_wrap_and_tables_stay_as_they_are() {
        let report = "Title\n  one two three four five six\n│ a table row that is long │\n";
        let fitted = fit_lines(report, 15);
        assert_eq!(
            fitted,
            "Title\n  one two three\n  four five six\n│ a table row that is long │\n"
        );
        assert!(matches!(fit_lines("short\n", 14), Cow::Borrowed(_)));
    }

    #[test]
    fn wrapping_counts_display_width_and_keeps_words_whole() {
        let lines = wrap("李雷 和 韩梅梅 一起 部署 了 服务", 8);
        assert!(lines.iter().all(|l| width(l) <= 8), "{lines:?}");
        let lines = wrap("deployment pipelines everywhere", 12);
        assert_eq!(lines, ["deployment", "pipelines", "everywhere"]);
        let lines = wrap("ada-spe-2026-11-25 by-grace", 20);
        assert_eq!(lines, ["ada-spe-2026-11-25", "by-grace"]);
        let lines = wrap("a supercalifragilistic word", 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(wrap("one\n\ntwo", 20), ["one", "", "two"]);
        assert_eq!(
            wrap("evidence: first\n  second line of it", 12),
            ["evidence:", "first", "  second", "  line of it"]
        );
    }
}
