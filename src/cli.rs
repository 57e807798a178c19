//! The command line: clap structs and their help, nothing else. `app.rs`
//! turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCandidates;

use crate::complete;
use crate::journal::carried::Choice;
use crate::output::ColorChoice;
use crate::render::Format;
use crate::render::packet::ExportFormat;
use crate::render::team::{Part, TeamFormat};

const EXAMPLES: &str = "\
Examples:
  rungs assess                         rate yourself against your role and the next
  rungs assess ID                      reopen an assessment: review it, change answers
  rungs list                           stored assessments, each with its status
  rungs roles                          the Platform Engineering ladder
  rungs show SPE                       every statement of the Senior Platform Engineer
  rungs show spe --format md           the same as Markdown
  rungs --framework acme.toml roles    the ladder of your own framework file
  rungs validate my-ladder.toml        check a framework file you wrote
  rungs paths                          where rungs keeps your files, and why there
  rungs ladder import ladder.csv       turn your company's spreadsheet into a framework file

Long reports go through a pager on a terminal (RUNGS_PAGER, PAGER, or less);
NO_COLOR and CLICOLOR_FORCE are honoured. `rungs man` prints the manual page.
";

/// Evidence-based career self-assessment against a career framework.
#[derive(Debug, Parser)]
#[command(name = "rungs", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// A framework id, or a framework file to load. Repeatable; the last one
    /// is the framework commands use.
    #[arg(long, global = true, value_name = "ID|PATH", add = ArgValueCandidates::new(complete::framework_ids))]
    pub framework: Vec<String>,

    /// Directory holding `frameworks/` with your own framework files
    /// [env: RUNGS_CONFIG_DIR].
    #[arg(long, global = true, value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Directory holding your assessments [env: RUNGS_DATA_DIR].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print long reports straight to the terminal, without a pager.
    #[arg(long, global = true)]
    pub no_pager: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rate your evidence for every statement of your role and the next one.
    #[command(after_help = "\
Keys during the walk:
  0-3 (the scale's values) rate, then type evidence on one line (↑ brings back what there was)
  s skip (offered once more before the end) · n no opportunity yet (counts as not met)
  Enter keep this time's answer and go on · b back
  k keep last time's rating and evidence · K keep last time's for the rest of the category
  e write the evidence in $VISUAL or $EDITOR, over several lines (the statement shown in it)
  j bring the journal entries tagged to the statement into the evidence, in the editor
  x what would show the statement (its examples), and what its category covers
  g the category at a glance, and every one after it · r review every statement and jump to one
  ? help · q save and quit
  Esc cancels a question; on a statement opened from the review or a category screen, back there
A reassessment opens each category with last time's answers: K keeps them all, a digit
opens the one that changed, Enter goes through them one by one. On the review screen:
arrows move, Enter opens, a number and Enter goes to it; u, s, n, m, w jump to the next
unanswered, skipped, no-opportunity, unmet or met-without-evidence statement; Esc goes back.
A category at a glance lists its statements one a line: ↑ ↓ move, a digit rates the line and
moves down (s skips, n no opportunity yet), Enter opens it for evidence, a goes on.

Every answer is saved the moment it is given; Ctrl-C exits (130) and says what is saved.
`rungs assess ID` reopens any assessment, a complete one on its review screen.
Once a person has been assessed, `rungs assess` offers a check-in first: the core statements
of both roles, with their examples shown; a full walk is pre-filled from the latest check-in.

Examples:
  rungs assess
  rungs assess --check-in                               the quarter's check-in
  rungs assess --full                                   every statement, for a promotion case
  rungs assess --person Ada --role SPE --to LSE
  rungs assess --person Ada --assessor \"Grace (manager)\"
  rungs assess --sections behaviours,skills
  rungs assess ada-spe-2026-11-25                       reopen, review, change answers
  rungs assess --answers ada.toml                       record without prompts
  rungs assess ada-spe-2026-11-25 --answers more.toml   merge answers into an assessment")]
    Assess(AssessArgs),

    /// Set one answer of an assessment, with no prompt: a rating, skip or n/a.
    #[command(after_help = "\
RATING is a value of the framework's scale, `skip`, or `n/a` (no opportunity yet: the
situation has not arisen; counts as not met). Checked as answers files are. Without
--evidence, the evidence already given stays; --evidence \"\" removes it.

