//! Whether two crops of a line, cut from two frames, show the same glyphs: a cue stays on
//! screen for seconds, so neighbouring sampled frames often show the same line over a
//! changed scene, and one reading serves both. The crops' stroke pixels (the line
//! finder's own test: light, with a dark edge) are compared in glyph-wide cells at their
//! places in the picture (and one pixel around); the crops are the same when no cell
//! differs much. A single changed character changes its cell entirely (0.72–1.0 of its
//! stroke pixels measured on the subtitle benchmark's cues), the same line over a new
//! noisy scene a few (0.09–0.49).

use super::subtitles::LineCrop;
use super::textlines;

/// Most share of a cell's stroke pixels (in either crop) found in one crop only, for the
/// cell to count as the same.
const MAX_CELL_CHANGE: f64 = 0.55;
/// Cells with fewer stroke pixels than this share of their area count as that many: a
/// few specks of the scene in an empty cell are not a changed character.
const MIN_CELL_FILL: f64 = 0.05;

/// A crop's stroke pixels, placed in the full picture.
pub struct Strokes {
    w: usize,
    h: usize,
    origin: (usize, usize),
    mask: Vec<bool>,
}

impl Strokes {
    /// The stroke pixels of `l`.
    pub fn of(l: &LineCrop) -> Strokes {
        Strokes {
            w: l.crop.width,
            h: l.crop.height,
            origin: l.origin,
            mask: textlines::strokes(&l.crop),
        }
    }
}

/// Whether `a` and `b` show the same glyphs at the same place (within a pixel).
pub fn same(a: &Strokes, b: &Strokes) -> bool {
    if a.h.abs_diff(b.h) > 2 || a.w.abs_diff(b.w) > a.h / 4 {
        return false;
    }
    (-1..=1).any(|dy| (-1..=1).any(|dx| worst_cell(a, b, (dx, dy)) <= MAX_CELL_CHANGE))
}

/// The largest share of changed stroke pixels over `a`'s cells, with `b` moved by `shift`.
fn worst_cell(a: &Strokes, b: &Strokes, shift: (i64, i64)) -> f64 {
    let cell = (a.h / 2).max(4);
    let floor = ((cell * a.h) as f64 * MIN_CELL_FILL).max(1.0);
    // `b`'s column and row for `a`'s: same place in the picture, moved by `shift`.
    let ox = a.origin.0 as i64 - b.origin.0 as i64 + shift.0;
    let oy = a.origin.1 as i64 - b.origin.1 as i64 + shift.1;
    let at_b = |x: usize, y: usize| {
        let (bx, by) = (x as i64 + ox, y as i64 + oy);
        match (usize::try_from(bx), usize::try_from(by)) {
            (Ok(bx), Ok(by)) if bx < b.w && by < b.h => b.mask[by * b.w + bx],
            _ => false,
        }
    };
    let mut worst: f64 = 0.0;
    for from in (0..a.w).step_by(cell) {
        let (mut changed, mut either) = (0usize, 0usize);
        for y in 0..a.h {
            for x in from..(from + cell).min(a.w) {
                let (pa, pb) = (a.mask[y * a.w + x], at_b(x, y));
                changed += usize::from(pa != pb);
                either += usize::from(pa || pb);
            }
        }
        worst = worst.max(changed as f64 / (either as f64).max(floor));
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::video::bars::Rect;
    use crate::video::luma::Luma;

    /// A 90-pixel-high crop of white blocks (characters) on grey; `marks` are the blocks'
    /// left columns, plus `specks` single light pixels of the scene.
    fn crop(marks: &[usize], specks: &[(usize, usize)]) -> LineCrop {
        let (w, h) = (400, 90);
        let mut data = vec![60u8; w * h];
        for &x0 in marks {
            for y in 25..65 {
                for x in x0..x0 + 8 {
                    data[y * w + x] = 250;
                }
            }
        }
        for &(x, y) in specks {
            data[y * w + x] = 250;
        }
        LineCrop {
            rect: Rect { x: 0, y: 0, w, h },
            crop: Luma {
                width: w,
                height: h,
                data,
            },
            origin: (700, 950),
        }
    }

    #[test]
    fn same_line_over_a_changed_scene() {
        let a = Strokes::of(&crop(&[20, 60, 100, 200], &[]));
        let b = Strokes::of(&crop(&[20, 60, 100, 200], &[(300, 10), (310, 80), (5, 5)]));
        assert!(same(&a, &b));
    }

    #[test]
    fn one_character_changed() {
        let a = Strokes::of(&crop(&[20, 60, 100, 200], &[]));
        let b = Strokes::of(&crop(&[20, 60, 100, 220], &[]));
        assert!(!same(&a, &b));
    }

    #[test]
    fn tiny_and_empty_crops() {
        for (w, h) in [(0, 0), (1, 3), (3, 3), (6, 2)] {
            let l = LineCrop {
                rect: Rect { x: 0, y: 0, w, h },
                crop: Luma {
                    width: w,
                    height: h,
                    data: vec![255; w * h],
                },
                origin: (0, 0),
            };
            let s = Strokes::of(&l);
            assert!(same(&s, &s), "{w}×{h}");
        }
    }

    #[test]
    fn moved_by_a_pixel_and_elsewhere() {
        let a = crop(&[20, 60, 100, 200], &[]);
        let mut b = a.clone();
        b.origin.0 += 1;
        assert!(same(&Strokes::of(&a), &Strokes::of(&b)));
        b.origin.0 += 5;
        assert!(!same(&Strokes::of(&a), &Strokes::of(&b)));
    }
}
