//! The labelled burned-in subtitle and on-screen text set (testdata/subtitles/generate.sh),
//! built once into target/subtitle-eval and rebuilt when the script changes.

use crate::common;

use common::{have, skip};
use mediavet::input::Input;
use mediavet::inspect::{Inspect, Need};
use mediavet::report::check_facts;
use mediavet::Profile;
use std::path::{Path, PathBuf};

/// Builds the set unless it is there already for this version of the script.
fn build_set() -> Option<PathBuf> {
    if !have("ffmpeg") {
        skip("the evaluation set needs ffmpeg");
        return None;
    }
    Some(common::generated("subtitles/generate.sh", "subtitle-eval"))
}

/// One labelled clip.
struct Case {
    file: String,
    kind: String,
    font: String,
    size: u32,
    position: String,
    effect: String,
    script: String,
    texts: Vec<String>,
}

fn cases(dir: &Path) -> Vec<Case> {
    std::fs::read_to_string(dir.join("labels.tsv"))
        .unwrap()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Case {
                file: f[0].into(),
                kind: f[1].into(),
                font: f[2].into(),
                size: f[3].parse().unwrap_or(0),
                position: f[4].into(),
                effect: f[5].into(),
                script: f[6].into(),
                texts: f[7]
                    .split('|')
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect(),
            }
        })
        .collect()
}

/// Hits and tries of one attribute.
#[derive(Default)]
struct Score {
    right: usize,
    tried: usize,
    wrong: Vec<String>,
}

impl Score {
    fn add(&mut self, ok: bool, case: &str, what: String) {
        self.tried += 1;
        if ok {
            self.right += 1;
        } else {
            self.wrong.push(format!("{case}: {what}"));
        }
    }
    fn share(&self) -> f64 {
        self.right as f64 / self.tried.max(1) as f64
    }
}

fn has(report: &mediavet::Report, rule: &str, text: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.rule == rule && f.message.en.contains(text))
}

/// `EVAL_ONLY=name,name` (file-name prefixes) limits a developer's run to some clips.
/// Every case is checked under micro-video (style, on-screen text) and micro-film-5
/// (script); the per-attribute accuracies are printed (the README quotes them) and held
/// to the targets.
#[test]
fn burned_in_subtitles_are_found_read_and_judged() {
    let Some(dir) = build_set() else { return };
    if common::ocr().is_none() {
        return;
    }
    let video = Profile::builtin("micro-video").unwrap();
    let film = Profile::builtin("micro-film-5").unwrap();
    let inspect = Inspect {
        needs: vec![Need::Frames],
        frames: video.frame_settings(),
        ..Inspect::default()
    };
    let names = [
        "found", "centred", "size", "shadow", "font", "script", "advert", "negative",
    ];
    let mut scores: Vec<Score> = names.iter().map(|_| Score::default()).collect();
    let (mut chars, mut misread) = (0, 0);
    let mut undetermined = 0;
    for c in cases(&dir) {
        if std::env::var("EVAL_ONLY").is_ok_and(|o| !o.split(',').any(|f| c.file.starts_with(f))) {
            continue;
        }
        let path = dir.join(&c.file);
        let facts = inspect.run(Input::File(Path::new(&path)));
        let frames = facts.frames().cloned().expect("frames analysed");
        let subs = frames.subtitles.clone().expect("subtitles searched");
        let as_video = check_facts(facts.clone(), &video);
        let as_film = check_facts(facts, &film);
        let lines = &subs.lines;
        match c.kind.as_str() {
            "subtitle" => {
                let found = lines.len() >= 2;
                scores[0].add(found, &c.file, format!("{} lines", lines.len()));
                if !found {
                    continue;
                }
                for text in &c.texts {
                    let best = lines
                        .iter()
                        .map(|l| common::distance(&l.text, text))
                        .min()
                        .unwrap_or(text.chars().count());
                    chars += text.chars().count();
                    misread += best.min(text.chars().count());
                }
                let off = has(&as_video, "subtitle.style", "not centred");
                scores[1].add(
                    off == (c.position == "left"),
                    &c.file,
                    format!("not-centred finding: {off}"),
                );
                let sized = has(&as_video, "subtitle.style", "px high at 1080p");
                scores[2].add(
                    sized == (c.size != 60),
                    &c.file,
                    format!("size finding: {sized} ({:.1} px)", subs.glyph_height_1080),
                );
                let unshadowed = has(&as_video, "subtitle.style", "no shadow or outline");
                scores[3].add(
                    unshadowed == (c.effect == "none"),
                    &c.file,
                    format!("effect {:?}", subs.effect),
                );
                let class = subs.font.map(|f| format!("{f:?}").to_lowercase());
                match class {
                    Some(k) => scores[4].add(k == c.font, &c.file, format!("font {k}")),
                    None => undetermined += 1,
                }
                let traditional = has(&as_film, "subtitle.script", "Burned-in");
                scores[5].add(
                    traditional == (c.script == "traditional"),
                    &c.file,
                    format!("script finding: {traditional}"),
                );
            }
            "advert" => {
                let shown = as_video
                    .findings
                    .iter()
                    .any(|f| f.rule == "video.onscreen_text");
                scores[6].add(shown, &c.file, "no video.onscreen_text".into());
            }
            _ => {
                let quiet = lines.is_empty()
                    && !as_video
                        .findings
                        .iter()
                        .any(|f| f.rule.starts_with("subtitle."));
                scores[7].add(
                    quiet,
                    &c.file,
                    format!(
                        "{} lines: {:?}",
                        lines.len(),
                        lines.iter().map(|l| &l.text).collect::<Vec<_>>()
                    ),
                );
            }
        }
    }
    for (name, s) in names.iter().zip(&scores) {
        eprintln!(
            "{name}: {}/{} = {:.2} {:?}",
            s.right,
            s.tried,
            s.share(),
            s.wrong
        );
    }
    let accuracy = 1.0 - misread as f64 / chars.max(1) as f64;
    eprintln!("OCR character accuracy {accuracy:.3} ({misread} of {chars}); font undetermined on {undetermined} clips");
    // The targets: 0.95 (font 0.9, undetermined allowed).
    for (name, s) in names.iter().zip(&scores) {
        let target = if *name == "font" { 0.9 } else { 0.95 };
        assert!(
            s.share() >= target,
            "{name}: {:.2} < {target}: {:?}",
            s.share(),
            s.wrong
        );
    }
    assert!(accuracy >= 0.85, "OCR character accuracy {accuracy:.3}");
}