Examples:
  rungs rate ada-spe-2026-11-25 lse.arch.2 2 --evidence \"Chaired the Q1 design review\"
  rungs rate ada-spe-2026-11-25 spe.reliability.3 n/a
  rungs rate ada-spe-2026-11-25 spe.skills.4 skip")]
    Rate(RateArgs),

    /// Delete a stored assessment.
    #[command(after_help = "\
On a terminal it asks first (y, then Enter); elsewhere it needs --yes. An assessment open
in another rungs session is not deleted.

Examples:
  rungs delete ada-spe-2026-11-25
  rungs delete ada-spe-2026-11-25 --yes")]
    Delete(DeleteArgs),

    /// The gap report: what the next archetype asks that is not yet met.
    #[command(after_help = "\
By default: the latest complete self-assessment of the person named last time, against its
next archetype; a line on standard error says which assessment was used. --assessor NAME
takes the latest complete one in that person's view, --any-status also takes unfinished ones.
An imported assessment counts in the view it holds: the person's own self-assessment, imported
into a manager's data directory, is their self view (and says \"imported\").

Examples:
  rungs gap
  rungs gap --person Ada --to LSE
  rungs gap --person Ada --assessor \"Grace (manager)\"
  rungs gap ada-spe-2026-11-25 --format md > gap.md
  rungs gap --format json | jq .readiness")]
    Gap(GapArgs),

    /// Two views of one person side by side: where they agree, where they differ.
    #[command(after_help = "\
A difference of 1 is marked; 2 or more is a disconnect to talk about. Ratings are never averaged.
--disconnects keeps only the disconnects: the agenda of a 1:1, grouped by category, the largest
difference first, with both people's evidence; as Markdown it is ready for meeting notes.

Without ids: the person's latest complete self-assessment (imported ones too: in a manager's
data directory, the one the person sent) against the latest complete one by someone else, or by
--assessor NAME. Without --person, the person named last time.

Examples:
  rungs compare --person Ada                 latest complete self view and latest complete view by someone else
  rungs compare --person Ada --assessor \"Grace (manager)\"
  rungs compare --person Ada --disconnects   only the statements rated 2 or more apart
  rungs compare --person Ada --disconnects --format md >> 1on1-notes.md
  rungs compare ada-spe-2026-11-25 ada-spe-2026-11-25-by-grace
  rungs compare --person Ada --format md > 1on1.md")]
    Compare(CompareArgs),

    /// One person's assessments over time: readiness, categories, what moved.
    #[command(after_help = "\
Charts complete assessments only; a line on standard error names those left out (in progress
or partial). What moved compares statements rated in both of the last two.

Examples:
  rungs progress
  rungs progress --person Ada
  rungs progress --person Ada --assessor \"Grace (manager)\"
  rungs progress --person Ada --format json | jq '.assessments[].readiness'
  rungs progress --person Ada --at 2026-06-30    as it stood then, in a data directory kept in git")]
    Progress(ProgressArgs),

    /// Show or change the agreed focus areas of an assessment (up to three).
    #[command(after_help = "\
A focus is a statement id (rungs show CODE lists them) or a category or section id.
By default: the latest complete self-assessment of the person named last time; a line on
standard error says which assessment was used. Open focus areas (up to three) carry over to
the person's next assessment in the same view until closed with --done or --dropped.

Examples:
  rungs focus
  rungs focus --assessment ada-spe-2026-11-25
  rungs focus --add collaboration --action \"Pair with security on the next design review\" --due 2027-03-31
  rungs focus --add lse.arch.3 --action \"Chair the Q1 cluster design review\"
  rungs focus --done 1
  rungs focus --remove 2")]
    Focus(FocusArgs),

    /// Export an assessment: a promotion packet (md, html, json) or the file to share (toml).
    #[command(after_help = "\
