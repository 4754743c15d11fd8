//! Keyframe sampling and decoding, checked bit for bit against ffmpeg's decode.

use crate::common;

use common::{fixture, have};
use mediavet::video::sample_keyframes;
use mediavet::Input;
use mediavet::{check_bytes, Profile, Severity};
use std::process::Command;

/// The Y planes of the first `n` keyframes as ffmpeg decodes them (raw yuv420p, so no
/// range conversion touches the samples).
fn ffmpeg_keyframes(name: &str, n: usize, width: usize, height: usize) -> Vec<u8> {
    let out = Command::new("ffmpeg")
        .args(["-nostdin", "-v", "error", "-skip_frame", "nokey", "-i"])
        .arg(fixture(name))
        .args([
            "-map",
            "0:v:0",
            "-vsync",
            "passthrough",
            "-frames:v",
            &n.to_string(),
            "-pix_fmt",
            "yuv420p",
            "-f",
            "rawvideo",
            "-",
        ])
        .output()
        .unwrap();
    let frame = width * height * 3 / 2;
    out.stdout
        .chunks(frame)
        .flat_map(|f| f[..width * height].to_vec())
        .collect()
}

/// The Y plane of every picture as ffmpeg decodes it, in presentation order.
fn ffmpeg_pictures(name: &str, width: usize, height: usize) -> Vec<Vec<u8>> {
    let out = Command::new("ffmpeg")
        .args(["-nostdin", "-v", "error", "-i"])
        .arg(fixture(name))
        .args([
            "-map", "0:v:0", "-pix_fmt", "yuv420p", "-f", "rawvideo", "-",
        ])
        .output()
        .unwrap();
    out.stdout
        .chunks(width * height * 3 / 2)
        .map(|f| f[..width * height].to_vec())
        .collect()
}

#[test]
fn pictures_between_few_keyframes_are_the_ones_ffmpeg_shows_then() {
    // 12 s at 25 fps, a keyframe every 2 s: 6 keyframes, so 18 pictures are taken between
    // them (a quarter, half and three quarters into each group) to reach the 24 asked for.
    for (name, decoder) in [
        ("gop2s_bf0.mp4", "openh264"),
        (
            "gop2s_bf3.mp4",
            "openh264, and ffmpeg between keyframes (B-pictures)",
        ),
    ] {
        let s = sample_keyframes(Input::File(&fixture(name)), 24, 0, None).unwrap();
        assert_eq!(s.decoder, decoder, "{name}");
        assert_eq!((s.keyframes_available, s.frames.len()), (6, 24), "{name}");
        assert!(s.failed.is_empty(), "{name}: {:?}", s.failed);
        let (w, h) = (s.frames[0].luma.width, s.frames[0].luma.height);
        let pictures = ffmpeg_pictures(name, w, h);
        assert_eq!(pictures.len(), 300, "{name}");
        let mut times: Vec<f64> = s.frames.iter().map(|f| f.time_s).collect();
        times.sort_by(f64::total_cmp);
        // Targets are placed in decode order; with B-pictures they are shown out of it.
        let expected = if name == "gop2s_bf0.mp4" {
            [0.0, 0.48, 1.0, 1.48]
        } else {
            [0.0, 0.44, 1.12, 1.6]
        };
        assert_eq!(&times[..4], expected, "{name}");
        for f in &s.frames {
            let n = (f.time_s * 25.0).round() as usize;
            assert!(
                f.luma.data == pictures[n],
                "{name}: the picture at {} s is not ffmpeg's picture {n}",
                f.time_s
            );
        }
    }
    // From memory the B-pictures go to ffmpeg as well (through a memory file, issue 14):
    // the same pictures as from the file.
    let bytes = std::fs::read(fixture("gop2s_bf3.mp4")).unwrap();
    let memory = Input::Bytes {
        name: "v.mp4".as_ref(),
        bytes: &bytes,
    };
    let from_file = sample_keyframes(Input::File(&fixture("gop2s_bf3.mp4")), 24, 0, None).unwrap();
    let s = sample_keyframes(memory, 24, 0, None).unwrap();
    assert_eq!(s.decoder, from_file.decoder);
    assert_eq!(s.frames.len(), 24);
    for (m, f) in s.frames.iter().zip(&from_file.frames) {
        assert_eq!((m.time_s, &m.luma.data), (f.time_s, &f.luma.data));
    }
    // With the fallback switched off, the keyframes stay and the failure says why the
    // pictures between them are missing.
    let s = mediavet::video::sample_keyframes_with(memory, 24, 0, None, false, &|f| f).unwrap();
    assert_eq!(s.frames.len(), 6);
    assert!(
        s.failed[0].1.starts_with(
            "frames between keyframes not decoded in-process (B-pictures); the ffmpeg fallback is switched off"
        ),
        "{:?}",
        s.failed
    );
}

#[test]
fn h264_keyframes_decode_in_process_like_ffmpeg() {
    for (name, keyframes) in [
        ("pass_1080p_18m.mp4", 1),
        ("hd720.mp4", 1),
        ("long_181s.mp4", 2),
    ] {
        // Asking for as many as there are: no frame between keyframes is decoded.
        let s = sample_keyframes(Input::File(&fixture(name)), keyframes, 0, None).unwrap();
        assert_eq!(s.decoder, "openh264", "{name}");
        assert_eq!(
            (s.frames.len(), s.decoded_between),
            (keyframes, 0),
            "{name}"
        );
        if have("ffmpeg") {
            let ours: Vec<u8> = s
                .frames
                .iter()
                .flat_map(|f| f.luma.data.iter().copied())
                .collect();
            let (w, h) = (s.frames[0].luma.width, s.frames[0].luma.height);
            assert!(
                ours == ffmpeg_keyframes(name, keyframes, w, h),
                "{name}: luma differs from ffmpeg"
            );
        }
    }
    let s = sample_keyframes(Input::File(&fixture("pass_1080p_18m.mp4")), 24, 320, None).unwrap();
    let f = &s.frames[0];
    assert_eq!((f.luma.width, f.luma.height, f.time_s), (320, 180, 0.0));
}

