//! The audio rules on the generated fixtures: measured levels, channel layout, decoders.

use crate::common;

use common::fixture;
use mediavet::audio::AudioLevels;
use mediavet::facts::TrackKind;
use mediavet::{check_path, Profile, Report, Severity, Verdict};

fn check(name: &str) -> Report {
    check_path(&fixture(name), &Profile::builtin("micro-video").unwrap())
}

fn levels(r: &Report) -> &AudioLevels {
    let c = r.facts.container.as_ref().unwrap();
    let a = c
        .tracks_of(TrackKind::Audio)
        .next()
        .unwrap()
        .audio
        .as_ref()
        .unwrap();
    a.levels
        .as_ref()
        .unwrap_or_else(|| panic!("not measured: {:?}", a.not_measured))
}

/// The first finding of `rule`.
fn finding<'a>(r: &'a Report, rule: &str) -> &'a mediavet::Finding {
    r.findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding: {:#?}", r.findings))
}

fn audio_findings(r: &Report) -> Vec<(&str, Severity)> {
    r.findings
        .iter()
        .filter(|f| f.rule.starts_with("audio."))
        .map(|f| (f.rule, f.severity))
        .collect()
}

#[test]
fn split_stereo_in_the_band_passes() {
    let r = check("pass_1080p_18m.mp4");
    assert_eq!(r.verdict, Verdict::Pass, "{:#?}", r.findings);
    let l = levels(&r);
    assert_eq!(l.decoder, "symphonia (aac)");
    // ffmpeg astats: -9.704424 / -9.038061 dBFS.
    assert!((l.channels[0].sample_peak_dbfs + 9.7044).abs() < 0.001);
    assert!((l.channels[1].sample_peak_dbfs + 9.0381).abs() < 0.001);
    assert!(l.relation.as_ref().unwrap().correlation.abs() < 0.01);
    assert_eq!(audio_findings(&r), [("audio.loudness", Severity::Info)]);
}

#[test]
fn too_loud_says_how_much_to_lower() {
    let r = check("audio_loud.mp4");
    let max: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "audio.level.max")
        .collect();
    assert_eq!(max.len(), 2);
    assert_eq!(max[0].severity, Severity::Error);
    assert!(max[0].message.en.contains("Channel 1 peaks at -2.3 dBFS (sample peak), above the -8.0 dBFS limit: lower it by 5.7 dB"), "{}", max[0].message.en);
    assert!(
        max[1].message.en.contains("Channel 2 peaks at -0.2 dBFS"),
        "{}",
        max[1].message.en
    );
    assert!(max[0].hint.as_ref().unwrap().en.contains("volume=-5.7dB"));
}

#[test]
fn too_quiet_says_how_much_to_raise() {
    let r = check("audio_quiet.mp4");
    let min: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "audio.level.min")
        .collect();
    assert_eq!(min.len(), 2);
    assert!(min[0].message.en.contains("reaches only -20.0 dBFS (90th percentile of 300 ms peaks), below -12.0 dBFS: raise it by 8.0 dB"), "{}", min[0].message.en);
    assert!(min[0].message.zh.contains("需提高 8.0 dB"));
}

#[test]
fn dual_mono_and_silent_channel_are_not_a_split() {
    let r = check("audio_dual_mono.mp4");
    let split = finding(&r, "audio.channel_split");
    assert_eq!(split.severity, Severity::Warning);
    assert!(
        split
            .message
            .en
            .contains("nearly the same signal (correlation 1.000)"),
        "{}",
        split.message.en
    );

    let r = check("audio_silent_channel.mp4");
    let rules = audio_findings(&r);
    assert!(
        rules.contains(&("audio.silence", Severity::Warning)),
        "{rules:?}"
    );
    assert!(rules.contains(&("audio.channel_split", Severity::Warning)));
    assert!(rules.contains(&("audio.level.min", Severity::Error)));
    assert_eq!(levels(&r).channels[1].silent_share, 1.0);
}

#[test]
fn mono_and_surround_fail_the_channel_rule() {
    let r = check("audio_mono.mp4");
    let f = finding(&r, "audio.channels");
    assert!(
        f.message
            .en
            .contains("The audio has 1 channel (1 audio track: mono (1 ch))"),
        "{}",
        f.message.en
    );
    let r = check("audio_51.mp4");
    let f = finding(&r, "audio.channels");
    assert!(
        f.message
            .en
            .contains("6 channels (1 audio track: 5.1 (6 ch))"),
        "{}",
        f.message.en
    );
    let a = r
        .facts
        .container
        .as_ref()
        .unwrap()
        .tracks_of(TrackKind::Audio)
        .next()
        .unwrap()
        .audio
        .clone()
        .unwrap();
    match (&a.levels, &a.not_measured) {
        // With ffmpeg on PATH the 5.1 AAC is decoded through it, and the facts say so.
        (Some(l), _) => assert_eq!(
            l.decoder,
            "ffmpeg (AAC with 6 channels is not decodable here)"
        ),
        (None, Some(why)) => assert!(why.en.contains("AAC with 6 channels is not decodable here")),
        other => panic!("neither measured nor explained: {other:?}"),
    }
}

