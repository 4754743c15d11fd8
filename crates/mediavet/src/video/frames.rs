//! Sampling keyframes spread over a video and decoding only those: H.264 in-process with
//! openh264, anything else (HEVC, interlaced or 10-bit H.264, MPEG-4 Part 2, …) through an
//! `ffmpeg` binary when one is on PATH. Never silent: the result names the decoder, or
//! the error says why no frame could be had.

use super::h264::KeyframeDecoder;
use super::luma::Luma;
use crate::probe::{video_sources, Keyframe, VideoSource};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::process::{Command, Stdio};

/// One sampled picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Presentation time in seconds (decode time of the keyframe).
    pub time_s: f64,
    /// The downscaled luma.
    pub luma: Luma,
}

/// The sampled pictures of a video track and what decoded them.
#[derive(Debug, Clone)]
pub struct SampledFrames {
    /// `openh264`, or `ffmpeg (why)`.
    pub decoder: String,
    /// Keyframes in time order.
    pub frames: Vec<Frame>,
}

/// Indices of `count` items spread evenly over `n` (all of them when `n ≤ count` or `count` is 0).
pub fn spread(n: usize, count: usize) -> Vec<usize> {
    if n <= count || count == 0 {
        return (0..n).collect();
    }
    if count == 1 {
        return vec![0];
    }
    (0..count).map(|i| i * (n - 1) / (count - 1)).collect()
}

/// Samples up to `count` keyframes of the first video track of `path`, downscaled to at
/// most `max_width` pixels wide.
pub fn sample_keyframes(
    path: &Path,
    count: usize,
    max_width: usize,
) -> Result<SampledFrames, String> {
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let size = file.metadata().map_err(|e| e.to_string())?.len();
    let src = video_sources(&mut file, size)
        .into_iter()
        .next()
        .ok_or("no video track")?;
    let keyframes = src
        .keyframes
        .clone()
        .ok_or("the sample tables do not place the keyframes")?;
    let chosen: Vec<Keyframe> = spread(keyframes.len(), count)
        .into_iter()
        .map(|i| keyframes[i])
        .collect();
    if chosen.is_empty() {
        return Err("the video track has no keyframe".into());
    }
    let native = match (src.codec.as_str(), src.avcc.as_deref()) {
        ("avc1" | "avc3", Some(avcc)) => decode_h264(&mut file, avcc, &chosen, max_width),
        (codec, _) => Err(format!("codec {codec} needs ffmpeg")),
    };
    match native {
        Ok(frames) => Ok(SampledFrames {
            decoder: "openh264".into(),
            frames,
        }),
        Err(reason) => {
            let frames = extract_with_ffmpeg(path, &src, &chosen, max_width)
                .map_err(|e| format!("frames not decoded: {reason}; {e}"))?;
            Ok(SampledFrames {
                decoder: format!("ffmpeg ({reason})"),
                frames,
            })
        }
    }
}

fn decode_h264<R: Read + Seek>(
    r: &mut R,
    avcc: &[u8],
    chosen: &[Keyframe],
    max_width: usize,
) -> Result<Vec<Frame>, String> {
    let mut decoder = KeyframeDecoder::new(avcc)?;
    let mut buf = Vec::new();
    chosen
        .iter()
        .map(|k| {
            buf.resize(k.size as usize, 0);
            r.seek(SeekFrom::Start(k.offset))
                .map_err(|e| e.to_string())?;
            r.read_exact(&mut buf)
                .map_err(|e| format!("keyframe at byte {}: {e}", k.offset))?;
            let luma = decoder.decode(&buf)?;
            Ok(Frame {
                time_s: k.time_s,
                luma: luma.downscaled(max_width),
            })
        })
        .collect()
}

/// One grey frame per keyframe time, scaled by ffmpeg to the same size the native path gives.
fn extract_with_ffmpeg(
    path: &Path,
    src: &VideoSource,
    chosen: &[Keyframe],
    max_width: usize,
) -> Result<Vec<Frame>, String> {
    if !crate::ffmpeg::available() {
        return Err("no ffmpeg on PATH to decode it".into());
    }
    let (w, h) = (src.width as usize, src.height as usize);
    if w == 0 || h == 0 {
        return Err("the sample entry gives no picture size".into());
    }
    let factor = if max_width == 0 || w <= max_width {
        1
    } else {
        w.div_ceil(max_width)
    };
    let (ow, oh) = (w / factor, h / factor);
    chosen
        .iter()
        .map(|k| {
            let out = Command::new("ffmpeg")
                .args([
                    "-nostdin",
                    "-v",
                    "error",
                    "-skip_frame",
                    "nokey",
                    "-ss",
                    &format!("{:.6}", k.time_s),
                    "-i",
                ])
                .arg(path)
                .args([
                    "-map",
                    &format!("0:v:{}", src.video_index),
                    "-frames:v",
                    "1",
                ])
                .args([
                    "-vf",
                    &format!("scale={ow}:{oh}:flags=area,format=gray"),
                    "-f",
                    "rawvideo",
                    "-",
                ])
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("ffmpeg: {e}"))?;
            if out.stdout.len() != ow * oh {
                return Err(format!(
                    "ffmpeg gave {} bytes for a {ow}×{oh} frame at {:.3} s",
                    out.stdout.len(),
                    k.time_s
                ));
            }
            Ok(Frame {
                time_s: k.time_s,
                luma: Luma {
                    width: ow,
                    height: oh,
                    data: out.stdout,
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreads_evenly() {
        assert_eq!(spread(5, 24), [0, 1, 2, 3, 4]);
        assert_eq!(spread(100, 5), [0, 24, 49, 74, 99]);
        assert_eq!(spread(10, 1), [0]);
        assert!(spread(0, 24).is_empty());
    }
}
