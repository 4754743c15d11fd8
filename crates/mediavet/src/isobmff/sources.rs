//! Where a file's media lives, from the one parse of its boxes: each audio track's
//! decoder set-up and packet positions, each video track's keyframes (and the pictures
//! between them), each subtitle track's samples — what the decoders read.

use super::assemble::Walk;
use super::chunks::for_each_sample;
use super::sample_entry::AudioDecoding;
use super::track::TrakParse;

/// One audio track, ready to demux.
#[derive(Debug, Clone)]
pub struct AudioSource {
    /// tkhd track id.
    pub track_id: u32,
    /// Position among the file's audio tracks (0 = first), as ffmpeg's `0:a:N`.
    pub audio_index: usize,
    /// Sample-entry code (`mp4a`, `sowt`, …).
    pub codec: String,
    /// Declared sample rate.
    pub sample_rate: Option<f64>,
    /// Declared channel count.
    pub channels: Option<u32>,
    /// AAC audio object type from the AudioSpecificConfig.
    pub aac_object_type: Option<u8>,
    /// Decoder set-up.
    pub decoding: AudioDecoding,
    /// (file offset, size, decode time in media ticks) of every sample in decode order;
    /// `None` when the sample tables cannot place them (fragmented files, damaged tables).
    pub packets: Option<Vec<(u64, u32, u64)>>,
    /// Media timescale (ticks per second).
    pub timescale: u32,
    /// What is presented, in media ticks: the edit list's windows (all of it when no edit list).
    pub presented: Vec<(u64, u64)>,
}

/// Indices of `count` items spread evenly over `n` (all of them when `n ≤ count` or `count` is 0).
pub fn spread(n: usize, count: usize) -> Vec<usize> {
    if n <= count || count == 0 {
        return (0..n).collect();
    }
    if count == 1 {
        return vec![0];
    }
    (0..count).map(|i| i * (n - 1) / (count - 1)).collect()
}

/// Which sources to take from the parse (each costs a pass over a sample table).
#[derive(Debug, Clone, Copy, Default)]
pub struct Wants {
    /// The audio tracks' packets.
    pub audio: bool,
    /// Up to this many keyframes of each video track.
    pub keyframes: Option<usize>,
    /// The subtitle tracks' samples.
    pub subtitles: bool,
}

/// The sources taken from one parse.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// Audio tracks, in file order.
    pub audio: Vec<AudioSource>,
    /// Video tracks, in file order.
    pub video: Vec<VideoSource>,
    /// Subtitle tracks, in file order.
    pub subtitles: Vec<SubtitleSource>,
}

/// The sources `wants` asks for, from the walk (before its tracks become facts).
pub(super) fn sources(w: &Walk, wants: Wants) -> Sources {
    let Some(moov) = &w.moov else {
        return Sources::default();
    };
    let fragmented: Vec<u32> = w.fragments.keys().copied().collect();
    let of = |handlers: &[[u8; 4]]| {
        moov.traks
            .iter()
            .filter(|t| handlers.contains(&t.handler))
            .collect::<Vec<_>>()
    };
    Sources {
        audio: if wants.audio {
            audio_sources(&of(&[*b"soun"]), moov.timescale, &fragmented)
        } else {
            Vec::new()
        },
        video: wants.keyframes.map_or_else(Vec::new, |wanted| {
            video_sources(&of(&[*b"vide"]), &fragmented, wanted)
        }),
        subtitles: if wants.subtitles {
            subtitle_sources(&of(&[*b"text", *b"sbtl", *b"subt"]), &fragmented)
        } else {
            Vec::new()
        },
    }
}

/// Visits every sample of `t` as (file offset, size, decode time in media ticks; `u64::MAX`
/// past the time table's end) in decode order. `false` for tracks in movie fragments or
/// whose tables cannot place the samples.
fn for_each_placed(
    t: &TrakParse,
    fragmented: &[u32],
    mut visit: impl FnMut(u64, u32, u64),
) -> bool {
    if fragmented.contains(&t.id) {
        return false;
    }
    let mut times = t.timeline.decode_times();
    for_each_sample(
        &t.chunk_offsets,
        &t.stsc,
        t.timeline.sizes.iter(),
        t.timeline.sizes.count(),
        |offset, size| visit(offset, size, times.next().unwrap_or(u64::MAX)),
    )
}

