//! entry.date — the entry was sent outside the submission window.
//!
//! What: the mail's `Date` against `[entry] sent_from` … `sent_until` (2020-07-30 … 2020-08-31
//! by default), compared as calendar days in the sender's time zone. Entries that did not
//! come by mail have no sending date and are not judged.
//!
//! Why: the call accepts entries sent in that window.
//!
//! Fix: none for the entrant; the desk decides whether a late entry is accepted.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Quantity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.date",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::ENTRY_DATE,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// The mail's day against the window.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let Some(day) = cx.entry.mail_day else {
        return Vec::new();
    };
    let (from, until) = (cx.profile.entry.sent_from, cx.profile.entry.sent_until);
    let early = from.filter(|f| day < *f);
    let late = until.filter(|u| day > *u);
    let window = format!(
        "{} … {}",
        from.map_or("—".into(), |d| d.to_string()),
        until.map_or("—".into(), |d| d.to_string())
    );
    let (en, zh) = match (early, late) {
        (Some(_), _) => ("before", "早于"),
        (_, Some(_)) => ("after", "晚于"),
        _ => return Vec::new(),
    };
    vec![cx.finding(sev, Text::new(
        format!("The mail was sent on {day}, {en} the submission window {window}."),
        format!("邮件发送日期 {day}，{zh}征集时间 {window}。"),
    ))
    .values(Some(Quantity::text(day.to_string())), Some(Quantity::text(window)))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use chrono::NaiveDate;
        let p = profile("text", "");
        let mut e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "no mail", &e, &p, &[]);
        for (d, want) in [((2020, 7, 30), None), ((2020, 8, 31), None), ((2020, 7, 29), Some("before")), ((2020, 9, 1), Some("after"))] {
            e.mail_day = NaiveDate::from_ymd_opt(d.0, d.1, d.2);
            match want {
                None => expect_entry(&RULE, "inside", &e, &p, &[]),
                Some("before") => expect_entry(&RULE, "early", &e, &p, &[warning("The mail was sent on 2020-07-29, before the submission window 2020-07-30 … 2020-08-31.", "早于征集时间")]),
                Some(_) => expect_entry(&RULE, "late", &e, &p, &[warning("sent on 2020-09-01, after the submission window", "晚于征集时间")]),
            }
        }
        let wide = profile("text", "[entry]\nsent_until = 2020-09-30\n");
        expect_entry(&RULE, "setting", &e, &wide, &[]);
    }
}
