//! EXIF fields of a photo, read with `kamadak-exif` from the APP1 payload.

use ::exif::{Field, In, Reader, Tag, Value};
use serde::Serialize;

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
    /// ImageDescription.
    pub image_description: Option<String>,
    /// Orientation (1–8).
    #[serde(skip)]
    pub orientation: Option<u16>,
}

/// An EXIF date-time (`2008:05:30 15:56:01`) with ISO date separators (`2008-05-30 15:56:01`).
pub fn iso_date(exif: &str) -> String {
    exif.char_indices()
        .map(|(i, c)| {
            if (i == 4 || i == 7) && c == ':' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// The fields of a TIFF/EXIF structure, and what was damaged in it: a broken IFD (the
/// corpus has bad next-IFD links, truncated values, pointers out of range) loses only its
/// own fields, as it does in exiftool.
pub fn read(raw: Vec<u8>) -> Result<(ExifFacts, Vec<String>), String> {
    let mut damage = Vec::new();
    let exif = Reader::new()
        .continue_on_error(true)
        .read_raw(raw)
        .or_else(|e| {
            e.distill_partial_result(|errors| {
                damage.extend(errors.into_iter().map(|e| e.to_string()));
            })
        })
        .map_err(|e| e.to_string())?;
    let text = |tag| exif.get_field(tag, In::PRIMARY).and_then(ascii);
    let date = text(Tag::DateTimeOriginal).map(|d| iso_date(&d));
    let gps = || -> Option<Gps> {
        let deg = |tag, reference, negative: u8| -> Option<f64> {
            let f = exif.get_field(tag, In::PRIMARY)?;
            // The standard says RATIONAL; some phones (Nokia) write SRATIONAL.
            let parts: Vec<f64> = match &f.value {
                Value::Rational(v) => v.iter().map(|r| r.to_f64()).collect(),
                Value::SRational(v) => v.iter().map(|r| r.to_f64()).collect(),
                _ => return None,
            };
            let value = parts.first()?
                + parts.get(1).unwrap_or(&0.0) / 60.0
                + parts.get(2).unwrap_or(&0.0) / 3600.0;
            let sign = match exif.get_field(reference, In::PRIMARY).and_then(ascii) {
                Some(s) if s.as_bytes().first() == Some(&negative) => -1.0,
                _ => 1.0,
            };
            value.is_finite().then_some(sign * value)
        };
        Some(Gps {
            latitude: deg(Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S')?,
            longitude: deg(Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W')?,
        })
    };
    let facts = ExifFacts {
        date_time_original: date,
        offset_time_original: text(Tag::OffsetTimeOriginal),
        make: text(Tag::Make),
        model: text(Tag::Model),
        software: text(Tag::Software),
        artist: text(Tag::Artist),
        copyright: text(Tag::Copyright),
        gps: gps(),
        image_description: text(Tag::ImageDescription),
        orientation: exif
            .get_field(Tag::Orientation, In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|v| u16::try_from(v).ok())
            .filter(|v| (1..=8).contains(v)),
    };
    Ok((facts, damage))
}

/// The first string of an ASCII field, trimmed (`None` when empty); bytes that are not
/// UTF-8 are replaced. (A field may hold several NUL-separated strings; readers show the
/// first.)
fn ascii(f: &Field) -> Option<String> {
    let Value::Ascii(parts) = &f.value else {
        return None;
    };
    let text = String::from_utf8_lossy(parts.first()?).trim().to_string();
    (!text.is_empty()).then_some(text)
}
