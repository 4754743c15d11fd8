//! entry.form_missing — the entry has no registration form that can be read.
//!
//! What: every entry needs its 报名表. A `.docx` (a Word table), `.xlsx`/`.xls` (the same
//! labels) or the form typed into the mail or a `.txt` is read; a document is the form when
//! it carries at least five of the form's labels, whatever its name. A file named as the form
//! (报名表, 报名, 登记表, 申报表) that cannot be read — a `.doc`, a PDF, a photo of a printed
//! form — gives a warning instead: the form must be checked by hand. A second readable form
//! is reported for information.
//!
//! Why: without the form the entry cannot be registered, and its author cannot be kept out of
//! the work.
//!
//! Fix: attach the official form filled in, as .docx.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.form_missing",
    default: Severity::Error,
    needs: None,
    doc: super::docs::ENTRY_FORM_MISSING,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// A readable form, else one to read by hand, else none.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let e = cx.entry;
    let mut out = Vec::new();
    if e.form.is_none() {
        if let Some(h) = e.forms_by_hand.first() {
            out.push(cx.finding(sev.min(Severity::Warning), Text::new(
                format!("The registration form {} cannot be read by machine ({}): check it by hand.", h.member, h.why.en),
                format!("报名表 {} 无法自动读取（{}）：请人工核对。", h.member, h.why.zh),
            )).hint(Text::new("Ask for the form as .docx to have it checked.", "请作者提交 .docx 格式的报名表以便自动检查。")));
        } else {
            out.push(cx.finding(sev, Text::new("The entry has no registration form (报名表).", "作品缺少报名表。"))
                .hint(Text::new("Attach the official registration form filled in, as .docx.", "请附上填写完整的报名表（.docx）。")));
        }
    }
    if !e.extra_forms.is_empty() {
        out.push(cx.finding(Severity::Info, Text::new(
            format!("More than one form: {} read, {} not.", e.form.as_ref().map_or("", |f| f.source.as_str()), e.extra_forms.join(", ")),
            format!("有多份报名表：已读取 {}，未读取 {}。", e.form.as_ref().map_or("", |f| f.source.as_str()), e.extra_forms.join("、")),
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
        use crate::facts::entry::FormByHand;
        use crate::finding::Text;
        let p = profile("text", "");
        let e = entry("扶贫征集-自荐-文字类-山路");
        expect_entry(&RULE, "form", &with_form(e.clone(), form(&[])), &p, &[]);
        expect_entry(&RULE, "none", &e, &p, &[error("The entry has no registration form (报名表).", "作品缺少报名表。")]);
        let mut by_hand = e.clone();
        by_hand.forms_by_hand.push(FormByHand { member: "报名表.pdf".into(), why: Text::new("PDF cannot be read by machine", "PDF 无法自动读取") });
        expect_entry(&RULE, "pdf", &by_hand, &p, &[warning("The registration form 报名表.pdf cannot be read by machine (PDF cannot be read by machine): check it by hand.", "请人工核对")]);
        let mut two = with_form(e, form(&[]));
        two.extra_forms.push("报名表2.docx".into());
        expect_entry(&RULE, "two", &two, &p, &[info("More than one form: 报名表.docx read, 报名表2.docx not.", "有多份报名表")]);
    }
}
