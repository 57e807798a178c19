//! Every command the README shows runs, exactly as written, in a sandbox
//! that looks like a newcomer's machine: a home directory of its own (so
//! `~/.config/rungs` is real), `rungs` on the PATH, the files the README
//! names beside it, and the data the tour assumes. A command that waits
//! for a person (`rungs assess` with no answers file) is started in a
//! pseudo-terminal and left at its first question.
//!
//! The 1:1 section runs in two data directories at once, a manager's and
//! an engineer's: `docs::every_command_of_the_readme_one_on_one_section_runs`
//! covers it.

use std::path::{Path, PathBuf};
use std::process::Command;

use rexpect::session::spawn_command;

use crate::support::{fixture, repo};

/// The README's shell blocks, as (heading above, command line) pairs;
/// comments and blank lines left out, a trailing `# comment` dropped.
fn commands() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let mut heading = String::new();
    let mut in_sh = false;
    let mut found = Vec::new();
    for line in text.lines() {
        if !in_sh && line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_string();
        }
        if line.starts_with("```") {
            in_sh = !in_sh && line == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let command = match line.find("  #") {
            Some(at) => &line[..at],
            None => line,
        }
        .trim();
        if command.is_empty() || command.starts_with('#') {
            continue;
        }
        found.push((heading.clone(), command.to_string()));
    }
    found
}

/// The README's quarter in two data directories, run by
/// [`the_quarter_between_an_engineer_and_a_manager_runs_as_written`].
const BETWEEN: &str = "Between an engineer and a manager";

