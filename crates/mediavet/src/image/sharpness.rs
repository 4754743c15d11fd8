//! Clarity of a photo: variance of the Laplacian of its luma, measured at a fixed working
//! size so that one threshold serves every resolution. The JPEG is decoded straight to
//! luma (`zune-jpeg`, streamed from the file), area-averaged to a long side of
//! [`WORKING_SIDE`] pixels, then filtered with the 4-neighbour Laplacian. The whole-picture
//! variance is low for blurred photos but also for sharp ones with a large plain area
//! (sky, a blurred background); the variance of the sharpest eighth of the picture
//! (8 × 8 tiles) is what says whether anything is in focus.

pub use crate::facts::image::Sharpness;
use rayon::prelude::*;
use std::io::{BufRead, Read, Seek, SeekFrom};
use zune_core::colorspace::ColorSpace;
use zune_core::options::DecoderOptions;
use zune_jpeg::errors::DecodeErrors;
use zune_jpeg::JpegDecoder;

/// Long side of the working picture, in pixels.
pub const WORKING_SIDE: usize = 1024;
/// Tiles across and down for the sharpest-region measure.
const TILES: usize = 8;

/// How decoding went.
pub struct Decoded {
    /// The measures, when the picture is at least 3 × 3.
    pub sharpness: Option<Sharpness>,
    /// Perceptual fingerprint, for finding the same photo twice.
    pub fingerprint: Option<crate::facts::Fingerprint>,
    /// The file does not end with the end-of-image marker and its picture data stops
    /// short or is damaged (the decoder's words); viewers fill the rest with grey.
    pub truncated: Option<String>,
    /// The picture's thumbnail, when asked for.
    pub thumbnail: Option<crate::facts::Thumbnail>,
    /// The rows the picture data holds, when its scan ends before the height the header
    /// claims (the decoder fills the rest with what zero bits decode to).
    pub rows: Option<usize>,
}

/// How a thumbnail of the decoded picture is made: turned by the EXIF orientation, to the
/// displayed size.
#[derive(Debug, Clone, Copy)]
pub struct ThumbnailShape {
    /// The turn the EXIF orientation asks for.
    pub orientation: image::metadata::Orientation,
    /// Displayed size.
    pub display: (u32, u32),
}

/// Decodes the JPEG in `r` (from its current position to the end) to luma and measures
/// it. Damaged picture data is decoded leniently, as viewers show it. A file that does not
/// end with the end-of-image marker is decoded again strictly to tell a truncated file
/// (the decoder runs out of data or meets garbage) from one with bytes appended after a
/// complete picture (motion photos carry a video there). Strict decoding is not the first
/// pass because it also rejects the harmless padding some encoders (ffmpeg's) leave at
/// the end of a scan. A picture whose bottom rows repeat (what the decoder makes of the
/// zero bits it reads once a scan has run out) is checked for a scan shorter than its
/// header's height (`rows`). With `thumbnail`, the decoded picture's thumbnail is kept
/// too.
pub fn measure<R: BufRead + Seek>(
    r: &mut R,
    thumbnail: Option<ThumbnailShape>,
) -> Result<Decoded, String> {
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::Luma)
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX))
        .set_strict_mode(false);
    let start = r.stream_position().map_err(|e| e.to_string())?;
    let (pixels, (w, h)) = decode(&mut *r, options).map_err(|e| e.to_string())?;
    let sharpness = measure_luma(&pixels, w, h);
    let fingerprint = crate::image::fingerprint::of_luma(&pixels, w, h);
    let thumbnail = thumbnail
        .and_then(|t| super::thumbnail::grey(&pixels, (w, h), t.orientation, t.display, None));
    let repeats = bottom_repeats(&pixels, w, h);
    drop(pixels);
    let mut rows = None;
    if repeats {
        r.seek(SeekFrom::Start(start)).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        rows =
            rows_held(&bytes, options.set_strict_mode(true), h).filter(|&n| n + 2 * MCU_ROWS < h);
    }
    let mut truncated = None;
    if !ends_with_eoi(r).map_err(|e| e.to_string())? {
        r.seek(SeekFrom::Start(start)).map_err(|e| e.to_string())?;
        truncated = decode(&mut *r, options.set_strict_mode(true))
            .err()
            .map(|e| e.to_string());
    }
    Ok(Decoded {
        sharpness,
        fingerprint,
        truncated,
        thumbnail,
        rows,
    })
}

