//! A builder for running the binary in a sealed environment: its own config
//! and data directories, no colour, no terminal.

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

    pub fn assessment_path(&self, id: &str) -> PathBuf {
        self.data_dir()
            .join("assessments")
            .join(format!("{id}.toml"))
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

    /// Puts an assessment file in the data directory as it is.
    pub fn add_assessment(&self, id: &str, text: &str) -> PathBuf {
        let path = self.assessment_path(id);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create assessments dir");
        std::fs::write(&path, text).expect("write assessment");
        path
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
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
            .env("TERM", "xterm")
            .env("NO_COLOR", "1");
        command
    }

    pub fn command(&self) -> Command {
        Command::from_std(self.std_command())
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let output = self.command().args(args).output().expect("run rungs");
        Output {
            stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// Runs and asserts success, returning standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_eq!(output.code, 0, "rungs {args:?} failed:\n{}", output.stderr);
        assert!(
            output.stderr.is_empty(),
            "unexpected stderr:\n{}",
            output.stderr
        );
        output.stdout
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
