//! Rules: judgements over [`Facts`] (a file) or [`EntryFacts`] (an entry as received)
//! against a [`Profile`], one rule per file.
//!
//! Each rule has a stable dotted id, a default severity and a documentation
//! comment at the top of its file, which is what `mediavet explain` prints.

#[cfg(test)]
pub(crate) mod testing;

mod docs {
    include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));
}

use crate::facts::entry::EntryFacts;
use crate::facts::Facts;
use crate::finding::{Finding, Severity};
use crate::profile::Profile;

/// What a rule sees, and how it makes its findings.
pub struct Ctx<'a> {
    /// The file's facts.
    pub facts: &'a Facts,
    /// The profile judged against.
    pub profile: &'a Profile,
    /// The rule being run: its findings carry its id.
    rule: &'static Rule,
}

impl Ctx<'_> {
    /// A finding of this rule (the id comes from its declaration, never from a literal).
    pub fn finding(&self, severity: Severity, message: crate::finding::Text) -> Finding {
        Finding::new(self.rule.id, severity, message)
    }
}

pub use crate::inspect::Need;

/// What an entry rule sees, and how it makes its findings.
pub struct EntryCtx<'a> {
    /// The entry's facts.
    pub entry: &'a EntryFacts,
    /// The profile judged against (the one the entry's category picks).
    pub profile: &'a Profile,
    /// The rule being run.
    rule: &'static Rule,
}

impl EntryCtx<'_> {
    /// A finding of this rule.
    pub fn finding(&self, severity: Severity, message: crate::finding::Text) -> Finding {
        Finding::new(self.rule.id, severity, message)
    }
}

/// A rule's check: over one file's facts, or over an entry's.
pub enum Check {
    /// Judges one file.
    File(fn(&Ctx, Severity) -> Vec<Finding>),
    /// Judges an entry as received (its name, form, contents, duplicates).
    Entry(fn(&EntryCtx, Severity) -> Vec<Finding>),
}

/// A rule: declared once, in its own file, as `static RULE: Rule`.
pub struct Rule {
    /// Stable id, e.g. `video.bitrate`; the file is named after it (`video_bitrate.rs`).
    pub id: &'static str,
    /// Severity when the profile does not set one.
    pub default: Severity,
    /// The expensive pass the rule reads, if any.
    pub needs: Option<Need>,
    /// Full documentation (what, why, how to fix): the file's `//!` comment, which starts
    /// with the id.
    pub doc: &'static str,
    /// Whether the profile gives this rule something to check.
    pub applies: fn(&Profile) -> bool,
    /// The check; findings carry the severity passed in (or a lesser one the rule documents).
    pub check: Check,
}

impl Rule {
    /// First line of the documentation.
    pub fn summary(&self) -> &'static str {
        let first = self.doc.lines().next().unwrap_or_default();
        first.split_once(" — ").map_or(first, |(_, s)| s)
    }
}

/// Declares the rule modules and lists them, in report order: adding a rule is its file
/// and one line here.
macro_rules! registry {
    ($($rule:ident,)*) => {
        $(mod $rule;)*
        /// Every rule, in report order.
        pub static RULES: &[&Rule] = &[$(&$rule::RULE),*];
        /// The file each rule is declared in, in the order of [`RULES`].
        #[cfg(test)]
        static FILES: &[&str] = &[$(stringify!($rule)),*];
    };
}

registry! {
    file_unreadable,
    file_kind,
    container_format,
    track_missing,
    video_resolution,
    video_bitrate,
    video_duration,
    audio_channels,
    audio_channel_split,
    audio_level_max,
    audio_level_min,
    audio_silence,
    audio_loudness,
    media_date,
    video_codec,
    video_watermark,
    video_qr_code,
    video_onscreen_text,
    image_format,
    image_resolution,
    image_too_large,
    image_sharpness,
    image_quality,
    image_caption,
    image_metadata_stripped,
    image_edited,
    image_author_info,
    text_empty,
    text_length,
    text_author_info,
    text_metadata_author,
    text_script,
    subtitle_parse,
    subtitle_script,
    subtitle_style,
    entry_archive,
    entry_name,
    entry_form_missing,
    entry_work_missing,
    entry_category,
    entry_extra_file,
    entry_date,
    entry_author_in_work,
    entry_duplicate,
    form_channel,
    form_recommender,
    form_name,
    form_sex,
    form_ethnicity,
    form_birth,
    form_unit,
    form_post,
    form_address,
    form_postcode,
    form_email,
    form_id_number,
    form_phone,
    form_category,
    form_title,
    form_summary,
    form_opinion,
}

