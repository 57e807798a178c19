//! The command line: clap structs and their help, nothing else. `app.rs`
//! turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  rungs assess                         rate yourself against your role and the next
  rungs list                           stored assessments
  rungs roles                          the Platform Engineering ladder
  rungs show SPE                       every statement of the Senior Platform Engineer
  rungs show spe --format md           the same as Markdown
  rungs --framework acme.toml roles    the ladder of your own framework file
  rungs validate my-ladder.toml        check a framework file you wrote
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
    #[arg(long, global = true, value_name = "ID|PATH")]
    pub framework: Vec<String>,

    /// Directory holding `frameworks/` with your own framework files.
    #[arg(long, global = true, env = "RUNGS_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    /// Directory holding your assessments.
    #[arg(long, global = true, env = "RUNGS_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rate your evidence for every statement of your role and the next one.
    #[command(after_help = "\
Keys during the walk:
  0-3 (the scale's values) rate · s skip · b back · ? explain the scale · q save and quit
  After a rating, type evidence on one line; Enter keeps what is shown.

Every answer is saved the moment it is given; run `rungs assess` again to resume.

Examples:
  rungs assess
  rungs assess --person Ada --role SPE --to LSE
  rungs assess --person Ada --assessor \"Grace (manager)\"
  rungs assess --sections behaviours,skills
  rungs assess --answers ada.toml          record without prompts")]
    Assess(AssessArgs),

    /// The gap report: what the next archetype asks that is not yet met.
    #[command(after_help = "\
By default: the latest assessment of the person named last time, against its next archetype.

Examples:
  rungs gap
  rungs gap --person Ada --to LSE
  rungs gap ada-spe-2026-11-25 --format md > gap.md
  rungs gap --format json | jq .readiness")]
    Gap {
        /// An assessment id, as `rungs list` shows it.
        id: Option<String>,

        /// The latest assessment of this person.
        #[arg(long, conflicts_with = "id")]
        person: Option<String>,

        /// The latest assessment by this assessor (`self` for the person's own view).
        #[arg(long, conflicts_with = "id")]
        assessor: Option<String>,

        /// Report against this archetype instead of the assessment's next one.
        #[arg(long, value_name = "CODE")]
        to: Option<String>,

        #[command(flatten)]
        format: FormatArg,
    },

    /// Two views of one person side by side: where they agree, where they differ.
    #[command(after_help = "\
A difference of 1 is marked; 2 or more is a disconnect to talk about. Ratings are never averaged.
--disconnects keeps only the disconnects: the agenda of a 1:1, grouped by category, the largest
difference first, with both people's evidence; as Markdown it is ready for meeting notes.

Examples:
  rungs compare --person Ada                 latest self view and latest view by someone else
  rungs compare --person Ada --disconnects   only the statements rated 2 or more apart
  rungs compare --person Ada --disconnects --format md >> 1on1-notes.md
  rungs compare ada-spe-2026-11-25 ada-spe-2026-11-25-by-grace
  rungs compare --person Ada --format md > 1on1.md")]
    Compare {
        /// Two assessment ids.
        #[arg(num_args = 0..=2, value_name = "ID")]
        ids: Vec<String>,

        /// Pair this person's latest self assessment with the latest by someone else.
        #[arg(long, conflicts_with = "ids")]
        person: Option<String>,

        /// Only the statements rated 2 or more apart, largest difference first, by category.
        #[arg(long)]
        disconnects: bool,

        #[command(flatten)]
        format: FormatArg,
    },

    /// One person's assessments over time: readiness, categories, what moved.
    #[command(after_help = "\
Examples:
  rungs progress --person Ada
  rungs progress --person Ada --assessor \"Grace (manager)\"
  rungs progress --person Ada --format json | jq '.assessments[].readiness'")]
    Progress {
        /// Whose assessments.
        #[arg(long)]
        person: String,

        /// Whose view (`self` by default).
        #[arg(long)]
        assessor: Option<String>,

        #[command(flatten)]
        format: FormatArg,
    },

    /// Show or change the agreed focus areas of an assessment (up to three).
    #[command(after_help = "\
A focus is a statement id (rungs show CODE lists them) or a category or section id.

Examples:
  rungs focus
  rungs focus --add collaboration --action \"Pair with security on the next design review\" --due 2027-03-31
  rungs focus --add lse.arch.3 --action \"Chair the Q1 cluster design review\"
  rungs focus --remove 2")]
    Focus {
        /// An assessment id; the latest of the person named last time by default.
        id: Option<String>,

        /// The latest assessment of this person.
        #[arg(long, conflicts_with = "id")]
        person: Option<String>,

        /// The latest assessment by this assessor (`self` for the person's own view).
        #[arg(long, conflicts_with = "id")]
        assessor: Option<String>,

        /// Add a focus: a statement, category or section id.
        #[arg(long, value_name = "TARGET", requires = "action")]
        add: Option<String>,

        /// What will be done about the focus being added.
        #[arg(long, requires = "add")]
        action: Option<String>,

        /// When the focus being added is due: YYYY-MM-DD.
        #[arg(long, requires = "add", value_name = "DATE")]
        due: Option<chrono::NaiveDate>,

        /// Remove the focus with this number, as listed.
        #[arg(long, value_name = "N")]
        remove: Option<usize>,

        /// Remove every focus.
        #[arg(long)]
        clear: bool,

        #[command(flatten)]
        format: FormatArg,
    },

    /// Export an assessment: a promotion packet (md, html, json) or the file to share (toml).
    #[command(after_help = "\
The packet is the full document by default: every expectation of the target role as a card, gaps and
missing evidence flagged. --panel writes the case for a promotion panel instead: what is met, with
its evidence, by category; what is not yet met as a short list; the agreed focus. --with adds a
second view of the same person and roles (a manager's, say) beside the first on every statement.

Examples:
  rungs export ada-spe-2026-11-25 --format html --output packet.html
  rungs export ada-spe-2026-11-25 --format html --panel --output case.html
  rungs export ada-spe-2026-11-25 --panel --with ada-spe-2026-11-25-by-grace-manager > case.md
  rungs export ada-spe-2026-11-25 --format md > packet.md
  rungs export ada-spe-2026-11-25-by-grace --format toml --output for-ada.toml
  (then, in the other data directory: rungs import for-ada.toml)")]
    Export {
        /// An assessment id, as `rungs list` shows it.
        id: String,

        /// What to produce.
        #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,

        /// Write to this file (created readable by you only) instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,

        #[command(flatten)]
        packet: PacketArgs,
    },

    /// Add an assessment exported from another data directory.
    #[command(after_help = "\
An assessment that already exists with different content is refused, never overwritten.

Examples:
  rungs import for-ada.toml")]
    Import {
        /// A file written by `rungs export ID --format toml`.
        file: PathBuf,
    },

    /// List stored assessments.
    #[command(after_help = "\
Examples:
  rungs list
  rungs list --person Ada
  rungs list --format json | jq '.[] | select(.status == \"in-progress\")'")]
    List {
        /// Only this person's assessments (case does not matter).
        #[arg(long)]
        person: Option<String>,

        #[command(flatten)]
        format: FormatArg,
    },

    /// Show the ladder: every archetype and the paths between them.
    #[command(after_help = "\
Examples:
  rungs roles
  rungs roles --format json | jq '.[].code'
  rungs --framework examples/acme.toml roles")]
    Roles {
        #[command(flatten)]
        format: FormatArg,
    },

    /// Show one archetype: its summary, sections and statements with their ids.
    #[command(after_help = "\
Examples:
  rungs show SPE
  rungs show lse --format md > lse.md
  rungs show SPE --format json | jq -r '.statements[].id'
  rungs show SPE --vs LSE              what a Lead Software Engineer adds
  rungs show EM --vs HoE --format md")]
    Show {
        /// Archetype code, in any case: SPE, spe.
        code: String,

        /// Show side by side with this archetype: what it asks beyond CODE.
        #[arg(long, value_name = "CODE")]
        vs: Option<String>,

        #[command(flatten)]
        format: FormatArg,
    },

    /// List every framework available, with where it came from.
    #[command(after_help = "\
Examples:
  rungs frameworks
  rungs --framework ./acme.toml frameworks
  rungs frameworks --format json")]
    Frameworks {
        #[command(flatten)]
        format: FormatArg,
    },

    /// Check framework files and report every problem found.
    #[command(after_help = "\
Examples:
  rungs validate my-ladder.toml
  rungs validate ~/.config/rungs/frameworks/

Exits 0 when every file is valid, 3 otherwise.")]
    Validate {
        /// Framework files, or directories whose *.toml files to check.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },

    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  rungs completions bash > ~/.local/share/bash-completion/completions/rungs
  rungs completions zsh > ~/.zfunc/_rungs
  rungs completions fish > ~/.config/fish/completions/rungs.fish")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Whose assessment this is; asked (defaulting to last time's) when absent.
    #[arg(long)]
    pub person: Option<String>,

    /// Who gives the ratings, when it is not the person: "Grace (manager)".
    #[arg(long)]
    pub assessor: Option<String>,

    /// Current role code; asked when absent.
    #[arg(long, value_name = "CODE")]
    pub role: Option<String>,

    /// Next archetype to assess against; asked when the role has several.
    #[arg(long, value_name = "CODE")]
    pub to: Option<String>,

    /// Only these sections, by id, comma-separated: behaviours,skills.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub sections: Option<Vec<String>>,

    /// Start a new assessment even if one is unfinished.
    #[arg(long)]
    pub new: bool,

    /// Record an answers file (TOML) without any prompt.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["person", "assessor", "role", "to", "sections", "new"])]
    pub answers: Option<PathBuf>,
}

/// What the md and html packets of `rungs export` hold.
#[derive(Debug, Clone, Default, Args)]
pub struct PacketArgs {
    /// The packet for a promotion panel: what is met with its evidence, by category; what is not
    /// yet met, briefly; the agreed focus (md and html).
    #[arg(long)]
    pub panel: bool,

    /// Add this assessment's view beside the exported one on every statement: the same person
    /// and roles, assessed by someone else (md and html).
    #[arg(long, value_name = "ID")]
    pub with: Option<String>,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    /// Output format: a table for people, Markdown for documents, JSON for scripts.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// What `rungs export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The promotion packet as a Markdown document.
    Md,
    /// The promotion packet as one self-contained, printable HTML page.
    Html,
    /// The promotion packet as JSON.
    Json,
    /// The assessment file itself, for `rungs import` elsewhere.
    Toml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Md,
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
