//! Perceptual fingerprints of pictures, for finding the same photo or video twice:
//! `image_hasher`'s 64-bit gradient hash of the luma, robust to resizing and
//! recompression (a resized, re-encoded copy stays within a few bits).

pub use crate::facts::Fingerprint;
use image_hasher::{HashAlg, HasherConfig};

/// Side of the picture the hash is taken from: the luma is first area-averaged to this
/// size (cheap, and what the hash would do anyway), then hashed.
const SIDE: usize = 32;

/// Pictures flatter than this standard deviation of luma (a black or grey frame) have no
/// fingerprint: every flat picture would match every other.
const MIN_STDDEV: f64 = 4.0;

/// The fingerprint of a `width × height` luma picture; `None` when it is flat or empty.
pub fn of_luma(luma: &[u8], width: usize, height: usize) -> Option<Fingerprint> {
    if width == 0 || height == 0 || luma.len() < width * height {
        return None;
    }
    let (ow, oh) = (SIDE.min(width), SIDE.min(height));
    let small = super::sharpness::area_resize(&luma[..width * height], width, height, ow, oh);
    let n = small.len() as f64;
    let mean = small.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let var = small
        .iter()
        .map(|&v| (f64::from(v) - mean).powi(2))
        .sum::<f64>()
        / n;
    if var.sqrt() < MIN_STDDEV {
        return None;
    }
    let pixels: Vec<u8> = small
        .iter()
        .map(|&v| v.round().clamp(0.0, 255.0) as u8)
        .collect();
    let img = image::GrayImage::from_raw(ow as u32, oh as u32, pixels)?;
    let hash = HasherConfig::new()
        .hash_alg(HashAlg::Gradient)
        .hash_size(8, 8)
        .to_hasher()
        .hash_image(&img);
    let bytes: [u8; 8] = hash.as_bytes().try_into().ok()?;
    Some(Fingerprint(u64::from_be_bytes(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scene(w: usize, h: usize) -> Vec<u8> {
        (0..w * h)
            .map(|i| {
                let (x, y) = ((i % w) as f64 / w as f64, (i / w) as f64 / h as f64);
                (128.0 + 100.0 * (x * 7.0).sin() * (y * 5.0).cos()) as u8
            })
            .collect()
    }

    #[test]
    fn a_resized_copy_stays_close_and_flat_pictures_have_none() {
        let a = of_luma(&scene(640, 480), 640, 480).expect("a fingerprint");
        let b = of_luma(&scene(320, 240), 320, 240).expect("a fingerprint");
        assert!(a.distance(b) <= 4, "distance {}", a.distance(b));
        let mut other = scene(640, 480);
        other.reverse();
        let c = of_luma(&other, 640, 480).expect("a fingerprint");
        assert!(a.distance(c) > 16, "distance {}", a.distance(c));
        assert_eq!(of_luma(&[16; 640 * 480], 640, 480), None);
        assert_eq!(of_luma(&[1, 2], 4, 4), None);
    }
}