/// The tallest MCU row (4:2:0 sampling).
const MCU_ROWS: usize = 16;

/// Whether the last MCU row of the picture repeats the one above it exactly: once its
/// scan has run out, the decoder reads zero bits, which decode the same way block after
/// block. (Flat bottoms, as in drawn pictures, pass too: the check after it is exact.)
fn bottom_repeats(pixels: &[u8], w: usize, h: usize) -> bool {
    if h < 4 * MCU_ROWS || w == 0 {
        return false;
    }
    let last = pixels.get((h - MCU_ROWS) * w..h * w);
    let above = pixels.get((h - 2 * MCU_ROWS) * w..(h - MCU_ROWS) * w);
    last.is_some() && last == above
}

/// How many rows of the baseline picture in `bytes` its scan holds. With restart
/// intervals, counted exactly: the scan's restart markers say how many intervals of MCUs
/// are there. Without: the end-of-image marker after the scan is replaced by an undefined
/// marker, which stops the strict decoder with an error when it reaches the end of the
/// data, and the frame header's height is searched for the most rows that decode without
/// reaching it (a binary search; the decoder's look-ahead may cost the last MCU row).
fn rows_held(bytes: &[u8], options: DecoderOptions, height: usize) -> Option<usize> {
    let l = layout(bytes)?;
    let end = l.scan + bytes[l.scan..].windows(2).position(|m| m == [0xff, 0xd9])?;
    if l.restart > 0 {
        let restarts = bytes[l.scan..end]
            .windows(2)
            .filter(|m| m[0] == 0xff && (0xd0..=0xd7).contains(&m[1]))
            .count();
        let mcus = (restarts + 1) * l.restart;
        let per_row = l.width.div_ceil(l.mcu.0).max(1);
        return Some((mcus.div_ceil(per_row) * l.mcu.1).min(height));
    }
    let mut copy = bytes[..end + 2].to_vec();
    copy[end + 1] = 0x01;
    let mut fits = |rows: usize| {
        let Ok(h) = u16::try_from(rows) else {
            return false;
        };
        copy[l.height_at..l.height_at + 2].copy_from_slice(&h.to_be_bytes());
        decode(std::io::Cursor::new(&copy[..]), options).is_ok()
    };
    let (mut lo, mut hi) = (0usize, height);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(lo)
}

/// What [`rows_held`] needs of a baseline picture's headers.
struct Layout {
    /// Where the frame header keeps the height.
    height_at: usize,
    /// Where the (one) scan's header starts.
    scan: usize,
    /// Width in pixels.
    width: usize,
    /// An MCU's width and height in pixels.
    mcu: (usize, usize),
    /// MCUs between restart markers (0: none).
    restart: usize,
}

/// The marker segments walked from the start to the first scan (a progressive picture
/// has several scans and is not searched).
fn layout(bytes: &[u8]) -> Option<Layout> {
    let mut at = 2usize;
    let (mut frame, mut restart) = (None, 0usize);
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xff {
            return None;
        }
        let marker = bytes[at + 1];
        let len = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let seg = bytes.get(at + 4..at + 2 + len)?;
        match marker {
            0xc0 | 0xc1 => {
                let width = usize::from(u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]));
                let comps = usize::from(*seg.get(5)?);
                let factors = seg.get(6..6 + 3 * comps)?.chunks_exact(3).map(|c| c[1]);
                let (h, v) = factors.fold((1, 1), |(h, v), f| (h.max(f >> 4), v.max(f & 15)));
                let mcu = (8 * usize::from(h.max(1)), 8 * usize::from(v.max(1)));
                frame = Some((at + 5, width, mcu));
            }
            0xc2..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => return None,
            0xdd => restart = usize::from(u16::from_be_bytes([*seg.first()?, *seg.get(1)?])),
            0xda => {
                let (height_at, width, mcu) = frame?;
                return Some(Layout {
                    height_at,
                    scan: at,
                    width,
                    mcu,
                    restart,
                });
            }
            _ => {}
        }
        at += 2 + len;
    }
    None
}

