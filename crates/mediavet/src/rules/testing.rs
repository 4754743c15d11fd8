//! Hand-built facts and a table runner for the rules' own tests: no media file needed.

use super::Rule;
use crate::facts::audio::{AudioLevels, ChannelLevels, ChannelRelation, Silence, Trace};
use crate::facts::frames::{FrameFacts, QrFact, Rect, WatermarkFact};
use crate::facts::image::ImageFacts;
use crate::facts::{AudioFacts, ContainerFacts, Facts, Problem, Track, TrackKind, VideoFacts};
use crate::finding::{Finding, Severity};
use crate::kind::FileKind;
use crate::profile::Profile;
use crate::text::author::AuthorDetails;
use crate::text::TextFacts;

/// A built-in profile with TOML `overlay` laid over it.
pub fn profile(builtin: &str, overlay: &str) -> Profile {
    let p = Profile::builtin(builtin).expect("built-in profile");
    if overlay.is_empty() {
        p
    } else {
        p.overlay(overlay, "test").expect("valid overlay")
    }
}

/// Facts of a file of `kind` with nothing else known.
pub fn bare(kind: FileKind, name: &str) -> Facts {
    Facts {
        path: name.into(),
        size: 1000,
        kind,
        extension: crate::kind::extension(name.as_ref()),
        container: None,
        image: None,
        text: None,
        subtitles: Vec::new(),
        problems: Vec::new(),
        thumbnails: Vec::new(),
    }
}

/// A track of `kind` with 100 samples.
pub fn track(id: u32, kind: TrackKind, codec: &str) -> Track {
    Track {
        id,
        kind,
        handler: String::new(),
        codec: codec.into(),
        enabled: true,
        language: None,
        duration: Some(60.0),
        media_duration: Some(60.0),
        sample_count: 100,
        stream_bytes: 1000,
        bytes_beyond_eof: 0,
        bitrate: None,
        declared_bitrate: None,
        video: None,
        audio: None,
    }
}

/// An MP4 of `seconds` with an H.264 track of `width`×`height` at `bitrate` bit/s and a
/// stereo AAC track.
pub fn video(width: u32, height: u32, bitrate: f64, seconds: f64) -> Facts {
    let mut v = track(1, TrackKind::Video, "avc1");
    v.bitrate = Some(bitrate);
    v.duration = Some(seconds);
    v.video = Some(VideoFacts {
        format: Some("H.264".into()),
        width,
        height,
        display_width: width,
        display_height: height,
        ..VideoFacts::default()
    });
    let mut a = track(2, TrackKind::Audio, "mp4a");
    a.audio = Some(AudioFacts {
        format: Some("AAC LC".into()),
        channels: Some(2),
        ..AudioFacts::default()
    });
    let mut facts = bare(FileKind::Mp4, "entry.mp4");
    facts.container = Some(ContainerFacts {
        format: "mp4".into(),
        duration: Some(seconds),
        audio_channels: Some(2),
        tracks: vec![v, a],
        ..ContainerFacts::default()
    });
    facts
}

/// The main video track's facts, to adjust.
pub fn video_track(facts: &mut Facts) -> &mut Track {
    facts
        .container
        .as_mut()
        .and_then(|c| c.tracks.iter_mut().find(|t| t.kind == TrackKind::Video))
        .expect("a video track")
}

/// The first audio track's facts, to adjust.
pub fn audio_track(facts: &mut Facts) -> &mut Track {
    facts
        .container
        .as_mut()
        .and_then(|c| c.tracks.iter_mut().find(|t| t.kind == TrackKind::Audio))
        .expect("an audio track")
}

/// A JPEG of `width`×`height`.
pub fn photo(width: u32, height: u32) -> Facts {
    let mut facts = bare(FileKind::Jpeg, "photo.jpg");
    facts.image = Some(ImageFacts {
        width,
        height,
        orientation: None,
        display_width: width,
        display_height: height,
        megapixels: f64::from(width) * f64::from(height) / 1e6,
        progressive: Some(false),
        components: Some(3),
        quality: None,
        xmp: false,
        exif: None,
        captions: Vec::new(),
        creators: Vec::new(),
        sharpness: None,
        fingerprint: None,
        not_decoded: None,
        claimed_height: None,
    });
    facts
}

/// The image facts, to adjust.
pub fn image(facts: &mut Facts) -> &mut ImageFacts {
    facts.image.as_mut().expect("image facts")
}

/// A UTF-8 plain text with `body`.
pub fn text(body: &str) -> Facts {
    let mut facts = bare(FileKind::Text, "story.txt");
    facts.text = Some(TextFacts::of(body.into(), "UTF-8", false, None));
    facts
}

/// A subtitle file `name` holding `content`.
pub fn subtitle(name: &str, content: &str) -> Facts {
    let mut facts = bare(FileKind::Subtitle, name);
    let ext = crate::kind::extension(name.as_ref());
    let subs = crate::subtitle::from_text(content, ext.as_deref(), name.into(), "UTF-8")
        .expect("a subtitle format");
    facts.subtitles.push(subs);
    facts
}

