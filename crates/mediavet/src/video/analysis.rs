//! Frame facts for a video: keyframes sampled and decoded, the watermark search and the QR
//! search run over them, everything reported in displayed pixels. Facts only; the rules
//! `video.watermark` and `video.qr_code` judge them.

use super::display::Geometry;
use super::frames::{sample_keyframes_with, sample_source, Frame};
use super::qr::{self, Qr};
use super::watermark;
pub use crate::facts::frames::{FailedFrame, FrameFacts, Inconclusive, QrFact, WatermarkFact};
use crate::facts::{Facts, Problem, TrackKind};
use crate::finding::Text;
use crate::input::Input;
use crate::isobmff::VideoSource;
use std::path::Path;

/// Width the QR search sees (codes are small; modules need a few pixels each).
const QR_WIDTH: usize = 960;
/// The watermark search works at the QR picture shrunk to about this width.
const WORK_WIDTH: usize = 400;

/// Fewest frames that let a mark be told from the scene.
pub const MIN_FRAMES: usize = 6;
/// Narrowest analysis picture (a logo on a 176×144 phone clip is a few pixels of noise).
pub const MIN_WIDTH: usize = 320;

/// How frames are sampled and searched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameSettings {
    /// Keyframes sampled over the duration.
    pub keyframes: usize,
    /// Share of a window's frames a mark's edges must be present in.
    pub persistence: f64,
}

impl Default for FrameSettings {
    fn default() -> Self {
        FrameSettings {
            keyframes: 24,
            persistence: 0.8,
        }
    }
}

/// One decoded keyframe as kept: its grey picture at analysis size and its QR codes.
struct Prepared {
    frame: Frame,
    qr: Vec<Qr>,
    qr_size: (usize, usize),
}

/// Samples and searches the frames of the first video track into that track's facts
/// (`video.frames`, or `video.frames_not_checked` saying why not). `source` is that
/// track's source from the parse the facts came from (`None`: the file is parsed again
/// for it). `ffmpeg` allows the fallback for what openh264 cannot decode. With `debug`,
/// the analysed frames and the persistence map are written there as PNG.
pub fn analyse(
    input: Input,
    source: Option<&VideoSource>,
    facts: &mut Facts,
    settings: FrameSettings,
    ffmpeg: bool,
    debug: Option<&Path>,
) {
    let file_name = Path::new(&facts.path)
        .file_name()
        .map_or_else(|| "video".into(), |n| n.to_string_lossy().into_owned());
    let Some(track) = facts
        .container
        .as_mut()
        .and_then(|c| c.tracks.iter_mut().find(|t| t.kind == TrackKind::Video))
    else {
        return;
    };
    let duration = track.duration.or(track.media_duration);
    let Some(video) = track.video.as_mut() else {
        return;
    };
    let prepare = |f: Frame| {
        let qr = qr::find(&f.luma);
        let qr_size = (f.luma.width, f.luma.height);
        let factor = (f.luma.width / WORK_WIDTH).max(1);
        Prepared {
            frame: Frame {
                time_s: f.time_s,
                luma: f.luma.shrunk(factor),
            },
            qr,
            qr_size,
        }
    };
    let count = settings.keyframes;
    let sampled = match source {
        Some(src) => sample_source(input, src, count, QR_WIDTH, duration, ffmpeg, &prepare),
        None => sample_keyframes_with(input, count, QR_WIDTH, duration, ffmpeg, &prepare),
    };
    let sampled = match sampled {
        Ok(s) => s,
        Err(why) => {
            video.frames_not_checked = Some(Text::new(
                format!("frames not checked: {why}"),
                format!("未检查画面：{why}"),
            ));
            return;
        }
    };
    let mut prepared = sampled.frames;
    prepared.sort_by(|a, b| a.frame.time_s.total_cmp(&b.frame.time_s));
    // The maps compare pixels frame to frame: a stream whose picture size changes keeps
    // the frames of its first size.
    let size = prepared
        .first()
        .map(|p| (p.frame.luma.width, p.frame.luma.height));
    prepared.retain(|p| Some((p.frame.luma.width, p.frame.luma.height)) == size);
    let geometry = |from| Geometry {
        from,
        stored: sampled.stored_size,
        rotation: video.rotation,
        display: (video.display_width, video.display_height),
    };
    let mut qr_codes = Vec::new();
    let mut frames = Vec::with_capacity(prepared.len());
    for p in prepared {
        qr_codes.extend(p.qr.into_iter().map(|q| QrFact {
            time_s: p.frame.time_s,
            content: q.content,
            rect: geometry(p.qr_size).to_display(q.rect),
        }));
        frames.push(p.frame);
    }
    let scan = watermark::scan(&frames, settings.persistence);
    let analysis = frames
        .first()
        .map_or((0, 0), |f| (f.luma.width, f.luma.height));
    let to_display = |r| geometry(analysis).to_display(r);
    let debug_error = debug.and_then(|dir| {
        let dir = dir.join(&file_name);
        super::debug::write(&dir, &frames, &scan)
            .err()
            .map(|e| (dir, e))
    });
    video.frames = Some(FrameFacts {
        decoder: sampled.decoder,
        keyframes_available: sampled.keyframes_available,
        decoded_between: sampled.decoded_between,
        times_s: frames.iter().map(|f| f.time_s).collect(),
        fingerprints: frames
            .iter()
            .filter_map(|f| {
                crate::image::fingerprint::of_luma(&f.luma.data, f.luma.width, f.luma.height)
            })
            .collect(),
        failed: sampled
            .failed
            .into_iter()
            .map(|(time_s, why)| FailedFrame { time_s, why })
            .collect(),
        analysis_size: [analysis.0, analysis.1],
        active_area: to_display(scan.active),
        change_share: scan.change_share,
        inconclusive: if frames.len() < MIN_FRAMES {
            Some(Inconclusive::FewKeyframes)
        } else if analysis.0 < MIN_WIDTH {
            Some(Inconclusive::SmallPicture)
        } else if scan.change_share < watermark::STATIC_SHARE {
            Some(Inconclusive::StaticPicture)
        } else {
            None
        },
        moving_marks_inconclusive: frames.len() < watermark::WINDOWED_FRAMES,
        watermarks: scan
            .found
            .iter()
            .map(|f| WatermarkFact {
                rect: to_display(f.rect),
                share: f.share,
                first_s: f.first_s,
                last_s: f.last_s,
                confidence: f.confidence,
            })
            .collect(),
        qr_codes,
    });
    if let Some((dir, e)) = debug_error {
        facts.problems.push(Problem::new(
            false,
            None,
            format!("debug frames not written to {}: {e}", dir.display()),
            format!("调试画面未能写入 {}：{e}", dir.display()),
        ));
    }
}
