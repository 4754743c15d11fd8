//! video.watermark and video.qr_code on the committed fixtures: a drawn logo is found where
//! it is, the same footage without it passes, a QR code shown for 2 s is read.

use crate::common;

use common::{fixture, have, skip};
use mediavet::video::{analyse, FrameFacts, FrameSettings, Inconclusive, Keep};
use mediavet::Input;
use mediavet::{check_bytes, check_path, Profile, Report, Severity};

fn profile() -> Profile {
    Profile::builtin("micro-video").unwrap()
}

fn frames(r: &Report) -> &FrameFacts {
    r.facts.frames().expect("frames analysed")
}

fn findings<'a>(r: &'a Report, rule: &str) -> Vec<&'a mediavet::Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn a_corner_logo_is_found_where_it_is() {
    let r = check_path(&fixture("frames_logo.mp4"), &profile());
    let f = frames(&r);
    assert_eq!(f.decoder, "openh264");
    assert_eq!((f.keyframes_available, f.times_s.len()), (25, 24));
    assert_eq!(f.analysis_size, [480, 270]);
    assert!(
        f.inconclusive.is_none() && f.change_share > 0.9,
        "{}",
        f.change_share
    );
    // The logo is drawn at (376, 16), 90×36; the box takes in the edges around it.
    let m = &f.watermarks[0];
    let b = m.rect;
    assert!(
        (368..=378).contains(&b.x) && (8..=18).contains(&b.y),
        "{b:?}"
    );
    assert!(
        (88..=104).contains(&b.w) && (34..=50).contains(&b.h),
        "{b:?}"
    );
    assert_eq!(m.share, 1.0);
    assert!(m.confidence > 0.9, "{}", m.confidence);
    let wm = findings(&r, "video.watermark");
    assert_eq!(wm.len(), 1, "{wm:?}");
    assert_eq!(wm[0].severity, Severity::Error);
    assert!(
        wm[0].message.en.contains("top right"),
        "{}",
        wm[0].message.en
    );
    // In memory, the same.
    let bytes = std::fs::read(fixture("frames_logo.mp4")).unwrap();
    let in_memory = check_bytes(&bytes, "x.mp4".as_ref(), &profile());
    let m2 = &frames(&in_memory).watermarks[0];
    assert_eq!((m2.rect, m2.share), (m.rect, m.share));
}

#[test]
fn the_same_footage_without_the_logo_passes() {
    let r = check_path(&fixture("frames_clean.mp4"), &profile());
    let f = frames(&r);
    assert!(f.inconclusive.is_none());
    assert!(
        f.watermarks.iter().all(|m| m.confidence < 0.5),
        "{:?}",
        f.watermarks
    );
    assert!(findings(&r, "video.watermark")
        .iter()
        .all(|f| f.severity == Severity::Info));
    assert!(findings(&r, "video.qr_code").is_empty());
}

#[test]
fn a_qr_code_is_read_with_its_time_and_place() {
    let r = check_path(&fixture("frames_qr.mp4"), &profile());
    let f = frames(&r);
    assert!(!f.qr_codes.is_empty());
    for q in &f.qr_codes {
        assert_eq!(
            q.content.as_deref(),
            Some("https://shop.example.com/promo?id=38291047")
        );
        assert!((2.0..=4.0).contains(&q.time_s), "{}", q.time_s);
        // Overlaid at x = 40, vertically centred; 29 modules × 3 px inside a 2-module margin.
        assert!((40..=52).contains(&q.rect.x), "{:?}", q.rect);
        assert!((85..=95).contains(&q.rect.w), "{:?}", q.rect);
    }
    let qr = findings(&r, "video.qr_code");
    assert_eq!(qr.len(), 1, "one finding per distinct code");
    assert_eq!(qr[0].severity, Severity::Warning);
    // Shown for 2 of the 6 seconds: an advert, not a watermark.
    assert!(findings(&r, "video.watermark")
        .iter()
        .all(|f| f.severity != Severity::Error));
}

