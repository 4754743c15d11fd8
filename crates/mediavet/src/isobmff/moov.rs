//! The `moov` box: movie header, tracks, fragment defaults and metadata.

use super::boxes::Child;
use super::fragments::Defaults;
use super::leaf::decode;
use super::metadata;
use super::track::{parse_trak, TrakParse};
use crate::facts::Problem;
use std::collections::BTreeMap;

/// What `moov` holds.
#[derive(Debug, Default)]
pub struct MoovParse {
    /// mvhd timescale.
    pub timescale: u32,
    /// mvhd duration in movie ticks.
    pub duration: u64,
    /// mvhd creation time (seconds since 1904; 0 = unset).
    pub creation_time: u64,
    /// Tracks in order.
    pub traks: Vec<TrakParse>,
    /// trex defaults by track id (fragmented files).
    pub trex: BTreeMap<u32, Defaults>,
    /// mehd fragment duration in movie ticks.
    pub fragment_duration: Option<u64>,
    /// Text tags from udta/meta.
    pub tags: BTreeMap<String, String>,
}

/// Parses a `moov` box.
pub fn parse_moov(moov: &Child, problems: &mut Vec<Problem>) -> MoovParse {
    let mut m = MoovParse::default();
    let mut saw_mvhd = false;
    for child in moov.kids(problems) {
        match &child.kind {
            b"mvhd" => {
                saw_mvhd = true;
                if let Some(h) = decode::<mp4_atom::Mvhd>(&child, problems) {
                    m.timescale = h.timescale;
                    m.duration = h.duration;
                    m.creation_time = h.creation_time;
                }
            }
            b"trak" => m.traks.push(parse_trak(&child, problems)),
            b"mvex" => mvex(&child, &mut m, problems),
            b"udta" | b"meta" => metadata::collect(&child, &mut m.tags, problems),
            _ => {}
        }
    }
    if !saw_mvhd {
        problems.push(Problem::new(
            false,
            Some(moov.offset),
            "movie header (mvhd) missing: movie duration and creation time unknown",
            "缺少影片头（mvhd）：影片时长和创建时间未知",
        ));
    }
    m
}

fn mvex(b: &Child, m: &mut MoovParse, problems: &mut Vec<Problem>) {
    for child in b.kids(problems) {
        match &child.kind {
            b"trex" => {
                if let Some(t) = decode::<mp4_atom::Trex>(&child, problems) {
                    m.trex.insert(
                        t.track_id,
                        Defaults {
                            duration: t.default_sample_duration,
                            size: t.default_sample_size,
                            flags: t.default_sample_flags,
                        },
                    );
                }
            }
            b"mehd" => {
                m.fragment_duration =
                    decode::<mp4_atom::Mehd>(&child, problems).map(|h| h.fragment_duration)
            }
            _ => {}
        }
    }
}
