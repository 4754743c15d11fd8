//! Frame facts for a video: keyframes sampled and decoded, the watermark search and the QR
//! search run over them, everything reported in displayed pixels. Facts only; the rules
//! `video.watermark` and `video.qr_code` judge them.

use super::bars::Rect;
use super::display::Geometry;
use super::frames::{sample_keyframes_with, sample_source, Frame};
use super::luma::Luma;
use super::qr::{self, Qr};
use super::subtitles::{self, LineCrop, Place, Seen};
use super::textlines;
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
/// Most analysed frames kept as thumbnails for the visual report (about 5 KB each).
pub const SHEET_FRAMES: usize = 12;
/// Lines lower than this, in full-resolution pixels, are not read: the recogniser scales a
/// line to 48 pixels, and strokes a few pixels high read as noise (in small pictures the
/// line finder's least height, 1.2 % of the picture, is a few pixels).
const MIN_LINE_HEIGHT: f64 = 10.0;

/// How frames are sampled and searched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameSettings {
    /// Keyframes sampled over the duration.
    pub keyframes: usize,
    /// Share of a window's frames a mark's edges must be present in.
    pub persistence: f64,
    /// Search the frames for burned-in subtitle lines and read them (OCR).
    pub subtitles: bool,
    /// Frames searched for text anywhere with the detection model (0: none).
    pub text_frames: usize,
    /// Most H.264 decoders working side by side (0: one per thread of the pool). Each
    /// holds ~28 MB at 1080p: one when the audio pass takes the other core.
    pub decoders: usize,
}

impl Default for FrameSettings {
    fn default() -> Self {
        FrameSettings {
            keyframes: 24,
            persistence: 0.8,
            subtitles: false,
            text_frames: 0,
            decoders: 0,
        }
    }
}

/// What of the analysed frames is kept beyond the facts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep<'a> {
    /// Write the analysed frames and the persistence map as PNG under this folder.
    pub debug: Option<&'a Path>,
    /// Put thumbnails of the analysed frames into the facts (the visual report): at most
    /// [`SHEET_FRAMES`], every frame with a QR code or on-screen text among them.
    pub thumbnails: bool,
}

/// One decoded keyframe as kept: its grey picture at analysis size, its QR codes, its
/// text lines (cut at full resolution) and, for the text detection, its picture at the
/// QR search's size.
struct Prepared {
    frame: Frame,
    qr: Vec<Qr>,
    qr_size: (usize, usize),
    full_size: (usize, usize),
    lines: Vec<LineCrop>,
    picture: Option<Luma>,
}

/// Samples and searches the frames of the first video track into that track's facts
/// (`video.frames`, or `video.frames_not_checked` saying why not). `source` is that
/// track's source from the parse the facts came from (`None`: the file is parsed again
/// for it). `ffmpeg` allows the fallback for what openh264 cannot decode. `keep` says
/// what is kept of the analysed frames: PNG files for debugging, thumbnails in the facts.
pub fn analyse(
    input: Input,
    source: Option<&VideoSource>,
    facts: &mut Facts,
    settings: FrameSettings,
    ffmpeg: bool,
    keep: Keep,
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
    let reads_text = settings.subtitles || settings.text_frames > 0;
    let prepare = |f: Frame| {
        let full = f.luma;
        // Decoded at most QR_WIDTH wide unless text is read (cut from full resolution).
        let smaller = (full.width > QR_WIDTH).then(|| full.downscaled(QR_WIDTH));
        let picture = smaller.as_ref().unwrap_or(&full);
        let qr = qr::find(picture);
        let qr_size = (picture.width, picture.height);
        let factor = (picture.width / WORK_WIDTH).max(1);
        let lines = if settings.subtitles {
            line_crops(&full, picture)
        } else {
            Vec::new()
        };
        let luma = picture.shrunk(factor);
        Prepared {
            frame: Frame {
                time_s: f.time_s,
                luma,
            },
            qr,
            qr_size,
            full_size: (full.width, full.height),
            lines,
            picture: (settings.text_frames > 0).then(|| smaller.unwrap_or(full)),
        }
    };
    let count = settings.keyframes;
    // Text is cut from the full picture; marks and codes are searched at QR_WIDTH.
    let width = if reads_text { 0 } else { QR_WIDTH };
    let engine = || crate::ocr::Engine::get(&crate::ocr::models::folder(None));
    // The detection model loads (tract prepares it: ~0.1 s) while the frames decode.
    let load_models = || match engine() {
        Ok(e) if settings.text_frames > 0 => e.load_detector(),
        _ => {}
    };
    let (sampled, _) = rayon::join(
        || match source {
            Some(src) => {
                let decoders = settings.decoders;
                sample_source(
                    input, src, count, width, duration, ffmpeg, decoders, &prepare,
                )
            }
            None => sample_keyframes_with(input, count, width, duration, ffmpeg, &prepare),
        },
        || reads_text.then(load_models),
    );
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
    let mut seen = Vec::new();
    let mut pictures = Vec::new();
    let full_size = prepared.first().map_or((0, 0), |p| p.full_size);
    for p in prepared {
        seen.push(Seen {
            time_s: p.frame.time_s,
            lines: p.lines,
        });
        if let Some(picture) = p.picture {
            pictures.push((p.frame.time_s, picture));
        }
        qr_codes.extend(p.qr.into_iter().map(|q| QrFact {
            time_s: p.frame.time_s,
            content: q.content,
            rect: geometry(p.qr_size).to_display(q.rect),
        }));
        frames.push(p.frame);
    }
    let scan = watermark::scan(&frames, settings.persistence);
    let full_to_display = |r| geometry(full_size).to_display(r);
    let place = Place {
        full: full_size,
        to_display: &full_to_display,
        display: (video.display_width, video.display_height),
    };
    let (subtitles, mut screen_text) = if settings.subtitles {
        let (found, read) = subtitles::search(&seen, &engine, &place);
        (Some(found), read)
    } else {
        (None, Vec::new())
    };
    if let (Some(small), true) = (pictures.first(), settings.text_frames > 0) {
        let size = (small.1.width, small.1.height);
        let small_to_display = |r| geometry(size).to_display(r);
        let chosen = spread(&pictures, settings.text_frames);
        screen_text.extend(subtitles::detect(&chosen, &engine, &small_to_display));
    }
    let analysis = frames
        .first()
        .map_or((0, 0), |f| (f.luma.width, f.luma.height));
    let to_display = |r| geometry(analysis).to_display(r);
    let marked: Vec<f64> = qr_codes
        .iter()
        .map(|q| q.time_s)
        .chain(screen_text.iter().map(|t| t.time_s))
        .collect();
    let times: Vec<f64> = frames.iter().map(|f| f.time_s).collect();
    let shown = if keep.thumbnails {
        sheet(&times, &marked)
    } else {
        Vec::new()
    };
    let thumbnails: Vec<_> = shown
        .into_iter()
        .filter_map(|i| frames.get(i))
        .filter_map(|f| {
            crate::image::thumbnail::grey(
                &f.luma.data,
                (f.luma.width, f.luma.height),
                crate::image::thumbnail::rotation(video.rotation),
                (video.display_width, video.display_height),
                Some(f.time_s),
            )
        })
        .collect();
    let debug_error = keep.debug.and_then(|dir| {
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
        subtitles,
        screen_text,
    });
    facts.thumbnails.extend(thumbnails);
    if let Some((dir, e)) = debug_error {
        facts.problems.push(Problem::new(
            false,
            None,
            format!("debug frames not written to {}: {e}", dir.display()),
            format!("调试画面未能写入 {}：{e}", dir.display()),
        ));
    }
}

