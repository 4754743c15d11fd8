//! One `trak`: header, edit list, media header, handler, sample entry and tables.

use super::boxes::{fourcc, Child};
use super::language::mdhd_language;
use super::leaf::decode;
use super::sample_entry::{parse_stsd, SampleEntry};
use super::timeline::{Sizes, Timeline};
use crate::facts::Problem;

/// What a `trak` box holds, before fragments are added and figures derived.
#[derive(Debug, Default)]
pub struct TrakParse {
    /// tkhd track id.
    pub id: u32,
    /// tkhd enabled flag.
    pub enabled: bool,
    /// Clockwise rotation from the tkhd matrix.
    pub rotation: u32,
    /// hdlr handler type.
    pub handler: [u8; 4],
    /// mdhd timescale (ticks per second).
    pub timescale: u32,
    /// mdhd language.
    pub language: Option<String>,
    /// Edit list: (segment duration in movie ticks, media time or None for an empty edit).
    pub edits: Option<Vec<(u64, Option<u64>)>>,
    /// First sample entry.
    pub entry: Option<SampleEntry>,
    /// Sample durations (stts) and sizes (stsz).
    pub timeline: Timeline,
    /// Composition offsets (ctts): (sample count, offset in media ticks) runs; empty when
    /// every sample is shown at its decode time.
    pub composition_offsets: Vec<(u32, i64)>,
    /// Sync sample numbers (1-based) from stss; `None` when every sample is a sync sample.
    pub sync_samples: Option<Vec<u32>>,
    /// Chunk offsets (stco/co64).
    pub chunk_offsets: Vec<u64>,
    /// Sample-to-chunk runs (first chunk, samples per chunk).
    pub stsc: Vec<(u32, u32)>,
}

/// Parses a `trak` body; problems are collected, never fatal.
pub fn parse_trak(trak: &Child, problems: &mut Vec<Problem>) -> TrakParse {
    let mut t = TrakParse {
        enabled: true,
        ..Default::default()
    };
    walk(trak, &mut t, problems);
    t
}

fn walk(parent: &Child, t: &mut TrakParse, problems: &mut Vec<Problem>) {
    let mut stsd: Option<Child> = None;
    for child in parent.kids(problems) {
        match &child.kind {
            b"mdia" | b"minf" | b"stbl" | b"edts" => walk(&child, t, problems),
            b"tkhd" => {
                if let Some(h) = decode::<mp4_atom::Tkhd>(&child, problems) {
                    t.id = h.track_id;
                    t.enabled = h.enabled;
                    t.rotation = rotation(&h.matrix);
                }
            }
            b"elst" => {
                if let Some(e) = decode::<mp4_atom::Elst>(&child, problems) {
                    t.edits = Some(e.entries.iter().map(|e| (e.segment_duration, e.media_time)).collect());
                }
            }
            b"mdhd" => {
                if let Some(h) = decode::<mp4_atom::Mdhd>(&child, problems) {
                    // A timescale of 0, or one with the sign bit set (read as negative by
                    // other demuxers), gives no usable timing.
                    if h.timescale == 0 || h.timescale > i32::MAX as u32 {
                        problems.push(Problem::new(
                            false,
                            Some(child.offset),
                            format!("media header gives an invalid timescale of {}; the track's timing is unknown", h.timescale),
                            format!("媒体头给出的时间刻度 {} 无效，该轨道的时长未知", h.timescale),
                        ));
                    } else {
                        t.timescale = h.timescale;
                    }
                    t.language = mdhd_language(child.body);
                }
            }
            // QuickTime also has a data-handler hdlr inside minf; only mdia's names the media.
            b"hdlr" if &parent.kind == b"mdia" => {
                // Handler type sits after version/flags and pre_defined; read directly so a
                // QuickTime hdlr with a Pascal-string name (which mp4-atom rejects) still counts.
                if let Some(h) = child.body.get(8..12).and_then(|s| <[u8; 4]>::try_from(s).ok()) {
                    t.handler = h;
                }
            }
            b"stsd" => stsd = Some(child),
            b"stts" => {
                if let Some(s) = decode::<mp4_atom::Stts>(&child, problems) {
                    t.timeline.durations =
                        s.entries.iter().map(|e| (u64::from(e.sample_count), e.sample_delta)).collect();
                }
            }
            b"stsz" => {
                if let Some(s) = decode::<mp4_atom::Stsz>(&child, problems) {
                    t.timeline.sizes = match s.samples {
                        mp4_atom::StszSamples::Identical { count, size } => Sizes::Same { count: u64::from(count), size },
                        mp4_atom::StszSamples::Different { sizes } => Sizes::Each(sizes),
                    };
                }
            }
            b"stco" => {
                if let Some(s) = decode::<mp4_atom::Stco>(&child, problems) {
                    t.chunk_offsets = s.entries.into_iter().map(u64::from).collect();
                }
            }
            b"co64" => {
                if let Some(s) = decode::<mp4_atom::Co64>(&child, problems) {
                    t.chunk_offsets = s.entries;
                }
            }
            b"stsc" => {
                if let Some(s) = decode::<mp4_atom::Stsc>(&child, problems) {
                    t.stsc = s.entries.iter().map(|e| (e.first_chunk, e.samples_per_chunk)).collect();
                }
            }
            b"stz2" => problems.push(Problem::new(
                false,
                Some(child.offset),
                "compact sample sizes (stz2) are not read; stream size and bitrate are not measured",
                "未读取紧凑样本大小表（stz2），未测量数据量和码率",
            )),
            b"ctts" => {
                if let Some(c) = decode::<mp4_atom::Ctts>(&child, problems) {
                    t.composition_offsets =
                        c.entries.iter().map(|e| (e.sample_count, e.sample_offset)).collect();
                }
            }
            b"stss" => {
                if let Some(s) = decode::<mp4_atom::Stss>(&child, problems) {
                    t.sync_samples = Some(s.entries);
                }
            }
            _ => {}
        }
    }
    // The sample entry is read last: its layout depends on the handler, which may come after it.
    if let Some(stsd) = stsd {
        t.entry = parse_stsd(&stsd, &t.handler, problems);
        if t.entry.is_none() {
            let handler = fourcc(&t.handler);
            problems.push(Problem::new(
                false,
                Some(stsd.offset),
                format!("sample description of a '{handler}' track could not be read"),
                format!("无法读取 '{handler}' 轨道的样本描述"),
            ));
        }
    }
}

/// Clockwise display rotation encoded in a track matrix (0 when not a right-angle rotation).
fn rotation(m: &mp4_atom::Matrix) -> u32 {
    match (m.a.signum(), m.b.signum(), m.c.signum(), m.d.signum()) {
        (0, 1, -1, 0) => 90,
        (-1, 0, 0, -1) => 180,
        (0, -1, 1, 0) => 270,
        _ => 0,
    }
}