/// A rule by id.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// Rules that apply under `profile` and are not switched off, with their severity.
pub fn active(profile: &Profile) -> impl Iterator<Item = (&'static Rule, Severity)> + '_ {
    RULES
        .iter()
        .copied()
        .filter(|r| (r.applies)(profile))
        .filter_map(|r| match profile.level_of(r.id) {
            Some(level) => level.severity().map(|s| (r, s)),
            None => Some((r, r.default)),
        })
}

impl Rule {
    /// Whether the rule judges files (not entries as received).
    pub fn judges_files(&self) -> bool {
        matches!(self.check, Check::File(_))
    }
}

/// Whether an active rule under `profile` needs the pass `need`.
pub fn needs(profile: &Profile, need: Need) -> bool {
    active(profile).any(|(r, _)| r.needs == Some(need))
}

/// The info a subtitle rule gives when burned-in subtitles could not be read (no OCR
/// models): the lines are not judged, and the finding says why.
pub(crate) fn not_read(cx: &Ctx, s: &crate::facts::frames::BurnedSubtitles) -> Finding {
    let why = s.ocr.trim_start_matches("not read: ");
    cx.finding(
        Severity::Info,
        crate::finding::Text::new(
            format!("Burned-in subtitles not checked: {why}."),
            format!("未检查画面内字幕：{why}。"),
        ),
    )
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
pub(crate) fn not_measured_finding(cx: &Ctx, sev: Severity, why: &crate::finding::Text) -> Finding {
    cx.finding(
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
    cx: &Ctx,
    sev: Severity,
    what: (&str, &str),
    s: &crate::script::ScriptFacts<L>,
) -> Finding {
    let (kana, han) = (s.kana, s.han);
    cx.finding(
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

/// A form field's finding: `field` is its label (中文, English), `problem` what is wrong
/// with it; the hint asks for the form to be corrected.
pub(crate) fn form_finding(
    cx: &EntryCtx,
    sev: Severity,
    field: (&str, &str),
    problem: crate::finding::Text,
) -> Finding {
    let source = cx.entry.form.as_ref().map_or("", |f| f.source.as_str());
    cx.finding(
        sev,
        crate::finding::Text::new(
            format!(
                "Registration form {source}: {} ({}) {}.",
                field.0, field.1, problem.en
            ),
            format!("报名表 {source}：“{}”{}。", field.0, problem.zh),
        ),
    )
    .hint(crate::finding::Text::new(
        format!(
            "Correct {} on the registration form and send it again.",
            field.0
        ),
        format!("请在报名表中更正“{}”后重新提交。", field.0),
    ))
}

/// The finding of a form field that must be filled in, when it is empty or missing.
pub(crate) fn form_required(
    cx: &EntryCtx,
    sev: Severity,
    key: &str,
    field: (&str, &str),
) -> Vec<Finding> {
    match &cx.entry.form {
        Some(f) if f.get(key).is_none() => vec![form_finding(
            cx,
            sev,
            field,
            crate::finding::Text::new("is not filled in", "未填写"),
        )],
        _ => Vec::new(),
    }
}

/// The findings of one rule at severity `sev`.
fn check(rule: &'static Rule, sev: Severity, facts: &Facts, profile: &Profile) -> Vec<Finding> {
    let cx = Ctx {
        facts,
        profile,
        rule,
    };
    match rule.check {
        Check::File(check) => check(&cx, sev),
        Check::Entry(_) => Vec::new(),
    }
}

/// Runs every active entry rule on `entry`; findings sorted by severity, then rule order.
pub fn run_entry(entry: &EntryFacts, profile: &Profile) -> Vec<Finding> {
    let mut findings: Vec<Finding> = active(profile)
        .flat_map(|(rule, sev)| match rule.check {
            Check::Entry(check) => check(
                &EntryCtx {
                    entry,
                    profile,
                    rule,
                },
                sev,
            ),
            Check::File(_) => Vec::new(),
        })
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}

/// Runs every active rule on `facts`; findings sorted by severity (errors first), then rule order.
pub fn run(facts: &Facts, profile: &Profile) -> Vec<Finding> {
    let mut findings: Vec<Finding> = active(profile)
        .flat_map(|(rule, sev)| check(rule, sev, facts, profile))
        .collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    findings
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn ids_are_unique_docs_start_with_them_and_files_are_named_after_them() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "duplicate rule ids");
        for (rule, file) in RULES.iter().zip(FILES) {
            assert!(
                rule.doc.starts_with(&format!("{} — ", rule.id)),
                "{}: the doc must start with the id: {:?}",
                rule.id,
                rule.doc.lines().next()
            );
            assert_eq!(rule.id.replace('.', "_"), *file, "file name of {}", rule.id);
            assert!(!rule.summary().is_empty(), "{} has no summary", rule.id);
            let path = format!("{}/src/rules/{file}.rs", env!("CARGO_MANIFEST_DIR"));
            let source = std::fs::read_to_string(&path).expect("the rule's file");
            assert!(
                source.contains("#[cfg(test)]") && source.contains("fn table()"),
                "{} has no table test on hand-built facts",
                rule.id
            );
        }
    }
}
