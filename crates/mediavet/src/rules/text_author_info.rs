//! text.author_info — the body of the text reveals who wrote it.
//!
//! What: lines labelled 作者：, 单位：, 通讯员：, 联系电话：, 手机：, 邮箱：, 地址：, 邮编：,
//! 身份证：; mainland mobile numbers (1[3-9] + 9 digits); landlines with an area code
//! (0571-87654321); 18-digit resident ID numbers whose GB 11643 check digit is valid (so
//! an order number is not one); e-mail addresses. And, when they are known for the
//! entry — from its registration form (`mediavet intake`), or given with `--author-name`,
//! `--author-unit`, `--author-phone`, `--author-email` (Python `author={...}`; not in a
//! profile, which judges many authors' entries) — the author's own name, unit, phone
//! number and e-mail address wherever they appear, however spaced. Each is listed with
//! its paragraph, masked (138****6157).
//!
//! Why: reviewing is anonymous; the contest asks for no author information in the body.
//! Contact details belong on the registration form.
//!
//! Fix: delete those lines from the text and put the details on the registration form.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "text.author_info",
    default: Severity::Error,
    needs: None,
    doc: super::docs::TEXT_AUTHOR_INFO,
    applies,
    check: Check::File(check),
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
    // Where the author's own details appear (`author::note`, run before the rules).
    let given = &text.author_hits;
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

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;
    use crate::text::author::AuthorDetails;

    #[test]
    fn table() {
        let p = profile("text", "");
        let story = text("青山村的变化\n王 秀英记得那一年。\n");
        expect(&RULE, "nothing revealing without details", &story, &p, &[]);
        let author = AuthorDetails {
            name: Some("王秀英".into()),
            ..AuthorDetails::default()
        };
        let named = [error("The body reveals the author (1 item(s)): paragraph 2: the author's name \"王**\".", "正文中出现作者信息（1 处）：第 2 段作者姓名“王**”。")];
        expect_with(&RULE, "the author's name, however spaced", &story, &p, &author, &named);
        let phone = text("正文\n联系电话：13812346157\n");
        let found = [error("paragraph 2: author line", "第 2 段作者信息行")];
        let listed = findings_with(&RULE, &phone, &p, &AuthorDetails::default());
        assert!(listed[0].message.en.contains("mobile number \"138****6157\""), "{}", listed[0].message.en);
        expect(&RULE, "a labelled phone line", &phone, &p, &found);
        let one_char = AuthorDetails {
            name: Some("王".into()),
            ..AuthorDetails::default()
        };
        expect_with(&RULE, "a one-character name is not searched", &story, &p, &one_char, &[]);
        expect(&RULE, "no text", &photo(10, 10), &p, &[]);
    }
}
