//! The persistence map: for each pixel of the active picture, over a window of sampled
//! frames, how often an edge is there (presence), whether it always points the same way
//! (coherence), and how much the picture itself changes there (temporal spread of luma).
//! A logo or watermark is edges that stay put and keep their direction while the
//! picture under and around them changes.

use super::bars::Rect;
use super::luma::Luma;

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

/// The maps of `frames` (same size, at least one) inside `area`, edges at `edge` or more.
/// Frames are visited one at a time, row by row, into per-pixel sums (cache-friendly).
pub fn maps(frames: &[&Luma], area: Rect, edge: f32) -> Maps {
    let (width, height) = frames.first().map_or((0, 0), |l| (l.width, l.height));
    let area = inset(area, width, height);
    let n = frames.len().max(1) as f32;
    let pairs = (frames.len().max(2) - 1) as f32;
    let size = width * height;
    let (mut sx, mut sy, mut len) = (vec![0f32; size], vec![0f32; size], vec![0f32; size]);
    let (mut hits, mut moves) = (vec![0f32; size], vec![0f32; size]);
    for (f, l) in frames.iter().enumerate() {
        let previous = f.checked_sub(1).map(|p| frames[p]);
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
                let (gx, gy) = (g.0 as f32, g.1 as f32);
                sx[i] += gx;
                sy[i] += gy;
                // Exact: the squares of Sobel sums stay below 2^24 (hypot costs 5× more).
                len[i] += ((g.0 * g.0 + g.1 * g.1) as f32).sqrt();
                hits[i] += f32::from(u8::from(magnitude(g) >= edge));
                if let Some(p) = previous {
                    moves[i] += f32::from(u8::from(l.data[i].abs_diff(p.data[i]) >= STEP));
                }
            }
        }
    }
    let mut presence = vec![0f32; size];
    let mut coherence = vec![0f32; size];
    let mut change = vec![0f32; size];
    let mut mean_gradient = vec![(0f32, 0f32); size];
    for y in area.y..area.y + area.h {
        for i in y * width + area.x..y * width + area.x + area.w {
            presence[i] = hits[i] / n;
            coherence[i] = if len[i] > 0.0 {
                sx[i].hypot(sy[i]) / len[i]
            } else {
                0.0
            };
            change[i] = moves[i] / pairs;
            mean_gradient[i] = (sx[i] / n, sy[i] / n);
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

    #[test]
    fn a_fixed_edge_over_changing_noise_persists() {
        // 12×12 frames: a bright square (x 4..8, y 4..8) on noise that changes every frame.
        let frames: Vec<Luma> = (0..10u32)
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
            .collect();
        let refs: Vec<&Luma> = frames.iter().collect();
        let m = maps(
            &refs,
            Rect {
                x: 0,
                y: 0,
                w: 12,
                h: 12,
            },
            100.0,
        );
        let at = |x: usize, y: usize| y * 12 + x;
        assert_eq!(m.presence[at(4, 6)], 1.0);
        assert!(m.coherence[at(4, 6)] > 0.9);
        assert!(m.change[at(2, 2)] > 0.5);
        assert_eq!(m.change[at(5, 5)], 0.0);
        assert_eq!(m.presence[at(0, 0)], 0.0);
    }
}
