//! Thumbnails for the visual report: a grey picture the check already decoded (a video's
//! analysed frame, a photo's luma), shrunk to [`WIDTH`] pixels wide in its displayed
//! orientation and shape, as a small JPEG `data:` URL. The `image` crate shrinks
//! (area sampling), turns and encodes.

use crate::facts::Thumbnail;
use base64::Engine as _;
use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{imageops, DynamicImage, ExtendedColorType, ImageBuffer, ImageEncoder, Luma};

/// Width of a thumbnail, pixels (narrower pictures keep their width).
pub const WIDTH: u32 = 240;
/// Tallest thumbnail (a portrait photo), pixels.
const MAX_HEIGHT: u32 = 360;
/// JPEG quality: enough to see a logo, a few KB a picture.
const QUALITY: u8 = 60;

/// The thumbnail of grey picture `luma` (`width × height`, row-major), shown turned by
/// `orientation` and stretched to the shape of `display` (its displayed size; a video's
/// pixel aspect ratio), taken at `time_s`. `None` for an empty or short buffer.
pub fn grey(
    luma: &[u8],
    (width, height): (usize, usize),
    orientation: Orientation,
    display: (u32, u32),
    time_s: Option<f64>,
) -> Option<Thumbnail> {
    let (w, h) = (u32::try_from(width).ok()?, u32::try_from(height).ok()?);
    let pixels = luma.get(..width.checked_mul(height)?)?;
    let picture: ImageBuffer<Luma<u8>, &[u8]> = ImageBuffer::from_raw(w, h, pixels)?;
    let (dw, dh) = (f64::from(display.0.max(1)), f64::from(display.1.max(1)));
    let tw = WIDTH
        .min(display.0)
        .min(((f64::from(MAX_HEIGHT) * dw / dh) as u32).max(1));
    let th = ((f64::from(tw) * dh / dw).round() as u32).clamp(1, MAX_HEIGHT);
    if w == 0 || h == 0 || tw == 0 {
        return None;
    }
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (sw, sh) = if turned { (th, tw) } else { (tw, th) };
    let mut small = DynamicImage::ImageLuma8(imageops::thumbnail(&picture, sw, sh));
    small.apply_orientation(orientation);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
        .write_image(small.as_bytes(), tw, th, ExtendedColorType::L8)
        .ok()?;
    Some(Thumbnail {
        time_s,
        width: tw,
        height: th,
        jpeg: format!(
            "data:image/jpeg;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(&jpeg)
        ),
    })
}

/// The orientation of a video track turned `degrees` clockwise (0, 90, 180, 270).
pub fn rotation(degrees: u32) -> Orientation {
    match degrees {
        90 => Orientation::Rotate90,
        180 => Orientation::Rotate180,
        270 => Orientation::Rotate270,
        _ => Orientation::NoTransforms,
    }
}

/// The orientation EXIF value `value` (1–8) asks for; none for a missing or invalid one.
pub fn exif(value: Option<u16>) -> Orientation {
    value
        .and_then(|v| u8::try_from(v).ok())
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes a thumbnail back to its grey pixels.
    fn pixels(t: &Thumbnail) -> (u32, u32, Vec<u8>) {
        let b64 = t.jpeg.strip_prefix("data:image/jpeg;base64,").unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg)
            .unwrap()
            .to_luma8();
        (img.width(), img.height(), img.into_raw())
    }

    #[test]
    fn shrinks_to_the_displayed_shape_and_turns() {
        // 480×270, left half black, right half white.
        let (w, h) = (480usize, 270usize);
        let luma: Vec<u8> = (0..w * h)
            .map(|i| if i % w < w / 2 { 0 } else { 255 })
            .collect();
        let t = grey(
            &luma,
            (w, h),
            Orientation::NoTransforms,
            (1920, 1080),
            Some(1.5),
        )
        .unwrap();
        assert_eq!((t.width, t.height, t.time_s), (240, 135, Some(1.5)));
        let (tw, th, px) = pixels(&t);
        assert_eq!((tw, th), (240, 135));
        let row = &px[67 * 240..68 * 240];
        assert!(row[10] < 30 && row[230] > 225, "{} {}", row[10], row[230]);
        // Turned 90° clockwise (a phone video shown upright): the black half is on top.
        let t = grey(&luma, (w, h), rotation(90), (1080, 1920), None).unwrap();
        assert_eq!((t.width, t.height), (202, 359));
        let (_, _, px) = pixels(&t);
        assert!(px[10 * 202 + 100] < 30 && px[350 * 202 + 100] > 225);
        // Anamorphic 720×576 shown 1024×576: the thumbnail has the displayed shape.
        let t = grey(&luma, (w, h), exif(Some(1)), (1024, 576), None).unwrap();
        assert_eq!((t.width, t.height), (240, 135));
    }

    #[test]
    fn short_or_empty_pictures_give_none() {
        let o = Orientation::NoTransforms;
        assert!(grey(&[0; 10], (4, 4), o, (4, 4), None).is_none());
        assert!(grey(&[], (0, 0), o, (0, 0), None).is_none());
        assert!(grey(&[7; 4], (2, 2), exif(Some(9)), (2, 2), None).is_some_and(|t| t.width == 2));
    }
}
