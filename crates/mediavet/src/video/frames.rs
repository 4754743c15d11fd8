//! Sampling keyframes spread over a video and decoding only those: H.264 in-process with
//! openh264 (one decoder per worker thread: every keyframe is an IDR picture that decodes
//! on its own; when a short clip has too few keyframes, the frames between them are
//! decoded forward from their keyframe, at most `isobmff::MAX_BETWEEN` per file), anything else (HEVC, interlaced or 10-bit H.264, MPEG-4 Part 2, …) and
//! keyframes the sample tables cannot place (movie fragments) through an `ffmpeg` binary
//! when one is on PATH. Never silent: the result names the decoder, or the error says why
//! no frame could be had.

use super::h264::KeyframeDecoder;
use super::luma::Luma;
use crate::input::Input;
use crate::isobmff::{Between, Keyframe, VideoSource, Wants};
use rayon::prelude::*;
use std::io::{Read, Seek, SeekFrom};
use std::process::{Command, Stdio};
use std::sync::{Condvar, Mutex, OnceLock};

/// One sampled picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Presentation time in seconds (decode time of the keyframe).
    pub time_s: f64,
    /// The downscaled luma.
    pub luma: Luma,
}

/// The sampled pictures of a video track (each passed through the caller's `prepare`) and
/// what decoded them.
#[derive(Debug, Clone)]
pub struct Sampled<T> {
    /// `openh264`, or `ffmpeg (why)`.
    pub decoder: String,
    /// Stored picture size of the track (what the frames were downscaled from).
    pub stored_size: (u32, u32),
    /// Keyframes the track has (0 when the tables do not place them).
    pub keyframes_available: usize,
    /// Frames decoded between keyframes (kept or only decoded as references) because the
    /// track has fewer keyframes than were asked for.
    pub decoded_between: usize,
    /// Pictures: the keyframes and the frames kept between them.
    pub frames: Vec<T>,
    /// Keyframes that did not decode: (time in seconds, why).
    pub failed: Vec<(f64, String)>,
}

/// Sampled frames as decoded.
pub type SampledFrames = Sampled<Frame>;

/// Samples up to `count` keyframes of the first video track, downscaled to at most
/// `max_width` pixels wide (0: full size). `duration_s` lets ffmpeg seek by time when the
/// sample tables cannot place the keyframes (movie fragments).
pub fn sample_keyframes(
    input: Input,
    count: usize,
    max_width: usize,
    duration_s: Option<f64>,
) -> Result<SampledFrames, String> {
    sample_keyframes_with(input, count, max_width, duration_s, true, &|f| f)
}

/// [`sample_keyframes`], each frame handed to `prepare` on the worker that decoded it
/// (so only what `prepare` keeps stays in memory); `ffmpeg` allows the fallback.
pub fn sample_keyframes_with<T: Send>(
    input: Input,
    count: usize,
    max_width: usize,
    duration_s: Option<f64>,
    ffmpeg: bool,
    prepare: &(dyn Fn(Frame) -> T + Sync),
) -> Result<Sampled<T>, String> {
    let src = first_video_source(input, count)?;
    sample_source(
        input, &src, count, max_width, duration_s, ffmpeg, 0, prepare,
    )
}

/// The first video track's source with up to `count` keyframes, from a parse of its own
/// (the pipeline hands over the one from its parse instead).
fn first_video_source(input: Input, count: usize) -> Result<VideoSource, String> {
    let (mut file, size) = input.open().map_err(|e| e.to_string())?;
    let wants = Wants {
        keyframes: Some(count),
        ..Wants::default()
    };
    let (_, sources) = crate::isobmff::read(&mut file, size, &mut Vec::new(), wants);
    sources
        .video
        .into_iter()
        .next()
        .ok_or_else(|| "no video track".into())
}

