//! Where `rungs` keeps things on disk, resolved once per run.
//!
//! Each directory can be overridden by a flag or an environment variable
//! (`RUNGS_CONFIG_DIR`, `RUNGS_DATA_DIR`, `RUNGS_CACHE_DIR`), which every
//! test uses so it never touches a real home directory.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The directories one run uses, and where each choice came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Holds `config.toml` and `frameworks/` with the user's own framework
    /// files. `None` when
    /// the platform has no home directory and nothing overrides it.
    pub config_dir: Option<PathBuf>,
    pub config_source: Source,
    /// Holds `assessments/`. `None` when the platform has no home
    /// directory and nothing overrides it.
    pub data_dir: Option<PathBuf>,
    pub data_source: Source,
    /// Holds what rungs can work out again from the data directory (see
    /// [`crate::cache`]), a folder per data directory. `None` when the
    /// platform has no home directory and nothing overrides it.
    pub cache_dir: Option<PathBuf>,
    pub cache_source: Source,
}

/// Why a directory is the one used, for `rungs paths`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// `--config-dir` or `--data-dir`.
    Flag,
    /// `RUNGS_CONFIG_DIR` or `RUNGS_DATA_DIR`.
    Environment,
    /// The platform's directory for the user.
    PlatformDefault,
    /// Nothing: the platform has no home directory.
    None,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Flag => "flag",
            Source::Environment => "environment",
            Source::PlatformDefault => "platform default",
            Source::None => "none",
        }
    }
}

/// The environment variables that choose the directories.
pub const CONFIG_DIR_VAR: &str = "RUNGS_CONFIG_DIR";
pub const DATA_DIR_VAR: &str = "RUNGS_DATA_DIR";
pub const CACHE_DIR_VAR: &str = "RUNGS_CACHE_DIR";

impl Paths {
    /// A flag wins, then its environment variable (`env` reads one; empty
    /// counts as unset), then the platform's directory.
    pub fn resolve(
        config_flag: Option<PathBuf>,
        data_flag: Option<PathBuf>,
        env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Paths {
        let dirs = project_dirs();
        let pick = |flag: Option<PathBuf>, var: &str, default: Option<PathBuf>| {
            if let Some(path) = flag {
                return (Some(path), Source::Flag);
            }
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                return (Some(PathBuf::from(value)), Source::Environment);
            }
            match default {
                Some(path) => (Some(path), Source::PlatformDefault),
                None => (None, Source::None),
            }
        };
        let (config_dir, config_source) = pick(
            config_flag,
            CONFIG_DIR_VAR,
            dirs.as_ref().map(|d| d.config_dir().to_path_buf()),
        );
        let (data_dir, data_source) = pick(
            data_flag,
            DATA_DIR_VAR,
            dirs.as_ref().map(|d| d.data_dir().to_path_buf()),
        );
        let (cache_dir, cache_source) = pick(
            None,
            CACHE_DIR_VAR,
            dirs.as_ref().map(|d| d.cache_dir().to_path_buf()),
        );
        Paths {
            config_dir,
            config_source,
            data_dir,
            data_source,
            cache_dir,
            cache_source,
        }
    }

    /// Where users drop their own framework files.
    pub fn user_frameworks_dir(&self) -> Option<PathBuf> {
        self.config_dir.as_deref().map(|dir| dir.join("frameworks"))
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "rungs")
}

/// True for a `--framework` value that names a file rather than an id.
pub fn looks_like_path(value: &str) -> bool {
    value.ends_with(".toml")
        || value.contains('/')
        || value.contains('\\')
        || Path::new(value).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_wins_over_the_environment_which_wins_over_the_platform() {
        let env = |name: &str| (name == DATA_DIR_VAR).then(|| "/tmp/env-data".into());
        let paths = Paths::resolve(Some(PathBuf::from("/tmp/x")), None, &env);
        assert_eq!(
            paths.user_frameworks_dir(),
            Some(PathBuf::from("/tmp/x/frameworks"))
        );
        assert_eq!(paths.config_source, Source::Flag);
        assert_eq!(paths.data_dir, Some(PathBuf::from("/tmp/env-data")));
        assert_eq!(paths.data_source, Source::Environment);
        let paths = Paths::resolve(None, Some(PathBuf::from("/tmp/d")), &env);
        assert_eq!(paths.data_source, Source::Flag);
        let env = |name: &str| (name == CACHE_DIR_VAR).then(|| "/tmp/cache".into());
        let paths = Paths::resolve(None, None, &env);
        assert_eq!(paths.cache_dir, Some(PathBuf::from("/tmp/cache")));
        assert_eq!(paths.cache_source, Source::Environment);
    }

    #[test]
    fn ids_and_paths_are_told_apart() {
        assert!(looks_like_path("acme.toml"));
        assert!(looks_like_path("./acme"));
        assert!(!looks_like_path("platform-engineering"));
    }
}
