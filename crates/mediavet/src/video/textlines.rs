//! Text lines in one picture, found without a model: light strokes with a dark edge next
//! to them (subtitles are light text on a shadow, an outline or the scene), dense along a
//! row, joined into horizontal bands of a text line's proportions. Blocks of three or more
//! stacked lines (credits, a page of text in the scene) are not subtitle lines and are
//! dropped. Found lines are candidates: whether they are subtitles is decided over the
//! frames (`subtitles.rs`), and by reading them.

use super::bars::Rect;
use super::luma::Luma;

/// Least luma of a stroke pixel.
const LIGHT: u8 = 150;
/// Least drop from a stroke pixel to a pixel 1–2 away (left, right, above or below): white
/// text without a shadow over a light scene still shows this much at its edges.
const DROP: u8 = 45;
/// Least share of stroke pixels in a window along the row for it to be text.
const DENSE: f64 = 0.15;
/// Line heights, as shares of the picture height (a 40-pixel line at 1080p is 0.037).
const MIN_H: f64 = 0.012;
const MAX_H: f64 = 0.12;
/// Least width of a line in line heights (two characters).
const MIN_ASPECT: f64 = 1.8;
/// Least share of a line's box covered by dense pixels.
const MIN_FILL: f64 = 0.3;

/// The text lines of `l`, as boxes in its pixels, top to bottom.
pub fn find(l: &Luma) -> Vec<Rect> {
    let (w, h) = (l.width, l.height);
    if w < 16 || h < 16 {
        return Vec::new();
    }
    let strokes = strokes(l);
    let dense = dense_rows(&strokes, w, h, (w / 100).max(3));
    let mut lines: Vec<Rect> = components(&dense, w, h)
        .into_iter()
        .filter(|(r, n)| {
            let hh = r.h as f64 / h as f64;
            (MIN_H..=MAX_H).contains(&hh)
                && r.w as f64 >= MIN_ASPECT * r.h as f64
                && *n as f64 >= MIN_FILL * (r.w * r.h) as f64
        })
        .map(|(r, _)| trimmed(r, &strokes, w))
        .collect();
    lines = joined(lines);
    lines.sort_by_key(|r| r.y);
    unstacked(lines)
}

/// Stroke pixels: light, with a much darker pixel 1–2 away along a row or a column (none
/// within two pixels of the border, so none at all in a picture under 5 pixels).
pub(super) fn strokes(l: &Luma) -> Vec<bool> {
    let (w, h) = (l.width, l.height);
    let mut out = vec![false; w * h];
    for y in 2..h.saturating_sub(2) {
        for x in 2..w.saturating_sub(2) {
            let i = y * w + x;
            let v = l.data[i];
            if v < LIGHT {
                continue;
            }
            let darker = |j: usize| v.saturating_sub(l.data[j]) >= DROP;
            out[i] = darker(i - 1)
                || darker(i - 2)
                || darker(i + 1)
                || darker(i + 2)
                || darker(i - w)
                || darker(i - 2 * w)
                || darker(i + w)
                || darker(i + 2 * w);
        }
    }
    out
}

/// Pixels whose row window of `2r + 1` holds at least [`DENSE`] stroke pixels, and whose
/// rows above or below are dense too (a lone row is an edge of the scene, not text).
fn dense_rows(strokes: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    let need = ((2 * r + 1) as f64 * DENSE).ceil() as usize;
    let mut rows = vec![false; w * h];
    let mut prefix = vec![0usize; w + 1];
    for y in 0..h {
        for x in 0..w {
            prefix[x + 1] = prefix[x] + usize::from(strokes[y * w + x]);
        }
        for x in 0..w {
            let (lo, hi) = (x.saturating_sub(r), (x + r + 1).min(w));
            rows[y * w + x] = prefix[hi] - prefix[lo] >= need;
        }
    }
    let mut out = vec![false; w * h];
    for y in 1..h.saturating_sub(1) {
        for x in 0..w {
            let i = y * w + x;
            out[i] = rows[i] && (rows[i - w] || rows[i + w]);
        }
    }
    out
}

