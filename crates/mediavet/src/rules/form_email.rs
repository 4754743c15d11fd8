//! form.email — the registration form's 邮箱 (e-mail) is not a valid address.
//!
//! What: 邮箱 must be one address: a local part, @, and a domain with a dot and a top-level
//! domain of two or more letters (full-width ＠ is not accepted). The address is masked in
//! the finding.
//!
//! Why: the organisers write to the entrant there.
//!
//! Fix: write the e-mail address on the registration form.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.email",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_EMAIL,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The address's shape.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let Some(v) = f.get("email") else {
        return vec![super::form_finding(cx, sev, ("邮箱", "e-mail"), Text::new("is not filled in", "未填写"))];
    };
    if valid(v.trim()) {
        return Vec::new();
    }
    let masked = crate::text::identifiers::mask_email(v);
    vec![super::form_finding(cx, sev, ("邮箱", "e-mail"), Text::new(
        format!("is {masked:?}, not a valid address"),
        format!("填写为“{masked}”，不是有效的邮箱地址"),
    ))]
}

/// `local@domain.tld`, ASCII, one @.
fn valid(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let tld = domain.rsplit('.').next().unwrap_or("");
    !local.is_empty()
        && local.chars().all(ok)
        && domain.contains('.')
        && domain.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
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
        expect_entry(&RULE, "qq", &with_form(e.clone(), form(&[("email", "12345678@qq.com")])), &p, &[]);
        let bad = [error("not a valid address", "不是有效的邮箱地址")];
        for v in ["wxy@example", "wxy＠example.com", "wxy@@example.com", "王@example.com", "wxy@example.c0m"] {
            expect_entry(&RULE, v, &with_form(e.clone(), form(&[("email", v)])), &p, &bad);
        }
        expect_entry(&RULE, "masked", &with_form(e.clone(), form(&[("email", "wxyz@example")])), &p, &[error("\"w**z@example\"", "w**z@example")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("email", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
