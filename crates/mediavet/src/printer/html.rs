//! The visual report: one self-contained HTML page for the desk staff — an overview
//! (counts per verdict, the most frequent failing rules, a table of the files that can be
//! sorted, filtered by verdict, rule and kind, and searched) and a card per file with its
//! key facts and every finding. The bar chart is inline SVG (`charts.rs`). Everything is inline (CSS, script) and the page's content
//! security policy forbids fetching anything, so it opens the same from a USB stick with
//! no network. Rendered by `minijinja` from the templates in `html/` (every value
//! HTML-escaped by the engine), from the reports' JSON objects with their sheet rows
//! ([`csv::with_row`]): the CLI and Python (which holds reports as that JSON) make the
//! same page from the same code.

use crate::entry::EntryReport;
use crate::finding::Lang;
use crate::group::{self, groups_of, Group};
use crate::printer::entries;
use crate::printer::{charts, csv, evidence};
use crate::report::{count_failing, Report, Verdict};
use minijinja::Environment;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;

/// The templates, by name.
const TEMPLATES: [(&str, &str); 6] = [
    ("report.html", include_str!("html/report.html")),
    ("entry.html", include_str!("html/entry.html")),
    ("findings.html", include_str!("html/findings.html")),
    ("card.html", include_str!("html/card.html")),
    ("card.css", include_str!("html/card.css")),
    ("fragment.html", include_str!("html/fragment.html")),
];

/// The page's words: (key, Chinese, English).
const LABELS: [(&str, &str, &str); 98] = [
    ("title", "mediavet 检查报告", "mediavet report"),
    ("profile", "规范", "Profile"),
    ("files", "文件", "Files"),
    ("fail", "不通过", "Fail"),
    ("warn", "警告", "Warn"),
    ("pass", "通过", "Pass"),
    ("unreadable", "无法读取", "Unreadable"),
    ("all", "全部", "All"),
    ("verdict", "结论", "Verdict"),
    ("rule", "规则", "Rule"),
    ("kind", "类型", "Kind"),
    ("name", "名称", "Name"),
    ("first", "首个问题", "First problem"),
    ("search", "搜索名称或问题…", "Search names or problems…"),
    (
        "failing",
        "最常见的不通过规则",
        "Most frequent failing rules",
    ),
    ("shown", "显示", "Shown"),
    ("of", "/", "of"),
    ("severity", "级别", "Severity"),
    ("measured", "实测", "Measured"),
    ("expected", "要求", "Expected"),
    ("message", "说明", "Message"),
    ("hint", "修改建议", "Fix"),
    ("facts", "主要参数", "Key facts"),
    ("findings", "检查结果", "Findings"),
    ("none", "没有问题。", "No problems."),
    ("container", "容器", "Container"),
    ("resolution", "分辨率", "Resolution"),
    (
        "video_bitrate_mbps",
        "视频码率 (Mb/s)",
        "Video bitrate (Mb/s)",
    ),
    ("duration_s", "时长 (秒)", "Duration (s)"),
    ("audio_channels", "声道数", "Audio channels"),
    ("created", "创建时间", "Created"),
    ("error", "错误", "Error"),
    ("warning", "警告", "Warning"),
    ("info", "提示", "Info"),
    ("top", "返回总览", "Back to the overview"),
    ("frames", "分析的画面", "Analysed frames"),
    ("watermark", "台标/水印", "Watermark"),
    ("qr", "二维码", "QR code"),
    ("subtitle", "字幕", "Subtitle"),
    ("text", "画面文字", "On-screen text"),
    ("levels", "音频电平", "Audio levels"),
    ("band", "允许范围", "Allowed band"),
    ("over", "超出上限", "Above the band"),
    ("under", "低于下限", "Below the band"),
    ("integrated_lufs", "整体响度", "Integrated loudness"),
    ("loudness_range_lu", "响度范围", "Loudness range"),
    ("true_peak_dbtp", "真峰值", "True peak"),
    ("channel_1", "第 1 声道 峰值 · VU", "Channel 1 peak · VU"),
    ("channel_2", "第 2 声道 峰值 · VU", "Channel 2 peak · VU"),
    ("focus", "清晰度", "Focus"),
    ("jpeg_quality", "JPEG 质量", "JPEG quality"),
    ("words", "字数", "Words (字)"),
    ("han", "汉字", "Han characters"),
    ("paragraphs", "段落", "Paragraphs"),
    ("script", "简繁", "Script"),
    ("simplified", "简体", "Simplified"),
    ("traditional", "繁体", "Traditional"),
    ("japanese", "日文", "Japanese"),
    ("unknown", "无法判断", "Undetermined"),
    (
        "first_traditional",
        "最先出现的繁体字",
        "First Traditional characters",
    ),
    ("paragraph", "段", "Paragraph"),
    ("hits", "正文中的作者信息", "Author information in the body"),
    ("hit_label", "作者信息行", "Author line"),
    ("hit_mobile", "手机号码", "Mobile number"),
    ("hit_landline", "固定电话", "Phone number"),
    ("hit_id_number", "身份证号", "ID number"),
    ("hit_email", "电子邮箱", "E-mail address"),
    ("hit_name", "作者姓名", "The author's name"),
    ("hit_unit", "作者单位", "The author's unit"),
    ("hit_phone", "作者电话", "The author's phone"),
    ("entries", "作品", "Entries"),
    ("form", "报名表", "Registration form"),
    ("form_channel", "推荐/自荐", "Channel"),
    ("form_recommender", "推荐单位", "Recommended by"),
    ("form_name", "姓名", "Name"),
    ("form_sex", "性别", "Sex"),
    ("form_ethnicity", "民族", "Ethnicity"),
    ("form_birth", "出生年月", "Born"),
    ("form_unit", "工作单位", "Unit"),
    ("form_post", "职务", "Post"),
    ("form_address", "通讯地址", "Address"),
    ("form_postcode", "邮编", "Postcode"),
    ("form_email", "电子邮箱", "E-mail"),
    ("form_id_number", "身份证号", "ID number"),
    ("form_phone", "电话", "Phone"),
    ("form_title", "作品名称", "Title"),
    ("form_summary_chars", "简介字数", "Summary (字)"),
    ("form_source", "报名表文件", "Form file"),
    ("entry_name", "作品命名", "Entry name"),
    ("received", "收到", "As received"),
    ("canonical", "规范写法", "Canonical"),
    ("mail_date", "来信时间", "Mail sent"),
    ("duplicates", "重复提交", "Submitted twice"),
    ("reference", "参考库", "reference"),
    ("works", "作品文件", "Works"),
    ("source", "来源", "Source"),
    ("groups", "组照", "Photo groups"),
    ("pairs", "前后对比", "Before / after"),
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
    /// A video's analysed frames with their boxes.
    frames: Vec<evidence::Frame>,
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

/// Writes the intake page for `entries`: an entry per row and card, its works' cards
/// inside it.
pub fn write_entries(
    out: &mut dyn Write,
    entries: &[EntryReport],
    lang: Lang,
) -> std::io::Result<()> {
    let values: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut v = e.to_json(lang);
            v["files"] = e.files.iter().map(|r| csv::with_row(r, lang)).collect();
            v
        })
        .collect();
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

