//! The persistence map: for each pixel of the active picture, over a window of sampled
//! frames, how often an edge is there (presence), whether it always points the same way
//! (coherence), and how much the picture itself changes there (temporal spread of luma).
//! A logo or watermark is edges that stay put and keep their direction while the
//! picture under and around them changes.

use super::bars::Rect;
use super::luma::Luma;
use rayon::prelude::*;

/// Per-pixel evidence over one window of frames (row-major, frame size; 0 outside the area).
#[derive(Debug, Clone)]
pub struct Maps {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Pixels analysed (the active area less a 2-pixel inset).
    pub area: Rect,
    /// Share of frames with an edge (Sobel magnitude ≥ the threshold) at the pixel.
    pub presence: Vec<f32>,
    /// Length of the summed gradient over the summed gradient lengths: 1 for an edge that
    /// never moves or turns, near 1/√n for gradients pointing anywhere.
    pub coherence: Vec<f32>,
    /// Share of consecutive frame pairs in which the pixel's luma moves by `STEP` or more:
    /// near 1 wherever the picture keeps changing, low for a single cut.
    pub change: Vec<f32>,
    /// Mean gradient (x, y) — the mark's own edge, for matching single frames.
    pub mean_gradient: Vec<(f32, f32)>,
}

/// Luma step (code values) between two frames that counts as the picture moving there.
pub const STEP: u8 = 6;

/// Sobel gradient at (x, y); the caller keeps (x, y) one pixel inside the picture.
pub fn sobel(l: &Luma, x: usize, y: usize) -> (i32, i32) {
    let w = l.width;
    let p = |dx: usize, dy: usize| i32::from(l.data[(y + dy - 1) * w + x + dx - 1]);
    let gx = p(2, 0) + 2 * p(2, 1) + p(2, 2) - p(0, 0) - 2 * p(0, 1) - p(0, 2);
    let gy = p(0, 2) + 2 * p(1, 2) + p(2, 2) - p(0, 0) - 2 * p(1, 0) - p(2, 0);
    (gx, gy)
}

/// L1 length of a gradient.
pub fn magnitude((gx, gy): (i32, i32)) -> f32 {
    (gx.abs() + gy.abs()) as f32
}

/// The analysed pixels of `area`: inset by 2 so that no Sobel window reads a bar or the border.
pub fn inset(area: Rect, width: usize, height: usize) -> Rect {
    let x = area.x.max(1) + 1;
    let y = area.y.max(1) + 1;
    let right = (area.x + area.w)
        .min(width.saturating_sub(1))
        .saturating_sub(1);
    let bottom = (area.y + area.h)
        .min(height.saturating_sub(1))
        .saturating_sub(1);
    Rect {
        x,
        y,
        w: right.saturating_sub(x),
        h: bottom.saturating_sub(y),
    }
}

/// Most frames in a run: Sobel sums of 32 frames fit an `i16` (|g| ≤ 1020), counts a `u8`.
const MAX_RUN: usize = 32;

/// Per-pixel sums over a run of consecutive frames, made in one pass: the maps of a
/// window made of whole runs are their sums added up, so the whole video and its halves
/// and thirds cost one pass over the frames instead of three.
struct Sums {
    width: usize,
    height: usize,
    /// The analysed pixels (already inset).
    area: Rect,
    frames: usize,
    sx: Vec<i16>,
    sy: Vec<i16>,
    len: Vec<f32>,
    hits: Vec<u8>,
    /// Moves between consecutive frames of the run.
    moves: Vec<u8>,
    /// Moves from the frame before the run to its first (counted when a window goes on
    /// from the run before).
    entry: Vec<u8>,
}