#[test]
fn static_pictures_and_single_keyframes_are_inconclusive() {
    // One keyframe in 1 s: the 23 pictures after it are decoded too (ffmpeg, for its
    // B-pictures), and over one second the picture barely changes.
    let r = check_path(&fixture("pass_1080p_18m.mp4"), &profile());
    let wm = findings(&r, "video.watermark");
    assert_eq!(wm.len(), 1);
    assert_eq!(wm[0].severity, Severity::Info);
    assert!(wm[0].message.en.contains("inconclusive"));
    assert_eq!(frames(&r).times_s.len(), 24);
    assert_eq!(frames(&r).inconclusive, Some(Inconclusive::StaticPicture));
    // From memory ffmpeg helps the same way (the bytes reach it through a memory file,
    // issue 14): the same 24 pictures and the same verdict as from the file.
    if !have("ffmpeg") {
        return;
    }
    let bytes = std::fs::read(fixture("hd720.mp4")).unwrap();
    let from_memory = check_bytes(&bytes, "hd720.mp4".as_ref(), &profile());
    let from_file = check_path(&fixture("hd720.mp4"), &profile());
    assert_eq!(frames(&from_memory).times_s, frames(&from_file).times_s);
    assert_eq!(frames(&from_memory).decoder, frames(&from_file).decoder);
    let wm = findings(&from_memory, "video.watermark");
    assert_eq!(wm.len(), 1);
    assert_eq!(
        wm[0].message.en,
        findings(&from_file, "video.watermark")[0].message.en
    );
    assert_eq!(
        frames(&from_memory).inconclusive,
        Some(Inconclusive::StaticPicture)
    );
}

#[test]
fn fragmented_files_go_through_ffmpeg_or_say_why() {
    let mut facts = mediavet::probe_path(&fixture("fragmented.mp4")).unwrap();
    analyse(
        Input::File(&fixture("fragmented.mp4")),
        None,
        &mut facts,
        FrameSettings::default(),
        true,
        Keep::default(),
    );
    let v = facts.container.unwrap().tracks[0].video.clone().unwrap();
    match (v.frames, v.frames_not_checked) {
        (Some(f), _) => {
            assert!(have("ffmpeg"));
            assert!(f.decoder.contains("movie fragments"), "{}", f.decoder);
            // 2 s with a keyframe a second: each keyframe once, at its own time.
            assert_eq!(f.times_s.len(), 3, "{:?}", f.times_s);
            assert!(f.times_s.windows(2).all(|t| t[1] - t[0] > 0.9));
            assert_eq!(f.inconclusive, Some(Inconclusive::FewKeyframes));
        }
        (None, Some(why)) => assert!(!have("ffmpeg") && why.en.contains("movie fragments")),
        (None, None) => panic!("neither frames nor a reason"),
    }
}

#[test]
fn debug_frames_are_written_as_png() {
    let dir = tempfile::tempdir().unwrap();
    let mut facts = mediavet::probe_path(&fixture("frames_logo.mp4")).unwrap();
    analyse(
        Input::File(&fixture("frames_logo.mp4")),
        None,
        &mut facts,
        FrameSettings::default(),
        true,
        Keep {
            debug: Some(dir.path()),
            thumbnails: true,
        },
    );
    // Thumbnails of 12 analysed frames spread from the first to the last, at their
    // times, 240 px wide in the 16:9 shape.
    let frames = facts.container.as_ref().unwrap().tracks[0]
        .video
        .as_ref()
        .unwrap()
        .frames
        .clone()
        .unwrap();
    let shown: Vec<_> = facts
        .thumbnails
        .iter()
        .map(|t| (t.time_s, t.width, t.height))
        .collect();
    assert_eq!(shown.len(), mediavet::video::SHEET_FRAMES);
    let t = &frames.times_s;
    assert!(shown
        .iter()
        .all(|s| s.0.is_some_and(|s| t.contains(&s)) && (s.1, s.2) == (240, 135)));
    assert_eq!(
        (shown[0].0, shown[11].0),
        (t.first().copied(), t.last().copied())
    );
    assert!(facts
        .thumbnails
        .iter()
        .all(|t| t.jpeg.starts_with("data:image/jpeg;base64,/9j/")));
    let out = dir.path().join("frames_logo.mp4");
    let pngs: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(pngs.len(), 25, "{pngs:?}");
    assert!(pngs.contains(&"persistence.png".to_string()));
    let png = std::fs::read(out.join("persistence.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

/// Real footage from cameras, phones and tools carries no overlay: no error on any corpus
/// video (inconclusive infos for short GOPs, stills and tiny pictures are expected).
#[test]
fn no_corpus_video_is_flagged() {
    let files = common::corpus_files("video");
    if files.is_empty() {
        return skip("no corpus");
    }
    let reports =
        mediavet::check_many(&files, &profile(), &Default::default(), None, &|_| {}).unwrap();
    for r in &reports {
        for f in findings(r, "video.watermark")
            .into_iter()
            .chain(findings(r, "video.qr_code"))
        {
            assert!(
                f.severity != Severity::Error,
                "{}: {}",
                r.facts.path,
                f.message.en
            );
        }
    }
}