/// Whether the last bytes, trailing zero padding aside, are the end-of-image marker.
fn ends_with_eoi<R: Read + Seek>(r: &mut R) -> std::io::Result<bool> {
    let size = r.seek(SeekFrom::End(0))?;
    let back = size.min(64);
    r.seek(SeekFrom::Start(size - back))?;
    let mut tail = Vec::with_capacity(64);
    r.take(back).read_to_end(&mut tail)?;
    let end = tail.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    Ok(tail[..end].ends_with(&[0xff, 0xd9]))
}

/// Decodes to luma; CMYK and YCCK pictures (4 components, from print workflows), which the
/// decoder cannot turn into luma directly, go through RGB (BT.601 weights).
fn decode<R: BufRead + Seek>(
    r: R,
    options: DecoderOptions,
) -> Result<(Vec<u8>, (usize, usize)), DecodeErrors> {
    let mut d = JpegDecoder::new_with_options(r, options);
    d.decode_headers()?;
    let four = matches!(
        d.input_colorspace(),
        Some(ColorSpace::CMYK | ColorSpace::YCCK)
    );
    if four {
        d.set_options(options.jpeg_set_out_colorspace(ColorSpace::RGB));
    }
    let mut pixels = d.decode()?;
    if four {
        pixels = pixels
            .chunks_exact(3)
            .map(|p| {
                let y = 77 * u32::from(p[0]) + 150 * u32::from(p[1]) + 29 * u32::from(p[2]);
                (y >> 8) as u8
            })
            .collect();
    }
    let info = d
        .info()
        .ok_or(DecodeErrors::FormatStatic("no frame header"))?;
    let (w, h) = (usize::from(info.width), usize::from(info.height));
    if pixels.len() != w * h {
        return Err(DecodeErrors::FormatStatic(
            "decoder returned a picture of the wrong size",
        ));
    }
    Ok((pixels, (w, h)))
}

/// The measures of a `width × height` luma picture (`None` when smaller than 3 × 3).
pub fn measure_luma(luma: &[u8], width: usize, height: usize) -> Option<Sharpness> {
    let long = width.max(height);
    let (ww, wh) = if long > WORKING_SIDE {
        let s = WORKING_SIDE as f64 / long as f64;
        (
            ((width as f64 * s).round() as usize).max(1),
            ((height as f64 * s).round() as usize).max(1),
        )
    } else {
        (width, height)
    };
    if ww < 3 || wh < 3 || luma.len() < width * height {
        return None;
    }
    let work = area_resize(luma, width, height, ww, wh);
    let lap = |x: usize, y: usize| {
        let c = work[y * ww + x];
        4.0 * c
            - work[y * ww + x - 1]
            - work[y * ww + x + 1]
            - work[(y - 1) * ww + x]
            - work[(y + 1) * ww + x]
    };
    let mut all = Moments::default();
    let mut tiles = vec![Moments::default(); TILES * TILES];
    for y in 1..wh - 1 {
        let ty = (y * TILES / wh).min(TILES - 1);
        for x in 1..ww - 1 {
            let v = f64::from(lap(x, y));
            all.add(v);
            tiles[ty * TILES + (x * TILES / ww).min(TILES - 1)].add(v);
        }
    }
    let mut per_tile: Vec<f64> = tiles
        .iter()
        .filter(|t| t.n > 0.0)
        .map(Moments::variance)
        .collect();
    per_tile.sort_by(|a, b| b.total_cmp(a));
    let top = per_tile.len().div_ceil(8).max(1);
    let focus = per_tile.iter().take(top).sum::<f64>() / top as f64;
    let mean_luma = work.iter().map(|&v| f64::from(v)).sum::<f64>() / work.len() as f64;
    Some(Sharpness {
        laplacian_variance: all.variance(),
        focus,
        mean_luma,
        working_width: ww,
        working_height: wh,
    })
}

