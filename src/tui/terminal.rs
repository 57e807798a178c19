//! The one module that talks to the terminal: the screens of the walk, the
//! keys, and the prompts, all on standard error so `rungs assess | tee`
//! still works. Everything else sees only [`Prompter`] and [`Setup`].
//!
//! Every question waits for Enter; Esc cancels it ([`Error::Cancelled`]);
//! Ctrl-C anywhere ends the command with [`Error::Interrupted`], which
//! the command turns into one line saying what was saved.

pub mod editor;
pub mod line;
pub mod picker;
pub mod screens;

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Key, Term};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{MultiSelect, Select};

use crate::assessment::Kind;
use crate::error::Error;
use crate::framework::{Scale, Statement};
use crate::text::{self, reflow as wrap};
use crate::tui::walk::{
    Action, Category, CategoryChoice, Edited, Prompter, Review, ReviewChoice, Screen,
};
use screens::{ReviewKey, bold, dim, indent, render_category, render_review, render_screen};

/// True when both standard input and standard error are terminals: the
/// interactive flow needs to read keys and draw screens. Without this
/// check, reading a key from a pipe returns at once, forever.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && Term::stderr().is_term()
}

/// Set by Ctrl-C when it arrives outside a key read (which sees it as a
/// key): the next question ends the command.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Ctrl-C raises SIGINT while no key is being read, and a prompt may have
/// hidden the cursor: show it again, and let the next question end the
/// command with one line saying what was saved (every answer already is).
pub fn watch_interrupts() {
    let _ = ctrlc::set_handler(|| {
        INTERRUPTED.store(true, Ordering::SeqCst);
        let _ = Term::stderr().show_cursor();
    });
}

/// [`Error::Interrupted`] when Ctrl-C was pressed since the last look.
fn interrupted_since() -> Result<(), Error> {
    if INTERRUPTED.swap(false, Ordering::SeqCst) {
        Err(Error::Interrupted(String::new()))
    } else {
        Ok(())
    }
}

/// Questions asked before and after the walk. Each waits for Enter; Esc
/// is [`Error::Cancelled`], Ctrl-C [`Error::Interrupted`].
pub trait Setup {
    fn input(&mut self, prompt: &str, default: Option<&str>) -> Result<String, Error>;
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, Error>;
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Error>;
    fn say(&mut self, text: &str) -> Result<(), Error>;
    /// Any number of `items` (none is an answer), starting from those
    /// `checked`: the indices chosen. By default, one question per item.
    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        checked: &[bool],
    ) -> Result<Vec<usize>, Error> {
        let mut chosen = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let default = checked.get(index).copied().unwrap_or(false);
            if self.confirm(&format!("{prompt}: {item}?"), default)? {
                chosen.push(index);
            }
        }
        Ok(chosen)
    }
}

/// The real terminal.
pub struct Console {
    term: Term,
    theme: ColorfulTheme,
    colour: bool,
    /// Where the editor's file goes, and the name it is for: beside the
    /// assessment being walked.
    scratch: Option<(std::path::PathBuf, String)>,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("colour", &self.colour)
            .finish_non_exhaustive()
    }
}

impl Default for Console {
    fn default() -> Self {
        Self::new()
    }
}

impl Console {
    pub fn new() -> Console {
        Console {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            colour: console::colors_enabled_stderr(),
            scratch: None,
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 100)
    }

    fn height(&self) -> usize {
        usize::from(self.term.size().0).max(12)
    }

    /// One key, Ctrl-C being [`Error::Interrupted`].
    fn key(&self) -> Result<Key, Error> {
        interrupted_since()?;
        match self.term.read_key_raw()? {
            Key::CtrlC => Err(Error::Interrupted(String::new())),
            key => Ok(key),
        }
    }

    fn draw(&self, text: &str) -> Result<(), Error> {
        self.term.clear_screen()?;
        self.term
            .write_str(&text::terminal_safe(text, self.colour))?;
        self.term.flush()?;
        Ok(())
    }

