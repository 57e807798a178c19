//! The one module that talks to the terminal: the statement screen, the
//! keys, and dialoguer prompts, all on standard error so `rungs assess |
//! tee` still works. Everything else sees only [`Prompter`] and [`Setup`].

use std::io::IsTerminal;

use console::{Key, Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, FuzzySelect, Input, MultiSelect, Select};

use crate::error::Error;
use crate::framework::Scale;
use crate::render::text::{self, reflow as wrap};
use crate::walk::{Action, Prompter, Screen};

/// True when both standard input and standard error are terminals: the
/// interactive flow needs to read keys and draw screens. Without this
/// check, reading a key from a pipe returns at once, forever.
pub fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && Term::stderr().is_term()
}

/// Ctrl-C in a prompt raises SIGINT; every answer is already on disk, so
/// the process may end, but a prompt may have hidden the cursor: show it
/// again first. Exit code 130 is the shell's convention for SIGINT.
pub fn restore_terminal_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let term = Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("\nInterrupted: every answer given so far is saved. Run `rungs assess` again to resume.");
        // The one exit outside `main`: a signal handler cannot return an
        // error to it.
        std::process::exit(130);
    });
}

/// Questions asked before the walk.
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
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(40, 100)
    }
}

fn interrupted(error: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(error) = error;
    Error::Io(error)
}

