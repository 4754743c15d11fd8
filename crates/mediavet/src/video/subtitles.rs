//! Burned-in subtitles over the sampled frames: the text lines found in each frame are
//! grouped by height and vertical place (a subtitle track keeps both while its text
//! changes), the lines of groups seen in three frames or more are read by OCR, and a group
//! whose confident readings hold two different texts or more is a subtitle track. Each
//! distinct line is reported once, with the frames it was seen in and its look measured
//! on the full-resolution crops (`glyphs.rs`). Whatever else was read is on-screen text.

use super::bars::Rect;
use super::glyphs::{self, Glyphs};
use super::luma::Luma;
use crate::facts::frames::{BurnedLine, BurnedSubtitles, Effect, FontClass, ScreenText};
use crate::ocr::{Engine, Picture, Reading};
use rayon::prelude::*;
use std::sync::Arc;

/// What reads the text, as the facts name it.
const ENGINE: &str = "PP-OCRv4 recognition (tract-onnx)";

/// Readings below this mean symbol probability are not evidence.
pub const MIN_CONFIDENCE: f64 = 0.8;
/// Fewest frames a group of lines must be seen in.
const MIN_FRAMES: usize = 3;
/// Most line crops read per video (spread over the groups' lines in time order).
const MAX_READ: usize = 48;

/// A line found in one frame: its box in the analysis picture and its full-resolution
/// crop (with a margin), placed in the full picture.
#[derive(Debug, Clone)]
pub struct LineCrop {
    /// Box in analysis pixels.
    pub rect: Rect,
    /// The crop at full resolution.
    pub crop: Luma,
    /// Where the crop's top-left corner is in the full picture.
    pub origin: (usize, usize),
}

/// The lines found in one frame.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Time of the frame, seconds.
    pub time_s: f64,
    /// Its lines.
    pub lines: Vec<LineCrop>,
}

/// How the found lines map to the displayed picture.
pub struct Place<'a> {
    /// Full-resolution picture size (the crops' pixels).
    pub full: (usize, usize),
    /// Full-resolution box → displayed box.
    pub to_display: &'a dyn Fn(Rect) -> Rect,
    /// Displayed width and height.
    pub display: (u32, u32),
}

/// One read line in a group.
struct Read<'a> {
    time_s: f64,
    line: &'a LineCrop,
    reading: Reading,
}

/// The subtitle lines and the other text read in `seen` (time order).
/// `engine` is asked for only when there are lines to read.
pub fn search(
    seen: &[Seen],
    engine: &dyn Fn() -> Result<Arc<Engine>, String>,
    place: &Place,
) -> (BurnedSubtitles, Vec<ScreenText>) {
    let mut found = BurnedSubtitles {
        ocr: ENGINE.into(),
        read: true,
        min_confidence: MIN_CONFIDENCE,
        lines: Vec::new(),
        effect: None,
        font: None,
        stroke_contrast: 0.0,
        stroke_spread: 0.0,
    };
    let groups = groups(seen);
    let wanted: Vec<(usize, f64, &LineCrop)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, members)| members.iter().map(move |&(t, l)| (g, t, l)))
        .collect();
    if wanted.is_empty() {
        return (found, Vec::new());
    }
    let engine = match engine() {
        Ok(e) => e,
        Err(why) => {
            found.ocr = format!("not read: {why}");
            found.read = false;
            return (found, Vec::new());
        }
    };
    let step = wanted.len().div_ceil(MAX_READ).max(1);
    let read: Vec<(usize, Read)> = wanted
        .par_iter()
        .step_by(step)
        .filter_map(|&(g, time_s, line)| {
            let p = Picture {
                width: line.crop.width,
                height: line.crop.height,
                data: &line.crop.data,
            };
            let reading = engine.read_line(&p).ok()?;
            Some((
                g,
                Read {
                    time_s,
                    line,
                    reading,
                },
            ))
        })
        .collect();
    let mut lines = Vec::new();
    let mut crops = Vec::new();
    let mut screen = Vec::new();
    for g in 0..groups.len() {
        let members: Vec<&Read> = read
            .iter()
            .filter(|(k, r)| *k == g && f64::from(r.reading.confidence) >= MIN_CONFIDENCE)
            .map(|(_, r)| r)
            .collect();
        let distinct = distinct(&members);
        for r in &members {
            let full = full_box(r.line);
            screen.push(ScreenText {
                time_s: r.time_s,
                rect: (place.to_display)(full),
                text: r.reading.text.clone(),
                confidence: f64::from(r.reading.confidence),
            });
        }
        if distinct.len() >= 2 {
            for same in &distinct {
                let (line, measured) = line_of(same, place);
                lines.push(line);
                crops.extend(measured);
            }
        }
    }
    lines.sort_by(|a, b| a.times_s[0].total_cmp(&b.times_s[0]));
    screen.sort_by(|a, b| a.time_s.total_cmp(&b.time_s));
    found.lines = lines;
    look(&mut found, &crops);
    (found, screen)
}

