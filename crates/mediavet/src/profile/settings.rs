//! Resolved settings: the values rules read, every default applied here and nowhere else.
//! An `Option` left in these types means "not asked for": the rule that reads it does
//! not apply.

use super::options::{LevelMeter, ProfileOptions};
use chrono::NaiveDate;

/// Most keyframes a profile may ask to sample (bounds memory: ~0.5 MB each).
pub const MAX_KEYFRAMES: usize = 240;

/// Decoding limit when a profile sets none: more than any camera makes (the largest
/// medium-format sensors give 150 MP) and a 200 MB grey picture at most.
pub const DEFAULT_MAX_MEGAPIXELS: f64 = 200.0;

/// Least confidence for a mark at `video.watermark`'s severity when a profile sets none.
pub const DEFAULT_MIN_CONFIDENCE: f64 = 0.5;

/// Allowed deviation from the loudness target when a profile sets none, LU.
pub const DEFAULT_LOUDNESS_TOLERANCE_LU: f64 = 2.0;

/// `[container]`.
#[derive(Debug, Clone, Default)]
pub struct Container {
    /// Accepted container formats (`mp4`, `mov`, `3gp`, `m4a`, `m4v`).
    pub formats: Option<Vec<String>>,
}

/// `[video]`.
#[derive(Debug, Clone, Default)]
pub struct Video {
    /// A video track is required.
    pub required: bool,
    /// Required displayed width in pixels.
    pub width: Option<u32>,
    /// Required displayed height in pixels.
    pub height: Option<u32>,
    /// Minimum measured video bitrate, Mb/s.
    pub min_bitrate_mbps: Option<f64>,
    /// Containers the bitrate minimum applies to (all when absent).
    pub bitrate_formats: Option<Vec<String>>,
    /// Maximum movie duration, seconds.
    pub max_duration_s: Option<f64>,
    /// Minimum movie duration, seconds.
    pub min_duration_s: Option<f64>,
}

/// `[audio]`.
#[derive(Debug, Clone)]
pub struct Audio {
    /// An audio track is required.
    pub required: bool,
    /// Channels required over all audio tracks together.
    pub channels: Option<u32>,
    /// Channel 1 and channel 2 must carry different material.
    pub expect_split: bool,
    /// The reading the level band is judged on (default: sample peak).
    pub meter: LevelMeter,
    /// The sine level (dBFS, peak) that reads 0 VU.
    pub vu_reference_dbfs: f64,
    /// The highest level may not exceed this (dB on the chosen meter).
    pub max_level_db: Option<f64>,
    /// The programme must reach this level (dB on the chosen meter) …
    pub min_level_db: Option<f64>,
    /// … at this percentile of its 300 ms windows above −50 dBFS.
    pub min_level_percentile: f64,
    /// Target integrated loudness, LUFS.
    pub loudness_target_lufs: Option<f64>,
    /// Allowed deviation from the target, LU.
    pub loudness_tolerance_lu: f64,
    /// Highest true peak the loudness standard allows, dBTP.
    pub max_true_peak_dbtp: Option<f64>,
}

/// `[image]`.
#[derive(Debug, Clone)]
pub struct Image {
    /// Accepted image formats, as named in the facts.
    pub formats: Option<Vec<String>>,
    /// Least megapixels.
    pub min_megapixels: Option<f64>,
    /// Least length of the long side, pixels.
    pub min_long_side: Option<u32>,
    /// Report what the metadata shows: stripped, edited, revealing the author.
    pub metadata: bool,
    /// Most megapixels a picture may have to be decoded.
    pub max_megapixels: f64,
    /// Whether a profile set `max_megapixels` itself (then `image.too_large` applies).
    pub max_megapixels_set: bool,
    /// Least Laplacian variance of the sharpest eighth (`image.sharpness`).
    pub min_sharpness: Option<f64>,
    /// Least estimated JPEG quality, 1–100.
    pub min_quality: Option<u8>,
    /// Ask for a caption.
    pub caption: bool,
}

/// `[text]`.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// Accepted document formats (`text`, `docx`).
    pub formats: Option<Vec<String>>,
    /// Least 字数.
    pub min_words: Option<usize>,
    /// Most 字数.
    pub max_words: Option<usize>,
    /// Largest share (0–1) of Traditional-only characters.
    pub max_traditional_share: Option<f64>,
    /// Report names in a Word document's properties.
    pub metadata_author: bool,
}

