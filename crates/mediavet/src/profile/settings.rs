//! The profile schema and the resolved settings in one set of types: every key may be left
//! out of a layer (its default, in the section's `Default`, applies once the layers are
//! merged), unknown keys are rejected, and values check themselves as they are read.
//! An `Option` means "not asked for": the rule that reads it does not apply. A new setting
//! is one field here (and its default, when `Default` of its type is not it).

use super::layers::Layer;
use super::values::{date, positive, Level, LevelMeter};
use crate::kind::Category;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Most keyframes a profile may ask to sample (bounds memory: ~0.5 MB each).
pub const MAX_KEYFRAMES: usize = 240;

/// Decoding limit when a profile sets none: more than any camera makes (the largest
/// medium-format sensors give 150 MP) and a 200 MB grey picture at most.
pub const DEFAULT_MAX_MEGAPIXELS: f64 = 200.0;

/// A delivery spec: what a layer may say, and once the layers are merged, what the rules
/// read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    /// Profile name.
    pub name: String,
    /// Built-in profile this one starts from.
    pub extends: Option<String>,
    /// One-line description.
    pub description: Option<String>,
    /// The kind of file the profile checks.
    pub category: Option<Category>,
    /// `[container]`.
    pub container: Container,
    /// `[video]`.
    pub video: Video,
    /// `[audio]`.
    pub audio: Audio,
    /// `[frames]`.
    pub frames: Frames,
    /// `[image]`.
    pub image: Image,
    /// `[text]`.
    pub text: Text,
    /// `[subtitle]`.
    pub subtitle: Subtitle,
    /// `[date]`.
    pub date: Dates,
    /// `[entry]`: entries as received (`mediavet intake`).
    pub entry: Entry,
    /// `[severity]`: a level per rule id.
    pub severity: BTreeMap<String, Level>,
    /// The layers it was resolved from, bottom first (more can be laid over).
    #[serde(skip)]
    pub(super) layers: Vec<Layer>,
}

/// `[container]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Container {
    /// Accepted container formats (`mp4`, `mov`, `3gp`, `m4a`, `m4v`).
    pub formats: Option<Vec<String>>,
}

/// `[video]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Video {
    /// A video track is required.
    pub required: bool,
    /// Required displayed width in pixels.
    pub width: Option<u32>,
    /// Required displayed height in pixels.
    pub height: Option<u32>,
    /// Minimum measured video bitrate, Mb/s.
    #[serde(deserialize_with = "positive")]
    pub min_bitrate_mbps: Option<f64>,
    /// Containers the bitrate minimum applies to (all when absent).
    pub bitrate_formats: Option<Vec<String>>,
    /// Maximum movie duration, seconds.
    #[serde(deserialize_with = "positive")]
    pub max_duration_s: Option<f64>,
    /// Minimum movie duration, seconds.
    #[serde(deserialize_with = "positive")]
    pub min_duration_s: Option<f64>,
}

/// `[audio]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Audio {
    /// An audio track is required.
    pub required: bool,
    /// Channels required over all audio tracks together.
    pub channels: Option<u32>,
    /// Channel 1 and channel 2 must carry different material (narration vs music).
    pub expect_split: bool,
    /// The reading the level band is judged on (default: sample peak).
    pub meter: LevelMeter,
    /// The sine level (dBFS, peak) that reads 0 VU: −20 (SMPTE RP155) or −18 (EBU R68).
    pub vu_reference_dbfs: f64,
    /// The highest level may not exceed this (dB on the chosen meter).
    pub max_level_db: Option<f64>,
    /// The programme must reach this level (dB on the chosen meter) …
    pub min_level_db: Option<f64>,
    /// … at this percentile of its 300 ms windows above −50 dBFS.
    pub min_level_percentile: f64,
    /// Target integrated loudness (GY/T 282-2014: −24 LKFS).
    pub loudness_target_lufs: Option<f64>,
    /// Allowed deviation from the target, LU.
    pub loudness_tolerance_lu: f64,
    /// Highest true peak the loudness standard allows, dBTP.
    pub max_true_peak_dbtp: Option<f64>,
}

