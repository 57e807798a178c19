//! Values the shell completions offer, computed when a person presses Tab:
//! role codes, framework ids, people and assessment ids. The completion
//! scripts (`rungs completions SHELL`) call back into `rungs` for them.
//!
//! Completion runs with no flags parsed, so it reads the directories from
//! the environment (`RUNGS_CONFIG_DIR`, `RUNGS_DATA_DIR`) or the platform
//! default, and never fails: a broken file means fewer candidates.
//!
//! Candidates come from files (names in an assessment someone sent, codes
//! in a framework, file names in a folder), so each is written for the
//! shell it goes to: what lands on the command line is the candidate and
//! nothing else (see [`Quoted`]). bash and PowerShell insert what they are
//! given as it is, so rungs quotes for them; zsh, fish and elvish quote
//! what they insert, so rungs only keeps their line format intact. A
//! candidate with a control character (a line break, an escape) is left
//! out in every shell: it cannot be typed, and would reach the terminal.

use std::ffi::OsString;
use std::io::Write;

use clap_complete::CompletionCandidate;
use clap_complete::env::{EnvCompleter, Shells};

use crate::catalog::Catalog;
use crate::paths::Paths;
use crate::session::Session;
use crate::summary::{self, Summary};

/// The environment variable that turns a run into a completion request.
pub const COMPLETE_VAR: &str = "RUNGS_COMPLETE";

fn session() -> Session {
    let paths = Paths::resolve(None, None, &|name| std::env::var_os(name));
    Session::new(paths, Vec::new(), crate::output::Settings::plain())
}

fn catalog(session: &Session) -> Option<&Catalog> {
    session.catalog().ok()
}

fn summaries(session: &Session) -> Vec<Summary> {
    let (Ok(store), Some(catalog)) = (session.store(), catalog(session)) else {
        return Vec::new();
    };
    summary::summaries(store, catalog, None)
        .ok()
        .unwrap_or_default()
}

/// Codes of the default framework's archetypes, with their titles.
pub fn role_codes() -> Vec<CompletionCandidate> {
    let session = session();
    let Some(framework) = catalog(&session).and_then(|c| c.selected().ok()) else {
        return Vec::new();
    };
    framework
        .archetypes
        .iter()
        .map(|a| CompletionCandidate::new(&a.code).help(Some(a.title.clone().into())))
        .collect()
}

/// Ids of every framework rungs can see.
pub fn framework_ids() -> Vec<CompletionCandidate> {
    let session = session();
    let Some(catalog) = catalog(&session) else {
        return Vec::new();
    };
    catalog
        .entries()
        .iter()
        .map(|e| {
            CompletionCandidate::new(&e.framework.id).help(Some(e.framework.name.clone().into()))
        })
        .collect()
}

/// Everyone with a stored assessment, each once.
pub fn people() -> Vec<CompletionCandidate> {
    let mut people: Vec<String> = summaries(&session())
        .into_iter()
        .map(|s| s.person.to_string())
        .collect();
    people.sort();
    people.dedup();
    people.into_iter().map(CompletionCandidate::new).collect()
}

/// Every stored assessment's id, with whose view it is.
pub fn assessment_ids() -> Vec<CompletionCandidate> {
    summaries(&session())
        .iter()
        .map(|s| {
            let help = format!("{} · {} · {}", s.person, s.view(), s.role);
            CompletionCandidate::new(&s.id).help(Some(help.into()))
        })
        .collect()
}

/// A shell's completion adapter from clap_complete, with rungs' own
/// writing of candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoted {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// The shells `rungs completions` writes for, and that completion
/// requests are answered for.
pub fn shells() -> Shells<'static> {
    Shells(&[
        &Quoted::Bash,
        &Quoted::Elvish,
        &Quoted::Fish,
        &Quoted::Powershell,
        &Quoted::Zsh,
    ])
}

