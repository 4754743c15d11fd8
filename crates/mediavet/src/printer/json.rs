//! The JSON document of a check: `schema_version`, one object per file, a summary, and
//! for photo profiles the folders of photos.

use crate::facts::SCHEMA_VERSION;
use crate::finding::Lang;
use crate::group::Group;
use crate::kind::Category;
use crate::profile::Profile;
use crate::report::{failing_rules, Report, Verdict};
use serde_json::{json, Value};
use std::io::Write;

/// Writes the document, pretty-printed.
pub fn write(
    out: &mut dyn Write,
    reports: &[Report],
    groups: &[Group],
    profile: &Profile,
    lang: Lang,
) -> std::io::Result<()> {
    let mut doc = reports_to_json(reports, &profile.name, lang);
    if profile.category == Some(Category::Image) {
        doc["groups"] = groups.iter().map(|g| g.to_json(lang)).collect();
    }
    let text = serde_json::to_string_pretty(&doc).map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
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
