//! Turns the parsed boxes of a file into [`ContainerFacts`]: durations, bitrates,
//! display geometry, creation time.

use super::boxes::fourcc;
use super::chunks;
use super::fragments::FragmentTrack;
use super::moov::MoovParse;
use super::time;
use super::timeline::{Sizes, Timeline};
use super::track::TrakParse;
use crate::facts::{ContainerFacts, DateFact, Problem, Track, TrackKind, VideoFacts};
use std::collections::BTreeMap;

/// What the top-level walk collected.
#[derive(Debug, Default)]
pub struct Walk {
    /// The ftyp box, if any.
    pub ftyp: Option<mp4_atom::Ftyp>,
    /// The parsed moov.
    pub moov: Option<MoovParse>,
    /// Whether moov came before the first mdat.
    pub moov_before_mdat: Option<bool>,
    /// moof boxes were seen.
    pub fragmented: bool,
    /// Samples from all fragments, by track id.
    pub fragments: BTreeMap<u32, FragmentTrack>,
    /// Where a cut-short mdat says it should end.
    pub mdat_end: Option<u64>,
}

/// Metadata keys for make, model and software, most specific first.
const MAKE_KEYS: [&str; 2] = ["com.apple.quicktime.make", "©mak"];
const MODEL_KEYS: [&str; 2] = ["com.apple.quicktime.model", "©mod"];
const SOFTWARE_KEYS: [&str; 4] = ["com.apple.quicktime.software", "©swr", "©too", "encoder"];

fn first_tag(tags: &BTreeMap<String, String>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| tags.get(*k).cloned())
}

/// Metadata keys that carry the recording date, most trusted first.
const DATE_KEYS: [&str; 3] = ["com.apple.quicktime.creationdate", "©day", "date"];

/// Builds container facts; a missing moov is a fatal problem.
pub fn assemble(w: Walk, file_size: u64, problems: &mut Vec<Problem>) -> Option<ContainerFacts> {
    let Some(moov) = w.moov else {
        if problems.iter().any(|p| p.fatal) {
            return None;
        }
        let (en, zh) = match w.mdat_end {
            Some(end) => {
                let pct = 100.0 * file_size as f64 / end as f64;
                (
                    format!("moov box missing: file truncated at {pct:.0}% of the size its mdat header declares ({file_size} of {end} bytes)"),
                    format!("缺少 moov 影片头：文件在其 mdat 头声明大小的 {pct:.0}% 处被截断（{file_size} / {end} 字节）"),
                )
            }
            None if w.fragmented => (
                "moov box missing: a media segment without its initialisation segment".to_string(),
                "缺少 moov 影片头：这是没有初始化段的媒体分段".to_string(),
            ),
            None => (
                "moov box missing: the file has no movie header (recording interrupted, or not a movie)".to_string(),
                "缺少 moov 影片头：文件没有影片头（录制中断，或并非影片）".to_string(),
            ),
        };
        problems.push(Problem::new(true, None, en, zh));
        return None;
    };
    let (format, major_brand, compatible_brands) = brands(w.ftyp.as_ref());
    let movie_scale = moov.timescale;
    let mut tracks = Vec::with_capacity(moov.traks.len());
    for trak in moov.traks {
        let fragments = w.fragments.get(&trak.id);
        tracks.push(track_facts(
            trak,
            fragments,
            movie_scale,
            file_size,
            problems,
        ));
    }
    let header_duration = ticks_to_seconds(moov.duration, movie_scale);
    let fragment_duration = moov
        .fragment_duration
        .and_then(|d| ticks_to_seconds(d, movie_scale));
    let longest_track = tracks.iter().filter_map(|t| t.duration).reduce(f64::max);
    // In a fragmented file mvhd covers only the samples in moov (often none) and mehd is
    // whatever the packager wrote; the fragments hold the samples, so the longest track's
    // presented time is the duration, and a header that disagrees is reported.
    let duration = if w.fragmented {
        let declared = fragment_duration.or(header_duration);
        if let (Some(declared), Some(measured)) = (declared, longest_track) {
            header_disagrees(declared, measured, &tracks, problems);
        }
        longest_track.or(declared)
    } else {
        header_duration.or(longest_track)
    };
    let described: u64 = tracks
        .iter()
        .map(|t| t.stream_bytes)
        .fold(0, u64::saturating_add);
    let truncated = tracks.iter().any(|t| t.bytes_beyond_eof > 0);
    if described > file_size && !truncated {
        problems.push(Problem::new(
            false,
            None,
            format!("the sample tables describe {described} bytes of media but the file holds {file_size} bytes: sizes and bitrates are unreliable"),
            format!("样本表描述了 {described} 字节媒体数据，但文件只有 {file_size} 字节：数据量和码率不可靠"),
        ));
    }
    let creation_time = creation_time(&moov.tags, moov.creation_time);
    let mut facts = ContainerFacts {
        format,
        major_brand,
        compatible_brands,
        fragmented: w.fragmented,
        moov_before_mdat: w.moov_before_mdat,
        duration,
        overall_bitrate: duration
            .filter(|&d| d > 0.0)
            .map(|d| file_size as f64 * 8.0 / d),
        creation_time,
        make: first_tag(&moov.tags, &MAKE_KEYS),
        model: first_tag(&moov.tags, &MODEL_KEYS),
        software: first_tag(&moov.tags, &SOFTWARE_KEYS),
        metadata: moov.tags,
        audio_channels: None,
        tracks,
    };
    facts.audio_channels = facts.count_audio_channels();
    Some(facts)
}

