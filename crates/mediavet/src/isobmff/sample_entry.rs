//! The first sample entry of an `stsd` box: codec, picture size, audio format.
//!
//! Parsed by hand because the layouts that matter here are fixed-offset records
//! that mp4-atom either does not read (QuickTime sound description v2, `chan`,
//! `fiel`, `wave`) or rejects as a whole when a child box is malformed.

use super::boxes::{collect as boxes_in, fourcc, Child};
use super::codec_config as cc;
use crate::facts::{AudioFacts, Problem, VideoFacts};

/// What the sample entry told us.
#[derive(Debug, Default)]
pub struct SampleEntry {
    /// Codec four-character code (the original format for encrypted entries).
    pub codec: String,
    /// Declared average bitrate (btrt, esds).
    pub declared_bitrate: Option<u64>,
    /// Filled for visual entries.
    pub video: Option<VideoFacts>,
    /// Filled for audio entries.
    pub audio: Option<AudioFacts>,
    /// What an audio decoder needs besides the samples.
    pub decoding: AudioDecoding,
    /// The avcC record (H.264 decoder configuration: SPS, PPS, NAL length size).
    pub video_config: Option<Vec<u8>>,
    /// The body of a `tx3g` (timed text) entry: default style and font table.
    pub text_entry: Option<Vec<u8>>,
}

/// Decoder set-up read from an audio sample entry (not part of the facts).
#[derive(Debug, Default, Clone)]
pub struct AudioDecoding {
    /// esds objectTypeIndication (0x40 AAC, 0x6B MP3, …).
    pub object_type: Option<u8>,
    /// AudioSpecificConfig (AAC), ALAC magic cookie, or FLAC STREAMINFO.
    pub config: Option<Vec<u8>>,
    /// Sample layout of uncompressed audio.
    pub pcm: Option<Pcm>,
}

/// How uncompressed samples are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pcm {
    /// Bits per sample.
    pub bits: u32,
    /// IEEE float rather than integer.
    pub float: bool,
    /// Big-endian byte order.
    pub big_endian: bool,
}

/// Reads the `stsd` body (full box) of a track with the given handler.
pub fn parse_stsd(
    stsd: &Child,
    handler: &[u8; 4],
    problems: &mut Vec<Problem>,
) -> Option<SampleEntry> {
    let body = stsd.body;
    let count = u32::from_be_bytes(body.get(4..8)?.try_into().ok()?);
    let entries = body.get(8..)?;
    let first = match super::boxes::children(entries, stsd.body_offset() + 8, *b"stsd").next() {
        Some(Ok(entry)) => entry,
        Some(Err(p)) => {
            problems.push(p);
            return None;
        }
        None => {
            problems.push(Problem::new(
                false,
                Some(stsd.offset),
                format!("stsd lists {count} sample entries but holds none"),
                format!("stsd 声明有 {count} 个样本描述，实际一个也没有"),
            ));
            return None;
        }
    };
    let mut entry = SampleEntry {
        codec: fourcc(&first.kind),
        ..Default::default()
    };
    match handler {
        b"vide" => entry.video = visual(&first, &mut entry, problems),
        b"soun" => entry.audio = Some(audio(&first, &mut entry, problems)),
        _ if &first.kind == b"tx3g" => entry.text_entry = Some(first.body.to_vec()),
        _ => {}
    }
    Some(entry)
}

/// Visual sample entry: width/height at fixed offsets, then child boxes from byte 78.
fn visual(e: &Child, entry: &mut SampleEntry, problems: &mut Vec<Problem>) -> Option<VideoFacts> {
    let b = e.body;
    let width = u32::from(u16::from_be_bytes(b.get(24..26)?.try_into().ok()?));
    let height = u32::from(u16::from_be_bytes(b.get(26..28)?.try_into().ok()?));
    let mut v = VideoFacts {
        width,
        height,
        ..Default::default()
    };
    let mut object_type = None;
    let kids = b.get(78..).unwrap_or(&[]);
    for child in boxes_in(kids, e.body_offset() + 78, e.kind, problems) {
        match &child.kind {
            b"avcC" | b"hvcC" => {
                let config = if &child.kind == b"avcC" {
                    cc::avcc(child.body)
                } else {
                    cc::hvcc(child.body)
                };
                if &child.kind == b"avcC" {
                    entry.video_config = Some(child.body.to_vec());
                }
                if let Some(c) = config {
                    v.profile = Some(c.profile);
                    v.level = Some(c.level);
                    v.interlaced = v.interlaced.or(c.interlaced);
                }
            }
            b"pasp" => {
                let h = u32::from_be_bytes(child.body.get(0..4)?.try_into().ok()?);
                let s = u32::from_be_bytes(child.body.get(4..8)?.try_into().ok()?);
                if h > 0 && s > 0 {
                    v.pixel_aspect_ratio = Some([h, s]);
                }
            }
            // QuickTime field handling: 1 = progressive, 2 = two fields.
            b"fiel" => v.interlaced = child.body.first().map(|&f| f == 2),
            b"btrt" => entry.declared_bitrate = btrt(child.body),
            b"esds" => {
                if let Some(es) = cc::esds(child.body) {
                    entry.declared_bitrate = Some(u64::from(es.avg_bitrate)).filter(|&b| b > 0);
                    object_type = Some(es.object_type);
                }
            }
            b"sinf" => original_format(&child, entry, problems),
            _ => {}
        }
    }
    // After `sinf`: an encrypted entry is named by its original format.
    let code = <[u8; 4]>::try_from(entry.codec.as_bytes()).unwrap_or(e.kind);
    v.format = Some(cc::video_format_name(&code, object_type).into());
    Some(v)
}