    /// One line, with `prompt` before it.
    fn line(&self, prompt: &str, initial: line::Line) -> Result<Option<String>, Error> {
        interrupted_since()?;
        // Made visible before it is styled: the styling is the layout's
        // own, the text may be a name from a file.
        let prompt = text::visible(prompt);
        let prompt = if prompt.ends_with(['?', ']', ')']) {
            prompt.into_owned()
        } else {
            format!("{prompt}:")
        };
        // A prompt wider than the terminal is broken between words, its
        // last line left to stand before what is typed: the terminal
        // would otherwise wrap it anywhere (`[Y/n` on one line, `]` on the
        // next).
        let columns = usize::from(self.term.size().1).max(20);
        let mut lines = text::wrap(&prompt, columns - 2);
        let last = lines.pop().unwrap_or_default();
        for line in &lines {
            self.term.write_line(&bold(line, self.colour))?;
        }
        line::read_line(
            &self.term,
            &format!("{} ", bold(&last, self.colour)),
            initial,
        )
    }
}

impl Console {
    /// A category at a glance: arrows move the cursor here; everything
    /// else goes back to the walk.
    fn glance(&self, category: &Category<'_>) -> Result<CategoryChoice, Error> {
        let mut cursor = category.cursor;
        loop {
            self.draw(&render_category(
                category,
                Some(cursor),
                self.width(),
                self.colour,
            ))?;
            loop {
                match glance_key(&self.key()?, cursor, category.items.len()) {
                    Glance::Move(to) => {
                        cursor = to;
                        break;
                    }
                    Glance::Choose(choice) => return Ok(choice),
                    Glance::Nothing => {}
                }
            }
        }
    }

    /// One of many items, on a screen of its own that fits the terminal
    /// (see [`picker`]); the screen is cleared after.
    fn pick(&self, prompt: &str, items: &[String], default: usize) -> Result<usize, Error> {
        let mut picker = picker::Picker::new(items, default);
        let chosen = loop {
            let height = self.height();
            self.draw(&picker.render(prompt, self.width(), height, self.colour))?;
            let key = self.term.read_key_raw()?;
            match picker.key(&key, height.saturating_sub(6)) {
                picker::Picked::Continue => {}
                picker::Picked::Chosen(index) => break Ok(index),
                picker::Picked::Cancel => break Err(Error::Cancelled),
                picker::Picked::Interrupt => break Err(Error::Interrupted(String::new())),
            }
        };
        self.term.clear_screen()?;
        chosen
    }
}

/// dialoguer's errors: Ctrl-C in a prompt reaches here as an interrupted
/// read (after raising SIGINT, which only sets the flag).
fn prompt_error(error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(error) = error;
    if error.kind() == std::io::ErrorKind::Interrupted {
        INTERRUPTED.store(false, Ordering::SeqCst);
        Error::Interrupted(String::new())
    } else {
        Error::Io(error)
    }
}

