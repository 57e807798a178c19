//! Sharing a data directory through git, with the real `git` binary: a
//! bare repository standing for the private remote, the engineer's clone
//! and the manager's, each its own data directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Pty, TestEnv, full_answers};

/// git run as a test's person would, in `dir`: the temporary home (no
/// configuration of the machine's), nothing from the environment's
/// `GIT_*` variables.
fn git(home: &Path, dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new("git");
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("GIT_") {
            command.env_remove(name);
        }
    }
    let output = command
        .current_dir(dir)
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} in {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The shared repository: a bare one in a temporary folder.
struct Remote {
    dir: tempfile::TempDir,
}

impl Remote {
    fn new() -> Remote {
        let dir = tempfile::tempdir().expect("temp dir");
        git(dir.path(), dir.path(), &["init", "-q", "--bare", "ada.git"]);
        Remote { dir }
    }

    fn url(&self) -> String {
        self.dir
            .path()
            .join("ada.git")
            .to_str()
            .expect("utf-8 path")
            .to_string()
    }
}

/// A person's data directory, cloned from `remote`, with their name in
/// the clone's configuration.
fn clone(remote: &Remote, name: &str, email: &str) -> TestEnv {
    let env = TestEnv::new();
    let data = env.data_dir();
    let data = data.to_str().expect("utf-8 path");
    git(
        env.path(),
        env.path(),
        &["clone", "-q", &remote.url(), data],
    );
    let dir = env.data_dir();
    git(env.path(), &dir, &["config", "user.name", name]);
    git(env.path(), &dir, &["config", "user.email", email]);
    git(env.path(), &dir, &["config", "pull.rebase", "false"]);
    env
}

/// The subjects of the data directory's commits, newest first.
fn subjects(env: &TestEnv) -> Vec<String> {
    git(env.path(), &env.data_dir(), &["log", "--format=%s"])
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file the last commit holds.
fn committed_files(env: &TestEnv) -> Vec<String> {
    git(
        env.path(),
        &env.data_dir(),
        &["ls-tree", "-r", "--name-only", "HEAD"],
    )
    .lines()
    .map(str::to_string)
    .collect()
}

/// An answers file in `env`'s folder, answering every statement of SPE
/// and LSE at `rating`.
fn answers(env: &TestEnv, name: &str, header: &str, rating: u8) -> PathBuf {
    let path = env.path().join(name);
    let arch = format!("{{ rating = {rating}, evidence = \"ADR-7\" }}");
    std::fs::write(
        &path,
        full_answers(header, &[("lse.arch.1", arch.as_str())]),
    )
    .expect("answers file");
    path
}

fn recorded(stdout: &str) -> String {
    let rest = stdout.strip_prefix("Recorded ").expect("a recorded line");
    rest[..rest.find(':').expect("id ends at a colon")].to_string()
}

/// Runs and asserts success; standard output and standard error.
fn ok(env: &TestEnv, args: &[&str]) -> (String, String) {
    env.ok_noted(args)
}

/// The engineer's record and the manager's view of it, each committed in
/// their own clone and pushed: the engineer's id.
fn shared_record(remote: &Remote, engineer: &TestEnv, manager: &TestEnv) -> String {
    let own = answers(engineer, "own.toml", "person = \"Ada\"", 3);
    let (out, err) = ok(
        engineer,
        &["assess", "--answers", own.to_str().expect("utf-8")],
    );
    let id = recorded(&out);
    assert!(
        err.contains("Committed ") && err.contains(": Ada: self-assessment SPE -> LSE complete"),
        "{err}"
    );
    let (_, err) = ok(
        engineer,
        &["log", "Led the ingress postmortem", "--person", "Ada"],
    );
    assert!(err.contains(": Ada: 1 journal entry"), "{err}");
    ok(engineer, &["git", "push", "-q", "origin", "HEAD"]);

    git(manager.path(), &manager.data_dir(), &["pull", "-q"]);
    let grace = answers(
        manager,
        "grace.toml",
        "person = \"Ada\"\nassessor = \"Grace (manager)\"",
        1,
    );
    let (_, err) = ok(
        manager,
        &["assess", "--answers", grace.to_str().expect("utf-8")],
    );
    assert!(
        err.contains(": Ada: assessment by Grace (manager) SPE -> LSE complete"),
        "{err}"
    );
    ok(manager, &["git", "push", "-q"]);
    let _ = remote;
    id
}

#[test]
fn two_clones_share_a_record_through_a_bare_repository() {
    let remote = Remote::new();
    let engineer = clone(&remote, "Ada", "ada@example.com");
    let manager = clone(&remote, "Grace", "grace@example.com");
    shared_record(&remote, &engineer, &manager);
    assert_eq!(
        subjects(&engineer),
        [
            "Ada: 1 journal entry",
            "Ada: self-assessment SPE -> LSE complete"
        ]
    );

    // The engineer pulls the manager's view and compares; so does the
    // manager, on the same files.
    ok(&engineer, &["git", "pull", "-q"]);
    assert_eq!(
        subjects(&engineer),
        [
            "Ada: assessment by Grace (manager) SPE -> LSE complete",
            "Ada: 1 journal entry",
            "Ada: self-assessment SPE -> LSE complete",
        ]
    );
    let (theirs, _) = ok(&manager, &["compare", "--person", "Ada", "--disconnects"]);
    let (ours, _) = ok(&engineer, &["compare", "--person", "Ada", "--disconnects"]);
    assert!(ours.contains("lse.arch.1"), "{ours}");
    assert_eq!(ours, theirs);
    // The manager's commit names its author as git knows them.
    let author = git(
        engineer.path(),
        &engineer.data_dir(),
        &["log", "-1", "--format=%an"],
    );
    assert_eq!(author.trim(), "Grace");

    // Nothing but people's files was ever committed, though the caches
    // and locks are there, in the cache directory.
    assert!(
        engineer
            .cache_dir()
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some())
    );
    for env in [&engineer, &manager] {
        let files = git(
            env.path(),
            &env.data_dir(),
            &["log", "--all", "--name-only", "--format="],
        );
        let files: Vec<&str> = files.lines().filter(|l| !l.is_empty()).collect();
        assert!(files.len() >= 3, "{files:?}");
        for file in files {
            assert!(
                (file.starts_with("assessments/ada/") || file.starts_with("journal/ada/"))
                    && file.ends_with(".toml"),
                "committed: {file}"
            );
        }
        // Nothing left over either.
        assert_eq!(
            git(env.path(), &env.data_dir(), &["status", "--porcelain"]),
            ""
        );
    }
}

#[test]
fn a_conflict_is_reported_at_its_markers_and_a_command_midway_commits_nothing() {
    let remote = Remote::new();
    let engineer = clone(&remote, "Ada", "ada@example.com");
    let manager = clone(&remote, "Grace", "grace@example.com");
    let id = shared_record(&remote, &engineer, &manager);
    ok(&engineer, &["git", "pull", "-q"]);
    // Out of normal use: both change the same statement of Ada's own
    // assessment.
    ok(&manager, &["rate", &id, "spe.skills.1", "0"]);
    ok(&manager, &["git", "push", "-q"]);
    let (_, err) = ok(&engineer, &["rate", &id, "spe.skills.1", "2"]);
    assert!(err.contains("Committed "), "{err}");
    let before = subjects(&engineer);
    let output = engineer.run(&["git", "pull", "-q"]);
    assert_eq!(output.code, 1, "git's own exit code: {}", output.stderr);

    // Read as damaged, at the first marker, never as half of each.
    let err = engineer.fails(&["gap", &id], 3);
    assert!(
        err.contains("git left a merge conflict in this file"),
        "{err}"
    );
    let path = engineer.assessment_path(&id);
    let text = std::fs::read_to_string(&path).expect("the conflicted file");
    let line = text
        .lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .expect("a marker")
        + 1;
    assert!(
        err.contains(&format!("{}:{line}:1", path.display())),
        "line {line}:\n{err}"
    );
    assert!(err.contains("rungs git checkout --ours"), "{err}");

    // A command during the merge does its work and says why it did not
    // commit.
    let (out, err) = ok(&engineer, &["log", "Reviewed the merge", "--person", "Ada"]);
    assert!(out.starts_with("Recorded in Ada's journal"), "{out}");
    assert!(err.contains("nothing committed to git"), "{err}");
    assert!(err.contains("a merge is under way"), "{err}");
    assert_eq!(subjects(&engineer), before);

    // Keeping one side settles it.
    let relative = path
        .strip_prefix(engineer.data_dir())
        .expect("in the data directory")
        .to_str()
        .expect("utf-8")
        .to_string();
    ok(&engineer, &["git", "checkout", "--theirs", &relative]);
    ok(&engineer, &["git", "add", "-A"]);
    ok(
        &engineer,
        &["git", "commit", "-q", "-m", "Merge Grace's rating"],
    );
    let (out, _) = ok(&engineer, &["gap", &id, "--format", "json"]);
    assert!(out.contains("\"readiness\""), "{out}");
}

#[test]
fn a_detached_head_or_no_git_commits_nothing_and_the_command_still_works() {
    let remote = Remote::new();
    let engineer = clone(&remote, "Ada", "ada@example.com");
    ok(&engineer, &["log", "First", "--person", "Ada"]);
    git(
        engineer.path(),
        &engineer.data_dir(),
        &["checkout", "-q", "--detach"],
    );
    let (out, err) = ok(&engineer, &["log", "Second", "--person", "Ada"]);
    assert!(out.starts_with("Recorded in Ada's journal"), "{out}");
    assert!(err.contains("HEAD is detached"), "{err}");
    assert_eq!(subjects(&engineer), ["Ada: 1 journal entry"]);

    // No git on PATH at all.
    let empty = tempfile::tempdir().expect("temp dir");
    let output = engineer
        .command()
        .env("PATH", empty.path())
        .args(["log", "Third", "--person", "Ada"])
        .output()
        .expect("run rungs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("git cannot be run"), "{err}");
    assert!(err.contains("install git"), "{err}");
    let (listed, _) = ok(&engineer, &["log", "--person", "Ada"]);
    assert!(listed.contains("Third"), "{listed}");

    // Outside a repository, nothing is said and git is never needed.
    let plain = TestEnv::new();
    let output = plain
        .command()
        .env("PATH", empty.path())
        .args(["log", "Alone", "--person", "Ada"])
        .output()
        .expect("run rungs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn init_git_commits_what_the_data_directory_already_holds() {
    let env = TestEnv::new().with_fixture_assessments();
    git(
        env.path(),
        env.path(),
        &["config", "--global", "user.name", "Ada"],
    );
    git(
        env.path(),
        env.path(),
        &["config", "--global", "user.email", "ada@example.com"],
    );
    let (out, _) = ok(&env, &["init", "--git"]);
    assert!(out.contains("is a git repository; committed "), "{out}");
    let files = committed_files(&env);
    assert!(files.contains(&".gitignore".to_string()), "{files:?}");
    let assessments = files
        .iter()
        .filter(|f| f.starts_with("assessments/"))
        .count();
    assert_eq!(assessments, env.assessment_files().len());
    let subject = subjects(&env);
    assert_eq!(subject.len(), 1);
    assert!(
        subject[0].starts_with("rungs: the data directory as it was ("),
        "{subject:?}"
    );
    // Twice is harmless.
    let (out, _) = ok(&env, &["init", "--git"]);
    assert!(out.contains("is in the git repository"), "{out}");
    assert_eq!(subjects(&env).len(), 1);
    // A file edited by hand before a command is left for its owner.
    let hand = env.assessment_files().pop().expect("a file");
    let mut text = std::fs::read_to_string(&hand).expect("file");
    text.push_str("\n# a note by hand\n");
    std::fs::write(&hand, text).expect("write");
    ok(&env, &["log", "Something", "--person", "Ada"]);
    let status = git(env.path(), &env.data_dir(), &["status", "--porcelain"]);
    assert_eq!(status.lines().count(), 1, "{status}");
    assert!(status.starts_with(" M assessments/"), "{status}");
}

#[test]
fn rungs_git_ends_with_gits_exit_code() {
    let env = TestEnv::new();
    ok(&env, &["git", "init", "-q"]);
    let output = env.run(&["git", "rev-parse", "--verify", "-q", "no-such-thing"]);
    assert_eq!(output.code, 1, "{output:?}");
    assert!(
        output.stderr.contains("git ended with exit code 1"),
        "{output:?}"
    );
    let output = env.run(&["git", "no-such-command"]);
    assert_eq!(output.code, 1, "{output:?}");
    let (out, _) = ok(
        &env,
        &["git", "status", "--porcelain", "--untracked-files=all"],
    );
    assert_eq!(out, "");
}

/// Commits everything in `env`'s data directory as if on `date`.
fn commit_on(env: &TestEnv, date: &str, subject: &str) {
    let dir = env.data_dir();
    git(env.path(), &dir, &["add", "-A"]);
    let status = Command::new("git")
        .current_dir(&dir)
        .args(["commit", "-q", "-m", subject])
        .env("HOME", env.path())
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git");
    assert!(status.success());
}

#[test]
fn progress_at_a_date_reads_the_data_directory_as_git_had_it_then() {
    let env = TestEnv::new();
    let dir = env.data_dir();
    std::fs::create_dir_all(&dir).expect("data dir");
    git(env.path(), &dir, &["init", "-q"]);
    git(env.path(), &dir, &["config", "user.name", "Ada"]);
    git(
        env.path(),
        &dir,
        &["config", "user.email", "ada@example.com"],
    );
    let first = std::fs::read_to_string(crate::support::fixture(
        "data/assessments/ada-spe-2026-11-20.toml",
    ))
    .expect("fixture");
    env.add_assessment("ada-spe-2026-11-20", &first);
    commit_on(&env, "2026-11-20T18:00:00+00:00", "Ada: first");
    env.add_assessment(
        "ada-spe-2026-11-25",
        &first.replace("ada-spe-2026-11-20", "ada-spe-2026-11-25"),
    );
    commit_on(&env, "2026-11-25T18:00:00+00:00", "Ada: second");

    let charted = |args: &[&str]| -> usize {
        let (out, _) = ok(&env, args);
        let json: serde_json::Value = serde_json::from_str(&out).expect("json");
        json["assessments"].as_array().expect("assessments").len()
    };
    let now = ["progress", "--person", "Ada", "--format", "json"];
    assert_eq!(charted(&now), 2);
    let then = [&now[..], &["--at", "2026-11-21"]].concat();
    assert_eq!(charted(&then), 1);
    let (_, err) = ok(&env, &then);
    assert!(err.starts_with("As of commit "), "{err}");
    assert!(
        err.contains("(2026-11-20), the last on or before 2026-11-21"),
        "{err}"
    );
    // Reading the past changes nothing here and leaves nothing behind.
    assert_eq!(git(env.path(), &dir, &["status", "--porcelain"]), "");

    let err = env.fails(&["progress", "--person", "Ada", "--at", "2026-01-01"], 2);
    assert!(err.contains("history starts after 2026-01-01"), "{err}");
    let plain = TestEnv::new().with_fixture_assessments();
    let err = plain.fails(&["progress", "--person", "Ada", "--at", "2026-11-21"], 2);
    assert!(err.contains("is not in a git repository"), "{err}");
}

/// Deleting a file the last commit has says git keeps it, not that it
/// cannot be undone; the deletion is committed in turn.
#[test]
fn delete_in_a_repository_says_git_keeps_the_file() {
    let env = TestEnv::new().with_fixture_assessments();
    for (key, value) in [("user.name", "Ada"), ("user.email", "ada@example.com")] {
        git(env.path(), env.path(), &["config", "--global", key, value]);
    }
    ok(&env, &["init", "--git"]);
    let file = env.assessment_files().pop().expect("a file");
    let id = file
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("an id")
        .to_string();
    let mut session = Pty::spawn(&env, &["delete", &id]);
    session.expect("Git keeps its");
    session.expect("[y/N]");
    session.press("y");
    session.press("\r");
    session.expect(&format!("Deleted {id}"));
    session.exp_eof().expect("exits");
    assert!(!file.exists());
    assert_eq!(subjects(&env).len(), 2, "{:?}", subjects(&env));
}
