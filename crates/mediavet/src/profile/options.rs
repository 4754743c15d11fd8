//! The profile file schema: what a TOML layer may say. Every key is optional and unknown
//! keys are rejected; values that must lie in a range are types that check themselves, so
//! a parse error names the line.

use crate::finding::Severity;
use crate::kind::Category;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Severity as set in a profile: a [`Severity`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report for information.
    Info,
    /// Do not run the rule.
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// A positive number (rejected at parse time otherwise, so the error has a line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Positive(pub f64);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() && v > 0.0 {
            Ok(Positive(v))
        } else {
            Err(serde::de::Error::custom(format!(
                "must be a positive number, got {v}"
            )))
        }
    }
}

/// A calendar date written as a TOML local date (`2012-11-08`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date(pub NaiveDate);

/// A date as written in TOML (`2012-11-08`) or, from other sources, as a string.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateInput {
    Toml(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = match DateInput::deserialize(d)? {
            DateInput::Toml(v) => v,
            DateInput::Text(s) => s.parse().map_err(|_| {
                serde::de::Error::custom(format!("expected a date like 2012-11-08, got {s:?}"))
            })?,
        };
        let bad = || serde::de::Error::custom(format!("expected a date like 2012-11-08, got {v}"));
        match (v.date, v.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .map(Date)
            .ok_or_else(bad),
            _ => Err(bad()),
        }
    }
}

/// `[container]` settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerOptions {
    /// Accepted container formats (`mp4`, `mov`, `3gp`, `m4a`, `m4v`).
    pub formats: Option<Vec<String>>,
}

/// `[video]` settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VideoOptions {
    /// A video track is required.
    pub required: Option<bool>,
    /// Required displayed width in pixels.
    pub width: Option<u32>,
    /// Required displayed height in pixels.
    pub height: Option<u32>,
    /// Minimum measured video bitrate, Mb/s.
    pub min_bitrate_mbps: Option<Positive>,
    /// Containers the bitrate minimum applies to (all when absent).
    pub bitrate_formats: Option<Vec<String>>,
    /// Maximum movie duration, seconds.
    pub max_duration_s: Option<Positive>,
    /// Minimum movie duration, seconds.
    pub min_duration_s: Option<Positive>,
}

/// Which reading the level band is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LevelMeter {
    /// Sample peak, dBFS.
    Peak,
    /// True peak (4× oversampled), dBTP.
    TruePeak,
    /// VU with IEC 60268-17 ballistics, relative to `vu_reference_dbfs`.
    Vu,
}

/// `[audio]` settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AudioOptions {
    /// An audio track is required.
    pub required: Option<bool>,
    /// Channels required over all audio tracks together.
    pub channels: Option<u32>,
    /// Channel 1 and channel 2 must carry different material (narration vs music).
    pub expect_split: Option<bool>,
    /// The reading the level band is judged on.
    pub meter: Option<LevelMeter>,
    /// The sine level (dBFS, peak) that reads 0 VU: −20 (SMPTE RP155) or −18 (EBU R68).
    pub vu_reference_dbfs: Option<f64>,
    /// The highest level may not exceed this (dB on the chosen meter).
    pub max_level_db: Option<f64>,
    /// The programme must reach this level (dB on the chosen meter) …
    pub min_level_db: Option<f64>,
    /// … at this percentile of its 300 ms windows above −50 dBFS.
    pub min_level_percentile: Option<f64>,
    /// Target integrated loudness (GY/T 282-2014: −24 LKFS).
    pub loudness_target_lufs: Option<f64>,
    /// Allowed deviation from the target, LU.
    pub loudness_tolerance_lu: Option<f64>,
    /// Highest true peak the loudness standard allows, dBTP.
    pub max_true_peak_dbtp: Option<f64>,
}

/// `[image]` settings (photos).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageOptions {
    /// Accepted image formats, as named in the facts (`jpeg`, `png`, `heif`, …).
    pub formats: Option<Vec<String>>,
    /// Least megapixels.
    pub min_megapixels: Option<Positive>,
    /// Least length of the long side, pixels.
    pub min_long_side: Option<u32>,
    /// Report what the metadata shows: stripped, edited, revealing the author.
    pub metadata: Option<bool>,
    /// Most megapixels a header may claim; larger pictures are not decoded (`image.too_large`).
    pub max_megapixels: Option<Positive>,
    /// Least Laplacian variance of the sharpest eighth of the picture at the 1024-pixel
    /// working size (`image.sharpness`).
    pub min_sharpness: Option<Positive>,
    /// Least estimated JPEG quality, 1–100 (`image.quality`).
    pub min_quality: Option<u8>,
    /// Ask for a caption in the metadata or a sidecar `.txt` (`image.caption`).
    pub caption: Option<bool>,
}

/// `[text]` settings (text entries).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextOptions {
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
    pub metadata_author: Option<bool>,
}

/// `[subtitle]` settings: sidecar subtitle files and subtitle tracks of a video.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubtitleOptions {
    /// Largest share (0–1) of Traditional-only characters (`subtitle.script`).
    pub max_traditional_share: Option<f64>,
    /// Accepted font names, compared without case and spaces (`subtitle.style`).
    pub fonts: Option<Vec<String>>,
    /// Font size, in the subtitle format's own unit (ASS: script pixels).
    pub font_size: Option<Positive>,
    /// Ask for horizontally centred subtitles.
    pub centred: Option<bool>,
    /// Ask for a shadow.
    pub shadow: Option<bool>,
}

/// `[frames]` settings: the pictures sampled from a video and what is looked for in them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameOptions {
    /// Keyframes sampled evenly over the duration (all when the video has fewer).
    pub keyframes: Option<usize>,
    /// Look for watermarks and logos (`video.watermark`).
    pub watermark: Option<bool>,
    /// Share of the frames of the video, or of a half or third of it, that a mark's
    /// edges must be present in.
    pub persistence: Option<f64>,
    /// Least confidence (0–1) for a mark to be reported at the rule's severity; weaker
    /// ones are reported for information.
    pub min_confidence: Option<f64>,
    /// Areas never judged, as `[x, y, w, h]` fractions of the displayed picture (e.g. the
    /// static interface of a screen recording).
    pub ignore: Option<Vec<[f64; 4]>>,
    /// Look for QR codes (`video.qr_code`).
    pub qr_code: Option<bool>,
}

/// `[date]` settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateOptions {
    /// Earliest accepted creation date.
    pub earliest: Option<Date>,
    /// Latest accepted creation date.
    pub latest: Option<Date>,
}

/// A profile file, or one layer of a profile: every key optional, unknown keys rejected.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileOptions {
    /// Profile name.
    pub name: Option<String>,
    /// Built-in profile this one starts from.
    pub extends: Option<String>,
    /// One-line description.
    pub description: Option<String>,
    /// The kind of file the profile checks.
    pub category: Option<Category>,
    /// Container settings.
    #[serde(default)]
    pub container: ContainerOptions,
    /// Video settings.
    #[serde(default)]
    pub video: VideoOptions,
    /// Audio settings.
    #[serde(default)]
    pub audio: AudioOptions,
    /// Sampled-frame settings.
    #[serde(default)]
    pub frames: FrameOptions,
    /// Photo settings.
    #[serde(default)]
    pub image: ImageOptions,
    /// Text settings.
    #[serde(default)]
    pub text: TextOptions,
    /// Subtitle settings.
    #[serde(default)]
    pub subtitle: SubtitleOptions,
    /// Date settings.
    #[serde(default)]
    pub date: DateOptions,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
}
