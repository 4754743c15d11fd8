//! Real values on the generated fixtures (testdata/generate.sh). Each figure was
//! cross-checked with ffprobe 5.1 when the fixtures were made; corpus_oracle.rs
//! repeats that comparison automatically where ffprobe is installed.

use crate::common;

use common::fixture;
use mediavet::facts::{ContainerFacts, TrackKind};
use mediavet::{check_path, probe_path, Profile, Report, Severity, Verdict};

fn micro_video() -> Profile {
    Profile::builtin("micro-video").unwrap()
}

fn check(name: &str) -> Report {
    check_path(&fixture(name), &micro_video())
}

fn container(r: &Report) -> &ContainerFacts {
    r.facts.container.as_ref().expect("container facts")
}

fn rules(r: &Report, severity: Severity) -> Vec<&str> {
    r.findings
        .iter()
        .filter(|f| f.severity == severity)
        .map(|f| f.rule)
        .collect()
}

#[test]
fn passing_entry_measures_its_bitrate() {
    let r = check("pass_1080p_18m.mp4");
    assert_eq!(r.verdict, Verdict::Pass, "{:#?}", r.findings);
    let c = container(&r);
    assert_eq!(c.format, "mp4");
    assert_eq!(c.duration, Some(1.0));
    let v = c.primary_video().unwrap();
    assert_eq!(
        (v.codec.as_str(), v.sample_count, v.stream_bytes),
        ("avc1", 25, 2_217_774)
    );
    assert_eq!(v.bitrate, Some(17_742_192.0)); // ffprobe: bit_rate=17742192
    let vf = v.video.as_ref().unwrap();
    assert_eq!(
        (vf.display_width, vf.display_height, vf.rotation),
        (1920, 1080, 0)
    );
    assert_eq!(
        (vf.profile.as_deref(), vf.level.as_deref()),
        (Some("High"), Some("4.0"))
    );
    assert_eq!(
        (vf.frame_rate, vf.variable_frame_rate, vf.interlaced),
        (Some(25.0), false, Some(false))
    );
    let a = c.tracks_of(TrackKind::Audio).next().unwrap();
    let af = a.audio.as_ref().unwrap();
    assert_eq!(
        (af.channels, af.sample_rate, af.format.as_deref()),
        (Some(2), Some(48000.0), Some("AAC LC"))
    );
    assert_eq!(
        c.creation_time.as_ref().and_then(|d| d.date.as_deref()),
        Some("2019-06-01")
    );
    // A 1-second fixture has one keyframe: the watermark search is inconclusive (info).
    assert_eq!(
        rules(&r, Severity::Info),
        ["audio.loudness", "video.codec", "video.watermark"]
    );
}

#[test]
fn fifteen_megabit_request_measures_below_and_fails() {
    let r = check("declared_15m.mp4");
    assert_eq!(r.verdict, Verdict::Fail);
    assert_eq!(rules(&r, Severity::Error), ["video.bitrate"]);
    let f = &r.findings[0];
    let measured = f.measured.as_ref().unwrap().value.as_f64().unwrap();
    assert_eq!(measured, 14_656_452.0); // ffprobe: bit_rate=14656452
    assert_eq!(f.expected.as_ref().unwrap().value.as_f64(), Some(15e6));
    assert!(f.message.en.contains("14.66 Mb/s"), "{}", f.message.en);
    assert!(f.hint.as_ref().unwrap().en.contains("ffmpeg"));
}

/// A header that claims 15 Mb/s (btrt avgBitrate patched in) changes nothing: only the measurement counts.
#[test]
fn declared_header_bitrate_never_counts() {
    let mut bytes = std::fs::read(fixture("declared_15m.mp4")).unwrap();
    let at = bytes
        .windows(4)
        .position(|w| w == b"btrt")
        .expect("ffmpeg writes btrt");
    bytes[at + 12..at + 16].copy_from_slice(&15_000_000u32.to_be_bytes());
    bytes[at + 8..at + 12].copy_from_slice(&15_000_000u32.to_be_bytes());
    let facts = mediavet::probe_bytes("patched.mp4".as_ref(), &bytes);
    let v = facts.container.as_ref().unwrap().primary_video().unwrap();
    assert_eq!(v.declared_bitrate, Some(15_000_000));
    let r = mediavet::check_facts(facts, &micro_video());
    assert_eq!(rules(&r, Severity::Error), ["video.bitrate"]);
    assert!(r.findings[0]
        .message
        .en
        .contains("header declares 15.00 Mb/s"));
}