/// The audio tracks.
fn audio_sources(traks: &[&TrakParse], movie_scale: u32, fragmented: &[u32]) -> Vec<AudioSource> {
    traks
        .iter()
        .enumerate()
        .map(|(audio_index, t)| {
            let none = Default::default();
            let entry = t.entry.as_ref().unwrap_or(&none);
            let facts = entry.audio.clone().unwrap_or_default();
            let mut packets = Vec::new();
            let placed = for_each_placed(t, fragmented, |offset, size, tick| {
                packets.push((offset, size, tick))
            });
            let presented = presented_windows(t.edits.as_deref(), movie_scale, t.timescale);
            let aac_object_type = entry
                .decoding
                .config
                .as_deref()
                .filter(|_| entry.decoding.object_type == Some(0x40))
                .and_then(super::codec_config::audio_specific_config)
                .map(|asc| asc.object_type);
            AudioSource {
                track_id: t.id,
                audio_index,
                codec: entry.codec.clone(),
                sample_rate: facts.sample_rate,
                channels: facts.channels,
                aac_object_type,
                decoding: entry.decoding.clone(),
                packets: placed.then_some(packets),
                timescale: t.timescale,
                presented,
            }
        })
        .collect()
}

/// A subtitle track of an MP4/QuickTime file.
#[derive(Debug, Clone)]
pub struct SubtitleSource {
    /// tkhd track id.
    pub track_id: u32,
    /// Sample-entry code (`tx3g`, `wvtt`, `c608` …).
    pub codec: String,
    /// The tx3g sample entry body, when the track is tx3g.
    pub entry: Option<Vec<u8>>,
    /// Every sample as (file offset, size, decode time in seconds); `None` when the
    /// tables cannot place them (fragmented files).
    pub samples: Option<Vec<(u64, u32, f64)>>,
}

/// The subtitle tracks (handlers `text`, `sbtl`, `subt`).
fn subtitle_sources(traks: &[&TrakParse], fragmented: &[u32]) -> Vec<SubtitleSource> {
    traks
        .iter()
        .map(|t| {
            let none = Default::default();
            let entry = t.entry.as_ref().unwrap_or(&none);
            let scale = f64::from(t.timescale.max(1));
            let mut samples = Vec::new();
            let placed = for_each_placed(t, fragmented, |offset, size, tick| {
                samples.push((offset, size, tick as f64 / scale))
            });
            SubtitleSource {
                track_id: t.id,
                codec: entry.codec.clone(),
                entry: entry.text_entry.clone(),
                samples: placed.then_some(samples),
            }
        })
        .collect()
}

/// The edit list's non-empty edits as [start, end) windows in media ticks; one window
/// covering everything when there is no edit list.
fn presented_windows(
    edits: Option<&[(u64, Option<u64>)]>,
    movie_scale: u32,
    media_scale: u32,
) -> Vec<(u64, u64)> {
    let windows: Vec<(u64, u64)> = edits
        .unwrap_or_default()
        .iter()
        .filter_map(|&(duration, start)| {
            let start = start?;
            let length = (u128::from(duration) * u128::from(media_scale)
                / u128::from(movie_scale.max(1))) as u64;
            // A zero-length edit (fragmented files) means "to the end".
            Some((
                start,
                if length == 0 {
                    u64::MAX
                } else {
                    start.saturating_add(length)
                },
            ))
        })
        .collect();
    if windows.is_empty() {
        vec![(0, u64::MAX)]
    } else {
        windows
    }
}

/// One keyframe (sync sample) of a video track.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Keyframe {
    /// Position among the track's keyframes (0 = first).
    pub number: usize,
    /// File offset of the sample.
    pub offset: u64,
    /// Sample size in bytes.
    pub size: u32,
    /// Decode time in seconds.
    pub time_s: f64,
}

/// Most frames decoded between keyframes per file, to give the watermark search enough
/// pictures when a short clip has few keyframes (a 12 s repost with a keyframe every 2 s).
/// Each costs a decode from its keyframe on: at 1080p, openh264 decodes about 100 a second
/// on one core.
pub const MAX_BETWEEN: usize = 400;

