//! entry.duplicate — the same work (or the same person) appears in another entry.
//!
//! What: across all entries of one run, and the desk's reference material
//! (`--reference DIR`): identical files (by content hash), the same photo resized or
//! recompressed (perceptual fingerprints within `[entry] picture_max_distance` of 64 bits),
//! the same video (half its sampled frames or more match), texts sharing at least
//! `text_shared_share` of the shorter one (with the first shared passage), and one ID number
//! on two entries of the same category. A warning on both entries, naming the other.
//!
//! Why: the call forbids submitting a work twice; a person may enter each category once.
//!
//! Fix: the desk decides which entry stands; withdraw the other.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.duplicate",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::ENTRY_DUPLICATE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Each duplicate work; the entries sharing the ID number in one finding.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let same_id: Vec<&str> = cx
        .entry
        .duplicates
        .iter()
        .filter(|d| d.kind == "id_number")
        .map(|d| d.other.as_str())
        .collect();
    let mut out: Vec<Finding> = cx
        .entry
        .duplicates
        .iter()
        .filter(|d| d.kind != "id_number")
        .map(|d| {
            let this = d.file.as_deref().map(|f| format!("{f}: ")).unwrap_or_default();
            let other = match (&d.other_file, d.reference) {
                (Some(f), false) => format!("entry {} ({f})", d.other),
                (None, false) => format!("entry {}", d.other),
                (_, true) => format!("known material {}", d.other),
            };
            let other_zh = match (&d.other_file, d.reference) {
                (Some(f), false) => format!("作品“{}”（{f}）", d.other),
                (None, false) => format!("作品“{}”", d.other),
                (_, true) => format!("已有资料 {}", d.other),
            };
            cx.finding(sev, Text::new(
                format!("{this}also in {other}: {}.", d.detail.en),
                format!("{this}与{other_zh}重复：{}。", d.detail.zh),
            ))
        })
        .collect();
    if !same_id.is_empty() {
        let shown: Vec<&str> = same_id.iter().take(10).copied().collect();
        let more = same_id.len() - shown.len();
        let (tail, tail_zh) = if more > 0 {
            (format!(" and {more} more"), format!(" 等另外 {more} 件"))
        } else {
            (String::new(), String::new())
        };
        out.push(cx.finding(sev, Text::new(
            format!("The form's ID number is also on {} other entr{} of this category: {}{tail}.", same_id.len(), if same_id.len() == 1 { "y" } else { "ies" }, shown.join(", ")),
            format!("报名表上的身份证号也出现在同类别的另外 {} 件作品中：{}{tail_zh}。", same_id.len(), shown.join("、")),
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::Duplicate;
        use crate::finding::Text;
        let p = profile("photo", "");
        let mut e = entry("扶贫征集-自荐-图片类-山路");
        expect_entry(&RULE, "none", &e, &p, &[]);
        e.duplicates.push(Duplicate { kind: "photo", file: Some("1.jpg".into()), other: "扶贫征集-自荐-图片类-河".into(), other_file: Some("a.jpg".into()), reference: false, detail: Text::new("the same photo (fingerprints 2 of 64 bits apart)", "同一张照片") });
        e.duplicates.push(Duplicate { kind: "id_number", file: None, other: "扶贫征集-自荐-图片类-河".into(), other_file: None, reference: false, detail: Text::new("the same ID number", "身份证号相同") });
        expect_entry(&RULE, "two", &e, &p, &[
            warning("1.jpg: also in entry 扶贫征集-自荐-图片类-河 (a.jpg): the same photo", "1.jpg: 与作品“扶贫征集-自荐-图片类-河”（a.jpg）重复"),
            warning("The form's ID number is also on 1 other entry of this category: 扶贫征集-自荐-图片类-河.", "报名表上的身份证号也出现在同类别的另外 1 件作品中"),
        ]);
    }
}
