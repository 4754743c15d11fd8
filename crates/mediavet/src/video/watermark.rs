//! Watermark and logo search over sampled frames: persistence maps over the whole video
//! and over its halves and thirds (app logos that jump between corners sit still within
//! each part), candidate regions from each, the strongest kept where they overlap, and for
//! each the share of all frames that show it.

use super::bars::{active_area, Rect};
use super::frames::Frame;
use super::luma::Luma;
use super::persistence::{magnitude, runs, sobel, Maps};
use super::regions::{candidates, Candidate, Thresholds};

/// Sobel L1 magnitude that counts as an edge (a sharp step of about 12 code values).
pub const EDGE: f32 = 48.0;
/// Least coherence of a persistent edge pixel.
pub const COHERENCE: f32 = 0.6;
/// Share of frame pairs with movement above which a pixel is changing.
pub const CHANGING: f32 = 0.5;
/// Share of frames with an edge for a pixel to count as textured.
pub const TEXTURED: f32 = 0.25;
/// Least spread of a region's edge directions (text and logos have edges every way).
pub const SPREAD: f32 = 0.15;
/// Below this share of changing pixels (among those changing or textured) the picture is
/// too static to judge.
pub const STATIC_SHARE: f64 = 0.5;
/// Candidates below this confidence are not reported at all.
pub const FLOOR: f64 = 0.4;
/// A frame shows a mark when this share of the mark's edges is present and points its way.
const SHOWN: f64 = 0.4;
/// Fewest frames in a part of the video analysed on its own.
const MIN_WINDOW: usize = 6;
/// Fewest frames for every part (the halves and the thirds) to be searched on its own;
/// with fewer, a mark that moves between corners may go unseen.
pub const WINDOWED_FRAMES: usize = 3 * MIN_WINDOW;

/// A mark found in the analysis frames (map coordinates).
#[derive(Debug, Clone)]
pub struct Found {
    /// Bounding box in analysis pixels.
    pub rect: Rect,
    /// Share of all sampled frames that show it.
    pub share: f64,
    /// Time of the first frame showing it, seconds.
    pub first_s: f64,
    /// Time of the last frame showing it.
    pub last_s: f64,
    /// 0–1: √(share of steadfast edge pixels × share of its surroundings that change).
    pub confidence: f64,
}

/// The outcome of the search.
#[derive(Debug, Clone)]
pub struct Scan {
    /// The picture inside letterbox/pillarbox bars, analysis pixels.
    pub active: Rect,
    /// Share of the active picture that changes between samples.
    pub change_share: f64,
    /// Marks, strongest first.
    pub found: Vec<Found>,
    /// The whole-video maps (for the debug pictures).
    pub maps: Option<Maps>,
}

/// Searches `frames` (same size, time order); `persistence` is the share of a window's
/// frames an edge must be present in.
pub fn scan(frames: &[Frame], persistence: f64) -> Scan {
    let lumas: Vec<&Luma> = frames.iter().map(|f| &f.luma).collect();
    let active = active_area(&lumas);
    if lumas.len() < 2 {
        return Scan {
            active,
            change_share: 0.0,
            found: Vec::new(),
            maps: None,
        };
    }
    let t = Thresholds {
        persistence: persistence as f32,
        coherence: COHERENCE,
        changing: CHANGING,
        textured: TEXTURED,
        spread: SPREAD,
    };
    let with_directions = |m: &Maps, part: &[&Luma]| -> Vec<(Candidate, Vec<(f32, f32)>)> {
        candidates(m, &t)
            .into_iter()
            .filter(|c| !swaps_content(part, &c.pixels))
            .map(|c| {
                let directions = c.pixels.iter().map(|&i| m.mean_gradient[i]).collect();
                (c, directions)
            })
            .collect()
    };
    // The whole video and its halves and thirds, each added up from the sums of the runs
    // of frames between their edges (one pass over the frames), searched side by side.
    let parts = windows(lumas.len());
    let edges: Vec<usize> = parts.iter().flat_map(|&(lo, hi)| [lo, hi]).collect();
    let runs = runs(&lumas, &edges, active, EDGE);
    let window = |lo: usize, hi: usize| runs.maps(lo, hi);
    let (whole, windowed) = rayon::join(
        || window(0, lumas.len()),
        || {
            parts
                .into_iter()
                .flat_map(|(lo, hi)| with_directions(&window(lo, hi), &lumas[lo..hi]))
                .collect::<Vec<_>>()
        },
    );
    let change_share = changing_share(&whole);
    let mut all = with_directions(&whole, &lumas);
    all.extend(windowed);
    let score = |c: &Candidate| confidence(c, change_share);
    all.sort_by(|a, b| score(&b.0).total_cmp(&score(&a.0)));
    let mut found: Vec<Found> = Vec::new();
    for (c, directions) in &all {
        let confidence = score(c);
        if confidence < FLOOR || found.iter().any(|f| f.rect.overlaps(&c.rect)) {
            continue;
        }
        let shown: Vec<f64> = frames
            .iter()
            .filter(|f| shows(&f.luma, c, directions))
            .map(|f| f.time_s)
            .collect();
        found.push(Found {
            rect: c.rect,
            share: shown.len() as f64 / frames.len() as f64,
            first_s: shown.first().copied().unwrap_or(0.0),
            last_s: shown.last().copied().unwrap_or(0.0),
            confidence,
        });
    }
    Scan {
        active,
        change_share,
        found,
        maps: Some(whole),
    }
}

