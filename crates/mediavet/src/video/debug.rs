//! `--debug-frames`: the analysed grey frames and the persistence map, with the marks
//! found drawn as boxes, written as PNG so a person can see why a file was flagged.

use super::bars::Rect;
use super::frames::Frame;
use super::luma::Luma;
use super::watermark::Scan;
use std::path::Path;

/// Writes `frame_NN_T.Ts.png` for each frame and `persistence.png` into `dir` (created).
pub fn write(dir: &Path, frames: &[Frame], scan: &Scan) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let boxes: Vec<Rect> = scan.found.iter().map(|f| f.rect).collect();
    for (i, f) in frames.iter().enumerate() {
        let mut l = f.luma.clone();
        draw(&mut l, &boxes);
        png(&dir.join(format!("frame_{i:02}_{:.2}s.png", f.time_s)), &l)?;
    }
    if let Some(m) = &scan.maps {
        // Bright where an edge is both present and coherent: what stays put.
        let data = m
            .presence
            .iter()
            .zip(&m.coherence)
            .map(|(p, c)| (p * c * 255.0).clamp(0.0, 255.0) as u8)
            .collect();
        let mut l = Luma {
            width: m.width,
            height: m.height,
            data,
        };
        draw(&mut l, &boxes);
        png(&dir.join("persistence.png"), &l)?;
    }
    Ok(())
}

/// Draws each box as a white line with a black line inside it (visible on any picture).
fn draw(l: &mut Luma, boxes: &[Rect]) {
    for r in boxes {
        for (inset, value) in [(0, 255u8), (1, 0u8)] {
            let (x0, y0) = (r.x + inset, r.y + inset);
            let (x1, y1) = (
                (r.x + r.w).saturating_sub(1 + inset),
                (r.y + r.h).saturating_sub(1 + inset),
            );
            if x1 < x0 || y1 < y0 || x1 >= l.width || y1 >= l.height {
                continue;
            }
            for x in x0..=x1 {
                l.data[y0 * l.width + x] = value;
                l.data[y1 * l.width + x] = value;
            }
            for y in y0..=y1 {
                l.data[y * l.width + x0] = value;
                l.data[y * l.width + x1] = value;
            }
        }
    }
}

fn png(path: &Path, l: &Luma) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut enc = ::png::Encoder::new(
        std::io::BufWriter::new(file),
        l.width as u32,
        l.height as u32,
    );
    enc.set_color(::png::ColorType::Grayscale);
    enc.set_depth(::png::BitDepth::Eight);
    enc.write_header()
        .and_then(|mut w| w.write_image_data(&l.data))
        .map_err(|e| format!("{}: {e}", path.display()))
}