The packet is the full document by default: every expectation of the target role as a card, gaps and
missing evidence flagged. --panel writes the case for a promotion panel instead: what is met, with
its evidence, by category; what is not yet met as a short list; the agreed focus. --with adds
another view of the same person and roles (a manager's, say) beside the first on every statement;
repeat it for more (a manager and peers): each view is shown apart, never averaged.
Without an id: the latest complete self-assessment of --person (or of the person named last
time); a line on standard error says which assessment was used.

Examples:
  rungs export ada-spe-2026-11-25 --format html --output packet.html
  rungs export --person Ada --format html --output packet.html
  rungs export ada-spe-2026-11-25 --format html --panel --output case.html
  rungs export ada-spe-2026-11-25 --panel --with ada-spe-2026-11-25-by-grace-manager > case.md
  rungs export ada-spe-2026-11-25 --format md > packet.md
  rungs export ada-spe-2026-11-25-by-grace --format toml --output for-ada.toml
  rungs export ada-spe-2026-11-25 --format toml --journal tagged --output for-grace.toml
  (then, in the other data directory: rungs import for-ada.toml)")]
    Export(ExportArgs),

    /// Add an assessment exported from another data directory.
    #[command(after_help = "\
An assessment that already exists with different content is refused, never overwritten.
Journal entries sent with it (export --journal) are kept as the person's, shown as imported,
apart from this data directory's own journal.

Examples:
  rungs import for-ada.toml")]
    Import(ImportArgs),

    /// List stored assessments.
    #[command(after_help = "\
Examples:
  rungs list
  rungs list --person Ada
  rungs list --status in-progress
  rungs list --format json | jq '.[] | select(.status == \"in-progress\")'
  rungs list --verbose                every problem of a damaged file, with its lines

A damaged file is named on one line (the first few, then a count); `rungs validate FILE`
shows its problems in full.

An assessment is in progress until every statement has an answer (a rating, skipped or no
opportunity yet); then complete, or partial when only some sections were chosen.")]
    List(ListArgs),

    /// A manager's team: who is ready, who is due, where the team is thin, where views disagree.
    #[command(after_help = "\
Over the data directory, or over folders given with --from (each a data directory: a report's
clone, a shared folder; only read, nothing is written there). Imported views count: the team
view is where a manager's own views and the views people sent meet.

Parts: roster (one row per person), heatmap (category x person), gaps (where the team is thin),
calibration (each assessor beside the people's own views); all of them without PART.

Examples:
  rungs team
  rungs team heatmap
  rungs team --cycle 13w --sort due
  rungs team --from ~/reports/ada --from ~/reports/bo
  rungs team calibration --from ~/team-grace --from ~/team-lin
  rungs team --format csv --output team.csv
  rungs team --format html --output team.html
  rungs team --aggregate --format md          figures only, no names: for a director or HR")]
    Team(TeamArgs),

    /// Record evidence the day it happens, tagged to the statements it proves; list and keep the journal.
    #[command(after_help = "\
With TEXT, records an entry; without, lists the journal. On a terminal without --for, the three
statements of your current and next roles that best match TEXT are offered to tag it with.
--for takes statement ids (rungs show CODE lists them), category or section ids, or a few words
that match one statement of your roles clearly.

Examples:
  rungs log \"Led the ingress postmortem; all actions closed\" --link https://wiki/pm/42
  rungs log \"Paired with Sam on the module registry\" --for spe.leadership.2 --for collaboration
  rungs log \"Agreed a growth plan with Sam\" --date 2026-11-20 --for \"mentoring plan\"
  rungs log                                     this person's entries
  rungs log --since 2026-10-01 --for collaboration --format md
  rungs log --untagged
  rungs log --edit 2026-11-25-1 \"Led the ingress postmortem and its follow-up\"
  rungs log --retag 2026-11-25-1 --for spe.ownership.2
  rungs log --retag 2026-11-25-1 --for ''      remove every tag
  rungs log --remove 2026-11-25-1
  rungs log --from-git ~/src/platform --author ada@example.com --since 2026-10-01
  rungs log --from-git ~/src/platform --yes     record every proposed entry, no questions")]
    Log(LogArgs),

    /// Show the ladder: every archetype and the paths between them.
    #[command(after_help = "\
Examples:
  rungs roles
  rungs roles --format json | jq '.[].code'
  rungs --framework examples/acme.toml roles")]
    Roles(RolesArgs),

    /// Show one archetype: its summary, sections and statements with their ids.
    #[command(after_help = "\
Examples:
  rungs show SPE
  rungs show lse --format md > lse.md
  rungs show SPE --format json | jq -r '.statements[].id'
  rungs show SPE --vs LSE              what a Lead Software Engineer adds
  rungs show EM --vs HoE --format md")]
    Show(ShowArgs),

    /// List every framework available, with where it came from.
    #[command(after_help = "\
Examples:
  rungs frameworks
  rungs --framework ./acme.toml frameworks
  rungs frameworks --format json")]
    Frameworks(FrameworksArgs),

    /// Check framework files (or assessment files) and report every problem found.
    #[command(after_help = "\
An assessment file (one with a `person`) is checked as rungs reads it: against its
framework, when that is loaded.

Examples:
  rungs validate my-ladder.toml
  rungs validate ~/.config/rungs/frameworks/
  rungs validate ~/.local/share/rungs/assessments/ada/ada-spe-2026-11-25.toml

Exits 0 when every file is valid, 3 otherwise.")]
    Validate(ValidateArgs),

    /// Where rungs keeps your files, and what chose each directory.
    #[command(after_help = "\
Examples:
  rungs paths
  rungs paths --format json | jq -r '.[] | select(.name == \"data\") | .path'
  RUNGS_DATA_DIR=/tmp/try rungs paths")]
    Paths(PathsArgs),

    /// Bring in your company's ladder: import it from CSV or Markdown, or start one.
    #[command(
        subcommand,
        after_help = "\
Examples:
  rungs ladder import ladder.csv --output acme.toml
  rungs ladder import senior-engineer.md --dry-run
  rungs ladder new > my-ladder.toml"
    )]
    Ladder(LadderCommand),

    /// Make the data directory, and with --git a git repository that shares it.
    #[command(after_help = "\
