//! Choosing one of many items on a screen of its own: one line per item,
//! shortened to the width, a window of them that fits the terminal's
//! height around the cursor, and a filter typed as it goes. Replaces a
//! list that wrapped each item over several lines and scrolled its own
//! question off a 24-row screen, stacking a copy in the scrollback with
//! every arrow key.

use console::Key;

use super::screens::{bold, dim};
use crate::text;

/// The picker's state: the filter typed so far and the cursor among the
/// items it lets through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    items: Vec<String>,
    filter: String,
    /// Index into [`Picker::shown`].
    cursor: usize,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    Continue,
    /// Enter on an item: its index among all items.
    Chosen(usize),
    Cancel,
    Interrupt,
}

impl Picker {
    pub fn new(items: &[String], default: usize) -> Picker {
        Picker {
            items: items.to_vec(),
            filter: String::new(),
            cursor: default.min(items.len().saturating_sub(1)),
        }
    }

    /// The indices of the items the filter lets through: every word of it
    /// found in the item, in any case.
    pub fn shown(&self) -> Vec<usize> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        (0..self.items.len())
            .filter(|&i| {
                let item = self.items[i].to_lowercase();
                words.iter().all(|w| item.contains(w.as_str()))
            })
            .collect()
    }

    pub fn key(&mut self, key: &Key, page: usize) -> Picked {
        let count = self.shown().len();
        let last = count.saturating_sub(1);
        match key {
            Key::Enter => {
                return match self.shown().get(self.cursor) {
                    Some(&index) => Picked::Chosen(index),
                    None => Picked::Continue,
                };
            }
            Key::Escape => return Picked::Cancel,
            Key::CtrlC => return Picked::Interrupt,
            Key::ArrowUp => self.cursor = self.cursor.saturating_sub(1),
            Key::ArrowDown => self.cursor = (self.cursor + 1).min(last),
            Key::PageUp => self.cursor = self.cursor.saturating_sub(page.max(1)),
            Key::PageDown => self.cursor = (self.cursor + page.max(1)).min(last),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = last,
            Key::Backspace => {
                self.filter.pop();
                self.cursor = 0;
            }
            Key::Char(c) if !c.is_control() => {
                self.filter.push(*c);
                self.cursor = 0;
            }
            _ => {}
        }
        Picked::Continue
    }

    /// The screen: the question, the filter, a window of items around the
    /// cursor (one line each), and the keys; at most `height` lines of at
    /// most `width` columns.
    pub fn render(&self, prompt: &str, width: usize, height: usize, colour: bool) -> String {
        let shown = self.shown();
        let count = format!("{} of {}", shown.len(), self.items.len());
        let title = text::shorten(prompt, width.saturating_sub(text::width(&count) + 2));
        let gap = width
            .saturating_sub(text::width(&title) + text::width(&count))
            .max(1);
        let mut out = format!("{}{}{}\n", bold(&title, colour), " ".repeat(gap), count);
        let filter = if self.filter.is_empty() {
            dim("type to filter", colour)
        } else {
            text::shorten(&format!("filter: {}", text::visible(&self.filter)), width)
        };
        out.push_str(&filter);
        out.push('\n');
        out.push_str(&dim(&"─".repeat(width), colour));
        out.push('\n');
        // Five rows around the items, and one spare: the newline ending
        // the last row would scroll a full screen by one, the question
        // off its top.
        let room = height.saturating_sub(6).max(1);
        let start = self
            .cursor
            .saturating_sub(room / 2)
            .min(shown.len().saturating_sub(room));
        for (row, &index) in shown.iter().enumerate().skip(start).take(room) {
            let mark = if row == self.cursor { "▸ " } else { "  " };
            let line = format!(
                "{mark}{}",
                text::shorten(&text::visible(&self.items[index]), width.saturating_sub(2))
            );
            if row == self.cursor {
                out.push_str(&bold(&line, colour));
            } else {
                out.push_str(&line);
            }
            out.push('\n');
        }
        if shown.is_empty() {
            out.push_str(&dim("  nothing matches; Backspace to widen", colour));
            out.push('\n');
        }
        let keys = "↑↓ PgUp PgDn move · Enter choose · type to filter · Esc cancel";
        out.push('\n');
        out.push_str(&dim(&text::shorten(keys, width), colour));
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| {
                format!(
                    "lse.arch.{i} Designs the architecture of systems that span several teams and has each choice reviewed by the teams it affects"
                )
            })
            .collect()
    }

    /// Issue 28: 45 items wrapped over 2-3 lines each pushed the question
    /// off a 24-row screen.
    #[test]
    fn many_long_items_fit_one_80_by_24_screen() {
        let mut picker = Picker::new(&items(45), 0);
        for _ in 0..30 {
            picker.key(&Key::ArrowDown, 10);
        }
        let screen = picker.render("Focus on", 80, 24, false);
        assert!(screen.lines().count() <= 23, "{screen}");
        assert!(screen.lines().all(|l| text::width(l) <= 80), "{screen}");
        assert!(screen.starts_with("Focus on"), "{screen}");
        assert!(screen.contains("▸ lse.arch.31 "), "{screen}");
        assert!(screen.contains("45 of 45"), "{screen}");
    }

    #[test]
    fn typing_filters_and_enter_chooses_among_what_is_shown() {
        let mut all = items(12);
        all.push("Collaboration (3 of 7 not yet met)".into());
        let mut picker = Picker::new(&all, 0);
        for c in "COLLAB".chars() {
            picker.key(&Key::Char(c), 10);
        }
        assert_eq!(picker.shown(), [12]);
        assert_eq!(picker.key(&Key::Enter, 10), Picked::Chosen(12));
        picker.key(&Key::Char('x'), 10);
        assert!(
            picker
                .render("Focus on", 80, 24, false)
                .contains("nothing matches")
        );
        assert_eq!(picker.key(&Key::Enter, 10), Picked::Continue);
        assert_eq!(picker.key(&Key::Escape, 10), Picked::Cancel);
        assert_eq!(picker.key(&Key::CtrlC, 10), Picked::Interrupt);
    }
}
