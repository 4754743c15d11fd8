//! form.title — the registration form's 作品名称 (title) differs from the entry name's.
//!
//! What: 作品名称 compared with the title in the entry name, without punctuation, spaces and
//! case; a warning when they differ, an error when the form leaves it empty.
//!
//! Why: the desk matches forms and works by their title.
//!
//! Fix: write the same title on the form and in the entry name.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.title",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::FORM_TITLE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The title, against the name's.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let field = ("作品名称", "title");
    let Some(v) = f.get("title") else {
        return vec![super::form_finding(cx, Severity::Error, field, Text::new("is not filled in", "未填写"))];
    };
    let bare = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    match cx.entry.name.as_ref().and_then(|n| n.title.as_deref()) {
        Some(t) if bare(t) != bare(v) => vec![super::form_finding(cx, sev, field, Text::new(
            format!("is {v:?}, but the entry name says {t:?}"),
            format!("为“{v}”，但作品命名中为“{t}”"),
        ))],
        _ => Vec::new(),
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
        expect_entry(&RULE, "same", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "punctuation", &with_form(e.clone(), form(&[("title", "《山 路》")])), &p, &[]);
        expect_entry(&RULE, "differs", &with_form(e.clone(), form(&[("title", "山那边")])), &p, &[warning("is \"山那边\", but the entry name says \"山路\"", "为“山那边”，但作品命名中为“山路”")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("title", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