/// A newcomer's machine: a home, a working directory with the files the
/// README names, and `rungs` first on the PATH.
struct Sandbox {
    _dir: tempfile::TempDir,
    home: PathBuf,
    work: PathBuf,
    path: std::ffi::OsString,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let home = dir.path().join("home");
        let work = home.join("work");
        std::fs::create_dir_all(&work).expect("work dir");
        let binary = assert_cmd::cargo::cargo_bin("rungs");
        let bin_dir = binary.parent().expect("bin dir").to_path_buf();
        let mut paths = vec![bin_dir];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let sandbox = Sandbox {
            path: std::env::join_paths(paths).expect("PATH"),
            home,
            work,
            _dir: dir,
        };
        sandbox.lay_out();
        sandbox
    }

    /// The files and data the README's commands refer to.
    fn lay_out(&self) {
        let copy = |from: &Path, to: &str| {
            std::fs::copy(from, self.work.join(to)).expect("copy a file the README names");
        };
        copy(&repo().join("examples/acme.toml"), "my-ladder.toml");
        std::fs::create_dir_all(self.work.join("examples")).expect("examples dir");
        copy(&repo().join("examples/acme.toml"), "examples/acme.toml");
        copy(&fixture("import/rows.csv"), "ladder.csv");
        copy(&fixture("import/shapes/pipe-table.md"), "ladder.md");
        copy(&fixture("import/shapes/proficiency.csv"), "skills.csv");
        copy(&fixture("import/role-pages/1-engineer.md"), "e1.md");
        copy(&fixture("import/role-pages/2-senior-engineer.md"), "e2.md");
        let third = std::fs::read_to_string(fixture("import/role-pages/2-senior-engineer.md"))
            .expect("page")
            .replace("Senior Engineer (E2)", "Staff Engineer (E3)")
            .replace("e2.", "e3.");
        std::fs::write(self.work.join("e3.md"), third).expect("page");
        // The answers file the README shows, as the README shows it.
        let answers = crate::docs::block_after("README.md", "### Answers files", "toml");
        std::fs::write(self.work.join("ada.toml"), answers).expect("answers");
        // Ada's assessments, as the tour assumes them: her own of today's
        // README date, and a manager's view.
        let data = self.home.join(".local/share/rungs/assessments");
        std::fs::create_dir_all(&data).expect("data dir");
        for name in [
            "ada-spe-2026-11-20.toml",
            "ada-spe-2026-11-19-by-grace-manager.toml",
        ] {
            let from = fixture("data/assessments").join(name);
            std::fs::copy(&from, data.join(name)).expect("fixture");
        }
        let own = std::fs::read_to_string(fixture("data/assessments/ada-spe-2026-11-20.toml"))
            .expect("fixture")
            .replace("ada-spe-2026-11-20", "ada-spe-2026-11-25");
        std::fs::write(data.join("ada-spe-2026-11-25.toml"), own).expect("fixture");
        std::fs::write(
            self.home.join("for-ada.toml"),
            std::fs::read_to_string(fixture(
                "data/assessments/ada-spe-2026-11-19-by-grace-manager.toml",
            ))
            .expect("fixture"),
        )
        .expect("file to import");
        std::fs::copy(
            self.home.join("for-ada.toml"),
            self.work.join("for-ada.toml"),
        )
        .expect("file to import");
        self.repository(&self.home.join("src/platform"));
        // git knows who the newcomer is, as on any developer's machine:
        // the commits of "Sharing through git" need a name.
        std::fs::write(
            self.home.join(".gitconfig"),
            "[user]\n\tname = Ada\n\temail = ada@example.com\n",
        )
        .expect("git configuration");
        self.team();
    }

    /// The clones "For managers" reads with `--from`: a data directory
    /// for each of four reports, each with their own view and their
    /// manager's.
    fn team(&self) {
        for (name, slug) in [("Ada", "ada"), ("Bo", "bo"), ("Cy", "cy"), ("Dee", "dee")] {
            let dir = self.home.join("team").join(slug).join("assessments");
            std::fs::create_dir_all(&dir).expect("a report's folder");
            for file in [
                "ada-spe-2026-11-20.toml",
                "ada-spe-2026-11-19-by-grace-manager.toml",
            ] {
                let text = std::fs::read_to_string(fixture("data/assessments").join(file))
                    .expect("fixture")
                    .replace("person = \"Ada\"", &format!("person = \"{name}\""))
                    .replace("ada-spe-", &format!("{slug}-spe-"));
                std::fs::write(dir.join(file.replace("ada-", &format!("{slug}-"))), text)
                    .expect("a report's file");
            }
        }
    }

    /// A repository whose history the journal's git drafts read: a few
    /// commits by ada@example.com in October, one of them trivial.
    fn repository(&self, dir: &Path) {
        std::fs::create_dir_all(dir).expect("repository dir");
        let git = |args: &[&str], date: &str| {
            let status = Command::new("git")
                .current_dir(dir)
                .args(args)
                .env("GIT_AUTHOR_NAME", "Ada")
                .env("GIT_AUTHOR_EMAIL", "ada@example.com")
                .env("GIT_COMMITTER_NAME", "Ada")
                .env("GIT_COMMITTER_EMAIL", "ada@example.com")
                .env("GIT_AUTHOR_DATE", date)
                .env("GIT_COMMITTER_DATE", date)
                .env("HOME", &self.home)
                .status()
                .expect("git");
            assert!(status.success(), "git {args:?}");
        };
        git(&["init", "-q"], "2026-10-01T09:00:00+00:00");
        let commits = [
            (
                "Add SLO dashboards for the ingress",
                "2026-10-06T10:00:00+00:00",
            ),
            ("fix typo", "2026-10-07T10:00:00+00:00"),
            (
                "Move the ledger to the shared event schema",
                "2026-10-14T10:00:00+00:00",
            ),
        ];
        for (n, (subject, date)) in commits.iter().enumerate() {
            std::fs::write(dir.join(format!("change-{n}.txt")), subject).expect("file");
            git(&["add", "."], date);
            git(&["commit", "-q", "-m", subject], date);
        }
    }

    /// `bash -c LINE` in the working directory, as a person would type it.
    fn shell(&self, line: &str) -> Command {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(line)
            .current_dir(&self.work)
            .env_clear()
            .env("HOME", &self.home)
            .env("PATH", &self.path)
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("RUNGS_PAGER", "");
        command
    }
}

