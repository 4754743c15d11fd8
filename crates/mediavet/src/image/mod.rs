//! Photos: what a JPEG's headers say (size, coding, EXIF) without decoding its picture.

mod exif;
mod jpeg;

pub use exif::{iso_date, ExifFacts, Gps};
pub use jpeg::{read_headers, JpegHeaders};

use crate::facts::Problem;
use serde::Serialize;
use std::io::Read;

/// Image facts.
#[derive(Debug, Clone, Serialize)]
pub struct ImageFacts {
    /// Stored width in pixels (from the frame header).
    pub width: u32,
    /// Stored height in pixels.
    pub height: u32,
    /// EXIF orientation (1–8), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orientation: Option<u16>,
    /// Width as displayed (orientations 5–8 turn the picture by 90°).
    pub display_width: u32,
    /// Height as displayed.
    pub display_height: u32,
    /// Megapixels (width × height ÷ 10⁶).
    pub megapixels: f64,
    /// Progressive (rather than baseline) coding.
    pub progressive: bool,
    /// Colour components (1 grey, 3 YCbCr, 4 CMYK).
    pub components: u8,
    /// An XMP packet is present.
    pub xmp: bool,
    /// EXIF fields, when the file carries EXIF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exif: Option<ExifFacts>,
}

/// The facts of a JPEG read from `r` (positioned at its start); damage goes to `problems`.
pub fn probe_jpeg<R: Read>(r: &mut R, problems: &mut Vec<Problem>) -> Option<ImageFacts> {
    let headers = match read_headers(r) {
        Ok(h) => h,
        Err(e) => {
            problems.push(Problem::new(
                true,
                Some(e.offset),
                format!("JPEG headers unreadable: {}", e.why),
                format!("JPEG 文件头无法读取：{}", e.why),
            ));
            return None;
        }
    };
    let exif = headers.exif.and_then(|raw| match exif::read(raw) {
        Ok((f, damage)) => {
            if let Some(first) = damage.first() {
                problems.push(Problem::new(
                    false,
                    None,
                    format!("EXIF partly damaged ({first}); the rest was read"),
                    format!("EXIF 部分损坏（{first}），其余部分已读取"),
                ));
            }
            Some(f)
        }
        Err(e) => {
            problems.push(Problem::new(
                false,
                None,
                format!("EXIF unreadable, skipped: {e}"),
                format!("EXIF 信息无法读取，已跳过：{e}"),
            ));
            None
        }
    });
    let orientation = exif.as_ref().and_then(|e| e.orientation);
    let turned = matches!(orientation, Some(5..=8));
    let (w, h) = (u32::from(headers.width), u32::from(headers.height));
    Some(ImageFacts {
        width: w,
        height: h,
        orientation,
        display_width: if turned { h } else { w },
        display_height: if turned { w } else { h },
        megapixels: f64::from(w) * f64::from(h) / 1e6,
        progressive: headers.progressive,
        components: headers.components,
        xmp: headers.xmp.is_some(),
        exif,
    })
}
