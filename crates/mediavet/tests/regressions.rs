//! Wrong verdicts found by trying real files and reading the code again, each on a
//! generated fixture (testdata/generate.sh, testdata/text/generate.sh) whose true figures
//! were measured with ffprobe 5.1 and MediaInfo 23 when it was made.

use crate::common;

use common::{fixture, text_fixture};
use mediavet::facts::TrackKind;
use mediavet::{check_path, probe_path, Profile, Severity, Verdict};

fn micro_video() -> Profile {
    Profile::builtin("micro-video").unwrap()
}

#[test]
fn fragmented_duration_is_measured_from_the_fragments_not_the_header() {
    let r = check_path(&fixture("fragmented_lying_header.mp4"), &micro_video());
    let c = r.facts.container.as_ref().unwrap();
    // ffprobe format duration=48.400000, MediaInfo 48400 ms; mvhd claims 19 063 s.
    assert_eq!(c.duration, Some(48.4));
    assert!(
        r.findings.iter().all(|f| f.rule != "video.duration"),
        "{:#?}",
        r.findings
    );
    let warning = r
        .findings
        .iter()
        .find(|f| f.rule == "file.unreadable")
        .expect("the lying header is reported");
    assert_eq!(warning.severity, Severity::Warning);
    assert!(
        warning.message.en.contains(
            "declares a duration of 05:17:43.000 (19063.000 s) but the fragments hold 00:00:48.400 (48.400 s)"
        ),
        "{}",
        warning.message.en
    );
    // The honest fragmented fixture has no such warning.
    let honest = probe_path(&fixture("fragmented.mp4")).unwrap();
    assert!(honest.problems.is_empty(), "{:?}", honest.problems);
}

#[test]
fn the_codec_header_wins_over_the_sample_entry_channel_count() {
    // Every one is mono (ffprobe channels=1, MediaInfo 1) while the entry says 2.
    for (file, source) in [
        ("audio_mp3_mono_entry_stereo.mp4", "MP3 frame header"),
        ("audio_aac_mono_entry_stereo.mp4", "esds"),
        ("audio_ac3_mono_entry_stereo.mp4", "dac3"),
        ("audio_opus_mono_entry_stereo.mp4", "dOps"),
    ] {
        let facts = probe_path(&fixture(file)).unwrap();
        let c = facts.container.as_ref().unwrap();
        let a = c.tracks_of(TrackKind::Audio).next().unwrap();
        let audio = a.audio.as_ref().unwrap();
        assert_eq!(audio.channels, Some(1), "{file}");
        assert_eq!(audio.channel_layout.as_deref(), Some("mono"), "{file}");
        assert_eq!(
            audio.channels_source.as_deref(),
            Some(format!("{source} (the sample entry says 2)").as_str()),
            "{file}"
        );
        let r = check_path(&fixture(file), &micro_video());
        let f = r.findings.iter().find(|f| f.rule == "audio.channels");
        assert!(f.is_some_and(|f| f.severity == Severity::Error), "{file}");
    }
    // Where they agree, nothing is added.
    let facts = probe_path(&fixture("audio_mp3.mp4")).unwrap();
    let c = facts.container.as_ref().unwrap();
    let a = c.tracks_of(TrackKind::Audio).next().unwrap();
    let audio = a.audio.as_ref().unwrap();
    assert_eq!(
        (audio.channels, audio.channels_source.as_deref()),
        (Some(2), Some("MP3 frame header"))
    );
}

#[test]
fn mp4v_with_object_type_0x6c_is_motion_jpeg() {
    // ffprobe codec_name=mjpeg (tag mp4v), MediaInfo Format=JPEG.
    let r = check_path(&fixture("mjpeg_mp4v.mp4"), &micro_video());
    let v = r.facts.primary_video().unwrap();
    assert_eq!(v.format.as_deref(), Some("Motion JPEG"));
    let f = r.findings.iter().find(|f| f.rule == "video.codec").unwrap();
    assert!(
        f.message.en.starts_with("Video: Motion JPEG (mp4v)"),
        "{}",
        f.message.en
    );
    let h264 = probe_path(&fixture("faststart.mp4")).unwrap();
    assert_eq!(
        h264.primary_video().unwrap().format.as_deref(),
        Some("H.264")
    );
}

#[test]
fn verdict_unreadable_comes_from_the_facts_whatever_the_profile_says() {
    let quiet = micro_video()
        .overlay("[severity]\n\"file.unreadable\" = \"off\"\n", "options")
        .unwrap();
    let r = check_path(&fixture("truncated_half.mp4"), &quiet);
    assert_eq!(r.verdict, Verdict::Unreadable);
    assert!(r.findings.iter().all(|f| f.rule != "file.unreadable"));
}

