//! Profiles: the numbers and severities rules judge against, as TOML data.
//!
//! Built-in profiles live in `profiles/*.toml` and are embedded at build time.
//! A user profile may `extends = "<built-in>"` and override any value.

use crate::finding::Severity;
use crate::kind::Category;
use crate::Error;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Built-in profiles: (name, TOML source).
const BUILTIN: [(&str, &str); 5] = [
    ("micro-video", include_str!("../profiles/micro-video.toml")),
    (
        "micro-film-5",
        include_str!("../profiles/micro-film-5.toml"),
    ),
    (
        "micro-film-15",
        include_str!("../profiles/micro-film-15.toml"),
    ),
    ("photo", include_str!("../profiles/photo.toml")),
    ("text", include_str!("../profiles/text.toml")),
];

/// Most keyframes a profile may ask to sample (bounds memory: ~0.5 MB each).
pub const MAX_KEYFRAMES: usize = 240;

/// Decoding limit when a profile sets none: more than any camera makes (the largest
/// medium-format sensors give 150 MP) and a 200 MB grey picture at most.
pub const DEFAULT_MAX_MEGAPIXELS: f64 = 200.0;

/// Severity as set in a profile: a [`Severity`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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
pub struct ContainerRules {
    /// Accepted container formats (`mp4`, `mov`, `3gp`, `m4a`, `m4v`).
    pub formats: Option<Vec<String>>,
}

/// `[video]` settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VideoRules {
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
pub struct AudioRules {
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
pub struct ImageRules {
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
pub struct TextRules {
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
pub struct SubtitleRules {
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

/// `[author]`: the entrant's own details, searched for in the body (`text.author_info`).
/// Usually given per entry (`--author-name` …) rather than in a profile file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorDetails {
    /// Name (姓名).
    pub name: Option<String>,
    /// Work unit or school (单位).
    pub unit: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// `[frames]` settings: the pictures sampled from a video and what is looked for in them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameRules {
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
pub struct DateRules {
    /// Earliest accepted creation date.
    pub earliest: Option<Date>,
    /// Latest accepted creation date.
    pub latest: Option<Date>,
}

/// A delivery spec.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Profile name.
    #[serde(default)]
    pub name: String,
    /// Built-in profile this one starts from.
    pub extends: Option<String>,
    /// One-line description.
    pub description: Option<String>,
    /// The kind of file the profile checks.
    pub category: Option<Category>,
    /// Container settings.
    #[serde(default)]
    pub container: ContainerRules,
    /// Video settings.
    #[serde(default)]
    pub video: VideoRules,
    /// Audio settings.
    #[serde(default)]
    pub audio: AudioRules,
    /// Sampled-frame settings.
    #[serde(default)]
    pub frames: FrameRules,
    /// Photo settings.
    #[serde(default)]
    pub image: ImageRules,
    /// Text settings.
    #[serde(default)]
    pub text: TextRules,
    /// Subtitle settings.
    #[serde(default)]
    pub subtitle: SubtitleRules,
    /// The author's details, searched for in a text's body.
    #[serde(default)]
    pub author: AuthorDetails,
    /// Date settings.
    #[serde(default)]
    pub date: DateRules,
    /// Severity overrides by rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
}

impl Profile {
    /// Names of the built-in profiles.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(n, _)| *n)
    }