/// Running sums for a variance.
#[derive(Debug, Clone, Copy, Default)]
struct Moments {
    n: f64,
    sum: f64,
    sq: f64,
}

impl Moments {
    fn add(&mut self, v: f64) {
        self.n += 1.0;
        self.sum += v;
        self.sq += v * v;
    }

    fn variance(&self) -> f64 {
        if self.n == 0.0 {
            return 0.0;
        }
        let mean = self.sum / self.n;
        (self.sq / self.n - mean * mean).max(0.0)
    }
}

/// Area-average resampling (each output pixel the mean of the input area it covers,
/// fractional edges weighted), separable: rows, then columns.
pub(crate) fn area_resize(src: &[u8], w: usize, h: usize, ow: usize, oh: usize) -> Vec<f32> {
    let cols = spans(w, ow);
    let rows = spans(h, oh);
    let mut wide = vec![0f32; h * ow];
    wide.par_chunks_exact_mut(ow)
        .zip(src.par_chunks_exact(w))
        .for_each(|(out, line)| {
            for (o, span) in out.iter_mut().zip(&cols) {
                *o = span.apply(|i| f32::from(line[i]));
            }
        });
    let mut out = vec![0f32; oh * ow];
    out.par_chunks_exact_mut(ow)
        .zip(&rows)
        .for_each(|(line, span)| {
            for (x, o) in line.iter_mut().enumerate() {
                *o = span.apply(|i| wide[i * ow + x]);
            }
        });
    out
}

/// The input samples one output sample averages: `first..=last`, the two ends weighted.
#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    last: usize,
    first_weight: f32,
    last_weight: f32,
    norm: f32,
}

impl Span {
    fn apply(&self, at: impl Fn(usize) -> f32) -> f32 {
        if self.first == self.last {
            return at(self.first);
        }
        let inner: f32 = (self.first + 1..self.last).map(&at).sum();
        (at(self.first) * self.first_weight + inner + at(self.last) * self.last_weight) / self.norm
    }
}

fn spans(n: usize, out: usize) -> Vec<Span> {
    let step = n as f64 / out as f64;
    (0..out)
        .map(|o| {
            let (a, b) = (o as f64 * step, ((o + 1) as f64 * step).min(n as f64));
            let first = (a.floor() as usize).min(n - 1);
            let last = ((b.ceil() as usize).max(first + 1) - 1).min(n - 1);
            let first_weight = (first as f64 + 1.0 - a).min(b - a) as f32;
            let last_weight = (b - last as f64).min(1.0) as f32;
            Span {
                first,
                last,
                first_weight,
                last_weight,
                norm: (b - a) as f32,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resize_keeps_mean_and_flat_pictures_have_no_detail() {
        let flat = vec![77u8; 3000 * 2000];
        let s = measure_luma(&flat, 3000, 2000).unwrap();
        assert_eq!((s.working_width, s.working_height), (1024, 683));
        assert!(s.laplacian_variance < 1e-6 && s.focus < 1e-6);
        let ramp: Vec<u8> = (0..10).map(|i| i * 10).collect();
        let r = area_resize(&ramp, 10, 1, 4, 1);
        let mean: f32 = r.iter().sum::<f32>() / 4.0;
        assert!((mean - 45.0).abs() < 1e-3, "{r:?}");
    }

    #[test]
    fn checkerboard_is_sharper_than_its_blur() {
        let (w, h) = (64, 64);
        let board: Vec<u8> = (0..w * h)
            .map(|i| {
                if ((i % w) / 4 + (i / w) / 4) % 2 == 0 {
                    0
                } else {
                    255
                }
            })
            .collect();
        let blurred: Vec<u8> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let mut s = 0u32;
                for dy in 0..4 {
                    for dx in 0..4 {
                        s += u32::from(board[((y + dy).min(h - 1)) * w + (x + dx).min(w - 1)]);
                    }
                }
                (s / 16) as u8
            })
            .collect();
        let a = measure_luma(&board, w, h).unwrap();
        let b = measure_luma(&blurred, w, h).unwrap();
        assert!(a.focus > 4.0 * b.focus, "{a:?} {b:?}");
        assert!(measure_luma(&board, 2, 2).is_none());
    }
}