/// The intake page for entries given as their JSON objects (works with their sheet
/// rows); its words in `lang`.
pub fn render_entries(entries: &[Value], lang: Lang) -> Result<String, String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Object(o) => o
            .get(code(lang))
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
        let cell = |col: &str| {
            entries::HEADER
                .iter()
                .position(|h| *h == col)
                .and_then(|i| e["sheet_row"].get(i))
                .map(text)
                .unwrap_or_default()
        };
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

/// A photo of a group: its card, name, thumbnail and verdict.
#[derive(Serialize, Clone)]
struct Photo {
    id: String,
    name: String,
    verdict: String,
    src: String,
    w: u64,
    h: u64,
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
        src: c.photo.as_ref().map(|p| p.src.clone()).unwrap_or_default(),
        w: c.photo.as_ref().map_or(0, |p| p.w),
        h: c.photo.as_ref().map_or(0, |p| p.h),
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

impl Row for Card {
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

impl Row for EntryCard {
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

/// The page's words in `lang`.
fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|&(k, zh, en)| (k, if lang == Lang::Zh { zh } else { en }))
        .collect()
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

/// The card of report object `f`, the `k`th.
fn card(k: usize, f: &Value) -> Result<Card, String> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let cell = |name: &str| {
        csv::HEADER
            .iter()
            .position(|h| *h == name)
            .and_then(|i| f["sheet_row"].get(i))
            .map(text)
            .unwrap_or_default()
    };
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