/// Keyframes enough for the watermark search to analyse every half and third of a video
/// on its own (`video::watermark::WINDOWED_FRAMES`, three times six). With fewer, pictures
/// between keyframes are decoded too; from this many on, keyframes only: a picture a
/// fraction of a second after a keyframe shows little the keyframes do not, and reaching
/// it costs every picture before it (a 3-minute 1080p file with 18 keyframes, 24 wanted:
/// 198 pictures decoded between them, two thirds of the frame analysis's CPU time).
pub const ENOUGH_KEYFRAMES: usize = 18;

/// A sample between two keyframes that is decoded (in decode order, after its keyframe and
/// the samples before it) to reach a picture kept for the search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Between {
    /// Index of its keyframe in [`VideoSource::keyframes`].
    pub keyframe: usize,
    /// File offset of the sample.
    pub offset: u64,
    /// Sample size in bytes.
    pub size: u32,
    /// Presentation time in seconds (decode time and composition offset).
    pub time_s: f64,
    /// The picture is wanted for the search; the others are decoded as references only
    /// (or skipped when nothing refers to them).
    pub keep: bool,
}

/// One video track, ready to pick keyframes from.
#[derive(Debug, Clone)]
pub struct VideoSource {
    /// tkhd track id.
    pub track_id: u32,
    /// Sample-entry code (`avc1`, `hvc1`, …).
    pub codec: String,
    /// Position among the file's video tracks (0 = first), as ffmpeg's `0:v:N`.
    pub video_index: usize,
    /// The avcC record, for H.264.
    pub avcc: Option<Vec<u8>>,
    /// Stored picture size.
    pub width: u32,
    /// Stored picture height.
    pub height: u32,
    /// Keyframes in the track (sync samples; every sample when there is no stss).
    pub keyframe_total: usize,
    /// Up to `wanted` keyframes spread evenly over the track (all when it has fewer), in
    /// decode order; `None` when the tables cannot place them.
    pub keyframes: Option<Vec<Keyframe>>,
    /// When the track has fewer than `wanted` keyframes and than [`ENOUGH_KEYFRAMES`]:
    /// samples after each keyframe to
    /// decode so that about `wanted` pictures are kept in all, spread over each keyframe's
    /// group of pictures, at most [`MAX_BETWEEN`] decoded in all.
    pub between: Vec<Between>,
}

/// The sample numbers (1-based, decode order) to keep between keyframes when there are
/// fewer than [`ENOUGH_KEYFRAMES`]: for `sync`, the track's keyframe sample numbers
/// (sorted), in a track of `samples` samples, so that
/// about `wanted` pictures are kept in all, each group of pictures decoded no further
/// than its share of [`MAX_BETWEEN`].
fn between_targets(sync: &[u32], samples: u64, wanted: usize) -> Vec<u32> {
    let keys = sync.len();
    if keys == 0 || keys >= wanted.min(ENOUGH_KEYFRAMES) {
        return Vec::new();
    }
    let extra = wanted.div_ceil(keys) - 1;
    let reach = (MAX_BETWEEN / keys) as u64;
    let mut targets = Vec::new();
    for (k, &start) in sync.iter().enumerate() {
        let end = sync.get(k + 1).map_or(samples + 1, |&n| u64::from(n));
        // Samples after the keyframe within its group, as far as the budget reaches.
        let span = end.saturating_sub(u64::from(start) + 1).min(reach);
        let mut last = 0;
        for j in 1..=extra as u64 {
            let offset = j * (span + 1) / (extra as u64 + 1);
            if offset > last && offset <= span {
                targets.push(start + offset as u32);
                last = offset;
            }
        }
    }
    targets
}

