//! Inputs the fuzzers (fuzz/, scripts/fuzz.sh) found to crash, hang or exhaust memory,
//! replayed on stable through what each target calls: testdata/fuzz/TARGET/* must now
//! come back, within the time a fuzzer allows an input, with a report or a typed error.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// libFuzzer's per-input timeout in scripts/fuzz.sh.
const LIMIT: Duration = Duration::from_secs(10);

/// Runs `data` through the code target `target` exercises.
fn replay(target: &str, data: &[u8]) {
    // check turns a panic into an "internal error" finding: that is a failure here. As in
    // the fuzz targets, the ffmpeg fallback is off.
    let check = |profile: &str, name: &str| {
        let profile = mediavet::Profile::builtin(profile).unwrap();
        let options = mediavet::CheckOptions {
            ffmpeg: false,
            ..Default::default()
        };
        let input = mediavet::Input::Bytes {
            name: Path::new(name),
            bytes: data,
        };
        let r = mediavet::check(input, &profile, &options);
        let internal = r
            .findings
            .iter()
            .find(|f| f.message.en.contains("internal error while checking"));
        assert!(
            internal.is_none(),
            "{target}: {:?}",
            internal.map(|f| &f.message.en)
        );
    };
    match target {
        "mp4" => check("micro-video", "entry.mp4"),
        "jpeg" => check("photo", "photo.jpg"),
        "docx" => check("text", "story.docx"),
        "text" => check("text", "story.txt"),
        "subtitle" => {
            let decoded = mediavet::charset::decode(data);
            for format in [
                mediavet::subtitle::Format::Srt,
                mediavet::subtitle::Format::Vtt,
                mediavet::subtitle::Format::Ass,
                mediavet::subtitle::Format::Ssa,
            ] {
                mediavet::subtitle::parse(&decoded.text, format, "fuzz".into(), decoded.encoding);
            }
            check("micro-video", "cues.srt");
        }
        "image_metadata" => {
            let _ = mediavet::image::exif::read(data.to_vec());
            let _ = mediavet::image::xmp::read(data);
            let _ = mediavet::image::iptc::read(data);
        }
        "tx3g" => {
            let _ = mediavet::subtitle::tx3g::style(data);
            let _ = mediavet::subtitle::tx3g::sample_text(data);
        }
        "profile" => {
            if let Ok(text) = std::str::from_utf8(data) {
                let _ = mediavet::Profile::from_toml(text, "fuzz.toml");
                let base = mediavet::Profile::builtin("micro-video").unwrap();
                let _ = base.overlay(text, "options");
            }
        }
        "intake" => {
            let profiles = mediavet::entry::Profiles::builtin(None).unwrap();
            let mut intake = mediavet::entry::Intake::new(profiles);
            intake.options.ffmpeg = false;
            for name in ["entry.eml", "entry.zip", "box.mbox"] {
                let entries =
                    mediavet::entry::check_entry_bytes(name, data.to_vec(), &intake).unwrap();
                for e in &entries {
                    assert!(
                        !e.facts
                            .unpack_problems
                            .iter()
                            .any(|p| p.detail.en.contains("internal error")),
                        "{target}: {:?}",
                        e.facts.unpack_problems
                    );
                }
            }
        }
        other => panic!("testdata/fuzz/{other}: no such fuzz target"),
    }
}

fn kept_inputs() -> Vec<(String, PathBuf)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/fuzz");
    let mut inputs = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        let target = dir.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            inputs.push((target.clone(), file.path()));
        }
    }
    inputs.sort();
    inputs
}

#[test]
fn every_kept_fuzz_input_gets_an_answer_in_time() {
    let inputs = kept_inputs();
    for (target, path) in &inputs {
        let data = std::fs::read(path).unwrap();
        let (tx, rx) = mpsc::channel();
        let name = target.clone();
        std::thread::spawn(move || {
            replay(&name, &data);
            let _ = tx.send(());
        });
        match rx.recv_timeout(LIMIT) {
            Ok(()) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => panic!("{}: hangs", path.display()),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{}: panics", path.display()),
        }
    }
    eprintln!("{} kept fuzz inputs replayed", inputs.len());
}