In a data directory that is a git repository (or inside one), every command that changes
people's files commits them once it ends, with a message naming the person and what changed.
rungs never pushes or pulls: `rungs git push` and `rungs git pull` do, when you choose.
--git on a directory already holding assessments commits them as they are.

Examples:
  rungs init --git
  rungs --data-dir ~/ada-career init --git
  rungs git remote add origin git@git.example.com:ada/career.git")]
    Init(InitArgs),

    /// Run git in the data directory: `rungs git log`, `rungs git push`.
    #[command(after_help = "\
git's output goes through rungs' pager, its messages and questions (a password) straight to the
terminal; the exit code is git's.

Examples:
  rungs git log --oneline
  rungs git push
  rungs git pull
  rungs git clone git@git.example.com:ada/career.git .")]
    Git(GitArgs),

    /// Print a shell completion script: it completes role codes, framework
    /// ids, people and assessment ids by asking rungs as you type.
    #[command(after_help = "\
Examples:
  rungs completions bash > ~/.local/share/bash-completion/completions/rungs
  rungs completions zsh > ~/.zfunc/_rungs
  rungs completions fish > ~/.config/fish/completions/rungs.fish")]
    Completions(CompletionsArgs),

    /// Print the manual page (roff), for `man`.
    #[command(after_help = "\
Examples:
  rungs man | man -l -
  rungs man > ~/.local/share/man/man1/rungs.1")]
    Man,
}

/// Which assessment a report is about when no id is given: "the latest"
/// (see `summary::latest`). Shared by `gap`, `focus` and `export`.
#[derive(Debug, Args)]
pub struct Pick {
    /// The latest complete self-assessment of this person (the person named last time by default).
    #[arg(long, conflicts_with = "id", add = ArgValueCandidates::new(complete::people))]
    pub person: Option<String>,

