//! `mediavet intake`: entries as received (mails, mailboxes, folders, archives), one
//! report per entry.

use super::written;
use crate::args::{IntakeFormat, LangArg};
use mediavet::entry::{check_entries, Intake, IntakeInput, Profiles};
use mediavet::printer::entries;
use mediavet::{Lang, Verdict};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `intake` was given.
pub struct Args {
    /// A profile layer laid over each category's profile.
    pub config: Option<PathBuf>,
    /// Output format.
    pub format: IntakeFormat,
    /// Where to write the HTML report too.
    pub html: Option<PathBuf>,
    /// Message language.
    pub lang: Option<LangArg>,
    /// Worker threads.
    pub jobs: Option<usize>,
    /// Mask names too.
    pub mask_names: bool,
    /// Folders of known material.
    pub reference: Vec<PathBuf>,
    /// Inputs.
    pub paths: Vec<PathBuf>,
}

/// Checks every entry; exit 1 when one fails.
pub fn run(out: &mut dyn Write, args: Args) -> Result<ExitCode, mediavet::Error> {
    let layer = match &args.config {
        Some(p) => Some((
            std::fs::read_to_string(p)
                .map_err(|e| mediavet::Error::Usage(format!("cannot read {}: {e}", p.display())))?,
            p.display().to_string(),
        )),
        None => None,
    };
    let profiles = Profiles::builtin(layer.as_ref().map(|(t, o)| (t.as_str(), o.as_str())))?;
    let lang = match args.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    for p in args.paths.iter().chain(&args.reference) {
        if !p.exists() {
            return Err(mediavet::Error::Usage(format!(
                "{}: no such file or folder",
                p.display()
            )));
        }
    }
    let mut intake = Intake::new(profiles);
    intake.mask_names = args.mask_names;
    intake.jobs = args.jobs;
    // The visual report shows the pictures the check decoded.
    intake.options.thumbnails = args.html.is_some() || matches!(args.format, IntakeFormat::Html);
    let inputs = args.paths.into_iter().map(IntakeInput::Path).collect();
    let reports = check_entries(inputs, &args.reference, &intake, &|_| {})?;
    let failed = reports.iter().any(|r| r.verdict == Verdict::Fail);
    let code = if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if let Some(path) = &args.html {
        super::html_file(path, |f| {
            mediavet::printer::html::write_entries(f, &reports, lang)
        })?;
    }
    let result = match args.format {
        IntakeFormat::Human => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            entries::write_human(out, &reports, lang, colour)
        }
        IntakeFormat::Json => entries::write_json(out, &reports, lang),
        IntakeFormat::Csv => entries::write_csv(out, &reports, lang),
        IntakeFormat::Html => mediavet::printer::html::write_entries(out, &reports, lang),
    };
    written(result, code)
}