#[test]
fn quicktime_is_accepted_for_micro_video_but_not_micro_film() {
    let r = check("quicktime.mov");
    assert_eq!(r.facts.kind, mediavet::FileKind::Mov);
    assert_eq!(container(&r).format, "mov");
    // MOV is allowed and the 15 Mb/s minimum applies to MP4 only.
    assert_eq!(r.verdict, Verdict::Pass, "{:#?}", r.findings);
    let film = check_path(
        &fixture("quicktime.mov"),
        &Profile::builtin("micro-film-5").unwrap(),
    );
    assert_eq!(rules(&film, Severity::Error), ["container.format"]);
}

#[test]
fn rotated_phone_video_is_reported_as_portrait() {
    let r = check("portrait_rotated.mp4");
    let v = container(&r)
        .primary_video()
        .unwrap()
        .video
        .clone()
        .unwrap();
    // ffprobe reports rotation=90 counter-clockwise, i.e. 270 clockwise.
    assert_eq!(
        (
            v.width,
            v.height,
            v.rotation,
            v.display_width,
            v.display_height
        ),
        (1920, 1080, 270, 1080, 1920)
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "video.resolution")
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.message.en.contains("portrait") && f.message.zh.contains("竖屏"),
        "{:?}",
        f.message
    );
}

#[test]
fn small_picture_fails_resolution() {
    let r = check("hd720.mp4");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "video.resolution")
        .unwrap();
    assert_eq!(
        f.measured.as_ref().unwrap().value,
        serde_json::json!([1280, 720])
    );
    assert!(!f.message.en.contains("portrait"));
}

#[test]
fn over_three_minutes_fails_duration() {
    let r = check("long_181s.mp4");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "video.duration")
        .unwrap();
    assert_eq!(f.measured.as_ref().unwrap().value.as_f64(), Some(181.0));
    assert!(f.message.en.contains("1.0 s over"), "{}", f.message.en);
    let a = container(&r).tracks_of(TrackKind::Audio).next().unwrap();
    assert_eq!((a.sample_count, a.stream_bytes), (1416, 362_297)); // ffprobe: nb_frames=1416
}

#[test]
fn missing_audio_track_fails() {
    let r = check("no_audio.mp4");
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "track.missing")
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.en.contains("no audio track"));
}

#[test]
fn hevc_with_hvc1_tag_is_read() {
    let r = check("hevc_hvc1.mp4");
    let v = container(&r).primary_video().unwrap();
    assert_eq!((v.codec.as_str(), v.bitrate), ("hvc1", Some(435_496.0))); // ffprobe: 435496
    let vf = v.video.as_ref().unwrap();
    assert_eq!(
        (vf.profile.as_deref(), vf.display_width, vf.display_height),
        (Some("Main"), 1920, 1080)
    );
}

#[test]
fn moov_position_changes_nothing_but_the_flag() {
    let end = probe_path(&fixture("moov_at_end.mp4")).unwrap();
    let start = probe_path(&fixture("faststart.mp4")).unwrap();
    let (e, s) = (end.container.unwrap(), start.container.unwrap());
    assert_eq!(
        (e.moov_before_mdat, s.moov_before_mdat),
        (Some(false), Some(true))
    );
    assert_eq!(e.duration, s.duration);
    for (a, b) in e.tracks.iter().zip(&s.tracks) {
        assert_eq!(
            (a.stream_bytes, a.sample_count, a.bitrate),
            (b.stream_bytes, b.sample_count, b.bitrate)
        );
    }
}

#[test]
fn fragmented_file_sums_its_fragments() {
    let r = check("fragmented.mp4");
    let c = container(&r);
    assert!(c.fragmented);
    assert_eq!(c.duration, Some(2.08)); // ffprobe format duration=2.080000
    let v = c.primary_video().unwrap();
    assert_eq!(
        (v.sample_count, v.stream_bytes, v.bitrate),
        (50, 220_075, Some(880_300.0))
    ); // ffprobe: 880300
    assert_eq!(v.video.as_ref().unwrap().keyframe_count, 3);
}

#[test]
fn truncated_file_is_unreadable_and_says_where() {
    let r = check("truncated_half.mp4");
    assert_eq!(r.verdict, Verdict::Unreadable);
    let f = &r.findings[0];
    assert_eq!((f.rule, f.severity), ("file.unreadable", Severity::Error));
    assert!(
        f.message
            .en
            .contains("moov box missing: file truncated at 51%"),
        "{}",
        f.message.en
    );
}

