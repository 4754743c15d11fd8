//! form.birth — the registration form's 出生年月 (birth month) is not a year and month.
//!
//! What: 出生年月 as people write it — 1985年3月, 1985.03, 1985-3, 198503 — with a year from
//! 1900 on. Whether it matches the ID number is `form.id_number`'s check.
//!
//! Why: the form is the entry's official record.
//!
//! Fix: write the year and month of birth, e.g. 1985年3月.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.birth",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_BIRTH,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The value read as a year and month.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let Some(v) = f.get("birth") else {
        return vec![super::form_finding(cx, sev, ("出生年月", "birth month"), Text::new("is not filled in", "未填写"))];
    };
    match crate::text::id_number::year_month(v) {
        Some((y, _)) if (1900..=2020).contains(&y) => Vec::new(),
        _ => vec![super::form_finding(cx, sev, ("出生年月", "birth month"), Text::new(
            format!("is {v:?}, not a year and month such as 1985年3月"),
            format!("填写为“{v}”，不是“1985年3月”这样的年月"),
        ))],
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
        for ok in ["1985年3月", "1985.03", "198503", "1985-3-15"] {
            expect_entry(&RULE, ok, &with_form(e.clone(), form(&[("birth", ok)])), &p, &[]);
        }
        expect_entry(&RULE, "no month", &with_form(e.clone(), form(&[("birth", "八五年")])), &p, &[error("not a year and month", "不是“1985年3月”这样的年月")]);
        expect_entry(&RULE, "year 1850", &with_form(e.clone(), form(&[("birth", "1850年1月")])), &p, &[error("not a year and month", "年月")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("birth", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
