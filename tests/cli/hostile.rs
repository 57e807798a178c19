//! Text that tries to drive the terminal: every text field of a framework,
//! an assessment's names, evidence and focus actions, and arguments on the
//! command line carry escape sequences (a new window title, a cleared
//! screen, a clipboard write), a carriage return, a backspace, a bell, DEL
//! and C1 controls. Whatever the command and format, none of them reaches
//! the output as a control character: each is shown visibly (`\e`, `\r`,
//! `\u{9b}`). JSON keeps the text exactly; HTML escapes it.

use rexpect::session::spawn_command;
use serde_json::Value;

use crate::support::{TestEnv, recorded_id};

/// Retitles the terminal, clears it, writes the clipboard, then overwrites
/// the line with a carriage return, erases with a backspace, rings, and
/// ends with DEL and two C1 controls (CSI and NEL).
const PAYLOAD: &str = "A\u{1b}]0;pwned\u{7}B\u{1b}[2JC\u{1b}]52;c;aGk=\u{7}D\rGood evidence\u{8}E\u{7f}F\u{9b}31mG\u{85}H";

/// What the payload's first sequence looks like once made visible.
const SHOWN: &str = r"A\e]0;pwned\aB\e[2J";

/// A control character that must never be printed: anything but newline
/// and tab.
fn forbidden(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn assert_clean(what: &str, text: &str) {
    if let Some((i, c)) = text.char_indices().find(|(_, c)| forbidden(*c)) {
        let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!(
            "{what}: control character U+{:04X} in the output near {:?}",
            u32::from(c),
            &text[from..(i + c.len_utf8()).min(text.len())]
        );
    }
}

/// `examples/acme.toml` with the payload added to every piece of text.
fn hostile_framework(env: &TestEnv) -> String {
    let text =
        std::fs::read_to_string(crate::support::repo().join("examples/acme.toml")).expect("acme");
    let table: toml::Table = toml::from_str(&text).expect("acme is TOML");
    let mut value = toml::Value::Table(table);
    fn poison(value: &mut toml::Value, key: Option<&str>) {
        match value {
            toml::Value::String(s)
                if matches!(
                    key,
                    Some(
                        "name" | "title" | "text" | "label" | "description" | "summary" | "version"
                    )
                ) =>
            {
                s.push_str(PAYLOAD);
            }
            toml::Value::Table(table) => {
                for (k, v) in table.iter_mut() {
                    poison(v, Some(k.as_str()));
                }
            }
            toml::Value::Array(items) => {
                for item in items {
                    poison(item, key);
                }
            }
            _ => {}
        }
    }
    poison(&mut value, None);
    let path = env.path().join("hostile.toml");
    std::fs::write(&path, toml::to_string(&value).expect("serialise")).expect("write");
    path.to_str().expect("utf-8").to_string()
}

fn answers(env: &TestEnv, name: &str, assessor: Option<&str>) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut text = format!(
        "person = {}\nrole = \"E1\"\nto = \"E2\"\nnotes = {}\n",
        quoted(&format!("Ada{PAYLOAD}")),
        quoted(PAYLOAD)
    );
    if let Some(assessor) = assessor {
        text.push_str(&format!("assessor = {}\n", quoted(assessor)));
    }
    text.push_str(&format!(
        "[ratings]\n\"e1.craft.1\" = {{ rating = 5, evidence = {0} }}\n\"e2.craft.1\" = {{ rating = 2, evidence = {0} }}\n\"e2.impact.1\" = {{ rating = 4 }}\n",
        quoted(PAYLOAD)
    ));
    let path = env.path().join(name);
    std::fs::write(&path, text).expect("write answers");
    path.to_str().expect("utf-8").to_string()
}

fn run(env: &TestEnv, args: &[String]) -> crate::support::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&args)
}

