//! form.id_number — the registration form's 身份证号 (ID number) is not valid or does not match the form.
//!
//! What: 18 characters (17 digits and a digit or X), a province code that exists, a valid
//! birth date, and the GB 11643 check digit; its birth date (digits 7–14) must be in the
//! month 出生年月 gives and its sex digit (the 17th: odd 男, even 女) must match 性别. The
//! number is masked in the finding (430***********8313).
//!
//! Why: the ID number identifies the entrant for prizes and for finding the same person's
//! entries twice; a mistyped one is the most common error on the form.
//!
//! Fix: copy the number from the ID card again; correct 出生年月 or 性别 if they are the ones
//! that are wrong.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "form.id_number",
    default: Severity::Error,
    needs: None,
    doc: super::docs::FORM_ID_NUMBER,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Validity, then agreement with 出生年月 and 性别.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    use chrono::Datelike;
    let Some(f) = &cx.entry.form else {
        return Vec::new();
    };
    let field = ("身份证号", "ID number");
    let Some(v) = f.get("id_number") else {
        return vec![super::form_finding(cx, sev, field, Text::new("is not filled in", "未填写"))];
    };
    let masked = crate::text::identifiers::mask_middle(&v.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    let info = match crate::text::id_number::check(v) {
        Ok(i) => i,
        Err(why) => {
            return vec![super::form_finding(cx, sev, field, Text::new(
                format!("{masked} is not valid: it {}", why.en),
                format!("{masked} 无效：{}", why.zh),
            ))]
        }
    };
    let mut out = Vec::new();
    let birth = f.get("birth").and_then(crate::text::id_number::year_month);
    if let Some((y, m)) = birth.filter(|&(y, m)| (y, m) != (info.birth.year(), info.birth.month())) {
        out.push(super::form_finding(cx, sev, field, Text::new(
            format!("{masked} gives the birth month {}-{:02}, but 出生年月 says {y}-{m:02}", info.birth.year(), info.birth.month()),
            format!("{masked} 中的出生年月为 {}年{}月，与“出生年月”{y}年{m}月不符", info.birth.year(), info.birth.month()),
        )));
    }
    if let Some(sex) = f.sex().filter(|s| !s.starts_with(info.sex)) {
        out.push(super::form_finding(cx, sev, field, Text::new(
            format!("{masked} is a {} number (17th digit), but 性别 says {sex}", if info.sex == "男" { "man's (男)" } else { "woman's (女)" }),
            format!("{masked} 的第 17 位表示{}，与“性别”{sex}不符", info.sex),
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "valid and matching", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "check digit", &with_form(e.clone(), form(&[("id_number", "430102198503158314")])), &p,
            &[error("430***********8314 is not valid: it the check digit (the last character) is wrong", "校验码（最后一位）错误")]);
        expect_entry(&RULE, "province", &with_form(e.clone(), form(&[("id_number", "990102198503158313")])), &p, &[error("no province's code", "不是任何省级行政区代码")]);
        expect_entry(&RULE, "birth month", &with_form(e.clone(), form(&[("birth", "1985年4月")])), &p,
            &[error("gives the birth month 1985-03, but 出生年月 says 1985-04", "与“出生年月”1985年4月不符")]);
        expect_entry(&RULE, "sex", &with_form(e.clone(), form(&[("sex", "女")])), &p, &[error("is a man's (男) number (17th digit), but 性别 says 女", "的第 17 位表示男，与“性别”女不符")]);
        expect_entry(&RULE, "empty", &with_form(e, form(&[("id_number", "")])), &p, &[error("is not filled in", "未填写")]);
    }
}