impl Setup for Console {
    fn input(&mut self, prompt: &str, default: Option<&str>) -> Result<String, Error> {
        let prompt = match default {
            Some(default) => format!("{prompt} [{default}]"),
            None => prompt.to_string(),
        };
        loop {
            let Some(typed) = self.line(&prompt, line::Line::new(""))? else {
                return Err(Error::Cancelled);
            };
            let typed = typed.trim();
            match (typed.is_empty(), default) {
                (false, _) => return Ok(typed.to_string()),
                (true, Some(default)) => return Ok(default.to_string()),
                (true, None) => self.say("  type an answer, or Esc to cancel")?,
            }
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, Error> {
        interrupted_since()?;
        let prompt = text::visible(prompt);
        let items: Vec<String> = items
            .iter()
            .map(|item| text::visible(item).into_owned())
            .collect();
        if items.len() > 8 {
            return self.pick(&prompt, &items, default);
        }
        let result = {
            Select::with_theme(&self.theme)
                .with_prompt(prompt.as_ref())
                .items(&items)
                .default(default)
                .interact_on_opt(&self.term)
        };
        let _ = self.term.show_cursor();
        result.map_err(prompt_error)?.ok_or(Error::Cancelled)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Error> {
        let choices = if default { "[Y/n]" } else { "[y/N]" };
        loop {
            let Some(typed) = self.line(&format!("{prompt} {choices}"), line::Line::new(""))?
            else {
                return Err(Error::Cancelled);
            };
            match typed.trim().to_ascii_lowercase().as_str() {
                "" => return Ok(default),
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                _ => self.say("  y or n, then Enter; Esc to cancel")?,
            }
        }
    }

    fn say(&mut self, text: &str) -> Result<(), Error> {
        self.term.write_line(&text::terminal_safe(text, false))?;
        Ok(())
    }

    fn choose(
        &mut self,
        prompt: &str,
        items: &[String],
        checked: &[bool],
    ) -> Result<Vec<usize>, Error> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        // One line each, so the list is cleared whole once answered: an
        // item wrapped over two lines left a line on screen (issue 28).
        let room = self.width().saturating_sub(6);
        let shown: Vec<String> = items
            .iter()
            .map(|item| text::shorten(&text::visible(item), room))
            .collect();
        let items = shown
            .iter()
            .enumerate()
            .map(|(i, item)| (item, checked.get(i).copied().unwrap_or(false)));
        let result = MultiSelect::with_theme(&self.theme)
            .with_prompt(text::visible(prompt))
            .items_checked(items)
            .interact_on(&self.term);
        let _ = self.term.show_cursor();
        result.map_err(prompt_error)
    }
}

impl Prompter for Console {
    fn action(&mut self, screen: &Screen<'_>) -> Result<Action, Error> {
        self.draw(&render_screen(screen, self.width(), self.colour))?;
        let scale = &screen.framework.scale;
        loop {
            if let Some(action) = action_for(&self.key()?, scale) {
                return Ok(action);
            }
        }
    }

    fn category(&mut self, category: &Category<'_>) -> Result<CategoryChoice, Error> {
        if category.rate {
            return self.glance(category);
        }
        self.draw(&render_category(category, None, self.width(), self.colour))?;
        let count = category.items.len().min(9);
        loop {
            let choice = match self.key()? {
                Key::Char('K') => CategoryChoice::KeepAll,
                Key::Char(c @ '1'..='9') => {
                    let n = c.to_digit(10).map_or(0, |d| d as usize);
                    if n > count {
                        continue;
                    }
                    CategoryChoice::Open(n - 1)
                }
                Key::Enter | Key::ArrowRight => CategoryChoice::Walk,
                Key::Char('b' | 'B') | Key::ArrowLeft | Key::Backspace => CategoryChoice::Back,
                Key::Char('r' | 'R') => CategoryChoice::Review,
                Key::Char('?' | 'h' | 'H') => CategoryChoice::Help,
                Key::Char('q' | 'Q') => CategoryChoice::Quit,
                _ => continue,
            };
            return Ok(choice);
        }
    }

    fn review(&mut self, review: &Review<'_>) -> Result<ReviewChoice, Error> {
        let last = review.items.len().saturating_sub(1);
        let mut cursor = review.cursor.min(last);
        let mut typed = String::new();
        let mut note = review.note.map(str::to_string);
        loop {
            let shown = Review {
                note: note.as_deref(),
                ..*review
            };
            let page = self.height().saturating_sub(14).max(3);
            self.draw(&render_review(
                &shown,
                cursor,
                &typed,
                self.width(),
                self.height(),
                self.colour,
            ))?;
            let key = self.term.read_key_raw()?;
            note = None;
            match screens::review_key(&key) {
                ReviewKey::Up => cursor = cursor.saturating_sub(1),
                ReviewKey::Down => cursor = (cursor + 1).min(last),
                ReviewKey::PageUp => cursor = cursor.saturating_sub(page),
                ReviewKey::PageDown => cursor = (cursor + page).min(last),
                ReviewKey::First => cursor = 0,
                ReviewKey::Last => cursor = last,
                ReviewKey::Digit(c) if typed.len() < 6 => typed.push(c),
                ReviewKey::Digit(_) | ReviewKey::Nothing => {}
                ReviewKey::Erase => {
                    typed.pop();
                }
                ReviewKey::Open if typed.is_empty() => return Ok(ReviewChoice::Open(cursor)),
                ReviewKey::Open => {
                    let wanted = typed.parse::<usize>().unwrap_or(0);
                    typed.clear();
                    if (1..=review.items.len()).contains(&wanted) {
                        return Ok(ReviewChoice::Open(wanted - 1));
                    }
                    note = Some(format!(
                        "No statement {wanted}: 1 to {}.",
                        review.items.len()
                    ));
                }
                ReviewKey::Filter(filter) => return Ok(ReviewChoice::Jump(filter, cursor)),
                ReviewKey::Leave => return Ok(ReviewChoice::Leave),
                ReviewKey::Quit => return Ok(ReviewChoice::Quit),
                ReviewKey::Interrupt => return Err(Error::Interrupted(String::new())),
            }
        }
    }

    /// On a screen of its own, so nothing of it scrolls the statement off
    /// a 24-row terminal; the statement is drawn again after.
    fn explain(&mut self, scale: &Scale) -> Result<(), Error> {
        let mut explanation = explain_scale(scale, self.width(), self.colour);
        explanation.push('\n');
        explanation.push_str(&explain_keys(scale, self.width(), self.colour));
        explanation.push('\n');
        explanation.push_str(&dim("Press any key to go back.", self.colour));
        self.draw(&explanation)?;
        self.key()?;
        Ok(())
    }

    fn details(&mut self, screen: &Screen<'_>) -> Result<(), Error> {
        let mut details = screens::render_details(screen, self.width(), self.colour);
        details.push_str(&dim("Press any key to go back.", self.colour));
        self.draw(&details)?;
        self.key()?;
        Ok(())
    }

    fn evidence(&mut self, earlier: Option<&str>) -> Result<Option<String>, Error> {
        let prompt = if earlier.is_some() {
            "Evidence (↑ brings back the evidence shown above, to keep or edit; Enter saves the line, empty for none; Esc cancels)"
        } else {
            "Evidence (Enter saves the line, empty for none; Esc cancels)"
        };
        self.line(prompt, line::Line::with_earlier(earlier))
    }

    fn edit(&mut self, initial: &str, about: &Statement) -> Result<Edited, Error> {
        let Some(editor) = editor() else {
            return Ok(Edited::Failed(
                "Set VISUAL or EDITOR to the editor to write evidence in.".into(),
            ));
        };
        let (dir, stem) = self
            .scratch
            .clone()
            .unwrap_or_else(|| (std::env::temp_dir(), "evidence".into()));
        let result = editor::edit(&editor, &dir, &stem, &with_statement(initial, about));
        // Ctrl-C in the editor was the editor's.
        INTERRUPTED.store(false, Ordering::SeqCst);
        let _ = self.term.show_cursor();
        Ok(match result {
            Ok(editor::Outcome::Changed(text)) => Edited::Text(without_statement(&text)),
            Ok(editor::Outcome::Unchanged) => Edited::Unchanged,
            Err(why) => Edited::Failed(why),
        })
    }

    fn edits_beside(&mut self, dir: &std::path::Path, stem: &str) {
        self.scratch = Some((dir.to_path_buf(), stem.to_string()));
    }

    fn done(&mut self) -> Result<(), Error> {
        self.term.clear_screen()?;
        Ok(())
    }
}

/// The line under which the editor shows the statement; it and
/// everything below it are left out of the evidence, as in a git commit
/// message.
const SCISSORS: &str = "# ------------------------ >8 ------------------------";

/// The evidence to edit, then the statement it is for as comments below
/// the scissors line.
fn with_statement(evidence: &str, about: &Statement) -> String {
    let mut text = evidence.trim_end().to_string();
    text.push_str("\n\n");
    text.push_str(SCISSORS);
    text.push_str(
        "\n# Write the evidence above this line; this line and all below it are left out.\n#\n",
    );
    let statement = format!("{}: {}", about.id, text::visible(&about.text));
    for line in text::wrap(&statement, 70) {
        text.push_str(&format!("# {line}\n"));
    }
    text
}

/// What was written above the scissors line.
fn without_statement(edited: &str) -> String {
    let cut = edited
        .lines()
        .position(|line| line.trim_end() == SCISSORS)
        .map_or(edited.len(), |n| {
            edited.split_inclusive('\n').take(n).map(str::len).sum()
        });
    edited[..cut].trim_end().to_string()
}

/// `$VISUAL`, then `$EDITOR`, then `vi`: the first set to a usable
/// command (valid text, not blank).
fn editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .filter_map(|value| value.into_string().ok())
        .find(|value| !value.trim().is_empty())
        .or_else(|| cfg!(unix).then(|| "vi".to_string()))
}

/// The action a key stands for, if any.
pub fn action_for(key: &Key, scale: &Scale) -> Option<Action> {
    match key {
        Key::Char(c) if c.is_ascii_digit() => {
            let value = c.to_digit(10).and_then(|d| u8::try_from(d).ok())?;
            Some(Action::Rate(value))
        }
        Key::Char('s' | 'S') => Some(Action::Skip),
        Key::Char('n' | 'N') => Some(Action::NoOpportunity),
        Key::Enter | Key::ArrowRight => Some(Action::Next),
        Key::Char('b' | 'B') | Key::ArrowLeft | Key::Backspace => Some(Action::Back),
        Key::Char('k') => Some(Action::Keep),
        Key::Char('K') => Some(Action::KeepCategory),
        Key::Char('e' | 'E') => Some(Action::Edit),
        Key::Char('j' | 'J') => Some(Action::Journal),
        Key::Char('x' | 'X') => Some(Action::Details),
        Key::Char('r' | 'R') => Some(Action::Review),
        Key::Char('g' | 'G') => Some(Action::Glance),
        Key::Char('?' | 'h' | 'H') => Some(Action::Help),
        Key::Char('q' | 'Q') => Some(Action::Quit),
        Key::Escape => Some(Action::Cancel),
        _ => {
            let _ = scale;
            None
        }
    }
}

/// What a key does on a category at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Glance {
    /// The cursor to this line.
    Move(usize),
    Choose(CategoryChoice),
    Nothing,
}

