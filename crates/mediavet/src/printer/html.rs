//! The visual report: one self-contained HTML page for the desk staff — an overview
//! (counts per verdict, the most frequent failing rules, a table of the files that can be
//! sorted, filtered by verdict, rule and kind, and searched) and a card per file with its
//! key facts, every finding and the evidence (`evidence.rs`: a video's frames with their
//! boxes, the level plot, a photo's thumbnail, a text's author hits); the intake page
//! (`html/intake.rs`) likewise for entries. The charts are inline SVG (`charts.rs`).
//! Everything is inline (CSS, script, `data:` images) and the page's content security
//! policy forbids fetching anything, so it opens the same from a USB stick with no
//! network. Rendered by `minijinja` from the templates in `html/` (every value
//! HTML-escaped by the engine), from the reports' JSON objects with their sheet rows
//! ([`csv::with_row`]): the CLI and Python (which holds reports as that JSON) make the
//! same page from the same code.

/// Implements [`Row`] for a card type with `verdict`, `rules`, `kind` and `profile`
/// fields (a file's card and an entry's).
macro_rules! row {
    ($card:ty) => {
        impl Row for $card {
            fn verdict(&self) -> &str {
                &self.verdict
            }
            fn rules(&self) -> &[String] {
                &self.rules
            }
            fn kind(&self) -> &str {
                &self.kind
            }
            fn profile(&self) -> &str {
                &self.profile
            }
        }
    };
}

mod intake;
mod labels;

use crate::finding::Lang;
use crate::group::Group;
use crate::printer::{charts, csv, evidence};
use crate::report::{count_failing, Report, Verdict};
pub use intake::{render_entries, write_entries};
use labels::labels;
use minijinja::Environment;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

/// The templates, by name.
const TEMPLATES: [(&str, &str); 8] = [
    ("groups.html", include_str!("html/groups.html")),
    ("member.html", include_str!("html/member.html")),
    ("report.html", include_str!("html/report.html")),
    ("entry.html", include_str!("html/entry.html")),
    ("findings.html", include_str!("html/findings.html")),
    ("card.html", include_str!("html/card.html")),
    ("card.css", include_str!("html/card.css")),
    ("fragment.html", include_str!("html/fragment.html")),
];