/// 4-connected components of `mask`: bounding box and pixel count.
fn components(mask: &[bool], w: usize, h: usize) -> Vec<(Rect, usize)> {
    let mut seen = vec![false; mask.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..mask.len() {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1, mut n) = (w, h, 0, 0, 0);
        while let Some(i) = stack.pop() {
            n += 1;
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            let neighbours = [
                (x > 0).then(|| i - 1),
                (x + 1 < w).then_some(i + 1),
                (y > 0).then(|| i - w),
                (y + 1 < h).then_some(i + w),
            ];
            for j in neighbours.into_iter().flatten() {
                if mask[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let rect = Rect {
            x: x0,
            y: y0,
            w: x1 + 1 - x0,
            h: y1 + 1 - y0,
        };
        out.push((rect, n));
    }
    out
}

/// `r` narrowed to its first and last columns holding a stroke pixel (the row window
/// reaches past the text on either side).
fn trimmed(r: Rect, strokes: &[bool], w: usize) -> Rect {
    let has = |x: usize| (r.y..r.y + r.h).any(|y| strokes[y * w + x]);
    let Some(x0) = (r.x..r.x + r.w).find(|&x| has(x)) else {
        return r;
    };
    let x1 = (r.x..r.x + r.w).rev().find(|&x| has(x)).unwrap_or(x0);
    Rect {
        x: x0,
        w: x1 + 1 - x0,
        ..r
    }
}

/// Boxes on one line (mostly overlapping rows, less than two heights apart) joined: the
/// words of a line with wide spaces between them.
fn joined(mut lines: Vec<Rect>) -> Vec<Rect> {
    lines.sort_by_key(|r| r.x);
    let mut out: Vec<Rect> = Vec::new();
    for r in lines {
        let near = out.iter_mut().find(|o| {
            let overlap = (o.y + o.h).min(r.y + r.h).saturating_sub(o.y.max(r.y));
            let gap = r.x.saturating_sub(o.x + o.w);
            overlap * 10 >= 6 * o.h.min(r.h) && gap <= 2 * o.h.max(r.h)
        });
        match near {
            Some(o) => *o = union(*o, r),
            None => out.push(r),
        }
    }
    out
}

fn union(a: Rect, b: Rect) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect {
        x,
        y,
        w: (a.x + a.w).max(b.x + b.w) - x,
        h: (a.y + a.h).max(b.y + b.h) - y,
    }
}

/// Lines (sorted top to bottom) less those in a stack of three or more: lines that overlap
/// horizontally, each within 2.5 line heights of the next.
fn unstacked(lines: Vec<Rect>) -> Vec<Rect> {
    let n = lines.len();
    let mut stack_of = vec![0usize; n];
    let mut group = 0;
    for i in 0..n {
        if i == 0 || !follows(&lines[i - 1], &lines[i]) {
            group += 1;
        }
        stack_of[i] = group;
    }
    lines
        .into_iter()
        .enumerate()
        .filter(|(i, _)| stack_of.iter().filter(|&&g| g == stack_of[*i]).count() < 3)
        .map(|(_, r)| r)
        .collect()
}

/// Whether `b` sits right under `a` in a block of text.
fn follows(a: &Rect, b: &Rect) -> bool {
    let h = a.h.max(b.h);
    let overlap = (a.x + a.w).min(b.x + b.w) > a.x.max(b.x);
    overlap && b.y < a.y + a.h + 3 * h / 2 + h
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grey picture with light "strokes" (vertical bars with dark gaps) in `boxes`.
    fn picture(w: usize, h: usize, boxes: &[Rect]) -> Luma {
        let mut data = vec![90u8; w * h];
        for b in boxes {
            for y in b.y..b.y + b.h {
                for x in b.x..b.x + b.w {
                    data[y * w + x] = if (x / 3) % 2 == 0 { 230 } else { 20 };
                }
            }
        }
        Luma {
            width: w,
            height: h,
            data,
        }
    }

    fn rect(x: usize, y: usize, w: usize, h: usize) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn finds_a_line_and_drops_a_stack() {
        let line = rect(300, 450, 360, 30);
        let found = find(&picture(960, 540, &[line]));
        assert_eq!(found.len(), 1);
        let f = found[0];
        assert!(f.x.abs_diff(300) <= 3 && f.y.abs_diff(450) <= 3, "{f:?}");
        assert!(f.w.abs_diff(360) <= 6 && f.h.abs_diff(30) <= 4, "{f:?}");
        // Words of one line join; a block of four lines is not a subtitle line.
        let words = [rect(300, 450, 100, 30), rect(440, 450, 100, 30)];
        assert_eq!(find(&picture(960, 540, &words)).len(), 1);
        let block: Vec<Rect> = (0..4).map(|k| rect(300, 60 + 60 * k, 360, 30)).collect();
        assert!(find(&picture(960, 540, &block)).is_empty());
        // Too tall for a line.
        assert!(find(&picture(960, 540, &[rect(300, 100, 360, 120)])).is_empty());
    }
}
