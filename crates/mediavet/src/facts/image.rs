//! Photo facts: what the headers and metadata of an image say, and its measured clarity.

use crate::finding::Text;
use serde::Serialize;

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
    /// Progressive (rather than baseline) coding (JPEG).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progressive: Option<bool>,
    /// Colour components (1 grey, 3 YCbCr, 4 CMYK) (JPEG).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<u8>,
    /// JPEG quality estimated from the quantisation tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// An XMP packet is present.
    pub xmp: bool,
    /// EXIF fields, when the file carries EXIF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exif: Option<ExifFacts>,
    /// Captions and titles (metadata fields, then a sidecar text file), in that order.
    pub captions: Vec<Tagged>,
    /// Names of the author or rights holder in IPTC and XMP (EXIF's are in `exif`).
    pub creators: Vec<Tagged>,
    /// Clarity, when the picture was decoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sharpness: Option<Sharpness>,
    /// Perceptual fingerprint of the decoded picture (not for flat pictures).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<super::Fingerprint>,
    /// Why the picture was not decoded, when a rule needed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_decoded: Option<Text>,
    /// The height the frame header claims, when the picture data holds fewer rows
    /// (`height` is then the rows decoded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_height: Option<u32>,
}

/// The estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quality {
    /// IJG quality 1–100.
    pub estimate: u8,
    /// The tables are exactly the IJG tables at that quality.
    pub exact: bool,
}

/// The clarity measures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sharpness {
    /// Variance of the Laplacian over the whole working picture (8-bit luma units²).
    pub laplacian_variance: f64,
    /// Mean variance of the sharpest eighth of the tiles: what is in focus.
    pub focus: f64,
    /// Mean luma of the working picture (0–255): very dark pictures show little detail.
    pub mean_luma: f64,
    /// Working picture width.
    pub working_width: usize,
    /// Working picture height.
    pub working_height: usize,
}

/// A piece of text and where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tagged {
    /// Field or file it came from (`XMP dc:description`, `IPTC Caption-Abstract`,
    /// `EXIF ImageDescription`, `sidecar NAME.txt`, …).
    pub source: String,
    /// The text.
    pub text: String,
}

/// A GPS position in decimal degrees (south and west negative).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gps {
    /// Latitude.
    pub latitude: f64,
    /// Longitude.
    pub longitude: f64,
}

/// The EXIF fields the photo rules read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExifFacts {
    /// DateTimeOriginal as `YYYY-MM-DD HH:MM:SS` (camera local time).
    pub date_time_original: Option<String>,
    /// OffsetTimeOriginal (`+08:00`), when the camera wrote it.
    pub offset_time_original: Option<String>,
    /// Camera maker.
    pub make: Option<String>,
    /// Camera model.
    pub model: Option<String>,
    /// Software that wrote the file.
    pub software: Option<String>,
    /// Artist.
    pub artist: Option<String>,
    /// Copyright.
    pub copyright: Option<String>,
    /// GPS position, when complete.
    pub gps: Option<Gps>,
    /// ImageDescription (UTF-8 when valid, else the detected legacy encoding).
    pub image_description: Option<String>,
    /// XPTitle (Windows "Title", UTF-16).
    pub xp_title: Option<String>,
    /// XPComment (Windows "Comments", UTF-16).
    pub xp_comment: Option<String>,
    /// XPSubject (Windows "Subject", UTF-16).
    pub xp_subject: Option<String>,
    /// UserComment, in the character code its 8-byte prefix names.
    pub user_comment: Option<String>,
    /// Orientation (1–8).
    #[serde(skip)]
    pub orientation: Option<u16>,
}
