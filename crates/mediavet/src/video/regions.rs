//! From a persistence map to candidate marks: pixels whose edges persist and keep their
//! direction, grown a little so the strokes of a logo or a line of text join, split into
//! connected regions of plausible logo size, each scored by how coherent its edges are and
//! how much the picture around it changes.

use super::bars::Rect;
use super::persistence::Maps;

/// Thresholds of the region search.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Share of frames an edge must be present in.
    pub persistence: f32,
    /// Least coherence of a persistent edge.
    pub coherence: f32,
    /// Share of frame pairs with movement above which a pixel counts as changing.
    pub changing: f32,
    /// Least share of frames with an edge for a pixel to count as textured.
    pub textured: f32,
    /// Least ratio of the weaker to the stronger principal direction of a region's edges
    /// (0: all edges parallel — a horizon sliding along itself; 1: edges every way).
    pub spread: f32,
}

/// One connected region of persistent, coherent edges.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Bounding box in map pixels.
    pub rect: Rect,
    /// The persistent edge pixels (indices into the map).
    pub pixels: Vec<usize>,
    /// Share of the ring around the box whose picture changes (of its pixels that are
    /// changing or textured: flat, still areas such as a clear sky say nothing); `None`
    /// when too little of the ring says anything.
    pub surround_change: Option<f32>,
    /// Share of its edge pixels that are steadfast: present in at least 95% of the frames
    /// and pointing the same way (coherence ≥ 0.9) — most of a mark's, few of a scene's.
    pub steadfast: f32,
}

/// Fewest edge pixels of a region, as a share of the active area (a channel bug of
/// 150×64 on a 1280×720 picture has about 0.4%; a speck of lens dust, 0.02%).
const MIN_EDGES: f64 = 0.001;

/// Largest region, as a share of the active width and height (wider is a bar or a line;
/// a QR code on a 16:9 picture may be 37% of its height).
const MAX_W: f64 = 0.5;
const MAX_H: f64 = 0.4;

/// The candidate regions of `m`.
pub fn candidates(m: &Maps, t: &Thresholds) -> Vec<Candidate> {
    let (w, h) = (m.width, m.height);
    let a = m.area;
    let mut mask = vec![false; w * h];
    for y in a.y..a.y + a.h {
        for x in a.x..a.x + a.w {
            let i = y * w + x;
            mask[i] = m.presence[i] >= t.persistence && m.coherence[i] >= t.coherence;
        }
    }
    let radius = (w / 160).max(1);
    let grown = dilate(&mask, w, h, radius);
    let min_pixels = ((a.w * a.h) as f64 * MIN_EDGES).max(8.0) as usize;
    components(&grown, w, h)
        .into_iter()
        .filter_map(|(rect, members)| {
            let pixels: Vec<usize> = members.into_iter().filter(|&i| mask[i]).collect();
            let plausible = pixels.len() >= min_pixels
                && rect.w >= 3
                && rect.h >= 3
                && rect.w as f64 <= a.w as f64 * MAX_W
                && rect.h as f64 <= a.h as f64 * MAX_H;
            if !plausible {
                return None;
            }
            (spread(m, &pixels) >= t.spread).then(|| {
                let steadfast = pixels
                    .iter()
                    .filter(|&&i| m.presence[i] >= 0.95 && m.coherence[i] >= 0.9)
                    .count() as f32
                    / pixels.len() as f32;
                Candidate {
                    rect,
                    surround_change: surround_change(m, rect, t),
                    pixels,
                    steadfast,
                }
            })
        })
        .collect()
}

/// Eigenvalue ratio (smaller over larger) of the structure tensor of the pixels' mean
/// gradients: near 0 when every edge runs the same way.
fn spread(m: &Maps, pixels: &[usize]) -> f32 {
    let (mut xx, mut xy, mut yy) = (0f64, 0f64, 0f64);
    for &i in pixels {
        let (gx, gy) = m.mean_gradient[i];
        let (gx, gy) = (f64::from(gx), f64::from(gy));
        xx += gx * gx;
        xy += gx * gy;
        yy += gy * gy;
    }
    let half_trace = (xx + yy) / 2.0;
    let root = (((xx - yy) / 2.0).powi(2) + xy * xy).sqrt();
    let (big, small) = (half_trace + root, half_trace - root);
    if big <= 0.0 {
        0.0
    } else {
        (small.max(0.0) / big) as f32
    }
}

/// Share of the ring around `r` (half its size wide, at least 4 pixels; inside the area)
/// whose picture changes, among its pixels that change or carry texture.
fn surround_change(m: &Maps, r: Rect, t: &Thresholds) -> Option<f32> {
    let a = m.area;
    let margin = (r.w.max(r.h) / 2).max(4);
    let x0 = r.x.saturating_sub(margin).max(a.x);
    let y0 = r.y.saturating_sub(margin).max(a.y);
    let x1 = (r.x + r.w + margin).min(a.x + a.w);
    let y1 = (r.y + r.h + margin).min(a.y + a.h);
    let (mut ring, mut telling, mut moving) = (0usize, 0usize, 0usize);
    for y in y0..y1 {
        for x in x0..x1 {
            let i = y * m.width + x;
            if r.contains(x, y) {
                continue;
            }
            ring += 1;
            let changes = m.change[i] >= t.changing;
            if changes || m.presence[i] >= t.textured {
                telling += 1;
                moving += usize::from(changes);
            }
        }
    }
    (telling * 10 >= ring && telling > 0).then(|| moving as f32 / telling as f32)
}

/// Square dilation by `radius` (separable: rows, then columns).
pub(super) fn dilate(mask: &[bool], w: usize, h: usize, radius: usize) -> Vec<bool> {
    let mut rows = vec![false; mask.len()];
    for y in 0..h {
        for x in 0..w {
            let lo = x.saturating_sub(radius);
            let hi = (x + radius).min(w - 1);
            rows[y * w + x] = mask[y * w + lo..=y * w + hi].iter().any(|&b| b);
        }
    }
    let mut out = vec![false; mask.len()];
    for y in 0..h {
        let lo = y.saturating_sub(radius);
        let hi = (y + radius).min(h - 1);
        for x in 0..w {
            out[y * w + x] = (lo..=hi).any(|yy| rows[yy * w + x]);
        }
    }
    out
}

/// 8-connected components of `mask`: bounding box and member pixels.
fn components(mask: &[bool], w: usize, h: usize) -> Vec<(Rect, Vec<usize>)> {
    let mut seen = vec![false; mask.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut members = Vec::new();
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        while let Some(i) = stack.pop() {
            members.push(i);
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            for ny in y.saturating_sub(1)..=(y + 1).min(h - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
                    let j = ny * w + nx;
                    if mask[j] && !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        let rect = Rect {
            x: x0,
            y: y0,
            w: x1 + 1 - x0,
            h: y1 + 1 - y0,
        };
        out.push((rect, members));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_boxes_components() {
        let (w, h) = (6, 4);
        let mut mask = vec![false; w * h];
        for i in [0, 7, 5] {
            mask[i] = true;
        }
        let c = components(&mask, w, h);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].0,
            Rect {
                x: 0,
                y: 0,
                w: 2,
                h: 2
            }
        );
        assert_eq!(dilate(&mask, w, h, 1).iter().filter(|&&b| b).count(), 13);
    }
}
