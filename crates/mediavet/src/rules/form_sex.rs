//! form.sex — the registration form's 性别 (sex) is not 男 or 女.
//!
//! What: 性别 written as 男 or 女 (男性/女性 accepted), or exactly one of them ticked. Whether
//! it matches the ID number is `form.id_number`'s check.
//!
//! Why: the form is the entry's official record; the sex is checked against the ID number.
//!
//! Fix: write 男 or 女 (or tick one box) on the registration form.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.sex",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_SEX,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The sex, written or ticked.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    if f.sexes.len() > 1 {
        return vec![super::form_finding(cx, sev, ("性别", "sex"), Text::new("has both boxes ticked", "两个选项都被勾选"))];
    }
    match f.sex().map(str::trim) {
        Some("男" | "女" | "男性" | "女性") => Vec::new(),
        Some(v) => vec![super::form_finding(cx, sev, ("性别", "sex"), Text::new(format!("is {v:?}, not 男 or 女"), format!("填写为“{v}”，应为“男”或“女”")))],
        None => vec![super::form_finding(cx, sev, ("性别", "sex"), Text::new("is not filled in", "未填写"))],
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "男", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "女性", &with_form(e.clone(), form(&[("sex", "女性")])), &p, &[]);
        expect_entry(&RULE, "other", &with_form(e.clone(), form(&[("sex", "M")])), &p, &[error("is \"M\", not 男 or 女", "填写为“M”")]);
        let mut two = form(&[("sex", "☑男 ☑女")]);
        two.sexes = vec!["男", "女"];
        expect_entry(&RULE, "both ticked", &with_form(e.clone(), two), &p, &[error("has both boxes ticked", "两个选项都被勾选")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("sex", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