impl Default for Audio {
    fn default() -> Self {
        let meter = crate::audio::MeterSettings::default();
        Audio {
            required: false,
            channels: None,
            expect_split: false,
            meter: LevelMeter::Peak,
            vu_reference_dbfs: meter.vu_reference_dbfs,
            max_level_db: None,
            min_level_db: None,
            min_level_percentile: meter.level_percentile,
            loudness_target_lufs: None,
            loudness_tolerance_lu: 2.0,
            max_true_peak_dbtp: None,
        }
    }
}

/// `[frames]`: the pictures sampled from a video and what is looked for in them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Frames {
    /// Keyframes sampled evenly over the duration (all when the video has fewer).
    pub keyframes: usize,
    /// Look for watermarks and logos (`video.watermark`).
    pub watermark: bool,
    /// Share of the frames of the video, or of a half or third of it, that a mark's
    /// edges must be present in.
    pub persistence: f64,
    /// Least confidence (0–1) for a mark to be reported at the rule's severity; weaker
    /// ones are reported for information.
    pub min_confidence: f64,
    /// Areas never judged, as `[x, y, w, h]` fractions of the displayed picture (e.g. the
    /// static interface of a screen recording).
    pub ignore: Vec<[f64; 4]>,
    /// Look for QR codes (`video.qr_code`).
    pub qr_code: bool,
    /// Read text anywhere on screen and report contact details, account IDs and calls to
    /// action (`video.onscreen_text`).
    pub onscreen_text: bool,
    /// Frames searched with the text detection model for it (besides the subtitle lines
    /// read anyway).
    pub text_frames: usize,
}

impl Default for Frames {
    fn default() -> Self {
        let frames = crate::video::FrameSettings::default();
        Frames {
            keyframes: frames.keyframes,
            watermark: false,
            persistence: frames.persistence,
            min_confidence: 0.5,
            ignore: Vec::new(),
            qr_code: false,
            onscreen_text: false,
            text_frames: 0,
        }
    }
}

/// `[image]`: photos.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Image {
    /// Accepted image formats, as named in the facts (`jpeg`, `png`, `heif`, …).
    pub formats: Option<Vec<String>>,
    /// Least megapixels.
    #[serde(deserialize_with = "positive")]
    pub min_megapixels: Option<f64>,
    /// Least length of the long side, pixels.
    pub min_long_side: Option<u32>,
    /// Report what the metadata shows: stripped, edited, revealing the author.
    pub metadata: bool,
    /// Most megapixels a header may claim; larger pictures are not decoded
    /// (`image.too_large`, which applies when this is set; the decoding limit is
    /// [`DEFAULT_MAX_MEGAPIXELS`] otherwise).
    #[serde(deserialize_with = "positive")]
    pub max_megapixels: Option<f64>,
    /// Least Laplacian variance of the sharpest eighth of the picture at the 1024-pixel
    /// working size (`image.sharpness`).
    #[serde(deserialize_with = "positive")]
    pub min_sharpness: Option<f64>,
    /// Least estimated JPEG quality, 1–100 (`image.quality`).
    pub min_quality: Option<u8>,
    /// Ask for a caption in the metadata or a sidecar `.txt` (`image.caption`).
    pub caption: bool,
}

impl Image {
    /// Most megapixels a picture may have to be decoded.
    pub fn decoding_limit(&self) -> f64 {
        self.max_megapixels.unwrap_or(DEFAULT_MAX_MEGAPIXELS)
    }
}

/// `[text]`: text entries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Text {
    /// Accepted document formats, as named in the facts (`text`, `docx`); others get
    /// `file.kind` asking for .docx.
    pub formats: Option<Vec<String>>,
    /// Least 字数 (as Word/WPS count it).
    pub min_words: Option<usize>,
    /// Most 字数.
    pub max_words: Option<usize>,
    /// Largest share (0–1) of Traditional-only characters among the characters that tell
    /// the scripts apart (`text.script`).
    pub max_traditional_share: Option<f64>,
    /// Report names in a Word document's properties (`text.metadata_author`).
    pub metadata_author: bool,
}