    /// The latest complete assessment in this assessor's view (`self`, the default, for the person's own).
    #[arg(long, conflicts_with = "id")]
    pub assessor: Option<String>,

    /// Take the latest assessment whatever its status: in progress, partial or complete.
    #[arg(long, conflicts_with = "id")]
    pub any_status: bool,
}

#[derive(Debug, Args)]
pub struct RateArgs {
    /// An assessment id, as `rungs list` shows it.
    #[arg(add = ArgValueCandidates::new(complete::assessment_ids))]
    pub id: String,

    /// A statement id of the assessment (`rungs show CODE` lists them).
    pub statement: String,

    /// A value of the scale, `skip`, or `n/a`.
    #[arg(value_name = "RATING|skip|n/a", allow_hyphen_values = true)]
    pub rating: String,

    /// The evidence, replacing what was there (several lines are kept as they are).
    #[arg(long, value_name = "TEXT")]
    pub evidence: Option<String>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// An assessment id, as `rungs list` shows it.
    #[arg(add = ArgValueCandidates::new(complete::assessment_ids))]
    pub id: String,

    /// Delete without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct GapArgs {
    /// An assessment id, as `rungs list` shows it.
    #[arg(add = ArgValueCandidates::new(complete::assessment_ids))]
    pub id: Option<String>,

    #[command(flatten)]
    pub pick: Pick,

    /// Report against this archetype instead of the assessment's next one.
    #[arg(long, value_name = "CODE", add = ArgValueCandidates::new(complete::role_codes))]
    pub to: Option<String>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Two assessment ids.
    #[arg(num_args = 0..=2, value_name = "ID", add = ArgValueCandidates::new(complete::assessment_ids))]
    pub ids: Vec<String>,

    /// Pair this person's latest complete self-assessment with the latest complete one by someone
    /// else; the person named last time by default.
    #[arg(long, conflicts_with = "ids", add = ArgValueCandidates::new(complete::people))]
    pub person: Option<String>,

    /// The other view: the latest complete assessment by this assessor (anyone's but the person's
    /// own by default).
    #[arg(long, conflicts_with = "ids")]
    pub assessor: Option<String>,

    /// Without ids: take the latest of each view whatever its status.
    #[arg(long, conflicts_with = "ids")]
    pub any_status: bool,

    /// Only the statements rated 2 or more apart, largest difference first, by category.
    #[arg(long)]
    pub disconnects: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Whose assessments; the person named last time by default.
    #[arg(long, add = ArgValueCandidates::new(complete::people))]
    pub person: Option<String>,

    /// Whose view (`self` by default).
    #[arg(long)]
    pub assessor: Option<String>,

