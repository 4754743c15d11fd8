//! Movie fragments (moof/traf/trun): sample durations, sizes and sync flags per track.

use super::boxes::Child;
use super::leaf::decode;
use crate::facts::Problem;
use std::collections::BTreeMap;

/// trex defaults for one track.
#[derive(Debug, Clone, Copy, Default)]
pub struct Defaults {
    /// Sample duration in media ticks.
    pub duration: u32,
    /// Sample size in bytes.
    pub size: u32,
    /// Sample flags (bit 16 set = not a sync sample).
    pub flags: u32,
}

/// Samples gathered from all fragments of one track, run-length encoded.
#[derive(Debug, Clone, Default)]
pub struct FragmentTrack {
    /// (count, duration) runs.
    pub durations: Vec<(u64, u32)>,
    /// (count, size) runs.
    pub sizes: Vec<(u64, u32)>,
    /// Sync samples.
    pub sync: u64,
}

const NON_SYNC: u32 = 0x0001_0000;

fn push_run(runs: &mut Vec<(u64, u32)>, count: u64, value: u32) {
    match runs.last_mut() {
        Some((c, v)) if *v == value => *c = c.saturating_add(count),
        _ => runs.push((count, value)),
    }
}

/// Adds the samples of one `moof` to `tracks`, using `trex` defaults.
pub fn add_moof(
    moof: &Child,
    trex: &BTreeMap<u32, Defaults>,
    tracks: &mut BTreeMap<u32, FragmentTrack>,
    problems: &mut Vec<Problem>,
) {
    for traf in moof
        .kids(problems)
        .into_iter()
        .filter(|t| &t.kind == b"traf")
    {
        let mut track: Option<(u32, Defaults)> = None;
        for child in traf.kids(problems) {
            match &child.kind {
                b"tfhd" => {
                    if let Some(h) = decode::<mp4_atom::Tfhd>(&child, problems) {
                        let base = trex.get(&h.track_id).copied().unwrap_or_default();
                        track = Some((
                            h.track_id,
                            Defaults {
                                duration: h.default_sample_duration.unwrap_or(base.duration),
                                size: h.default_sample_size.unwrap_or(base.size),
                                flags: h.default_sample_flags.unwrap_or(base.flags),
                            },
                        ));
                    }
                }
                b"trun" => {
                    let Some((id, d)) = track else {
                        problems.push(Problem::new(
                            false,
                            Some(child.offset),
                            "trun before any tfhd: its samples belong to no track",
                            "trun 出现在 tfhd 之前：其样本不属于任何轨道",
                        ));
                        continue;
                    };
                    if let Some(run) = decode::<mp4_atom::Trun>(&child, problems) {
                        add_trun(&run.samples, d, tracks.entry(id).or_default());
                    }
                }
                _ => {}
            }
        }
    }
}

fn add_trun(samples: &mp4_atom::TrunSamples, d: Defaults, t: &mut FragmentTrack) {
    match samples {
        mp4_atom::TrunSamples::Inherited { count, first_flags } => {
            let count = u64::from(*count);
            push_run(&mut t.durations, count, d.duration);
            push_run(&mut t.sizes, count, d.size);
            let first_sync = first_flags.unwrap_or(d.flags) & NON_SYNC == 0;
            let rest_sync = d.flags & NON_SYNC == 0;
            if count > 0 {
                t.sync += u64::from(first_sync) + if rest_sync { count - 1 } else { 0 };
            }
        }
        mp4_atom::TrunSamples::Explicit(entries) => {
            for e in entries {
                push_run(&mut t.durations, 1, e.duration.unwrap_or(d.duration));
                push_run(&mut t.sizes, 1, e.size.unwrap_or(d.size));
                t.sync += u64::from(e.flags.unwrap_or(d.flags) & NON_SYNC == 0);
            }
        }
    }
}
