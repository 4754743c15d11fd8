//! Facts: what inspection measured in a file. Facts never judge; rules do.
//!
//! The types of every kind live here, below the modules that fill them (the ISO-BMFF
//! reader, audio, video, image, text, subtitle), so those depend on the facts and never
//! the other way round.
//!
//! This is the `facts` object of the JSON output; [`SCHEMA_VERSION`] changes
//! whenever a field is renamed or removed (adding fields keeps the version).

pub mod audio;
pub mod entry;
pub mod frames;
pub mod image;
pub mod subtitle;
pub mod text;

use crate::finding::Text;
use crate::kind::FileKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the JSON schema of facts and reports.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the probe learnt about one file.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    /// The path as given.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Kind recognised from content.
    pub kind: FileKind,
    /// Lower-case file-name extension, if any.
    pub extension: Option<String>,
    /// MP4/QuickTime facts, for those kinds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<ContainerFacts>,
    /// Photo facts, for JPEG.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<image::ImageFacts>,
    /// Plain-text facts (encoding, counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<text::TextFacts>,
    /// Subtitles: the file itself when it is one, a video's sidecar files (same name,
    /// .srt/.ass/.ssa/.vtt) and its subtitle tracks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subtitles: Vec<subtitle::SubtitleFacts>,
    /// What could not be read, and where. A `fatal` problem makes the file unreadable.
    pub problems: Vec<Problem>,
    /// Small pictures of what was decoded (a video's analysed frames, a photo), when the
    /// check was asked for them (the visual report).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub thumbnails: Vec<Thumbnail>,
}

/// A grey picture the check decoded, shrunk for the visual report, in its displayed
/// orientation and shape.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Thumbnail {
    /// Time of the frame, seconds (videos).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_s: Option<f64>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The picture as a JPEG `data:` URL.
    pub jpeg: String,
}

/// Something the probe could not read.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    /// True when the file as a whole cannot be assessed.
    pub fatal: bool,
    /// Byte offset where the problem was found, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// What and why, in English and Chinese.
    pub message: Text,
}

impl Problem {
    /// A problem at `offset`, described in both languages.
    pub fn new(
        fatal: bool,
        offset: Option<u64>,
        en: impl Into<String>,
        zh: impl Into<String>,
    ) -> Problem {
        Problem {
            fatal,
            offset,
            message: Text::new(en, zh),
        }
    }
}

/// ISO base media / QuickTime container facts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ContainerFacts {
    /// `mp4`, `mov`, `3gp`, `m4a` or `m4v`, from the ftyp brands.
    pub format: String,
    /// ftyp major brand, absent in classic QuickTime files.
    pub major_brand: Option<String>,
    /// ftyp compatible brands.
    pub compatible_brands: Vec<String>,
    /// Movie fragments (moof) present.
    pub fragmented: bool,
    /// moov stored before the media data (streamable, "faststart").
    pub moov_before_mdat: Option<bool>,
    /// Movie duration in seconds (mvhd, or the fragments when mvhd says 0).
    pub duration: Option<f64>,
    /// File bytes × 8 ÷ duration, in bits per second.
    pub overall_bitrate: Option<f64>,
    /// When the recording was made, and which field said so.
    pub creation_time: Option<DateFact>,
    /// Camera or phone maker (`com.apple.quicktime.make`, `©mak`).
    pub make: Option<String>,
    /// Camera or phone model (`com.apple.quicktime.model`, `©mod`).
    pub model: Option<String>,
    /// Software that wrote or edited the file (`com.apple.quicktime.software`, `©swr`, `©too`).
    pub software: Option<String>,
    /// Every text tag found (udta, meta/ilst, meta/keys), by key.
    pub metadata: BTreeMap<String, String>,
    /// Channels of all audio tracks with samples together (one stereo track or two mono
    /// tracks: 2), as [`ContainerFacts::count_audio_channels`] counts them; absent when a
    /// track's count is unknown or there is no audio.
    pub audio_channels: Option<u32>,
    /// Tracks in file order.
    pub tracks: Vec<Track>,
}

/// A timestamp and where it came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DateFact {
    /// As written (ISO 8601 / RFC 3339 where the source is numeric).
    pub value: String,
    /// Calendar date (YYYY-MM-DD) when one could be read from `value`.
    pub date: Option<String>,
    /// Box or key it was read from (`mvhd`, `©day`, `com.apple.quicktime.creationdate`).
    pub source: String,
}

/// What a track carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TrackKind {
    /// Handler `vide`.
    Video,
    /// Handler `soun`.
    Audio,
    /// Handlers `text`, `sbtl`, `subt`, `clcp`.
    Subtitle,
    /// Timed metadata (`meta`, `mdta`, `camm`, GoPro `gpmd` …) and hint tracks.
    Data,
}

/// One track.
#[derive(Debug, Clone, Serialize)]
pub struct Track {
    /// tkhd track id.
    pub id: u32,
    /// What it carries.
    pub kind: TrackKind,
    /// hdlr handler type as written.
    pub handler: String,
    /// Sample-entry four-character code (avc1, hvc1, mp4a, tx3g, …).
    pub codec: String,
    /// Whether tkhd marks the track enabled.
    pub enabled: bool,
    /// Language from mdhd: ISO 639-2 letters, a QuickTime Macintosh number mapped to its
    /// code (`mac-N` when unlisted), `und` when unset.
    pub language: Option<String>,
    /// Presented duration in seconds, edit lists applied.
    pub duration: Option<f64>,
    /// Media duration in seconds (sum of sample durations).
    pub media_duration: Option<f64>,
    /// Number of samples.
    pub sample_count: u64,
    /// Sum of sample sizes in bytes.
    pub stream_bytes: u64,
    /// Bytes of samples that the tables place past the end of the file (truncation).
    pub bytes_beyond_eof: u64,
    /// Measured bitrate: stream bytes × 8 ÷ media duration, bits per second.
    pub bitrate: Option<f64>,
    /// Average bitrate the encoder declared (btrt or esds), for comparison only.
    pub declared_bitrate: Option<u64>,
    /// Video specifics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video: Option<VideoFacts>,
    /// Audio specifics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioFacts>,
}

