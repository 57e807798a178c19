//! Evidence written in the person's editor (`$VISUAL`, `$EDITOR`).
//!
//! The text goes into a temporary file beside the assessment it is for,
//! named as every temporary file of rungs is (`.rungs-<id>+<random>.tmp`,
//! 0600), so one left by a run killed while the editor was open is
//! removed by the next save of that assessment, or once it is old by any
//! run that lists its folder; never left in the system's temporary folder.
//!
//! What the editor leaves is read as any file from elsewhere is: only a
//! regular file, without waiting (an editor that put a named pipe in its
//! place cannot block the walk), up to the evidence limit, as UTF-8.

use std::path::Path;
use std::process::Command;

use crate::diagnostic::FileKind;
use crate::fsio;

/// What came of an edit.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The text as the editor left it, without line breaks at the end.
    Changed(String),
    /// Closed without a change.
    Unchanged,
}

/// Opens `initial` in `editor` (a program and its arguments, split as a
/// shell would split them but never run through one), in a temporary
/// file in `dir` named for `stem`. `Err` says why there is no text, for
/// the person: the editor did not run or failed, or left something that
/// is not evidence.
pub fn edit(editor: &str, dir: &Path, stem: &str, initial: &str) -> Result<Outcome, String> {
    let shown = crate::text::visible(editor).into_owned();
    let words = shell_words::split(editor).unwrap_or_else(|_| vec![editor.to_string()]);
    let Some((program, args)) = words.split_first() else {
        return Err("Set VISUAL or EDITOR to the editor to write evidence in.".into());
    };
    let temp = fsio::private_dir(dir)
        .and_then(|()| fsio::temp_file(dir, stem))
        .and_then(|mut temp| {
            use std::io::Write;
            temp.write_all(initial.as_bytes())?;
            temp.flush()?;
            Ok(temp)
        })
        .map_err(|error| format!("No file for the editor in {}: {error}", dir.display()))?;
    let status = Command::new(program)
        .args(args)
        .arg(temp.path())
        .status()
        .map_err(|error| format!("The editor `{shown}` did not run: {error}"))?;
    if !status.success() {
        return Err(format!(
            "The editor `{shown}` stopped with {status}: the evidence is as it was."
        ));
    }
    let bytes = fsio::read(temp.path(), FileKind::Evidence).map_err(|error| {
        let why = match error {
            fsio::ReadError::TooLarge { limit, .. } => format!(
                "it is larger than {} KiB, the most evidence one statement keeps",
                limit >> 10
            ),
            fsio::ReadError::NotRegular { what, .. } => {
                format!("the editor left {what}, not a file")
            }
            fsio::ReadError::Io { source, .. } => format!("it cannot be read: {source}"),
        };
        format!("The evidence was not kept: {why}. Nothing was changed.")
    })?;
    // The temporary file goes when `temp` is dropped, whatever the editor
    // left in its place.
    let mut text = String::from_utf8(bytes).map_err(|_| {
        "The evidence was not kept: the editor saved it in an encoding other than UTF-8. Nothing was changed."
            .to_string()
    })?;
    let end = text.trim_end_matches(['\n', '\r']).len();
    text.truncate(end);
    if text == initial.trim_end_matches(['\n', '\r']) {
        return Ok(Outcome::Unchanged);
    }
    Ok(Outcome::Changed(text))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn script(dir: &Path, body: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join("editor.sh");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path.to_str().expect("utf-8").to_string()
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("dir")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| fsio::is_temp(name))
            .collect()
    }

    #[test]
    fn the_text_comes_back_and_the_file_goes() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("ada");
        let editor = script(dir.path(), "printf 'two\\nlines\\n\\n' > \"$1\"");
        assert_eq!(
            edit(&editor, &folder, "ada-e1", "one"),
            Ok(Outcome::Changed("two\nlines".into()))
        );
        assert!(leftovers(&folder).is_empty());
        assert_eq!(
            edit("true", &folder, "ada-e1", "one"),
            Ok(Outcome::Unchanged)
        );
        let failed = edit("false", &folder, "ada-e1", "one").expect_err("failed");
        assert!(failed.contains("stopped with"), "{failed}");
        assert!(leftovers(&folder).is_empty());
    }

    /// Issue 27, items 2 and 13: an editor that leaves a named pipe, a
    /// link to a device or more than the limit cannot block the walk or
    /// fill the assessment; nothing is kept, and no file is left.
    #[test]
    fn pipes_devices_and_floods_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let folder = dir.path().join("ada");
        for (body, expected) in [
            ("rm \"$1\" && mkfifo \"$1\"", "a named pipe"),
            ("rm \"$1\" && ln -s /dev/zero \"$1\"", "a device"),
            (
                "head -c 2000000 /dev/zero | tr '\\0' x > \"$1\"",
                "larger than 1024 KiB",
            ),
            ("printf '\\377' > \"$1\"", "UTF-8"),
        ] {
            let editor = script(dir.path(), body);
            let started = std::time::Instant::now();
            let refused = edit(&editor, &folder, "ada-e1", "one").expect_err(body);
            assert!(refused.contains(expected), "{body}: {refused}");
            assert!(started.elapsed() < std::time::Duration::from_secs(10));
            assert!(leftovers(&folder).is_empty(), "{body}");
        }
    }
}