/// The key facts a card shows: the triage sheet's columns that have a value.
const FACTS: [&str; 6] = [
    "container",
    "resolution",
    "video_bitrate_mbps",
    "duration_s",
    "audio_channels",
    "created",
];

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
    verdict: String,
    first_problem: String,
    /// Rules with a finding, for the rule filter.
    rules: Vec<String>,
    /// Key facts (label key, value).
    facts: Vec<(&'static str, String)>,
    findings: Vec<Value>,
    /// A video's analysed frames with their boxes (those kept as thumbnails), and how
    /// many were analysed.
    frames: Vec<evidence::Frame>,
    frames_analysed: usize,
    /// Level plots (SVG), one per audio track.
    levels: Vec<String>,
    /// Loudness figures (label key, value).
    loudness: Vec<(&'static str, String)>,
    /// The reading the band is on and its numbers, as shown.
    band: String,
    /// A photo's thumbnail and figures.
    photo: Option<evidence::Photo>,
    /// A text's counts, script and author hits.
    text: Option<evidence::TextView>,
}

/// Writes the page for `reports` and their photo `groups`.
pub fn write(
    out: &mut dyn Write,
    reports: &[Report],
    groups: &[Group],
    lang: Lang,
) -> std::io::Result<()> {
    let files: Vec<Value> = reports.iter().map(|r| csv::with_row(r, lang)).collect();
    let html = render(&files, groups, lang).map_err(std::io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// A photo of a group: its card, name, thumbnail and verdict.
#[derive(Serialize, Clone)]
struct Photo {
    id: String,
    name: String,
    verdict: String,
    /// Its thumbnail and figures, when it was decoded.
    photo: Option<evidence::Photo>,
}

/// A group of photos side by side, its before/after pairs paired.
#[derive(Serialize)]
struct GroupView {
    summary: String,
    members: Vec<Photo>,
    pairs: Vec<(Photo, Photo)>,
}

/// The view of group `g` over `cards`, its summary in `lang`.
fn group_view(g: &Group, cards: &[Card], lang: Lang) -> GroupView {
    let member = |c: &Card| Photo {
        id: c.id.clone(),
        name: c.name.clone(),
        verdict: c.verdict.clone(),
        photo: c.photo.clone(),
    };
    let members: Vec<Photo> = g
        .photos
        .iter()
        .filter_map(|p| cards.iter().find(|c| *p == c.path))
        .map(member)
        .collect();
    let named = |name: &str| members.iter().find(|m| m.name == name).cloned();
    let pairs = g
        .pairs
        .iter()
        .filter_map(|p| named(&p.before).zip(named(&p.after)))
        .collect();
    GroupView {
        summary: g.summary().get(lang).to_string(),
        members,
        pairs,
    }
}

/// The page for reports given as their JSON objects with their sheet rows, and their
/// photo groups; its words in `lang` (the findings' messages are in the language they
/// were made in).
pub fn render(files: &[Value], groups: &[Group], lang: Lang) -> Result<String, String> {
    let cards = files
        .iter()
        .enumerate()
        .map(|(k, f)| card(k, f))
        .collect::<Result<Vec<Card>, String>>()?;
    let groups: Vec<GroupView> = groups.iter().map(|g| group_view(g, &cards, lang)).collect();
    let failing = count_failing(files.iter().map(|f| {
        findings(f)
            .filter(|x| x["severity"] == "error")
            .filter_map(|x| x["rule"].as_str())
            .collect()
    }));
    let extra = minijinja::context! { groups, cards };
    page(&cards, extra, failing, lang, false)
}

/// What the overview's table and filters read of a row (a file or an entry).
trait Row {
    fn verdict(&self) -> &str;
    fn rules(&self) -> &[String];
    fn kind(&self) -> &str;
    fn profile(&self) -> &str;
}

row!(Card);

/// The page over `rows` (files or entries; `extra` gives them to the template as
/// `cards` or `entries`), with `failing`: the failing rules, most frequent first.
fn page<R: Row>(
    rows: &[R],
    extra: minijinja::Value,
    failing: Vec<(&str, usize)>,
    lang: Lang,
    intake: bool,
) -> Result<String, String> {
    let rules = sorted(rows.iter().flat_map(|c| c.rules().to_vec()).collect());
    let kinds = sorted(rows.iter().map(|c| c.kind().to_string()).collect());
    let profiles = sorted(
        rows.iter()
            .map(|c| c.profile().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
    );
    let counts: Vec<(&str, usize)> = [
        Verdict::Fail,
        Verdict::Warn,
        Verdict::Pass,
        Verdict::Unreadable,
    ]
    .into_iter()
    .map(|v| {
        (
            v.as_str(),
            rows.iter().filter(|c| c.verdict() == v.as_str()).count(),
        )
    })
    .collect();
    let context = minijinja::context! {
        lang => code(lang),
        t => labels(lang),
        page => true,
        intake,
        profile => profiles.join(", "),
        files => rows.len(),
        counts,
        failing_svg => charts::failing_rules(&failing[..failing.len().min(10)])?,
        failing,
        rules,
        kinds,
        ..extra
    };
    render_template("report.html", context)
}

/// One file's card alone, with its style (for a notebook).
pub fn render_card(file: &Value, lang: Lang) -> Result<String, String> {
    let context = minijinja::context! {
        t => labels(lang),
        c => card(0, file)?,
    };
    render_template("fragment.html", context)
}

/// Renders template `name` with `context`.
fn render_template(name: &str, context: minijinja::Value) -> Result<String, String> {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| format!("report template: {e}"))?;
    }
    env.get_template(name)
        .and_then(|t| t.render(context))
        .map_err(|e| format!("report template: {e}"))
}

/// `zh` or `en`.
fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// `v` sorted, without repeats.
fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The findings of a report object.
fn findings(f: &Value) -> impl Iterator<Item = &Value> {
    f["findings"].as_array().into_iter().flatten()
}

/// The cell of column `name` (of `header`) in the `sheet_row` of object `f`; empty when
/// there is none.
fn sheet_cell(f: &Value, header: &[&str], name: &str) -> String {
    header
        .iter()
        .position(|h| *h == name)
        .and_then(|i| f["sheet_row"].get(i))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The card of report object `f`, the `k`th.
fn card(k: usize, f: &Value) -> Result<Card, String> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let cell = |name: &str| sheet_cell(f, &csv::HEADER, name);
    let path = text(&f["path"]);
    let rules = sorted(findings(f).map(|x| text(&x["rule"])).collect());
    let band = &f["level_band"];
    let db = |key: &str| band[key].as_f64().map(|v| format!("{v}"));
    Ok(Card {
        id: format!("f{k}"),
        name: std::path::Path::new(&path)
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
        path,
        kind: cell("kind"),
        profile: text(&f["profile"]),
        verdict: text(&f["verdict"]),
        first_problem: cell("first_problem"),
        facts: FACTS
            .into_iter()
            .map(|name| (name, cell(name)))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
        findings: findings(f).cloned().collect(),
        frames: evidence::frames(&f["facts"]),
        frames_analysed: evidence::analysed(&f["facts"]),
        levels: evidence::level_plots(&f["facts"], band)?,
        loudness: evidence::loudness(&f["facts"]),
        band: match (db("min_db"), db("max_db")) {
            (None, None) => String::new(),
            (lo, hi) => format!(
                "{} … {} {}",
                lo.unwrap_or_default(),
                hi.unwrap_or_default(),
                if band["meter"] == "vu" { "VU" } else { "dBFS" }
            ),
        },
        photo: evidence::photo(&f["facts"], &rules),
        text: evidence::text(&f["facts"]),
        rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A report object as Python holds it, named `path`, with one error finding.
    fn file(path: &str) -> Value {
        let mut row = vec![String::new(); csv::HEADER.len()];
        row[1] = "jpeg".into();
        json!({
            "path": path,
            "profile": "photo",
            "verdict": "fail",
            "findings": [{"rule": "image.format", "severity": "error", "measured": {"value": 1, "text": "<u>7</u>"},
                          "expected": null, "message": "m & <em>z</em>", "hint": null}],
            "sheet_row": row,
        })
    }

    #[test]
    fn hostile_names_and_messages_are_escaped() {
        let page = render(&[file("收件/<script>alert(1)</script>.jpg")], &[], Lang::En).unwrap();
        assert!(!page.contains("<script>alert"), "name not escaped");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;.jpg"));
        assert!(
            !page.contains("<u>") && !page.contains("<em>") && page.contains("m &amp; &lt;em&gt;z")
        );
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        let card = render_card(&file("a.jpg"), Lang::Zh).unwrap();
        assert!(card.contains("不通过") && !card.contains("<script"));
    }

    #[test]
    fn a_report_object_missing_fields_still_renders() {
        let page = render(&[json!({}), json!({"findings": 3})], &[], Lang::Zh).unwrap();
        assert_eq!(page.matches("<details class=\"card\"").count(), 2);
    }
}
