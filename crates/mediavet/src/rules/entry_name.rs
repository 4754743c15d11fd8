//! entry.name — the entry's name is not `扶贫征集-推荐|自荐-类别-作品名称`.
//!
//! What: the name is taken from the mail subject, else the archive or folder name, else the
//! work's file name (the first that starts with 扶贫征集). Forms people really type are
//! accepted — full-width （）－—, spaces, `视频类-微视频`, `视频类（微电影）`,
//! `扶贫征集—自荐—…`, 文学类 for 文字类 — with a warning naming what differs and the
//! canonical name to use. A missing part, an unknown category, 视频类 without 微视频 or 微电影,
//! or an empty 作品名称 is an error.
//!
//! Why: the call asks for this name on every mail and package; the desk sorts entries by it,
//! and the category in it picks the rules the work is judged by.
//!
//! Fix: name the mail (or package) `扶贫征集-自荐-视频类(微视频)-作品名称`, with 推荐 or 自荐,
//! and the category 文字类, 图片类, 视频类(微视频) or 视频类(微电影).

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Quantity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.name",
    default: Severity::Error,
    needs: None,
    doc: super::docs::ENTRY_NAME,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Errors, else the differences from the canonical form.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(n) = &cx.entry.name else {
        return vec![cx.finding(sev, Text::new("The entry has no name: no mail subject, archive, folder or file name.", "作品没有名称：没有邮件主题、压缩包、文件夹或文件名。"))];
    };
    let from = |zh: bool| match (n.source, zh) {
        ("subject", false) => "mail subject",
        ("subject", true) => "邮件主题",
        ("archive", false) => "archive name",
        ("archive", true) => "压缩包名",
        ("folder", false) => "folder name",
        ("folder", true) => "文件夹名",
        (_, false) => "file name",
        (_, true) => "文件名",
    };
    let example = "扶贫征集-自荐-视频类(微视频)-星城大爱";
    if !n.errors.is_empty() {
        let en: Vec<&str> = n.errors.iter().map(|e| e.en.as_str()).collect();
        let zh: Vec<&str> = n.errors.iter().map(|e| e.zh.as_str()).collect();
        return vec![cx.finding(sev, Text::new(
            format!("The entry name {:?} (the {}) is not valid: {}.", n.received, from(false), en.join("; ")),
            format!("作品名称“{}”（{}）不符合要求：{}。", n.received, from(true), zh.join("；")),
        ))
        .hint(Text::new(
            format!("Name the entry 扶贫征集-推荐|自荐-文字类|图片类|视频类(微视频|微电影)-作品名称, e.g. {example}."),
            format!("请按“扶贫征集-推荐|自荐-文字类|图片类|视频类(微视频|微电影)-作品名称”命名，如“{example}”。"),
        ))];
    }
    if n.differences.is_empty() {
        return Vec::new();
    }
    let canonical = n.canonical.as_deref().unwrap_or_default();
    let en: Vec<&str> = n.differences.iter().map(|e| e.en.as_str()).collect();
    let zh: Vec<&str> = n.differences.iter().map(|e| e.zh.as_str()).collect();
    vec![cx.finding(sev.min(Severity::Warning), Text::new(
        format!("The entry name {:?} (the {}) differs from the canonical form: {}.", n.received, from(false), en.join("; ")),
        format!("作品名称“{}”（{}）与规范格式不同：{}。", n.received, from(true), zh.join("；")),
    ))
    .values(Some(Quantity::text(n.received.clone())), Some(Quantity::text(canonical)))
    .hint(Text::new(format!("Use the name {canonical}."), format!("请使用名称“{canonical}”。")))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        expect_entry(&RULE, "canonical", &entry("扶贫征集-自荐-视频类(微视频)-星城大爱"), &p, &[]);
        expect_entry(&RULE, "full-width", &entry("扶贫征集－自荐－视频类（微视频）－星城大爱"), &p,
            &[warning("differs from the canonical form: full-width brackets （） instead of (); dashes other than the hyphen -", "使用了全角括号")]);
        expect_entry(&RULE, "no channel", &entry("扶贫征集-视频类(微视频)-星城大爱"), &p, &[error("is not valid: 推荐 or 自荐 is missing", "缺少“推荐”或“自荐”")]);
        expect_entry(&RULE, "video without class", &entry("扶贫征集-自荐-视频类-星城大爱"), &p, &[error("视频类 without 微视频 or 微电影", "视频类未注明微视频或微电影")]);
        expect_entry(&RULE, "empty title", &entry("扶贫征集-自荐-图片类-"), &p, &[error("作品名称 (the title) is empty", "作品名称为空")]);
        expect_entry(&RULE, "unknown category", &entry("扶贫征集-自荐-音乐类-歌"), &p, &[error("unknown category", "未知的作品类别")]);
        let mut none = entry("x");
        none.name = None;
        expect_entry(&RULE, "no name", &none, &p, &[error("The entry has no name", "作品没有名称")]);
    }
}
