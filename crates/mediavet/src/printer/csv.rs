//! The triage sheet: one CSV row per file, UTF-8 with a byte-order mark so that Excel
//! and WPS open Chinese text correctly.
//!
//! A row is made from the typed [`Report`] ([`row`]); Python reports carry theirs in their
//! JSON (`sheet_row`), so reports gathered from anywhere (the CLI, Python workers on a
//! cluster) make the same sheet from the same code.

use crate::finding::{Lang, Severity};
use crate::report::Report;
use std::io::Write;

/// The columns.
pub const HEADER: [&str; 13] = [
    "path",
    "kind",
    "profile",
    "verdict",
    "errors",
    "warnings",
    "container",
    "resolution",
    "video_bitrate_mbps",
    "duration_s",
    "audio_channels",
    "created",
    "first_problem",
];

/// Writes the sheet of `reports`.
pub fn write(out: &mut dyn Write, reports: &[Report], lang: Lang) -> std::io::Result<()> {
    let rows: Vec<_> = reports.iter().map(|r| row(r, lang)).collect();
    write_rows(out, &rows)
}

/// Writes the sheet of rows already made (by [`row`], carried in the reports' JSON).
pub fn write_rows(out: &mut dyn Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    write_sheet(out, &HEADER, rows)
}

/// Writes a sheet: the byte-order mark, `header`, `rows`.
pub fn write_sheet(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(r.iter().map(|c| super::safe::text(c).into_owned()))?;
    }
    w.flush()
}

/// A report as its per-file JSON object with its sheet row (`sheet_row`): what Python
/// holds, and what the HTML page is made from.
pub fn with_row(r: &Report, lang: Lang) -> serde_json::Value {
    let mut v = r.to_json(lang);
    v["sheet_row"] = row(r, lang).into();
    v
}

/// The row of one report, its messages in `lang`.
pub fn row(r: &Report, lang: Lang) -> Vec<String> {
    let rules = |severity: Severity| {
        let mut ids: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .map(|f| f.rule)
            .collect();
        ids.dedup();
        ids.join(" ")
    };
    let c = r.facts.container.as_ref();
    let video = c.and_then(|c| c.primary_video());
    let v = video.and_then(|t| t.video.as_ref());
    let first_problem = r
        .findings
        .iter()
        .find(|f| f.severity != Severity::Info)
        .map(|f| f.message.get(lang).to_string());
    let opt = |s: Option<String>| s.unwrap_or_default();
    vec![
        r.facts.path.clone(),
        r.facts.kind_name().to_string(),
        r.profile.clone(),
        r.verdict.as_str().to_string(),
        rules(Severity::Error),
        rules(Severity::Warning),
        opt(c.map(|c| c.format.clone())),
        opt(v.map(|v| format!("{}x{}", v.display_width, v.display_height))),
        opt(video
            .and_then(|t| t.bitrate)
            .map(|b| format!("{:.3}", b / 1e6))),
        opt(c.and_then(|c| c.duration).map(|d| format!("{d:.3}"))),
        opt(c.and_then(|c| c.audio_channels).map(|n| n.to_string())),
        opt(c
            .and_then(|c| c.creation_time.as_ref())
            .and_then(|t| t.date.clone())),
        opt(first_problem),
    ]
}
