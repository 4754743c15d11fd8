//! form.phone — the registration form's 联系电话 (phone) is not a phone number.
//!
//! What: 联系电话 must be a mainland mobile number (1[3-9] and 9 more digits, +86 allowed) or a
//! landline with its area code (0571-87654321, extension allowed); spaces and dashes are
//! ignored. The number is masked in the finding (158****6157).
//!
//! Why: the organisers call the entrant there.
//!
//! Fix: write a mobile number, or a landline with its area code.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.phone",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_PHONE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Mobile or landline.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let Some(v) = f.get("phone") else {
        return vec![super::form_finding(cx, sev, ("联系电话", "phone"), Text::new("is not filled in", "未填写"))];
    };
    if v.split(['/', '、', ',', '，', ';', '；']).any(valid) {
        return Vec::new();
    }
    let digits: String = v.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let masked = crate::text::identifiers::mask_middle(&digits);
    vec![super::form_finding(cx, sev, ("联系电话", "phone"), Text::new(
        format!("is {masked:?}, neither a mobile number nor a landline with its area code"),
        format!("填写为“{masked}”，既不是手机号码也不是带区号的固定电话"),
    ))]
}

/// One number.
fn valid(v: &str) -> bool {
    let v = v.trim();
    let v = v.strip_prefix("+86").or_else(|| v.strip_prefix("0086")).unwrap_or(v);
    let (main, _ext) = v.split_once(['转', '#']).unwrap_or((v, ""));
    let digits: String = main.chars().filter(|c| !c.is_whitespace() && *c != '-' && *c != '(' && *c != ')').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let b = digits.as_bytes();
    let mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    let landline = (10..=12).contains(&b.len()) && b[0] == b'0' && b[1] != b'0';
    mobile || landline
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        for ok in ["15812346157", "158 1234 6157", "+86 158-1234-6157", "0571-87654321", "(0731)84567890", "0731-84567890转123"] {
            expect_entry(&RULE, ok, &with_form(e.clone(), form(&[("phone", ok)])), &p, &[]);
        }
        let bad = |v| [error(v, v)];
        expect_entry(&RULE, "ten digits", &with_form(e.clone(), form(&[("phone", "1581234615")])), &p, &bad("158***4615"));
        expect_entry(&RULE, "12 prefix", &with_form(e.clone(), form(&[("phone", "12812346157")])), &p, &bad("128****6157"));
        expect_entry(&RULE, "no area code", &with_form(e.clone(), form(&[("phone", "87654321")])), &p, &bad("876*4321"));
        expect_entry(&RULE, "empty", &with_form(e, form(&[("phone", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
