//! What a subtitle line looks like, measured on its full-resolution crop: the extent of its
//! light strokes (the glyph height), the dark pixels next to them (a drop shadow on one
//! side, an outline all round, or nothing), and the widths of its strokes (the font's
//! class: Hei strokes are even, Song/Ming horizontals thin and verticals thick, Kai brush
//! strokes vary).

use super::luma::Luma;
use crate::facts::frames::Effect;

/// Least luma of a stroke pixel, and least drop to a dark pixel beside it.
const LIGHT: u8 = 150;
const DROP: u8 = 60;

/// Measures of one crop of a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyphs {
    /// Top and bottom (exclusive) rows of the glyphs in the crop.
    pub rows: (usize, usize),
    /// Left and right (exclusive) columns of the glyphs in the crop.
    pub cols: (usize, usize),
    /// Shadow or outline; `None` when the scene around is too dark to tell.
    pub effect: Option<Effect>,
    /// Median width of vertical strokes over median thickness of horizontal ones.
    pub contrast: f64,
    /// Share of runs across horizontal strokes at least twice their typical thickness.
    pub spread: f64,
}

/// The measures of `c` (the crop of one line with a margin), at `scale` pixels per
/// 1080p pixel; `None` when it holds no light strokes.
pub fn measure(c: &Luma, scale: f64) -> Option<Glyphs> {
    let (w, h) = (c.width, c.height);
    if w < 8 || h < 8 {
        return None;
    }
    let reach = (2.0 * scale).round().max(1.0) as usize;
    let mut stroke = vec![false; w * h];
    for y in reach..h - reach {
        for x in reach..w - reach {
            let i = y * w + x;
            let v = c.data[i];
            if v < LIGHT {
                continue;
            }
            stroke[i] = (1..=reach).any(|d| {
                [i - d, i + d, i - d * w, i + d * w]
                    .iter()
                    .any(|&j| v.saturating_sub(c.data[j]) >= DROP)
            });
        }
    }
    let rows = extent((0..h).map(|y| stroke[y * w..(y + 1) * w].iter().filter(|&&s| s).count()))?;
    let cols = extent((0..w).map(|x| (rows.0..rows.1).filter(|&y| stroke[y * w + x]).count()))?;
    // The fill: pixels as light as the strokes' own level, near a stroke pixel.
    let mut lights: Vec<u8> = (0..w * h)
        .filter(|&i| stroke[i])
        .map(|i| c.data[i])
        .collect();
    lights.sort_unstable();
    let level = lights[lights.len() * 9 / 10];
    let cut = level.saturating_sub(45).max(LIGHT);
    let near = super::regions::dilate(&stroke, w, h, reach + 1);
    let fill: Vec<bool> = (0..w * h).map(|i| near[i] && c.data[i] >= cut).collect();
    let (contrast, spread) = strokes(&fill, w, rows, cols);
    Some(Glyphs {
        rows,
        cols,
        effect: effect(c, &fill, scale),
        contrast,
        spread,
    })
}

/// First and last (exclusive) index whose count reaches a fifth of the largest (scene
/// texture taken into a crop has fewer stroke pixels per row than the glyphs).
fn extent(counts: impl Iterator<Item = usize>) -> Option<(usize, usize)> {
    let counts: Vec<usize> = counts.collect();
    let most = *counts.iter().max()?;
    if most == 0 {
        return None;
    }
    let first = counts.iter().position(|&n| n * 5 >= most)?;
    let last = counts.iter().rposition(|&n| n * 5 >= most)?;
    Some((first, last + 1))
}

/// Dark pixels beside the fill: for each of eight directions, the mean luma two (1080p)
/// pixels out from the fill's edges that face that way into open space, against the scene
/// eight pixels out from the same edges. A drop shadow darkens the sides it falls on (down
/// and right, down, or right) far more than the others; an outline darkens every side. Only
/// edges with no fill within the eight pixels count: between two strokes of a dense glyph
/// (small or Traditional text) the pixel two out lies on the other stroke's shadow or
/// edge, which hid a shadow or an outline. Over a dark scene neither can be seen, and
/// nothing is said.
fn effect(c: &Luma, fill: &[bool], scale: f64) -> Option<Effect> {
    let (w, h) = (c.width as isize, c.height as isize);
    let inside = |x: isize, y: isize| x >= 0 && y >= 0 && x < w && y < h;
    let is_fill = |x: isize, y: isize| inside(x, y) && fill[(y * w + x) as usize];
    let near = (2.0 * scale).round().max(1.0) as isize;
    let far = (8.0 * scale).round().max(3.0) as isize;
    // (ring, scene) means out from the edges facing (dx, dy).
    let out_from_edges = |dx: isize, dy: isize| {
        let (mut ring, mut scene, mut n) = (0u64, 0u64, 0u64);
        for y in 0..h {
            for x in 0..w {
                if !is_fill(x, y)
                    || !inside(x + dx * far, y + dy * far)
                    || (1..=far).any(|k| is_fill(x + dx * k, y + dy * k))
                {
                    continue;
                }
                let at = |d: isize| u64::from(c.data[((y + dy * d) * w + x + dx * d) as usize]);
                ring += at(near);
                scene += at(far);
                n += 1;
            }
        }
        (n > 0).then(|| (ring as f64 / n as f64, scene as f64 / n as f64))
    };
    let dirs = [
        (1, 1),
        (1, 0),
        (0, 1),
        (-1, -1),
        (-1, 0),
        (0, -1),
        (1, -1),
        (-1, 1),
    ];
    let both: Vec<(f64, f64)> = dirs
        .iter()
        .map(|&(dx, dy)| out_from_edges(dx, dy))
        .collect::<Option<_>>()?;
    let ring: Vec<f64> = both.iter().map(|b| b.0).collect();
    let scene = both.iter().map(|b| b.1).sum::<f64>() / both.len() as f64;
    let shaded = (ring[0] + ring[1] + ring[2]) / 3.0;
    let lit = (ring[3] + ring[4] + ring[5]) / 3.0;
    let lightest = ring.iter().copied().fold(0.0, f64::max);
    if scene.max(lit) < 50.0 {
        return None;
    }
    Some(if lit - shaded >= (0.25 * lit).max(15.0) {
        Effect::Shadow
    } else if lightest < 60.0 || scene - lightest >= (0.25 * scene).max(15.0) {
        Effect::Outline
    } else {
        Effect::None
    })
}

