//! form.unit — the registration form's 工作单位 (work unit) is not filled in.
//!
//! What: the form's 工作单位 field is empty, or the form has no such field.
//!
//! Why: the call asks for it on the form, and it is searched for in the work, which must not show it.
//!
//! Fix: fill in 工作单位 on the registration form and send it again.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.unit",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_UNIT,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The field, when the form was read.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    super::form_required(cx, sev, "unit", ("工作单位", "work unit"))
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "filled in", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "no form", &e, &p, &[]);
        let missing = [error("工作单位 (work unit) is not filled in", "“工作单位”未填写")];
        expect_entry(&RULE, "empty", &with_form(e.clone(), form(&[("unit", "")])), &p, &missing);
        expect_entry(&RULE, "no label", &with_form(e, form(&[("unit", "-")])), &p, &missing);
    }
}
