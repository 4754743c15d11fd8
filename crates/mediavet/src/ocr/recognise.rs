//! Text-line recognition: a grey crop of one line, scaled to the model's 48-pixel height,
//! through PP-OCRv4's recogniser, decoded greedily (CTC: the most likely symbol per step,
//! repeats and blanks dropped). The model runs at the narrower of two input widths that
//! holds the scaled line (its time grows with the width: measured 31, 41, 59 ms on one
//! core at 320, 480, 640); lines wider than the wider are cut at the emptiest column
//! near each cut and read piece by piece.

use super::{Picture, Reading};
use std::sync::{Arc, OnceLock};
use tract_onnx::prelude::*;

/// Model input height.
const HEIGHT: usize = 48;
/// Model input widths, each prepared on first use (about 0.1 s: tract cannot leave the
/// width symbolic, the model reshapes by a computed shape). PaddleOCR pads a line to its
/// own width, 320 at least; narrower plans read the line set a little worse (606
/// characters: 74 wrong with 192/384/640, 68 with 384/640, 65 with 640 alone).
const WIDTHS: [usize; 2] = [384, 640];
/// The widest input.
const WIDTH: usize = WIDTHS[WIDTHS.len() - 1];

/// A plan for one input width, or why it could not be made.
type Plan = Result<Arc<TypedRunnableModel>, String>;

/// The recognition model, its plans by input width, and its symbols.
pub struct Recogniser {
    model: InferenceModel,
    plans: [OnceLock<Plan>; WIDTHS.len()],
    /// Symbol `k` of the output is `chars[k - 1]`; 0 is CTC's blank, the last a space.
    chars: Vec<String>,
}

impl Recogniser {
    /// Loads the model from its ONNX bytes; the symbol list is its `character` metadata.
    pub fn load(bytes: &[u8]) -> Result<Recogniser, String> {
        let onnx = tract_onnx::onnx();
        let proto = onnx
            .proto_model_for_read(&mut &bytes[..])
            .map_err(|e| format!("recognition model: {e}"))?;
        let chars: Vec<String> = proto
            .metadata_props
            .iter()
            .find(|p| p.key == "character")
            .map(|p| p.value.lines().map(str::to_string).collect())
            .unwrap_or_default();
        if chars.is_empty() {
            return Err("recognition model: no character list in its metadata".into());
        }
        let model = onnx
            .model_for_proto_model(&proto)
            .map_err(|e| format!("recognition model: {e}"))?;
        Ok(Recogniser {
            model,
            plans: Default::default(),
            chars,
        })
    }

    /// The plan for the narrowest input at least `width` wide (the widest for wider).
    fn plan(&self, width: usize) -> Result<(usize, &Arc<TypedRunnableModel>), String> {
        let k = WIDTHS
            .iter()
            .position(|&w| w >= width)
            .unwrap_or(WIDTHS.len() - 1);
        let plan = self.plans[k].get_or_init(|| {
            let mut m = self.model.clone();
            m.set_input_fact(0, f32::fact([1, 3, HEIGHT, WIDTHS[k]]).into())
                .and_then(|()| super::runnable(m))
                .map_err(|e| format!("recognition model at width {}: {e}", WIDTHS[k]))
        });
        plan.as_ref().map(|p| (WIDTHS[k], p)).map_err(Clone::clone)
    }

    /// Reads one line of text in `p`.
    pub fn read(&self, p: &Picture) -> Result<Reading, String> {
        if p.width == 0 || p.height == 0 {
            return Ok(Reading::default());
        }
        let scaled = (HEIGHT * p.width).div_ceil(p.height);
        let pieces = scaled.div_ceil(WIDTH - WIDTH / 16);
        let mut text = String::new();
        let mut probs = Vec::new();
        let mut from = 0;
        for k in 1..=pieces {
            let to = if k == pieces {
                p.width
            } else {
                cut_near(p, k * p.width / pieces)
            };
            self.read_piece(p, from, to, &mut text, &mut probs)?;
            from = to;
        }
        let confidence = if probs.is_empty() {
            0.0
        } else {
            probs.iter().sum::<f32>() / probs.len() as f32
        };
        Ok(Reading {
            text: text.trim_matches(|c: char| c.is_whitespace()).to_string(),
            confidence,
        })
    }