#[test]
fn the_triage_sheet_counts_channels_as_the_rule_does() {
    // ffprobe: two audio streams, channels=1 each.
    let r = check_path(&fixture("two_mono_tracks.mp4"), &micro_video());
    assert!(r.findings.iter().all(|f| f.rule != "audio.channels"));
    assert_eq!(r.facts.container.as_ref().unwrap().audio_channels, Some(2));
    let mut csv = Vec::new();
    mediavet::printer::csv::write(&mut csv, &[r], mediavet::Lang::En).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "audio_channels").unwrap();
    assert_eq!(row[at], "2");
}

#[test]
fn a_password_protected_docx_is_asked_for_without_its_password() {
    let text = Profile::builtin("text").unwrap();
    let r = check_path(&text_fixture("encrypted.docx"), &text);
    assert_eq!(r.facts.kind, mediavet::FileKind::EncryptedOffice);
    assert_eq!(r.verdict, Verdict::Fail);
    let f = r.findings.iter().find(|f| f.rule == "file.kind").unwrap();
    assert!(
        f.message.en.contains("password-protected Word document"),
        "{}",
        f.message.en
    );
    let hint = f.hint.as_ref().unwrap();
    assert!(hint.en.contains("remove the password"), "{}", hint.en);
    assert!(!hint.en.contains("Save As"), "{}", hint.en);
}

#[test]
fn a_package_without_a_document_body_is_not_an_empty_text() {
    let text = Profile::builtin("text").unwrap();
    let r = check_path(&text_fixture("theme_only.docx"), &text);
    assert_eq!(r.verdict, Verdict::Unreadable);
    assert_eq!(r.facts.kind, mediavet::FileKind::Zip);
    assert!(r.findings.iter().all(|f| f.rule != "text.empty"));
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "file.unreadable")
        .unwrap();
    assert!(
        f.message.en.contains(
            "not a Word document: word/document.xml: no Word document body: the package holds 2 entries: [Content_Types].xml, word/theme/theme1.xml"
        ),
        "{}",
        f.message.en
    );
}

#[test]
fn mixed_latin_and_chinese_lines_count_as_word_shows_them() {
    // testdata/text/mixed_scripts.words.tsv gives, for each line, the 字数 Word shows
    // under its documented rule and why (see testdata/text/generate.sh).
    let lines = std::fs::read_to_string(text_fixture("mixed_scripts.txt")).unwrap();
    let expected = std::fs::read_to_string(text_fixture("mixed_scripts.words.tsv")).unwrap();
    let expected: Vec<(usize, String)> = expected
        .lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[1].parse().unwrap(), cols[2].to_string())
        })
        .collect();
    assert_eq!(lines.lines().count(), expected.len());
    for (line, (words, why)) in lines.lines().zip(&expected) {
        let got = mediavet::text::count::count(line).words;
        assert_eq!(got, *words, "{line}: {why}");
    }
}

#[test]
fn a_japanese_text_is_called_japanese_not_traditional_chinese() {
    let text = Profile::builtin("text").unwrap();
    let r = check_path(&text_fixture("japanese_1200.txt"), &text);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "text.script")
        .collect();
    assert_eq!(f.len(), 1, "{:#?}", r.findings);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(
        f[0].message.en.starts_with("The text is Japanese (")
            && f[0].message.en.ends_with("not Simplified Chinese."),
        "{}",
        f[0].message.en
    );
    assert!(!f[0].message.en.contains("護→"), "{}", f[0].message.en);
}

#[test]
fn a_mark_moving_between_corners_of_a_short_clip_is_found() {
    // 12 s, a keyframe every 2 s: 6 keyframes and 18 pictures decoded between them.
    let r = check_path(&fixture("frames_jump_g50.mp4"), &micro_video());
    let frames = r.facts.frames().unwrap();
    assert_eq!((frames.keyframes_available, frames.times_s.len()), (6, 24));
    assert!(!frames.moving_marks_inconclusive);
    let marks: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "video.watermark" && f.severity == Severity::Error)
        .map(|f| f.message.en.as_str())
        .collect();
    assert_eq!(marks.len(), 2, "{:#?}", r.findings);
    assert!(marks[0].contains("at top left") && marks[0].contains("(0.0–5.5 s)"));
    assert!(marks[1].contains("at bottom right") && marks[1].contains("(6.0–11.5 s)"));
    // Asked for 6 pictures only, the halves and thirds cannot be searched: said so.
    let six = micro_video()
        .overlay("[frames]\nkeyframes = 6\n", "options")
        .unwrap();
    let r = check_path(&fixture("frames_jump_g50.mp4"), &six);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "video.watermark")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Info);
    assert!(
        f[0].message.en.starts_with(
            "Watermark check inconclusive for marks that move: only 6 frames could be analysed, and 18 are needed"
        ),
        "{}",
        f[0].message.en
    );
}
