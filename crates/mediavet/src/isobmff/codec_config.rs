//! Codec configuration records inside sample entries: avcC, hvcC, esds, dac3,
//! dec3, dOps and the QuickTime `chan` layout.
//!
//! Read here by hand, tolerantly: mp4-atom's decoders reject a whole sample entry
//! when one of these is short or carries trailing bytes (seen on corpus files that
//! ffmpeg plays, e.g. an avcC without its SPS list, an esds padded after its
//! descriptors), and it does not read `chan`. Each reader takes the box body and
//! returns `None` instead of failing.

/// Profile and level of an H.264 stream, and interlacing from its first SPS.
pub struct AvcConfig {
    /// `High`, `Main`, `Constrained Baseline`, …
    pub profile: String,
    /// `4.0`, `4.2`, …
    pub level: String,
    /// From the SPS `frame_mbs_only_flag`, when an SPS is present and parses.
    pub interlaced: Option<bool>,
}

/// Reads an `avcC` body.
pub fn avcc(body: &[u8]) -> Option<AvcConfig> {
    let (&profile_idc, &compat, &level_idc) = (body.get(1)?, body.get(2)?, body.get(3)?);
    let profile = match profile_idc {
        66 if compat & 0x40 != 0 => "Constrained Baseline".to_string(),
        66 => "Baseline".into(),
        77 => "Main".into(),
        88 => "Extended".into(),
        100 => "High".into(),
        110 => "High 10".into(),
        122 => "High 4:2:2".into(),
        244 => "High 4:4:4 Predictive".into(),
        44 => "CAVLC 4:4:4 Intra".into(),
        118 | 128 => "Multiview High".into(),
        n => format!("profile {n}"),
    };
    let level = if level_idc == 9 {
        "1b".to_string()
    } else {
        format!("{}.{}", level_idc / 10, level_idc % 10)
    };
    Some(AvcConfig {
        profile,
        level,
        interlaced: first_sps(body).and_then(sps_interlaced),
    })
}

/// The first SPS NAL unit listed in an avcC body.
fn first_sps(body: &[u8]) -> Option<&[u8]> {
    let count = body.get(5)? & 0x1f;
    if count == 0 {
        return None;
    }
    let len = usize::from(u16::from_be_bytes([*body.get(6)?, *body.get(7)?]));
    body.get(8..8 + len)
}

fn sps_interlaced(nal: &[u8]) -> Option<bool> {
    use h264_reader::nal::sps::{FrameMbsFlags, SeqParameterSet};
    use h264_reader::rbsp::{BitReader, ByteReader};
    let reader = BitReader::new(ByteReader::skipping_h264_header(nal));
    let sps = SeqParameterSet::from_bits(reader).ok()?;
    Some(matches!(sps.frame_mbs_flags, FrameMbsFlags::Fields { .. }))
}

/// Profile, level and interlacing of an HEVC stream from an `hvcC` body.
pub fn hvcc(body: &[u8]) -> Option<AvcConfig> {
    let b1 = *body.get(1)?;
    let tier_high = b1 & 0x20 != 0;
    let profile = match b1 & 0x1f {
        1 => "Main".to_string(),
        2 => "Main 10".into(),
        3 => "Main Still Picture".into(),
        4 => "Rext".into(),
        9 => "SCC".into(),
        n => format!("profile {n}"),
    };
    let constraints = *body.get(6)?;
    let progressive = constraints & 0x80 != 0;
    let interlaced_src = constraints & 0x40 != 0;
    let level_idc = *body.get(12)?;
    let level = format!(
        "{:.1}{}",
        f64::from(level_idc) / 30.0,
        if tier_high { " (High tier)" } else { "" }
    );
    let interlaced = match (progressive, interlaced_src) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    };
    Some(AvcConfig {
        profile,
        level,
        interlaced,
    })
}

/// The name of a video codec from its sample-entry code and, for `mp4v`, the `esds`
/// objectTypeIndication (ISO/IEC 14496-1 table 5: `mp4v` carries MPEG-1/2 video and JPEG
/// as well as MPEG-4 Part 2).
pub fn video_format_name(kind: &[u8; 4], object_type: Option<u8>) -> &'static str {
    match (kind, object_type) {
        (b"mp4v", Some(0x6C)) => "Motion JPEG",
        (b"mp4v", Some(0x60..=0x65)) => "MPEG-2 Video",
        (b"mp4v", Some(0x6A)) => "MPEG-1 Video",
        (b"mp4v", Some(0x21)) => "H.264",
        (b"mp4v", _) => "MPEG-4 Part 2",
        (b"avc1" | b"avc3", _) => "H.264",
        (b"hvc1" | b"hev1" | b"dvh1" | b"dvhe", _) => "HEVC",
        (b"s263" | b"h263", _) => "H.263",
        (b"av01", _) => "AV1",
        (b"vp09", _) => "VP9",
        (b"ap4h" | b"ap4x" | b"apch" | b"apcn" | b"apcs" | b"apco", _) => "ProRes",
        (b"jpeg" | b"mjpa" | b"mjpb", _) => "Motion JPEG",
        _ => "other",
    }
}

