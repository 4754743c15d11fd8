//! The intake page: an entry per table row and card (the name as received and as
//! canonical, the masked form, duplicates linked to the other entry's card, the entry's
//! findings and photo groups), its works' cards inside.

use super::{card, findings, group_view, page, sheet_cell, sorted, Card, GroupView, Row};
use crate::entry::EntryReport;
use crate::finding::Lang;
use crate::group::{self, groups_of};
use crate::printer::entries;
use crate::report::count_failing;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

/// Writes the intake page for `entries`: an entry per row and card, its works' cards
/// inside it.
pub fn write_entries(
    out: &mut dyn Write,
    entries: &[EntryReport],
    lang: Lang,
) -> std::io::Result<()> {
    let values: Vec<Value> = entries.iter().map(|e| e.to_json(lang)).collect();
    let html = render_entries(&values, lang).map_err(std::io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// A duplicate of an entry: what is the same, and the other entry (its card's anchor
/// when it is in this report).
#[derive(Serialize)]
struct Duplicate {
    detail: String,
    file: String,
    other: String,
    other_file: String,
    link: Option<String>,
    reference: bool,
}

/// One entry's card and table row; its works' cards inside.
#[derive(Serialize)]
struct EntryCard {
    id: String,
    name: String,
    source: String,
    kind: String,
    profile: String,
    verdict: String,
    first_problem: String,
    rules: Vec<String>,
    /// The entry name as received and as it should be, with what differs.
    received: String,
    canonical: String,
    name_notes: Vec<String>,
    /// The form's fields as reports show them (masked): (label key, value).
    form: Vec<(String, String)>,
    mail_date: String,
    duplicates: Vec<Duplicate>,
    findings: Vec<Value>,
    files: Vec<Card>,
    groups: Vec<GroupView>,
}

/// The fields of a form view shown, in the form's order.
const FORM_FIELDS: [&str; 16] = [
    "channel",
    "recommender",
    "name",
    "sex",
    "ethnicity",
    "birth",
    "unit",
    "post",
    "address",
    "postcode",
    "email",
    "id_number",
    "phone",
    "title",
    "summary_chars",
    "source",
];

/// The intake page for entries given as their JSON objects (`intake`'s, works with their
/// sheet rows: the CLI and Python make the same page from them); its words in `lang`.
pub fn render_entries(entries: &[Value], lang: Lang) -> Result<String, String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Object(o) => o
            .get(super::code(lang))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        other => other.to_string(),
    };
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let mut cards = Vec::with_capacity(entries.len());
    for (k, e) in entries.iter().enumerate() {
        let files = list(&e["files"])
            .iter()
            .enumerate()
            .map(|(j, f)| {
                card(j, f).map(|mut c| {
                    c.id = format!("e{k}f{j}");
                    c
                })
            })
            .collect::<Result<Vec<Card>, String>>()?;
        let members: Vec<_> = list(&e["files"]);
        let members: Vec<_> = members
            .iter()
            .filter_map(group::Member::from_json)
            .collect();
        let groups = groups_of(&members, &[])
            .iter()
            .map(|g| group_view(g, &files, lang))
            .collect();
        let facts = &e["facts"];
        let mut rules: Vec<String> = findings(e).map(|x| text(&x["rule"])).collect();
        rules.extend(files.iter().flat_map(|c| c.rules.clone()));
        let name = &facts["name"];
        let cell = |col: &str| sheet_cell(e, &entries::HEADER, col);
        cards.push(EntryCard {
            id: format!("e{k}"),
            name: text(&e["name"]),
            source: text(&e["source"]),
            kind: cell("category"),
            profile: text(&e["profile"]),
            verdict: text(&e["verdict"]),
            first_problem: cell("first_problem"),
            rules: sorted(rules),
            received: text(&name["received"]),
            canonical: text(&name["canonical"]),
            name_notes: list(&name["differences"])
                .iter()
                .chain(&list(&name["errors"]))
                .map(text)
                .collect(),
            form: FORM_FIELDS
                .iter()
                .map(|f| (format!("form_{f}"), text(&facts["form_view"][*f])))
                .filter(|(_, v)| !v.is_empty())
                .collect(),
            mail_date: text(&facts["mail_date"]),
            duplicates: list(&facts["duplicates"])
                .iter()
                .map(|d| Duplicate {
                    detail: text(&d["detail"]),
                    file: text(&d["file"]),
                    other: text(&d["other"]),
                    other_file: text(&d["other_file"]),
                    link: None,
                    reference: d["reference"] == true,
                })
                .collect(),
            findings: findings(e).cloned().collect(),
            files,
            groups,
        });
    }
    // A duplicate names the other entry by its name or its source's stem.
    let anchors: Vec<(String, String, String)> = cards
        .iter()
        .map(|c| {
            let stem = std::path::Path::new(&c.source)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (c.name.clone(), stem, c.id.clone())
        })
        .collect();
    for c in &mut cards {
        for d in &mut c.duplicates {
            d.link = anchors
                .iter()
                .find(|(name, stem, _)| d.other == *name || d.other == *stem)
                .map(|a| a.2.clone());
        }
    }
    let failing = count_failing(cards.iter().map(|c| {
        findings_of(c)
            .filter(|x| x["severity"] == "error")
            .filter_map(|x| x["rule"].as_str())
            .collect()
    }));
    let extra = minijinja::context! { entries => &cards };
    page(&cards, extra, failing, lang, true)
}

/// Every finding of an entry: its own and its works'.
fn findings_of(c: &EntryCard) -> impl Iterator<Item = &Value> {
    c.findings
        .iter()
        .chain(c.files.iter().flat_map(|f| &f.findings))
}

row!(EntryCard);
