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
        let mut data = Vec::with_capacity(width * height);
        for row in 0..height {
            data.extend_from_slice(plane.get(row * stride..row * stride + width)?);
        }
        Some(Luma {
            width,
            height,
            data,
        })
    }

    /// Box-filtered copy no wider than `max_width` (aspect kept; never enlarged).
    pub fn downscaled(&self, max_width: usize) -> Luma {
        if self.width <= max_width || max_width == 0 {
            return self.clone();
        }
        self.shrunk(self.width.div_ceil(max_width))
    }

    /// Box-filtered copy `factor` times smaller in each direction (a copy for 0 or 1).
    pub fn shrunk(&self, factor: usize) -> Luma {
        if factor <= 1 {
            return self.clone();
        }
        let (w, h) = (self.width / factor, self.height / factor);
        let mut data = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                let mut sum = 0u32;
                for dy in 0..factor {
                    let row = &self.data[(y * factor + dy) * self.width + x * factor..][..factor];
                    sum += row.iter().map(|&p| u32::from(p)).sum::<u32>();
                }
                data.push((sum / (factor * factor) as u32) as u8);
            }
        }
        Luma {
            width: w,
            height: h,
            data,
        }
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
    }
}
