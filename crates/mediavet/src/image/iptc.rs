//! IPTC-IIM text (caption, headline, by-line, copyright) from the Photoshop image
//! resources of an APP13 segment. Each dataset is decoded in the character set record 1
//! declares (`ESC % G` is UTF-8); undeclared text is UTF-8 when valid, else the legacy
//! encoding [`crate::charset`] detects (Chinese software writes GBK). Written here because
//! no maintained Rust crate reads IIM from a JPEG without decoding it.

use crate::charset;

/// Photoshop image resource holding IPTC-IIM.
const IPTC_RESOURCE: u16 = 0x0404;
/// Record 1 dataset 90: coded character set.
const CHARSET: (u8, u8) = (1, 90);
const UTF8_ESCAPE: &[u8] = b"\x1b%G";

/// The datasets the photo rules read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IptcText {
    /// 2:120 Caption/Abstract.
    pub caption: Option<String>,
    /// 2:105 Headline.
    pub headline: Option<String>,
    /// 2:80 By-line (author).
    pub by_line: Option<String>,
    /// 2:116 Copyright notice.
    pub copyright: Option<String>,
    /// Encoding the text was read in, when there was text.
    pub encoding: Option<&'static str>,
}

/// Reads the IPTC datasets of Photoshop image resources (the APP13 payload after
/// `Photoshop 3.0\0`). Resources or datasets cut short end the walk; what was read is kept.
pub fn read(resources: &[u8]) -> IptcText {
    let mut out = IptcText::default();
    if let Some(iim) = resource(resources, IPTC_RESOURCE) {
        let datasets = datasets(iim);
        let utf8 = datasets
            .iter()
            .any(|(tag, v)| *tag == CHARSET && v.starts_with(UTF8_ESCAPE));
        let text = |dataset: u8| -> Option<(String, &'static str)> {
            let (_, raw) = datasets.iter().find(|(tag, _)| *tag == (2, dataset))?;
            let d = if utf8 {
                charset::with(encoding_rs::UTF_8, raw)
            } else {
                charset::decode(raw)
            };
            charset::non_empty(&d.text).map(|t| (t, d.encoding))
        };
        let mut encoding = None;
        let mut take = |dataset| {
            text(dataset).map(|(t, e)| {
                encoding.get_or_insert(e);
                t
            })
        };
        out.caption = take(120);
        out.headline = take(105);
        out.by_line = take(80);
        out.copyright = take(116);
        out.encoding = encoding;
    }
    out
}

/// The data of the first resource with `id`.
fn resource(mut b: &[u8], id: u16) -> Option<&[u8]> {
    while b.len() >= 4 && &b[..4] == b"8BIM" {
        let this = u16::from_be_bytes([*b.get(4)?, *b.get(5)?]);
        let name_len = usize::from(*b.get(6)?);
        let name_field = (1 + name_len).next_multiple_of(2);
        let at = 6 + name_field;
        let size = u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?);
        let size = usize::try_from(size).ok()?;
        let data = b.get(at + 4..at + 4 + size)?;
        if this == id {
            return Some(data);
        }
        b = b.get(at + 4 + size.next_multiple_of(2)..)?;
    }
    None
}

/// `((record, dataset), value)` in file order.
fn datasets(mut b: &[u8]) -> Vec<((u8, u8), &[u8])> {
    let mut out = Vec::new();
    while let [0x1c, record, dataset, hi, lo, rest @ ..] = b {
        let len = u16::from_be_bytes([*hi, *lo]);
        let (len, rest) = if len & 0x8000 == 0 {
            (usize::from(len), rest)
        } else {
            // Extended dataset: the next (len & 0x7fff) bytes hold the length.
            let n = usize::from(len & 0x7fff);
            let Some(field) = rest.get(..n).filter(|f| f.len() <= 8) else {
                break;
            };
            let value = field.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x));
            let Ok(value) = usize::try_from(value) else {
                break;
            };
            (value, &rest[n..])
        };
        let Some(value) = rest.get(..len) else {
            break;
        };
        out.push(((*record, *dataset), value));
        b = &rest[len..];
    }
    out
}

/// Photoshop resources holding one IPTC block of `(record, dataset, value)` (for tests and
/// fixtures).
#[cfg(test)]
pub(crate) fn build(entries: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let mut iim = Vec::new();
    for (r, d, v) in entries {
        iim.extend_from_slice(&[0x1c, *r, *d]);
        iim.extend_from_slice(&(v.len() as u16).to_be_bytes());
        iim.extend_from_slice(v);
    }
    let mut out = b"8BIM\x04\x04\0\0".to_vec();
    out.extend_from_slice(&(iim.len() as u32).to_be_bytes());
    out.extend_from_slice(&iim);
    if iim.len() % 2 == 1 {
        out.push(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_and_guessed_character_sets() {
        let caption = "易地扶贫搬迁后的新家";
        let utf8 = build(&[
            (1, 90, UTF8_ESCAPE),
            (2, 120, caption.as_bytes()),
            (2, 80, b"Li"),
        ]);
        let t = read(&utf8);
        assert_eq!(t.caption.as_deref(), Some(caption));
        assert_eq!(t.by_line.as_deref(), Some("Li"));
        assert_eq!(t.encoding, Some("UTF-8"));
        let (gbk, _, _) = encoding_rs::GBK.encode(caption);
        let t = read(&build(&[(2, 120, &gbk)]));
        assert_eq!(
            (t.caption.as_deref(), t.encoding),
            (Some(caption), Some("GBK"))
        );
        let mut cut = utf8.clone();
        cut.truncate(cut.len() - 3);
        assert_eq!(read(&cut).caption, None);
        assert_eq!(read(b"8BIM"), IptcText::default());
    }
}
