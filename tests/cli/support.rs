//! A builder for running the binary in a sealed environment: its own config
//! and data directories, no colour, no terminal.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository root, for fixtures and examples.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A temporary home for one test.
pub struct TestEnv {
    dir: TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Every assessment file, wherever rungs put it: `assessments/` itself
    /// or a person's directory in it.
    pub fn assessment_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![self.data_dir().join("assessments")];
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    /// The file of an assessment, wherever rungs put it.
    pub fn assessment_path(&self, id: &str) -> PathBuf {
        let name = format!("{id}.toml");
        self.assessment_files()
            .into_iter()
            .find(|path| path.file_name().is_some_and(|n| n == name.as_str()))
            .unwrap_or_else(|| panic!("no file for assessment {id}"))
    }

    /// Copies the fixture assessments of `tests/fixtures/data` into the
    /// data directory.
    pub fn with_fixture_assessments(self) -> TestEnv {
        let from = fixture("data/assessments");
        for entry in std::fs::read_dir(&from).expect("fixture assessments") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("fixture");
            let name = path
                .file_stem()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            self.add_assessment(&name, &text);
        }
        self
    }

    /// Puts an assessment file directly in `assessments/`, as someone
    /// copying a file by hand would.
    pub fn add_assessment(&self, id: &str, text: &str) -> PathBuf {
        let path = self
            .data_dir()
            .join("assessments")
            .join(format!("{id}.toml"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create assessments dir");
        std::fs::write(&path, text).expect("write assessment");
        path
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    /// The cache directory: each data directory's caches, locks and
    /// remembered name are in a folder of their own inside it.
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// The data directory's own folder in the cache directory, once a
    /// run has made it.
    pub fn data_cache(&self) -> PathBuf {
        let mut folders: Vec<PathBuf> = std::fs::read_dir(self.cache_dir())
            .expect("the cache directory")
            .map(|entry| entry.expect("entry").path())
            .collect();
        assert_eq!(folders.len(), 1, "one data directory's caches: {folders:?}");
        folders.pop().expect("one folder")
    }

    /// Puts a framework file where `rungs` looks for the user's own.
    pub fn add_user_framework(&self, name: &str, text: &str) -> PathBuf {
        let dir = self.config_dir().join("frameworks");
        std::fs::create_dir_all(&dir).expect("create frameworks dir");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write framework");
        path
    }

    /// The binary in this environment, as a plain `std` command (for the
    /// pseudo-terminal tests).
    pub fn std_command(&self) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("rungs"));
        command
            .current_dir(repo())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("RUNGS_CONFIG_DIR", self.config_dir())
            .env("RUNGS_DATA_DIR", self.data_dir())
            .env("RUNGS_CACHE_DIR", self.cache_dir())
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            // No pager unless a test asks for one.
            .env("RUNGS_PAGER", "");
        command
    }

    pub fn command(&self) -> Command {
        Command::from_std(self.std_command())
    }

    /// Runs rungs with no standard input, and fails the test if it has not
    /// finished within [`RUN_TIMEOUT`]: a command that hangs (on a pipe, a
    /// lock) is a failure to see, not a test suite that never ends.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut child = self
            .std_command()
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run rungs");
        let started = std::time::Instant::now();
        let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
        let read = |pipe: Option<&mut dyn std::io::Read>| {
            let mut bytes = Vec::new();
            if let Some(pipe) = pipe {
                std::io::Read::read_to_end(pipe, &mut bytes).expect("read output");
            }
            bytes
        };
        let (stdout, stderr) = std::thread::scope(|scope| {
            let stdout = scope.spawn(|| read(out.as_mut().map(|p| p as &mut dyn std::io::Read)));
            let stderr = scope.spawn(|| read(err.as_mut().map(|p| p as &mut dyn std::io::Read)));
            loop {
                if child.try_wait().expect("wait for rungs").is_some() {
                    break;
                }
                if started.elapsed() > RUN_TIMEOUT {
                    let _ = child.kill();
                    panic!("rungs {args:?} did not finish within {RUN_TIMEOUT:?}");
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            (
                stdout.join().expect("stdout"),
                stderr.join().expect("stderr"),
            )
        });
        let status = child.wait().expect("exit status");
        let output = std::process::Output {
            status,
            stdout,
            stderr,
        };
        Output {
            stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// Runs and asserts success, returning standard output. Standard
    /// error may hold only the line a command prints when it chose an
    /// assessment for the person ("Using ...", "Comparing ...",
    /// "Charting ..."); `ok_noted` returns it.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_eq!(output.code, 0, "rungs {args:?} failed:\n{}", output.stderr);
        let unexpected: Vec<&str> = output
            .stderr
            .lines()
            .filter(|line| {
                !["Using ", "Comparing ", "Charting "]
                    .iter()
                    .any(|p| line.starts_with(p))
            })
            .collect();
        assert!(
            unexpected.is_empty(),
            "unexpected stderr:\n{}",
            output.stderr
        );
        output.stdout
    }

    /// Runs and asserts success, returning standard output and standard
    /// error (where commands that choose an assessment say which).
    pub fn ok_noted(&self, args: &[&str]) -> (String, String) {
        let output = self.run(args);
        assert_eq!(output.code, 0, "rungs {args:?} failed:\n{}", output.stderr);
        (output.stdout, output.stderr)
    }

    /// Runs and asserts it failed with `code`, returning standard error.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.run(args);
        assert_eq!(
            output.code, code,
            "rungs {args:?}: stdout:\n{}\nstderr:\n{}",
            output.stdout, output.stderr
        );
        output.stderr
    }
}

/// The statement ids of an archetype of the built-in framework, in walk
/// order.
pub fn statement_ids(code: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&TestEnv::new().ok(&["show", code, "--format", "json"]))
            .expect("show json");
    json["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_string())
        .collect()
}

/// An answers file for the built-in framework that answers every statement
/// of SPE and LSE: rating 1 with no evidence, except `overrides` (a
/// statement id and the inline table of its answer).
pub fn full_answers(header: &str, overrides: &[(&str, &str)]) -> String {
    let mut text = format!("{header}\nrole = \"SPE\"\nto = \"LSE\"\n[ratings]\n");
    for id in statement_ids("SPE").iter().chain(&statement_ids("LSE")) {
        let answer = overrides
            .iter()
            .find(|(o, _)| o == id)
            .map_or("{ rating = 1 }", |(_, answer)| answer);
        text.push_str(&format!("\"{id}\" = {answer}\n"));
    }
    text
}

/// Every entry under `dir`: its mode, and its content for a file; to
/// check that a folder rungs was only to read is byte for byte the same.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u32, Vec<u8>)> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            let metadata = std::fs::symlink_metadata(&path).expect("metadata");
            let content = if metadata.is_dir() {
                dirs.push(path.clone());
                Vec::new()
            } else {
                std::fs::read(&path).expect("a file")
            };
            found.insert(path, (metadata.permissions().mode(), content));
        }
    }
    found
}

