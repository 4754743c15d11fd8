//! Burned-in subtitles over the sampled frames: the text lines found in each frame are
//! grouped by height and place (a subtitle track keeps both while its text changes), the
//! lines of groups seen in three frames or more are read by OCR (once for a run of
//! frames showing the same glyphs, `likeness.rs`), and a group whose confident readings
//! hold two different texts or more is a subtitle track. Each distinct line is reported
//! once, with the frames it was seen in and its look measured on the full-resolution
//! crops (`glyphs.rs`). Whatever else was read is on-screen text.

use super::bars::Rect;
use super::glyphs::{self, Glyphs};
use super::likeness::{self, Strokes};
use super::luma::Luma;
use crate::facts::frames::{BurnedLine, BurnedSubtitles, Effect, FontClass, ScreenText};
use crate::ocr::{Engine, Picture, Reading};
use rayon::prelude::*;
use std::sync::Arc;

/// What reads the text, as the facts name it.
const ENGINE: &str = "PP-OCRv4 recognition (tract-onnx)";

/// Readings below this mean symbol probability are not evidence (Simplified lines read at
/// 0.9–1.0, Traditional ones at 0.7–0.95: the model knows fewer of their forms).
pub const MIN_CONFIDENCE: f64 = 0.7;
/// Fewest frames a group of lines must be seen in.
const MIN_FRAMES: usize = 3;
/// Most runs of crops read per video besides one per group (spread over the runs of the
/// groups that read as text).
const MAX_READ: usize = 40;
/// Most groups of lines tried per video (those seen in the most frames).
const MAX_GROUPS: usize = 8;

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
        centre_offset: 0.0,
        glyph_height_1080: 0.0,
        effect: None,
        font: None,
        stroke_contrast: 0.0,
        stroke_spread: 0.0,
    };
    let mut groups = groups(seen);
    if groups.is_empty() {
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
    // A cue stays on screen over neighbouring frames: one reading serves a run of
    // crops showing the same glyphs.
    groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
    groups.truncate(MAX_GROUPS);
    let runs: Vec<Vec<Vec<usize>>> = groups.par_iter().map(|g| runs(g)).collect();
    // A run is read at its middle crop.
    let crop_of = |g: usize, k: usize| groups[g][runs[g][k][runs[g][k].len() / 2]].1;
    let read_run = |&(g, k): &(usize, usize)| {
        let line = crop_of(g, k);
        let p = Picture {
            width: line.crop.width,
            height: line.crop.height,
            data: &line.crop.data,
        };
        engine.read_line(&p).ok().map(|r| (g, k, r))
    };
    // First one run of each group (the most often seen groups first, at most
    // MAX_GROUPS): a group whose line reads as no confident text is texture, not text,
    // and is not read further.
    let probes: Vec<(usize, usize)> = runs
        .iter()
        .enumerate()
        .map(|(g, r)| (g, r.len() / 2))
        .collect();
    let mut readings: Vec<(usize, usize, Reading)> =
        probes.par_iter().filter_map(read_run).collect();
    readings.retain(|(_, _, r)| confident(r));
    let rest: Vec<(usize, usize)> = readings
        .iter()
        .flat_map(|&(g, probe, _)| {
            (0..runs[g].len())
                .filter(move |&k| k != probe)
                .map(move |k| (g, k))
        })
        .collect();
    let step = rest.len().div_ceil(MAX_READ).max(1);
    readings.par_extend(rest.par_iter().step_by(step).filter_map(read_run));
    let read: Vec<(usize, Read)> = readings
        .into_iter()
        .flat_map(|(g, k, reading)| {
            let members = &groups[g];
            runs[g][k].iter().map(move |&m| {
                let (time_s, line) = members[m];
                let reading = reading.clone();
                (
                    g,
                    Read {
                        time_s,
                        line,
                        reading,
                    },
                )
            })
        })
        .collect();
    let mut lines = Vec::new();
    let mut crops = Vec::new();
    let mut screen = Vec::new();
    let members: Vec<Vec<&Read>> = (0..groups.len())
        .map(|g| {
            read.iter()
                .filter(|(k, r)| *k == g && confident(&r.reading))
                .map(|(_, r)| r)
                .collect()
        })
        .collect();
    let keys: Vec<Vec<Vec<char>>> = members
        .iter()
        .map(|m| m.iter().map(|r| key(&r.reading.text)).collect())
        .collect();
    for (g, members) in members.iter().enumerate() {
        let distinct = distinct(members);
        // Text read higher or lower too is moving (credits that scroll), not a subtitle
        // (a part of a line found on its own beside it is in another group of the row).
        let moving = keys[g].iter().any(|k| {
            keys.iter().enumerate().any(|(o, other)| {
                o != g
                    && !same_row(groups[g][0].1.rect, groups[o][0].1.rect)
                    && other.iter().any(|ok| similar(k, ok))
            })
        });
        for r in members {
            let full = full_box(r.line);
            screen.push(ScreenText {
                time_s: r.time_s,
                rect: (place.to_display)(full),
                text: r.reading.text.clone(),
                confidence: f64::from(r.reading.confidence),
            });
        }
        if distinct.len() >= 2 && !moving {
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

/// A copy of the part `r` (inside `l`) of `l`.
pub(super) fn cut(l: &Luma, r: Rect) -> Luma {
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

/// Whether a reading is evidence: confident, with two letters or digits at least.
fn confident(r: &Reading) -> bool {
    f64::from(r.confidence) >= MIN_CONFIDENCE
        && r.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2
}

/// The members of a group (in time order) in runs of consecutive crops showing the same
/// glyphs, as indices.
fn runs(members: &[(f64, &LineCrop)]) -> Vec<Vec<usize>> {
    let strokes: Vec<Strokes> = members.iter().map(|(_, l)| Strokes::of(l)).collect();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for k in 0..members.len() {
        match runs.last_mut() {
            Some(run) if k > 0 && likeness::same(&strokes[k - 1], &strokes[k]) => run.push(k),
            _ => runs.push(vec![k]),
        }
    }
    runs
}

/// Whether `r` is in the row of `first`: vertical centres within half `first`'s height.
fn same_row(first: Rect, r: Rect) -> bool {
    // Centres doubled.
    (2 * first.y + first.h).abs_diff(2 * r.y + r.h) <= first.h
}

/// Lines grouped by place: a similar height (within a factor of 1.6: a line found only in
/// part is shorter), vertical centre (within half the height) and overlapping the
/// group's first line across (text elsewhere in the row, such as a sign in the scene
/// beside left-aligned subtitles, is another group); groups seen in fewer than
/// [`MIN_FRAMES`] frames are dropped.
fn groups(seen: &[Seen]) -> Vec<Vec<(f64, &LineCrop)>> {
    let mut groups: Vec<Vec<(f64, &LineCrop)>> = Vec::new();
    for frame in seen {
        for line in &frame.lines {
            let r = line.rect;
            let home = groups.iter_mut().find(|g| {
                let f = g[0].1.rect;
                // Overlapping the first line across: other text at the same height
                // elsewhere is another group.
                (0.62..=1.6).contains(&(r.h as f64 / f.h as f64))
                    && same_row(f, r)
                    && r.x < f.x + f.w
                    && f.x < r.x + r.w
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
    let mut out: Vec<(Vec<char>, Vec<&Read>)> = Vec::new();
    for &r in members {
        let k = key(&r.reading.text);
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

/// A reading's letters and digits (spaces and punctuation dropped).
fn key(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
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
/// (the widest crop's glyphs: partial crops miss characters), and its centre offset and
/// glyph height (medians over its crops: a crop whose box took in some of the scene is
/// an outlier); with each crop's measures and (offset, height) for the track.
fn line_of(same: &[&Read], place: &Place) -> (BurnedLine, Vec<(Glyphs, f64, f64)>) {
    let scale = place.full.1 as f64 / 1080.0;
    let dw = f64::from(place.display.0).max(1.0);
    let measured: Vec<(Glyphs, Rect, f64, f64)> = same
        .iter()
        .filter_map(|r| {
            let g = glyphs::measure(&r.line.crop, scale)?;
            let (ox, oy) = r.line.origin;
            let full = Rect {
                x: ox + g.cols.0,
                y: oy + g.rows.0,
                w: g.cols.1 - g.cols.0,
                h: g.rows.1 - g.rows.0,
            };
            let shown = (place.to_display)(full);
            let offset = (shown.x as f64 + shown.w as f64 / 2.0 - dw / 2.0) / dw;
            let height = full.h as f64 / scale.max(f64::MIN_POSITIVE);
            Some((g, shown, offset, height))
        })
        .collect();
    let text = same
        .iter()
        .max_by(|a, b| {
            let n = |r: &Read| key(&r.reading.text).len();
            n(a).cmp(&n(b))
                .then(a.reading.confidence.total_cmp(&b.reading.confidence))
        })
        .map(|r| r.reading.clone())
        .unwrap_or_default();
    let rect = measured
        .iter()
        .map(|m| m.1)
        .max_by_key(|r| r.w)
        .unwrap_or_else(|| (place.to_display)(full_box(same[0].line)));
    let mut times: Vec<f64> = same.iter().map(|r| r.time_s).collect();
    times.sort_by(f64::total_cmp);
    times.dedup();
    let line = BurnedLine {
        text: text.text,
        confidence: f64::from(text.confidence),
        times_s: times,
        rect,
        centre_offset: median(measured.iter().map(|m| m.2)),
        glyph_height_1080: lower_median(measured.iter().map(|m| m.3)),
    };
    (
        line,
        measured.into_iter().map(|m| (m.0, m.2, m.3)).collect(),
    )
}

/// The median of `values` (0 for none).
fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The lower median of `values` (0 for none): of two crops, the one that took in less of
/// the scene.
fn lower_median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len().saturating_sub(1) / 2).copied().unwrap_or(0.0)
}

/// The track's look from all its crops: centre offset and glyph height (medians), the
/// effect, and the font class from the median stroke measures.
fn look(found: &mut BurnedSubtitles, crops: &[(Glyphs, f64, f64)]) {
    found.centre_offset = median(crops.iter().map(|c| c.1));
    // Lines differ in height with their characters (一 is short, 書 is tall): the track's
    // glyph height is the median of its lines' own (lower-median) heights.
    found.glyph_height_1080 = median(found.lines.iter().map(|l| l.glyph_height_1080));
    // A shadow or outline hides against parts of the scene (a dark wall, a window's
    // edge): it counts when at least 30 % of the crops that tell show it.
    let effects: Vec<Effect> = crops.iter().filter_map(|c| c.0.effect).collect();
    let share =
        |e: Effect| effects.iter().filter(|&&f| f == e).count() as f64 / effects.len() as f64;
    found.effect = (!effects.is_empty()).then(|| {
        if share(Effect::Shadow) >= 0.3 {
            Effect::Shadow
        } else if share(Effect::Outline) >= 0.3 {
            Effect::Outline
        } else {
            Effect::None
        }
    });
    found.stroke_contrast = median(crops.iter().map(|c| c.0.contrast));
    found.stroke_spread = median(crops.iter().map(|c| c.0.spread));
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
