//! entry.work_missing — the entry has no work of its category.
//!
//! What: an entry needs at least one work: a text (.docx, .txt, or a story typed into the
//! mail) for 文字类, a photo for 图片类, a video for 视频类. Works of another category do not
//! count (`entry.category` lists them).
//!
//! Why: a form without the work cannot be judged.
//!
//! Fix: send the work, attached or in the package with the form.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::facts::entry::EntryCategory;
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.work_missing",
    default: Severity::Error,
    needs: None,
    doc: super::docs::ENTRY_WORK_MISSING,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// At least one work.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    if cx.entry.with_role("work").next().is_some() {
        return Vec::new();
    }
    let what = cx.entry.category.map_or(("work", "作品"), |c| match c {
        EntryCategory::Text => ("text (.docx)", "文字作品（.docx）"),
        EntryCategory::Photo => ("photo (JPG)", "图片（JPG）"),
        _ => ("video (MP4/MOV)", "视频（MP4/MOV）"),
    });
    vec![cx.finding(sev, Text::new(
        format!("The entry has no {}.", what.0),
        format!("作品中没有{}。", what.1),
    ))
    .hint(Text::new("Send the work with the form.", "请将作品与报名表一并提交。"))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::Content;
        use crate::FileKind;
        let p = profile("text", "");
        let mut e = entry("扶贫征集-自荐-图片类-山路");
        expect_entry(&RULE, "none", &e, &p, &[error("The entry has no photo (JPG).", "作品中没有图片（JPG）。")]);
        e.contents.push(Content { path: "1.jpg".into(), kind: FileKind::Jpeg, role: "work", size: 1 });
        expect_entry(&RULE, "one", &e, &p, &[]);
    }
}