fn brands(ftyp: Option<&mp4_atom::Ftyp>) -> (String, Option<String>, Vec<String>) {
    let Some(f) = ftyp else {
        return ("mov".into(), None, Vec::new());
    };
    let major = fourcc(&f.major_brand.into());
    let format = match major.as_str() {
        "qt  " => "mov",
        m if m.starts_with("3gp") || m.starts_with("3g2") || m.starts_with("3ge") => "3gp",
        "M4A " | "M4B " => "m4a",
        "M4V " | "M4VH" | "M4VP" => "m4v",
        _ => "mp4",
    };
    let compatible = f
        .compatible_brands
        .iter()
        .map(|b| fourcc(&(*b).into()))
        .collect();
    (format.into(), Some(major), compatible)
}

/// A problem (not fatal) when the movie header's duration of a fragmented file is more
/// than one frame (the longest average sample duration of any track) away from what the
/// fragments hold.
fn header_disagrees(declared: f64, measured: f64, tracks: &[Track], problems: &mut Vec<Problem>) {
    let frame = tracks
        .iter()
        .filter(|t| t.sample_count > 0)
        .filter_map(|t| t.media_duration.map(|d| d / t.sample_count as f64))
        .fold(0.0, f64::max);
    if (declared - measured).abs() <= frame {
        return;
    }
    let (d, m) = (
        crate::finding::clock(declared),
        crate::finding::clock(measured),
    );
    problems.push(Problem::new(
        false,
        None,
        format!("the movie header declares a duration of {d} ({declared:.3} s) but the fragments hold {m} ({measured:.3} s); the fragments' duration is used"),
        format!("影片头声明时长 {d}（{declared:.3} 秒），但各分段实际只有 {m}（{measured:.3} 秒）；以分段实测时长为准"),
    ));
}

fn ticks_to_seconds(ticks: u64, scale: u32) -> Option<f64> {
    (ticks > 0 && scale > 0).then(|| ticks as f64 / f64::from(scale))
}

fn track_kind(handler: &[u8; 4]) -> TrackKind {
    match handler {
        b"vide" => TrackKind::Video,
        b"soun" => TrackKind::Audio,
        b"text" | b"sbtl" | b"subt" | b"clcp" => TrackKind::Subtitle,
        _ => TrackKind::Data,
    }
}

/// A moov sample table followed by its fragments, as one timeline.
fn merged_timeline(mut tl: Timeline, frag: Option<&FragmentTrack>) -> Timeline {
    let Some(f) = frag else { return tl };
    let mut runs: Vec<(u64, u32)> = match tl.sizes {
        Sizes::Same { count, size } => vec![(count, size)],
        Sizes::Each(v) => v.into_iter().map(|s| (1, s)).collect(),
        Sizes::Runs(r) => r,
    };
    runs.extend_from_slice(&f.sizes);
    tl.durations.extend_from_slice(&f.durations);
    Timeline {
        durations: tl.durations,
        sizes: Sizes::Runs(runs),
    }
}