    /// As the data directory stood at the end of this day, from its git history.
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub at: Option<chrono::NaiveDate>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct FocusArgs {
    /// An assessment id; the latest complete self-assessment of the person named last time by default.
    #[arg(add = ArgValueCandidates::new(complete::assessment_ids))]
    pub id: Option<String>,

    /// The assessment with this id (the same as giving the id).
    #[arg(long, value_name = "ID", conflicts_with_all = ["id", "person", "assessor", "any_status"], add = ArgValueCandidates::new(complete::assessment_ids))]
    pub assessment: Option<String>,

    #[command(flatten)]
    pub pick: Pick,

    /// Add a focus: a statement, category or section id.
    #[arg(long, value_name = "TARGET", requires = "action")]
    pub add: Option<String>,

    /// What will be done about the focus being added.
    #[arg(long, requires = "add")]
    pub action: Option<String>,

    /// When the focus being added is due: YYYY-MM-DD.
    #[arg(long, requires = "add", value_name = "DATE", value_parser = date)]
    pub due: Option<chrono::NaiveDate>,

    /// Remove the focus with this number, as listed (closing it with --done or --dropped
    /// keeps it as history).
    #[arg(long, value_name = "N")]
    pub remove: Option<usize>,

    /// Close the focus with this number as done: it stays on this assessment, and no longer
    /// carries over to the next.
    #[arg(long, value_name = "N")]
    pub done: Option<usize>,

    /// Close the focus with this number as dropped.
    #[arg(long, value_name = "N")]
    pub dropped: Option<usize>,

    /// Remove every focus.
    #[arg(long)]
    pub clear: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// An assessment id, as `rungs list` shows it.
    #[arg(add = ArgValueCandidates::new(complete::assessment_ids))]
    pub id: Option<String>,

    #[command(flatten)]
    pub pick: Pick,

    /// What to produce.
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Md)]
    pub format: ExportFormat,

    /// Write to this file (created readable by you only) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// With --format toml: the person's journal entries to send along (tagged: those tagged to
    /// the assessment's statements; all; none, the default). `import` keeps them as the
    /// person's, apart from the receiver's own journal.
    #[arg(long, value_enum, value_name = "WHICH", default_value_t = Choice::None)]
    pub journal: Choice,

    #[command(flatten)]
    pub packet: PacketArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `rungs export ID --format toml`.
    pub file: PathBuf,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this person's assessments (case does not matter).
    #[arg(long, add = ArgValueCandidates::new(complete::people))]
    pub person: Option<String>,

    /// Only assessments with this status.
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Option<StatusArg>,

    /// Every problem of every damaged file, with its lines, rather than one line a file.
    #[arg(long, short = 'v')]
    pub verbose: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct RolesArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Archetype code, in any case: SPE, spe.
    #[arg(add = ArgValueCandidates::new(complete::role_codes))]
    pub code: String,

    /// Show side by side with this archetype: what it asks beyond CODE.
    #[arg(long, value_name = "CODE", add = ArgValueCandidates::new(complete::role_codes))]
    pub vs: Option<String>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct FrameworksArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Framework files, or directories whose *.toml files to check.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct PathsArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Make it a git repository, with a first commit of what it holds.
    #[arg(long)]
    pub git: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct GitArgs {
    /// Arguments for git, as you would give them to it.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        required = true,
        value_name = "ARGS"
    )]
    pub args: Vec<std::ffi::OsString>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: Shell,
}

/// The shells `rungs completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

impl Shell {
    /// The name clap_complete knows the shell by.
    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Elvish => "elvish",
            Shell::Powershell => "powershell",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum LadderCommand {
    /// Write a framework file from a spreadsheet (CSV) or Markdown pages.
    #[command(after_help = "\
Reads CSV (one row per statement, a row per competency with a column per level, or a
row per level with a column per competency), Markdown (a page per level, or one page for
the whole ladder, with pipe or HTML tables and front matter) and plain-text pages
(headings and bullets, as copied from a web page). Prints the ladder as a tree, what
became what, everything it guessed with the option that changes each guess, and what
it left out. Importing again over the same output file keeps the ids of statements that
did not change.

Examples:
  rungs ladder import ladder.csv --dry-run          see what it would make of it
  rungs ladder import ladder.csv --output acme.toml --name \"Acme Engineering\"
  rungs ladder import e1.md e2.md e3.md -o acme.toml  one page per level, lowest first
  rungs ladder import ladder.md --levels h3 --dry-run  the levels are the ### headings
  rungs ladder import skills.csv --scale \"Aware,Working,Expert\" --dry-run
  rungs validate acme.toml && rungs --framework acme.toml roles")]
    Import {
        /// CSV files or pages (Markdown or plain text); several pages are levels in the order given.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,

        /// Print what would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,

        /// The framework file to write (created readable by you only); `<id>.toml` by default.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,

        /// Replace the output file even if this import did not write it.
        #[arg(long)]
        force: bool,

        /// The framework's id; from its name by default.
        #[arg(long, value_name = "ID")]
        id: Option<String>,

        /// The framework's name; from the page's title or the file name by default.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,

        /// Where the levels are: auto, files (each file is one level), h1-h6 (headings of that depth), rows or columns (of a sheet or table).
        #[arg(long, value_name = "WHERE", default_value = "auto")]
        levels: String,

        /// What the sections are: auto, none (one section; headings are categories), h1-h6 (headings of that depth), or a sheet's column.
        #[arg(long, value_name = "WHAT", default_value = "auto")]
        sections: String,

        /// The rating scale's labels, lowest first, separated by commas ("Awareness,Working,Expert").
        #[arg(long, value_name = "LABELS")]
        scale: Option<String>,

        /// The order of pages: auto (by front matter's weight when every page has one) or given (as listed).
        #[arg(long, value_name = "ORDER", default_value = "auto", value_parser = ["auto", "given"])]
        order: String,

        #[command(flatten)]
        format: FormatArg,
    },

    /// Write a commented starter framework file to fill in.
    #[command(after_help = "\
Examples:
  rungs ladder new > my-ladder.toml
  rungs ladder new --output my-ladder.toml && rungs validate my-ladder.toml")]
    New {
        /// Write it to this file (never over an existing one) instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// An assessment to reopen (any, complete ones too), as `rungs list` shows it.
    #[arg(
        value_name = "ID",
        conflicts_with_all = ["person", "assessor", "role", "to", "sections", "new", "check_in", "full"],
        add = ArgValueCandidates::new(complete::assessment_ids)
    )]
    pub id: Option<String>,

