//! H.264 pictures decoded in-process with openh264 (its bundled source is compiled; no
//! system library). MP4 stores NAL units length-prefixed (AVCC); openh264 takes Annex B,
//! so each sample is rewritten with start codes, a keyframe after the avcC's SPS and PPS.

use super::luma::Luma;
use openh264::decoder::Decoder;
use openh264::formats::YUVSource;

const START: [u8; 4] = [0, 0, 0, 1];

/// The parameter sets and NAL length size of an avcC record.
pub struct AvcConfig {
    length_size: usize,
    parameter_sets: Vec<u8>,
}

/// Reads an avcC body; `None` when it is malformed.
pub fn avc_config(avcc: &[u8]) -> Option<AvcConfig> {
    let length_size = usize::from(avcc.get(4)? & 0x03) + 1;
    let mut parameter_sets = Vec::new();
    let mut pos = 5;
    for mask in [0x1f_u8, 0xff] {
        let count = avcc.get(pos)? & mask;
        pos += 1;
        for _ in 0..count {
            let len = usize::from(u16::from_be_bytes([*avcc.get(pos)?, *avcc.get(pos + 1)?]));
            parameter_sets.extend_from_slice(&START);
            parameter_sets.extend_from_slice(avcc.get(pos + 2..pos + 2 + len)?);
            pos += 2 + len;
        }
    }
    Some(AvcConfig {
        length_size,
        parameter_sets,
    })
}

/// The NAL units of an AVCC sample; `None` if a length overruns.
fn nal_units<'a>(config: &AvcConfig, sample: &'a [u8]) -> Option<Vec<&'a [u8]>> {
    let mut units = Vec::new();
    let mut rest = sample;
    while !rest.is_empty() {
        let n = config.length_size;
        let len = rest
            .get(..n)?
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        units.push(rest.get(n..n + len)?);
        rest = &rest[n + len..];
    }
    Some(units)
}

/// An AVCC sample as Annex B, preceded by the parameter sets when `with_parameter_sets`
/// (a keyframe; sending them again before a P-picture restarts the decoder's sequence);
/// `None` if a length overruns.
pub fn annex_b(config: &AvcConfig, sample: &[u8], with_parameter_sets: bool) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(config.parameter_sets.len() + sample.len() + 16);
    if with_parameter_sets {
        out.extend_from_slice(&config.parameter_sets);
    }
    for nal in nal_units(config, sample)? {
        out.extend_from_slice(&START);
        out.extend_from_slice(nal);
    }
    Some(out)
}

/// What the first slice of a picture says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SliceKind {
    /// Other pictures predict from it (nal_ref_idc ≠ 0): it must be decoded.
    pub reference: bool,
    /// A B slice.
    pub bidirectional: bool,
}

/// The kind of the first coded slice of an AVCC sample, `None` without one.
pub fn slice_kind(config: &AvcConfig, sample: &[u8]) -> Option<SliceKind> {
    use h264_reader::rbsp::{BitRead, BitReader, ByteReader};
    let nal = nal_units(config, sample)?
        .into_iter()
        .find(|n| matches!(n.first().map(|h| h & 0x1f), Some(1 | 5)))?;
    let mut bits = BitReader::new(ByteReader::skipping_h264_header(nal));
    bits.read_ue("first_mb_in_slice").ok()?;
    let slice_type = bits.read_ue("slice_type").ok()?;
    Some(SliceKind {
        reference: nal[0] & 0x60 != 0,
        bidirectional: slice_type % 5 == 1,
    })
}

/// Why openh264 cannot decode the stream described by `avcc`, if it cannot: it decodes
/// 8-bit 4:2:0 progressive pictures only (Baseline, Main, High), so interlaced streams and
/// the High 10, 4:2:2 and 4:4:4 profiles go to ffmpeg.
pub fn unsupported(avcc: &[u8]) -> Option<String> {
    let config = crate::isobmff::avc_profile(avcc)?;
    if config.interlaced == Some(true) {
        return Some("interlaced H.264 needs ffmpeg".into());
    }
    matches!(avcc.get(1), Some(110 | 122 | 244 | 44))
        .then(|| format!("H.264 {} needs ffmpeg", config.profile))
}