impl Setup for Console {
    fn input(&mut self, prompt: &str, default: Option<&str>) -> Result<String, Error> {
        let mut input = Input::<String>::with_theme(&self.theme).with_prompt(text::visible(prompt));
        if let Some(default) = default {
            input = input.default(text::visible(default).into_owned());
        }
        input
            .validate_with(|text: &String| {
                if text.trim().is_empty() {
                    Err("type a name")
                } else {
                    Ok(())
                }
            })
            .interact_text_on(&self.term)
            .map(|text| text.trim().to_string())
            .map_err(interrupted)
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize, Error> {
        let prompt = text::visible(prompt);
        let items: Vec<String> = items
            .iter()
            .map(|item| text::visible(item).into_owned())
            .collect();
        let result = if items.len() > 8 {
            FuzzySelect::with_theme(&self.theme)
                .with_prompt(prompt.as_ref())
                .items(&items)
                .default(default)
                .interact_on(&self.term)
        } else {
            Select::with_theme(&self.theme)
                .with_prompt(prompt.as_ref())
                .items(&items)
                .default(default)
                .interact_on(&self.term)
        };
        let _ = self.term.show_cursor();
        result.map_err(interrupted)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool, Error> {
        let result = Confirm::with_theme(&self.theme)
            .with_prompt(text::visible(prompt))
            .default(default)
            .interact_on(&self.term);
        let _ = self.term.show_cursor();
        result.map_err(interrupted)
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
        let shown: Vec<String> = items
            .iter()
            .map(|item| text::visible(item).into_owned())
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
        result.map_err(interrupted)
    }
}

impl Prompter for Console {
    fn action(&mut self, screen: &Screen<'_>) -> Result<Action, Error> {
        self.term.clear_screen()?;
        let drawn = render_screen(screen, self.width(), self.colour);
        self.term
            .write_str(&text::terminal_safe(&drawn, self.colour))?;
        let scale = &screen.framework.scale;
        loop {
            let key = self.term.read_key_raw()?;
            if let Some(action) = action_for(&key, scale) {
                return Ok(action);
            }
        }
    }

    fn explain(&mut self, scale: &Scale) -> Result<(), Error> {
        self.term.write_line("")?;
        let explanation = explain_scale(scale, self.width(), self.colour);
        self.term
            .write_str(&text::terminal_safe(&explanation, self.colour))?;
        self.term.write_line(&dim(
            "Press any key to go back to the statement.",
            self.colour,
        ))?;
        self.term.read_key_raw()?;
        Ok(())
    }

    fn done(&mut self) -> Result<(), Error> {
        self.term.clear_screen()?;
        Ok(())
    }

    fn evidence(&mut self, initial: &str) -> Result<String, Error> {
        Input::<String>::with_theme(&self.theme)
            .with_prompt("Evidence (Enter to keep, empty for none)")
            .with_initial_text(text::visible(initial))
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(interrupted)
    }
}

/// The action a key stands for, if any.
pub fn action_for(key: &Key, scale: &Scale) -> Option<Action> {
    match key {
        Key::Char(c) if c.is_ascii_digit() => {
            let value = c.to_digit(10).and_then(|d| u8::try_from(d).ok())?;
            scale.level(value).map(|_| Action::Rate(value))
        }
        Key::Char('s' | 'S') | Key::ArrowRight => Some(Action::Skip),
        Key::Char('b' | 'B') | Key::ArrowLeft | Key::Backspace => Some(Action::Back),
        Key::Char('?' | 'h' | 'H') => Some(Action::Help),
        Key::Char('q' | 'Q') | Key::Escape | Key::CtrlC => Some(Action::Quit),
        _ => None,
    }
}

fn dim(text: &str, colour: bool) -> String {
    if colour {
        style(text).dim().to_string()
    } else {
        text.to_string()
    }
}

fn bold(text: &str, colour: bool) -> String {
    if colour {
        style(text).bold().to_string()
    } else {
        text.to_string()
    }
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|line| format!("{by}{line}\n")).collect()
}

/// One statement's screen: progress, where it sits, the statement, what
/// was said before, the scale, and the keys.
pub fn render_screen(screen: &Screen<'_>, width: usize, colour: bool) -> String {
    let framework = screen.framework;
    let assessment = screen.assessment;
    let item = screen.item;
    let mut out = String::new();

    let who = assessment.who();
    let roles = match &assessment.to {
        Some(to) => format!("{} → {to}", assessment.role),
        None => assessment.role.clone(),
    };
    let progress = format!("{}/{}", screen.position + 1, screen.total);
    let left = format!("{who} · {roles}");
    let gap = width
        .saturating_sub(text::width(&left) + text::width(&progress))
        .max(1);
    out.push_str(&format!(
        "{}{}{}\n",
        left,
        " ".repeat(gap),
        bold(&progress, colour)
    ));
    out.push_str(&dim(&"─".repeat(width), colour));
    out.push('\n');

    let section = &framework.sections[item.group.section];
    let mut place = vec![item.archetype.label(), section.name.clone()];
    place.extend(framework.group_title(item.group).map(str::to_string));
    out.push_str(&dim(&place.join(" › "), colour));
    out.push_str("\n\n");
    out.push_str(&indent(
        &bold(&wrap(&item.statement.text, width - 4), colour),
        "  ",
    ));
    out.push('\n');

    let label = |value: Option<u8>| match value.and_then(|v| framework.scale.level(v)) {
        Some(level) => format!("{} {}", level.value, level.label),
        None => "skipped".to_string(),
    };
    let mut notes = vec![item.statement.id.clone()];
    if let Some(current) = screen.current {
        notes.push(format!("this time: {}", label(current.rating)));
    }
    if let Some(previous) = screen.previous {
        notes.push(format!(
            "last time ({}): {}",
            previous.at.format("%Y-%m-%d"),
            label(previous.rating)
        ));
    }
    out.push_str(&dim(&format!("  {}\n", notes.join(" · ")), colour));
    if let Some(evidence) = screen.current.and_then(|c| c.evidence.as_deref()) {
        out.push_str(&dim(
            &indent(&wrap(&format!("evidence: {evidence}"), width - 4), "  "),
            colour,
        ));
    }
    out.push('\n');

    let levels: Vec<String> = framework
        .scale
        .levels
        .iter()
        .map(|level| format!("{} {}", bold(&level.value.to_string(), colour), level.label))
        .collect();
    out.push_str(&format!("  {}\n\n", levels.join("   ")));
    let keys = format!(
        "{}-{} rate · s skip · b back · ? scale · q save and quit",
        framework.scale.lowest(),
        framework.scale.highest()
    );
    out.push_str(&dim(&keys, colour));
    out.push('\n');
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
        out.push_str(&format!(
            "  {} {}{met}\n",
            bold(&level.value.to_string(), colour),
            bold(&level.label, colour)
        ));
        if !level.description.is_empty() {
            out.push_str(&indent(
                &wrap(&level.description, width.saturating_sub(6)),
                "      ",
            ));
        }
    }
    let closing = format!(
        "A statement is met at {} or above. Evidence is what you could point to: a change, a document, an incident, a review.",
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
        assert_eq!(action_for(&Key::Char('7'), &scale), None);
        assert_eq!(action_for(&Key::Char('s'), &scale), Some(Action::Skip));
        assert_eq!(action_for(&Key::ArrowLeft, &scale), Some(Action::Back));
        assert_eq!(action_for(&Key::Char('?'), &scale), Some(Action::Help));
        assert_eq!(action_for(&Key::CtrlC, &scale), Some(Action::Quit));
        assert_eq!(action_for(&Key::Char('x'), &scale), None);
        assert_eq!(action_for(&Key::Unknown, &scale), None);
    }

    #[test]
    fn the_scale_explanation_marks_met_levels() {
        let text = explain_scale(&Scale::default_scale(), 80, false);
        assert!(text.contains("  2 Demonstrated (met)\n"), "{text}");
        assert!(text.contains("  1 Emerging\n"), "{text}");
    }
}
