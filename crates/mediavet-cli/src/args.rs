//! The command line: what each command takes (clap derive).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `mediavet` and its arguments.
#[derive(Parser)]
#[command(
    name = "mediavet",
    version,
    about = "Check media submissions against a delivery spec: what passes, what fails, how to fix it."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
    /// Print the facts of each file as JSON (no judgement).
    Probe {
        /// Also decode the audio and measure its levels (peak, loudness, VU).
        #[arg(long)]
        levels: bool,
        /// Also sample and decode keyframes and search them for watermarks and QR codes.
        #[arg(long)]
        frames: bool,
        /// Files to probe.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Check files (directories are walked recursively) against a profile.
    Check {
        /// Built-in profile name or a profile TOML file.
        #[arg(long, short, default_value = "micro-video")]
        profile: String,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also write the HTML report (as --format html) to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Message language (default from LANG).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Files checked in parallel (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Write each video's sampled frames and watermark persistence map (marks boxed)
        /// as PNG into DIR/<file name>/.
        #[arg(long, value_name = "DIR")]
        debug_frames: Option<PathBuf>,
        /// The author's name, searched for in text entries (text.author_info).
        #[arg(long, value_name = "NAME")]
        author_name: Option<String>,
        /// The author's work unit or school, searched for in text entries.
        #[arg(long, value_name = "UNIT")]
        author_unit: Option<String>,
        /// The author's phone number, searched for in text entries (compared on digits).
        #[arg(long, value_name = "PHONE")]
        author_phone: Option<String>,
        /// The author's e-mail address, searched for in text entries.
        #[arg(long, value_name = "EMAIL")]
        author_email: Option<String>,
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Check entries as received: e-mails (.eml), mailboxes (.mbox), folders and archives
    /// (.zip, .7z, .rar) — name, registration form, works, duplicates; one report per entry.
    Intake {
        /// A profile layer (TOML, without `extends`) laid over each category's built-in
        /// profile, e.g. `[entry]` limits and window, `[severity]` levels.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Output format (JUnit is for files, not entries).
        #[arg(long, short, value_enum, default_value_t = IntakeFormat::Human)]
        format: IntakeFormat,
        /// Also write the HTML report (as --format html) to FILE.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Message language (default from LANG).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Entries checked in parallel (default: one per core).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// Mask the author's name in the output too (ID number, phone, e-mail and address
        /// are always masked).
        #[arg(long)]
        mask_names: bool,
        /// A folder of known material (earlier winners, published stories) the entries
        /// are compared with.
        #[arg(long, value_name = "DIR")]
        reference: Vec<PathBuf>,
        /// Mails, mailboxes, folders or archives.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List every rule with its severity under a profile.
    Rules {
        /// Built-in profile name or a profile TOML file.
        #[arg(long, short, default_value = "micro-video")]
        profile: String,
    },
    /// Print a rule's full documentation.
    Explain {
        /// Rule id, e.g. video.bitrate.
        rule: String,
    },
    /// List the built-in profiles, or print one as TOML.
    Profiles {
        /// Profile to print.
        name: Option<String>,
    },
}

/// Output formats of `check`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One block per file, errors first.
    Human,
    /// The JSON document.
    Json,
    /// JUnit XML for CI.
    Junit,
    /// The triage sheet.
    Csv,
    /// One self-contained HTML page: overview, filters, a card per file.
    Html,
}

/// Output formats of `intake`.
#[derive(Clone, Copy, ValueEnum)]
pub enum IntakeFormat {
    /// One block per entry, its files nested.
    Human,
    /// The JSON document (`entries[]`).
    Json,
    /// The triage sheet, one row per entry.
    Csv,
    /// One self-contained HTML page: overview, filters, a card per entry with its works.
    Html,
}

/// Message languages.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 中文.
    Zh,
    /// English.
    En,
}