/// The pictures of video source `src` (up to `count` keyframes, and pictures between
/// them when there are fewer) of `input`, H.264 with up to `decoders` openh264 decoders
/// side by side (each holds ~28 MB at 1080p; 0: one per thread of the pool).
#[allow(clippy::too_many_arguments)]
pub(super) fn sample_source<T: Send>(
    input: Input,
    src: &VideoSource,
    count: usize,
    max_width: usize,
    duration_s: Option<f64>,
    ffmpeg: bool,
    decoders: usize,
    prepare: &(dyn Fn(Frame) -> T + Sync),
) -> Result<Sampled<T>, String> {
    let stored_size = (src.width, src.height);
    let Some(keyframes) = src.keyframes.as_deref() else {
        let reason = "the sample tables do not place the keyframes (movie fragments)";
        let pick = Pick::Spaced {
            count: count.max(1),
            interval_s: spacing(duration_s, count),
        };
        let (frames, failed) = extract_with_ffmpeg(input, src, pick, max_width, ffmpeg, prepare)
            .map_err(|e| format!("frames not decoded: {reason}; {e}"))?;
        return Ok(Sampled {
            decoder: format!("ffmpeg ({reason})"),
            stored_size,
            keyframes_available: 0,
            decoded_between: 0,
            frames,
            failed,
        });
    };
    if keyframes.is_empty() {
        return Err("the video track has no keyframe".into());
    }
    let native = match (src.codec.as_str(), src.avcc.as_deref()) {
        ("avc1" | "avc3", Some(avcc)) => match super::h264::unsupported(avcc) {
            Some(why) => Err(why),
            None => {
                let frames = (keyframes, src.between.as_slice());
                decode_h264(input, avcc, frames, max_width, decoders, prepare)
            }
        },
        ("avc1" | "avc3", None) => Err("the H.264 track has no avcC record".into()),
        (codec, _) => Err(format!("codec {codec} needs ffmpeg")),
    };
    let (decoder, decoded_between, (frames, failed)) = match native {
        Ok((done, left)) if left.is_empty() => ("openh264".to_string(), src.between.len(), done),
        // Pictures openh264 could not reach between keyframes: ffmpeg decodes them.
        Ok(((mut frames, mut failed), mut left)) => {
            left.sort_by(|a, b| a.0.total_cmp(&b.0));
            let times: Vec<f64> = left.iter().map(|(t, _)| *t).collect();
            let why = &left[0].1;
            match extract_with_ffmpeg(input, src, Pick::Times(&times), max_width, ffmpeg, prepare) {
                Ok((more, also_failed)) => {
                    frames.extend(more);
                    failed.extend(also_failed);
                    let decoder = format!("openh264, and ffmpeg between keyframes ({why})");
                    (decoder, src.between.len(), (frames, failed))
                }
                Err(e) => {
                    let why =
                        format!("frames between keyframes not decoded in-process ({why}); {e}");
                    failed.push((times[0], why));
                    ("openh264".to_string(), src.between.len(), (frames, failed))
                }
            }
        }
        Err(reason) => {
            let pick = Pick::Chosen(keyframes);
            let done = extract_with_ffmpeg(input, src, pick, max_width, ffmpeg, prepare)
                .map_err(|e| format!("frames not decoded: {reason}; {e}"))?;
            (format!("ffmpeg ({reason})"), 0, done)
        }
    };
    Ok(Sampled {
        decoder,
        stored_size,
        keyframes_available: src.keyframe_total,
        decoded_between,
        frames,
        failed,
    })
}

/// Seconds between `count` frames spread over `duration_s` (0 — every keyframe, up to
/// `count` — when the duration is unknown).
fn spacing(duration_s: Option<f64>, count: usize) -> f64 {
    let d = duration_s
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(0.0);
    d / count.max(1) as f64
}

type Decoded<T> = (Vec<T>, Vec<(f64, String)>);

/// A decoded picture, or its time and why it did not decode.
type Picture<T> = Result<T, (f64, String)>;

/// Wanted pictures openh264 did not reach between keyframes: (time, why), for ffmpeg.
type Left = Vec<(f64, String)>;

/// Videos decoded at once in the process, each by up to `decoders` openh264 decoders
/// (~28 MB each at 1080p): half the cores, at least one. With `--jobs 2` on two cores,
/// the two files take turns decoding while the other core meters audio and searches the
/// frames, so the batch holds one decoder's memory, not two.
struct Slots {
    busy: Mutex<usize>,
    freed: Condvar,
    limit: usize,
}

/// A video's turn to decode, given back when dropped.
struct Turn(&'static Slots);

impl Drop for Turn {
    fn drop(&mut self) {
        let mut busy = self.0.busy.lock().unwrap_or_else(|e| e.into_inner());
        *busy -= 1;
        self.0.freed.notify_one();
    }
}

/// Whether a video could start decoding now without waiting for a turn.
pub fn decoding_turn_free() -> bool {
    let slots = slots();
    *slots.busy.lock().unwrap_or_else(|e| e.into_inner()) < slots.limit
}

fn slots() -> &'static Slots {
    static SLOTS: OnceLock<Slots> = OnceLock::new();
    SLOTS.get_or_init(|| Slots {
        busy: Mutex::new(0),
        freed: Condvar::new(),
        limit: std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1)),
    })
}