    /// TOML source of a built-in profile.
    pub fn builtin_source(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Result<Profile, Error> {
        let src = Profile::builtin_source(name).ok_or_else(|| {
            let names: Vec<_> = Profile::builtin_names().collect();
            Error::Usage(format!(
                "unknown profile '{name}' (built-in: {})",
                names.join(", ")
            ))
        })?;
        Profile::from_toml(src, name)
    }

    /// A built-in name, or else a path to a TOML file.
    pub fn load(name_or_path: &str) -> Result<Profile, Error> {
        if Profile::builtin_source(name_or_path).is_some() {
            return Profile::builtin(name_or_path);
        }
        let path = Path::new(name_or_path);
        if !path.exists() && !name_or_path.ends_with(".toml") {
            return Profile::builtin(name_or_path);
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Path {
            path: path.into(),
            source,
        })?;
        let stem = path
            .file_stem()
            .map_or_else(|| name_or_path.into(), |s| s.to_string_lossy());
        Profile::from_toml_named(&text, name_or_path, &stem)
    }

    /// Parses TOML text; `origin` names it in errors, and names the profile when the text
    /// does not.
    pub fn from_toml(text: &str, origin: &str) -> Result<Profile, Error> {
        Profile::from_toml_named(text, origin, origin)
    }

    /// [`Profile::from_toml`], named `default_name` unless the text says `name`: a profile
    /// that extends a built-in one never takes the built-in's name, so reports say what
    /// was applied.
    fn from_toml_named(text: &str, origin: &str, default_name: &str) -> Result<Profile, Error> {
        let mut p = Profile::parse(text, origin)?;
        let named = !p.name.is_empty();
        if let Some(base) = p.extends.clone() {
            let Some(src) = Profile::builtin_source(&base) else {
                return Err(profile_error(
                    origin,
                    line_of_key(text, None, "extends"),
                    format!("extends: '{base}' is not a built-in profile"),
                ));
            };
            p = p.over(Profile::parse(src, &base)?);
        }
        if !named {
            p.name = default_name.to_string();
        }
        p.validate(text, origin)
    }

    /// This profile with the values of TOML `text` laid over it (same keys as a profile file).
    pub fn overlay(&self, text: &str, origin: &str) -> Result<Profile, Error> {
        Profile::parse(text, origin)?
            .over(self.clone())
            .validate(text, origin)
    }

    /// TOML to a profile, unknown keys and malformed values rejected with their line.
    fn parse(text: &str, origin: &str) -> Result<Profile, Error> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of_offset(text, s.start));
            profile_error(origin, line, e.message().to_string())
        })
    }

    /// Checks what single values cannot: rule ids and ranges.
    fn validate(self, text: &str, origin: &str) -> Result<Profile, Error> {
        let err = |section: &str, key: &str, message: String| {
            Err(profile_error(
                origin,
                line_of_key(text, Some(section), key),
                message,
            ))
        };
        for key in self.severity.keys() {
            if crate::rules::find(key).is_none() {
                return err(
                    "severity",
                    key,
                    format!("severity: unknown rule id '{key}' (see `mediavet rules`)"),
                );
            }
        }
        if let (Some(a), Some(b)) = (self.date.earliest, self.date.latest) {
            if a.0 > b.0 {
                return err(
                    "date",
                    "earliest",
                    format!("date: earliest {} is after latest {}", a.0, b.0),
                );
            }
        }
        if let (Some(a), Some(b)) = (self.text.min_words, self.text.max_words) {
            if a > b {
                return err(
                    "text",
                    "min_words",
                    format!("text: min_words {a} is over max_words {b}"),
                );
            }
        }
        if let Some(q) = self.image.min_quality.filter(|q| !(1..=100).contains(q)) {
            return err(
                "image",
                "min_quality",
                format!("image: min_quality must be in 1–100, got {q}"),
            );
        }
        if let Some(p) = self
            .audio
            .min_level_percentile
            .filter(|p| !(p > &0.0 && p <= &100.0))
        {
            return err(
                "audio",
                "min_level_percentile",
                format!("audio: min_level_percentile must be in (0, 100], got {p}"),
            );
        }
        for (section, v) in [
            ("text", self.text.max_traditional_share),
            ("subtitle", self.subtitle.max_traditional_share),
        ] {
            if let Some(v) = v.filter(|v| !(0.0..=1.0).contains(v)) {
                let key = "max_traditional_share";
                return err(
                    section,
                    key,
                    format!("{section}: {key} must be in [0, 1], got {v}"),
                );
            }
        }
        let f = &self.frames;
        if let Some(k) = f.keyframes.filter(|k| !(2..=MAX_KEYFRAMES).contains(k)) {
            return err(
                "frames",
                "keyframes",
                format!("frames: keyframes must be 2 to {MAX_KEYFRAMES}, got {k}"),
            );
        }
        for (key, v) in [
            ("persistence", f.persistence),
            ("min_confidence", f.min_confidence),
        ] {
            if let Some(v) = v.filter(|v| !(*v > 0.0 && *v <= 1.0)) {
                return err(
                    "frames",
                    key,
                    format!("frames: {key} must be in (0, 1], got {v}"),
                );
            }
        }
        for r in f.ignore.iter().flatten() {
            let inside = r.iter().all(|v| (0.0..=1.0).contains(v))
                && r[0] + r[2] <= 1.0 + 1e-9
                && r[1] + r[3] <= 1.0 + 1e-9;
            if !inside {
                return err(
                    "frames",
                    "ignore",
                    format!("frames: ignore area {r:?} is not [x, y, w, h] inside 0–1"),
                );
            }
        }
        if let (Some(min), Some(max)) = (self.video.min_duration_s, self.video.max_duration_s) {
            if min.0 > max.0 {
                return err(
                    "video",
                    "min_duration_s",
                    "video: min_duration_s is above max_duration_s".into(),
                );
            }
        }
        Ok(self)
    }

    /// This profile's values, falling back to `base` where unset.
    fn over(self, base: Profile) -> Profile {
        let mut severity = base.severity;
        severity.extend(self.severity);
        Profile {
            name: if self.name.is_empty() {
                base.name
            } else {
                self.name
            },
            extends: self.extends,
            description: self.description.or(base.description),
            category: self.category.or(base.category),
            container: ContainerRules {
                formats: self.container.formats.or(base.container.formats),
            },
            video: VideoRules {
                required: self.video.required.or(base.video.required),
                width: self.video.width.or(base.video.width),
                height: self.video.height.or(base.video.height),
                min_bitrate_mbps: self.video.min_bitrate_mbps.or(base.video.min_bitrate_mbps),
                bitrate_formats: self.video.bitrate_formats.or(base.video.bitrate_formats),
                max_duration_s: self.video.max_duration_s.or(base.video.max_duration_s),
                min_duration_s: self.video.min_duration_s.or(base.video.min_duration_s),
            },
            audio: AudioRules {
                required: self.audio.required.or(base.audio.required),
                channels: self.audio.channels.or(base.audio.channels),
                expect_split: self.audio.expect_split.or(base.audio.expect_split),
                meter: self.audio.meter.or(base.audio.meter),
                vu_reference_dbfs: self
                    .audio
                    .vu_reference_dbfs
                    .or(base.audio.vu_reference_dbfs),
                max_level_db: self.audio.max_level_db.or(base.audio.max_level_db),
                min_level_db: self.audio.min_level_db.or(base.audio.min_level_db),
                min_level_percentile: self
                    .audio
                    .min_level_percentile
                    .or(base.audio.min_level_percentile),
                loudness_target_lufs: self
                    .audio
                    .loudness_target_lufs
                    .or(base.audio.loudness_target_lufs),
                loudness_tolerance_lu: self
                    .audio
                    .loudness_tolerance_lu
                    .or(base.audio.loudness_tolerance_lu),
                max_true_peak_dbtp: self
                    .audio
                    .max_true_peak_dbtp
                    .or(base.audio.max_true_peak_dbtp),
            },
            frames: FrameRules {
                keyframes: self.frames.keyframes.or(base.frames.keyframes),
                watermark: self.frames.watermark.or(base.frames.watermark),
                persistence: self.frames.persistence.or(base.frames.persistence),
                min_confidence: self.frames.min_confidence.or(base.frames.min_confidence),
                ignore: self.frames.ignore.or(base.frames.ignore),
                qr_code: self.frames.qr_code.or(base.frames.qr_code),
            },
            image: ImageRules {
                formats: self.image.formats.or(base.image.formats),
                min_megapixels: self.image.min_megapixels.or(base.image.min_megapixels),
                min_long_side: self.image.min_long_side.or(base.image.min_long_side),
                metadata: self.image.metadata.or(base.image.metadata),
                max_megapixels: self.image.max_megapixels.or(base.image.max_megapixels),
                min_sharpness: self.image.min_sharpness.or(base.image.min_sharpness),
                min_quality: self.image.min_quality.or(base.image.min_quality),
                caption: self.image.caption.or(base.image.caption),
            },
            text: TextRules {
                formats: self.text.formats.or(base.text.formats),
                min_words: self.text.min_words.or(base.text.min_words),
                max_words: self.text.max_words.or(base.text.max_words),
                max_traditional_share: self
                    .text
                    .max_traditional_share
                    .or(base.text.max_traditional_share),
                metadata_author: self.text.metadata_author.or(base.text.metadata_author),
            },
            subtitle: SubtitleRules {
                max_traditional_share: self
                    .subtitle
                    .max_traditional_share
                    .or(base.subtitle.max_traditional_share),
                fonts: self.subtitle.fonts.or(base.subtitle.fonts),
                font_size: self.subtitle.font_size.or(base.subtitle.font_size),
                centred: self.subtitle.centred.or(base.subtitle.centred),
                shadow: self.subtitle.shadow.or(base.subtitle.shadow),
            },
            author: AuthorDetails {
                name: self.author.name.or(base.author.name),
                unit: self.author.unit.or(base.author.unit),
                phone: self.author.phone.or(base.author.phone),
                email: self.author.email.or(base.author.email),
            },
            date: DateRules {
                earliest: self.date.earliest.or(base.date.earliest),
                latest: self.date.latest.or(base.date.latest),
            },
            severity,
        }
    }

    /// Whether the profile says anything about subtitles (a subtitle file checked on its
    /// own is then accepted as part of a video entry).
    pub fn checks_subtitles(&self) -> bool {
        let s = &self.subtitle;
        s.max_traditional_share.is_some()
            || s.fonts.is_some()
            || s.font_size.is_some()
            || s.centred.is_some()
            || s.shadow.is_some()
    }

    /// Whether any active rule needs decoded audio levels.
    pub fn measures_audio(&self) -> bool {
        crate::rules::needs(self, crate::rules::Need::Levels)
    }

    /// Whether any active rule needs a photo's decoded picture.
    pub fn decodes_pictures(&self) -> bool {
        crate::rules::needs(self, crate::rules::Need::Pixels)
    }

    /// Most megapixels a picture may have to be decoded (default 200).
    pub fn max_megapixels(&self) -> f64 {
        self.image
            .max_megapixels
            .map_or(DEFAULT_MAX_MEGAPIXELS, |p| p.0)
    }

    /// Whether any active rule needs sampled video frames.
    pub fn samples_frames(&self) -> bool {
        crate::rules::needs(self, crate::rules::Need::Frames)
    }

    /// How video frames are sampled and searched under this profile.
    pub fn frame_settings(&self) -> crate::video::FrameSettings {
        let default = crate::video::FrameSettings::default();
        crate::video::FrameSettings {
            keyframes: self.frames.keyframes.unwrap_or(default.keyframes),
            persistence: self.frames.persistence.unwrap_or(default.persistence),
        }
    }

    /// How audio is metered under this profile (VU reference, level percentile).
    pub fn meter_settings(&self) -> crate::audio::MeterSettings {
        let default = crate::audio::MeterSettings::default();
        crate::audio::MeterSettings {
            vu_reference_dbfs: self
                .audio
                .vu_reference_dbfs
                .unwrap_or(default.vu_reference_dbfs),
            level_percentile: self
                .audio
                .min_level_percentile
                .unwrap_or(default.level_percentile),
        }
    }

    /// Severity of a rule in this profile (`None` = off).
    pub fn severity_of(&self, rule: &crate::rules::Rule) -> Option<Severity> {
        match self.severity.get(rule.id) {
            Some(level) => level.severity(),
            None => Some(rule.default),
        }
    }
}