/// The sums of `frames` (same size) in runs cut at `edges` (ascending frame indices) and
/// at least every [`MAX_RUN`] frames, inside `area` (the active picture), edges at `edge`
/// or more; the runs side by side.
pub fn runs(frames: &[&Luma], edges: &[usize], area: Rect, edge: f32) -> Runs {
    let (width, height) = frames.first().map_or((0, 0), |l| (l.width, l.height));
    let area = inset(area, width, height);
    let mut cuts: Vec<usize> = edges
        .iter()
        .copied()
        .chain((0..=frames.len()).step_by(MAX_RUN))
        .chain([frames.len()])
        .filter(|&e| e <= frames.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let sums = cuts
        .par_windows(2)
        .map(|c| {
            sums(
                &frames[c[0]..c[1]],
                c[0].checked_sub(1).map(|p| frames[p]),
                area,
                edge,
            )
        })
        .collect();
    Runs { cuts, sums }
}

/// The sums of a video's frames in runs (see [`runs`]).
pub struct Runs {
    cuts: Vec<usize>,
    sums: Vec<Sums>,
}

impl Runs {
    /// The maps of frames `lo..hi`, both among the edges the runs were cut at.
    pub fn maps(&self, lo: usize, hi: usize) -> Maps {
        let from = self.cuts.partition_point(|&c| c < lo);
        let to = self.cuts.partition_point(|&c| c < hi);
        maps_of(&self.sums[from..to.max(from)])
    }
}

/// The sums of `frames` (same size, at most [`MAX_RUN`]) inside `area` (inset: see
/// [`inset`]); `before` is the frame before the run, if any. Frames are visited one at a
/// time, row by row (cache-friendly).
fn sums(frames: &[&Luma], before: Option<&Luma>, area: Rect, edge: f32) -> Sums {
    let (width, height) = frames.first().map_or((0, 0), |l| (l.width, l.height));
    let size = width * height;
    let mut s = Sums {
        width,
        height,
        area,
        frames: frames.len().min(MAX_RUN),
        sx: vec![0; size],
        sy: vec![0; size],
        len: vec![0.0; size],
        hits: vec![0; size],
        moves: vec![0; size],
        entry: vec![0; if before.is_some() { size } else { 0 }],
    };
    for (f, l) in frames.iter().take(MAX_RUN).enumerate() {
        let (previous, moves) = match f.checked_sub(1) {
            Some(p) => (Some(frames[p]), &mut s.moves),
            None => (before, &mut s.entry),
        };
        for y in area.y..area.y + area.h {
            // The three rows the Sobel window reads, as slices: the same sums as `sobel`
            // without its per-pixel row arithmetic and bounds checks on the whole frame.
            let row = |r: usize| &l.data[r * width..(r + 1) * width];
            let (up, mid, down) = (row(y - 1), row(y), row(y + 1));
            for x in area.x..area.x + area.w {
                let i = y * width + x;
                let (a, b, c) = (&up[x - 1..x + 2], &mid[x - 1..x + 2], &down[x - 1..x + 2]);
                let p = |r: &[u8], k: usize| i32::from(r[k]);
                let g = (
                    p(a, 2) + 2 * p(b, 2) + p(c, 2) - p(a, 0) - 2 * p(b, 0) - p(c, 0),
                    p(c, 0) + 2 * p(c, 1) + p(c, 2) - p(a, 0) - 2 * p(a, 1) - p(a, 2),
                );
                // Within i16: at most MAX_RUN frames of |g| ≤ 1020.
                s.sx[i] += g.0 as i16;
                s.sy[i] += g.1 as i16;
                // Exact: the squares of Sobel sums stay below 2^24 (hypot costs 5× more).
                s.len[i] += ((g.0 * g.0 + g.1 * g.1) as f32).sqrt();
                s.hits[i] += u8::from(magnitude(g) >= edge);
                if let Some(p) = previous {
                    moves[i] += u8::from(l.data[i].abs_diff(p.data[i]) >= STEP);
                }
            }
        }
    }
    s
}

/// The maps of the window made of `runs` (consecutive, same size and area; none: empty).
fn maps_of(runs: &[Sums]) -> Maps {
    let nothing = Rect {
        x: 0,
        y: 0,
        w: 0,
        h: 0,
    };
    let (width, height, area) = runs
        .first()
        .map_or((0, 0, nothing), |r| (r.width, r.height, r.area));
    let frames: usize = runs.iter().map(|r| r.frames).sum();
    let n = frames.max(1) as f32;
    let pairs = (frames.max(2) - 1) as f32;
    let size = width * height;
    let mut presence = vec![0f32; size];
    let mut coherence = vec![0f32; size];
    let mut change = vec![0f32; size];
    let mut mean_gradient = vec![(0f32, 0f32); size];
    for y in area.y..area.y + area.h {
        for i in y * width + area.x..y * width + area.x + area.w {
            let (mut sx, mut sy, mut len, mut hits, mut moves) = (0i32, 0i32, 0f32, 0u32, 0u32);
            for (k, r) in runs.iter().enumerate() {
                sx += i32::from(r.sx[i]);
                sy += i32::from(r.sy[i]);
                len += r.len[i];
                hits += u32::from(r.hits[i]);
                moves += u32::from(r.moves[i]);
                if k > 0 {
                    moves += r.entry.get(i).copied().map_or(0, u32::from);
                }
            }
            let (sx, sy) = (sx as f32, sy as f32);
            presence[i] = hits as f32 / n;
            coherence[i] = if len > 0.0 { sx.hypot(sy) / len } else { 0.0 };
            change[i] = moves as f32 / pairs;
            mean_gradient[i] = (sx / n, sy / n);
        }
    }
    Maps {
        width,
        height,
        area,
        presence,
        coherence,
        change,
        mean_gradient,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The maps of `frames` in one run.
    fn maps(frames: &[&Luma], area: Rect, edge: f32) -> Maps {
        runs(frames, &[], area, edge).maps(0, frames.len())
    }

    /// 12×12 frames: a bright square (x 4..8, y 4..8) on noise that changes every frame.
    fn square_on_noise(count: u32) -> Vec<Luma> {
        (0..count)
            .map(|f| Luma {
                width: 12,
                height: 12,
                data: (0..144u32)
                    .map(|i| {
                        let (x, y) = (i % 12, i / 12);
                        if (4..8).contains(&x) && (4..8).contains(&y) {
                            250
                        } else {
                            ((i * 7919 + f * 104_729) % 97) as u8
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    const ALL: Rect = Rect {
        x: 0,
        y: 0,
        w: 12,
        h: 12,
    };

    #[test]
    fn a_window_added_up_from_runs_is_the_window_in_one_run() {
        let frames = square_on_noise(12);
        let refs: Vec<&Luma> = frames.iter().collect();
        // Frames 2..9 from runs cut at 2, 4, 5 and 9 (each knowing the frame before it).
        let added = runs(&refs, &[2, 4, 5, 9], ALL, 100.0).maps(2, 9);
        let one = maps(&refs[2..9], ALL, 100.0);
        assert_eq!(added.presence, one.presence);
        assert_eq!(added.change, one.change);
        assert_eq!(added.mean_gradient, one.mean_gradient);
        for (a, b) in added.coherence.iter().zip(&one.coherence) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
        assert!(one.change.iter().any(|&c| c > 0.0));
        assert!(maps_of(&[]).presence.is_empty());
    }

    #[test]
    fn a_fixed_edge_over_changing_noise_persists() {
        let frames = square_on_noise(10);
        let refs: Vec<&Luma> = frames.iter().collect();
        let m = maps(&refs, ALL, 100.0);
        let at = |x: usize, y: usize| y * 12 + x;
        assert_eq!(m.presence[at(4, 6)], 1.0);
        assert!(m.coherence[at(4, 6)] > 0.9);
        assert!(m.change[at(2, 2)] > 0.5);
        assert_eq!(m.change[at(5, 5)], 0.0);
        assert_eq!(m.presence[at(0, 0)], 0.0);
    }
}
