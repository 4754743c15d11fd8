//! form.name — the registration form's 作者姓名 (author's name) is not filled in.
//!
//! What: the form's 作者姓名 field is empty, or the form has no such field.
//!
//! Why: the desk must know whose entry it is; the name is also searched for in the work, which must not show it.
//!
//! Fix: fill in 作者姓名 on the registration form and send it again.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.name",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_NAME,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The field, when the form was read.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    super::form_required(cx, sev, "name", ("作者姓名", "author's name"))
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
        let missing = [error("作者姓名 (author's name) is not filled in", "“作者姓名”未填写")];
        expect_entry(&RULE, "empty", &with_form(e.clone(), form(&[("name", "")])), &p, &missing);
        expect_entry(&RULE, "no label", &with_form(e, form(&[("name", "-")])), &p, &missing);
    }
}