#[test]
fn random_bytes_and_png_are_not_videos() {
    let r = check("random_bytes.mp4");
    assert_eq!(r.facts.kind, mediavet::FileKind::Unknown);
    assert_eq!(rules(&r, Severity::Error), ["file.kind"]);
    let r = check("png_named.mp4");
    assert_eq!(r.facts.kind, mediavet::FileKind::Png);
    assert_eq!(r.verdict, Verdict::Fail);
    assert!(
        r.findings[0].message.en.contains("PNG image (named .mp4)"),
        "{}",
        r.findings[0].message.en
    );
}

#[test]
fn creation_dates_outside_or_missing_warn() {
    let r = check("dated_2021.mp4");
    let f = r.findings.iter().find(|f| f.rule == "media.date").unwrap();
    assert_eq!(
        (f.severity, f.measured.as_ref().unwrap().text.as_str()),
        (Severity::Warning, "2021-03-01")
    );
    let r = check("undated.mp4");
    let f = r.findings.iter().find(|f| f.rule == "media.date").unwrap();
    assert!(f.message.en.contains("No creation time"));
}

#[test]
fn micro_film_classes_bound_duration() {
    let r = check_path(
        &fixture("pass_1080p_18m.mp4"),
        &Profile::builtin("micro-film-15").unwrap(),
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "video.duration")
        .unwrap();
    assert_eq!(f.expected.as_ref().unwrap().value.as_f64(), Some(900.0));
    let r = check_path(
        &fixture("long_181s.mp4"),
        &Profile::builtin("micro-film-5").unwrap(),
    );
    assert!(r.findings.iter().all(|f| f.rule != "video.duration"));
}

#[test]
fn empty_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    let r = check_path(&empty, &micro_video());
    assert_eq!(r.facts.kind, mediavet::FileKind::Empty);
    assert_eq!(r.verdict, Verdict::Fail);
    let r = check_path(&dir.path().join("nope.mp4"), &micro_video());
    assert_eq!(r.verdict, Verdict::Unreadable);
}

#[test]
fn profile_overrides_change_the_judgement() {
    let p = Profile::from_toml(
        "extends = \"micro-video\"\n[video]\nmin_bitrate_mbps = 14.5\n",
        "t.toml",
    )
    .unwrap();
    assert_eq!(
        check_path(&fixture("declared_15m.mp4"), &p).verdict,
        Verdict::Pass
    );
    let p = Profile::from_toml(
        "extends = \"micro-video\"\n[severity]\n\"video.bitrate\" = \"warning\"\n",
        "t.toml",
    )
    .unwrap();
    assert_eq!(
        check_path(&fixture("declared_15m.mp4"), &p).verdict,
        Verdict::Warn
    );
}

#[test]
fn cut_short_upload_with_moov_first_is_unreadable() {
    let r = check("truncated_faststart.mp4");
    assert_eq!(r.verdict, Verdict::Unreadable);
    let v = container(&r).primary_video().unwrap();
    assert_eq!(v.bytes_beyond_eof, 51_811);
    assert!(
        r.findings[0].message.en.contains("file truncated: track 1"),
        "{}",
        r.findings[0].message.en
    );
    assert!(r.findings[0].message.en.contains("51% present"));
}

#[test]
fn interlacing_comes_from_the_sps() {
    let r = check("interlaced.mp4");
    // ffprobe: field_order=tt (x264 interlaced=1, tff).
    assert_eq!(
        container(&r)
            .primary_video()
            .unwrap()
            .video
            .as_ref()
            .unwrap()
            .interlaced,
        Some(true)
    );
    let codec = r.findings.iter().find(|f| f.rule == "video.codec").unwrap();
    assert!(
        codec.message.en.contains("interlaced"),
        "{}",
        codec.message.en
    );
}

#[test]
fn pcm_in_quicktime_reads_its_layout() {
    let r = check("pcm_mono.mov");
    let a = container(&r).tracks_of(TrackKind::Audio).next().unwrap();
    let af = a.audio.as_ref().unwrap();
    assert_eq!(
        (a.codec.as_str(), af.format.as_deref()),
        ("sowt", Some("PCM s16le"))
    );
    assert_eq!(
        (af.channels, af.channel_layout.as_deref(), af.sample_rate),
        (Some(1), Some("mono"), Some(48000.0))
    );
    // 48 000 samples × 2 bytes in one second.
    assert_eq!((a.stream_bytes, a.bitrate), (96_000, Some(768_000.0)));
}

#[test]
fn peak_window_is_at_least_the_average() {
    let r = check("declared_15m.mp4");
    let v = container(&r).primary_video().unwrap();
    let peak = v.video.as_ref().unwrap().peak_bitrate.unwrap();
    assert!(peak >= v.bitrate.unwrap(), "{peak}");
    assert_eq!(peak, 16_229_544.0);
}
