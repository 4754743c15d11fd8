//! Cross-check of the audio measurement against ffmpeg (`ebur128=peak=true+sample` and
//! `astats`) on every decodable audio track of the fixtures and ../shared/corpus/video:
//! integrated loudness and loudness range within 0.1 LU, sample and true peaks within
//! 0.1 dB. Differences are explained in `EXPLAINED`. Skips cleanly without ffmpeg.

use crate::common;

use common::{corpus_files, fixture, have, skip};
use mediavet::audio::MeterSettings;
use mediavet::facts::TrackKind;
use mediavet::inspect::{Input, Inspect, Need};
use std::path::Path;
use std::process::Command;

const STARTUP: &str = "ffmpeg's ebur128 filter counts short-term values from before the first full 3 s window (a 3 s steady tone: ffmpeg LRA 20.0 LU, a 20 s one: 0.0); EBU Tech 3342 and the ebur128 crate count full windows only (the 10 LU Tech 3342 case passes in the unit tests)";

/// (file, audio index, field) → why ffmpeg and mediavet differ.
const EXPLAINED: &[(&str, usize, &str, &str)] = &[
    ("audio_alac.mov", 0, "range", STARTUP),
    ("audio_dual_mono.mp4", 0, "range", STARTUP),
    ("audio_flac.mp4", 0, "range", STARTUP),
    ("audio_loud.mp4", 0, "range", STARTUP),
    ("audio_mono.mp4", 0, "range", STARTUP),
    ("audio_mp3.mp4", 0, "range", STARTUP),
    ("audio_pcm_split.mov", 0, "range", STARTUP),
    ("audio_quiet.mp4", 0, "range", STARTUP),
    ("audio_silent_channel.mp4", 0, "range", STARTUP),
    ("gopro_max-heromode.mp4", 0, "range", "0.6 vs 0.8 LU; the same ffmpeg start-up blocks are the likely cause on these short speech and music files (not proven)"),
    ("mp4parser_Tiny_Sample_NEW_Metaxed.mp4", 0, "range", "5.7 vs 6.9 LU; as above, likely the ffmpeg start-up blocks (not proven)"),
    ("mp4parser_count-deutsch-audio.mp4", 0, "range", "20.9 vs 21.5 LU; as above (not proven)"),
    ("mp4parser_test-pod.m4a", 0, "range", "16.7 vs 19.6 LU; as above (not proven)"),
    ("alfg_big_buck_bunny_metadata.m4v", 0, "integrated", "a 1-second track at -49 LUFS: two 400 ms gating blocks decide it; -49.35 vs -49.62 LUFS (the ebur128 crate gives -49.34 too); sample peaks agree to 0.01 dB"),
];

/// ffmpeg's figures. Its summary prints LRA and the true peak (over all channels) with
/// one decimal, so those two are compared with 0.05 more tolerance for the rounding.
struct Reference {
    integrated: Option<f64>,
    range: Option<f64>,
    true_peak: Option<f64>,
    sample_peaks: Vec<f64>,
}

/// The number after `label` in ffmpeg's ebur128 summary, searched from the line that starts `section`.
fn summary_value(stderr: &str, section: &str, label: &str) -> Option<f64> {
    let mut lines = stderr
        .lines()
        .skip_while(|l| !l.trim_start().starts_with(section));
    lines.find_map(|l| {
        l.trim_start()
            .strip_prefix(label)?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    })
}

fn last_value(text: &str, key: &str) -> Option<f64> {
    text.lines()
        .rev()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('=')?.trim().parse().ok())
}

/// Runs one ffmpeg audio filter over audio stream `map` of `path`.
fn ffmpeg_filter(path: &Path, map: &str, filter: &str) -> Option<std::process::Output> {
    Command::new("ffmpeg")
        .args(["-nostdin", "-v", "info", "-i"])
        .arg(path)
        .args(["-map", map, "-af", filter, "-f", "null", "-"])
        .output()
        .ok()
}

fn ffmpeg_reference(path: &Path, audio_index: usize) -> Option<Reference> {
    let map = format!("0:a:{audio_index}");
    let r128 = ffmpeg_filter(
        path,
        &map,
        "ebur128=metadata=1:peak=true+sample,ametadata=mode=print:file=-",
    )?;
    let text = String::from_utf8_lossy(&r128.stdout);
    let summary = String::from_utf8_lossy(&r128.stderr);
    let stats = ffmpeg_filter(
        path,
        &map,
        "astats=measure_overall=none:measure_perchannel=Peak_level",
    )?;
    let sample_peaks = String::from_utf8_lossy(&stats.stderr)
        .lines()
        .filter_map(|l| l.split("Peak level dB: ").nth(1)?.trim().parse().ok())
        .collect();
    Some(Reference {
        integrated: last_value(&text, "lavfi.r128.I"),
        range: summary_value(&summary, "Loudness range:", "LRA:"),
        true_peak: summary_value(&summary, "True peak:", "Peak:"),
        sample_peaks,
    })
}

#[test]
fn levels_agree_with_ffmpeg() {
    if !have("ffmpeg") {
        return skip("needs ffmpeg");
    }
    let mut files: Vec<_> = std::fs::read_dir(fixture(""))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.extend(corpus_files("video"));
    files.sort();
    let mut diffs = Vec::new();
    let mut compared = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let levels = Inspect {
            needs: vec![Need::Levels],
            meter: MeterSettings::default(),
            ..Inspect::default()
        };
        let facts = levels.run(Input::File(path));
        if facts.unreadable() {
            continue;
        }
        let Some(c) = &facts.container else { continue };
        for (index, track) in c.tracks_of(TrackKind::Audio).enumerate() {
            let Some(levels) = track.audio.as_ref().and_then(|a| a.levels.as_ref()) else {
                continue;
            };
            if levels.decoder.starts_with("ffmpeg") {
                continue; // measured through ffmpeg itself
            }
            let Some(reference) = ffmpeg_reference(path, index) else {
                continue;
            };
            compared += 1;
            let mut diff = |field: &str, ours: f64, theirs: f64, tolerance: f64| {
                let explained = EXPLAINED
                    .iter()
                    .any(|&(f, i, k, _)| f == name && i == index && k == field);
                if (ours - theirs).abs() > tolerance && !explained {
                    diffs.push(format!(
                        "{name} a:{index} {field}: mediavet {ours:.3} vs ffmpeg {theirs:.3}"
                    ));
                }
            };
            if let (Some(ours), Some(theirs)) = (
                levels.integrated_lufs,
                reference.integrated.filter(|v| *v > -70.0),
            ) {
                diff("integrated", ours, theirs, 0.1);
            }
            if let (Some(ours), Some(theirs)) = (levels.loudness_range_lu, reference.range) {
                diff("range", ours, theirs, 0.15);
            }
            if let (Some(ours), Some(theirs)) = (
                levels.true_peak_dbtp,
                reference.true_peak.filter(|v| *v > -70.0),
            ) {
                diff("true_peak", ours, theirs, 0.15);
            }
            for (ch, ours) in levels.channels.iter().enumerate() {
                // Digital silence: ffmpeg prints -inf, mediavet the floor of -240 dBFS.
                if let Some(&theirs) = reference.sample_peaks.get(ch).filter(|v| v.is_finite()) {
                    diff(
                        &format!("sample_peak_ch{ch}"),
                        ours.sample_peak_dbfs,
                        theirs,
                        0.1,
                    );
                }
            }
        }
    }
    assert!(compared >= 20, "only {compared} audio tracks compared");
    assert!(
        diffs.is_empty(),
        "{} unexplained differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