/// Text anywhere in `pictures` (time, picture at the QR search's size): boxes from the
/// detection model, each read; confident readings only. Nothing when the models cannot
/// be used (the subtitle search says why).
pub fn detect(
    pictures: &[&(f64, Luma)],
    engine: &(dyn Fn() -> Result<Arc<Engine>, String> + Sync),
    to_display: &(dyn Fn(Rect) -> Rect + Sync),
) -> Vec<ScreenText> {
    let Ok(engine) = engine() else {
        return Vec::new();
    };
    pictures
        .par_iter()
        .flat_map_iter(|(time_s, l)| {
            let p = Picture {
                width: l.width,
                height: l.height,
                data: &l.data,
            };
            let boxes = engine.detect(&p).unwrap_or_default();
            let engine = &engine;
            boxes.into_iter().filter_map(move |b| {
                let rect = Rect {
                    x: b.x,
                    y: b.y,
                    w: b.w.min(l.width - b.x),
                    h: b.h.min(l.height - b.y),
                };
                let crop = cut(l, rect);
                let p = Picture {
                    width: crop.width,
                    height: crop.height,
                    data: &crop.data,
                };
                let r = engine.read_line(&p).ok()?;
                (f64::from(r.confidence) >= MIN_CONFIDENCE && !r.text.is_empty()).then(|| {
                    ScreenText {
                        time_s: *time_s,
                        rect: to_display(rect),
                        text: r.text,
                        confidence: f64::from(r.confidence),
                    }
                })
            })
        })
        .collect()
}

/// A copy of `r` (inside `l`) of `l`.
fn cut(l: &Luma, r: Rect) -> Luma {
    let mut data = Vec::with_capacity(r.w * r.h);
    for y in r.y..r.y + r.h {
        data.extend_from_slice(&l.data[y * l.width + r.x..y * l.width + r.x + r.w]);
    }
    Luma {
        width: r.w,
        height: r.h,
        data,
    }
}

/// Lines grouped by place: the same height (within 30%) and vertical centre (within a
/// third of the height); groups seen in fewer than [`MIN_FRAMES`] frames are dropped.
fn groups(seen: &[Seen]) -> Vec<Vec<(f64, &LineCrop)>> {
    let mut groups: Vec<Vec<(f64, &LineCrop)>> = Vec::new();
    for frame in seen {
        for line in &frame.lines {
            let r = line.rect;
            let cy = 2 * r.y + r.h;
            let home = groups.iter_mut().find(|g| {
                let f = g[0].1.rect;
                let (fh, h) = (f.h as f64, r.h as f64);
                (0.7..=1.43).contains(&(h / fh))
                    && (2 * f.y + f.h).abs_diff(cy) as f64 <= fh * 2.0 / 3.0
            });
            match home {
                Some(g) => g.push((frame.time_s, line)),
                None => groups.push(vec![(frame.time_s, line)]),
            }
        }
    }
    groups.retain(|g| {
        let mut times: Vec<u64> = g.iter().map(|(t, _)| t.to_bits()).collect();
        times.dedup();
        times.len() >= MIN_FRAMES
    });
    groups
}

/// The readings grouped by line: the same text after spaces and punctuation are dropped,
/// or one containing the other, or at most a third of the characters different (a partial
/// or misread crop of the same cue). Groups are in order of first sight.
fn distinct<'a>(members: &[&'a Read<'a>]) -> Vec<Vec<&'a Read<'a>>> {
    let key = |r: &Read| -> Vec<char> {
        r.reading
            .text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let mut out: Vec<(Vec<char>, Vec<&Read>)> = Vec::new();
    for &r in members {
        let k = key(r);
        if k.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(other, _)| similar(other, &k)) {
            Some((other, same)) => {
                if k.len() > other.len() {
                    *other = k;
                }
                same.push(r);
            }
            None => out.push((k, vec![r])),
        }
    }
    out.into_iter().map(|(_, same)| same).collect()
}

