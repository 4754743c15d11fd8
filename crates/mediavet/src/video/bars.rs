//! The active picture: letterbox and pillarbox bars (rows or columns that are uniform and
//! unchanging in every sampled frame) cut away, so their edges are never taken for a mark.

use super::luma::Luma;
pub use crate::facts::frames::Rect;

impl Rect {
    /// Whether the pixel lies inside.
    pub fn contains(&self, x: usize, y: usize) -> bool {
        x >= self.x && y >= self.y && x < self.x + self.w && y < self.y + self.h
    }

    /// Whether the two rectangles share a pixel.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// Largest spread of values along one row or column for it to count as a bar.
const UNIFORM: u8 = 12;
/// Largest change of a bar's mean between frames.
const STEADY: u8 = 6;
/// Bars cover at most this share of each side (a 9:16 picture pillarboxed in 16:9 is 34%).
const MAX_BAR: f64 = 0.4;

/// The area inside the bars of `frames` (all the same size; the whole picture when none).
pub fn active_area(frames: &[&Luma]) -> Rect {
    let Some(first) = frames.first() else {
        return Rect {
            x: 0,
            y: 0,
            w: 0,
            h: 0,
        };
    };
    let (w, h) = (first.width, first.height);
    let row = |y: usize| line_is_bar(frames, |l: &Luma, i| l.data[y * l.width + i], w);
    let col = |x: usize| line_is_bar(frames, |l: &Luma, i| l.data[i * l.width + x], h);
    let limit_h = (h as f64 * MAX_BAR) as usize;
    let limit_w = (w as f64 * MAX_BAR) as usize;
    let top = (0..limit_h).take_while(|&y| row(y)).count();
    let bottom = (0..limit_h).take_while(|&i| row(h - 1 - i)).count();
    let left = (0..limit_w).take_while(|&x| col(x)).count();
    let right = (0..limit_w).take_while(|&i| col(w - 1 - i)).count();
    Rect {
        x: left,
        y: top,
        w: w.saturating_sub(left + right).max(1),
        h: h.saturating_sub(top + bottom).max(1),
    }
}

/// A row or column of `len` samples, read by `at`, that is flat and steady in every frame.
fn line_is_bar(frames: &[&Luma], at: impl Fn(&Luma, usize) -> u8, len: usize) -> bool {
    let mut means = (u8::MAX, u8::MIN);
    for l in frames {
        let (mut lo, mut hi, mut sum) = (u8::MAX, u8::MIN, 0usize);
        for i in 0..len {
            let v = at(l, i);
            lo = lo.min(v);
            hi = hi.max(v);
            sum += usize::from(v);
        }
        if hi - lo > UNIFORM {
            return false;
        }
        let mean = (sum / len.max(1)) as u8;
        means = (means.0.min(mean), means.1.max(mean));
    }
    means.1.saturating_sub(means.0) <= STEADY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_letterbox_bars() {
        // 8×6 picture: rows 0 and 5 black, a changing middle.
        let frame = |v: u8| Luma {
            width: 8,
            height: 6,
            data: (0..48)
                .map(|i| {
                    if (8..40).contains(&i) {
                        v.wrapping_add((i * 37) as u8)
                    } else {
                        0
                    }
                })
                .collect(),
        };
        let (a, b) = (frame(0), frame(90));
        assert_eq!(
            active_area(&[&a, &b]),
            Rect {
                x: 0,
                y: 1,
                w: 8,
                h: 4
            }
        );
    }
}
