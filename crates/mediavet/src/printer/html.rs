//! The visual report: one self-contained HTML page for the desk staff — an overview
//! (counts per verdict, a table of the files that can be sorted, filtered by verdict,
//! rule and kind, and searched) and a card per file with its key facts and every
//! finding. Everything is inline (CSS, script) and the page's content security policy
//! forbids fetching anything, so it opens the same from a USB stick with no network.
//! Rendered by `minijinja` from `html/report.html` (HTML-escaped by the engine).

use crate::finding::Lang;
use crate::printer::csv;
use crate::report::{failing_rules, Report, Verdict};
use minijinja::Environment;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

/// The page template.
const TEMPLATE: &str = include_str!("html/report.html");

/// One file's card and table row.
#[derive(Serialize)]
struct Card {
    /// Anchor of the card.
    id: String,
    path: String,
    /// The file's name (the path's last part).
    name: String,
    kind: String,
    profile: String,
    verdict: &'static str,
    first_problem: String,
    /// Rules with a finding, for the rule filter.
    rules: Vec<&'static str>,
    /// Key facts (label, value), the triage sheet's columns that have a value.
    facts: Vec<(&'static str, String)>,
    findings: Vec<Value>,
}

/// The whole page.
#[derive(Serialize)]
struct Page {
    lang: &'static str,
    profile: String,
    counts: Vec<(&'static str, usize)>,
    files: usize,
    failing: Vec<(&'static str, usize)>,
    /// Every rule with a finding, and every kind, for the filters.
    rules: Vec<&'static str>,
    kinds: Vec<String>,
    cards: Vec<Card>,
}

/// Writes the page for `reports` (checked under the profile named `profile`).
pub fn write(
    out: &mut dyn Write,
    reports: &[Report],
    profile: &str,
    lang: Lang,
) -> std::io::Result<()> {
    let html = render(reports, profile, lang).map_err(std::io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// The page as a string.
pub fn render(reports: &[Report], profile: &str, lang: Lang) -> Result<String, String> {
    let cards: Vec<Card> = reports
        .iter()
        .enumerate()
        .map(|(k, r)| card(k, r, lang))
        .collect();
    let mut rules: Vec<&'static str> = cards.iter().flat_map(|c| c.rules.clone()).collect();
    rules.sort_unstable();
    rules.dedup();
    let mut kinds: Vec<String> = cards.iter().map(|c| c.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    let count = |v: Verdict| reports.iter().filter(|r| r.verdict == v).count();
    let page = Page {
        lang: match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
        profile: profile.to_string(),
        counts: [
            Verdict::Fail,
            Verdict::Warn,
            Verdict::Pass,
            Verdict::Unreadable,
        ]
        .into_iter()
        .map(|v| (v.as_str(), count(v)))
        .collect(),
        files: reports.len(),
        failing: failing_rules(reports),
        rules,
        kinds,
        cards,
    };
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)
        .map_err(|e| format!("report template: {e}"))?;
    env.get_template("report.html")
        .and_then(|t| t.render(&page))
        .map_err(|e| format!("report template: {e}"))
}

/// The card of report `r`, the `k`th.
fn card(k: usize, r: &Report, lang: Lang) -> Card {
    let row = csv::row(r, lang);
    let cell = |name: &str| {
        csv::HEADER
            .iter()
            .position(|h| *h == name)
            .and_then(|i| row.get(i))
            .cloned()
            .unwrap_or_default()
    };
    let facts = [
        "container",
        "resolution",
        "video_bitrate_mbps",
        "duration_s",
        "audio_channels",
        "created",
    ]
    .into_iter()
    .map(|name| (name, cell(name)))
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let mut rules: Vec<&'static str> = r.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    let path = r.facts.path.clone();
    Card {
        id: format!("f{k}"),
        name: std::path::Path::new(&path)
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
        path,
        kind: cell("kind"),
        profile: r.profile.clone(),
        verdict: r.verdict.as_str(),
        first_problem: cell("first_problem"),
        rules,
        facts,
        findings: r.findings.iter().map(|f| f.to_json(lang)).collect(),
    }
}
