//! File kind recognised from content (magic numbers and box structure), never from the name.

use serde::Serialize;
use std::io::Read;

/// What a file is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// ISO base media file (MP4, M4V, M4A, 3GP, fragmented MP4).
    Mp4,
    /// Apple QuickTime movie (ftyp `qt  `, or no ftyp at all).
    Mov,
    /// HEIF/HEIC still image (an ISO file with an image brand).
    Heif,
    /// AVIF still image.
    Avif,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
    /// GIF image.
    Gif,
    /// WebP image.
    Webp,
    /// Windows bitmap.
    Bmp,
    /// TIFF image.
    Tiff,
    /// PDF document.
    Pdf,
    /// Office Open XML word-processing document.
    Docx,
    /// Any other ZIP archive.
    Zip,
    /// OLE compound file (legacy .doc, .wps, .xls).
    Ole,
    /// An Office Open XML package encrypted with a password to open: an OLE compound file
    /// holding `EncryptionInfo` and `EncryptedPackage`. Never returned by [`sniff`]; the
    /// probe tells it from other OLE files by their directory.
    EncryptedOffice,
    /// Rich Text Format.
    Rtf,
    /// Plain text (UTF-8, UTF-16 with BOM, or a legacy 8-bit/multibyte encoding).
    Text,
    /// A subtitle file (SubRip, WebVTT, ASS/SSA): plain text whose content is cues. Never
    /// returned by [`sniff`]; the probe tells it from other text once decoded.
    Subtitle,
    /// Zero-byte file.
    Empty,
    /// None of the above.
    Unknown,
}

/// Broad family of a kind, used by profiles (`category = "video"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Movies: MP4 and QuickTime.
    Video,
    /// Still images.
    Image,
    /// Documents and text.
    Document,
    /// Anything else.
    Other,
}

/// How many leading bytes [`sniff`] needs.
pub const SNIFF_LEN: usize = 4096;

/// ISO box types that may open an MP4/QuickTime file.
const OPENING_BOXES: [&[u8; 4]; 10] = [
    b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"styp", b"sidx", b"moof",
];

impl FileKind {
    /// The family this kind belongs to.
    pub fn category(self) -> Category {
        use FileKind::*;
        match self {
            Mp4 | Mov => Category::Video,
            Heif | Avif | Jpeg | Png | Gif | Webp | Bmp | Tiff => Category::Image,
            Pdf | Docx | Ole | EncryptedOffice | Rtf | Text | Subtitle => Category::Document,
            Zip | Empty | Unknown => Category::Other,
        }
    }

    /// File-name extensions (lower case) that honestly name this kind.
    pub fn extensions(self) -> &'static [&'static str] {
        use FileKind::*;
        match self {
            Mp4 => &[
                "mp4", "m4v", "m4a", "m4s", "3gp", "3g2", "mp4v", "f4v", "m4b",
            ],
            Mov => &["mov", "qt"],
            Heif => &["heic", "heif", "hif"],
            Avif => &["avif"],
            Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            Png => &["png"],
            Gif => &["gif"],
            Webp => &["webp"],
            Bmp => &["bmp", "dib"],
            Tiff => &["tif", "tiff"],
            Pdf => &["pdf"],
            Docx => &["docx"],
            Zip => &["zip"],
            Ole => &["doc", "wps", "xls", "ppt", "et", "dps"],
            Rtf => &["rtf"],
            Text => &["txt", "md", "text"],
            Subtitle => &["srt", "ass", "ssa", "vtt"],
            EncryptedOffice | Empty | Unknown => &[],
        }
    }

    /// Lower-case name, as serialised.
    pub fn name(self) -> &'static str {
        use FileKind::*;
        match self {
            Mp4 => "mp4",
            Mov => "mov",
            Heif => "heif",
            Avif => "avif",
            Jpeg => "jpeg",
            Png => "png",
            Gif => "gif",
            Webp => "webp",
            Bmp => "bmp",
            Tiff => "tiff",
            Pdf => "pdf",
            Docx => "docx",
            Zip => "zip",
            Ole => "ole",
            EncryptedOffice => "encrypted-office",
            Rtf => "rtf",
            Text => "text",
            Subtitle => "subtitle",
            Empty => "empty",
            Unknown => "unknown",
        }
    }

    /// Human name, as used in messages ("a PNG image").
    pub fn describe(self) -> &'static str {
        use FileKind::*;
        match self {
            Mp4 => "MP4 (ISO base media) file",
            Mov => "QuickTime MOV file",
            Heif => "HEIF/HEIC image",
            Avif => "AVIF image",
            Jpeg => "JPEG image",
            Png => "PNG image",
            Gif => "GIF image",
            Webp => "WebP image",
            Bmp => "BMP image",
            Tiff => "TIFF image",
            Pdf => "PDF document",
            Docx => "Word document (.docx)",
            Zip => "ZIP archive",
            Ole => "legacy Office document (.doc/.wps)",
            EncryptedOffice => "password-protected Word document (an encrypted .docx)",
            Rtf => "RTF document",
            Text => "plain-text file",
            Subtitle => "subtitle file",
            Empty => "empty file",
            Unknown => "file of unknown type",
        }
    }

    /// The human name with its article, as said aloud ("a PNG image", "an MP4 …
    /// file", "an empty file").
    pub fn a(self) -> String {
        use FileKind::*;
        let article = match self {
            Mp4 | Avif | Rtf | Empty => "an",
            _ => "a",
        };
        format!("{article} {}", self.describe())
    }

    /// Chinese name for messages.
    pub fn describe_zh(self) -> &'static str {
        use FileKind::*;
        match self {
            Mp4 => "MP4 文件",
            Mov => "QuickTime MOV 文件",
            Heif => "HEIF/HEIC 图片",
            Avif => "AVIF 图片",
            Jpeg => "JPEG 图片",
            Png => "PNG 图片",
            Gif => "GIF 图片",
            Webp => "WebP 图片",
            Bmp => "BMP 图片",
            Tiff => "TIFF 图片",
            Pdf => "PDF 文档",
            Docx => "Word 文档（.docx）",
            Zip => "ZIP 压缩包",
            Ole => "旧版 Office 文档（.doc/.wps）",
            EncryptedOffice => "设有打开密码的 Word 文档（加密的 .docx）",
            Rtf => "RTF 文档",
            Text => "纯文本文件",
            Subtitle => "字幕文件",
            Empty => "空文件",
            Unknown => "无法识别的文件",
        }
    }
}