/// `cargo run --example NAME -- ARGS` as the example binary `cargo test`
/// has already built, so the test does not run cargo inside cargo.
fn example_line(line: &str) -> Option<String> {
    let rest = line.strip_prefix("cargo run --example ")?;
    let (name, args) = match rest.split_once(" -- ") {
        Some((name, args)) => (name.trim(), args.trim()),
        None => (rest.trim(), ""),
    };
    let binary = assert_cmd::cargo::cargo_bin("rungs")
        .parent()?
        .join("examples")
        .join(name);
    Some(format!("{} {args}", binary.display()))
}

/// A command that asks questions: `rungs assess` without an answers file
/// (or the quick start's `cargo run --release -- assess`), or `rungs
/// delete` without `--yes`.
fn is_interactive(line: &str) -> bool {
    first_question(line).is_some()
}

/// What such a command shows first: the first question, the review screen
/// of an assessment reopened by id, or delete's question.
fn first_question(line: &str) -> Option<&'static str> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(line.starts_with("rungs ") || line.starts_with("cargo run --release -- ")) {
        return None;
    }
    let at = |word: &str| words.iter().position(|w| *w == word);
    if let Some(assess) = at("assess")
        && !words.contains(&"--answers")
    {
        let reopened = words.get(assess + 1).is_some_and(|w| !w.starts_with('-'));
        return Some(if reopened {
            "answered"
        } else if words.contains(&"--person") && !words.contains(&"--role") {
            // The person given: the walk asks for their role first.
            "current role"
        } else {
            "Whose assessment is this?"
        });
    }
    (at("delete").is_some() && !words.contains(&"--yes")).then_some("[y/N]")
}

