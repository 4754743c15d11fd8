//! text.empty — the text entry has no text.
//!
//! What: a text file with no character other than white space (an empty file is
//! `file.kind`).
//!
//! Why: an empty entry is usually a failed export or the wrong attachment.
//!
//! Fix: send the document again, and check that it opens with the story in it.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "text.empty",
    default: Severity::Error,
    needs: None,
    doc: super::docs::TEXT_EMPTY,
    applies,
    check: Check::File(check),
};

/// Applies to profiles of text entries.
fn applies(p: &Profile) -> bool {
    p.text.formats.is_some() || super::text_length::applies(p)
}

/// No counted character.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    match &cx.facts.text {
        Some(t) if t.counts.words == 0 => vec![cx.finding(sev,
            Text::new(
                "The text entry is empty: it holds only white space.",
                "文字作品为空：文件中只有空白字符。",
            ),
        )
        .values(Some(Quantity::num(0.0, "字", "0 字")), None)
        .hint(Text::new(
            "Send the document again and check that it opens with the story in it.",
            "请重新提交，并确认文件打开后能看到正文。",
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
        let empty = [error("The text entry is empty: it holds only white space.", "文字作品为空：文件中只有空白字符。")];
        expect(&RULE, "white space", &text(" \n\u{3000}\n"), &p, &empty);
        expect(&RULE, "one character", &text("字"), &p, &[]);
        expect(&RULE, "no text facts", &photo(10, 10), &p, &[]);
        expect(&RULE, "video profile", &text(""), &profile("micro-video", ""), &[]);
    }
}
