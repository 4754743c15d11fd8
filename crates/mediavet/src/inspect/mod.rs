//! The inspection pipeline: a file or bytes in, facts out, judging nothing.
//!
//! ```text
//! Input::File | Input::Bytes
//!   └─ sniff the kind from content ─ read it once (ISO-BMFF reader, JPEG, text, .docx …)
//!        ├─ attach sidecars (files only: caption .txt, subtitles)
//!        ├─ Need::Levels  → decode the audio, meter it (Need::TruePeak: and its true peak)
//!        ├─ Need::Frames  → decode sampled pictures, search for marks and QR codes
//!        └─ Need::Pixels  → decode the photo, measure its clarity
//! ```
//!
//! Every caller (the CLI, Python, batches, entry packages) goes through [`Inspect::run`],
//! which also keeps a panic one input's problem.

mod dispatch;
mod sidecars;

pub use crate::input::Input;

use crate::audio::MeterSettings;
use crate::facts::{Facts, Problem};
use crate::isobmff::Wants;
use crate::kind::{self, Category, FileKind};
use crate::video::FrameSettings;
use std::io::Seek;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// An expensive pass beyond reading the structure: run only when asked for (by the rules
/// that need it, or by `probe --levels/--frames`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Levels measured from the decoded audio.
    Levels,
    /// Levels with the true peak (the audio oversampled 4×, about a fifth of the pass).
    TruePeak,
    /// What sampled video frames show.
    Frames,
    /// A photo's decoded picture.
    Pixels,
}

/// How to inspect: which passes, and their settings.
#[derive(Debug, Clone)]
pub struct Inspect<'a> {
    /// The passes to run.
    pub needs: Vec<Need>,
    /// Audio metering.
    pub meter: MeterSettings,
    /// Frame sampling.
    pub frames: FrameSettings,
    /// Pictures over this many megapixels are not decoded.
    pub max_megapixels: f64,
    /// Write each video's analysed frames and persistence map as PNG under this folder.
    pub debug_frames: Option<&'a Path>,
    /// Hand codecs decoded nowhere else to an `ffmpeg` on PATH (named in the facts when
    /// it is used); off, such audio and pictures are reported as not measured.
    pub ffmpeg: bool,
    /// Keep thumbnails of the decoded pictures (a video's analysed frames, a photo) in
    /// the facts, for the visual report.
    pub thumbnails: bool,
}

impl Default for Inspect<'_> {
    /// Structure only, default settings.
    fn default() -> Self {
        Inspect {
            needs: Vec::new(),
            meter: MeterSettings::default(),
            frames: FrameSettings::default(),
            max_megapixels: crate::profile::DEFAULT_MAX_MEGAPIXELS,
            debug_frames: None,
            ffmpeg: true,
            thumbnails: false,
        }
    }
}

