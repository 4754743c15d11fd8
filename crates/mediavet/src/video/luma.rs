//! Grey pictures (the luma plane) and the downscaling that keeps analysis cheap.

/// An 8-bit luma picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Luma {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major samples, `width × height`.
    pub data: Vec<u8>,
}

impl Luma {
    /// Copies a plane with row stride `stride` (the decoder's padding dropped).
    pub fn from_plane(plane: &[u8], width: usize, height: usize, stride: usize) -> Option<Luma> {
        Luma::shrunk_plane(plane, (width, height, stride), 1)
    }

    /// A plane with row stride `stride`, box-filtered no wider than `max_width` (0: full
    /// size), read straight from the decoder's buffer without a full-size copy first.
    pub fn from_plane_downscaled(
        plane: &[u8],
        (width, height, stride): (usize, usize, usize),
        max_width: usize,
    ) -> Option<Luma> {
        Luma::shrunk_plane(plane, (width, height, stride), factor(width, max_width))
    }

    /// Box-filtered copy no wider than `max_width` (aspect kept; never enlarged).
    pub fn downscaled(&self, max_width: usize) -> Luma {
        self.shrunk(factor(self.width, max_width))
    }

    /// Box-filtered copy `factor` times smaller in each direction (a copy for 0 or 1).
    pub fn shrunk(&self, factor: usize) -> Luma {
        let size = (self.width, self.height, self.width);
        Luma::shrunk_plane(&self.data, size, factor).unwrap_or_else(|| self.clone())
    }

    /// `plane` (`width × height`, rows `stride` apart) averaged over `factor × factor`
    /// blocks (remainders dropped, sums truncated); `None` when the plane is too short.
    fn shrunk_plane(
        plane: &[u8],
        (width, height, stride): (usize, usize, usize),
        factor: usize,
    ) -> Option<Luma> {
        let f = factor.max(1);
        let (w, h) = (width / f, height / f);
        if h > 0 && plane.len() < (h * f - 1) * stride + w * f {
            return None;
        }
        let mut data = Vec::with_capacity(w * h);
        let mut sums = vec![0u32; w];
        for y in 0..h {
            if f == 1 {
                // A copy without the stride (the full-size picture text is cut from).
                data.extend_from_slice(&plane[y * stride..][..w]);
                continue;
            }
            if f == 2 {
                // Blocks of two (1080p to 960 wide, 960 to 480): the rows read pairwise
                // in one loop the compiler vectorises.
                let (a, b) = (
                    &plane[2 * y * stride..][..2 * w],
                    &plane[(2 * y + 1) * stride..][..2 * w],
                );
                data.extend(a.chunks_exact(2).zip(b.chunks_exact(2)).map(|(a, b)| {
                    let s = u16::from(a[0]) + u16::from(a[1]) + u16::from(b[0]) + u16::from(b[1]);
                    (s / 4) as u8
                }));
                continue;
            }
            sums.fill(0);
            for dy in 0..f {
                let row = &plane[(y * f + dy) * stride..][..w * f];
                for (s, block) in sums.iter_mut().zip(row.chunks_exact(f)) {
                    *s += block.iter().map(|&p| u32::from(p)).sum::<u32>();
                }
            }
            let area = (f * f) as u32;
            data.extend(sums.iter().map(|&s| (s / area) as u8));
        }
        Some(Luma {
            width: w,
            height: h,
            data,
        })
    }
}

/// The block size that brings `width` to at most `max_width` (1: unchanged, for 0 too).
fn factor(width: usize, max_width: usize) -> usize {
    if max_width == 0 || width <= max_width {
        1
    } else {
        width.div_ceil(max_width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_stride_and_averages_blocks() {
        let plane = [10, 20, 99, 30, 40, 99];
        let l = Luma::from_plane(&plane, 2, 2, 3).unwrap();
        assert_eq!(l.data, [10, 20, 30, 40]);
        assert_eq!(l.downscaled(1).data, [25]);
        assert_eq!(l.shrunk(2).data, [25]);
        assert_eq!(l.shrunk(1), l);
        assert!(Luma::from_plane(&plane, 2, 3, 3).is_none());
        let down = Luma::from_plane_downscaled(&plane, (2, 2, 3), 1).unwrap();
        assert_eq!(down, l.downscaled(1));
    }

    #[test]
    fn shrinks_like_block_averages() {
        // 7×5 with a stride of 9, shrunk by 2 and by 3: each output the truncated mean of
        // its block, the remainders dropped.
        let plane: Vec<u8> = (0..45).map(|i| (i * 37 % 256) as u8).collect();
        let full = Luma::from_plane(&plane, 7, 5, 9).unwrap();
        for f in [2, 3] {
            let got = full.shrunk(f);
            assert_eq!((got.width, got.height), (7 / f, 5 / f));
            for y in 0..got.height {
                for x in 0..got.width {
                    let sum: u32 = (0..f * f)
                        .map(|k| u32::from(full.data[(y * f + k / f) * 7 + x * f + k % f]))
                        .sum();
                    assert_eq!(u32::from(got.data[y * got.width + x]), sum / (f * f) as u32);
                }
            }
            // No wider than 4 (or 3) takes blocks of 2 (or 3), straight from the plane.
            let direct = Luma::from_plane_downscaled(&plane, (7, 5, 9), 7usize.div_ceil(f));
            assert_eq!(direct, Some(got));
        }
    }
}
