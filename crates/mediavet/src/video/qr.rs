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
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(l.width, l.height, |x, y| {
            l.data[y * l.width + x]
        });
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
