//! The labelled burned-in subtitle and on-screen text set (testdata/subtitles/generate.sh),
//! built once into target/subtitle-eval and rebuilt when the script changes.

mod common;

use common::{have, skip};
use mediavet::input::Input;
use mediavet::inspect::{Inspect, Need};
use mediavet::video::FrameSettings;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds the set unless it is there already for this version of the script.
fn build_set() -> Option<PathBuf> {
    if !have("ffmpeg") {
        skip("the evaluation set needs ffmpeg");
        return None;
    }
    let script = repo().join("testdata/subtitles/generate.sh");
    let out = repo().join("target/subtitle-eval");
    let stamp = out.join("script.sh");
    let text = std::fs::read(&script).expect("generate.sh is readable");
    if std::fs::read(&stamp).ok().as_deref() != Some(&text[..]) {
        let _ = std::fs::remove_dir_all(&out);
        let status = Command::new("bash")
            .arg(&script)
            .arg(&out)
            .status()
            .unwrap();
        assert!(status.success(), "generate.sh failed");
        std::fs::write(&stamp, &text).unwrap();
    }
    Some(out)
}

#[test]
fn dump() {
    let Some(dir) = build_set() else { return };
    let inspect = Inspect {
        needs: vec![Need::Frames],
        frames: FrameSettings {
            subtitles: true,
            text_frames: 4,
            ..FrameSettings::default()
        },
        ..Inspect::default()
    };
    for l in std::fs::read_to_string(dir.join("labels.tsv"))
        .unwrap()
        .lines()
    {
        let f: Vec<&str> = l.split('\t').collect();
        let path = dir.join(f[0]);
        let t = std::time::Instant::now();
        let facts = inspect.run(Input::File(Path::new(&path)));
        let frames = facts
            .container
            .as_ref()
            .and_then(|c| {
                c.tracks
                    .iter()
                    .find_map(|t| t.video.as_ref()?.frames.clone())
            })
            .unwrap();
        eprintln!("== {} ({:?})", l, t.elapsed());
        if let Some(s) = &frames.subtitles {
            eprintln!(
                "  ocr {} {:?} {:?} c{:.2} s{:.2}",
                s.read, s.effect, s.font, s.stroke_contrast, s.stroke_spread
            );
            for line in &s.lines {
                eprintln!(
                    "  {} {:.2} n{} off {:.3} h {:.1}",
                    line.text,
                    line.confidence,
                    line.times_s.len(),
                    line.centre_offset,
                    line.glyph_height_1080
                );
            }
        }
        for t in &frames.screen_text {
            eprintln!(
                "  screen {:.1} {:?} {} {:.2}",
                t.time_s, t.rect, t.text, t.confidence
            );
        }
    }
}