fn profile_error(origin: &str, line: Option<usize>, message: String) -> Error {
    Error::Profile {
        origin: origin.into(),
        line,
        message,
    }
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

/// First line on which `key` is assigned (bare or quoted).
/// The 1-based line where `key` is set in table `[section]` (`None`: before any table),
/// so that an error points at the value that is wrong, not at the same key elsewhere.
fn line_of_key(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<&str> = None;
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            if let Some(header) = l.strip_prefix('[') {
                current = header.split(']').next().map(str::trim);
                return false;
            }
            let l = l.strip_prefix('"').unwrap_or(l);
            current == section
                && l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start_matches('"').trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse() {
        for name in Profile::builtin_names() {
            let p = Profile::builtin(name).unwrap();
            assert_eq!(p.name, name);
        }
        let p = Profile::builtin("micro-video").unwrap();
        assert_eq!(p.video.min_bitrate_mbps, Some(Positive(15.0)));
        assert_eq!(
            p.date.earliest.map(|d| d.0.to_string()).as_deref(),
            Some("2012-11-08")
        );
    }

    #[test]
    fn extends_and_overrides() {
        let p = Profile::from_toml(
            "extends = \"micro-video\"\nname = \"strict\"\n[video]\nmin_bitrate_mbps = 20\n",
            "x.toml",
        )
        .unwrap();
        assert_eq!(p.name, "strict");
        assert_eq!(p.video.min_bitrate_mbps, Some(Positive(20.0)));
        assert_eq!(p.video.width, Some(1920));
    }

    #[test]
    fn errors_name_key_and_line() {
        let e = Profile::from_toml("name = \"x\"\n[video]\nmin_bitrate_mbps = -3\n", "x.toml")
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("line 3") && msg.contains("positive"), "{msg}");
        let e = Profile::from_toml("name = \"x\"\n[video]\nwidht = 1920\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("widht"), "{e}");
        let e = Profile::from_toml("[severity]\n\"video.bitrat\" = \"off\"\n", "x.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2") && e.contains("video.bitrat"), "{e}");
    }

    #[test]
    fn a_profile_file_that_extends_is_named_after_the_file_unless_it_says() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("contest=2024");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("strict.toml");
        std::fs::write(
            &file,
            "extends = \"micro-video\"\n[video]\nmin_bitrate_mbps = 20\n",
        )
        .unwrap();
        let p = Profile::load(file.to_str().unwrap()).unwrap();
        assert_eq!(p.name, "strict");
        assert_eq!(p.video.min_bitrate_mbps, Some(Positive(20.0)));
        std::fs::write(&file, "extends = \"micro-video\"\nname = \"desk\"\n").unwrap();
        assert_eq!(Profile::load(file.to_str().unwrap()).unwrap().name, "desk");
    }

    #[test]
    fn errors_point_at_the_key_in_its_own_table() {
        let text = "[text]\nmax_traditional_share = 0.5\n[subtitle]\nmax_traditional_share = 2\n";
        let e = Profile::from_toml(text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("subtitle:"), "{e}");
        let text = "[subtitle]\nmax_traditional_share = 0.5\n[text]\nmax_traditional_share = 7\n";
        let e = Profile::from_toml(text, "x.toml").unwrap_err().to_string();
        assert!(e.contains("line 4") && e.contains("text:"), "{e}");
    }

    #[test]
    fn overlay_lays_values_over_a_profile() {
        let base = Profile::builtin("micro-video").unwrap();
        let p = base
            .overlay(
                "[video]\nmin_bitrate_mbps = 20\n[date]\nlatest = \"2021-12-31\"\n",
                "options",
            )
            .unwrap();
        assert_eq!(
            (p.name.as_str(), p.video.min_bitrate_mbps),
            ("micro-video", Some(Positive(20.0)))
        );
        assert_eq!(
            p.date.latest.map(|d| d.0.to_string()).as_deref(),
            Some("2021-12-31")
        );
        assert_eq!(p.video.width, Some(1920));
        let e = base
            .overlay("[severity]\n\"nope\" = \"off\"\n", "options")
            .unwrap_err()
            .to_string();
        assert!(e.contains("nope"), "{e}");
    }
}