/// A problem met reading the file.
pub fn problem(fatal: bool, en: &str) -> Problem {
    Problem::new(fatal, Some(42), en, format!("问题：{en}"))
}

/// What a finding must be: its severity and a piece of its message in each language.
pub struct Want {
    severity: Severity,
    en: &'static str,
    zh: &'static str,
}

/// An error whose messages contain `en` and `zh`.
pub fn error(en: &'static str, zh: &'static str) -> Want {
    Want {
        severity: Severity::Error,
        en,
        zh,
    }
}

/// A warning whose messages contain `en` and `zh`.
pub fn warning(en: &'static str, zh: &'static str) -> Want {
    Want {
        severity: Severity::Warning,
        en,
        zh,
    }
}

/// An info whose messages contain `en` and `zh`.
pub fn info(en: &'static str, zh: &'static str) -> Want {
    Want {
        severity: Severity::Info,
        en,
        zh,
    }
}

/// The findings of `rule` alone on `facts` under `profile` (at its severity there; none
/// when it does not apply or is off), with `author`'s details.
pub fn findings_with(
    rule: &'static Rule,
    facts: &Facts,
    profile: &Profile,
    author: &AuthorDetails,
) -> Vec<Finding> {
    // As a check does before the rules: where the author's details are in a text.
    let mut facts = facts.clone();
    crate::text::author::note(&mut facts, author);
    match super::active(profile).find(|(r, _)| r.id == rule.id) {
        Some((_, severity)) => super::check(rule, severity, &facts, profile),
        None => Vec::new(),
    }
}

/// Checks one table row: `rule` on `facts` gives exactly `want`, in order.
pub fn expect(rule: &'static Rule, case: &str, facts: &Facts, profile: &Profile, want: &[Want]) {
    expect_with(rule, case, facts, profile, &AuthorDetails::default(), want);
}

/// [`expect`] with the author's details.
pub fn expect_with(
    rule: &'static Rule,
    case: &str,
    facts: &Facts,
    profile: &Profile,
    author: &AuthorDetails,
    want: &[Want],
) {
    let got = findings_with(rule, facts, profile, author);
    let shown: Vec<String> = got
        .iter()
        .map(|f| format!("{:?}: {} | {}", f.severity, f.message.en, f.message.zh))
        .collect();
    assert_eq!(got.len(), want.len(), "{}: {case}: {shown:#?}", rule.id);
    for (f, w) in got.iter().zip(want) {
        assert_eq!(f.rule, rule.id, "{case}");
        assert_eq!(f.severity, w.severity, "{}: {case}: {shown:#?}", rule.id);
        assert!(
            f.message.en.contains(w.en) && f.message.zh.contains(w.zh),
            "{}: {case}: want {:?} / {:?} in {shown:#?}",
            rule.id,
            w.en,
            w.zh
        );
    }
}

/// A channel peaking at `peak` dBFS that reaches `reached` dBFS, silent for `silent` of
/// its blocks (VU readings 20 dB above the peaks, as a −20 dBFS reference gives).
pub fn channel(peak: f64, reached: Option<f64>, silent: f64) -> ChannelLevels {
    ChannelLevels {
        sample_peak_dbfs: peak,
        sample_peak_time_s: 1.0,
        true_peak_dbtp: Some(peak + 0.3),
        integrated_lufs: Some(peak - 10.0),
        max_vu: peak + 20.0,
        reached_peak_dbfs: reached,
        reached_vu: reached.map(|r| r + 20.0),
        silent_share: silent,
    }
}

/// `facts` with the first audio track's levels measured as `channels`, channel 1
/// against channel 2 correlating `correlation` (identical at 1.0).
pub fn with_levels(mut facts: Facts, channels: Vec<ChannelLevels>, correlation: f64) -> Facts {
    let relation = (channels.len() >= 2).then_some(ChannelRelation {
        correlation,
        identical: correlation >= 1.0,
        loudness_difference_lu: Some(0.0),
    });
    let silent = channels.iter().map(|c| c.silent_share).fold(1.0, f64::min);
    let levels = AudioLevels {
        decoder: "test".into(),
        packets_failed: 0,
        duration: 60.0,
        sample_rate: 48_000,
        vu_reference_dbfs: -20.0,
        level_percentile: 90.0,
        integrated_lufs: Some(-24.0),
        loudness_range_lu: Some(6.0),
        max_momentary_lufs: None,
        max_short_term_lufs: None,
        true_peak_dbtp: Some(-3.0),
        channels,
        relation,
        silence: Silence {
            share: silent,
            leading_s: 0.0,
            trailing_s: 0.0,
        },
        trace: Trace {
            interval_s: 0.1,
            peak_dbfs: Vec::new(),
            vu: Vec::new(),
        },
    };
    if let Some(a) = audio_track(&mut facts).audio.as_mut() {
        a.levels = Some(levels);
    }
    facts
}

/// `facts` whose first audio track could not be measured, for `why`.
pub fn not_measured(mut facts: Facts, why: &str) -> Facts {
    if let Some(a) = audio_track(&mut facts).audio.as_mut() {
        a.not_measured = Some(crate::finding::Text::new(
            format!("not measured: {why}"),
            format!("未测量：{why}"),
        ));
    }
    facts
}

