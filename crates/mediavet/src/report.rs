//! Reports: facts + findings + verdict for one file.

use crate::facts::{Facts, Problem, SCHEMA_VERSION};
use crate::finding::{Finding, Lang, Severity};
use crate::kind::{self, FileKind};
use crate::probe::probe_path;
use crate::profile::Profile;
use crate::rules;
use crate::video::Input;
use serde::Serialize;
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Overall judgement of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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
}

/// How a check runs, beyond what the profile says.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Write the sampled frames and the watermark persistence map of each video as PNG
    /// into a folder per file under this directory.
    pub debug_frames: Option<PathBuf>,
}

/// Probes and checks one file (decoding its audio and sampling its frames when the
/// profile's rules need them). Never fails: a file that cannot be opened is `unreadable`,
/// and so is one whose checking panicked (an internal error, said in the finding).
pub fn check_path(path: &Path, profile: &Profile) -> Report {
    check_path_with(path, profile, &CheckOptions::default())
}

/// [`check_path`] with options.
pub fn check_path_with(path: &Path, profile: &Profile, options: &CheckOptions) -> Report {
    let size = || std::fs::metadata(path).map_or(0, |m| m.len());
    isolated(path, size, profile, || {
        check_path_unisolated(path, profile, options)
    })
}

fn check_path_unisolated(path: &Path, profile: &Profile, options: &CheckOptions) -> Report {
    let mut facts = probe_path(path).unwrap_or_else(|e| {
        let problem = Problem::new(true, None, e.to_string(), format!("无法打开文件：{e}"));
        unassessed(path, 0, problem)
    });
    if profile.measures_audio() && !facts.unreadable() {
        crate::audio::measure_path(path, &mut facts, profile.meter_settings());
    }
    if profile.samples_frames() && !facts.unreadable() {
        crate::video::analyse(
            Input::File(path),
            &mut facts,
            profile.frame_settings(),
            options.debug_frames.as_deref(),
        );
    }
    if profile.decodes_pictures() && !facts.unreadable() {
        match std::fs::File::open(path) {
            Ok(file) => {
                let mut r = crate::image::Buffered::new(64 << 10, file);
                crate::image::measure(&mut r, &mut facts, profile.max_megapixels());
            }
            Err(e) => facts.problems.push(Problem::new(
                true,
                None,
                format!("could not open the file again to decode it: {e}"),
                format!("无法再次打开文件进行解码：{e}"),
            )),
        }
    }
    check_facts(facts, profile)
}

/// Checks a file held in memory; `name` supplies its name and extension. Codecs that only
/// ffmpeg decodes are reported as not measured (ffmpeg needs a file). Never fails, like
/// [`check_path`].
pub fn check_bytes(data: &[u8], name: &Path, profile: &Profile) -> Report {
    let size = || data.len() as u64;
    isolated(name, size, profile, || {
        check_bytes_unisolated(data, name, profile)
    })
}

fn check_bytes_unisolated(data: &[u8], name: &Path, profile: &Profile) -> Report {
    let size = data.len() as u64;
    let mut reader = std::io::Cursor::new(data);
    let mut facts = crate::probe::probe_reader(&mut reader, size, name);
    if profile.measures_audio() && !facts.unreadable() {
        crate::audio::measure(&mut reader, &mut facts, None, profile.meter_settings());
    }
    if profile.samples_frames() && !facts.unreadable() {
        crate::video::analyse(
            Input::Bytes(data),
            &mut facts,
            profile.frame_settings(),
            None,
        );
    }
    if profile.decodes_pictures() && !facts.unreadable() {
        crate::image::measure(&mut reader, &mut facts, profile.max_megapixels());
    }
    check_facts(facts, profile)
}

/// Runs `check` for the file named `path` (of `size` bytes); a panic becomes an
/// `unreadable` report, so that it stays one file's problem. Every public entry point
/// goes through here.
fn isolated(
    path: &Path,
    size: impl FnOnce() -> u64,
    profile: &Profile,
    check: impl FnOnce() -> Report,
) -> Report {
    catch_unwind(AssertUnwindSafe(check)).unwrap_or_else(|cause| {
        let what = cause
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| cause.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let problem = Problem::new(
            true,
            None,
            format!(
                "internal error while checking this file ({what}); please report it with the file"
            ),
            format!("检查该文件时发生内部错误（{what}），请连同文件一起报告"),
        );
        check_facts(unassessed(path, size(), problem), profile)
    })
}

/// Facts of a file that could not be assessed at all, carrying the fatal `problem`.
fn unassessed(path: &Path, size: u64, problem: Problem) -> Facts {
    Facts {
        path: path.display().to_string(),
        size,
        kind: FileKind::Unknown,
        extension: kind::extension(path),
        container: None,
        image: None,
        text: None,
        subtitles: Vec::new(),
        problems: vec![problem],
    }
}

/// Checks already-probed facts.
pub fn check_facts(mut facts: Facts, profile: &Profile) -> Report {
    let findings = rules::run(&facts, profile);
    // A text's body was kept for the rules only: a batch of reports does not hold every
    // entry's text.
    if let Some(text) = facts.text.as_mut() {
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
        })
    }
}

/// Rules with an error finding, with the number of files they failed, most frequent first.
pub fn failing_rules(reports: &[Report]) -> Vec<(&'static str, usize)> {
    let mut counts: std::collections::BTreeMap<&'static str, usize> =
        std::collections::BTreeMap::new();
    for r in reports {
        let mut rules: Vec<&'static str> = r
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule)
            .collect();
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

/// The whole `check` JSON document for several reports.
pub fn reports_to_json(reports: &[Report], profile: &str, lang: Lang) -> Value {
    let count = |v: Verdict| reports.iter().filter(|r| r.verdict == v).count();
    json!({
        "schema_version": SCHEMA_VERSION,
        "profile": profile,
        "files": reports.iter().map(|r| r.to_json(lang)).collect::<Vec<_>>(),
        "summary": {
            "files": reports.len(),
            "pass": count(Verdict::Pass),
            "warn": count(Verdict::Warn),
            "fail": count(Verdict::Fail),
            "unreadable": count(Verdict::Unreadable),
            "failing_rules": failing_rules(reports)
                .into_iter()
                .map(|(rule, files)| json!({"rule": rule, "files": files}))
                .collect::<Vec<_>>(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_stays_one_files_problem() {
        let profile = Profile::builtin("micro-video").unwrap();
        let path = Path::new("entry.mp4");
        let r = isolated(path, || 7, &profile, || panic!("table index out of range"));
        assert_eq!((r.verdict, r.facts.size), (Verdict::Unreadable, 7));
        assert!(r.findings[0]
            .message
            .en
            .contains("internal error while checking this file (table index out of range)"));
    }
}