impl Quoted {
    /// clap_complete's adapter, which writes the registration script.
    fn builtin(self) -> &'static dyn EnvCompleter {
        match self {
            Quoted::Bash => &clap_complete::env::Bash,
            Quoted::Zsh => &clap_complete::env::Zsh,
            Quoted::Fish => &clap_complete::env::Fish,
            Quoted::Elvish => &clap_complete::env::Elvish,
            Quoted::Powershell => &clap_complete::env::Powershell,
        }
    }

    /// The word being completed as the shell would read it: quotes and
    /// backslashes typed before Tab are not part of what is matched.
    fn dequote(self, word: &str) -> String {
        match self {
            Quoted::Powershell => dequote_powershell(word),
            Quoted::Elvish => word.to_string(),
            Quoted::Bash | Quoted::Zsh | Quoted::Fish => dequote_posix(word),
        }
    }

    /// The text written for one candidate, or none when it cannot be
    /// written safely for this shell.
    fn line(self, candidate: &CompletionCandidate) -> Option<String> {
        let value = candidate.get_value().to_str()?;
        if value.is_empty() || value.chars().any(is_unsafe) {
            return None;
        }
        let help = candidate
            .get_help()
            .map(|help| {
                let help = crate::text::collapse(&help.to_string());
                crate::text::visible_line(&help).into_owned()
            })
            .filter(|help| !help.is_empty());
        Some(match self {
            Quoted::Bash => quote_bash(value),
            Quoted::Elvish => value.to_string(),
            // `_describe` reads `value:help`, and quotes what it inserts.
            Quoted::Zsh => {
                let value = value.replace('\\', "\\\\").replace(':', "\\:");
                match help {
                    Some(help) => format!("{value}:{}", help.replace('\\', "\\\\")),
                    None => value,
                }
            }
            Quoted::Fish => match help {
                Some(help) => format!("{value}\t{help}"),
                None => value.to_string(),
            },
            Quoted::Powershell => {
                let value = quote_powershell(value);
                match help {
                    Some(help) => format!("{value}\t{help}"),
                    None => value,
                }
            }
        })
    }
}

impl EnvCompleter for Quoted {
    fn name(&self) -> &'static str {
        self.builtin().name()
    }

    fn is(&self, name: &str) -> bool {
        self.builtin().is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> Result<(), std::io::Error> {
        self.builtin()
            .write_registration(var, name, bin, completer, buf)
    }

    /// As clap_complete's adapters find the word being completed and join
    /// the candidates, with each candidate written by [`Quoted::line`].
    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        mut args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> Result<(), std::io::Error> {
        let env_index = || {
            std::env::var("_CLAP_COMPLETE_INDEX")
                .ok()
                .and_then(|i| i.parse::<usize>().ok())
                .unwrap_or_default()
        };
        let index = match self {
            Quoted::Bash | Quoted::Zsh | Quoted::Elvish => env_index(),
            Quoted::Fish | Quoted::Powershell => args.len().saturating_sub(1),
        };
        if *self == Quoted::Zsh && args.len() == index {
            args.push(OsString::new());
        }
        if let Some(word) = args.get_mut(index)
            && let Some(text) = word.to_str()
        {
            *word = self.dequote(text).into();
        }
        let candidates = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        let lines = candidates.iter().filter_map(|c| self.line(c));
        match self {
            Quoted::Bash | Quoted::Zsh | Quoted::Elvish => {
                let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".into());
                let joined: Vec<String> = lines.collect();
                write!(buf, "{}", joined.join(&ifs))
            }
            Quoted::Fish | Quoted::Powershell => {
                for line in lines {
                    writeln!(buf, "{line}")?;
                }
                Ok(())
            }
        }
    }
}