/// What an `esds` descriptor chain says about an MPEG-4 audio or visual stream.
#[derive(Debug, Default, PartialEq)]
pub struct Esds {
    /// objectTypeIndication (0x40 MPEG-4 audio, 0x6B MP3, …).
    pub object_type: u8,
    /// Declared average bitrate, 0 when not given.
    pub avg_bitrate: u32,
    /// AudioSpecificConfig, when the stream is AAC.
    pub audio: Option<AudioSpecificConfig>,
    /// The DecoderSpecificInfo bytes (the raw AudioSpecificConfig for AAC).
    pub specific_info: Vec<u8>,
}

/// The fields of an AAC AudioSpecificConfig that matter here.
#[derive(Debug, PartialEq)]
pub struct AudioSpecificConfig {
    /// Audio object type (2 = LC, 5 = SBR, 29 = PS, 42 = USAC …).
    pub object_type: u8,
    /// Sample rate in Hz, when the index is valid.
    pub sample_rate: Option<u32>,
    /// channelConfiguration: 0 means "given by a program config element".
    pub channel_config: u8,
}

/// Reads an `esds` body (a full box holding an ES_Descriptor).
pub fn esds(body: &[u8]) -> Option<Esds> {
    let mut r = body.get(4..)?;
    let (tag, es) = descriptor(&mut r)?;
    if tag != 0x03 {
        return None;
    }
    let mut es = es;
    let flags = *es.get(2)?;
    let mut skip = 3;
    if flags & 0x80 != 0 {
        skip += 2;
    }
    if flags & 0x40 != 0 {
        skip += 1 + usize::from(*es.get(skip)?);
    }
    if flags & 0x20 != 0 {
        skip += 2;
    }
    es = es.get(skip..)?;
    let (tag, dc) = descriptor(&mut es)?;
    if tag != 0x04 || dc.len() < 13 {
        return None;
    }
    let object_type = dc[0];
    let avg_bitrate = u32::from_be_bytes([dc[9], dc[10], dc[11], dc[12]]);
    let mut rest = &dc[13..];
    let specific_info = match descriptor(&mut rest) {
        Some((0x05, dsi)) => dsi.to_vec(),
        _ => Vec::new(),
    };
    let is_aac = object_type == 0x40 || (0x66..=0x68).contains(&object_type);
    let audio = if is_aac {
        audio_specific_config(&specific_info)
    } else {
        None
    };
    Some(Esds {
        object_type,
        avg_bitrate,
        audio,
        specific_info,
    })
}

/// One MPEG-4 descriptor: tag, then a size of up to four 7-bit groups.
fn descriptor<'a>(r: &mut &'a [u8]) -> Option<(u8, &'a [u8])> {
    let tag = *r.first()?;
    let mut len = 0usize;
    let mut i = 1;
    loop {
        let b = *r.get(i)?;
        len = (len << 7) | usize::from(b & 0x7f);
        i += 1;
        if b & 0x80 == 0 || i > 4 {
            break;
        }
    }
    // A length running past the parent is clamped: some muxers write 0x80 0x80 0x80 paddings loosely.
    let end = (i + len).min(r.len());
    let body = &r[i..end];
    *r = &r[end..];
    Some((tag, body))
}

/// Reads an AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1).
pub fn audio_specific_config(bytes: &[u8]) -> Option<AudioSpecificConfig> {
    let mut bits = Bits::new(bytes);
    let mut object_type = bits.take(5)? as u8;
    if object_type == 31 {
        object_type = 32 + bits.take(6)? as u8;
    }
    let index = bits.take(4)?;
    let sample_rate = if index == 15 {
        Some(bits.take(24)?)
    } else {
        SAMPLE_RATES.get(index as usize).copied()
    };
    let channel_config = bits.take(4)? as u8;
    Some(AudioSpecificConfig {
        object_type,
        sample_rate,
        channel_config,
    })
}

