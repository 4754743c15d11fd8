//! form.category — the registration form's 作品类别 (category) does not have exactly one box ticked.
//!
//! What: one of 文学类 (文字类), 图片类, 视频类 ticked (视频类 with 微视频 or 微电影 where the
//! form offers them), in any of the ways people tick: ☑ ■ √ ✓ ✔ ☒ before or after the word,
//! a □ replaced, or Word's check-box control. Whether it agrees with the entry name and the
//! works is `entry.category`.
//!
//! Why: the category decides which rules the work is judged by.
//!
//! Fix: tick exactly one category on the registration form.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.category",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_CATEGORY,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The ticks.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let field = ("作品类别", "category");
    match f.categories.len() {
        1 => Vec::new(),
        0 => vec![super::form_finding(cx, sev, field, Text::new("has no box ticked", "没有勾选任何类别"))],
        n => vec![super::form_finding(cx, sev, field, Text::new(
            format!("has {n} boxes ticked ({})", f.categories.join(", ")),
            format!("勾选了 {n} 个类别（{}）", f.categories.join("、")),
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
        expect_entry(&RULE, "one", &with_form(e.clone(), form(&[])), &p, &[]);
        let mut two = form(&[]);
        two.categories = vec!["text", "photo"];
        expect_entry(&RULE, "two", &with_form(e.clone(), two), &p, &[error("has 2 boxes ticked (text, photo)", "勾选了 2 个类别")]);
        let mut none = form(&[]);
        none.categories.clear();
        expect_entry(&RULE, "none", &with_form(e, none), &p, &[error("has no box ticked", "没有勾选任何类别")]);
    }
}
