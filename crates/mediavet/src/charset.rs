//! Text from bytes whose encoding is not declared: a byte-order mark decides, else valid
//! UTF-8 is UTF-8, else `chardetng` (Firefox's detector, told the text is Chinese-first)
//! picks the legacy encoding — GBK/GB18030 for Chinese written on Windows, Big5, Shift_JIS,
//! windows-1252 — and `encoding_rs` decodes it.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, GBK, UTF_8};

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (bytes invalid in the encoding replaced with U+FFFD).
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `UTF-16LE`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
}

/// Decodes `bytes` of unknown encoding.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return with(encoding, &bytes[bom..]);
    }
    match std::str::from_utf8(bytes) {
        // Valid, or valid but for a character cut off at the end (a truncated file, which
        // must not be taken for a legacy encoding): UTF-8.
        Ok(_) => return with(UTF_8, bytes),
        Err(e) if e.error_len().is_none() => return with(UTF_8, bytes),
        Err(_) => {}
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), Utf8Detection::Deny);
    if guess == GBK && looks_like_big5(bytes) {
        return with(BIG5, bytes);
    }
    with(guess, bytes)
}

/// Big5 bytes are valid GBK too, so told apart here: Simplified text in GBK is almost all
/// GB2312 characters, whose second byte is ≥ 0xA1, while about 40% of Big5 characters
/// have a second byte under 0x7F. Big5 when the bytes decode as Big5 without error and
/// over a fifth of the double-byte characters have such a second byte.
fn looks_like_big5(bytes: &[u8]) -> bool {
    let (_, errors) = BIG5.decode_without_bom_handling(bytes);
    if errors {
        return false;
    }
    let (mut pairs, mut low) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] >= 0x81 {
            pairs += 1;
            if bytes[i + 1] < 0x7f {
                low += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    pairs > 0 && low * 5 > pairs
}

/// `text` without surrounding white space and NULs (padding in fixed-size metadata
/// fields), `None` when nothing is left.
pub fn non_empty(text: &str) -> Option<String> {
    let t = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    (!t.is_empty()).then(|| t.to_string())
}

/// Decodes `bytes` as `encoding`, a byte-order mark aside.
pub fn with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_chinese_in_each_encoding() {
        let text = "扶贫路上的老屋，改造前后对比。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(decode(&gbk).text, text);
        assert_eq!(decode(&gbk).encoding, "GBK");
        assert_eq!(decode(text.as_bytes()).encoding, "UTF-8");
        let traditional =
            "扶貧路上的老屋，改造前後對比。村裡的新路修好了，孩子們上學不再走泥巴路。";
        let (big5, _, _) = BIG5.encode(traditional);
        assert_eq!(decode(&big5).encoding, "Big5");
        assert_eq!(decode(&big5).text, traditional);
        let mut utf16: Vec<u8> = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&utf16),
            Decoded {
                text: text.into(),
                encoding: "UTF-16LE"
            }
        );
    }
}
