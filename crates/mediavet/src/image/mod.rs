//! Photos: what an image's headers say (size, coding, EXIF, XMP, IPTC, captions) without
//! decoding its picture, and the clarity measured from its decoded luma.

mod buffered;
mod caption;
pub mod exif;
pub mod fingerprint;
pub mod iptc;
mod jpeg;
pub mod quality;
pub mod sharpness;
pub mod thumbnail;
pub mod xmp;

pub use buffered::Buffered;
pub use caption::{boilerplate, read_sidecar, sidecar_path, Tagged, SIDECAR_EXTENSIONS};
pub use exif::{iso_date, ExifFacts, Gps};
pub use iptc::IptcText;
pub use jpeg::{read_headers, JpegHeaders};
pub use xmp::XmpText;

pub use crate::facts::image::ImageFacts;
use crate::facts::{Facts, Problem};
use crate::finding::Text;
use crate::kind::FileKind;
use std::io::{BufRead, Read, Seek};

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
    let xmp = headers
        .xmp
        .as_deref()
        .and_then(|packet| match xmp::read(packet) {
            Ok(x) => Some(x),
            Err(e) => {
                problems.push(Problem::new(
                    false,
                    None,
                    format!("XMP packet is not well-formed XML, skipped: {e}"),
                    format!("XMP 数据不是合法的 XML，已跳过：{e}"),
                ));
                None
            }
        });
    let iptc = headers.photoshop.as_deref().map(iptc::read);
    let orientation = exif.as_ref().and_then(|e| e.orientation);
    let mut facts = sized(
        u32::from(headers.width),
        u32::from(headers.height),
        orientation,
    );
    facts.progressive = Some(headers.progressive);
    facts.components = Some(headers.components);
    facts.quality = quality::estimate(&headers.quant);
    facts.xmp = headers.xmp.is_some();
    facts.captions = caption::from_metadata(exif.as_ref(), xmp.as_ref(), iptc.as_ref());
    facts.creators = caption::creators(xmp.as_ref(), iptc.as_ref());
    facts.exif = exif;
    Some(facts)
}

/// The size of a PNG, GIF, WebP, BMP, TIFF or HEIF/AVIF image from its header
/// (`imagesize`), read from `r` positioned at its start.
pub fn probe_other<R: BufRead + Seek>(
    r: &mut R,
    kind: FileKind,
    problems: &mut Vec<Problem>,
) -> Option<ImageFacts> {
    match imagesize::reader_size(r) {
        Ok(size) => {
            let (w, h) = (
                u32::try_from(size.width).ok()?,
                u32::try_from(size.height).ok()?,
            );
            Some(sized(w, h, None))
        }
        Err(e) => {
            problems.push(Problem::new(
                false,
                None,
                format!("{} header unreadable: {e}", kind.describe()),
                format!("{}文件头无法读取：{e}", kind.describe_zh()),
            ));
            None
        }
    }
}

fn sized(w: u32, h: u32, orientation: Option<u16>) -> ImageFacts {
    let turned = matches!(orientation, Some(5..=8));
    ImageFacts {
        width: w,
        height: h,
        orientation,
        display_width: if turned { h } else { w },
        display_height: if turned { w } else { h },
        megapixels: f64::from(w) * f64::from(h) / 1e6,
        progressive: None,
        components: None,
        quality: None,
        xmp: false,
        exif: None,
        captions: Vec::new(),
        creators: Vec::new(),
        sharpness: None,
        fingerprint: None,
        not_decoded: None,
        claimed_height: None,
    }
}

/// Most memory the decoder may need for one picture: the grey picture (CMYK ones also an
/// RGB copy), and for progressive pictures the coefficients of every component. It is
/// the size of the process-wide pool decodes take turns in ([`crate::budget::WORK`]), so
/// that a run's peak stays bounded: baseline pictures up to 256 MP (every camera's), a
/// progressive three-component one up to 38 MP (a phone writes baseline).
pub const DECODE_MEMORY_LIMIT: u64 = 256 << 20;

/// Most pixels one byte of a JPEG can code: a block of 8×8 needs at least one bit.
pub const MAX_PIXELS_PER_BYTE: u64 = 512;

