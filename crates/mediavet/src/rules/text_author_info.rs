//! text.author_info — the body of the text reveals who wrote it.
//!
//! What: lines labelled 作者：, 单位：, 通讯员：, 联系电话：, 手机：, 邮箱：, 地址：, 邮编：,
//! 身份证：; mainland mobile numbers (1[3-9] + 9 digits); landlines with an area code
//! (0571-87654321); 18-digit resident ID numbers whose GB 11643 check digit is valid (so
//! an order number is not one); e-mail addresses. And, when they are given
//! (`--author-name`, `--author-unit`, `--author-phone`, `--author-email`, or `[author]` in
//! a profile), the author's own name, unit, phone number and e-mail address wherever they
//! appear, however spaced. Each is listed with its paragraph, masked (138****6157).
//!
//! Why: reviewing is anonymous; the contest asks for no author information in the body.
//! Contact details belong on the registration form.
//!
//! Fix: delete those lines from the text and put the details on the registration form.

use super::{Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "text.author_info",
    default: Severity::Error,
    needs: None,
    doc: super::docs::TEXT_AUTHOR_INFO,
    applies,
    check,
};

/// Applies to profiles of text entries.
fn applies(p: &Profile) -> bool {
    p.text.formats.is_some()
}

/// Every identifying item, in one finding.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(text) = &cx.facts.text else {
        return Vec::new();
    };
    let given = crate::text::author::find(&text.body, &cx.profile.author);
    // A given phone number or e-mail found again by the generic search is listed once.
    let generic = text.identifiers.iter().filter(|i| {
        !given
            .iter()
            .any(|g| g.paragraph == i.paragraph && g.masked == i.masked)
    });
    let items: Vec<_> = given.iter().chain(generic).collect();
    if items.is_empty() {
        return Vec::new();
    }
    let name = |kind: &str| match kind {
        "label" => ("author line", "作者信息行"),
        "mobile" => ("mobile number", "手机号码"),
        "landline" => ("phone number", "固定电话"),
        "id_number" => ("ID number", "身份证号"),
        "name" => ("the author's name", "作者姓名"),
        "unit" => ("the author's unit", "作者单位"),
        "phone" => ("the author's phone number", "作者电话"),
        _ => ("e-mail address", "电子邮箱"),
    };
    let list = |zh: bool| {
        items
            .iter()
            .map(|i| {
                let (en, cn) = name(i.kind);
                if zh {
                    format!("第 {} 段{}“{}”", i.paragraph, cn, i.masked)
                } else {
                    format!("paragraph {}: {en} \"{}\"", i.paragraph, i.masked)
                }
            })
            .collect::<Vec<_>>()
    };
    let n = items.len();
    vec![cx.finding(sev,
        Text::new(
            format!(
                "The body reveals the author ({n} item(s)): {}.",
                list(false).join("; ")
            ),
            format!("正文中出现作者信息（{n} 处）：{}。", list(true).join("；")),
        ),
    )
    .values(
        Some(Quantity::num(n as f64, "", format!("{n} item(s)"))),
        Some(Quantity::text("none")),
    )
    .hint(Text::new(
        "Delete these from the text; contact details go on the registration form.",
        "请从正文中删除上述信息；联系方式请填写在报名表中。",
    ))]
}
