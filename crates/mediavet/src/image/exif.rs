//! EXIF fields of a photo, read with `kamadak-exif` from the APP1 payload.

use crate::charset::non_empty;
pub use crate::facts::image::{ExifFacts, Gps};
use ::exif::{Context, Field, In, Reader, Tag, Value};

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
        image_description: exif
            .get_field(Tag::ImageDescription, In::PRIMARY)
            .and_then(legacy_text),
        xp_title: exif.get_field(XP_TITLE, In::PRIMARY).and_then(utf16le),
        xp_comment: exif.get_field(XP_COMMENT, In::PRIMARY).and_then(utf16le),
        xp_subject: exif.get_field(XP_SUBJECT, In::PRIMARY).and_then(utf16le),
        user_comment: exif
            .get_field(Tag::UserComment, In::PRIMARY)
            .and_then(|f| user_comment(f, exif.little_endian())),
        orientation: exif
            .get_field(Tag::Orientation, In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|v| u16::try_from(v).ok())
            .filter(|v| (1..=8).contains(v)),
    };
    Ok((facts, damage))
}

/// Windows Explorer's tags in IFD0: UTF-16LE text stored as BYTE.
const XP_TITLE: Tag = Tag(Context::Tiff, 0x9c9b);
const XP_COMMENT: Tag = Tag(Context::Tiff, 0x9c9c);
const XP_SUBJECT: Tag = Tag(Context::Tiff, 0x9c9f);

/// An ASCII field that phones and Chinese software fill with UTF-8 or GBK.
fn legacy_text(f: &Field) -> Option<String> {
    let Value::Ascii(parts) = &f.value else {
        return None;
    };
    non_empty(&crate::charset::decode(parts.first()?).text)
}

/// An XP* field: UTF-16LE whatever the file's byte order.
fn utf16le(f: &Field) -> Option<String> {
    let bytes = match &f.value {
        Value::Byte(b) | Value::Undefined(b, _) => b,
        _ => return None,
    };
    non_empty(&crate::charset::with(encoding_rs::UTF_16LE, bytes).text)
}

/// UserComment: an 8-byte character-code prefix (`ASCII`, `UNICODE` — UTF-16 in the file's
/// byte order —, `JIS`, or zeros for undefined), then the text up to the first NUL, as
/// exiftool reads it. An unknown prefix marks binary data, not text.
fn user_comment(f: &Field, little_endian: bool) -> Option<String> {
    let Value::Undefined(bytes, _) = &f.value else {
        return None;
    };
    let (code, text) = (bytes.get(..8)?, bytes.get(8..)?);
    let until_nul = |t: &[u8]| t.iter().position(|&b| b == 0).map_or(t.len(), |n| n);
    let decoded = match code {
        b"UNICODE\0" => {
            let units = text.chunks_exact(2).position(|u| u == [0, 0]);
            let text = &text[..units.map_or(text.len() & !1, |n| 2 * n)];
            let encoding = if little_endian {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            crate::charset::with(encoding, text)
        }
        b"JIS\0\0\0\0\0" => crate::charset::with(encoding_rs::SHIFT_JIS, &text[..until_nul(text)]),
        b"ASCII\0\0\0" | [0, 0, 0, 0, 0, 0, 0, 0] => {
            crate::charset::decode(&text[..until_nul(text)])
        }
        _ => return None,
    };
    non_empty(&decoded.text)
}

/// The first string of an ASCII field, trimmed (`None` when empty); bytes that are not
/// UTF-8 are replaced. (A field may hold several NUL-separated strings; readers show the
/// first.)
fn ascii(f: &Field) -> Option<String> {
    let Value::Ascii(parts) = &f.value else {
        return None;
    };
    non_empty(&String::from_utf8_lossy(parts.first()?))
}