/// The video tracks, each with up to `wanted` of its keyframes spread evenly (only those
/// are kept: a table claiming billions of samples costs time, not memory).
fn video_sources(traks: &[&TrakParse], fragmented: &[u32], wanted: usize) -> Vec<VideoSource> {
    traks
        .iter()
        .enumerate()
        .map(|(video_index, t)| {
            let none = Default::default();
            let entry = t.entry.as_ref().unwrap_or(&none);
            let scale = f64::from(t.timescale.max(1));
            let sync = t.sync_samples.as_deref();
            let samples = t.timeline.sizes.count();
            let total = match sync {
                Some(list) => list.iter().filter(|&&n| u64::from(n) <= samples).count(),
                None => usize::try_from(samples).unwrap_or(usize::MAX),
            };
            let picks = spread(total, wanted);
            let targets = sync.map_or_else(Vec::new, |s| {
                let placed: Vec<u32> = s
                    .iter()
                    .copied()
                    .filter(|&n| u64::from(n) <= samples)
                    .collect();
                between_targets(&placed, samples, wanted)
            });
            let mut keyframes = Vec::with_capacity(picks.len());
            let mut between = Vec::new();
            let (mut number, mut keyframe) = (0u32, 0usize);
            // A picture between keyframes is shown at its decode time plus its composition
            // offset, counted from the first sample's (the usual B-frame delay).
            let mut offsets = t
                .composition_offsets
                .iter()
                .flat_map(|&(n, o)| std::iter::repeat_n(o, n as usize));
            let first_offset = t.composition_offsets.first().map_or(0, |&(_, o)| o);
            let placed = for_each_placed(t, fragmented, |offset, size, tick| {
                number += 1;
                let shift = offsets.next().map_or(0, |o| o - first_offset);
                let time_s = if tick == u64::MAX {
                    0.0
                } else {
                    tick as f64 / scale
                };
                if sync.is_none_or(|s| s.binary_search(&number).is_ok()) {
                    if picks.get(keyframes.len()) == Some(&keyframe) {
                        keyframes.push(Keyframe {
                            number: keyframe,
                            offset,
                            size,
                            time_s,
                        });
                    }
                    keyframe += 1;
                    return;
                }
                // A sample before the last target of its group is decoded (as a reference
                // at least) when the group's keyframe is.
                let Some(k) = keyframes.len().checked_sub(1) else {
                    return;
                };
                let next = targets.partition_point(|&n| n < number);
                let in_group = targets.get(next).is_some_and(|&n| {
                    sync.is_some_and(|s| {
                        s.partition_point(|&x| x <= n) == s.partition_point(|&x| x <= number)
                    })
                });
                if in_group {
                    between.push(Between {
                        keyframe: k,
                        offset,
                        size,
                        time_s: (time_s + shift as f64 / scale).max(0.0),
                        keep: targets[next] == number,
                    });
                }
            });
            let (width, height) = entry.video.as_ref().map_or((0, 0), |v| (v.width, v.height));
            VideoSource {
                track_id: t.id,
                codec: entry.codec.clone(),
                video_index,
                avcc: entry.video_config.clone(),
                width,
                height,
                keyframe_total: total,
                keyframes: placed.then_some(keyframes),
                between: if placed { between } else { Vec::new() },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_between_few_keyframes() {
        // 6 keyframes every 50 samples (12 s at 25 fps), 24 wanted: 3 more per group, at
        // a quarter, half and three quarters of it.
        let sync: Vec<u32> = (0..6).map(|k| 1 + 50 * k).collect();
        let t = between_targets(&sync, 300, 24);
        assert_eq!(&t[..6], [13, 26, 38, 63, 76, 88]);
        assert_eq!(t.len(), 18);
        // 2 keyframes in 13 s (325 samples): 11 more per group, within the budget's reach
        // of 200 samples after each keyframe.
        let t = between_targets(&[1, 164], 325, 24);
        assert_eq!(t.len(), 22);
        assert!(t
            .iter()
            .all(|&n| (n > 1 && n <= 1 + 200) || (n > 164 && n <= 325)));
        assert_eq!(t[0], 1 + 164 / 12);
        // Enough keyframes, or none: nothing between.
        assert!(between_targets(&(1..=30).collect::<Vec<_>>(), 30, 24).is_empty());
        let eighteen: Vec<u32> = (0..18).map(|k| 1 + 250 * k).collect();
        assert!(between_targets(&eighteen, 4500, 24).is_empty());
        assert_eq!(between_targets(&eighteen[..17], 4250, 24).len(), 17);
        assert!(between_targets(&[], 100, 24).is_empty());
    }

    #[test]
    fn spreads_evenly() {
        assert_eq!(spread(5, 24), [0, 1, 2, 3, 4]);
        assert_eq!(spread(100, 5), [0, 24, 49, 74, 99]);
        assert_eq!(spread(10, 1), [0]);
        assert!(spread(0, 24).is_empty());
    }
}
