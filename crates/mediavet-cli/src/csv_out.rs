//! CSV triage sheet: one row per file, UTF-8 with a byte-order mark so that Excel and
//! WPS open Chinese text correctly.

use mediavet::facts::TrackKind;
use mediavet::{Lang, Report, Severity};
use std::io::Write;

const HEADER: [&str; 13] = [
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

/// Writes the sheet.
pub fn write(out: &mut impl Write, reports: &[Report], lang: Lang) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for r in reports {
        let rules = |s: Severity| {
            let mut ids: Vec<&str> = r
                .findings
                .iter()
                .filter(|f| f.severity == s)
                .map(|f| f.rule)
                .collect();
            ids.dedup();
            ids.join(" ")
        };
        let c = r.facts.container.as_ref();
        let video = c.and_then(|c| c.primary_video());
        let v = video.and_then(|t| t.video.as_ref());
        let channels = c
            .and_then(|c| c.tracks_of(TrackKind::Audio).next())
            .and_then(|t| t.audio.as_ref())
            .and_then(|a| a.channels);
        let first_problem = r
            .findings
            .iter()
            .find(|f| f.severity > Severity::Info)
            .map(|f| f.message.get(lang));
        w.write_record([
            r.facts.path.clone(),
            r.facts.kind_name().to_string(),
            r.profile.clone(),
            r.verdict.as_str().to_string(),
            rules(Severity::Error),
            rules(Severity::Warning),
            c.map(|c| c.format.clone()).unwrap_or_default(),
            v.map(|v| format!("{}x{}", v.display_width, v.display_height))
                .unwrap_or_default(),
            video
                .and_then(|t| t.bitrate)
                .map(|b| format!("{:.3}", b / 1e6))
                .unwrap_or_default(),
            c.and_then(|c| c.duration)
                .map(|d| format!("{d:.3}"))
                .unwrap_or_default(),
            channels.map(|n| n.to_string()).unwrap_or_default(),
            c.and_then(|c| c.creation_time.as_ref())
                .and_then(|d| d.date.clone())
                .unwrap_or_default(),
            first_problem.unwrap_or_default().to_string(),
        ])?;
    }
    w.flush()
}
