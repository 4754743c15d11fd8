//! Printers: the output formats of a batch of reports, each written from the typed
//! reports (as ripgrep's printer crate does for matches). The CLI picks one; Python and
//! other embedders call them directly.

pub mod charts;
pub mod csv;
pub mod entries;
mod evidence;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod safe;

use crate::finding::Lang;
use crate::group::Group;
use crate::profile::Profile;
use crate::report::Report;
use std::io::Write;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One block per file, errors first, and a summary.
    Human {
        /// Paint with ANSI colours.
        colour: bool,
    },
    /// The JSON document (`schema_version`, files, summary, photo groups).
    Json,
    /// JUnit XML: a test case per file and active rule.
    Junit,
    /// The triage sheet (CSV, UTF-8 with BOM).
    Csv,
    /// The visual report: one self-contained HTML page.
    Html,
}

/// Writes `reports` (checked under `profile`; `groups`: folders of photos) as `format`.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    reports: &[Report],
    groups: &[Group],
    profile: &Profile,
    lang: Lang,
) -> std::io::Result<()> {
    match format {
        Format::Human { colour } => human::write(out, reports, groups, lang, colour),
        Format::Json => json::write(out, reports, groups, profile, lang),
        Format::Junit => junit::write(out, reports, profile, lang),
        Format::Csv => csv::write(out, reports, lang),
        Format::Html => html::write(out, reports, groups, lang),
    }
}
