//! form.opinion — a self-submitted (自荐) entry's form carries a recommending unit's opinion.
//!
//! What: 推荐单位意见 is filled in although 自荐 is ticked. For information: perhaps 推荐 was
//! meant.
//!
//! Why: only recommended entries have a recommending unit.
//!
//! Fix: tick 推荐 (and name the unit) if a unit recommends the entry; else leave the opinion
//! empty.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.opinion",
    default: Severity::Info,
    needs: None,
    doc: super::docs::FORM_OPINION,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The opinion, for 自荐.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    if f.channels != [crate::facts::entry::Channel::SelfSubmitted] || f.get("opinion").is_none() {
        return Vec::new();
    }
    vec![super::form_finding(cx, sev, ("推荐单位意见", "recommending unit's opinion"), Text::new(
        "is filled in although 自荐 (self-submitted) is ticked",
        "已填写，但勾选的是“自荐”",
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
        expect_entry(&RULE, "empty", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "filled", &with_form(e, form(&[("opinion", "同意推荐")])), &p, &[info("is filled in although 自荐", "已填写，但勾选的是“自荐”")]);
    }
}
