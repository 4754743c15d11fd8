//! form.recommender — a recommended (推荐) entry's form does not name the recommending unit or the date.
//!
//! What: when 推荐 is ticked, 推荐单位 (the recommending unit) and 推荐时间 (the date) must be
//! filled in.
//!
//! Why: a recommendation counts only with the unit that made it.
//!
//! Fix: fill in 推荐单位 and 推荐时间, or tick 自荐 if no unit recommends the entry.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.recommender",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_RECOMMENDER,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Both fields, for 推荐.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    if f.channels != [crate::facts::entry::Channel::Recommended] {
        return Vec::new();
    }
    [("recommender", ("推荐单位", "recommending unit")), ("recommend_date", ("推荐时间", "date of recommendation"))]
        .into_iter()
        .filter(|(k, _)| f.get(k).is_none())
        .map(|(_, field)| super::form_finding(cx, sev, field, Text::new("is not filled in for a recommended entry", "未填写（推荐作品必填）")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::Channel;
        let p = profile("text", "");
        let e = entry("扶贫征集-推荐-文字类-山路");
        expect_entry(&RULE, "自荐", &with_form(e.clone(), form(&[])), &p, &[]);
        let mut rec = form(&[("recommender", "青山县委宣传部"), ("recommend_date", "2020年8月1日")]);
        rec.channels = vec![Channel::Recommended];
        expect_entry(&RULE, "filled", &with_form(e.clone(), rec.clone()), &p, &[]);
        rec.fields.remove("recommender");
        rec.fields.insert("recommend_date", String::new());
        expect_entry(&RULE, "missing", &with_form(e, rec), &p, &[
            error("推荐单位 (recommending unit) is not filled in for a recommended entry", "“推荐单位”未填写"),
            error("推荐时间 (date of recommendation) is not filled in", "“推荐时间”未填写"),
        ]);
    }
}
