//! Rules: judgements over [`Facts`] against a [`Profile`], one rule per file.
//!
//! Each rule has a stable dotted id, a default severity and a documentation
//! comment at the top of its file, which is what `mediavet explain` prints.

mod container_format;
mod file_kind;
mod file_unreadable;
mod media_date;
mod track_missing;
mod video_bitrate;
mod video_codec;
mod video_duration;
mod video_resolution;

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
pub static RULES: [Rule; 9] = [
    Rule {
        id: "file.unreadable",
        default: Severity::Error,
        doc: docs::FILE_UNREADABLE,
        applies: file_unreadable::applies,
        check: file_unreadable::check,
    },
    Rule {
        id: "file.kind",
        default: Severity::Error,
        doc: docs::FILE_KIND,
        applies: file_kind::applies,
        check: file_kind::check,
    },
    Rule {
        id: "container.format",
        default: Severity::Error,
        doc: docs::CONTAINER_FORMAT,
        applies: container_format::applies,
        check: container_format::check,
    },
    Rule {
        id: "track.missing",
        default: Severity::Error,
        doc: docs::TRACK_MISSING,
        applies: track_missing::applies,
        check: track_missing::check,
    },
    Rule {
        id: "video.resolution",
        default: Severity::Error,
        doc: docs::VIDEO_RESOLUTION,
        applies: video_resolution::applies,
        check: video_resolution::check,
    },
    Rule {
        id: "video.bitrate",
        default: Severity::Error,
        doc: docs::VIDEO_BITRATE,
        applies: video_bitrate::applies,
        check: video_bitrate::check,
    },
    Rule {
        id: "video.duration",
        default: Severity::Error,
        doc: docs::VIDEO_DURATION,
        applies: video_duration::applies,
        check: video_duration::check,
    },
    Rule {
        id: "media.date",
        default: Severity::Warning,
        doc: docs::MEDIA_DATE,
        applies: media_date::applies,
        check: media_date::check,
    },
    Rule {
        id: "video.codec",
        default: Severity::Info,
        doc: docs::VIDEO_CODEC,
        applies: video_codec::applies,
        check: video_codec::check,
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

/// Runs every active rule on `facts`; findings sorted by severity (errors first), then rule order.
pub fn run(facts: &Facts, profile: &Profile) -> Vec<Finding> {
    let cx = Ctx { facts, profile };
    let mut findings: Vec<Finding> = active(profile)
        .flat_map(|(rule, sev)| (rule.check)(&cx, sev))
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}
