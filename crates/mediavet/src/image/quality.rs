//! JPEG quality estimated from the quantisation tables: the IJG (libjpeg) quality 1–100
//! whose scaled standard tables (ITU-T T.81 Annex K) come closest to the file's own.
//! Encoders built on libjpeg, libjpeg-turbo, ffmpeg, Photoshop's "save for web" and the
//! chat apps' recompressors use these tables, so for them the estimate is exact; a camera's
//! own tables get the nearest IJG quality. Written here because no maintained crate
//! estimates it (ImageMagick's `identify -format %Q` is the usual tool, and the test oracle).

pub use crate::facts::image::Quality;

/// Natural (row-major) position of each zig-zag index, as DQT segments store tables.
const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
    13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
    52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// Annex K.1 luminance table, in natural order.
const LUMA: [u16; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/// Annex K.2 chrominance table, in natural order.
const CHROMA: [u16; 64] = {
    let mut t = [99u16; 64];
    let head: [(usize, [u16; 4]); 4] = [
        (0, [17, 18, 24, 47]),
        (8, [18, 21, 26, 66]),
        (16, [24, 26, 56, 99]),
        (24, [47, 66, 99, 99]),
    ];
    let mut r = 0;
    while r < 4 {
        let (at, row) = head[r];
        let mut c = 0;
        while c < 4 {
            t[at + c] = row[c];
            c += 1;
        }
        r += 1;
    }
    t
};

/// The quality of tables 0 (luma) and 1 (chroma, when present), in zig-zag order as
/// stored. `None` without a luma table.
pub fn estimate(quant: &[Option<[u16; 64]>; 4]) -> Option<Quality> {
    let luma = quant[0].as_ref()?;
    let chroma = quant[1].as_ref();
    let (mut best, mut best_diff) = (1u8, u64::MAX);
    for q in 1..=100u8 {
        let diff = distance(luma, &LUMA, q) + chroma.map_or(0, |c| distance(c, &CHROMA, q));
        if diff <= best_diff {
            (best, best_diff) = (q, diff);
        }
    }
    Some(Quality {
        estimate: best,
        exact: best_diff == 0,
    })
}

/// Sum of absolute differences between `table` (zig-zag order) and the standard table
/// scaled to `q` as libjpeg's `jpeg_set_quality` scales it.
fn distance(table: &[u16; 64], standard: &[u16; 64], q: u8) -> u64 {
    let scale = if q < 50 {
        5000 / u32::from(q)
    } else {
        200 - 2 * u32::from(q)
    };
    table
        .iter()
        .zip(ZIGZAG)
        .map(|(&have, natural)| {
            let want = ((u32::from(standard[natural]) * scale + 50) / 100).clamp(1, 255);
            u64::from(u32::from(have).abs_diff(want))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table as `jpeg_set_quality` writes it, in zig-zag order.
    fn ijg(standard: &[u16; 64], q: u32) -> [u16; 64] {
        let scale = if q < 50 { 5000 / q } else { 200 - 2 * q };
        ZIGZAG.map(|n| ((u32::from(standard[n]) * scale + 50) / 100).clamp(1, 255) as u16)
    }

    #[test]
    fn recovers_ijg_quality() {
        for q in [10, 40, 50, 75, 90, 95] {
            let tables = [Some(ijg(&LUMA, q)), Some(ijg(&CHROMA, q)), None, None];
            let got = estimate(&tables).unwrap();
            assert_eq!((u32::from(got.estimate), got.exact), (q, true));
        }
        let mut odd = ijg(&LUMA, 80);
        odd[5] += 3;
        let got = estimate(&[Some(odd), None, None, None]).unwrap();
        assert_eq!((got.estimate, got.exact), (80, false));
        assert!(estimate(&[None, None, None, None]).is_none());
    }
}
