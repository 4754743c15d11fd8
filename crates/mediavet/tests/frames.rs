//! Keyframe sampling and decoding, checked bit for bit against ffmpeg's decode.

mod common;

use common::{fixture, have};
use mediavet::video::sample_keyframes;
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

#[test]
fn h264_keyframes_decode_in_process_like_ffmpeg() {
    for (name, keyframes) in [
        ("pass_1080p_18m.mp4", 1),
        ("hd720.mp4", 1),
        ("long_181s.mp4", 2),
    ] {
        let s = sample_keyframes(&fixture(name), 24, 0).unwrap();
        assert_eq!(s.decoder, "openh264", "{name}");
        assert_eq!(s.frames.len(), keyframes, "{name}");
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
    let s = sample_keyframes(&fixture("pass_1080p_18m.mp4"), 24, 320).unwrap();
    let f = &s.frames[0];
    assert_eq!((f.luma.width, f.luma.height, f.time_s), (320, 180, 0.0));
}

#[test]
fn other_codecs_go_through_ffmpeg_or_say_why() {
    match sample_keyframes(&fixture("hevc_hvc1.mp4"), 24, 320) {
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
    let e = sample_keyframes(&fixture("no_audio.mp4"), 0, 0).map(|s| s.frames.len());
    assert_eq!(e, Ok(1));
    assert!(sample_keyframes(&fixture("truncated_half.mp4"), 24, 320).is_err());
}
