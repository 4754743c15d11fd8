//! Text detection over a whole picture: PP-OCRv4's DB model gives each pixel a probability
//! of being text; pixels over 0.3 form regions, each kept when its mean probability is
//! 0.5 or more and grown as PaddleOCR's "unclip" grows it (by area × 1.6 / perimeter).
//! Regions are taken as upright boxes: on-screen text in videos is horizontal.

use super::Picture;
use std::sync::Arc;
use tract_onnx::prelude::*;

/// Model input size, multiples of 32: a 16:9 frame is scaled to 626×352. One size only
/// (preparing the model for another costs a few tenths of a second); other shapes are
/// scaled to fit and padded. At 960×544 a frame took 0.6 s on one core, here 0.25 s; the
/// evaluation's 44-pixel adverts (at 1080p, 14 px here) are found at either size.
const WIDTH: usize = 640;
const HEIGHT: usize = 352;
/// Probability over which a pixel is text.
const PIXEL: f32 = 0.3;
/// Least mean probability of a region.
const REGION: f32 = 0.5;
/// How far a region is grown: its area × this ÷ its perimeter.
const UNCLIP: f32 = 1.6;

/// A text box found in a picture, in the picture's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: usize,
    /// Width.
    pub w: usize,
    /// Height.
    pub h: usize,
    /// Mean text probability of the region.
    pub score: f32,
}

/// The detection model ready to run.
pub struct Detector {
    plan: Arc<TypedRunnableModel>,
}

impl Detector {
    /// Loads the model from its ONNX bytes.
    pub fn load(bytes: &[u8]) -> Result<Detector, String> {
        let plan = tract_onnx::onnx()
            .model_for_read(&mut &bytes[..])
            .and_then(|mut m| {
                m.set_input_fact(0, f32::fact([1, 3, HEIGHT, WIDTH]).into())?;
                super::runnable(m)
            })
            .map_err(|e| format!("detection model: {e}"))?;
        Ok(Detector { plan })
    }

    /// The text boxes of `p`.
    pub fn boxes(&self, p: &Picture) -> Result<Vec<TextBox>, String> {
        if p.width == 0 || p.height == 0 {
            return Ok(Vec::new());
        }
        let scale = (WIDTH as f32 / p.width as f32).min(HEIGHT as f32 / p.height as f32);
        let (sw, sh) = (
            ((p.width as f32 * scale) as usize).clamp(1, WIDTH),
            ((p.height as f32 * scale) as usize).clamp(1, HEIGHT),
        );
        let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, HEIGHT, WIDTH));
        for y in 0..sh {
            let py = ((y as f32 + 0.5) / scale) as usize;
            for x in 0..sw {
                let px = ((x as f32 + 0.5) / scale) as usize;
                let v = p.data[py.min(p.height - 1) * p.width + px.min(p.width - 1)];
                let v = (f32::from(v) / 255.0 - 0.5) / 0.5;
                for c in 0..3 {
                    input[[0, c, y, x]] = v;
                }
            }
        }
        let out = self
            .plan
            .run(tvec!(input.into_tensor().into()))
            .map_err(|e| format!("detection: {e}"))?;
        let map = out
            .first()
            .ok_or("detection: no output")?
            .to_plain_array_view::<f32>()
            .map_err(|e| format!("detection: {e}"))?;
        if map.shape() != [1, 1, HEIGHT, WIDTH] {
            return Err(format!("detection: output of shape {:?}", map.shape()));
        }
        let prob: Vec<f32> = map.iter().copied().collect();
        Ok(regions(&prob, sw, sh)
            .into_iter()
            .map(|b| TextBox {
                x: (b.x as f32 / scale) as usize,
                y: (b.y as f32 / scale) as usize,
                w: ((b.w as f32 / scale) as usize).min(p.width),
                h: ((b.h as f32 / scale) as usize).min(p.height),
                score: b.score,
            })
            .collect())
    }
}

/// Regions of the probability map (row-major, `WIDTH` wide) inside `w × h`: pixels over
/// [`PIXEL`], dilated by one (PaddleOCR's 2×2 dilation), 4-connected, kept by mean
/// probability and grown.
fn regions(prob: &[f32], w: usize, h: usize) -> Vec<TextBox> {
    let at = |x: usize, y: usize| prob[y * WIDTH + x];
    let mut mask = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            mask[y * w + x] = at(x, y) > PIXEL
                || (x > 0 && at(x - 1, y) > PIXEL)
                || (y > 0 && at(x, y - 1) > PIXEL)
                || (x > 0 && y > 0 && at(x - 1, y - 1) > PIXEL);
        }
    }
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !mask[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            let mut visit = |j: usize| {
                if mask[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        let (bw, bh) = (x1 + 1 - x0, y1 + 1 - y0);
        if bw.min(bh) < 3 {
            continue;
        }
        let mut sum = 0.0;
        for y in y0..=y1 {
            for x in x0..=x1 {
                sum += at(x, y);
            }
        }
        let score = sum / (bw * bh) as f32;
        if score < REGION {
            continue;
        }
        let grow = ((bw * bh) as f32 * UNCLIP / (2 * (bw + bh)) as f32).round() as usize;
        let (gx, gy) = (x0.saturating_sub(grow), y0.saturating_sub(grow));
        out.push(TextBox {
            x: gx,
            y: gy,
            w: (x1 + 1 + grow).min(w) - gx,
            h: (y1 + 1 + grow).min(h) - gy,
            score,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_scored_and_grown() {
        let mut prob = vec![0.0f32; WIDTH * HEIGHT];
        for y in 10..20 {
            for x in 100..160 {
                prob[y * WIDTH + x] = 0.9;
            }
        }
        let r = regions(&prob, 300, 40);
        assert_eq!(r.len(), 1);
        // Dilated to 61×11; grown by 61·11·1.6 / (2·72) ≈ 7.
        assert_eq!((r[0].x, r[0].y, r[0].w, r[0].h), (93, 3, 75, 25));
        assert!(r[0].score > 0.8);
    }
}