/// Waits for a turn to decode. The holder must not wait on the rayon pool (its decoders
/// run on threads of their own, and `prepare` does not use the pool): a pool worker
/// waiting here could otherwise be the one it waits for.
fn turn() -> Turn {
    let slots = slots();
    let mut busy = slots.busy.lock().unwrap_or_else(|e| e.into_inner());
    while *busy >= slots.limit {
        busy = slots.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
    }
    *busy += 1;
    Turn(slots)
}

/// Decodes the chosen keyframes, and the samples after each that `between` lists, one
/// openh264 decoder and file handle per contiguous run of keyframes (at most `decoders`
/// runs, on threads of their own), in this video's [`turn`]; also the times of wanted
/// pictures left undecoded, with why. `Err` only when the stream cannot be set up or no
/// keyframe decodes.
fn decode_h264<T: Send>(
    input: Input,
    avcc: &[u8],
    (chosen, between): (&[Keyframe], &[Between]),
    max_width: usize,
    decoders: usize,
    prepare: &(dyn Fn(Frame) -> T + Sync),
) -> Result<(Decoded<T>, Left), String> {
    super::h264::avc_config(avcc).ok_or("malformed avcC")?;
    let decoders = match decoders {
        0 => rayon::current_num_threads(),
        n => n,
    };
    let per_run = chosen.len().div_ceil(decoders.max(1)).max(1);
    let one = |run: std::ops::Range<usize>| {
        let mut left = Vec::new();
        let done = decode_run(
            input, avcc, chosen, between, run, max_width, prepare, &mut left,
        );
        (done, left)
    };
    let _turn = turn();
    let ranges: Vec<_> = (0..chosen.len())
        .step_by(per_run)
        .map(|start| start..(start + per_run).min(chosen.len()))
        .collect();
    // The first run on this thread, the others on threads of their own (not the pool:
    // see `turn`); a panic in one is re-raised here, where the pipeline catches it.
    let runs: Vec<(Vec<Picture<T>>, Left)> = std::thread::scope(|scope| {
        let others: Vec<_> = ranges
            .iter()
            .skip(1)
            .map(|run| scope.spawn(|| one(run.clone())))
            .collect();
        let first = ranges.first().map(|run| one(run.clone()));
        first
            .into_iter()
            .chain(others.into_iter().map(|h| {
                h.join()
                    .unwrap_or_else(|cause| std::panic::resume_unwind(cause))
            }))
            .collect()
    });
    let mut results = Vec::new();
    let mut left = Vec::new();
    for (done, times) in runs {
        results.extend(done);
        left.extend(times);
    }
    let (frames, failed) = split(results);
    if frames.is_empty() {
        let why = failed.first().map_or("no keyframe", |(_, e)| e.as_str());
        return Err(format!("no keyframe decoded in-process ({why})"));
    }
    Ok(((frames, failed), left))
}