#[test]
fn no_control_character_from_a_file_or_an_argument_reaches_the_output() {
    let env = TestEnv::new();
    let framework = hostile_framework(&env);
    let fw = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--framework".to_string(), framework.clone()];
        all.extend(args.iter().map(|s| s.to_string()));
        all
    };
    let self_view = answers(&env, "self.toml", None);
    let recorded = env.run(
        &fw(&["assess", "--answers", &self_view])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(recorded.code, 0, "{}", recorded.stderr);
    assert_clean("assess --answers", &recorded.stdout);
    assert!(recorded.stdout.contains(SHOWN), "{}", recorded.stdout);
    let id = recorded_id(&recorded.stdout);
    let manager = answers(&env, "manager.toml", Some(&format!("Grace{PAYLOAD}")));
    let other = env.run(
        &fw(&["assess", "--answers", &manager])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(other.code, 0, "{}", other.stderr);
    let person = format!("Ada{PAYLOAD}");
    let focus = env.run(
        &fw(&[
            "focus",
            &id,
            "--add",
            "craft",
            "--action",
            &format!("Pair{PAYLOAD}"),
        ])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    assert_eq!(focus.code, 0, "{}", focus.stderr);
    let exported = env.path().join("exported.toml");
    let written = run(
        &env,
        &fw(&[
            "export",
            &id,
            "--format",
            "toml",
            "--output",
            exported.to_str().expect("utf-8"),
        ]),
    );
    assert_eq!(written.code, 0, "{}", written.stderr);

    let commands: Vec<Vec<String>> = vec![
        fw(&["roles"]),
        fw(&["roles", "--format", "md"]),
        fw(&["show", "E1"]),
        fw(&["show", "E1", "--format", "md"]),
        fw(&["show", "E1", "--vs", "E2"]),
        fw(&["show", "E1", "--vs", "E2", "--format", "md"]),
        fw(&["frameworks"]),
        fw(&["frameworks", "--format", "md"]),
        vec!["validate".into(), framework.clone()],
        fw(&["list"]),
        fw(&["list", "--format", "md"]),
        fw(&["gap", &id]),
        fw(&["gap", &id, "--format", "md"]),
        fw(&["gap", "--person", &person]),
        fw(&["compare", "--person", &person]),
        fw(&["compare", "--person", &person, "--format", "md"]),
        fw(&["progress", "--person", &person]),
        fw(&["progress", "--person", &person, "--format", "md"]),
        fw(&["focus", &id]),
        fw(&["focus", &id, "--format", "md"]),
        fw(&["export", &id, "--format", "md"]),
        fw(&["export", &id, "--format", "html"]),
        // Arguments echoed in errors.
        fw(&["show", PAYLOAD]),
        fw(&["gap", "--person", PAYLOAD]),
        fw(&["gap", PAYLOAD]),
        fw(&["focus", &id, "--add", PAYLOAD, "--action", "x"]),
        vec![format!("--bogus{PAYLOAD}")],
    ];
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = env.run(&args);
        let what = format!("rungs {args:?}");
        assert_clean(&format!("{what} (stdout)"), &output.stdout);
        assert_clean(&format!("{what} (stderr)"), &output.stderr);
        let all = format!("{}{}", output.stdout, output.stderr);
        // clap drops what it cannot show of a bad flag; everything else
        // shows the payload, escaped.
        let shown_by_rungs = !args.iter().any(|a| a.starts_with("--bogus"));
        assert!(
            !shown_by_rungs || all.contains("0;pwned"),
            "{what}: the payload should be shown visibly:\n{all}"
        );
    }

    // Importing someone's file: the confirmation names them safely.
    let other_env = TestEnv::new();
    let imported = other_env.run(&["import", exported.to_str().expect("utf-8")]);
    assert_clean("import (stdout)", &imported.stdout);
    assert_clean("import (stderr)", &imported.stderr);

    // JSON keeps every byte as typed.
    let gap: Value = serde_json::from_str(
        &env.ok(&fw(&["gap", &id, "--format", "json"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()),
    )
    .expect("json");
    assert_eq!(gap["person"], person.as_str());
    let expectations = gap["expectations"].as_array().expect("expectations");
    assert!(expectations.iter().any(|e| e["evidence"] == PAYLOAD));
    assert!(
        expectations
            .iter()
            .any(|e| e["text"].as_str().is_some_and(|t| t.ends_with(PAYLOAD)))
    );
}

#[test]
fn a_terminal_gets_colour_but_no_control_sequence_from_the_text() {
    let env = TestEnv::new();
    let framework = hostile_framework(&env);
    let self_view = answers(&env, "self.toml", None);
    env.ok(&["--framework", &framework, "assess", "--answers", &self_view]);

    // The report, in colour, in a terminal.
    let mut command = env.std_command();
    command.env_remove("NO_COLOR").args([
        "--framework",
        &framework,
        "gap",
        "--person",
        &format!("Ada{PAYLOAD}"),
    ]);
    let mut session = spawn_command(command, Some(10_000)).expect("spawn");
    let screen = session.exp_eof().expect("the report ends");
    check_terminal("gap in a terminal", &screen);
    assert!(screen.contains('\u{1b}'), "colour is on in a terminal");
    assert!(screen.contains(SHOWN), "{screen:?}");

    // The walk's own screen.
    let mut command = env.std_command();
    command.env_remove("NO_COLOR").args([
        "--framework",
        &framework,
        "assess",
        "--person",
        "Bo",
        "--role",
        "E1",
    ]);
    let mut session = spawn_command(command, Some(10_000)).expect("spawn");
    let screen = session
        .exp_string("save and quit")
        .expect("the first statement");
    check_terminal("the walk's screen", &screen);
    assert!(screen.contains(SHOWN), "{screen:?}");
    session.send("q").expect("quit");
    session.flush().expect("flush");
    session.exp_eof().expect("rungs ends");
}

/// In a terminal the layout may colour text (SGR sequences) and the
/// terminal driver turns each newline into CR LF; nothing else.
fn check_terminal(what: &str, screen: &str) {
    // rexpect hands over each byte as a char: decode the UTF-8 again.
    let bytes: Vec<u8> = screen.chars().map(|c| u32::from(c) as u8).collect();
    let screen = String::from_utf8(bytes).expect("the terminal got UTF-8");
    let screen = screen.as_str();
    // The walk clears the screen itself before each statement.
    let without_crlf = screen
        .replace("\r\u{1b}[2J\r\u{1b}[H", "")
        .replace("\r\n", "\n");
    let mut rest = without_crlf.as_str();
    let mut plain = String::new();
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            // Only colour, and the screen clearing the walk does itself:
            // ESC [ <digits;> m, ESC [ H, ESC [ J, ESC [ K, ESC [ ? 25 h/l.
            let body = &rest[1..];
            let end = body
                .char_indices()
                .find(|(i, ch)| *i > 0 && ch.is_ascii_alphabetic())
                .map(|(i, _)| i);
            let Some(end) = end.filter(|_| body.starts_with('[')) else {
                panic!(
                    "{what}: an escape that is not a CSI sequence: {:?}",
                    &rest[..rest.len().min(20)]
                );
            };
            let sequence = &body[..=end];
            let params = &sequence[1..sequence.len() - 1];
            let allowed = match sequence.chars().last() {
                Some('m') => params.chars().all(|c| c.is_ascii_digit() || c == ';'),
                Some('H' | 'J' | 'K' | 'A' | 'B' | 'C' | 'D' | 'G') => {
                    params.chars().all(|c| c.is_ascii_digit() || c == ';')
                }
                Some('h' | 'l') => params == "?25",
                _ => false,
            };
            assert!(
                allowed,
                "{what}: a control sequence other than colour and the walk's own: ESC{sequence}"
            );
            // The payload's own clear-screen is shown, never sent.
            assert_ne!(sequence, "[2J", "{what}: the text cleared the screen");
            rest = &body[sequence.len()..];
            continue;
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    assert_clean(what, &plain);
}

/// The walk's questions are styled by the layout: in colour, a prompt is
/// bold, never shown as the text `\e[1m` (the prompt was once made
/// visible after it was styled).
#[test]
fn a_prompt_in_colour_is_styled_not_escaped() {
    let env = TestEnv::new();
    let mut command = env.std_command();
    command.env_remove("NO_COLOR").arg("assess");
    let mut session = spawn_command(command, Some(10_000)).expect("spawn");
    let before = session
        .exp_string("Whose assessment is this?")
        .expect("the first question");
    let after = session.exp_string("(your name)").expect("the prompt ends");
    let shown = format!("{before}{after}");
    assert!(
        !shown.contains(r"\e["),
        "the styling was escaped: {shown:?}"
    );
    assert!(shown.contains("\u{1b}[1m"), "the prompt is bold: {shown:?}");
    session.send_control('c').expect("Ctrl-C");
    session.exp_eof().expect("ends");
}

/// A name over a line break would print what looks like a row of `list`
/// or a line of a report's heading: refused from `assess` and `log` flags
/// and from an answers file, each saying where (a stored file is refused the same
/// way, `assessment::check`'s tests).
#[test]
fn a_name_on_more_than_one_line_is_refused_wherever_it_is_given() {
    let env = TestEnv::new();
    let acme = ["--framework", "examples/acme.toml"];
    let flags: [&[&str]; 2] = [
        &["assess", "--person", "Ada\nfake-1  Mallory", "--role", "E1"],
        &["log", "--person", "Ada\nfake-1", "Shipped it"],
    ];
    for args in flags {
        let stderr = env.fails(&[&acme[..], args].concat(), 2);
        assert!(
            stderr.contains("`--person` is on more than one line"),
            "{args:?}: {stderr}"
        );
    }
    let answers = env.path().join("answers.toml");
    std::fs::write(
        &answers,
        "person = \"Ada\\nfake-1  Mallory\"\nrole = \"E1\"\n[ratings]\n\"e1.craft.1\" = { rating = 2 }\n",
    )
    .expect("write answers");
    let path = answers.to_str().expect("utf-8");
    let stderr = env.fails(&[&acme[..], &["assess", "--answers", path]].concat(), 3);
    assert!(
        stderr.contains("`person` is on more than one line")
            && stderr.contains("answers.toml:1:10"),
        "{stderr}"
    );
    let list = env.run(&["list"]);
    assert!(
        list.stdout.starts_with("No assessments yet"),
        "{}",
        list.stdout
    );
}