/// Decodes the picture of a JPEG in `r` (any position) and records its clarity in
/// `facts`; a picture over `max_megapixels` is not decoded. Other formats are not decoded
/// (they fail `image.format` first), which `not_decoded` says. With `thumbnail`, the
/// decoded picture's thumbnail goes into `facts.thumbnails`.
pub fn measure<R: BufRead + Seek>(
    r: &mut R,
    facts: &mut Facts,
    max_megapixels: f64,
    thumbnail: bool,
) {
    let kind = facts.kind;
    let Some(img) = facts.image.as_mut() else {
        return;
    };
    if kind != FileKind::Jpeg {
        img.not_decoded = Some(Text::new(
            format!("not measured: {} pictures are not decoded", kind.describe()),
            format!("未测量：不解码{}图像", kind.describe_zh()),
        ));
        return;
    }
    if img.megapixels > max_megapixels {
        img.not_decoded = Some(Text::new(
            format!(
                "not measured: the header claims {:.0} MP, over the decoding limit of {max_megapixels:.0} MP",
                img.megapixels
            ),
            format!(
                "未测量：文件头声称 {:.0} 百万像素，超过解码上限 {max_megapixels:.0} 百万像素",
                img.megapixels
            ),
        ));
        return;
    }
    // Every 8×8 block of a scan costs at least one bit (its DC difference), so a file
    // of B bytes codes at most 512·B pixels: a larger claim is not decoded at the
    // header's word.
    let size = r.seek(std::io::SeekFrom::End(0)).unwrap_or(0);
    let claimed = u64::from(img.width) * u64::from(img.height);
    let codable = size.saturating_mul(MAX_PIXELS_PER_BYTE);
    if claimed > codable {
        let (w, h) = (img.width, img.height);
        let most = codable as f64 / 1e6;
        img.not_decoded = Some(Text::new(
            format!("not measured: the header claims {w}×{h}, but {size} bytes code at most {most:.1} MP"),
            format!("未测量：文件头声称 {w}×{h}，但 {size} 字节最多只能容纳 {most:.1} 百万像素"),
        ));
        facts.problems.push(Problem::new(
            false,
            None,
            format!("the frame header claims {w}×{h} pixels, more than the {size} bytes of the file can hold: the file is damaged or forged"),
            format!("帧头声称 {w}×{h} 像素，超过文件 {size} 字节所能容纳的像素：文件已损坏或被篡改"),
        ));
        return;
    }
    let components = u64::from(img.components.unwrap_or(3));
    // Grey output; CMYK goes through RGB (3 bytes); the decoder keeps every coefficient of
    // a progressive picture (2 bytes a sample).
    let mut per_pixel = if components == 4 { 4 } else { 1 };
    if img.progressive == Some(true) {
        per_pixel += 2 * components;
    }
    let need = u64::from(img.width) * u64::from(img.height) * per_pixel;
    if need > DECODE_MEMORY_LIMIT {
        img.not_decoded = Some(Text::new(
            format!(
                "not measured: decoding this {:.0} MP picture would take {} MiB, over the {} MiB limit",
                img.megapixels,
                need >> 20,
                DECODE_MEMORY_LIMIT >> 20
            ),
            format!(
                "未测量：解码这张 {:.0} 百万像素的图像需要 {} MiB 内存，超过上限 {} MiB",
                img.megapixels,
                need >> 20,
                DECODE_MEMORY_LIMIT >> 20
            ),
        ));
        return;
    }
    // Large decodes take turns process-wide (the limit is the pool's size).
    let _lease = crate::budget::WORK.take(need);
    let shape = thumbnail.then(|| sharpness::ThumbnailShape {
        orientation: thumbnail::exif(img.orientation),
        display: (img.display_width, img.display_height),
    });
    let decoded = r
        .seek(std::io::SeekFrom::Start(0))
        .map_err(|e| e.to_string())
        .and_then(|_| sharpness::measure(r, shape));
    match decoded {
        Ok(d) => {
            img.sharpness = d.sharpness;
            img.fingerprint = d.fingerprint;
            facts.thumbnails.extend(d.thumbnail);
            if let Some(rows) = d.rows.and_then(|r| u32::try_from(r).ok()) {
                let (w, h) = (img.width, img.height);
                facts.problems.push(Problem::new(
                    false,
                    None,
                    format!("the picture data ends after {rows} of the {h} rows the header claims: {w}×{rows} pixels are in the file"),
                    format!("图像数据在第 {rows} 行结束（文件头声称 {h} 行）：文件中只有 {w}×{rows} 像素"),
                ));
                let shown = sized(w, rows, img.orientation);
                img.claimed_height = Some(h);
                img.height = rows;
                img.display_width = shown.display_width;
                img.display_height = shown.display_height;
                img.megapixels = shown.megapixels;
            }
            if let Some(why) = d.truncated.filter(|_| d.rows.is_none()) {
                facts.problems.push(Problem::new(
                    false,
                    None,
                    format!(
                        "picture data ends early or is damaged ({why}); viewers show the rest grey"
                    ),
                    format!("图像数据提前结束或已损坏（{why}），看图软件中其余部分显示为灰色"),
                ));
            }
        }
        Err(why) => {
            img.not_decoded = Some(Text::new(
                format!("not measured: the picture cannot be decoded ({why})"),
                format!("未测量：图像无法解码（{why}）"),
            ));
            facts.problems.push(Problem::new(
                false,
                None,
                format!("picture data cannot be decoded: {why}"),
                format!("图像数据无法解码：{why}"),
            ));
        }
    }
}