#[test]
fn every_command_in_the_readme_runs_as_written() {
    let sandbox = Sandbox::new();
    let mut ran = 0;
    for (heading, line) in commands() {
        // Building is what `cargo test` has just done: not again here.
        if heading.starts_with("1:1s")
            || heading == BETWEEN
            || line == "cargo test"
            || line.starts_with("cargo install ")
        {
            continue;
        }
        if let Some(question) = first_question(&line) {
            // The quick start's command builds the same binary first.
            let line = line.replacen("cargo run --release -- ", "rungs ", 1);
            let mut session =
                spawn_command(sandbox.shell(&line), Some(10_000)).expect("spawn in a terminal");
            session
                .exp_string(question)
                .unwrap_or_else(|e| panic!("{line}: no first question: {e}"));
            session.send_control('c').expect("Ctrl-C");
            session.exp_eof().expect("rungs ends on Ctrl-C");
            ran += 1;
            continue;
        }
        let line = example_line(&line).unwrap_or(line);
        let output = sandbox.shell(&line).output().expect("run bash");
        assert!(
            output.status.success(),
            "README ({heading}): `{line}` failed ({}):\nstdout:\n{}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 25, "only {ran} README commands found");
}

#[test]
fn the_readme_reader_finds_commands_and_drops_comments() {
    let found = commands();
    assert!(found.iter().any(|(_, c)| c == "rungs show SPE"));
    assert!(found.iter().all(|(_, c)| !c.contains("  #")));
    assert!(is_interactive("rungs assess"));
    assert!(is_interactive("cargo run --release -- assess"));
    assert!(!is_interactive("rungs assess --answers ada.toml"));
    assert_eq!(
        first_question("rungs assess ada-spe-2026-11-25"),
        Some("answered")
    );
    assert_eq!(
        first_question("rungs delete ada-spe-2026-11-20"),
        Some("[y/N]")
    );
    assert!(!is_interactive("rungs delete ada-spe-2026-11-20 --yes"));
    assert_eq!(
        first_question("rungs --data-dir ~/x assess --person Ada --assessor \"Grace (manager)\""),
        Some("current role")
    );
    assert_eq!(
        example_line("cargo run --example ladder -- examples/acme.toml")
            .map(|l| l.ends_with("examples/ladder examples/acme.toml")),
        Some(true)
    );
}

/// The README's quarter between an engineer and a manager, in two data
/// directories (`~/ada`, `~/grace`), every line run as written with bash.
/// A walk (`assess` without answers) needs a person at the keys: it is
/// started in a terminal to its first screen, then the same assessment is
/// recorded from an answers file, as the person's keys would have made it.
#[test]
fn the_quarter_between_an_engineer_and_a_manager_runs_as_written() {
    let sandbox = Sandbox::new();
    let lines: Vec<String> = commands()
        .into_iter()
        .filter(|(heading, _)| heading == BETWEEN)
        .map(|(_, line)| line)
        .collect();
    assert!(lines.len() >= 15, "{lines:?}");
    let mut walks = 0;
    for line in &lines {
        if is_interactive(line) {
            let mut session =
                spawn_command(sandbox.shell(line), Some(10_000)).expect("spawn in a terminal");
            session
                .exp_string("/164")
                .unwrap_or_else(|e| panic!("{line}: no first screen: {e}"));
            session
                .exp_string("q save and quit")
                .unwrap_or_else(|e| panic!("{line}: no keys: {e}"));
            session.send_control('c').expect("Ctrl-C");
            session.exp_eof().expect("rungs ends on Ctrl-C");
            let words: Vec<&str> = line.split_whitespace().collect();
            let dir = words[words.iter().position(|w| *w == "--data-dir").expect("dir") + 1];
            let assessor = line
                .split_once("--assessor \"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(name, _)| format!("assessor = \"{name}\""))
                .unwrap_or_default();
            // September and December differ on one statement.
            walks += 1;
            let arch = if walks == 1 { 1 } else { 2 };
            let overrides = [(
                "lse.arch.1",
                format!("{{ rating = {arch}, evidence = \"ADR-12, walk {walks}\" }}"),
            )];
            let overrides: Vec<(&str, &str)> =
                overrides.iter().map(|(a, b)| (*a, b.as_str())).collect();
            let answers =
                crate::support::full_answers(&format!("person = \"Ada\"\n{assessor}"), &overrides);
            let file = sandbox.work.join(format!("walk-{walks}.toml"));
            std::fs::write(&file, answers).expect("answers");
            let recorded = sandbox
                .shell(&format!(
                    "rungs --data-dir {dir} assess --answers {}",
                    file.display()
                ))
                .output()
                .expect("run");
            assert!(
                recorded.status.success(),
                "{line}: {}",
                String::from_utf8_lossy(&recorded.stderr)
            );
            continue;
        }
        let output = sandbox.shell(line).output().expect("run bash");
        assert!(
            output.status.success(),
            "README ({BETWEEN}): `{line}` failed ({}):\nstdout:\n{}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(walks, 3, "two of Ada's, one of Grace's");
    // What the quarter left: the journal went with Ada's view and is in
    // Grace's case, marked as imported; September's focus carried over to
    // December and was closed there.
    let case = std::fs::read_to_string(sandbox.work.join("case.html")).expect("case");
    assert!(
        case.contains("Wrote ADR-12 on the shared event schema"),
        "the journal travelled"
    );
    assert!(case.contains("journal-imported"), "shown as imported");
    let focus = sandbox
        .shell("rungs --data-dir ~/ada focus --format json")
        .output()
        .expect("focus");
    let focus: serde_json::Value = serde_json::from_slice(&focus.stdout).expect("json");
    assert_eq!(focus[0]["target"], "lse.arch.1", "{focus}");
    assert!(focus[0]["done"].is_string(), "{focus}");
}