/// The parts analysed besides the whole: halves and thirds when they hold enough frames.
fn windows(n: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for parts in [2, 3] {
        if n / parts >= MIN_WINDOW {
            out.extend((0..parts).map(|k| (k * n / parts, (k + 1) * n / parts)));
        }
    }
    out
}

/// How sure a candidate is a mark: √(steadfast share × surround change), the surround
/// falling back on the whole picture's change where the ring around it is flat.
fn confidence(c: &Candidate, change_share: f64) -> f64 {
    let surround = c.surround_change.map_or(change_share, f64::from);
    (f64::from(c.steadfast) * surround).sqrt()
}

/// Whether one frame shows the mark: enough of its edge pixels carry an edge pointing the
/// way the mark's mean gradient points.
fn shows(l: &Luma, c: &Candidate, directions: &[(f32, f32)]) -> bool {
    let agreeing = c
        .pixels
        .iter()
        .zip(directions)
        .filter(|(&i, &(mx, my))| {
            let g = sobel(l, i % l.width, i / l.width);
            magnitude(g) >= EDGE && g.0 as f32 * mx + g.1 as f32 * my > 0.0
        })
        .count();
    agreeing as f64 >= SHOWN * c.pixels.len() as f64
}

/// Least mean luma step over a region for a swap of its content (a new subtitle line).
const SWAP: f64 = 20.0;
/// A swap stands out: its step is this many times the region's median step.
const STANDS_OUT: f64 = 4.0;

/// Whether the content at `pixels` is replaced now and then — one step between frames far
/// above the usual one (burned-in subtitles, captions) — rather than a mark that stays
/// (the same in every frame when opaque, changing evenly with the scene when translucent).
fn swaps_content(part: &[&Luma], pixels: &[usize]) -> bool {
    let mut steps: Vec<f64> = part
        .windows(2)
        .map(|pair| {
            pixels
                .iter()
                .map(|&i| f64::from(pair[0].data[i].abs_diff(pair[1].data[i])))
                .sum::<f64>()
                / pixels.len().max(1) as f64
        })
        .collect();
    steps.sort_by(f64::total_cmp);
    let (Some(&median), Some(&largest)) = (steps.get(steps.len() / 2), steps.last()) else {
        return false;
    };
    largest >= SWAP && largest >= STANDS_OUT * median
}

/// Share of the analysed pixels whose picture changes between samples, among those that
/// change or carry texture (a flat sky or a black background says nothing either way).
fn changing_share(m: &Maps) -> f64 {
    let a = m.area;
    let (mut telling, mut moving) = (0usize, 0usize);
    for y in a.y..a.y + a.h {
        for i in y * m.width + a.x..y * m.width + a.x + a.w {
            let changes = m.change[i] >= CHANGING;
            if changes || m.presence[i] >= TEXTURED {
                telling += 1;
                moving += usize::from(changes);
            }
        }
    }
    if telling == 0 {
        0.0
    } else {
        moving as f64 / telling as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyframes_enough_for_every_part() {
        // The parse decodes pictures between keyframes only below this count.
        assert_eq!(crate::isobmff::ENOUGH_KEYFRAMES, WINDOWED_FRAMES);
    }

    #[test]
    fn parts_of_the_video() {
        assert!(windows(5).is_empty());
        assert_eq!(windows(12), [(0, 6), (6, 12)]);
        assert_eq!(windows(18).len(), 5);
    }
}
