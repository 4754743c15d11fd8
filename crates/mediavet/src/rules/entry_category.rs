//! entry.category — the entry name, the form and the works do not agree on the category.
//!
//! What: the category in the entry name, the one ticked on the form (文学类 on the form is
//! the name's 文字类; 视频类 ticked alone agrees with 微视频 and 微电影), and the kind of the
//! works (.docx/.txt texts, JPG photos, MP4/MOV videos) must be the same. A work of another
//! category in the entry (a video in a 图片类 entry) is listed.
//!
//! Why: the category decides which rules judge the work; a mismatch usually means the wrong
//! attachment or the wrong box.
//!
//! Fix: correct the entry name or the form's tick, or send the work of the right category.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::facts::entry::EntryCategory;
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.category",
    default: Severity::Error,
    needs: None,
    doc: super::docs::ENTRY_CATEGORY,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The three against each other.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let e = cx.entry;
    let mut out = Vec::new();
    let named = e.name.as_ref().and_then(|n| n.category);
    let ticked: Vec<&str> = e.form.as_ref().map(|f| f.categories.clone()).unwrap_or_default();
    let agrees = |c: EntryCategory, t: &str| match c {
        EntryCategory::Text => t == "text",
        EntryCategory::Photo => t == "photo",
        EntryCategory::MicroVideo => t == "micro-video" || t == "video",
        EntryCategory::MicroFilm => t == "micro-film" || t == "video",
    };
    if let (Some(c), [t]) = (named, ticked.as_slice()) {
        if !agrees(c, t) {
            out.push(cx.finding(sev, Text::new(
                format!("The entry name says {} ({}) but the form ticks {t}.", c.zh(), c.en()),
                format!("作品命名为“{}”，但报名表勾选的是 {t}。", c.zh()),
            )));
        }
    }
    if e.category.is_none() && e.with_role("work").next().is_some() {
        out.push(cx.finding(sev, Text::new(
            "The entry's category is unknown (neither the entry name nor the form gives it): its works were not checked.",
            "作品类别不明（作品命名和报名表都未注明）：作品未检查。",
        )));
    }
    if let Some(c) = named.or(e.category) {
        let others: Vec<&str> = e.with_role("other_work").map(|c| c.path.as_str()).collect();
        if !others.is_empty() {
            out.push(cx.finding(sev, Text::new(
                format!("Works of another category in a {} entry: {}.", c.zh(), others.join(", ")),
                format!("“{}”作品中有其他类别的作品：{}。", c.zh(), others.join("、")),
            )));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::EntryCategory;
        use crate::facts::entry::Content;
        use crate::FileKind;
        let p = profile("text", "");
        let mut e = with_form(entry("扶贫征集-自荐-文字类-山路"), form(&[]));
        e.work_categories = vec![EntryCategory::Text];
        expect_entry(&RULE, "agree", &e, &p, &[]);
        let mut photo_form = form(&[]);
        photo_form.categories = vec!["photo"];
        expect_entry(&RULE, "form differs", &with_form(e.clone(), photo_form), &p, &[error("The entry name says 文字类 (text) but the form ticks photo.", "报名表勾选的是 photo")]);
        let mut unknown = entry("扶贫征集-自荐-视频类-星城");
        unknown.contents.push(Content { path: "a.mp4".into(), kind: FileKind::Mp4, role: "work", size: 1 });
        expect_entry(&RULE, "unknown", &unknown, &p, &[error("category is unknown", "作品未检查")]);
        let mut film = with_form(entry("扶贫征集-自荐-视频类(微电影)-山那边"), form(&[]));
        if let Some(f) = film.form.as_mut() {
            f.categories = vec!["video"];
        }
        film.work_categories = vec![EntryCategory::MicroVideo];
        expect_entry(&RULE, "视频类 ticked, film", &film, &p, &[]);
        let mut extra = e.clone();
        extra.contents.push(Content { path: "a.mp4".into(), kind: FileKind::Mp4, role: "other_work", size: 1 });
        expect_entry(&RULE, "other work", &extra, &p, &[error("Works of another category in a 文字类 entry: a.mp4.", "中有其他类别的作品：a.mp4")]);
    }
}