/// A key on a category at a glance of `lines` lines, the cursor on
/// `cursor`: ↑ ↓ move, a digit, `s` or `n` answers the line, Enter opens
/// it, `a` or → goes on.
pub fn glance_key(key: &Key, cursor: usize, lines: usize) -> Glance {
    let last = lines.saturating_sub(1);
    let answer = |kind| Glance::Choose(CategoryChoice::Answer(cursor, kind));
    match key {
        Key::ArrowUp => Glance::Move(cursor.saturating_sub(1)),
        Key::ArrowDown => Glance::Move((cursor + 1).min(last)),
        Key::Home => Glance::Move(0),
        Key::End => Glance::Move(last),
        Key::Char(c) if c.is_ascii_digit() => {
            match c.to_digit(10).and_then(|d| u8::try_from(d).ok()) {
                Some(value) => answer(Kind::Rated(value)),
                None => Glance::Nothing,
            }
        }
        Key::Char('s' | 'S') => answer(Kind::Skipped),
        Key::Char('n' | 'N') => answer(Kind::NoOpportunity),
        Key::Enter => Glance::Choose(CategoryChoice::Open(cursor)),
        Key::Char('a' | 'A') | Key::ArrowRight | Key::Tab => Glance::Choose(CategoryChoice::Accept),
        Key::Char('b' | 'B') | Key::ArrowLeft | Key::Backspace => {
            Glance::Choose(CategoryChoice::Back)
        }
        Key::Char('r' | 'R') => Glance::Choose(CategoryChoice::Review),
        Key::Char('?' | 'h' | 'H') => Glance::Choose(CategoryChoice::Help),
        Key::Char('q' | 'Q') => Glance::Choose(CategoryChoice::Quit),
        _ => Glance::Nothing,
    }
}

