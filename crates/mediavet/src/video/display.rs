//! From analysis pixels to the displayed picture: scaled to the stored size, turned by the
//! track's rotation, stretched by its pixel aspect ratio.

use super::bars::Rect;

/// How analysis pixels map onto the displayed picture.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Size of the picture the rectangle is measured in.
    pub from: (usize, usize),
    /// Stored picture size.
    pub stored: (u32, u32),
    /// Clockwise rotation: 0, 90, 180 or 270.
    pub rotation: u32,
    /// Displayed size.
    pub display: (u32, u32),
}

impl Geometry {
    /// `r` in displayed pixels.
    pub fn to_display(self, r: Rect) -> Rect {
        let (fw, fh) = (self.from.0.max(1) as f64, self.from.1.max(1) as f64);
        let (sw, sh) = (f64::from(self.stored.0), f64::from(self.stored.1));
        let (kx, ky) = (sw / fw, sh / fh);
        let (x0, y0) = (r.x as f64 * kx, r.y as f64 * ky);
        let (x1, y1) = ((r.x + r.w) as f64 * kx, (r.y + r.h) as f64 * ky);
        let (rx0, ry0, rx1, ry1, rw, rh) = match self.rotation {
            90 => (sh - y1, x0, sh - y0, x1, sh, sw),
            180 => (sw - x1, sh - y1, sw - x0, sh - y0, sw, sh),
            270 => (y0, sw - x1, y1, sw - x0, sh, sw),
            _ => (x0, y0, x1, y1, sw, sh),
        };
        let (dx, dy) = (
            f64::from(self.display.0) / rw.max(1.0),
            f64::from(self.display.1) / rh.max(1.0),
        );
        let px = |v: f64| v.round().max(0.0) as usize;
        Rect {
            x: px(rx0 * dx),
            y: px(ry0 * dy),
            w: px((rx1 - rx0) * dx),
            h: px((ry1 - ry0) * dy),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_and_rotates() {
        let r = Rect {
            x: 10,
            y: 5,
            w: 20,
            h: 10,
        };
        let g = Geometry {
            from: (480, 270),
            stored: (1920, 1080),
            rotation: 0,
            display: (1920, 1080),
        };
        assert_eq!(
            g.to_display(r),
            Rect {
                x: 40,
                y: 20,
                w: 80,
                h: 40
            }
        );
        // A phone video stored 1920×1080 and shown turned 90° clockwise (1080×1920).
        let g = Geometry {
            rotation: 90,
            display: (1080, 1920),
            ..g
        };
        assert_eq!(
            g.to_display(r),
            Rect {
                x: 1020,
                y: 40,
                w: 40,
                h: 80
            }
        );
    }
}