/// Audio sample entry, ISO or QuickTime sound description v0/v1/v2.
fn audio(e: &Child, entry: &mut SampleEntry, problems: &mut Vec<Problem>) -> AudioFacts {
    let b = e.body;
    let mut a = AudioFacts::default();
    let u16_at = |o: usize| b.get(o..o + 2).map(|s| u16::from_be_bytes([s[0], s[1]]));
    let version = u16_at(8).unwrap_or(0);
    let kids_at = match version {
        0 => {
            a.channels = u16_at(16).map(u32::from);
            a.sample_rate = u16_at(24).map(f64::from);
            28
        }
        1 => {
            a.channels = u16_at(16).map(u32::from);
            a.sample_rate = u16_at(24).map(f64::from);
            44
        }
        2 => {
            a.sample_rate = b
                .get(32..40)
                .and_then(|s| s.try_into().ok())
                .map(f64::from_be_bytes);
            a.channels = b
                .get(40..44)
                .and_then(|s| s.try_into().ok())
                .map(u32::from_be_bytes);
            64
        }
        v => {
            problems.push(Problem::new(
                false,
                Some(e.offset),
                format!("sound description version {v} is not defined; channel count from the entry is unreliable"),
                format!("音频描述版本 {v} 未定义，其中的声道数不可靠"),
            ));
            28
        }
    };
    a.channels_source = a.channels.map(|_| "sample entry".into());
    let declared = a.channels;
    a.format = Some(audio_format_name(&e.kind));
    entry.decoding.pcm = pcm_layout(&e.kind, version, b);
    if matches!(&e.kind, b"samr" | b"sawb" | b"sawp") {
        codec_channels(&mut a, 1, Some("mono".into()), "codec (AMR is mono)");
    }
    let kids = b.get(kids_at..).unwrap_or(&[]);
    audio_children(
        kids,
        e.body_offset() + kids_at as u64,
        e.kind,
        entry,
        &mut a,
        problems,
    );
    note_entry_disagrees(&mut a, declared);
    a
}

/// Sets the channel count that the codec's own header or configuration gives (`source`):
/// it wins over the sample entry's, which encoders often leave at 2.
pub(super) fn codec_channels(
    a: &mut AudioFacts,
    n: u32,
    layout: Option<String>,
    source: impl Into<String>,
) {
    a.channels = Some(n);
    a.channel_layout = layout.or_else(|| default_layout(n));
    a.channels_source = Some(source.into());
}

/// Adds what the sample entry declared to `channels_source` when the codec's count differs
/// from it (`declared`), so the disagreement is visible in the facts.
pub(super) fn note_entry_disagrees(a: &mut AudioFacts, declared: Option<u32>) {
    if let (Some(d), Some(n), Some(source)) = (declared, a.channels, a.channels_source.as_mut()) {
        if d != n && source != "sample entry" {
            source.push_str(&format!(" (the sample entry says {d})"));
        }
    }
}

fn default_layout(n: u32) -> Option<String> {
    match n {
        1 => Some("mono".into()),
        2 => Some("stereo".into()),
        _ => None,
    }
}

