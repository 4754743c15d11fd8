//! Reports: facts + findings + verdict for one file.

use crate::facts::Facts;
use crate::finding::{Finding, Lang, Severity};
use crate::inspect::{internal_error, panic_message, unassessed, Input, Inspect, Need};
use crate::profile::Profile;
use crate::rules;
use crate::text::author::AuthorDetails;
use serde::Serialize;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Overall judgement of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No error or warning.
    Pass,
    /// Warnings only.
    Warn,
    /// At least one error.
    Fail,
    /// The file could not be assessed.
    Unreadable,
}

impl Verdict {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
            Verdict::Unreadable => "unreadable",
        }
    }
}

/// Result of checking one file against one profile.
#[derive(Debug, Clone)]
pub struct Report {
    /// Profile name.
    pub profile: String,
    /// Verdict.
    pub verdict: Verdict,
    /// Facts from the probe.
    pub facts: Facts,
    /// Findings, errors first.
    pub findings: Vec<Finding>,
    /// The audio level band the profile judges on, when it sets one (the level plot
    /// shades it).
    pub level_band: Option<LevelBand>,
}

/// A profile's audio level band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LevelBand {
    /// The reading judged.
    pub meter: crate::profile::LevelMeter,
    /// Lowest level the programme must reach, dB on that reading.
    pub min_db: Option<f64>,
    /// Highest level allowed, dB on that reading.
    pub max_db: Option<f64>,
}

impl LevelBand {
    /// The band `profile` sets, if any.
    pub fn of(profile: &Profile) -> Option<LevelBand> {
        let a = &profile.audio;
        (a.min_level_db.is_some() || a.max_level_db.is_some()).then_some(LevelBand {
            meter: a.meter,
            min_db: a.min_level_db,
            max_db: a.max_level_db,
        })
    }
}

/// How one check runs, beyond what the profile says.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Write the sampled frames and the watermark persistence map of each video as PNG
    /// into a folder per file under this directory.
    pub debug_frames: Option<PathBuf>,
    /// The entrant's details, searched for in a text's body (per entry, not per profile).
    pub author: AuthorDetails,
    /// Hand codecs decoded nowhere else to an `ffmpeg` on PATH (default); off, nothing
    /// runs outside the process and such media is reported as not measured.
    pub ffmpeg: bool,
    /// Keep a text's body in the report (intake compares texts across entries); off by
    /// default, so that a batch of reports does not hold every entry's text.
    pub keep_body: bool,
    /// Keep thumbnails of the decoded pictures in the facts (the visual report shows
    /// them); off by default: about 5 KB a picture.
    pub thumbnails: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            debug_frames: None,
            author: AuthorDetails::default(),
            ffmpeg: true,
            keep_body: false,
            thumbnails: false,
        }
    }
}

/// Inspects and checks one input: the passes the profile's active rules need, then the
/// rules. Never fails: an input that cannot be opened is `unreadable`, and so is one whose
/// checking panicked (an internal error, said in the finding).
pub fn check(input: Input, profile: &Profile, options: &CheckOptions) -> Report {
    let inspect = Inspect {
        needs: [Need::Levels, Need::TruePeak, Need::Frames, Need::Pixels]
            .into_iter()
            .filter(|&n| rules::needs(profile, n))
            .collect(),
        meter: profile.meter_settings(),
        frames: profile.frame_settings(),
        max_megapixels: profile.image.decoding_limit(),
        debug_frames: options.debug_frames.as_deref(),
        ffmpeg: options.ffmpeg,
        thumbnails: options.thumbnails,
    };
    let facts = inspect.run(input);
    // The rules run isolated too: a panic in one is this input's problem, not the batch's.
    let judged = catch_unwind(AssertUnwindSafe(|| {
        judge(facts, profile, &options.author, options.keep_body)
    }));
    judged.unwrap_or_else(|cause| {
        let problem = internal_error(&panic_message(&*cause));
        check_facts(unassessed(input, problem), profile)
    })
}

/// [`check`] of a file on disk with default options.
pub fn check_path(path: &Path, profile: &Profile) -> Report {
    check(Input::File(path), profile, &CheckOptions::default())
}

/// [`check`] of a file on disk.
pub fn check_path_with(path: &Path, profile: &Profile, options: &CheckOptions) -> Report {
    check(Input::File(path), profile, options)
}

/// [`check`] of bytes in memory; `name` supplies their name and extension.
pub fn check_bytes(data: &[u8], name: &Path, profile: &Profile) -> Report {
    let input = Input::Bytes { name, bytes: data };
    check(input, profile, &CheckOptions::default())
}

/// Checks already-probed facts.
pub fn check_facts(facts: Facts, profile: &Profile) -> Report {
    check_facts_with(facts, profile, &AuthorDetails::default())
}

/// Checks already-probed facts of an entry by the author `author`.
pub fn check_facts_with(facts: Facts, profile: &Profile, author: &AuthorDetails) -> Report {
    judge(facts, profile, author, false)
}

/// Runs the rules; a text's body is dropped unless `keep_body`.
fn judge(mut facts: Facts, profile: &Profile, author: &AuthorDetails, keep_body: bool) -> Report {
    crate::text::author::note(&mut facts, author);
    let findings = rules::run(&facts, profile);
    // A text's body was kept for the rules only: a batch of reports does not hold every
    // entry's text.
    if let Some(text) = facts.text.as_mut().filter(|_| !keep_body) {
        text.body = String::new();
    }
    // Unreadable is a fact (a fatal problem), not a rule's severity: a profile that turns
    // `file.unreadable` off hides the finding, never the verdict.
    let verdict = if facts.unreadable() {
        Verdict::Unreadable
    } else {
        match findings.iter().map(|f| f.severity).max() {
            Some(Severity::Error) => Verdict::Fail,
            Some(Severity::Warning) => Verdict::Warn,
            _ => Verdict::Pass,
        }
    };
    Report {
        profile: profile.name.clone(),
        verdict,
        facts,
        findings,
        level_band: LevelBand::of(profile),
    }
}

impl Report {
    /// The per-file JSON object of the `check` output.
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({
            "path": self.facts.path,
            "profile": self.profile,
            "kind": self.facts.kind,
            "verdict": self.verdict,
            "facts": self.facts,
            "findings": self.findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>(),
            "level_band": self.level_band,
        })
    }
}

/// Rules with an error finding, with the number of files they failed, most frequent first.
pub fn failing_rules(reports: &[Report]) -> Vec<(&'static str, usize)> {
    count_failing(reports.iter().map(|r| {
        r.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule)
            .collect()
    }))
}

/// Each rule of `per_file` (the rules with an error in each file, repeats allowed) with
/// the number of files it is in, most frequent first, then by name.
pub fn count_failing<'a>(
    per_file: impl IntoIterator<Item = Vec<&'a str>>,
) -> Vec<(&'a str, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for mut rules in per_file {
        rules.sort_unstable();
        rules.dedup();
        for rule in rules {
            *counts.entry(rule).or_default() += 1;
        }
    }
    let mut list: Vec<_> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_stays_one_files_problem() {
        let profile = Profile::builtin("micro-video").unwrap();
        let input = Input::Bytes {
            name: Path::new("entry.mp4"),
            bytes: b"1234567",
        };
        let r = check_facts(
            unassessed(input, internal_error("table index out of range")),
            &profile,
        );
        assert_eq!((r.verdict, r.facts.size), (Verdict::Unreadable, 7));
        assert!(r.findings[0]
            .message
            .en
            .contains("internal error while checking this file (table index out of range)"));
    }
}
