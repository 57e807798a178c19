//! One line of text typed at a prompt: the editing (as a state machine
//! tests drive with keys) and its drawing on the terminal. Enter accepts,
//! Esc cancels, Ctrl-C interrupts; the usual movement and deletion keys
//! work, and a line longer than the terminal wraps and redraws whole.
//!
//! A line may have an *earlier* text (the evidence given before): it is
//! never put on the line unasked, so nothing typed is joined to it
//! unseen. ↑ brings it onto the line, to keep with Enter or to edit; ↓
//! goes back to what was typed.

use console::{Key, Term};
use unicode_width::UnicodeWidthChar;

use crate::error::Error;
use crate::text;

/// The text being typed and where the cursor is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    chars: Vec<char>,
    cursor: usize,
    /// What ↑ brings onto the line.
    earlier: Option<String>,
    /// What was typed before ↑, for ↓.
    typed: Option<Vec<char>>,
    /// ↑ chose an earlier text over several lines, which one line cannot
    /// show: Enter keeps it whole.
    whole: bool,
}

/// What a key did to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Continue,
    /// Enter: the line as it is.
    Done,
    /// Esc: leave everything as it was.
    Cancel,
    /// Ctrl-C.
    Interrupt,
}

/// Control characters shown as escapes and tabs as spaces, so what is on
/// screen is what is edited.
fn shown(text: &str) -> Vec<char> {
    text::visible(text).replace('\t', " ").chars().collect()
}

impl Line {
    /// A line starting with `initial`, the cursor at its end. Control
    /// characters are shown as escapes and tabs as spaces, so what is on
    /// screen is what is edited.
    pub fn new(initial: &str) -> Line {
        let chars = shown(initial);
        Line {
            cursor: chars.len(),
            chars,
            earlier: None,
            typed: None,
            whole: false,
        }
    }

    /// An empty line with `earlier` one ↑ away.
    pub fn with_earlier(earlier: Option<&str>) -> Line {
        Line {
            earlier: earlier.map(str::to_string),
            ..Line::new("")
        }
    }

    /// What Enter gives: the line as typed, or the earlier text whole.
    pub fn text(&self) -> String {
        match (&self.earlier, self.whole) {
            (Some(earlier), true) => earlier.clone(),
            _ => self.chars.iter().collect(),
        }
    }

    /// What the screen shows of the line.
    pub fn display(&self) -> String {
        match (&self.earlier, self.whole) {
            (Some(earlier), true) => {
                let lines = earlier.lines().count();
                format!("(kept as it was: {lines} lines; e on the statement edits them)")
            }
            _ => self.chars.iter().collect(),
        }
    }

    /// Columns before the cursor.
    fn cursor_width(&self) -> usize {
        self.chars[..self.cursor]
            .iter()
            .map(|c| c.width().unwrap_or(0))
            .sum()
    }

    pub fn key(&mut self, key: &Key) -> Edit {
        if self.whole && !matches!(key, Key::Enter | Key::Escape | Key::CtrlC) {
            // Anything but Enter leaves the earlier text of several lines
            // for what was typed.
            self.whole = false;
            if matches!(key, Key::ArrowDown) {
                return Edit::Continue;
            }
        }
        match key {
            Key::Enter => return Edit::Done,
            Key::Escape => return Edit::Cancel,
            Key::CtrlC => return Edit::Interrupt,
            // Ctrl-U: everything before the cursor.
            Key::Char('\u{15}') => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            // Ctrl-K: everything from the cursor.
            Key::Char('\u{b}') => self.chars.truncate(self.cursor),
            // Ctrl-W: the word before the cursor.
            Key::Char('\u{17}') => {
                let mut start = self.cursor;
                while start > 0 && self.chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && self.chars[start - 1] != ' ' {
                    start -= 1;
                }
                self.chars.drain(start..self.cursor);
                self.cursor = start;
            }
            Key::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, *c);
                self.cursor += 1;
            }
            Key::Tab => {
                self.chars.insert(self.cursor, ' ');
                self.cursor += 1;
            }
            Key::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Key::Del if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::ArrowLeft => self.cursor = self.cursor.saturating_sub(1),
            Key::ArrowRight => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            Key::ArrowUp => {
                if let Some(earlier) = &self.earlier {
                    if self.typed.is_none() {
                        self.typed = Some(self.chars.clone());
                    }
                    if earlier.contains('\n') {
                        self.whole = true;
                    } else {
                        self.chars = shown(earlier);
                        self.cursor = self.chars.len();
                    }
                }
            }
            Key::ArrowDown => {
                if let Some(typed) = self.typed.take() {
                    self.chars = typed;
                    self.cursor = self.chars.len();
                }
            }
            _ => {}
        }
        Edit::Continue
    }
}