impl Inspect<'_> {
    /// The facts of `input`. Never fails: a file that cannot be opened, or whose reading
    /// panicked (an internal error, said in the problem), has a fatal problem.
    pub fn run(&self, input: Input) -> Facts {
        catch_unwind(AssertUnwindSafe(|| self.run_unisolated(input)))
            .unwrap_or_else(|cause| unassessed(input, internal_error(&panic_message(&*cause))))
    }

    fn run_unisolated(&self, input: Input) -> Facts {
        let name = input.name();
        let (mut reader, size) = match input.open() {
            Ok(opened) => opened,
            Err(e) => {
                let problem = Problem::new(true, None, e.to_string(), format!("无法打开文件：{e}"));
                return unassessed(input, problem);
            }
        };
        let levels = self.needs.contains(&Need::Levels) || self.needs.contains(&Need::TruePeak);
        let wants = Wants {
            audio: levels,
            keyframes: self
                .needs
                .contains(&Need::Frames)
                .then_some(self.frames.keyframes),
            subtitles: true,
        };
        let (mut facts, sources) = dispatch::facts_of(&mut reader, size, name, wants);
        if let Input::File(path) = input {
            if let Some(img) = facts.image.as_mut() {
                sidecars::add_caption_sidecar(path, img, &mut facts.problems);
            }
            if facts.kind.category() == Category::Video {
                sidecars::add_subtitle_sidecars(path, &mut facts);
            }
        }
        if facts.unreadable() {
            return facts;
        }
        let meter = crate::audio::MeterSettings {
            true_peak: self.meter.true_peak || self.needs.contains(&Need::TruePeak),
            ..self.meter
        };
        let frames = self.needs.contains(&Need::Frames);
        let audio =
            || levels.then(|| crate::audio::measure(input, &sources.audio, meter, self.ffmpeg));
        let video = |facts: &mut Facts| {
            if frames {
                let keep = crate::video::Keep {
                    debug: self.debug_frames,
                    thumbnails: self.thumbnails,
                };
                let source = sources.video.first();
                // Beside the audio pass, one decoder: it decodes while the audio takes
                // the other core, and a second would hold another 28 MB for nothing.
                let settings = match (levels, self.frames.decoders) {
                    (true, 0) => FrameSettings {
                        decoders: rayon::current_num_threads().saturating_sub(1).max(1),
                        ..self.frames
                    },
                    _ => self.frames,
                };
                crate::video::analyse(input, source, facts, settings, self.ffmpeg, keep);
            }
        };
        // The audio pass and the frame analysis run side by side; this thread starts with
        // the frames when a turn to decode is free, else with the audio (another file is
        // decoding: its turn is likely over when the audio is done).
        let facts_now = &mut facts;
        let measured = if frames && crate::video::decoding_turn_free() {
            rayon::join(|| video(facts_now), audio).1
        } else {
            rayon::join(audio, || video(facts_now)).0
        };
        if let Some(measured) = measured {
            crate::audio::apply(&mut facts, measured);
        }
        if self.needs.contains(&Need::Pixels) {
            // The reader the kind was read with, not a second opening of the file;
            // `Buffered` starts from the reader's start.
            match reader.seek(std::io::SeekFrom::Start(0)) {
                Ok(_) => {
                    let mut r = crate::image::Buffered::new(64 << 10, &mut reader);
                    let (limit, thumbnail) = (self.max_megapixels, self.thumbnails);
                    crate::image::measure(&mut r, &mut facts, limit, thumbnail);
                }
                Err(e) => facts.problems.push(Problem::new(
                    false,
                    None,
                    format!("the picture cannot be read again to decode it: {e}"),
                    format!("无法再次读取图像进行解码：{e}"),
                )),
            }
        }
        facts
    }
}

/// What a caught panic said.
pub(crate) fn panic_message(cause: &(dyn std::any::Any + Send)) -> String {
    cause
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| cause.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".into())
}

/// The problem a panic while checking `what` becomes.
pub(crate) fn internal_error(what: &str) -> Problem {
    Problem::new(
        true,
        None,
        format!("internal error while checking this file ({what}); please report it with the file"),
        format!("检查该文件时发生内部错误（{what}），请连同文件一起报告"),
    )
}

/// Facts of an input that could not be assessed at all, carrying the fatal `problem`.
pub(crate) fn unassessed(input: Input, problem: Problem) -> Facts {
    let size = match input {
        Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
        Input::Bytes { bytes, .. } => bytes.len() as u64,
    };
    Facts {
        path: input.name().display().to_string(),
        size,
        kind: FileKind::Unknown,
        extension: kind::extension(input.name()),
        container: None,
        image: None,
        text: None,
        subtitles: Vec::new(),
        problems: vec![problem],
        thumbnails: Vec::new(),
    }
}

/// The structure-only facts of the file at `path` (opened read-only); an error only when
/// it cannot be opened.
pub fn probe_path(path: &Path) -> Result<Facts, crate::Error> {
    std::fs::File::open(path).map_err(|source| crate::Error::Path {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(Inspect::default().run(Input::File(path)))
}

/// The structure-only facts of bytes in memory that came under `name`.
pub fn probe_bytes(name: &Path, bytes: &[u8]) -> Facts {
    Inspect::default().run(Input::Bytes { name, bytes })
}