    /// Recognises columns `from..to` of `p`, appending symbols and their probabilities.
    fn read_piece(
        &self,
        p: &Picture,
        from: usize,
        to: usize,
        text: &mut String,
        probs: &mut Vec<f32>,
    ) -> Result<(), String> {
        let w = to.saturating_sub(from).max(1);
        let (width, plan) = self.plan((HEIGHT * w).div_ceil(p.height))?;
        let input = tensor(p, from, to, width);
        let out = plan
            .run(tvec!(input.into_tensor().into()))
            .map_err(|e| format!("recognition: {e}"))?;
        let view = out
            .first()
            .ok_or("recognition: no output")?
            .to_plain_array_view::<f32>()
            .map_err(|e| format!("recognition: {e}"))?;
        let shape = view.shape();
        if shape.len() != 3 {
            return Err(format!("recognition: output of shape {shape:?}"));
        }
        let mut last = 0;
        for step in 0..shape[1] {
            let (mut best, mut at) = (f32::MIN, 0);
            for k in 0..shape[2] {
                let v = view[[0, step, k]];
                if v > best {
                    (best, at) = (v, k);
                }
            }
            if at != 0 && at != last {
                text.push_str(self.chars.get(at - 1).map_or(" ", String::as_str));
                probs.push(best);
            }
            last = at;
        }
        Ok(())
    }
}

/// The model input of `width` for columns `from..to` of `p`: scaled (bilinear) to 48
/// pixels high, grey in all three channels, normalised to −1…1, padded on the right with
/// 0 (mid-grey), as PaddleOCR prepares it.
fn tensor(p: &Picture, from: usize, to: usize, width: usize) -> tract_ndarray::Array4<f32> {
    let w = to.saturating_sub(from).max(1);
    let tw = (HEIGHT * w).div_ceil(p.height).clamp(1, width);
    let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, HEIGHT, width));
    let sx = w as f32 / tw as f32;
    let sy = p.height as f32 / HEIGHT as f32;
    for y in 0..HEIGHT {
        let fy = ((y as f32 + 0.5) * sy - 0.5).max(0.0);
        let y0 = (fy as usize).min(p.height - 1);
        let y1 = (y0 + 1).min(p.height - 1);
        let dy = fy - y0 as f32;
        for x in 0..tw {
            let fx = ((x as f32 + 0.5) * sx - 0.5).max(0.0);
            let x0 = (from + fx as usize).min(p.width - 1);
            let x1 = (x0 + 1).min(to.max(from + 1).min(p.width) - 1);
            let dx = fx - fx.floor();
            let at = |x: usize, y: usize| f32::from(p.data[y * p.width + x]);
            let v = at(x0, y0) * (1.0 - dx) * (1.0 - dy)
                + at(x1, y0) * dx * (1.0 - dy)
                + at(x0, y1) * (1.0 - dx) * dy
                + at(x1, y1) * dx * dy;
            let v = (v / 255.0 - 0.5) / 0.5;
            for c in 0..3 {
                input[[0, c, y, x]] = v;
            }
        }
    }
    input
}

/// The column within one line height of `x` where the picture varies least (summed steps
/// to the pixel above and to the left): a gap between characters.
fn cut_near(p: &Picture, x: usize) -> usize {
    let reach = p.height.max(4);
    let lo = x.saturating_sub(reach).max(1);
    let hi = (x + reach).min(p.width.saturating_sub(1));
    (lo..hi)
        .min_by_key(|&c| {
            (1..p.height)
                .map(|y| {
                    let i = y * p.width + c;
                    u32::from(p.data[i].abs_diff(p.data[i - p.width]))
                        + u32::from(p.data[i].abs_diff(p.data[i - 1]))
                })
                .sum::<u32>()
        })
        .unwrap_or(x)
}