/// A 1920×1080 video whose 24 sampled frames (all decoded, 60 % of the picture changing)
/// show `marks` and `qr_codes`.
pub fn frames(marks: Vec<WatermarkFact>, qr_codes: Vec<QrFact>) -> Facts {
    let mut facts = video(1920, 1080, 2e7, 60.0);
    if let Some(v) = video_track(&mut facts).video.as_mut() {
        v.frames = Some(FrameFacts {
            decoder: "openh264".into(),
            keyframes_available: 24,
            decoded_between: 0,
            times_s: (0..24).map(f64::from).collect(),
            fingerprints: Vec::new(),
            failed: Vec::new(),
            analysis_size: [480, 270],
            active_area: Rect {
                x: 0,
                y: 0,
                w: 1920,
                h: 1080,
            },
            change_share: 0.6,
            inconclusive: None,
            moving_marks_inconclusive: false,
            watermarks: marks,
            qr_codes,
            subtitles: None,
            screen_text: Vec::new(),
        });
    }
    facts
}

/// The frame facts, to adjust.
pub fn frame_facts(facts: &mut Facts) -> &mut FrameFacts {
    video_track(facts)
        .video
        .as_mut()
        .and_then(|v| v.frames.as_mut())
        .expect("frame facts")
}

/// A mark in box `rect` (x, y, w, h) seen in all frames with `confidence`.
pub fn mark((x, y, w, h): (usize, usize, usize, usize), confidence: f64) -> WatermarkFact {
    WatermarkFact {
        rect: Rect { x, y, w, h },
        share: 1.0,
        first_s: 0.0,
        last_s: 23.0,
        confidence,
    }
}

/// An entry with a parsed `name` (as received from a mail subject) and nothing else.
pub fn entry(name: &str) -> crate::facts::entry::EntryFacts {
    let name = crate::naming::parse(name, "subject");
    crate::facts::entry::EntryFacts {
        source: "entry.eml".into(),
        category: name.category,
        name: Some(name),
        ..Default::default()
    }
}

/// A complete, valid form of a 自荐 文字类 entry titled 山路, with `changes` (key, value)
/// applied; a value of `-` removes the field's label.
pub fn form(changes: &[(&'static str, &str)]) -> crate::facts::entry::Form {
    use crate::facts::entry::Channel;
    let mut f = crate::facts::entry::Form {
        source: "报名表.docx".into(),
        format: "docx",
        channels: vec![Channel::SelfSubmitted],
        categories: vec!["text"],
        ..Default::default()
    };
    for (k, v) in [
        ("name", "王秀英"),
        ("sex", "男"),
        ("ethnicity", "汉族"),
        ("birth", "1985年3月"),
        ("unit", "青山县文化馆"),
        ("post", "干事"),
        ("address", "湖南省长沙市芙蓉区五一大道1号"),
        ("postcode", "410011"),
        ("email", "wxy@example.com"),
        ("id_number", "430102198503158315"),
        ("phone", "15812346157"),
        ("title", "山路"),
        ("summary", "讲述了一条山路。"),
    ] {
        f.fields.insert(k, v.to_string());
    }
    for (k, v) in changes {
        if *v == "-" {
            f.fields.remove(k);
        } else {
            f.fields.insert(k, (*v).to_string());
        }
    }
    f
}

/// [`entry`] with `form` read.
pub fn with_form(
    mut e: crate::facts::entry::EntryFacts,
    form: crate::facts::entry::Form,
) -> crate::facts::entry::EntryFacts {
    e.form = Some(form);
    e
}

/// Checks one table row of an entry rule: `rule` on `entry` gives exactly `want`.
pub fn expect_entry(
    rule: &'static Rule,
    case: &str,
    entry: &crate::facts::entry::EntryFacts,
    profile: &Profile,
    want: &[Want],
) {
    let got = match (
        super::active(profile).find(|(r, _)| r.id == rule.id),
        &rule.check,
    ) {
        (Some((_, sev)), super::Check::Entry(check)) => check(
            &super::EntryCtx {
                entry,
                profile,
                rule,
            },
            sev,
        ),
        _ => Vec::new(),
    };
    let shown: Vec<String> = got
        .iter()
        .map(|f| format!("{:?}: {} | {}", f.severity, f.message.en, f.message.zh))
        .collect();
    assert_eq!(got.len(), want.len(), "{}: {case}: {shown:#?}", rule.id);
    for (f, w) in got.iter().zip(want) {
        assert_eq!(f.severity, w.severity, "{}: {case}: {shown:#?}", rule.id);
        assert!(
            f.message.en.contains(w.en) && f.message.zh.contains(w.zh),
            "{}: {case}: want {:?} / {:?} in {shown:#?}",
            rule.id,
            w.en,
            w.zh
        );
    }
}

/// The sampled-frame facts of a video made by [`frames`], to set what they show.
pub fn frames_mut(facts: &mut Facts) -> Option<&mut FrameFacts> {
    video_track(facts)
        .video
        .as_mut()
        .and_then(|v| v.frames.as_mut())
}
