//! `mediavet check`: files and folders against a profile, in the chosen output format.

use super::written;
use crate::args::{Format, LangArg};
use crate::{progress, walk};
use mediavet::kind::Category;
use mediavet::printer;
use mediavet::text::author::AuthorDetails;
use mediavet::{CheckOptions, Lang, Profile, Verdict};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `check` was given.
pub struct Args {
    /// Built-in profile name or TOML file.
    pub profile: String,
    /// Output format.
    pub format: Format,
    /// Where to write the HTML report too.
    pub html: Option<PathBuf>,
    /// Message language.
    pub lang: Option<LangArg>,
    /// Worker threads.
    pub jobs: Option<usize>,
    /// Where to write each video's analysed frames.
    pub debug_frames: Option<PathBuf>,
    /// The entrant's details (one entry's, not the profile's).
    pub author: AuthorDetails,
    /// Files or directories.
    pub paths: Vec<PathBuf>,
}

/// Checks every file under the paths; exit 1 when one fails or is unreadable.
pub fn run(out: &mut dyn Write, args: Args) -> Result<ExitCode, mediavet::Error> {
    let profile = Profile::load(&args.profile)?;
    let lang = match args.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let files = walk::expand(&args.paths)?;
    let photos = profile.category == Some(Category::Image);
    let (files, sidecars) = mediavet::batch::split_sidecars(files, &profile);
    let bar = progress::bar(files.len());
    let options = CheckOptions {
        debug_frames: args.debug_frames,
        author: args.author,
        // The visual report shows the pictures the check decoded.
        thumbnails: args.html.is_some() || matches!(args.format, Format::Html),
        ..CheckOptions::default()
    };
    let reports = mediavet::check_many(&files, &profile, &options, args.jobs, &|r| {
        progress::done(&bar, r)
    })?;
    bar.finish_and_clear();
    let groups = if photos {
        mediavet::group::groups(&reports, &sidecars)
    } else {
        Vec::new()
    };
    let failed = reports
        .iter()
        .any(|r| matches!(r.verdict, Verdict::Fail | Verdict::Unreadable));
    let code = if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let format = match args.format {
        Format::Human => printer::Format::Human {
            colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
        Format::Json => printer::Format::Json,
        Format::Junit => printer::Format::Junit,
        Format::Csv => printer::Format::Csv,
        Format::Html => printer::Format::Html,
    };
    if let Some(path) = &args.html {
        super::html_file(path, |f| printer::html::write(f, &reports, &groups, lang))?;
    }
    let result = printer::write(out, format, &reports, &groups, &profile, lang);
    written(result, code)
}