/// Asks for one line on `term`, starting from `initial`: the text on
/// Enter, `None` on Esc, [`Error::Interrupted`] on Ctrl-C.
pub fn read_line(term: &Term, prompt: &str, line: Line) -> Result<Option<String>, Error> {
    // The prompt may carry the layout's own colour; anything else that
    // is not text is shown, never sent.
    let prompt = text::terminal_safe(prompt, true).replace('\t', " ");
    let prompt_width = text::width(&prompt);
    let mut line = line;
    // Rows between the first row of the prompt and the cursor's row.
    let mut above = 0;
    loop {
        let columns = usize::from(term.size().1).max(10);
        if above > 0 {
            term.move_cursor_up(above)?;
        }
        let shown = line.display();
        let mut out = format!("\r\u{1b}[J{prompt}{shown}");
        let total = prompt_width + text::width(&shown);
        // At an exact multiple of the width the terminal waits to wrap:
        // make it wrap, so the cursor's row is known.
        if total > 0 && total.is_multiple_of(columns) {
            out.push_str(" \r");
        }
        term.write_str(&out)?;
        let end_row = total / columns;
        let at = prompt_width
            + if line.whole {
                text::width(&shown)
            } else {
                line.cursor_width()
            };
        let (row, column) = (at / columns, at % columns);
        if end_row > row {
            term.move_cursor_up(end_row - row)?;
        }
        term.write_str("\r")?;
        if column > 0 {
            term.move_cursor_right(column)?;
        }
        term.flush()?;
        above = row;
        let key = term.read_key_raw()?;
        match line.key(&key) {
            Edit::Continue => {}
            edit => {
                if end_row > row {
                    term.move_cursor_down(end_row - row)?;
                }
                term.write_str("\r\n")?;
                term.flush()?;
                return match edit {
                    Edit::Done => Ok(Some(line.text())),
                    Edit::Cancel => Ok(None),
                    _ => Err(Error::Interrupted(String::new())),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(initial: &str, keys: &[Key]) -> (String, Edit) {
        let mut line = Line::new(initial);
        let mut last = Edit::Continue;
        for key in keys {
            last = line.key(key);
            if last != Edit::Continue {
                break;
            }
        }
        (line.text(), last)
    }

    #[test]
    fn typing_inserts_at_the_cursor_and_enter_accepts() {
        let keys = [
            Key::Char('a'),
            Key::ArrowLeft,
            Key::ArrowLeft,
            Key::Char('X'),
            Key::End,
            Key::Backspace,
            Key::Enter,
        ];
        assert_eq!(typed("tests", &keys), ("testXs".into(), Edit::Done));
    }

    #[test]
    fn words_and_halves_of_the_line_are_deleted() {
        let ctrl_w = Key::Char('\u{17}');
        assert_eq!(typed("wrote the tests", &[ctrl_w]).0, "wrote the ");
        let ctrl_u = Key::Char('\u{15}');
        assert_eq!(
            typed("wrote the tests", &[Key::Home, Key::ArrowRight, ctrl_u]).0,
            "rote the tests"
        );
        let ctrl_k = Key::Char('\u{b}');
        assert_eq!(typed("wrote the tests", &[Key::Home, ctrl_k]).0, "");
        assert_eq!(typed("ab", &[Key::Home, Key::Del]).0, "b");
    }

    #[test]
    fn esc_cancels_and_ctrl_c_interrupts() {
        assert_eq!(
            typed("kept", &[Key::Char('x'), Key::Escape]).1,
            Edit::Cancel
        );
        assert_eq!(typed("", &[Key::CtrlC]).1, Edit::Interrupt);
    }

    /// Issue 28: last time's evidence used to be put on the line with the
    /// cursor at its end, and what was typed was glued to it unseen.
    #[test]
    fn earlier_evidence_waits_for_up_and_typing_never_joins_it() {
        let earlier = |keys: &[Key]| {
            let mut line = Line::with_earlier(Some("Drafted the strategy"));
            let mut last = Edit::Continue;
            for key in keys {
                last = line.key(key);
            }
            (line.text(), last)
        };
        let typed: Vec<Key> = "Published it".chars().map(Key::Char).collect();
        assert_eq!(earlier(&typed).0, "Published it");
        assert_eq!(earlier(&[Key::Enter]), (String::new(), Edit::Done));
        assert_eq!(
            earlier(&[Key::ArrowUp, Key::Enter]),
            ("Drafted the strategy".into(), Edit::Done)
        );
        let mut edited = vec![Key::ArrowUp];
        edited.extend(" and published it".chars().map(Key::Char));
        assert_eq!(earlier(&edited).0, "Drafted the strategy and published it");
        // ↓ goes back to what was typed before ↑.
        let mut back = typed.clone();
        back.extend([Key::ArrowUp, Key::ArrowDown]);
        assert_eq!(earlier(&back).0, "Published it");
    }

    #[test]
    fn earlier_evidence_over_several_lines_is_kept_whole_or_not_at_all() {
        let mut line = Line::with_earlier(Some("one\ntwo"));
        line.key(&Key::ArrowUp);
        assert_eq!(line.text(), "one\ntwo");
        assert!(line.display().contains("2 lines"), "{}", line.display());
        line.key(&Key::Char('x'));
        assert_eq!(line.text(), "x", "typing leaves it for what is typed");
    }

    #[test]
    fn control_characters_are_shown_not_kept_raw() {
        let line = Line::new("a\u{1b}[2Jb\tc");
        assert_eq!(line.text(), "a\\e[2Jb c");
    }
}
