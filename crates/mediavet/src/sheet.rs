//! The triage sheet: one CSV row per file, UTF-8 with a byte-order mark so that Excel
//! and WPS open Chinese text correctly.
//!
//! It reads the per-file JSON objects of [`Report::to_json`](crate::Report::to_json),
//! so reports gathered from anywhere (the CLI, Python workers on a cluster) make the same sheet.

use serde_json::Value;
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

/// Writes the sheet for `reports` (per-file report JSON objects).
pub fn write_csv(out: &mut impl Write, reports: &[Value]) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for r in reports {
        w.write_record(row(r))?;
    }
    w.flush()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn row(r: &Value) -> [String; 13] {
    let findings = r["findings"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let rules = |severity: &str| {
        let mut ids: Vec<&str> = findings
            .iter()
            .filter(|f| f["severity"] == severity)
            .filter_map(|f| f["rule"].as_str())
            .collect();
        ids.dedup();
        ids.join(" ")
    };
    let c = &r["facts"]["container"];
    let tracks = c["tracks"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let videos = || tracks.iter().filter(|t| t["kind"] == "video");
    let video = videos()
        .find(|t| t["enabled"] == true)
        .or_else(|| videos().next());
    let v = video.map(|t| &t["video"]);
    let first_problem = findings
        .iter()
        .find(|f| f["severity"] != "info")
        .map(|f| text(&f["message"]));
    [
        text(&r["path"]),
        text(&r["kind"]),
        text(&r["profile"]),
        text(&r["verdict"]),
        rules("error"),
        rules("warning"),
        text(&c["format"]),
        v.and_then(|v| {
            Some(format!(
                "{}x{}",
                v["display_width"].as_u64()?,
                v["display_height"].as_u64()?
            ))
        })
        .unwrap_or_default(),
        video
            .and_then(|t| t["bitrate"].as_f64())
            .map(|b| format!("{:.3}", b / 1e6))
            .unwrap_or_default(),
        c["duration"]
            .as_f64()
            .map(|d| format!("{d:.3}"))
            .unwrap_or_default(),
        text(&c["audio_channels"]),
        text(&c["creation_time"]["date"]),
        first_problem.unwrap_or_default(),
    ]
}