/// The text lines of `picture` (the frame at QR size) at least [`MIN_LINE_HEIGHT`] high
/// at full resolution, each cut from `full` (the frame at full resolution) with a margin
/// of a third of its height above and below and half of it either side.
fn line_crops(full: &Luma, picture: &Luma) -> Vec<LineCrop> {
    let k = full.width as f64 / picture.width.max(1) as f64;
    textlines::find(picture)
        .into_iter()
        .filter(|rect| rect.h as f64 * k >= MIN_LINE_HEIGHT)
        .map(|rect| {
            let (x, y, w, h) = (
                rect.x as f64 * k,
                rect.y as f64 * k,
                rect.w as f64 * k,
                rect.h as f64 * k,
            );
            let x0 = (x - h / 2.0).max(0.0) as usize;
            let y0 = (y - h / 3.0).max(0.0) as usize;
            let x1 = ((x + w + h / 2.0) as usize).min(full.width);
            let y1 = ((y + h + h / 3.0) as usize).min(full.height);
            let around = Rect {
                x: x0,
                y: y0,
                w: x1.saturating_sub(x0),
                h: y1.saturating_sub(y0),
            };
            LineCrop {
                rect,
                crop: subtitles::cut(full, around),
                origin: (x0, y0),
            }
        })
        .collect()
}

/// The frames (indices into `times`) a contact sheet shows, at most [`SHEET_FRAMES`]:
/// every one at a time in `marked` (a QR code or on-screen text was seen in it), then the
/// others spread evenly from the first to the last.
fn sheet(times: &[f64], marked: &[f64]) -> Vec<usize> {
    let seen = |i: &usize| marked.iter().any(|&t| (t - times[*i]).abs() < 1e-6);
    let mut chosen: Vec<usize> = (0..times.len()).filter(seen).take(SHEET_FRAMES).collect();
    let rest: Vec<usize> = (0..times.len()).filter(|i| !chosen.contains(i)).collect();
    let room = SHEET_FRAMES - chosen.len();
    if rest.len() <= room {
        chosen.extend(rest);
    } else if room == 1 {
        chosen.push(rest[rest.len() / 2]);
    } else if room > 1 {
        let last = rest.len() - 1;
        chosen.extend((0..room).map(|k| rest[(k * last + (room - 1) / 2) / (room - 1)]));
    }
    chosen.sort_unstable();
    chosen.dedup();
    chosen
}

/// Up to `n` of `items`, evenly spread.
fn spread<T>(items: &[T], n: usize) -> Vec<&T> {
    let step = items.len().div_ceil(n.max(1)).max(1);
    items.iter().step_by(step).take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_keeps_marked_frames_and_spreads_the_rest() {
        let times: Vec<f64> = (0..24).map(|i| f64::from(i) * 0.5).collect();
        assert_eq!(sheet(&times[..5], &[]), [0, 1, 2, 3, 4]);
        let plain = sheet(&times, &[]);
        assert_eq!(plain, [0, 2, 4, 6, 8, 10, 13, 15, 17, 19, 21, 23]);
        // Frames at 3.5 s and 7.0 s show a QR code: both kept, the rest spread.
        let marked = sheet(&times, &[3.5, 7.0, 7.0]);
        assert_eq!(marked.len(), SHEET_FRAMES);
        assert!(marked.contains(&7) && marked.contains(&14) && marked[0] == 0 && marked[11] == 23);
        let all: Vec<f64> = times.clone();
        assert_eq!(sheet(&times, &all), (0..12).collect::<Vec<_>>());
        assert!(sheet(&[], &[]).is_empty());
    }
}