/// `[subtitle]`: sidecar subtitle files and subtitle tracks of a video.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Subtitle {
    /// Largest share (0–1) of Traditional-only characters (`subtitle.script`).
    pub max_traditional_share: Option<f64>,
    /// Accepted font names, compared without case and spaces (`subtitle.style`).
    pub fonts: Option<Vec<String>>,
    /// Font size, in the subtitle format's own unit (ASS: script pixels).
    #[serde(deserialize_with = "positive")]
    pub font_size: Option<f64>,
    /// Ask for horizontally centred subtitles.
    pub centred: bool,
    /// Ask for a shadow.
    pub shadow: bool,
    /// Look for subtitles burned into the picture and judge them too (OCR).
    pub burned_in: bool,
    /// Burned-in lines: largest distance of a line's centre from the picture's, as a share
    /// of its width.
    pub centre_tolerance: f64,
    /// Burned-in lines: glyph height in 1080-line pixels per point of `font_size`.
    pub glyph_height_per_point: f64,
    /// Burned-in lines: allowed deviation of the glyph height, as a share.
    pub size_tolerance: f64,
}

impl Default for Subtitle {
    fn default() -> Self {
        Subtitle {
            max_traditional_share: None,
            fonts: None,
            font_size: None,
            centred: false,
            shadow: false,
            burned_in: false,
            centre_tolerance: 0.03,
            glyph_height_per_point: 0.8,
            size_tolerance: 0.1,
        }
    }
}

impl Subtitle {
    /// Whether anything about subtitles is asked for (a subtitle file checked on its own
    /// is then accepted as part of a video entry).
    pub fn checked(&self) -> bool {
        self.max_traditional_share.is_some()
            || self.fonts.is_some()
            || self.font_size.is_some()
            || self.centred
            || self.shadow
    }
}

/// `[date]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Dates {
    /// Earliest accepted creation date.
    #[serde(deserialize_with = "date")]
    pub earliest: Option<NaiveDate>,
    /// Latest accepted creation date.
    #[serde(deserialize_with = "date")]
    pub latest: Option<NaiveDate>,
}

/// `[entry]`: entries as received, by mail, archive or folder (`mediavet intake`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Entry {
    /// First day of the submission window, judged on the mail's date.
    #[serde(deserialize_with = "date")]
    pub sent_from: Option<NaiveDate>,
    /// Last day of the submission window.
    #[serde(deserialize_with = "date")]
    pub sent_until: Option<NaiveDate>,
    /// Most characters (字, counted as `text.length` counts) in 作品内容概要.
    pub summary_max_chars: usize,
    /// Most bytes an entry may inflate to, in GiB.
    #[serde(deserialize_with = "positive")]
    pub max_inflated_gib: Option<f64>,
    /// Most files per entry.
    pub max_members: usize,
    /// Containers followed inside containers.
    pub max_depth: usize,
    /// Inflated ÷ compressed size above which a member is a compression bomb.
    #[serde(deserialize_with = "positive")]
    pub max_ratio: Option<f64>,
    /// Share of a text (of the shorter of two) found in another entry's text from which
    /// the two are reported as the same work.
    pub text_shared_share: f64,
    /// Most bits two photo or frame fingerprints (64 bits) may differ by and be the same
    /// picture.
    pub picture_max_distance: u32,
}

impl Default for Entry {
    fn default() -> Self {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        Entry {
            sent_from: day(2020, 7, 30),
            sent_until: day(2020, 8, 31),
            summary_max_chars: 500,
            max_inflated_gib: Some(8.0),
            max_members: 10_000,
            max_depth: 2,
            max_ratio: Some(200.0),
            text_shared_share: 0.2,
            picture_max_distance: 6,
        }
    }
}