/// Reads up to [`SNIFF_LEN`] bytes from `r` and recognises the kind.
pub fn sniff_reader<R: Read>(r: &mut R) -> std::io::Result<FileKind> {
    let mut head = Vec::with_capacity(SNIFF_LEN);
    r.take(SNIFF_LEN as u64).read_to_end(&mut head)?;
    Ok(sniff(&head))
}

/// Recognises a file kind from its first bytes (ideally [`SNIFF_LEN`] of them).
pub fn sniff(head: &[u8]) -> FileKind {
    if head.is_empty() {
        return FileKind::Empty;
    }
    let starts = |sig: &[u8]| head.starts_with(sig);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return FileKind::Jpeg;
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return FileKind::Png;
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return FileKind::Gif;
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return FileKind::Webp;
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return FileKind::Tiff;
    }
    if starts(b"BM") && matches!(head.get(14), Some(12 | 40 | 52 | 56 | 64 | 108 | 124)) {
        return FileKind::Bmp;
    }
    if starts(b"%PDF-") {
        return FileKind::Pdf;
    }
    if starts(b"PK\x03\x04") {
        return if contains(head, b"word/") {
            FileKind::Docx
        } else {
            FileKind::Zip
        };
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return FileKind::Ole;
    }
    if starts(b"{\\rtf") {
        return FileKind::Rtf;
    }
    if let Some(kind) = sniff_iso(head) {
        return kind;
    }
    if looks_like_text(head) {
        return FileKind::Text;
    }
    FileKind::Unknown
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// ISO base media: a plausible first box, then the ftyp brand decides.
fn sniff_iso(head: &[u8]) -> Option<FileKind> {
    let size = u32::from_be_bytes(head.get(0..4)?.try_into().ok()?);
    let kind: &[u8; 4] = head.get(4..8)?.try_into().ok()?;
    if !OPENING_BOXES.contains(&kind) || !(size == 0 || size == 1 || size >= 8) {
        return None;
    }
    if kind != b"ftyp" {
        // Fragments (styp/sidx/moof) are ISO; a bare moov/mdat/wide is classic QuickTime.
        return Some(if matches!(kind, b"styp" | b"sidx" | b"moof") {
            FileKind::Mp4
        } else {
            FileKind::Mov
        });
    }
    let major = head.get(8..12)?;
    let end = (size as usize).min(head.len());
    let compatible = head.get(16..end).unwrap_or(&[]);
    let brands = std::iter::once(major).chain(compatible.chunks_exact(4));
    let mut kind = FileKind::Mp4;
    for brand in brands {
        match brand {
            b"qt  " if brand == major => return Some(FileKind::Mov),
            b"heic" | b"heix" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"hevc" | b"hevx"
                if brand == major =>
            {
                return Some(FileKind::Heif)
            }
            b"avif" | b"avis" if brand == major => return Some(FileKind::Avif),
            b"isom" | b"iso2" | b"mp41" | b"mp42" | b"avc1" => kind = FileKind::Mp4,
            _ => {}
        }
    }
    Some(kind)
}

/// UTF-8 / UTF-16-with-BOM, or 8-bit text without control bytes (GBK, Big5, …).
fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    // Legacy CJK encodings (GBK, Big5) use high bytes throughout, so the signal is the
    // absence of control bytes rather than valid UTF-8.
    let control = |b: &u8| *b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
    !head.iter().any(control)
}

/// Lower-case extension of a path, if any.
pub fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// The kind an extension claims, if it is one we know.
pub fn kind_for_extension(ext: &str) -> Option<FileKind> {
    use FileKind::*;
    [
        Mp4, Mov, Heif, Avif, Jpeg, Png, Gif, Webp, Bmp, Tiff, Pdf, Docx, Zip, Ole, Rtf, Text,
        Subtitle,
    ]
    .into_iter()
    .find(|k| k.extensions().contains(&ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_signatures() {
        assert_eq!(sniff(b""), FileKind::Empty);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), FileKind::Png);
        assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0qt  "), FileKind::Mov);
        assert_eq!(
            sniff(b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2"),
            FileKind::Mp4
        );
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), FileKind::Heif);
        assert_eq!(sniff(b"\0\0\0\x08wide\0\0\0\x10mdat"), FileKind::Mov);
        assert_eq!(sniff("作者：张三\n".as_bytes()), FileKind::Text);
        assert_eq!(sniff(&[0x00, 0x01, 0x02, 0x9f]), FileKind::Unknown);
    }

    #[test]
    fn extensions_map_back() {
        assert_eq!(kind_for_extension("mp4"), Some(FileKind::Mp4));
        assert_eq!(kind_for_extension("jpg"), Some(FileKind::Jpeg));
        assert_eq!(kind_for_extension("xyz"), None);
    }
}