/// Every key of the walk, one a line.
pub fn explain_keys(scale: &Scale, width: usize, colour: bool) -> String {
    let keys = [
        (
            format!("{}-{}", scale.lowest(), scale.highest()),
            "rate, then one line of evidence (↑ brings back what there was)",
        ),
        ("s".into(), "skip: offered once more before the end"),
        (
            "n".into(),
            "no opportunity yet: the situation has not arisen (counts as not met)",
        ),
        ("Enter".into(), "keep this time's answer and go on"),
        ("b".into(), "back to the previous statement"),
        ("k".into(), "keep last time's rating and evidence"),
        (
            "K".into(),
            "keep last time's answers for the rest of this category",
        ),
        (
            "e".into(),
            "write the evidence in $VISUAL or $EDITOR, over several lines",
        ),
        (
            "j".into(),
            "the statement's journal entries into the evidence, in the editor",
        ),
        (
            "x".into(),
            "what would show the statement, and what its category covers",
        ),
        ("g".into(), "the category at a glance: a rating per line"),
        ("r".into(), "review every statement, jump to one"),
        ("q".into(), "save and quit; `rungs assess ID` resumes"),
    ];
    let mut out = String::new();
    for (key, does) in keys {
        let line = wrap(does, width.saturating_sub(12));
        for (i, part) in line.lines().enumerate() {
            let key = if i == 0 { key.as_str() } else { "" };
            out.push_str(&format!("  {}{part}\n", bold(&format!("{key:<8}"), colour)));
        }
    }
    out
}