/// Whether two readings are of the same line.
fn similar(a: &[char], b: &[char]) -> bool {
    let contains = |long: &[char], short: &[char]| {
        short.len() >= 2 && long.windows(short.len()).any(|w| w == short)
    };
    let longest = a.len().max(b.len());
    a == b || contains(a, b) || contains(b, a) || 3 * distance(a, b) <= longest
}

/// Edit distance.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The crop's glyph box, or the whole crop, in full-resolution pixels.
fn full_box(l: &LineCrop) -> Rect {
    Rect {
        x: l.origin.0,
        y: l.origin.1,
        w: l.crop.width,
        h: l.crop.height,
    }
}

/// One distinct line: its text (the longest reading), the frames it was seen in, its box
/// (the widest crop's glyphs: partial crops miss characters) and glyph height (median),
/// and the measures of each crop for the track's look.
fn line_of(same: &[&Read], place: &Place) -> (BurnedLine, Vec<Glyphs>) {
    let scale = place.full.1 as f64 / 1080.0;
    let measured: Vec<(Glyphs, Rect)> = same
        .iter()
        .filter_map(|r| {
            let g = glyphs::measure(&r.line.crop, scale)?;
            let (ox, oy) = r.line.origin;
            let rect = Rect {
                x: ox + g.cols.0,
                y: oy + g.rows.0,
                w: g.cols.1 - g.cols.0,
                h: g.rows.1 - g.rows.0,
            };
            Some((g, rect))
        })
        .collect();
    let text = same
        .iter()
        .max_by(|a, b| {
            let n = |r: &Read| {
                r.reading
                    .text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
            };
            n(a).cmp(&n(b))
                .then(a.reading.confidence.total_cmp(&b.reading.confidence))
        })
        .map(|r| r.reading.clone())
        .unwrap_or_default();
    let widest = measured
        .iter()
        .map(|m| m.1)
        .max_by_key(|r| r.w)
        .unwrap_or_else(|| full_box(same[0].line));
    let display = (place.to_display)(widest);
    let mut heights: Vec<usize> = measured.iter().map(|m| m.1.h).collect();
    heights.sort_unstable();
    let height = heights.get(heights.len() / 2).copied().unwrap_or(widest.h);
    let dw = f64::from(place.display.0);
    let centre = display.x as f64 + display.w as f64 / 2.0;
    let mut times: Vec<f64> = same.iter().map(|r| r.time_s).collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let line = BurnedLine {
        text: text.text,
        confidence: f64::from(text.confidence),
        times_s: times,
        rect: display,
        centre_offset: if dw > 0.0 {
            (centre - dw / 2.0) / dw
        } else {
            0.0
        },
        glyph_height_1080: height as f64 / scale.max(f64::MIN_POSITIVE),
    };
    (line, measured.into_iter().map(|m| m.0).collect())
}

/// The track's look from all its crops: the effect most crops show (of those that tell),
/// and the font class from the median stroke measures.
fn look(found: &mut BurnedSubtitles, crops: &[Glyphs]) {
    let effects: Vec<Effect> = crops.iter().filter_map(|g| g.effect).collect();
    found.effect = [Effect::Shadow, Effect::Outline, Effect::None]
        .into_iter()
        .max_by_key(|e| effects.iter().filter(|f| *f == e).count())
        .filter(|_| !effects.is_empty());
    let median = |f: fn(&Glyphs) -> f64| {
        let mut v: Vec<f64> = crops.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    found.stroke_contrast = median(|g| g.contrast);
    found.stroke_spread = median(|g| g.spread);
    found.font = font_class(found.stroke_contrast, found.stroke_spread);
}

/// The typeface class from the track's stroke measures, `None` between the classes.
/// Bounds from the evaluation set (WenQuanYi Micro Hei, AR PL UMing, AR PL UKai at sizes
/// 40–80): Hei contrast 1.00–1.14 and spread ≤ 0.19; Song/Ming contrast ≥ 1.5 with even
/// widths; Kai contrast 1.2–1.5 with swelling strokes.
fn font_class(contrast: f64, spread: f64) -> Option<FontClass> {
    if contrast <= 0.0 {
        None
    } else if contrast <= 1.2 && spread <= 0.2 {
        Some(FontClass::Hei)
    } else if contrast >= 1.5 && spread < 0.33 {
        Some(FontClass::Song)
    } else if contrast > 1.2 && contrast < 1.55 && spread >= 0.25 {
        Some(FontClass::Kai)
    } else {
        None
    }
}
