//! Rules: judgements over [`Facts`] against a [`Profile`], one rule per file.
//!
//! Each rule has a stable dotted id, a default severity and a documentation
//! comment at the top of its file, which is what `mediavet explain` prints.

mod audio_channel_split;
mod audio_channels;
mod audio_level_max;
mod audio_level_min;
mod audio_loudness;
mod audio_silence;
mod container_format;
mod file_kind;
mod file_unreadable;
mod image_author_info;
mod image_caption;
mod image_edited;
mod image_format;
mod image_metadata_stripped;
mod image_quality;
mod image_resolution;
mod image_sharpness;
mod image_too_large;
mod media_date;
mod subtitle_parse;
mod subtitle_script;
mod subtitle_style;
mod text_author_info;
mod text_empty;
mod text_length;
mod text_metadata_author;
mod text_script;
mod track_missing;
mod video_bitrate;
mod video_codec;
mod video_duration;
mod video_qr_code;
mod video_resolution;
mod video_watermark;

mod docs {
    include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));
}

use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::profile::Profile;

/// What a rule sees.
pub struct Ctx<'a> {
    /// The file's facts.
    pub facts: &'a Facts,
    /// The profile judged against.
    pub profile: &'a Profile,
}

/// A rule: id, default severity, documentation, and its two functions.
pub struct Rule {
    /// Stable id, e.g. `video.bitrate`.
    pub id: &'static str,
    /// Severity when the profile does not set one.
    pub default: Severity,
    /// Full documentation (what, why, how to fix).
    pub doc: &'static str,
    /// Whether the profile gives this rule something to check.
    pub applies: fn(&Profile) -> bool,
    /// The rule reads levels measured from decoded audio.
    pub needs_levels: bool,
    /// The rule reads what sampled video frames show.
    pub needs_frames: bool,
    /// The rule reads a photo's decoded picture.
    pub needs_pixels: bool,
    /// The check; findings carry the severity passed in (or a lesser one the rule documents).
    pub check: fn(&Ctx, Severity) -> Vec<Finding>,
}

impl Rule {
    /// First line of the documentation.
    pub fn summary(&self) -> &'static str {
        let first = self.doc.lines().next().unwrap_or_default();
        first.split_once(" — ").map_or(first, |(_, s)| s)
    }
}

