//! `mediavet explain RULE`: a rule's documentation, as written at the top of its file.

use super::written;
use mediavet::rules;
use std::io::Write;
use std::process::ExitCode;

/// Prints the documentation of rule `id`.
pub fn run(out: &mut dyn Write, id: &str) -> Result<ExitCode, mediavet::Error> {
    let rule = rules::find(id).ok_or_else(|| {
        mediavet::Error::Usage(format!("unknown rule '{id}' (see `mediavet rules`)"))
    })?;
    written(writeln!(out, "{}", rule.doc), ExitCode::SUCCESS)
}
