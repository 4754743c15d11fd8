//! The outputs of `intake`: one report per entry with its files nested — the human
//! listing grouped by entry, the JSON document (`entries[]`), and the triage sheet with
//! one row per entry. Personal data appears only as the form's masked view.

use super::human::{verdict_label, write_findings, Style};
use super::safe::text as safe;
use crate::entry::EntryReport;
use crate::facts::SCHEMA_VERSION;
use crate::finding::{Lang, Severity};
use crate::report::Verdict;
use serde_json::{json, Value};
use std::io::Write;

/// Writes each entry (its own findings, then each file's), and a summary.
pub fn write_human(
    out: &mut dyn Write,
    entries: &[EntryReport],
    lang: Lang,
    colour: bool,
) -> std::io::Result<()> {
    let style = Style { on: colour };
    for e in entries {
        let (label, paint) = verdict_label(e.verdict, lang);
        let category = e.facts.category.map_or("?", |c| c.zh());
        writeln!(
            out,
            "{}  {}  [{category} · {}]",
            style.paint(paint, label),
            safe(e.display_name()),
            e.profile.as_deref().unwrap_or("-")
        )?;
        writeln!(out, "  {}", safe(&e.facts.source))?;
        write_findings(out, &e.findings, lang, &style, "  ")?;
        for r in &e.files {
            let (label, paint) = verdict_label(r.verdict, lang);
            writeln!(
                out,
                "  {}  {}  [{}]",
                style.paint(paint, label),
                safe(&r.facts.path),
                r.facts.kind_name()
            )?;
            write_findings(out, &r.findings, lang, &style, "    ")?;
        }
        for g in &e.groups {
            let head = match lang {
                Lang::En => "GROUP",
                Lang::Zh => "组照",
            };
            writeln!(
                out,
                "  {}  {}",
                style.paint("36;1", head),
                safe(g.summary().get(lang))
            )?;
        }
    }
    let count = |v: Verdict| entries.iter().filter(|e| e.verdict == v).count();
    let (n, pass, warn, fail) = (
        entries.len(),
        count(Verdict::Pass),
        count(Verdict::Warn),
        count(Verdict::Fail),
    );
    let line = match lang {
        Lang::En => format!("{n} entries: {pass} pass, {warn} warn, {fail} fail"),
        Lang::Zh => format!("共 {n} 件作品：通过 {pass}，警告 {warn}，不合格 {fail}"),
    };
    writeln!(out, "{line}")
}

impl EntryReport {
    /// The entry's JSON object: its facts (the form masked), findings and files.
    pub fn to_json(&self, lang: Lang) -> Value {
        json!({
            "source": self.facts.source,
            "name": self.display_name(),
            "category": self.facts.category,
            "profile": self.profile,
            "verdict": self.verdict,
            "own_verdict": self.own_verdict(),
            "works_verdict": self.works_verdict(),
            "facts": self.facts,
            "findings": self.findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>(),
            // Each work with its triage-sheet row (the HTML page's table reads it).
            "files": self.files.iter().map(|r| super::csv::with_row(r, lang)).collect::<Vec<_>>(),
            "groups": self.groups.iter().map(|g| g.to_json(lang)).collect::<Vec<_>>(),
            "sheet_row": sheet_row(self, lang),
        })
    }
}

/// The whole `intake` JSON document.
pub fn entries_to_json(entries: &[EntryReport], lang: Lang) -> Value {
    let count = |v: Verdict| entries.iter().filter(|e| e.verdict == v).count();
    let mut rules: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for e in entries {
        let mut ids = failing(e);
        ids.dedup();
        for id in ids {
            *rules.entry(id).or_default() += 1;
        }
    }
    let mut rules: Vec<_> = rules.into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    json!({
        "schema_version": SCHEMA_VERSION,
        "entries": entries.iter().map(|e| e.to_json(lang)).collect::<Vec<_>>(),
        "summary": {
            "entries": entries.len(),
            "pass": count(Verdict::Pass),
            "warn": count(Verdict::Warn),
            "fail": count(Verdict::Fail),
            "failing_rules": rules.into_iter().map(|(rule, n)| json!({"rule": rule, "entries": n})).collect::<Vec<_>>(),
        },
    })
}

/// Writes the JSON document, pretty-printed.
pub fn write_json(out: &mut dyn Write, entries: &[EntryReport], lang: Lang) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(&entries_to_json(entries, lang))
        .map_err(std::io::Error::other)?;
    writeln!(out, "{text}")
}

/// Rule ids with an error, the entry's own and its files', sorted.
fn failing(e: &EntryReport) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = e
        .findings
        .iter()
        .chain(e.files.iter().flat_map(|r| &r.findings))
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The columns of the entry sheet.
pub const HEADER: [&str; 14] = [
    "entry",
    "category",
    "channel",
    "recommender",
    "author",
    "verdict",
    "form_verdict",
    "works_verdict",
    "failing_rules",
    "duplicates",
    "mail_date",
    "works",
    "first_problem",
    "source",
];

/// The sheet row of one entry (author as given, or masked when names are masked).
pub fn sheet_row(e: &EntryReport, lang: Lang) -> Vec<String> {
    let form = e.facts.form_view.as_ref();
    let form_findings: Vec<_> = e
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("form.") || f.rule == "entry.form_missing")
        .cloned()
        .collect();
    let form_verdict = if form.is_none() && e.facts.forms_by_hand.is_empty() {
        "missing".to_string()
    } else {
        crate::entry::verdict_of(&form_findings)
            .as_str()
            .to_string()
    };
    let dups: Vec<String> = e
        .facts
        .duplicates
        .iter()
        .map(|d| format!("{}: {}", d.kind, d.other))
        .collect();
    let first_problem = e
        .findings
        .iter()
        .chain(e.files.iter().flat_map(|r| &r.findings))
        .filter(|f| f.severity != Severity::Info)
        .max_by_key(|f| f.severity)
        .map(|f| f.message.get(lang).to_string())
        .unwrap_or_default();
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    vec![
        e.display_name().to_string(),
        e.facts
            .category
            .map_or(String::new(), |c| c.zh().to_string()),
        opt(form.and_then(|f| f.channel)),
        opt(form.and_then(|f| f.recommender.as_deref())),
        opt(form.and_then(|f| f.name.as_deref())),
        e.verdict.as_str().to_string(),
        form_verdict,
        e.works_verdict().as_str().to_string(),
        failing(e).join(" "),
        dups.join("; "),
        opt(e.facts.mail_date.as_deref()),
        e.files.len().to_string(),
        first_problem,
        e.facts.source.clone(),
    ]
}

/// Writes the entry sheet (UTF-8 with BOM, as the file sheet).
pub fn write_csv(out: &mut dyn Write, entries: &[EntryReport], lang: Lang) -> std::io::Result<()> {
    let rows: Vec<_> = entries.iter().map(|e| sheet_row(e, lang)).collect();
    write_rows(out, &rows)
}

/// Writes the entry sheet of rows already made (carried in the entries' JSON).
pub fn write_rows(out: &mut dyn Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    super::csv::write_sheet(out, &HEADER, rows)
}