/// One worker's keyframes (`run`, indices into `chosen`), each decoded on its own (a damaged
/// one fails alone), then the samples `between` lists after it, in decode order, keeping
/// the pictures marked to keep. A picture that cannot be read ends its group as a failure;
/// a B-picture or a picture openh264 fails on ends it too, and the times of the pictures
/// the group still wanted go to `left`, with why.
#[allow(clippy::too_many_arguments)]
fn decode_run<T>(
    input: Input,
    avcc: &[u8],
    chosen: &[Keyframe],
    between: &[Between],
    run: std::ops::Range<usize>,
    max_width: usize,
    prepare: &(dyn Fn(Frame) -> T + Sync),
    left: &mut Left,
) -> Vec<Picture<T>> {
    let keys = &chosen[run.clone()];
    let setup = input
        .open()
        .map_err(|e| e.to_string())
        .and_then(|(f, _)| Ok((f, KeyframeDecoder::new(avcc)?)));
    let (mut file, mut decoder) = match setup {
        Ok(s) => s,
        Err(e) => return keys.iter().map(|k| Err((k.time_s, e.clone()))).collect(),
    };
    let mut buf = Vec::new();
    let mut out = Vec::new();
    for index in run {
        let k = &chosen[index];
        let key = read_sample(&mut file, k.offset, k.size, &mut buf)
            .and_then(|()| decode_guarded(&mut decoder, &buf, true, max_width))
            .map(|luma| {
                prepare(Frame {
                    time_s: k.time_s,
                    luma,
                })
            })
            .map_err(|e| (k.time_s, e));
        let decoded = key.is_ok();
        out.push(key);
        if !decoded {
            continue;
        }
        let from = between.partition_point(|b| b.keyframe < index);
        let to = between.partition_point(|b| b.keyframe <= index);
        let group = &between[from..to];
        for (n, b) in group.iter().enumerate() {
            if let Err(e) = read_sample(&mut file, b.offset, b.size, &mut buf) {
                out.push(Err((b.time_s, e)));
                break;
            }
            let kind = super::h264::slice_kind(decoder.config(), &buf);
            // Pictures nothing refers to are decoded only when kept.
            if !b.keep && kind.is_some_and(|k| !k.reference && !k.bidirectional) {
                continue;
            }
            // openh264 runs out of picture buffers a dozen pictures into a stream with
            // B-pictures (openh264-rs issue #50), and now and then without them: the rest
            // of such a group is left to ffmpeg, and a fresh decoder takes the next one.
            let stop = if kind.is_some_and(|k| k.bidirectional) {
                Some("B-pictures".to_string())
            } else {
                match decode_guarded(&mut decoder, &buf, false, max_width) {
                    Ok(luma) => {
                        if b.keep {
                            out.push(Ok(prepare(Frame {
                                time_s: b.time_s,
                                luma,
                            })));
                        }
                        None
                    }
                    Err(e) => Some(e),
                }
            };
            if let Some(why) = stop {
                let wanted = group[n..].iter().filter(|x| x.keep);
                left.extend(wanted.map(|x| (x.time_s, why.clone())));
                if let Ok(fresh) = KeyframeDecoder::new(avcc) {
                    decoder = fresh;
                }
                break;
            }
        }
    }
    out
}

/// A decoder panic on hostile data stays this picture's failure.
fn decode_guarded(
    decoder: &mut KeyframeDecoder,
    sample: &[u8],
    keyframe: bool,
    max_width: usize,
) -> Result<Luma, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        decoder.decode(sample, keyframe, max_width)
    }))
    .unwrap_or_else(|_| Err("the decoder failed on damaged picture data".into()))
}

fn read_sample<R: Read + Seek + ?Sized>(
    r: &mut R,
    offset: u64,
    size: u32,
    buf: &mut Vec<u8>,
) -> Result<(), String> {
    if size == 0 {
        return Err(format!("sample at byte {offset} is empty (size 0)"));
    }
    buf.resize(size as usize, 0);
    r.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
    r.read_exact(buf)
        .map_err(|e| format!("sample at byte {offset}: {e}"))
}

fn split<T>(results: Vec<Result<T, (f64, String)>>) -> Decoded<T> {
    let mut frames = Vec::new();
    let mut failed = Vec::new();
    for r in results {
        match r {
            Ok(f) => frames.push(f),
            Err(e) => failed.push(e),
        }
    }
    (frames, failed)
}

