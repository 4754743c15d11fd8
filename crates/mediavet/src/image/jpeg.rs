//! A walk over a JPEG's marker segments up to the start of the scan: the frame header
//! (size, coding, components), the quantisation tables, and the APP1 EXIF/XMP and APP13
//! IPTC payloads, in one pass that never reads picture data. Written here because the crates that parse JPEG either decode the
//! picture (`image`, `zune-jpeg`) or extract only the EXIF block (`kamadak-exif`).

use std::io::Read;

/// What the headers say.
#[derive(Debug, Clone, Default)]
pub struct JpegHeaders {
    /// Frame width.
    pub width: u16,
    /// Frame height.
    pub height: u16,
    /// Colour components.
    pub components: u8,
    /// Progressive coding (SOF2, SOF6, SOF10, SOF14).
    pub progressive: bool,
    /// The TIFF structure of the APP1 EXIF segment.
    pub exif: Option<Vec<u8>>,
    /// The APP1 XMP packet.
    pub xmp: Option<Vec<u8>>,
    /// The APP13 Photoshop image resources (where IPTC lives), after the signature.
    pub photoshop: Option<Vec<u8>>,
    /// Quantisation tables by destination (0–3), 64 values each in zig-zag order.
    pub quant: [Option<[u16; 64]>; 4],
}

/// Why the headers could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderError {
    /// Byte offset.
    pub offset: u64,
    /// What went wrong.
    pub why: String,
}

/// Most segments walked before the scan (a hostile file could chain empty ones forever).
const MAX_SEGMENTS: usize = 4096;
const EXIF: &[u8] = b"Exif\0\0";
const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP: &[u8] = b"Photoshop 3.0\0";

/// Reads the marker segments of a JPEG up to its first scan.
pub fn read_headers<R: Read>(r: &mut R) -> Result<JpegHeaders, HeaderError> {
    let mut pos = 0u64;
    let mut soi = [0u8; 2];
    read(r, &mut soi, &mut pos)?;
    if soi != [0xff, 0xd8] {
        return Err(err(0, "no start-of-image marker"));
    }
    let mut h = JpegHeaders::default();
    let mut frame = false;
    for _ in 0..MAX_SEGMENTS {
        let marker = next_marker(r, &mut pos)?;
        match marker {
            0xd8 | 0x01 | 0xd0..=0xd7 => continue,
            0xd9 => break,
            _ => {}
        }
        let mut len = [0u8; 2];
        read(r, &mut len, &mut pos)?;
        let len = usize::from(u16::from_be_bytes(len));
        if len < 2 {
            return Err(err(pos - 2, "segment length under 2"));
        }
        let mut body = vec![0u8; len - 2];
        let at = pos;
        read(r, &mut body, &mut pos)?;
        match marker {
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => {
                if body.len() < 6 {
                    return Err(err(at, "frame header too short"));
                }
                h.height = u16::from_be_bytes([body[1], body[2]]);
                h.width = u16::from_be_bytes([body[3], body[4]]);
                h.components = body[5];
                h.progressive = matches!(marker, 0xc2 | 0xc6 | 0xca | 0xce);
                frame = true;
            }
            0xe1 if body.starts_with(EXIF) && h.exif.is_none() => {
                h.exif = Some(body[EXIF.len()..].to_vec());
            }
            0xe1 if body.starts_with(XMP) && h.xmp.is_none() => {
                h.xmp = Some(body[XMP.len()..].to_vec());
            }
            0xed if body.starts_with(PHOTOSHOP) && h.photoshop.is_none() => {
                h.photoshop = Some(body[PHOTOSHOP.len()..].to_vec());
            }
            0xdb => read_quant(&body, &mut h.quant),
            0xda => break,
            _ => {}
        }
    }
    if !frame {
        return Err(err(pos, "no frame header before the image data"));
    }
    Ok(h)
}

/// The tables of a DQT segment (several may share one); a table cut short is left out.
fn read_quant(mut body: &[u8], tables: &mut [Option<[u16; 64]>; 4]) {
    while let Some((&pq_tq, rest)) = body.split_first() {
        let wide = pq_tq >> 4 != 0;
        let need = if wide { 128 } else { 64 };
        let Some(values) = rest.get(..need) else {
            return;
        };
        let mut table = [0u16; 64];
        for (i, v) in table.iter_mut().enumerate() {
            *v = if wide {
                u16::from_be_bytes([values[2 * i], values[2 * i + 1]])
            } else {
                u16::from(values[i])
            };
        }
        if let Some(slot) = tables.get_mut(usize::from(pq_tq & 0x0f)) {
            *slot = Some(table);
        }
        body = &rest[need..];
    }
}

/// The next marker code, skipping fill bytes.
fn next_marker<R: Read>(r: &mut R, pos: &mut u64) -> Result<u8, HeaderError> {
    let mut b = [0u8; 1];
    read(r, &mut b, pos)?;
    if b[0] != 0xff {
        return Err(err(
            *pos - 1,
            format!("expected a marker, found byte {:#04x}", b[0]),
        ));
    }
    while b[0] == 0xff {
        read(r, &mut b, pos)?;
    }
    Ok(b[0])
}

fn read<R: Read>(r: &mut R, buf: &mut [u8], pos: &mut u64) -> Result<(), HeaderError> {
    r.read_exact(buf)
        .map_err(|e| err(*pos, format!("truncated ({e})")))?;
    *pos += buf.len() as u64;
    Ok(())
}

fn err(offset: u64, why: impl Into<String>) -> HeaderError {
    HeaderError {
        offset,
        why: why.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_frame_and_app1() {
        let mut f = vec![0xff, 0xd8, 0xff, 0xe1, 0, 10];
        f.extend_from_slice(b"Exif\0\0II");
        f.extend_from_slice(&[0xff, 0xc2, 0, 11, 8, 0, 20, 0, 30, 3, 0, 0, 0]);
        f.extend_from_slice(&[0xff, 0xda, 0, 2]);
        let h = read_headers(&mut &f[..]).unwrap();
        assert_eq!(
            (h.width, h.height, h.components, h.progressive),
            (30, 20, 3, true)
        );
        assert_eq!(h.exif.as_deref(), Some(&b"II"[..]));
        assert!(read_headers(&mut &f[..9]).is_err());
        assert_eq!(
            read_headers(&mut &b"\x89PNG"[..]).unwrap_err().why,
            "no start-of-image marker"
        );
    }
}
