//! The labelled watermark/QR evaluation set (testdata/watermarks/generate.sh): every case
//! gets the verdict its label asks for, and precision and recall are reported. The set is
//! built once into target/watermark-eval and rebuilt when the script changes. Skips
//! cleanly without ffmpeg or qrencode.

use crate::common;

use common::{have, skip};
use mediavet::{check_many, CheckOptions, Profile, Severity};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds the set unless it is there already for this version of the script.
fn build_set() -> Option<PathBuf> {
    if !have("ffmpeg") || Command::new("qrencode").arg("-V").output().is_err() {
        skip("the evaluation set needs ffmpeg and qrencode");
        return None;
    }
    Some(common::generated(
        "watermarks/generate.sh",
        "watermark-eval",
    ))
}

struct Case {
    file: String,
    expect: String,
    qr: bool,
    what: String,
    /// Where the overlay is: (x, y, w, h) in displayed pixels.
    truth: Vec<[usize; 4]>,
}

fn cases(dir: &Path) -> Vec<Case> {
    std::fs::read_to_string(dir.join("labels.tsv"))
        .unwrap()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let truth = f
                .get(4)
                .filter(|w| !w.is_empty())
                .map(|w| {
                    w.split(';')
                        .map(|b| {
                            let v: Vec<usize> = b.split(',').map(|n| n.parse().unwrap()).collect();
                            [v[0], v[1], v[2], v[3]]
                        })
                        .collect()
                })
                .unwrap_or_default();
            Case {
                file: f[0].into(),
                expect: f[1].into(),
                qr: f[2] == "yes",
                what: f[3].into(),
                truth,
            }
        })
        .collect()
}

#[test]
fn every_labelled_case_gets_its_verdict() {
    let Some(dir) = build_set() else { return };
    let cases = cases(&dir);
    // Marks only: the text search (OCR) has its own evaluation (subtitle_eval.rs), and
    // reading the 88 clips' IDs and subtitles would only lengthen this one.
    let marks_only = "[subtitle]\nburned_in = false\n[frames]\nonscreen_text = false\n";
    let default = Profile::builtin("micro-video")
        .and_then(|p| p.overlay(marks_only, "marks only"))
        .unwrap();
    let screen = Profile::load(
        repo()
            .join("testdata/watermarks/screen-recording.toml")
            .to_str()
            .unwrap(),
    )
    .and_then(|p| p.overlay(marks_only, "marks only"))
    .unwrap();
    let (mut tp, mut fp, mut fneg, mut tn) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    let mut table =
        String::from("| case | label | watermark | QR | what |\n|---|---|---|---|---|\n");
    for c in &cases {
        let profile = if c.file.starts_with("screen") {
            &screen
        } else {
            &default
        };
        let path = dir.join(&c.file);
        let r =
            &check_many(&[path], profile, &CheckOptions::default(), Some(2), &|_| {}).unwrap()[0];
        let wm: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == "video.watermark")
            .collect();
        let error = wm.iter().any(|f| f.severity == Severity::Error);
        // Every mark reported as an error lies on the overlay (none elsewhere).
        let misplaced = marks_at_error(r, profile)
            .iter()
            .filter(|m| !c.truth.iter().any(|t| overlaps(m, t)))
            .count();
        let inconclusive = wm.iter().any(|f| f.message.en.contains("inconclusive"));
        let qr = r.findings.iter().any(|f| f.rule == "video.qr_code");
        let ok = match c.expect.as_str() {
            "mark" => error && misplaced == 0,
            "clean" => !error,
            _ => !error && inconclusive,
        } && qr == c.qr;
        match (c.expect.as_str(), error) {
            ("mark", true) => tp += 1,
            ("mark", false) => fneg += 1,
            ("clean", true) => fp += 1,
            ("clean", false) => tn += 1,
            _ => {}
        }
        let got = if error {
            "error"
        } else if inconclusive {
            "inconclusive"
        } else {
            "none"
        };
        table.push_str(&format!(
            "| {} | {} | {got} | {} | {} |\n",
            c.file,
            c.expect,
            if qr { "yes" } else { "no" },
            c.what
        ));
        if !ok {
            let detail: Vec<_> = wm.iter().map(|f| f.message.en.clone()).collect();
            wrong.push(format!(
                "{} ({}; {}): got {got}, qr {qr}: {detail:?}",
                c.file, c.expect, c.what
            ));
        }
    }
    let precision = f64::from(tp) / f64::from((tp + fp).max(1));
    let recall = f64::from(tp) / f64::from((tp + fneg).max(1));
    let summary = format!(
        "{} cases: {tp} marks found, {fneg} missed, {fp} false alarms, {tn} clean passed; precision {precision:.3}, recall {recall:.3}\n",
        cases.len()
    );
    std::fs::write(dir.join("results.md"), format!("{summary}\n{table}")).unwrap();
    eprintln!("{summary}");
    assert!(
        wrong.is_empty(),
        "{} case(s) wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(precision >= 0.95 && recall >= 0.95, "{summary}");
}

/// Boxes of the marks the rule reports as errors (confidence at or above the profile's).
fn marks_at_error(r: &mediavet::Report, profile: &Profile) -> Vec<[usize; 4]> {
    let min = profile.frames.min_confidence;
    r.facts
        .frames()
        .map(|f| {
            f.watermarks
                .iter()
                .filter(|m| m.confidence >= min)
                .map(|m| [m.rect.x, m.rect.y, m.rect.w, m.rect.h])
                .collect()
        })
        .unwrap_or_default()
}

fn overlaps(a: &[usize; 4], b: &[usize; 4]) -> bool {
    a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
}