/// A decoder for one track's keyframes.
pub struct KeyframeDecoder {
    decoder: Decoder,
    config: AvcConfig,
}

impl KeyframeDecoder {
    /// A decoder for the track described by `avcc`.
    pub fn new(avcc: &[u8]) -> Result<KeyframeDecoder, String> {
        let config = avc_config(avcc).ok_or("malformed avcC")?;
        let decoder = Decoder::new().map_err(|e| format!("openh264: {e}"))?;
        Ok(KeyframeDecoder { decoder, config })
    }

    /// The stream's configuration.
    pub fn config(&self) -> &AvcConfig {
        &self.config
    }

    /// Decodes one sample to its luma plane, no wider than `max_width` (0: full size): a
    /// keyframe (`keyframe`, sent with the parameter sets), or a picture after it in
    /// decode order.
    pub fn decode(
        &mut self,
        sample: &[u8],
        keyframe: bool,
        max_width: usize,
    ) -> Result<Luma, String> {
        let stream = annex_b(&self.config, sample, keyframe)
            .ok_or("a NAL unit length runs past the sample")?;
        let frame = self
            .decoder
            .decode(&stream)
            .map_err(|e| format!("openh264: {e}"))?;
        let frame = match frame {
            Some(f) => f,
            None => {
                let mut rest = self
                    .decoder
                    .flush_remaining()
                    .map_err(|e| format!("openh264: {e}"))?;
                rest.pop()
                    .ok_or("openh264 returned no picture for the sample")?
            }
        };
        let (w, h) = frame.dimensions();
        let (stride, _, _) = frame.strides();
        Luma::from_plane_downscaled(frame.y(), (w, h, stride), max_width)
            .ok_or_else(|| "decoded plane smaller than its size".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avcc_to_annex_b() {
        // avcC: version, profile, compat, level, 0xff (4-byte lengths), 1 SPS of 2 bytes, 1 PPS of 1 byte.
        let avcc = [1, 100, 0, 40, 0xff, 0xe1, 0, 2, 0x67, 0xaa, 1, 0, 1, 0x68];
        let c = avc_config(&avcc).unwrap();
        let out = annex_b(&c, &[0, 0, 0, 2, 0x65, 0x88], true).unwrap();
        assert_eq!(
            out,
            [0, 0, 0, 1, 0x67, 0xaa, 0, 0, 0, 1, 0x68, 0, 0, 0, 1, 0x65, 0x88]
        );
        assert!(annex_b(&c, &[0, 0, 0, 9, 0x65], true).is_none());
        assert_eq!(
            annex_b(&c, &[0, 0, 0, 2, 0x41, 0x9a], false).unwrap(),
            [0, 0, 0, 1, 0x41, 0x9a]
        );
        // P slice (type 5), B slice (type 6), both as nal_ref_idc 2 / 0.
        // first_mb_in_slice = 0 ("1"), slice_type 5 = "00110", 6 = "00111".
        let p = [0, 0, 0, 3, 0x41, 0b1001_1000, 0];
        let b = [0, 0, 0, 3, 0x01, 0b1001_1100, 0];
        let kind = |s: &[u8]| slice_kind(&c, s).unwrap();
        assert_eq!((kind(&p).reference, kind(&p).bidirectional), (true, false));
        assert_eq!((kind(&b).reference, kind(&b).bidirectional), (false, true));
        assert!(avc_config(&[1, 100, 0]).is_none());
        assert_eq!(unsupported(&avcc), None);
        let high10 = [1, 110, 0, 40, 0xff, 0xe0, 0xe0];
        assert_eq!(
            unsupported(&high10).as_deref(),
            Some("H.264 High 10 needs ffmpeg")
        );
    }
}