    /// Whose assessment this is; asked (defaulting to last time's) when absent.
    #[arg(long, add = ArgValueCandidates::new(complete::people))]
    pub person: Option<String>,

    /// Who gives the ratings, when it is not the person: "Grace (manager)".
    #[arg(long)]
    pub assessor: Option<String>,

    /// Current role code; asked when absent.
    #[arg(long, value_name = "CODE", add = ArgValueCandidates::new(complete::role_codes))]
    pub role: Option<String>,

    /// Next archetype to assess against; asked when the role has several
    /// (a step up or a move across).
    #[arg(long, value_name = "CODE", add = ArgValueCandidates::new(complete::role_codes))]
    pub to: Option<String>,

    /// Only these sections, by id, comma-separated: behaviours,skills.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub sections: Option<Vec<String>>,

    /// Start a new assessment even if one is unfinished.
    #[arg(long)]
    pub new: bool,

    /// A check-in: only the core statements of the role and the next one (about 30); offered
    /// first when the person was assessed before.
    #[arg(long, conflicts_with = "full")]
    pub check_in: bool,

    /// A full assessment: every statement of both roles, for a promotion case.
    #[arg(long)]
    pub full: bool,

    /// Record an answers file (TOML) without any prompt; with an ID, merge it into that assessment.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["person", "assessor", "role", "to", "sections", "new", "check_in", "full"])]
    pub answers: Option<PathBuf>,
}

/// `--status`: the status of an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Not every statement has an answer yet.
    InProgress,
    /// Every statement has an answer.
    Complete,
    /// Every statement of the chosen sections has an answer.
    Partial,
}

/// What the md and html packets of `rungs export` hold.
#[derive(Debug, Clone, Default, Args)]
pub struct PacketArgs {
    /// The packet for a promotion panel: what is met with its evidence, by category; what is not
    /// yet met, briefly; the agreed focus (md and html).
    #[arg(long)]
    pub panel: bool,