/// Stroke widths of the fill inside the glyph box: runs along rows cross vertical strokes,
/// runs down columns cross horizontal ones (runs longer than a third of the glyph height
/// run along a stroke and are left out). Returns (vertical width ÷ horizontal thickness,
/// share of vertical runs at least twice the typical thickness).
fn strokes(fill: &[bool], w: usize, rows: (usize, usize), cols: (usize, usize)) -> (f64, f64) {
    let longest = ((rows.1 - rows.0) / 3).max(2);
    let mut across = Vec::new();
    for y in rows.0..rows.1 {
        runs(cols.0..cols.1, |x| fill[y * w + x], longest, &mut across);
    }
    let mut down = Vec::new();
    for x in cols.0..cols.1 {
        runs(rows.0..rows.1, |y| fill[y * w + x], longest, &mut down);
    }
    let (a, d) = (width(&across), width(&down));
    // Kai's brush strokes swell: many runs well over the typical width.
    let wide = down.iter().filter(|&&n| n as f64 >= 2.0 * d).count();
    let spread = wide as f64 / down.len().max(1) as f64;
    (if d > 0.0 { a / d } else { 0.0 }, spread)
}

/// The typical stroke width among `runs`: the mean of the runs within one pixel of the
/// most frequent length (a sub-pixel estimate; 0 for none).
fn width(runs: &[usize]) -> f64 {
    let mut counts = std::collections::BTreeMap::new();
    for &x in runs {
        *counts.entry(x).or_insert(0usize) += 1;
    }
    let Some((&mode, _)) = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) else {
        return 0.0;
    };
    let near: Vec<usize> = runs
        .iter()
        .copied()
        .filter(|&x| x.abs_diff(mode) <= 1)
        .collect();
    near.iter().sum::<usize>() as f64 / near.len().max(1) as f64
}

/// Appends the lengths of the runs of `on` over `range` no longer than `longest`.
fn runs(
    range: std::ops::Range<usize>,
    on: impl Fn(usize) -> bool,
    longest: usize,
    out: &mut Vec<usize>,
) {
    let mut n = 0;
    for i in range {
        if on(i) {
            n += 1;
        } else {
            if (1..=longest).contains(&n) {
                out.push(n);
            }
            n = 0;
        }
    }
    if (1..=longest).contains(&n) {
        out.push(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 1080p crop of dense strokes (4 px wide, 4 px apart, like small Traditional
    /// text) over a mid-grey scene, drawn with `effect`.
    fn dense(effect: Effect) -> Luma {
        let (w, h) = (160, 64);
        let stroke = |x: usize, y: usize| {
            ((16..48).contains(&y) && (40..120).contains(&x) && (x - 40) % 8 < 4)
                || ((30..34).contains(&y) && (40..116).contains(&x))
        };
        let mut data = vec![128u8; w * h];
        for y in 0..h {
            for x in 0..w {
                let dark = match effect {
                    Effect::Shadow => x >= 3 && y >= 3 && stroke(x - 3, y - 3),
                    Effect::Outline => (y.saturating_sub(3)..=y + 3)
                        .any(|v| (x.saturating_sub(3)..=x + 3).any(|u| stroke(u, v))),
                    Effect::None => false,
                };
                if dark {
                    data[y * w + x] = 20;
                }
                if stroke(x, y) {
                    data[y * w + x] = 240;
                }
            }
        }
        Luma {
            width: w,
            height: h,
            data,
        }
    }

    #[test]
    fn shadow_outline_and_none_on_dense_strokes() {
        for effect in [Effect::Shadow, Effect::Outline, Effect::None] {
            let g = measure(&dense(effect), 1.0).expect("strokes found");
            assert_eq!(g.effect, Some(effect), "{effect:?}");
            assert_eq!(g.rows, (16, 48), "{effect:?}");
        }
    }
}