fn track_facts(
    t: TrakParse,
    frag: Option<&FragmentTrack>,
    movie_scale: u32,
    file_size: u64,
    problems: &mut Vec<Problem>,
) -> Track {
    let kind = track_kind(&t.handler);
    let table_samples = t.timeline.sizes.count();
    let beyond = chunks::beyond_eof(
        &t.chunk_offsets,
        &t.stsc,
        t.timeline.sizes.iter(),
        table_samples,
        file_size,
    )
    .unwrap_or_default();
    if beyond.bytes > 0 {
        let (id, bytes, end) = (t.id, beyond.bytes, beyond.data_end);
        let pct = 100.0 * file_size as f64 / end as f64;
        problems.push(Problem::new(
            true,
            beyond.first_offset,
            format!("file truncated: track {id} has {bytes} bytes of media past the end of the file (the file ends at byte {file_size}, its media runs to byte {end}, {pct:.0}% present)"),
            format!("文件被截断：轨道 {id} 有 {bytes} 字节媒体数据超出文件末尾（文件止于第 {file_size} 字节，媒体数据延续到第 {end} 字节，仅存 {pct:.0}%）"),
        ));
    }
    let timeline = merged_timeline(t.timeline, frag);
    let stats = timeline.stats(t.timescale);
    if stats.duration_samples != stats.size_samples {
        let (id, timed, sized) = (t.id, stats.duration_samples, stats.size_samples);
        problems.push(Problem::new(
            false,
            None,
            format!("track {id}: the time table counts {timed} samples but the size table {sized}; the smaller is used"),
            format!("轨道 {id}：时间表有 {timed} 个样本，大小表有 {sized} 个；按较小者计算"),
        ));
    }
    let media_duration = ticks_to_seconds(stats.ticks, t.timescale);
    let edited = t.edits.as_ref().and_then(|edits| {
        let presented: u64 = edits
            .iter()
            .filter(|e| e.1.is_some())
            .map(|e| e.0)
            .fold(0, u64::saturating_add);
        ticks_to_seconds(presented, movie_scale)
    });
    let duration = edited.or(media_duration);
    let bitrate = media_duration.map(|d| stats.bytes as f64 * 8.0 / d);
    let entry = t.entry.unwrap_or_default();
    let keyframes = t
        .sync_samples
        .as_ref()
        .map_or(table_samples, |s| s.len() as u64)
        .min(table_samples)
        + frag.map_or(0, |f| f.sync);
    let video = (kind == TrackKind::Video).then(|| {
        let mut v = entry.video.unwrap_or_default();
        geometry(&mut v, t.rotation);
        v.frame_rate = media_duration
            .filter(|&d| d > 0.0)
            .map(|d| stats.samples as f64 / d);
        v.variable_frame_rate = stats.variable;
        v.keyframe_count = keyframes;
        v.peak_bitrate = stats.peak_window_bytes.map(|b| b as f64 * 8.0);
        v
    });
    Track {
        id: t.id,
        kind,
        handler: fourcc(&t.handler),
        codec: if entry.codec.is_empty() {
            "unknown".into()
        } else {
            entry.codec
        },
        enabled: t.enabled,
        language: t.language,
        duration,
        media_duration,
        sample_count: stats.samples,
        stream_bytes: stats.bytes,
        bytes_beyond_eof: beyond.bytes,
        bitrate,
        declared_bitrate: entry.declared_bitrate,
        video,
        audio: if kind == TrackKind::Audio {
            Some(entry.audio.unwrap_or_default())
        } else {
            None
        },
    }
}

/// Displayed size: pixel aspect ratio applied to the width, then the rotation.
fn geometry(v: &mut VideoFacts, rotation: u32) {
    let width = match v.pixel_aspect_ratio {
        Some([h, s]) => (f64::from(v.width) * f64::from(h) / f64::from(s)).round() as u32,
        None => v.width,
    };
    v.rotation = rotation;
    (v.display_width, v.display_height) = if rotation % 180 == 90 {
        (v.height, width)
    } else {
        (width, v.height)
    };
}

fn creation_time(tags: &BTreeMap<String, String>, mvhd: u64) -> Option<DateFact> {
    for key in DATE_KEYS {
        if let Some(value) = tags.get(key) {
            return Some(DateFact {
                value: value.clone(),
                date: time::leading_date(value).map(|d| d.to_string()),
                source: key.to_string(),
            });
        }
    }
    time::from_1904(mvhd).map(|t| DateFact {
        value: t.to_rfc3339(),
        date: Some(t.date_naive().to_string()),
        source: "mvhd".into(),
    })
}
