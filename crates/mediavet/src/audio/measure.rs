//! Measures the audio tracks of a file into its facts: decoded here where possible,
//! through ffmpeg where not, and otherwise a stated reason. Never silent.

use super::AudioLevels;
use super::{ffmpeg, native};
use crate::facts::Facts;
use crate::finding::Text;
use crate::input::Input;
use crate::isobmff::AudioSource;
use std::io::{Read, Seek};

/// What measuring one audio track gave: its levels, or why they were not measured.
pub struct Measured {
    track_id: u32,
    outcome: Result<AudioLevels, Text>,
}

/// Measures the audio tracks that `sources` (from the parse the facts came from) place,
/// reading `input` through a reader of its own (so that it can run beside the frame
/// analysis); the ffmpeg fallback reads it for codecs decoded nowhere else, when `ffmpeg`
/// allows it. [`apply`] puts the results into the facts.
pub fn measure(
    input: Input,
    sources: &[AudioSource],
    settings: super::MeterSettings,
    ffmpeg: bool,
) -> Vec<Measured> {
    let mut reader = input.open_unbuffered().map_err(|e| e.to_string());
    sources
        .iter()
        .map(|src| Measured {
            track_id: src.track_id,
            outcome: match reader.as_mut() {
                Ok(r) => track(r, src, input, settings, ffmpeg),
                Err(e) => Err(Text::new(
                    format!("not measured: the file cannot be read again ({e})"),
                    format!("未测量：无法再次读取文件（{e}）"),
                )),
            },
        })
        .collect()
}

/// Fills `levels` (or `not_measured`) of the audio tracks in `facts` that were measured.
pub fn apply(facts: &mut Facts, measured: Vec<Measured>) {
    let Some(container) = facts.container.as_mut() else {
        return;
    };
    for m in measured {
        let track = container.tracks.iter_mut().find(|t| t.id == m.track_id);
        let Some(audio) = track.and_then(|t| t.audio.as_mut()) else {
            continue;
        };
        match m.outcome {
            Ok(levels) => audio.levels = Some(levels),
            Err(why) => audio.not_measured = Some(why),
        }
    }
}

/// One track's levels, decoded here or through ffmpeg, or why not.
fn track<R: Read + Seek>(
    r: &mut R,
    src: &AudioSource,
    input: Input,
    settings: super::MeterSettings,
    ffmpeg: bool,
) -> Result<AudioLevels, Text> {
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
    outcome.map_err(|(reason, ffmpeg_error)| match ffmpeg_error {
        Some(e) => Text::new(
            format!("not measured: {reason}, and {e}"),
            format!("未测量：{reason}；{e}"),
        ),
        None => Text::new(
            format!(
                "not measured: {reason} (with ffmpeg installed it would be decoded through ffmpeg)"
            ),
            format!("未测量：{reason}（安装 ffmpeg 后可借助 ffmpeg 解码测量）"),
        ),
    })
}