/// Every rule, in report order.
pub static RULES: [Rule; 34] = [
    Rule {
        id: "file.unreadable",
        default: Severity::Error,
        doc: docs::FILE_UNREADABLE,
        applies: file_unreadable::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: file_unreadable::check,
    },
    Rule {
        id: "file.kind",
        default: Severity::Error,
        doc: docs::FILE_KIND,
        applies: file_kind::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: file_kind::check,
    },
    Rule {
        id: "container.format",
        default: Severity::Error,
        doc: docs::CONTAINER_FORMAT,
        applies: container_format::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: container_format::check,
    },
    Rule {
        id: "track.missing",
        default: Severity::Error,
        doc: docs::TRACK_MISSING,
        applies: track_missing::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: track_missing::check,
    },
    Rule {
        id: "video.resolution",
        default: Severity::Error,
        doc: docs::VIDEO_RESOLUTION,
        applies: video_resolution::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: video_resolution::check,
    },
    Rule {
        id: "video.bitrate",
        default: Severity::Error,
        doc: docs::VIDEO_BITRATE,
        applies: video_bitrate::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: video_bitrate::check,
    },
    Rule {
        id: "video.duration",
        default: Severity::Error,
        doc: docs::VIDEO_DURATION,
        applies: video_duration::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: video_duration::check,
    },
    Rule {
        id: "audio.channels",
        default: Severity::Error,
        doc: docs::AUDIO_CHANNELS,
        applies: audio_channels::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: audio_channels::check,
    },
    Rule {
        id: "audio.channel_split",
        default: Severity::Warning,
        doc: docs::AUDIO_CHANNEL_SPLIT,
        applies: audio_channel_split::applies,
        needs_levels: true,
        needs_frames: false,
        needs_pixels: false,
        check: audio_channel_split::check,
    },
    Rule {
        id: "audio.level.max",
        default: Severity::Error,
        doc: docs::AUDIO_LEVEL_MAX,
        applies: audio_level_max::applies,
        needs_levels: true,
        needs_frames: false,
        needs_pixels: false,
        check: audio_level_max::check,
    },
    Rule {
        id: "audio.level.min",
        default: Severity::Error,
        doc: docs::AUDIO_LEVEL_MIN,
        applies: audio_level_min::applies,
        needs_levels: true,
        needs_frames: false,
        needs_pixels: false,
        check: audio_level_min::check,
    },
    Rule {
        id: "audio.silence",
        default: Severity::Warning,
        doc: docs::AUDIO_SILENCE,
        applies: audio_silence::applies,
        needs_levels: true,
        needs_frames: false,
        needs_pixels: false,
        check: audio_silence::check,
    },
    Rule {
        id: "audio.loudness",
        default: Severity::Info,
        doc: docs::AUDIO_LOUDNESS,
        applies: audio_loudness::applies,
        needs_levels: true,
        needs_frames: false,
        needs_pixels: false,
        check: audio_loudness::check,
    },
    Rule {
        id: "media.date",
        default: Severity::Warning,
        doc: docs::MEDIA_DATE,
        applies: media_date::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: media_date::check,
    },
    Rule {
        id: "video.codec",
        default: Severity::Info,
        doc: docs::VIDEO_CODEC,
        applies: video_codec::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: video_codec::check,
    },
    Rule {
        id: "video.watermark",
        default: Severity::Error,
        doc: docs::VIDEO_WATERMARK,
        applies: video_watermark::applies,
        needs_levels: false,
        needs_frames: true,
        needs_pixels: false,
        check: video_watermark::check,
    },
    Rule {
        id: "video.qr_code",
        default: Severity::Warning,
        doc: docs::VIDEO_QR_CODE,
        applies: video_qr_code::applies,
        needs_levels: false,
        needs_frames: true,
        needs_pixels: false,
        check: video_qr_code::check,
    },
    Rule {
        id: "image.format",
        default: Severity::Error,
        doc: docs::IMAGE_FORMAT,
        applies: image_format::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_format::check,
    },
    Rule {
        id: "image.resolution",
        default: Severity::Error,
        doc: docs::IMAGE_RESOLUTION,
        applies: image_resolution::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_resolution::check,
    },
    Rule {
        id: "image.too_large",
        default: Severity::Error,
        doc: docs::IMAGE_TOO_LARGE,
        applies: image_too_large::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_too_large::check,
    },
    Rule {
        id: "image.sharpness",
        default: Severity::Warning,
        doc: docs::IMAGE_SHARPNESS,
        applies: image_sharpness::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: true,
        check: image_sharpness::check,
    },
    Rule {
        id: "image.quality",
        default: Severity::Warning,
        doc: docs::IMAGE_QUALITY,
        applies: image_quality::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_quality::check,
    },
    Rule {
        id: "image.caption",
        default: Severity::Warning,
        doc: docs::IMAGE_CAPTION,
        applies: image_caption::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_caption::check,
    },
    Rule {
        id: "image.metadata_stripped",
        default: Severity::Info,
        doc: docs::IMAGE_METADATA_STRIPPED,
        applies: image_metadata_stripped::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_metadata_stripped::check,
    },
    Rule {
        id: "image.edited",
        default: Severity::Info,
        doc: docs::IMAGE_EDITED,
        applies: image_edited::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_edited::check,
    },
    Rule {
        id: "image.author_info",
        default: Severity::Warning,
        doc: docs::IMAGE_AUTHOR_INFO,
        applies: image_author_info::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: image_author_info::check,
    },
    Rule {
        id: "text.empty",
        default: Severity::Error,
        doc: docs::TEXT_EMPTY,
        applies: text_empty::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: text_empty::check,
    },
    Rule {
        id: "text.length",
        default: Severity::Error,
        doc: docs::TEXT_LENGTH,
        applies: text_length::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: text_length::check,
    },
    Rule {
        id: "text.author_info",
        default: Severity::Error,
        doc: docs::TEXT_AUTHOR_INFO,
        applies: text_author_info::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: text_author_info::check,
    },
    Rule {
        id: "text.metadata_author",
        default: Severity::Warning,
        doc: docs::TEXT_METADATA_AUTHOR,
        applies: text_metadata_author::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: text_metadata_author::check,
    },
    Rule {
        id: "text.script",
        default: Severity::Warning,
        doc: docs::TEXT_SCRIPT,
        applies: text_script::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: text_script::check,
    },
    Rule {
        id: "subtitle.parse",
        default: Severity::Warning,
        doc: docs::SUBTITLE_PARSE,
        applies: subtitle_parse::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: subtitle_parse::check,
    },
    Rule {
        id: "subtitle.script",
        default: Severity::Warning,
        doc: docs::SUBTITLE_SCRIPT,
        applies: subtitle_script::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: subtitle_script::check,
    },
    Rule {
        id: "subtitle.style",
        default: Severity::Warning,
        doc: docs::SUBTITLE_STYLE,
        applies: subtitle_style::applies,
        needs_levels: false,
        needs_frames: false,
        needs_pixels: false,
        check: subtitle_style::check,
    },
];

