//! 3GPP timed text (TS 26.245) as MP4/QuickTime tracks hold it (`tx3g`, ffmpeg's
//! mov_text): the sample entry's default style and font table, and each sample's text.
//!
//! Sample entry body after the 8-byte SampleEntry header: displayFlags (4),
//! horizontal and vertical justification (1 + 1; horizontal 1 = centred), background
//! colour (4), default text box (8), default StyleRecord (12: start, end, font id, face
//! flags, font size, colour), then an `ftab` box of (font id, name). The format has no
//! shadow. A sample is a 16-bit length, the text (UTF-8, or UTF-16 with a BOM) and
//! modifier boxes, which are not read.

use super::{Format, Style, SubtitleFacts};
use crate::isobmff::SubtitleSource;
use std::io::{Read, Seek, SeekFrom};

/// Largest sample read (a tx3g sample's length field is 16 bits, plus modifiers).
const MAX_SAMPLE: u32 = 1 << 17;
/// Most bytes of samples read from one track.
const MAX_TRACK_BYTES: u64 = 8 << 20;

/// Reads a tx3g track's style and cues from `r`. Other subtitle codecs are listed with
/// no cues and an error saying they are not read.
pub fn read_track<R: Read + Seek>(r: &mut R, src: &SubtitleSource) -> SubtitleFacts {
    let mut facts = SubtitleFacts::new(format!("track {}", src.track_id), Format::Tx3g, None);
    let Some(entry) = src.entry.as_deref() else {
        facts.error(0, format!("{} subtitle tracks are not read", src.codec));
        return facts;
    };
    facts.styles.extend(style(entry));
    let Some(samples) = &src.samples else {
        facts.error(0, "the track's samples cannot be placed (fragmented file)");
        return facts;
    };
    let mut read = 0u64;
    let mut buf = Vec::new();
    for (i, &(offset, size, start)) in samples.iter().enumerate() {
        let number = i + 1;
        if size > MAX_SAMPLE || read + u64::from(size) > MAX_TRACK_BYTES {
            facts.error(
                number,
                format!("sample of {size} bytes not read (over the limits)"),
            );
            break;
        }
        read += u64::from(size);
        buf.resize(size as usize, 0);
        if r.seek(SeekFrom::Start(offset))
            .and_then(|_| r.read_exact(&mut buf))
            .is_err()
        {
            facts.error(number, "sample lies past the end of the file");
            break;
        }
        let end = samples.get(i + 1).map_or(start, |s| s.2);
        match sample_text(&buf) {
            Some(t) if t.trim().is_empty() => {}
            Some(t) => {
                facts.cue(&t, start, end);
                if let Some(s) = facts.styles.first_mut() {
                    s.cues += 1;
                }
            }
            None => facts.error(number, "text length runs past the sample"),
        }
    }
    facts
}

/// The default style of a tx3g sample entry body (`None` when too short to hold one).
pub fn style(entry: &[u8]) -> Option<Style> {
    let justify = *entry.get(12)? as i8;
    let record = entry.get(26..38)?;
    let font_id = u16::from_be_bytes([record[4], record[5]]);
    let size = record[7];
    let font = entry.get(38..).and_then(|rest| font_name(rest, font_id));
    Some(Style {
        name: "default".into(),
        font,
        size: Some(f64::from(size)),
        centred: Some(justify == 1),
        shadow: None,
        cues: 0,
    })
}

/// The name of font `id` in an `ftab` box at the start of `b`.
fn font_name(b: &[u8], id: u16) -> Option<String> {
    let size = u32::from_be_bytes(b.get(0..4)?.try_into().ok()?) as usize;
    if b.get(4..8)? != b"ftab" {
        return None;
    }
    let body = b.get(8..size.min(b.len()))?;
    let count = u16::from_be_bytes([*body.first()?, *body.get(1)?]);
    let mut pos = 2;
    for _ in 0..count {
        let fid = u16::from_be_bytes([*body.get(pos)?, *body.get(pos + 1)?]);
        let len = usize::from(*body.get(pos + 2)?);
        let name = body.get(pos + 3..pos + 3 + len)?;
        if fid == id {
            return Some(crate::charset::decode(name).text);
        }
        pos += 3 + len;
    }
    None
}

/// The text of one sample (empty samples clear the screen and give `Some("")`).
pub fn sample_text(sample: &[u8]) -> Option<String> {
    let len = usize::from(u16::from_be_bytes([*sample.first()?, *sample.get(1)?]));
    let text = sample.get(2..2 + len)?;
    Some(match text {
        [0xFE, 0xFF, rest @ ..] => encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into_owned(),
        [0xFF, 0xFE, rest @ ..] => encoding_rs::UTF_16LE
            .decode_without_bom_handling(rest)
            .0
            .into_owned(),
        _ => String::from_utf8_lossy(text).into_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_style_and_samples() {
        let mut e = vec![0u8; 6];
        e.extend([0, 1]); // data reference index
        e.extend([0, 0, 0, 0, 1, 0xFF]); // flags, centred, bottom
        e.extend([0; 4]); // background
        e.extend([0; 8]); // text box
        e.extend([0, 0, 0, 0, 0, 1, 0, 60, 0xFF, 0xFF, 0xFF, 0xFF]); // style: font 1, 60 px
        let name = "黑体".as_bytes();
        let ftab_len = 8 + 2 + 3 + name.len();
        e.extend((ftab_len as u32).to_be_bytes());
        e.extend(b"ftab");
        e.extend([0, 1, 0, 1, name.len() as u8]);
        e.extend(name);
        let s = style(&e).unwrap();
        assert_eq!(
            (s.font.as_deref(), s.size, s.centred, s.shadow),
            (Some("黑体"), Some(60.0), Some(true), None)
        );
        assert_eq!(
            sample_text(b"\x00\x06\xe4\xbd\xa0\xe5\xa5\xbd").as_deref(),
            Some("你好")
        );
        assert_eq!(sample_text(b"\x00\x00").as_deref(), Some(""));
        assert_eq!(sample_text(b"\x00\x09ab"), None);
    }
}