/// Which decoded keyframes ffmpeg keeps.
enum Pick<'a> {
    /// These keyframes (positions among the track's keyframes, with their times).
    Chosen(&'a [Keyframe]),
    /// At most `count`, each at least `interval_s` after the last kept (keyframes the
    /// tables do not place).
    Spaced { count: usize, interval_s: f64 },
    /// The pictures shown at these times (seconds, ascending), every picture decoded.
    Times(&'a [f64]),
}

/// The pictures in one ffmpeg run (keyframes: `-skip_frame nokey`, only keyframes are
/// decoded; times: every picture up to the last one wanted is decoded; a `select` filter
/// keeps the wanted ones), grey and scaled to the size the native path gives, read from a
/// pipe one frame at a time. One process per file: starting one per keyframe cost more
/// than decoding them.
fn extract_with_ffmpeg<T: Send>(
    input: Input,
    src: &VideoSource,
    pick: Pick,
    max_width: usize,
    allowed: bool,
    prepare: &(dyn Fn(Frame) -> T + Sync),
) -> Result<Decoded<T>, String> {
    if !allowed {
        return Err("the ffmpeg fallback is switched off".into());
    }
    if !crate::ffmpeg::available() {
        return Err("no ffmpeg on PATH to decode it".into());
    }
    let source = crate::ffmpeg::Source::of(input)?;
    let (w, h) = (src.width as usize, src.height as usize);
    if w == 0 || h == 0 {
        return Err("the sample entry gives no picture size".into());
    }
    let factor = if max_width == 0 || w <= max_width {
        1
    } else {
        w.div_ceil(max_width)
    };
    let (ow, oh) = (w / factor, h / factor);
    let (select, limit) = match &pick {
        Pick::Chosen(keys) => {
            let terms: Vec<String> = keys
                .iter()
                .map(|k| format!("eq(n\\,{})", k.number))
                .collect();
            (terms.join("+"), keys.len())
        }
        Pick::Spaced { count, interval_s } => (
            format!("isnan(prev_selected_t)+gte(t-prev_selected_t\\,{interval_s:.6})"),
            *count,
        ),
        // Times are exact to the tick; a millisecond either side allows for rounding.
        Pick::Times(times) => {
            let terms: Vec<String> = times
                .iter()
                .map(|t| format!("between(t\\,{:.6}\\,{:.6})", t - 0.001, t + 0.001))
                .collect();
            (terms.join("+"), times.len())
        }
    };
    let skip: &[&str] = match pick {
        Pick::Times(_) => &[],
        _ => &["-skip_frame", "nokey"],
    };
    let mut child = Command::new("ffmpeg")
        .args([
            "-nostdin",
            "-hide_banner",
            "-nostats",
            "-v",
            "info",
        ])
        .args(skip)
        .arg("-i")
        .arg(source.arg())
        .args([
            "-map",
            &format!("0:v:{}", src.video_index),
            "-an",
            "-sn",
            "-dn",
        ])
        .args([
            "-vf",
            &format!("select='{select}',showinfo,scale={ow}:{oh}:flags=area,format=yuv420p,extractplanes=y"),
        ])
        .args([
            "-vsync",
            "passthrough",
            "-frames:v",
            &limit.to_string(),
            "-f",
            "rawvideo",
            "-",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("ffmpeg: {e}"))?;
    let (Some(mut out), Some(err)) = (child.stdout.take(), child.stderr.take()) else {
        return Err("ffmpeg: no pipes".into());
    };
    // stderr is drained on its own thread (a full pipe would stall ffmpeg); only the
    // showinfo times are kept.
    let times = std::thread::spawn(move || shown_times(err));
    let mut raw = Vec::new();
    while raw.len() < limit {
        let mut frame = vec![0u8; ow * oh];
        if out.read_exact(&mut frame).is_err() {
            break;
        }
        raw.push(frame);
    }
    drop(out);
    let _ = child.kill();
    let _ = child.wait();
    let shown = times.join().unwrap_or_default();
    let frames: Vec<T> = raw
        .into_par_iter()
        .enumerate()
        .map(|(i, data)| {
            let time_s = match &pick {
                Pick::Chosen(keys) => keys.get(i).map(|k| k.time_s),
                Pick::Times(times) => times.get(i).copied(),
                Pick::Spaced { .. } => shown.get(i).copied(),
            };
            prepare(Frame {
                time_s: time_s.unwrap_or(0.0),
                luma: Luma {
                    width: ow,
                    height: oh,
                    data,
                },
            })
        })
        .collect();
    if frames.is_empty() {
        return Err("ffmpeg decoded no keyframe".into());
    }
    let failed = match &pick {
        Pick::Chosen(keys) => keys[frames.len()..]
            .iter()
            .map(|k| (k.time_s, "ffmpeg did not decode this keyframe".to_string()))
            .collect(),
        Pick::Times(times) => times[frames.len()..]
            .iter()
            .map(|&t| (t, "ffmpeg did not decode this picture".to_string()))
            .collect(),
        Pick::Spaced { .. } => Vec::new(),
    };
    Ok((frames, failed))
}

/// `pts_time` of each frame showinfo reports on `err` (read to the end, at most 4 MiB kept).
fn shown_times(err: impl Read) -> Vec<f64> {
    use std::io::BufRead;
    std::io::BufReader::new(err.take(4 << 20))
        .lines()
        .map_while(Result::ok)
        .filter(|l| l.contains("Parsed_showinfo"))
        .filter_map(|l| {
            let rest = l.split("pts_time:").nth(1)?;
            rest.split_whitespace().next()?.parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_by_duration() {
        assert_eq!(spacing(Some(10.0), 4), 2.5);
        assert_eq!(spacing(None, 2), 0.0);
    }
}
