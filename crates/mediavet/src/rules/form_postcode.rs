//! form.postcode — the registration form's 邮编 (postcode) is not six digits.
//!
//! What: 邮编 must be a mainland postcode: six digits (spaces ignored).
//!
//! Why: certificates and prizes are sent by post.
//!
//! Fix: write the six-digit postcode of the postal address.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.postcode",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_POSTCODE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Six digits.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let Some(v) = f.get("postcode") else {
        return vec![super::form_finding(cx, sev, ("邮编", "postcode"), Text::new("is not filled in", "未填写"))];
    };
    let code: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        return Vec::new();
    }
    vec![super::form_finding(cx, sev, ("邮编", "postcode"), Text::new(
        format!("is {v:?}, not six digits"),
        format!("填写为“{v}”，不是 6 位数字"),
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "ok", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "spaced", &with_form(e.clone(), form(&[("postcode", "410 011")])), &p, &[]);
        expect_entry(&RULE, "five", &with_form(e.clone(), form(&[("postcode", "41001")])), &p, &[error("is \"41001\", not six digits", "不是 6 位数字")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("postcode", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