const SAMPLE_RATES: [u32; 13] = [
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

/// Name of an AAC audio object type.
pub fn aac_name(object_type: u8) -> String {
    match object_type {
        1 => "AAC Main".into(),
        2 => "AAC LC".into(),
        3 => "AAC SSR".into(),
        4 => "AAC LTP".into(),
        5 => "HE-AAC".into(),
        29 => "HE-AACv2".into(),
        23 => "AAC LD".into(),
        39 => "AAC ELD".into(),
        42 => "xHE-AAC (USAC)".into(),
        n => format!("MPEG-4 audio object type {n}"),
    }
}

/// Channel count and layout name for an AAC channelConfiguration (0 = in the PCE).
pub fn aac_channels(config: u8) -> Option<(u32, &'static str)> {
    Some(match config {
        1 => (1, "mono"),
        2 => (2, "stereo"),
        3 => (3, "3.0"),
        4 => (4, "4.0"),
        5 => (5, "5.0"),
        6 => (6, "5.1"),
        7 => (8, "7.1"),
        _ => return None,
    })
}

/// Channels (count, layout) from an AC-3 `dac3` body.
pub fn dac3(body: &[u8]) -> Option<(u32, String)> {
    let mut bits = Bits::new(body);
    bits.take(2 + 5 + 3)?; // fscod, bsid, bsmod
    let acmod = bits.take(3)?;
    let lfe = bits.take(1)?;
    Some(ac3_layout(acmod, lfe))
}

/// Channels (count, layout) of the first independent substream of an E-AC-3 `dec3` body.
pub fn dec3(body: &[u8]) -> Option<(u32, String)> {
    let mut bits = Bits::new(body);
    bits.take(13 + 3)?; // data_rate, num_ind_sub
    bits.take(2 + 5 + 1 + 1 + 3)?; // fscod, bsid, reserved, asvc, bsmod
    let acmod = bits.take(3)?;
    let lfe = bits.take(1)?;
    Some(ac3_layout(acmod, lfe))
}

fn ac3_layout(acmod: u32, lfe: u32) -> (u32, String) {
    const FULL: [(u32, &str); 8] = [
        (2, "1+1"),
        (1, "mono"),
        (2, "stereo"),
        (3, "3.0"),
        (3, "2.1"),
        (4, "3.1"),
        (4, "2.2"),
        (5, "5.0"),
    ];
    let (n, name) = FULL[(acmod & 7) as usize];
    if lfe == 1 {
        let name = if n == 5 {
            "5.1".to_string()
        } else {
            format!("{name}+LFE")
        };
        (n + 1, name)
    } else {
        (n, name.to_string())
    }
}

/// Output channel count of an Opus `dOps` body.
pub fn dops(body: &[u8]) -> Option<u32> {
    body.get(1).map(|&n| u32::from(n))
}

/// Channel count and layout name from a QuickTime `chan` body (CoreAudio layout tag).
pub fn chan(body: &[u8]) -> Option<(Option<u32>, String)> {
    let tag = u32::from_be_bytes(body.get(4..8)?.try_into().ok()?);
    let bitmap = u32::from_be_bytes(body.get(8..12)?.try_into().ok()?);
    let descriptions = u32::from_be_bytes(body.get(12..16)?.try_into().ok()?);
    Some(match tag {
        0 => (
            Some(descriptions),
            format!("{descriptions} described channels"),
        ),
        0x0001_0000 => (
            Some(bitmap.count_ones()),
            format!("channel bitmap {bitmap:#x}"),
        ),
        _ => {
            let count = tag & 0xffff;
            let name = match tag >> 16 {
                100 => "mono".to_string(),
                101 => "stereo".into(),
                102 => "stereo (headphones)".into(),
                103 => "matrix stereo".into(),
                104 => "mid/side".into(),
                105 => "XY".into(),
                106 => "binaural".into(),
                121..=124 => "5.1".into(),
                125 => "6.1".into(),
                126 | 127 => "7.1".into(),
                147 => "discrete".into(),
                id => format!("layout {id}"),
            };
            (Some(count), name)
        }
    })
}

/// Big-endian bit reader over a byte slice.
struct Bits<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Bits<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Bits { bytes, pos: 0 }
    }

    fn take(&mut self, n: u32) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let byte = *self.bytes.get(self.pos / 8)?;
            let bit = (byte >> (7 - self.pos % 8)) & 1;
            v = (v << 1) | u32::from(bit);
            self.pos += 1;
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_aac_lc_stereo_48k() {
        let asc = audio_specific_config(&[0x11, 0x90]).unwrap();
        assert_eq!(
            asc,
            AudioSpecificConfig {
                object_type: 2,
                sample_rate: Some(48000),
                channel_config: 2
            }
        );
    }

    #[test]
    fn reads_ac3_five_one() {
        // fscod 0, bsid 8, bsmod 0, acmod 7, lfeon 1
        assert_eq!(dac3(&[0x10, 0x3d, 0x00]).map(|c| c.0), Some(6));
    }

    #[test]
    fn reads_avcc_profile_level() {
        let c = avcc(&[1, 100, 0, 40, 0xff, 0xe0]).unwrap();
        assert_eq!((c.profile.as_str(), c.level.as_str()), ("High", "4.0"));
    }

    #[test]
    fn truncated_records_give_none() {
        assert!(avcc(&[1, 100]).is_none());
        assert!(esds(&[0, 0, 0, 0, 3]).is_none());
        assert!(chan(&[0; 6]).is_none());
    }
}