/// A character no candidate may hold: a control character (a line break
/// or vertical tab would split it, an escape would reach the terminal),
/// or one that reorders or separates lines as a reader sees them.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A word for bash, which inserts a candidate as it is and, before that,
/// splits the list and expands globs in it: every character but letters,
/// digits and `_ - . , / + @ % : =` gets a backslash, which keeps it
/// through both and leaves the word as typed. (Single quotes would not do:
/// `'*'` is still a pattern to the glob that runs on the list.)
pub fn quote_bash(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        if !(c.is_alphanumeric()
            || matches!(c, '_' | '-' | '.' | ',' | '/' | '+' | '@' | '%' | ':' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A word for PowerShell, which inserts a candidate as it is: in single
/// quotes when it holds anything but letters, digits and `_ - . /`, with
/// each single quote (PowerShell takes four characters for one) doubled.
pub fn quote_powershell(value: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '/');
    if value.chars().all(|c| plain(c) || c == '-') && !value.starts_with('-') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// A partly typed word as a POSIX shell reads it: backslashes and
/// quotes removed, an unclosed quote taken as closed.
fn dequote_posix(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut quote: Option<char> = None;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') => out.extend(chars.next()),
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => match chars.peek() {
                Some(&next) if matches!(next, '\\' | '"' | '$' | '`') => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push('\\'),
            },
            (_, c) => out.push(c),
        }
    }
    out
}

/// A partly typed word as PowerShell reads it: in single quotes, with a
/// doubled quote for one; or in double quotes.
fn dequote_powershell(word: &str) -> String {
    if let Some(rest) = word.strip_prefix('\'') {
        let rest = rest.strip_suffix('\'').unwrap_or(rest);
        return rest.replace("''", "'");
    }
    if let Some(rest) = word.strip_prefix('"') {
        return rest.strip_suffix('"').unwrap_or(rest).to_string();
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_unsafe_but_tab(c: char) -> bool {
        c != '\t' && is_unsafe(c)
    }

    fn line(shell: Quoted, value: &str, help: Option<&str>) -> Option<String> {
        let candidate = CompletionCandidate::new(value).help(help.map(|h| h.to_string().into()));
        shell.line(&candidate)
    }

    /// Issue 27, item 1: names from files are written for each shell so
    /// that what it inserts is the name, and nothing runs.
    #[test]
    fn candidates_are_quoted_for_the_shell_they_go_to() {
        let hostile = "x; touch PWNED";
        assert_eq!(
            line(Quoted::Bash, hostile, None).as_deref(),
            Some("x\\;\\ touch\\ PWNED")
        );
        assert_eq!(line(Quoted::Bash, "*", None).as_deref(), Some("\\*"));
        assert_eq!(
            line(Quoted::Bash, "O'Brien", None).as_deref(),
            Some("O\\'Brien")
        );
        assert_eq!(line(Quoted::Bash, "Zoë", None).as_deref(), Some("Zoë"));
        assert_eq!(
            line(Quoted::Powershell, "O'Brien $(x)", Some("Ada")).as_deref(),
            Some("'O''Brien $(x)'\tAda")
        );
        assert_eq!(
            line(Quoted::Powershell, "a\u{2019}b", None).as_deref(),
            Some("'a\u{2019}\u{2019}b'")
        );
        assert_eq!(
            line(Quoted::Powershell, "ada-spe-2026", None).as_deref(),
            Some("ada-spe-2026")
        );
        assert_eq!(
            line(Quoted::Zsh, "a:b\\c", Some("help: \\ here")).as_deref(),
            Some("a\\:b\\\\c:help: \\\\ here")
        );
        assert_eq!(
            line(Quoted::Fish, hostile, Some("two\nlines")).as_deref(),
            Some("x; touch PWNED\ttwo lines")
        );
        assert_eq!(
            line(Quoted::Elvish, hostile, None).as_deref(),
            Some(hostile)
        );
        // Escapes in the help never reach the terminal.
        for help in ["\u{1b}]0;pwned\u{7}", "a\rb\u{7f}", "\u{9b}2J"] {
            let written = line(Quoted::Fish, "ada", Some(help)).expect("a line");
            assert!(!written.contains(is_unsafe_but_tab), "{written:?}");
        }
    }

    #[test]
    fn candidates_with_control_characters_are_left_out_everywhere() {
        for shell in [
            Quoted::Bash,
            Quoted::Zsh,
            Quoted::Fish,
            Quoted::Elvish,
            Quoted::Powershell,
        ] {
            for value in ["a\u{1b}[2Jb", "a\nb", "a\u{b}b", "a\tb", "", "a\u{202e}b"] {
                assert_eq!(line(shell, value, None), None, "{shell:?} {value:?}");
            }
        }
    }

    #[test]
    fn typed_words_are_matched_without_their_quotes() {
        assert_eq!(dequote_posix("O\\'Br"), "O'Br");
        assert_eq!(dequote_posix("'O'\\''Br"), "O'Br");
        assert_eq!(dequote_posix("\"Ada L"), "Ada L");
        assert_eq!(dequote_posix("Ada\\ L"), "Ada L");
        assert_eq!(dequote_powershell("'O''Br"), "O'Br");
        assert_eq!(dequote_powershell("\"Ada L"), "Ada L");
        assert_eq!(dequote_powershell("plain"), "plain");
    }
}
