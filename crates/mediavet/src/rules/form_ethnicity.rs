//! form.ethnicity — the registration form's 民族 (ethnic group) is not one of the 56.
//!
//! What: 民族 must be one of the 56 officially recognised ethnic groups (汉, 蒙古, 回, 藏,
//! 维吾尔 …), with or without 族 (汉 and 汉族 both pass).
//!
//! Why: the form is the entry's official record.
//!
//! Fix: write the ethnic group's official name on the registration form.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.ethnicity",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_ETHNICITY,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The 56 officially recognised ethnic groups.
const GROUPS: [&str; 56] = [
    "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
];

/// The value against the list.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let Some(v) = f.get("ethnicity") else {
        return vec![super::form_finding(cx, sev, ("民族", "ethnic group"), Text::new("is not filled in", "未填写"))];
    };
    let name = v.trim();
    let name = name.strip_suffix('族').unwrap_or(name);
    if GROUPS.contains(&name) {
        return Vec::new();
    }
    vec![super::form_finding(cx, sev, ("民族", "ethnic group"), Text::new(
        format!("is {v:?}, not one of the 56 ethnic groups"),
        format!("填写为“{v}”，不是 56 个民族之一"),
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
        for ok in ["汉族", "汉", "土家族", "维吾尔族", "基诺"] {
            expect_entry(&RULE, ok, &with_form(e.clone(), form(&[("ethnicity", ok)])), &p, &[]);
        }
        expect_entry(&RULE, "unknown", &with_form(e.clone(), form(&[("ethnicity", "火星族")])), &p, &[error("not one of the 56 ethnic groups", "不是 56 个民族之一")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("ethnicity", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
