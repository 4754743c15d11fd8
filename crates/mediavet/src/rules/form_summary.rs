//! form.summary — the registration form's 作品内容概要 (summary) is missing or longer than allowed.
//!
//! What: 作品内容概要 must be present and at most `[entry] summary_max_chars` 字 (500 by
//! default), counted as `text.length` counts (Word's and WPS's 字数).
//!
//! Why: the jury reads the summary first; the call limits it to 500 字.
//!
//! Fix: write a summary of at most 500 字 on the registration form.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Quantity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.summary",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_SUMMARY,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Present, and its length.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let field = ("作品内容概要", "summary");
    let Some(v) = f.get("summary") else {
        return vec![super::form_finding(cx, sev, field, Text::new("is not filled in", "未填写"))];
    };
    let n = crate::text::count::count(v).words;
    let max = cx.profile.entry.summary_max_chars;
    if n <= max {
        return Vec::new();
    }
    vec![super::form_finding(cx, sev, field, Text::new(
        format!("has {n} 字, more than {max}"),
        format!("共 {n} 字，超过 {max} 字"),
    ))
    .values(
        Some(Quantity::num(n as f64, "字", format!("{n} 字"))),
        Some(Quantity::num(max as f64, "字", format!("≤ {max} 字"))),
    )]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        let of = |n: usize| "字".repeat(n);
        expect_entry(&RULE, "500", &with_form(e.clone(), form(&[("summary", &of(500))])), &p, &[]);
        expect_entry(&RULE, "501", &with_form(e.clone(), form(&[("summary", &of(501))])), &p, &[error("has 501 字, more than 500", "共 501 字，超过 500 字")]);
        let p300 = profile("text", "[entry]\nsummary_max_chars = 300\n");
        expect_entry(&RULE, "setting", &with_form(e.clone(), form(&[("summary", &of(301))])), &p300, &[error("more than 300", "超过 300 字")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("summary", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