/// `[subtitle]`.
#[derive(Debug, Clone, Default)]
pub struct Subtitle {
    /// Largest share (0–1) of Traditional-only characters.
    pub max_traditional_share: Option<f64>,
    /// Accepted font names, compared without case and spaces.
    pub fonts: Option<Vec<String>>,
    /// Font size, in the subtitle format's own unit.
    pub font_size: Option<f64>,
    /// Ask for horizontally centred subtitles.
    pub centred: bool,
    /// Ask for a shadow.
    pub shadow: bool,
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

/// `[frames]`.
#[derive(Debug, Clone)]
pub struct Frames {
    /// Keyframes sampled evenly over the duration.
    pub keyframes: usize,
    /// Look for watermarks and logos.
    pub watermark: bool,
    /// Share of the frames a mark's edges must be present in.
    pub persistence: f64,
    /// Least confidence for a mark to be reported at the rule's severity.
    pub min_confidence: f64,
    /// Areas never judged, `[x, y, w, h]` fractions of the displayed picture.
    pub ignore: Vec<[f64; 4]>,
    /// Look for QR codes.
    pub qr_code: bool,
}

/// `[date]`.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    /// Earliest accepted creation date.
    pub earliest: Option<NaiveDate>,
    /// Latest accepted creation date.
    pub latest: Option<NaiveDate>,
}

/// Every section, resolved from the merged options.
pub(super) struct Sections {
    pub container: Container,
    pub video: Video,
    pub audio: Audio,
    pub image: Image,
    pub text: Text,
    pub subtitle: Subtitle,
    pub frames: Frames,
    pub date: Dates,
}

/// Applies the defaults to merged options.
pub(super) fn resolve(o: &ProfileOptions) -> Sections {
    let frames = crate::video::FrameSettings::default();
    let meter = crate::audio::MeterSettings::default();
    let (v, a, i, t, s, f) = (
        &o.video,
        &o.audio,
        &o.image,
        &o.text,
        &o.subtitle,
        &o.frames,
    );
    Sections {
        container: Container {
            formats: o.container.formats.clone(),
        },
        video: Video {
            required: v.required.unwrap_or(false),
            width: v.width,
            height: v.height,
            min_bitrate_mbps: v.min_bitrate_mbps.map(|p| p.0),
            bitrate_formats: v.bitrate_formats.clone(),
            max_duration_s: v.max_duration_s.map(|p| p.0),
            min_duration_s: v.min_duration_s.map(|p| p.0),
        },
        audio: Audio {
            required: a.required.unwrap_or(false),
            channels: a.channels,
            expect_split: a.expect_split.unwrap_or(false),
            meter: a.meter.unwrap_or(LevelMeter::Peak),
            vu_reference_dbfs: a.vu_reference_dbfs.unwrap_or(meter.vu_reference_dbfs),
            max_level_db: a.max_level_db,
            min_level_db: a.min_level_db,
            min_level_percentile: a.min_level_percentile.unwrap_or(meter.level_percentile),
            loudness_target_lufs: a.loudness_target_lufs,
            loudness_tolerance_lu: a
                .loudness_tolerance_lu
                .unwrap_or(DEFAULT_LOUDNESS_TOLERANCE_LU),
            max_true_peak_dbtp: a.max_true_peak_dbtp,
        },
        image: Image {
            formats: i.formats.clone(),
            min_megapixels: i.min_megapixels.map(|p| p.0),
            min_long_side: i.min_long_side,
            metadata: i.metadata.unwrap_or(false),
            max_megapixels: i.max_megapixels.map_or(DEFAULT_MAX_MEGAPIXELS, |p| p.0),
            max_megapixels_set: i.max_megapixels.is_some(),
            min_sharpness: i.min_sharpness.map(|p| p.0),
            min_quality: i.min_quality,
            caption: i.caption.unwrap_or(false),
        },
        text: Text {
            formats: t.formats.clone(),
            min_words: t.min_words,
            max_words: t.max_words,
            max_traditional_share: t.max_traditional_share,
            metadata_author: t.metadata_author.unwrap_or(false),
        },
        subtitle: Subtitle {
            max_traditional_share: s.max_traditional_share,
            fonts: s.fonts.clone(),
            font_size: s.font_size.map(|p| p.0),
            centred: s.centred.unwrap_or(false),
            shadow: s.shadow.unwrap_or(false),
        },
        frames: Frames {
            keyframes: f.keyframes.unwrap_or(frames.keyframes),
            watermark: f.watermark.unwrap_or(false),
            persistence: f.persistence.unwrap_or(frames.persistence),
            min_confidence: f.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE),
            ignore: f.ignore.clone().unwrap_or_default(),
            qr_code: f.qr_code.unwrap_or(false),
        },
        date: Dates {
            earliest: o.date.earliest.map(|d| d.0),
            latest: o.date.latest.map(|d| d.0),
        },
    }
}