    /// Add this assessment's view beside the exported one on every statement: the same person
    /// and roles, assessed by someone else (md and html). Repeatable: a manager and peers, each
    /// shown apart.
    #[arg(long, value_name = "ID")]
    pub with: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct LogArgs {
    /// What happened, in a line. Without it, entries are listed.
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,

    /// Whose journal; the person named last time by default.
    #[arg(long)]
    pub person: Option<String>,

    /// The day it happened, YYYY-MM-DD; today by default.
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub date: Option<chrono::NaiveDate>,

    /// A link to the evidence: a pull request, a document. Repeatable.
    #[arg(long = "link", value_name = "URL")]
    pub links: Vec<String>,

    /// A statement, category or section id, or a few words of a statement. Repeatable.
    /// When listing: only entries tagged to it.
    #[arg(long = "for", value_name = "ID|WORDS")]
    pub tags: Vec<String>,

    /// Only entries on or after this date (with --from-git: commits; 90 days ago by default).
    #[arg(long, value_name = "DATE", value_parser = date, conflicts_with_all = ["text", "edit", "retag", "remove"])]
    pub since: Option<chrono::NaiveDate>,

    /// Only entries on or before this date.
    #[arg(long, value_name = "DATE", value_parser = date, conflicts_with_all = ["text", "edit", "retag", "remove", "from_git"])]
    pub until: Option<chrono::NaiveDate>,

    /// Only entries with no tag.
    #[arg(long, conflicts_with_all = ["text", "tags", "edit", "retag", "remove", "from_git"])]
    pub untagged: bool,

    /// Change an entry: to TEXT, --date, the --link list or the --for list given.
    #[arg(long, value_name = "ID", conflicts_with_all = ["retag", "remove", "from_git"])]
    pub edit: Option<String>,

    /// Change an entry's tags: to those given with --for, or chosen from suggestions on a terminal.
    #[arg(long, value_name = "ID", conflicts_with_all = ["text", "date", "links", "remove", "from_git"])]
    pub retag: Option<String>,

    /// Remove an entry.
    #[arg(long, value_name = "ID", conflicts_with_all = ["text", "date", "links", "tags", "from_git"])]
    pub remove: Option<String>,

    /// Propose entries from a local git repository's commits, one a week, to keep, edit, tag or drop.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["text", "date", "links"])]
    pub from_git: Option<PathBuf>,

    /// With --from-git: only commits by this email address.
    #[arg(long, value_name = "EMAIL", requires = "from_git")]
    pub author: Option<String>,

    /// With --from-git: record every proposed entry without asking.
    #[arg(long, requires = "from_git")]
    pub yes: bool,

    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// One part only; every part when left out.
    #[arg(value_enum)]
    pub part: Option<Part>,

    /// A data directory to read instead of your own; repeat it for several (a clone per report, one per manager).
    #[arg(long, value_name = "DIR")]
    pub from: Vec<PathBuf>,

    /// How often each person is expected to be assessed: days or weeks (90d, 13w); config.toml's `team_cycle`, else 90d.
    #[arg(long, value_name = "LENGTH", value_parser = cycle)]
    pub cycle: Option<u32>,

    /// The roster's order.
    #[arg(long, value_enum, default_value_t = SortArg::Attention)]
    pub sort: SortArg,

    /// Only people whose current role is this code; repeatable.
    #[arg(long, value_name = "CODE")]
    pub role: Vec<String>,

    /// Only this person; repeatable.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,

    /// Figures only, no names and no evidence, for a director or HR; refused for fewer than 4 people.
    #[arg(long, conflicts_with_all = ["part", "person"])]
    pub aggregate: bool,

    /// The day to count from instead of today (YYYY-MM-DD): who will be due at the review.
    /// A view taken after it counts as 0 days old.
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub as_of: Option<chrono::NaiveDate>,

    /// What to produce.
    #[arg(long, short = 'f', value_enum, default_value_t = TeamFormat::Table)]
    pub format: TeamFormat,

    /// Write to this file (created readable by you only) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How `rungs team` sorts its roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    /// Overdue or never assessed first, then overdue focus areas, disconnects, due, drafts.
    Attention,
    Name,
    /// Readiness in the person's own view, highest first.
    Readiness,
    /// The longest since the latest assessment first.
    Due,
}

fn cycle(text: &str) -> Result<u32, String> {
    crate::config::parse_cycle(text).ok_or_else(|| {
        format!(
            "expected days or weeks, such as 90d or 13w, at most {} days",
            crate::config::MAX_CYCLE
        )
    })
}

/// A date as every file and flag of rungs writes it: `YYYY-MM-DD`, a year
/// from 0000 to 9999, and nothing else (not `2026-1-1`, `+2026-12-01` or
/// a negative year, which chrono would take).
fn date(text: &str) -> Result<chrono::NaiveDate, String> {
    crate::journal::parse_date(text)
        .ok_or_else(|| "expected a date as YYYY-MM-DD, a year from 0000 to 9999: 2026-11-25".into())
}

#[derive(Debug, Args, Clone)]
pub struct FormatArg {
    /// Output format: a table for people, Markdown for documents, JSON for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