#[test]
fn other_codecs_go_through_ffmpeg_or_say_why() {
    match sample_keyframes(Input::File(&fixture("hevc_hvc1.mp4")), 24, 320, None) {
        Ok(s) => {
            assert_eq!(s.decoder, "ffmpeg (codec hvc1 needs ffmpeg)");
            assert_eq!(
                (s.frames[0].luma.width, s.frames[0].luma.height),
                (320, 180)
            );
        }
        Err(e) => assert!(
            !have("ffmpeg") && e.contains("codec hvc1 needs ffmpeg"),
            "{e}"
        ),
    }
    let e =
        sample_keyframes(Input::File(&fixture("no_audio.mp4")), 0, 0, None).map(|s| s.frames.len());
    assert_eq!(e, Ok(1));
    assert!(sample_keyframes(Input::File(&fixture("truncated_half.mp4")), 24, 320, None).is_err());
}

/// The watermark rule's findings for `bytes` checked in memory under the contest profile.
fn watermark_findings(bytes: &[u8]) -> Vec<(Severity, String)> {
    let profile = Profile::builtin("micro-video").unwrap();
    check_bytes(bytes, "entry.mp4".as_ref(), &profile)
        .findings
        .into_iter()
        .filter(|f| f.rule == "video.watermark")
        .map(|f| (f.severity, f.message.en))
        .collect()
}

/// Replaces the first `from` box type with `to`.
fn rename_box(bytes: &mut [u8], from: &[u8; 4], to: &[u8; 4]) {
    let at = bytes.windows(4).position(|w| w == from).unwrap();
    bytes[at..at + 4].copy_from_slice(to);
}

#[test]
fn missing_avcc_is_a_warning_not_a_panic() {
    let mut bytes = std::fs::read(fixture("long_181s.mp4")).unwrap();
    rename_box(&mut bytes, b"avcC", b"xxxx");
    let found = watermark_findings(&bytes);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
    assert!(found[0].1.contains("no avcC record"), "{}", found[0].1);
}

#[test]
fn corrupt_and_empty_keyframes_are_findings_not_panics() {
    let clean = std::fs::read(fixture("long_181s.mp4")).unwrap();
    let wants = mediavet::isobmff::Wants {
        keyframes: Some(24),
        ..Default::default()
    };
    let (_, sources) = mediavet::isobmff::read(
        &mut std::io::Cursor::new(&clean),
        clean.len() as u64,
        &mut Vec::new(),
        wants,
    );
    let keyframes = sources.video[0].keyframes.clone().unwrap();
    assert_eq!(keyframes.len(), 2);
    // Garbage over every keyframe: openh264 rejects them one by one.
    let mut garbage = clean.clone();
    for k in &keyframes {
        let start = k.offset as usize + 4;
        for (i, b) in garbage[start..start + k.size as usize - 4]
            .iter_mut()
            .enumerate()
        {
            *b = (i as u8).wrapping_mul(151) ^ 0x5a;
        }
    }
    let found = watermark_findings(&garbage);
    assert!(
        found.iter().all(|(s, _)| *s != Severity::Error),
        "{found:?}"
    );
    // Only the first keyframe damaged: the second still decodes, and the failure is listed.
    let mut one = clean.clone();
    let k = keyframes[0];
    for b in &mut one[k.offset as usize + 4..(k.offset + u64::from(k.size)) as usize] {
        *b = 0xff;
    }
    let s = sample_keyframes(
        Input::Bytes {
            name: "v.mp4".as_ref(),
            bytes: &one,
        },
        2,
        320,
        None,
    )
    .unwrap();
    assert_eq!((s.frames.len(), s.failed.len()), (1, 1), "{:?}", s.failed);
    // Zero-size samples (stsz entries all 0): nothing to decode, said so.
    let mut empty = clean.clone();
    let stsz = empty.windows(4).position(|w| w == b"stsz").unwrap();
    let count = u32::from_be_bytes(empty[stsz + 12..stsz + 16].try_into().unwrap()) as usize;
    empty[stsz + 8..stsz + 16 + 4 * count].fill(0);
    empty[stsz + 12..stsz + 16].copy_from_slice(&(count as u32).to_be_bytes());
    let e = sample_keyframes(
        Input::Bytes {
            name: "v.mp4".as_ref(),
            bytes: &empty,
        },
        24,
        320,
        None,
    )
    .unwrap_err();
    assert!(e.contains("empty (size 0)"), "{e}");
    let found = watermark_findings(&empty);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Severity::Warning);
}

#[test]
fn interlaced_h264_goes_to_ffmpeg() {
    match sample_keyframes(Input::File(&fixture("interlaced.mp4")), 24, 320, None) {
        Ok(s) => assert_eq!(s.decoder, "ffmpeg (interlaced H.264 needs ffmpeg)"),
        Err(e) => assert!(!have("ffmpeg") && e.contains("interlaced"), "{e}"),
    }
}
