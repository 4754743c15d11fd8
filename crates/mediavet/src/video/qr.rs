//! QR codes in a frame, found and read with `rqrr` (pure Rust, a port of quirc). rqrr is
//! known to panic on some degenerate finder-pattern groups (WanzenBug/rqrr#54), so a
//! panic is caught and the frame counts as having no readable code.

use super::bars::Rect;
use super::luma::Luma;

/// One QR code read in a frame (analysis pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Qr {
    /// Bounding box of its four corners.
    pub rect: Rect,
    /// The decoded text, or `None` when the grid was found but did not decode.
    pub content: Option<String>,
}

/// The QR codes in `l`.
pub fn find(l: &Luma) -> Vec<Qr> {
    std::panic::catch_unwind(|| {
        let mut img = match threshold(l) {
            Some(dark) => rqrr::PreparedImage::prepare_from_bitmap(l.width, l.height, |x, y| {
                dark[y * l.width + x]
            }),
            None => rqrr::PreparedImage::prepare_from_greyscale(l.width, l.height, |x, y| {
                l.data[y * l.width + x]
            }),
        };
        img.detect_grids()
            .into_iter()
            .map(|g| {
                let xs = g.bounds.iter().map(|p| p.x.max(0) as usize);
                let ys = g.bounds.iter().map(|p| p.y.max(0) as usize);
                let (x0, x1) = (xs.clone().min().unwrap_or(0), xs.max().unwrap_or(0));
                let (y0, y1) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
                Qr {
                    rect: Rect {
                        x: x0,
                        y: y0,
                        w: x1.saturating_sub(x0) + 1,
                        h: y1.saturating_sub(y0) + 1,
                    },
                    content: g.decode().ok().map(|(_, text)| text),
                }
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The dark pixels of `l` by rqrr's own adaptive threshold (quirc's: running averages over
/// an eighth of the width, back and forth along each row, carried from row to row; dark
/// below 95 % of their mean) — the same integers without rqrr's three run-time divisions
/// a pixel (rqrr offers no other threshold; its bitmap entry takes ours): a 960×540
/// frame's preparation takes 2.8 ms instead of 3.5 ms. `None` for pictures 32 768 or more
/// pixels wide, where the multiply-shift below could round differently.
fn threshold(l: &Luma) -> Option<Vec<bool>> {
    let w = l.width;
    let s = u64::try_from((w / 8).max(1)).ok()?;
    // avg·(s − 1)/s rounded down is avg − ⌈avg/s⌉, and ⌈avg/s⌉ = ⌊(avg + s − 1)·m / 2³²⌋
    // with m = ⌈2³²/s⌉, exactly while avg + s − 1 < 2³²/s: a running average stays
    // below 255·s, so for s < 4096.
    if s >= 4096 {
        return None;
    }
    if w == 0 {
        return Some(Vec::new());
    }
    let m = (1u64 << 32).div_ceil(s);
    let mut dark = vec![false; l.data.len()];
    let mut sums = vec![0u64; w];
    let (mut avg_v, mut avg_u) = (0u64, 0u64);
    let step = |avg: u64, p: u8| avg - (((avg + s - 1) * m) >> 32) + u64::from(p);
    for (y, (row, out)) in l
        .data
        .chunks_exact(w)
        .zip(dark.chunks_exact_mut(w))
        .enumerate()
    {
        // rqrr's `v` runs right to left on even rows, `u` left to right; odd rows swap.
        // The two averages are independent: stepped side by side, as rqrr does.
        let (backward, forward) = if y % 2 == 0 {
            (&mut avg_v, &mut avg_u)
        } else {
            (&mut avg_u, &mut avg_v)
        };
        sums.fill(0);
        for (x, &p) in row.iter().enumerate() {
            let back = w - 1 - x;
            *forward = step(*forward, p);
            *backward = step(*backward, row[back]);
            sums[x] += *forward;
            sums[back] += *backward;
        }
        // p < sum·95 / (200·s), without the division: (p + 1)·200·s ≤ sum·95.
        for ((d, &p), &sum) in out.iter_mut().zip(row).zip(&sums) {
            *d = (u64::from(p) + 1) * 200 * s <= sum * 95;
        }
    }
    Some(dark)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// rqrr's own threshold of `l`, pixel by pixel (true: dark).
    fn rqrr_dark(l: &Luma) -> Vec<bool> {
        let img = rqrr::PreparedImage::prepare_from_greyscale(l.width, l.height, |x, y| {
            l.data[y * l.width + x]
        });
        (0..l.height)
            .flat_map(|y| (0..l.width).map(move |x| (x, y)))
            .map(|(x, y)| format!("{:?}", img.get_pixel_at(x, y)) == "Black")
            .collect()
    }

    #[test]
    fn the_threshold_is_rqrrs_own() {
        let mut seed = 0x2545_f491_u32;
        let mut noise = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for (w, h) in [
            (0, 3),
            (1, 1),
            (7, 3),
            (8, 9),
            (17, 5),
            (250, 40),
            (960, 24),
        ] {
            let data = (0..w * h)
                .map(|i| {
                    // Gradients, blocks and noise: every branch of the threshold.
                    let (x, y) = (i % w, i / w);
                    let block = if (x / 5 + y / 3) % 2 == 0 { 200 } else { 30 };
                    (block + (noise() % 40) as usize + x % 17) as u8
                })
                .collect();
            let l = Luma {
                width: w,
                height: h,
                data,
            };
            assert_eq!(threshold(&l), Some(rqrr_dark(&l)), "{w}×{h}");
        }
        let flat = |v: u8| Luma {
            width: 64,
            height: 4,
            data: vec![v; 256],
        };
        for v in [0, 128, 255] {
            assert_eq!(threshold(&flat(v)), Some(rqrr_dark(&flat(v))));
        }
    }

    #[test]
    fn a_picture_too_wide_for_the_sums_takes_rqrrs_threshold() {
        let l = Luma {
            width: 40_000,
            height: 1,
            data: vec![90; 40_000],
        };
        assert_eq!(threshold(&l), None);
        assert!(find(&l).is_empty());
    }
}