fn audio_children(
    kids: &[u8],
    base: u64,
    parent: [u8; 4],
    entry: &mut SampleEntry,
    a: &mut AudioFacts,
    problems: &mut Vec<Problem>,
) {
    for child in boxes_in(kids, base, parent, problems) {
        match &child.kind {
            b"esds" => {
                let Some(es) = cc::esds(child.body) else {
                    continue;
                };
                entry.decoding.object_type = Some(es.object_type);
                entry.decoding.config = Some(es.specific_info.clone()).filter(|c| !c.is_empty());
                entry.declared_bitrate = Some(u64::from(es.avg_bitrate)).filter(|&b| b > 0);
                match es.object_type {
                    0x69 | 0x6B => a.format = Some("MP3".into()),
                    0x6C => a.format = Some("JPEG".into()),
                    _ => {}
                }
                if let Some(asc) = es.audio {
                    a.format = Some(cc::aac_name(asc.object_type));
                    if let Some(rate) = asc.sample_rate {
                        a.sample_rate = Some(f64::from(rate));
                    }
                    if let Some((n, layout)) = cc::aac_channels(asc.channel_config) {
                        codec_channels(a, n, Some(layout.into()), "esds");
                    }
                }
            }
            b"chan" => {
                if let Some((count, layout)) = cc::chan(child.body) {
                    if a.channels_source.as_deref() != Some("esds") {
                        if let Some(n) = count.filter(|&n| n > 0) {
                            a.channels = Some(n);
                            a.channels_source = Some("chan".into());
                        }
                    }
                    a.channel_layout.get_or_insert(layout);
                }
            }
            b"dac3" | b"dec3" => {
                let parsed = if &child.kind == b"dac3" {
                    cc::dac3(child.body)
                } else {
                    cc::dec3(child.body)
                };
                if let Some((n, layout)) = parsed {
                    codec_channels(a, n, Some(layout), fourcc(&child.kind));
                }
            }
            b"dOps" => {
                if let Some(n) = cc::dops(child.body) {
                    codec_channels(a, n, None, "dOps");
                }
            }
            b"btrt" => entry.declared_bitrate = btrt(child.body),
            // ALAC's magic cookie and FLAC's STREAMINFO follow a full-box header; each
            // carries the channel count the decoder uses.
            b"alac" => {
                entry.decoding.config = child.body.get(4..).map(<[u8]>::to_vec);
                if let Some(&n) = child.body.get(4 + 9).filter(|&&n| n > 0) {
                    codec_channels(a, u32::from(n), None, "alac");
                }
            }
            b"dfLa" => {
                entry.decoding.config = child.body.get(8..42).map(<[u8]>::to_vec);
                if let Some(&b) = child.body.get(8 + 12) {
                    codec_channels(a, u32::from((b >> 1) & 7) + 1, None, "dfLa");
                }
            }
            // 'enda' = 1 marks little-endian 24/32-bit QuickTime PCM.
            b"enda" => {
                if let (Some(p), Some(&[_, flag])) =
                    (entry.decoding.pcm.as_mut(), child.body.get(0..2))
                {
                    p.big_endian = flag == 0;
                }
            }
            // QuickTime wraps the decoder config of compressed audio in `wave`.
            b"wave" => audio_children(
                child.body,
                child.body_offset(),
                child.kind,
                entry,
                a,
                problems,
            ),
            b"sinf" => original_format(&child, entry, problems),
            _ => {}
        }
    }
    if a.channel_layout.is_none() {
        a.channel_layout = a.channels.and_then(default_layout);
    }
}

/// Sample layout of the uncompressed formats, from the fourcc and (for `lpcm`) the v2 flags.
fn pcm_layout(kind: &[u8; 4], version: u16, b: &[u8]) -> Option<Pcm> {
    let pcm = |bits, float, big_endian| {
        Some(Pcm {
            bits,
            float,
            big_endian,
        })
    };
    let entry_bits = b
        .get(18..20)
        .map_or(16, |s| u32::from(u16::from_be_bytes([s[0], s[1]])));
    match kind {
        b"sowt" => pcm(16, false, false),
        b"twos" => pcm(entry_bits.clamp(8, 16), false, true),
        b"in24" => pcm(24, false, true),
        b"in32" => pcm(32, false, true),
        b"fl32" => pcm(32, true, true),
        b"fl64" => pcm(64, true, true),
        b"lpcm" if version == 2 => {
            let word = |o: usize| {
                b.get(o..o + 4)
                    .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
            };
            let (bits, flags) = (word(48)?, word(52)?);
            pcm(bits, flags & 1 != 0, flags & 2 != 0)
        }
        _ => None,
    }
}

/// `btrt`: buffer size, max bitrate, average bitrate.
fn btrt(body: &[u8]) -> Option<u64> {
    let avg = u32::from_be_bytes(body.get(8..12)?.try_into().ok()?);
    (avg > 0).then_some(u64::from(avg))
}

/// Encrypted entries (encv/enca) name their real codec in sinf/frma.
fn original_format(sinf: &Child, entry: &mut SampleEntry, problems: &mut Vec<Problem>) {
    for child in sinf.kids(problems) {
        if &child.kind == b"frma" {
            if let Some(k) = child
                .body
                .get(0..4)
                .and_then(|s| <[u8; 4]>::try_from(s).ok())
            {
                entry.codec = fourcc(&k);
            }
        }
    }
}

fn audio_format_name(kind: &[u8; 4]) -> String {
    match kind {
        b"mp4a" => "MPEG-4 audio",
        b".mp3" => "MP3",
        b"ac-3" => "AC-3",
        b"ec-3" => "E-AC-3",
        b"Opus" => "Opus",
        b"fLaC" => "FLAC",
        b"alac" => "ALAC",
        b"samr" => "AMR-NB",
        b"sawb" => "AMR-WB",
        b"sowt" => "PCM s16le",
        b"twos" => "PCM s16be",
        b"in24" => "PCM s24",
        b"in32" => "PCM s32",
        b"fl32" => "PCM f32",
        b"fl64" => "PCM f64",
        b"lpcm" => "PCM",
        b"ipcm" => "PCM (ISO)",
        b"raw " => "PCM u8",
        _ => return fourcc(kind),
    }
    .to_string()
}