/// Video-track specifics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VideoFacts {
    /// Codec name (`H.264`, `HEVC`, `MPEG-4 Part 2`, `Motion JPEG`, …): from the sample
    /// entry's code, refined by the `esds` object type for `mp4v`.
    pub format: Option<String>,
    /// Codec profile (e.g. `High`, `Main 10`).
    pub profile: Option<String>,
    /// Codec level (e.g. `4.0`).
    pub level: Option<String>,
    /// Stored picture width in pixels (sample entry).
    pub width: u32,
    /// Stored picture height in pixels.
    pub height: u32,
    /// Width as displayed: pixel aspect ratio and track rotation applied.
    pub display_width: u32,
    /// Height as displayed.
    pub display_height: u32,
    /// Clockwise rotation from the track matrix: 0, 90, 180 or 270.
    pub rotation: u32,
    /// Pixel aspect ratio (pasp), when declared.
    pub pixel_aspect_ratio: Option<[u32; 2]>,
    /// Average frame rate: samples ÷ media duration.
    pub frame_rate: Option<f64>,
    /// Sample durations differ within the track.
    pub variable_frame_rate: bool,
    /// Sync samples; equal to the sample count when every sample is a keyframe.
    pub keyframe_count: u64,
    /// Highest bitrate over any one-second window, bits per second.
    pub peak_bitrate: Option<f64>,
    /// Interlaced, where the codec configuration or `fiel` says.
    pub interlaced: Option<bool>,
    /// What the sampled keyframes show (only when a check or `probe --frames` asks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frames: Option<frames::FrameFacts>,
    /// Why the frames were not checked, when they were asked for and could not be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frames_not_checked: Option<Text>,
}

/// Audio-track specifics, as declared by the container and codec configuration.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AudioFacts {
    /// Codec detail, e.g. `AAC LC`, `HE-AAC`, `MP3`, `PCM s16le`.
    pub format: Option<String>,
    /// Sample rate in Hz.
    pub sample_rate: Option<f64>,
    /// Channel count.
    pub channels: Option<u32>,
    /// Layout such as `mono`, `stereo`, `5.1`.
    pub channel_layout: Option<String>,
    /// Which box the channel count came from (`esds`, `chan`, `dac3`, `sample entry`, …).
    pub channels_source: Option<String>,
    /// Levels measured from the decoded samples (only when a check or `probe --levels` asks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<audio::AudioLevels>,
    /// Why the levels were not measured, when they were asked for and could not be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_measured: Option<Text>,
}

impl ContainerFacts {
    /// The main video track: the first enabled video track, else the first video track.
    pub fn primary_video(&self) -> Option<&Track> {
        let video = || self.tracks.iter().filter(|t| t.kind == TrackKind::Video);
        video().find(|t| t.enabled).or_else(|| video().next())
    }

    /// Audio tracks that hold samples (an empty track plays nothing).
    pub fn audio_tracks(&self) -> impl Iterator<Item = &Track> {
        self.tracks_of(TrackKind::Audio)
            .filter(|t| t.sample_count > 0)
    }

    /// The channels of all audio tracks with samples together; `None` when there is no
    /// such track or one does not say its count. The one definition of "the file's audio
    /// channels", for the `audio.channels` rule and the triage sheet alike.
    pub fn count_audio_channels(&self) -> Option<u32> {
        let mut tracks = self.audio_tracks().peekable();
        tracks.peek()?;
        tracks
            .map(|t| t.audio.as_ref().and_then(|a| a.channels))
            .try_fold(0u32, |sum, n| Some(sum.saturating_add(n?)))
    }

    /// Tracks of one kind.
    pub fn tracks_of(&self, kind: TrackKind) -> impl Iterator<Item = &Track> {
        self.tracks.iter().filter(move |t| t.kind == kind)
    }
}

impl Facts {
    /// The kind's lower-case name, as in JSON.
    pub fn kind_name(&self) -> &'static str {
        self.kind.name()
    }

    /// True when a fatal problem stops the file from being assessed.
    pub fn unreadable(&self) -> bool {
        self.problems.iter().any(|p| p.fatal)
    }

    /// Video specifics of the main video track.
    pub fn primary_video(&self) -> Option<&VideoFacts> {
        self.container
            .as_ref()
            .and_then(|c| c.primary_video())
            .and_then(|t| t.video.as_ref())
    }

    /// What the main video track's sampled frames show, when they were analysed.
    pub fn frames(&self) -> Option<&frames::FrameFacts> {
        self.primary_video().and_then(|v| v.frames.as_ref())
    }
}

/// A 64-bit perceptual hash; serialised as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub u64);

impl Fingerprint {
    /// Bits that differ.
    pub fn distance(self, other: Fingerprint) -> u32 {
        (self.0 ^ other.0).count_ones()
    }
}

impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:016x}", self.0))
    }
}
