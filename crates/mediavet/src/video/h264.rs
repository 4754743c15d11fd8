//! H.264 keyframes decoded in-process with openh264 (its bundled source is compiled; no
//! system library). MP4 stores NAL units length-prefixed (AVCC); openh264 takes Annex B,
//! so each sample is rewritten with start codes after the avcC's SPS and PPS.

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

/// An AVCC sample as Annex B, preceded by the parameter sets; `None` if a length overruns.
pub fn annex_b(config: &AvcConfig, sample: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(config.parameter_sets.len() + sample.len() + 16);
    out.extend_from_slice(&config.parameter_sets);
    let mut rest = sample;
    while !rest.is_empty() {
        let n = config.length_size;
        let len = rest
            .get(..n)?
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        let nal = rest.get(n..n + len)?;
        out.extend_from_slice(&START);
        out.extend_from_slice(nal);
        rest = &rest[n + len..];
    }
    Some(out)
}

/// Why openh264 cannot decode the stream described by `avcc`, if it cannot: it decodes
/// 8-bit 4:2:0 progressive pictures only (Baseline, Main, High), so interlaced streams and
/// the High 10, 4:2:2 and 4:4:4 profiles go to ffmpeg.
pub fn unsupported(avcc: &[u8]) -> Option<String> {
    let config = crate::probe::avc_profile(avcc)?;
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

    /// Decodes one keyframe sample to its luma plane.
    pub fn decode(&mut self, sample: &[u8]) -> Result<Luma, String> {
        let stream =
            annex_b(&self.config, sample).ok_or("a NAL unit length runs past the sample")?;
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
                    .ok_or("openh264 returned no picture for the keyframe")?
            }
        };
        let (w, h) = frame.dimensions();
        let (stride, _, _) = frame.strides();
        Luma::from_plane(frame.y(), w, h, stride)
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
        let out = annex_b(&c, &[0, 0, 0, 2, 0x65, 0x88]).unwrap();
        assert_eq!(
            out,
            [0, 0, 0, 1, 0x67, 0xaa, 0, 0, 0, 1, 0x68, 0, 0, 0, 1, 0x65, 0x88]
        );
        assert!(annex_b(&c, &[0, 0, 0, 9, 0x65]).is_none());
        assert!(avc_config(&[1, 100, 0]).is_none());
        assert_eq!(unsupported(&avcc), None);
        let high10 = [1, 110, 0, 40, 0xff, 0xe0, 0xe0];
        assert_eq!(
            unsupported(&high10).as_deref(),
            Some("H.264 High 10 needs ffmpeg")
        );
    }
}