pub fn set_writable(dir: &Path, writable: bool) {
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path.clone());
            }
            set_mode(&path, writable);
        }
    }
    set_mode(dir, writable);
}

fn set_mode(path: &Path, writable: bool) {
    let mode = std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode();
    let mode = if writable {
        mode | 0o200
    } else {
        mode & !0o222
    };
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(mode))
        .expect("chmod");
}

/// How long [`TestEnv::run`] lets one command take.
pub const RUN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// How long a pseudo-terminal test waits for what it expects.
pub const PTY_TIMEOUT_MS: u64 = 10_000;

/// `rungs` in a pseudo-terminal, as a person at a terminal runs it: keys
/// go in one at a time, and each wait for output has [`PTY_TIMEOUT_MS`]
/// and says what it waited for when it fails. The session itself is
/// there too (`exp_eof`, `send_control`, the process).
pub struct Pty(pub rexpect::session::PtySession);

impl std::ops::Deref for Pty {
    type Target = rexpect::session::PtySession;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Pty {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Pty {
    /// `rungs ARGS` in this environment, with `vars` set.
    pub fn spawn_with(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> Pty {
        let mut command = env.std_command();
        command.args(args);
        for (name, value) in vars {
            command.env(name, value);
        }
        Pty(
            rexpect::session::spawn_command(command, Some(PTY_TIMEOUT_MS))
                .expect("spawn rungs in a pseudo-terminal"),
        )
    }

    pub fn spawn(env: &TestEnv, args: &[&str]) -> Pty {
        Pty::spawn_with(env, args, &[])
    }

    /// Waits for `text`, returning what came before it.
    pub fn expect(&mut self, text: &str) -> String {
        match self.0.exp_string(text) {
            Ok(before) => before,
            Err(error) => panic!("waiting for {text:?}: {error}"),
        }
    }

    /// Presses one key (rexpect buffers what is sent until a flush).
    pub fn press(&mut self, key: &str) {
        self.0.send(key).expect("send key");
        self.0.flush().expect("flush");
    }
}

/// The id of the assessment a `Recorded ID: ...` line names.
pub fn recorded_id(stdout: &str) -> String {
    let rest = stdout.strip_prefix("Recorded ").expect("a recorded line");
    rest[..rest.find(':').expect("id ends at a colon")].to_string()
}

/// Runs git in `dir` as Ada (author and committer), at `date`, with no
/// configuration of this machine's.
pub fn git_as_ada(dir: &Path, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env_remove("GIT_DIR")
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}
