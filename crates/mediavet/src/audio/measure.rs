//! Measures the audio tracks of a file into its facts: decoded here where possible,
//! through ffmpeg where not, and otherwise a stated reason. Never silent.

use super::{ffmpeg, native};
use crate::facts::Facts;
use crate::finding::Text;
use crate::input::Input;
use crate::isobmff::AudioSource;
use std::io::{Read, Seek};

/// Fills `levels` (or `not_measured`) of the audio tracks in `facts` that `sources` (from
/// the same parse) place, read from `r` (over
/// `input`, which the ffmpeg fallback reads for codecs decoded nowhere else, when
/// `ffmpeg` allows it).
pub fn measure<R: Read + Seek>(
    r: &mut R,
    sources: &[AudioSource],
    facts: &mut Facts,
    input: Input,
    settings: super::MeterSettings,
    ffmpeg: bool,
) {
    let Some(container) = facts.container.as_mut() else {
        return;
    };
    for src in sources {
        let Some(track) = container.tracks.iter_mut().find(|t| t.id == src.track_id) else {
            continue;
        };
        let Some(audio) = track.audio.as_mut() else {
            continue;
        };
        // A decoder panicking on a hostile packet stays this track's problem.
        let native = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            native::plan(src).and_then(|plan| native::decode(r, src, plan, settings))
        }))
        .unwrap_or_else(|_| Err("the decoder failed on damaged audio data".to_string()));
        let outcome = match native {
            Ok((meter, name, failed)) => {
                let mut levels = meter.finish(name);
                levels.packets_failed = failed;
                Ok(levels)
            }
            Err(reason) => match ffmpeg && crate::ffmpeg::available() {
                true => {
                    let channels = src.channels.filter(|&c| c > 0).unwrap_or(2);
                    let rate = src
                        .sample_rate
                        .filter(|&r| r >= 1.0)
                        .map_or(48_000, |r| r as u32);
                    ffmpeg::decode(input, src.audio_index, channels, rate, settings)
                        .map(|m| m.finish(format!("ffmpeg ({reason})")))
                        .map_err(|e| (reason, Some(e)))
                }
                false => Err((reason, None)),
            },
        };
        match outcome {
            Ok(levels) => audio.levels = Some(levels),
            Err((reason, ffmpeg_error)) => {
                audio.not_measured = Some(match ffmpeg_error {
                    Some(e) => Text::new(format!("not measured: {reason}, and {e}"), format!("未测量：{reason}；{e}")),
                    None => Text::new(
                        format!("not measured: {reason} (with ffmpeg installed it would be decoded through ffmpeg)"),
                        format!("未测量：{reason}（安装 ffmpeg 后可借助 ffmpeg 解码测量）"),
                    ),
                });
            }
        }
    }
}