#[test]
fn surround_from_memory_goes_to_ffmpeg_through_memory_like_the_file() {
    // Bytes in memory reach the ffmpeg fallback through an anonymous memory file (issue
    // 14): the same levels as from the file on disk, no temporary file written.
    if !common::have("ffmpeg") {
        return;
    }
    let data = std::fs::read(fixture("audio_51.mp4")).unwrap();
    let profile = Profile::builtin("micro-video").unwrap();
    let from_memory = mediavet::check_bytes(&data, "audio_51.mp4".as_ref(), &profile);
    let from_file = check("audio_51.mp4");
    let (memory, file) = (levels(&from_memory), levels(&from_file));
    assert_eq!(
        memory.decoder,
        "ffmpeg (AAC with 6 channels is not decodable here)"
    );
    assert_eq!(memory.decoder, file.decoder);
    assert_eq!(memory.channels.len(), 6);
    for (m, f) in memory.channels.iter().zip(&file.channels) {
        assert_eq!(m.sample_peak_dbfs, f.sample_peak_dbfs);
    }
}

#[test]
fn pcm_in_mov_and_mp3_in_mp4_are_decoded_here() {
    let r = check("audio_pcm_split.mov");
    let l = levels(&r);
    assert_eq!(l.decoder, "built-in PCM (16 bit)");
    assert!((l.channels[0].sample_peak_dbfs + 10.006).abs() < 0.001);
    assert!(
        audio_findings(&r).iter().all(|(_, s)| *s == Severity::Info),
        "{:?}",
        audio_findings(&r)
    );
    let r = check("audio_mp3.mp4");
    let l = levels(&r);
    assert_eq!(l.decoder, "symphonia (mp3)");
    assert!((l.channels[1].sample_peak_dbfs + 10.27).abs() < 0.01);
    assert!(audio_findings(&r).iter().all(|(_, s)| *s == Severity::Info));
}

#[test]
fn vu_and_true_peak_meters_are_selectable() {
    let vu = Profile::from_toml("extends = \"micro-video\"\n[audio]\nmeter = \"vu\"\nmax_level_db = 3.0\nmin_level_db = -3.0\n", "vu.toml").unwrap();
    let r = check_path(&fixture("audio_loud.mp4"), &vu);
    let f = finding(&r, "audio.level.max");
    assert!(f.message.en.contains("VU (VU meter)"), "{}", f.message.en);
    let tp = Profile::from_toml(
        "extends = \"micro-video\"\n[audio]\nmeter = \"true-peak\"\n",
        "tp.toml",
    )
    .unwrap();
    let r = check_path(&fixture("audio_loud.mp4"), &tp);
    assert!(r
        .findings
        .iter()
        .any(|f| f.rule == "audio.level.max" && f.message.en.contains("dBTP (true peak)")));
}

#[test]
fn true_peak_is_measured_only_when_a_rule_reads_it() {
    // audio.loudness reads it under the built-in profile; with that rule off and the
    // sample-peak meter nothing does, and the 4× oversampling is skipped.
    let r = check("audio_loud.mp4");
    let tp = levels(&r)
        .true_peak_dbtp
        .expect("true peak for audio.loudness");
    assert!(tp >= levels(&r).channels[0].sample_peak_dbfs - 1e-9, "{tp}");
    let layer = "extends = \"micro-video\"\n[severity]\n\"audio.loudness\" = \"off\"\n";
    let off = Profile::from_toml(layer, "off.toml").unwrap();
    let r = check_path(&fixture("audio_loud.mp4"), &off);
    assert_eq!(levels(&r).true_peak_dbtp, None);
    assert!(levels(&r)
        .channels
        .iter()
        .all(|c| c.true_peak_dbtp.is_none()));
    assert!(levels(&r).integrated_lufs.is_some());
    let meter = format!("{layer}[audio]\nmeter = \"true-peak\"\n");
    let r = check_path(
        &fixture("audio_loud.mp4"),
        &Profile::from_toml(&meter, "tp.toml").unwrap(),
    );
    assert_eq!(levels(&r).true_peak_dbtp, Some(tp));
}

#[test]
fn edit_lists_decide_what_is_measured() {
    // AAC priming (the first 1024 samples) lies before the edit list's start: measured
    // duration is the presented one, not the stored 1.021 s.
    let r = check("pass_1080p_18m.mp4");
    let l = levels(&r);
    assert!((l.duration - 1.0).abs() < 0.001, "{}", l.duration);
}

#[test]
fn lossless_codecs_are_decoded_here() {
    // The PCM source peaks at -10.006 dBFS on both channels; lossless decoding keeps it.
    for (name, decoder) in [
        ("audio_alac.mov", "symphonia (alac)"),
        ("audio_flac.mp4", "symphonia (flac)"),
    ] {
        let r = check(name);
        let l = levels(&r);
        assert_eq!(l.decoder, decoder);
        for c in &l.channels {
            assert!(
                (c.sample_peak_dbfs + 10.006).abs() < 0.001,
                "{name}: {}",
                c.sample_peak_dbfs
            );
        }
    }
}