/// A rule by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Rules that apply under `profile` and are not switched off, with their severity.
pub fn active(profile: &Profile) -> impl Iterator<Item = (&'static Rule, Severity)> + '_ {
    RULES
        .iter()
        .filter(|r| (r.applies)(profile))
        .filter_map(|r| profile.severity_of(r).map(|s| (r, s)))
}

/// Whether a format name is in a profile's list (names compare case-insensitively, so
/// `"JPEG"` and `"jpeg"` both accept JPEG).
pub(crate) fn listed(formats: &[String], name: &str) -> bool {
    formats.iter().any(|f| f.eq_ignore_ascii_case(name))
}

/// Channels of all audio tracks in order (track 1's, then track 2's …), with a label
/// ("channel 1"), and the tracks whose levels could not be measured.
pub(crate) fn audio_channels(
    facts: &Facts,
) -> (
    Vec<(usize, &crate::audio::levels::ChannelLevels)>,
    Vec<&crate::finding::Text>,
) {
    let mut channels = Vec::new();
    let mut not_measured = Vec::new();
    let audio = facts
        .container
        .iter()
        .flat_map(|c| c.tracks_of(crate::facts::TrackKind::Audio))
        .filter_map(|t| t.audio.as_ref());
    for a in audio {
        match (&a.levels, &a.not_measured) {
            (Some(levels), _) => channels.extend(levels.channels.iter()),
            (None, Some(why)) => not_measured.push(why),
            (None, None) => {}
        }
    }
    (
        channels
            .into_iter()
            .enumerate()
            .map(|(i, c)| (i + 1, c))
            .collect(),
        not_measured,
    )
}

/// The warning a level rule gives for audio it could not decode.
pub(crate) fn not_measured_finding(
    rule: &'static str,
    sev: Severity,
    why: &crate::finding::Text,
) -> Finding {
    Finding::new(
        rule,
        sev.min(Severity::Warning),
        crate::finding::Text::new(
            format!("Audio level {}", why.en),
            format!("音频电平{}", why.zh),
        ),
    )
}

/// The warning of the script rules for a Japanese text or subtitle (`what`: "The text",
/// "Subtitles x.srt"), instead of calling its kanji Traditional Chinese.
pub(crate) fn japanese_finding<L>(
    rule: &'static str,
    sev: Severity,
    what: (&str, &str),
    s: &crate::script::ScriptFacts<L>,
) -> Finding {
    let (kana, han) = (s.kana, s.han);
    crate::finding::Finding::new(
        rule,
        sev.min(Severity::Warning),
        crate::finding::Text::new(
            format!(
                "{} is Japanese ({kana} kana beside {han} kanji), not Simplified Chinese.",
                what.0
            ),
            format!(
                "{}是日文（{kana} 个假名、{han} 个汉字），不是简体中文。",
                what.1
            ),
        ),
    )
    .values(
        Some(crate::finding::Quantity::text("Japanese")),
        Some(crate::finding::Quantity::text("Simplified Chinese")),
    )
}

/// Runs every active rule on `facts`; findings sorted by severity (errors first), then rule order.
pub fn run(facts: &Facts, profile: &Profile) -> Vec<Finding> {
    let cx = Ctx { facts, profile };
    let mut findings: Vec<Finding> = active(profile)
        .flat_map(|(rule, sev)| (rule.check)(&cx, sev))
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}
