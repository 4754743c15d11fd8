//! text.metadata_author — the Word document's properties name its author or company.
//!
//! What: docProps/core.xml `dc:creator` (作者) and `cp:lastModifiedBy` (最后修改者), and
//! docProps/app.xml `Company` (单位). Defaults that name nobody (Administrator, User,
//! 微软用户, Microsoft …) are not reported; the author's own name or unit, when given, is
//! reported whatever the field.
//!
//! Why: reviewers open the file; File → Properties shows these names, which breaks the
//! anonymous review the same way a signature in the body would.
//!
//! Fix: Word: File → Info → Check for Issues → Inspect Document → Document Properties and
//! Personal Information → Remove All. WPS: 文件 → 文档加密 → 隐私保护 (or 文件 → 属性 → 摘要,
//! clear 作者 and 单位), then save.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "text.metadata_author",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::TEXT_METADATA_AUTHOR,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks.
fn applies(p: &Profile) -> bool {
    p.text.metadata_author
}

/// Names that identify nobody: set by installers and tools, not by people.
const GENERIC: [&str; 14] = [
    "administrator",
    "admin",
    "user",
    "author",
    "windows user",
    "windows 用户",
    "微软用户",
    "微软中国",
    "microsoft",
    "microsoft office user",
    "python-docx",
    "un-named",
    "lenovo",
    "dell",
];

/// One finding listing the names found.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(info) = cx.facts.text.as_ref().and_then(|t| t.docx.as_ref()) else {
        return Vec::new();
    };
    let fields = [
        ("creator", "作者", &info.creator),
        ("last modified by", "最后修改者", &info.last_modified_by),
        ("company", "单位", &info.company),
    ];
    let found: Vec<_> = fields
        .iter()
        .filter_map(|(en, zh, v)| v.as_deref().map(|v| (*en, *zh, v)))
        .filter(|(_, _, v)| !GENERIC.contains(&v.trim().to_lowercase().as_str()))
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    let en: Vec<_> = found
        .iter()
        .map(|(f, _, v)| format!("{f} \"{v}\""))
        .collect();
    let zh: Vec<_> = found.iter().map(|(_, f, v)| format!("{f}“{v}”")).collect();
    vec![cx.finding(sev,
        Text::new(
            format!("The document's properties name people: {}.", en.join(", ")),
            format!("文档属性中有署名信息：{}。", zh.join("，")),
        ),
    )
    .values(
        Some(Quantity::text(en.join(", "))),
        Some(Quantity::text("no names")),
    )
    .hint(Text::new(
        "Word: File → Info → Check for Issues → Inspect Document → Document Properties and Personal Information → Remove All; WPS: 文件 → 属性 → 摘要, clear 作者 and 单位; then save.",
        "Word：文件 → 信息 → 检查问题 → 检查文档 → 文档属性和个人信息 → 全部删除；WPS：文件 → 属性 → 摘要，清空“作者”和“单位”；然后保存。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::text::DocxInfo;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let with = |creator: &str, company: Option<&str>| {
            let mut facts = text("正文");
            facts.text.as_mut().unwrap().docx = Some(DocxInfo {
                creator: Some(creator.into()),
                company: company.map(str::to_string),
                ..DocxInfo::default()
            });
            facts
        };
        expect(&RULE, "a default name", &with("Administrator", None), &p, &[]);
        expect(&RULE, "default, any case and spaces", &with(" 微软用户 ", None), &p, &[]);
        let named = [warning("The document's properties name people: creator \"王秀英\", company \"青山县融媒体中心\".", "文档属性中有署名信息：作者“王秀英”，单位“青山县融媒体中心”。")];
        expect(&RULE, "a person and a unit", &with("王秀英", Some("青山县融媒体中心")), &p, &named);
        expect(&RULE, "plain text has no properties", &text("正文"), &p, &[]);
    }
}
