//! form.post — the registration form's 职务 (post) is not filled in.
//!
//! What: the form's 职务 field is empty, or the form has no such field. A warning: the field may honestly be empty.
//!
//! Why: the call asks for it; people without a post leave it empty.
//!
//! Fix: fill in 职务 on the registration form and send it again.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.post",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::FORM_POST,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The field, when the form was read.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    super::form_required(cx, sev, "post", ("职务", "post"))
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
        let missing = [warning("职务 (post) is not filled in", "“职务”未填写")];
        expect_entry(&RULE, "empty", &with_form(e.clone(), form(&[("post", "")])), &p, &missing);
        expect_entry(&RULE, "no label", &with_form(e, form(&[("post", "-")])), &p, &missing);
    }
}