/// The scale, one level a line, with when to choose it.
pub fn explain_scale(scale: &Scale, width: usize, colour: bool) -> String {
    let mut out = String::new();
    for level in &scale.levels {
        let met = if scale.is_met(level.value) {
            " (met)"
        } else {
            ""
        };
        let head = format!("{} {}{met}", level.value, level.label);
        let one_line = format!("{head}: {}", level.description);
        // On one line when it fits, so the help and the screen it covers
        // fit 24 rows together.
        if !level.description.is_empty() && text::width(&one_line) + 2 <= width {
            out.push_str(&format!(
                "  {}: {}\n",
                bold(&head, colour),
                level.description
            ));
            continue;
        }
        out.push_str(&format!("  {}\n", bold(&head, colour)));
        if !level.description.is_empty() {
            out.push_str(&indent(
                &wrap(&level.description, width.saturating_sub(6)),
                "      ",
            ));
        }
    }
    let closing = format!(
        "Met at {} or above. Evidence: a change, a document, an incident, a review.",
        scale.met
    );
    out.push('\n');
    out.push_str(&indent(&wrap(&closing, width.saturating_sub(2)), "  "));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_to_actions_on_the_scale_only() {
        let scale = Scale::default_scale();
        assert_eq!(action_for(&Key::Char('2'), &scale), Some(Action::Rate(2)));
        // Off the scale: the walk says so.
        assert_eq!(action_for(&Key::Char('7'), &scale), Some(Action::Rate(7)));
        assert_eq!(action_for(&Key::Char('s'), &scale), Some(Action::Skip));
        assert_eq!(
            action_for(&Key::Char('n'), &scale),
            Some(Action::NoOpportunity)
        );
        assert_eq!(action_for(&Key::Enter, &scale), Some(Action::Next));
        assert_eq!(action_for(&Key::ArrowLeft, &scale), Some(Action::Back));
        assert_eq!(action_for(&Key::Char('k'), &scale), Some(Action::Keep));
        assert_eq!(
            action_for(&Key::Char('K'), &scale),
            Some(Action::KeepCategory)
        );
        assert_eq!(action_for(&Key::Char('e'), &scale), Some(Action::Edit));
        assert_eq!(action_for(&Key::Char('r'), &scale), Some(Action::Review));
        assert_eq!(action_for(&Key::Char('g'), &scale), Some(Action::Glance));
        assert_eq!(action_for(&Key::Char('?'), &scale), Some(Action::Help));
        assert_eq!(action_for(&Key::Char('q'), &scale), Some(Action::Quit));
        // Esc cancels; it never quits the walk (issue 28).
        assert_eq!(action_for(&Key::Escape, &scale), Some(Action::Cancel));
        // Ctrl-C is not an action: the console turns it into an interrupt.
        assert_eq!(action_for(&Key::CtrlC, &scale), None);
        assert_eq!(action_for(&Key::Char('x'), &scale), Some(Action::Details));
        assert_eq!(action_for(&Key::Char('j'), &scale), Some(Action::Journal));
        assert_eq!(action_for(&Key::Char('z'), &scale), None);
        assert_eq!(action_for(&Key::Unknown, &scale), None);
    }

    #[test]
    fn the_scale_explanation_marks_met_levels() {
        let text = explain_scale(&Scale::default_scale(), 80, false);
        assert!(
            text.contains("  3 Role model (met): Done consistently"),
            "{text}"
        );
        assert!(text.contains("  1 Emerging: "), "{text}");
        let narrow = explain_scale(&Scale::default_scale(), 40, false);
        assert!(narrow.contains("  2 Demonstrated (met)\n"), "{narrow}");
    }

    /// Issue 28: the editor opened an empty file, without the statement
    /// the evidence is for.
    #[test]
    fn the_editor_shows_the_statement_below_a_line_that_cuts_it_off() {
        let framework = crate::testing::acme();
        let statement = framework
            .archetypes
            .iter()
            .flat_map(|a| a.statements().map(|(_, s)| s))
            .next()
            .expect("a statement");
        let text = with_statement("Led the billing migration\n- 40 services", statement);
        assert!(
            text.starts_with("Led the billing migration\n- 40 services\n\n# ---"),
            "{text}"
        );
        assert!(text.contains(&format!("# {}: ", statement.id)), "{text}");
        assert_eq!(
            without_statement(&text),
            "Led the billing migration\n- 40 services"
        );
        assert_eq!(without_statement("no scissors\n"), "no scissors");
    }

    /// Issue 28: `?` wrote 26 lines below the statement, pushing it and
    /// the scale off a 24-row screen. It is a screen of its own that fits.
    #[test]
    fn the_help_fits_an_80_by_24_screen() {
        let scale = Scale::default_scale();
        let mut help = explain_scale(&scale, 80, false);
        help.push('\n');
        help.push_str(&explain_keys(&scale, 80, false));
        help.push_str("\nPress any key to go back.");
        assert!(
            help.lines().count() <= 24,
            "{}\n{help}",
            help.lines().count()
        );
        assert!(help.lines().all(|l| text::width(l) <= 80), "{help}");
    }

    #[test]
    fn a_category_at_a_glance_moves_rates_opens_and_goes_on() {
        let answer = |kind| Glance::Choose(CategoryChoice::Answer(2, kind));
        assert_eq!(glance_key(&Key::ArrowDown, 2, 5), Glance::Move(3));
        assert_eq!(glance_key(&Key::ArrowDown, 4, 5), Glance::Move(4));
        assert_eq!(glance_key(&Key::ArrowUp, 0, 5), Glance::Move(0));
        assert_eq!(glance_key(&Key::ArrowUp, 2, 5), Glance::Move(1));
        assert_eq!(glance_key(&Key::Char('3'), 2, 5), answer(Kind::Rated(3)));
        assert_eq!(glance_key(&Key::Char('s'), 2, 5), answer(Kind::Skipped));
        assert_eq!(
            glance_key(&Key::Char('n'), 2, 5),
            answer(Kind::NoOpportunity)
        );
        assert_eq!(
            glance_key(&Key::Enter, 2, 5),
            Glance::Choose(CategoryChoice::Open(2))
        );
        assert_eq!(
            glance_key(&Key::Char('a'), 2, 5),
            Glance::Choose(CategoryChoice::Accept)
        );
        assert_eq!(
            glance_key(&Key::Char('q'), 2, 5),
            Glance::Choose(CategoryChoice::Quit)
        );
        // K keeps last time's answers, of which a first walk has none.
        assert_eq!(glance_key(&Key::Char('K'), 2, 5), Glance::Nothing);
    }
}
