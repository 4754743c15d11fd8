//! text.length — the text is shorter or longer than the profile allows.
//!
//! What: 字数 as Word and WPS show it in their word count — every Chinese character and
//! full-width punctuation mark counts one, every run of Latin letters or digits counts
//! one — against `[text] min_words` and `max_words` (default 1 000 and 10 000). This
//! figure, rather than Han characters alone or characters without punctuation, is what
//! the entrant sees in their editor, so "1 000 字" means the same to both sides. The
//! finding says how far off the text is. Plain text is counted in its detected encoding
//! (UTF-8, UTF-16, GBK, Big5, …), a .docx over its main body (paragraphs, tables and
//! text boxes; not headers, footers, footnotes or comments — Word leaves headers and
//! footers out of its count too); a document the probe does not read (.doc, PDF) gets a
//! warning saying its length was not measured.
//!
//! Why: the contest asks for 1 000–10 000 字.
//!
//! Fix: shorten or extend the text; check with Word's or WPS's word count (Review → Word
//! Count, 审阅 → 字数统计).

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::kind::Category;
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "text.length",
    default: Severity::Error,
    needs: None,
    doc: super::docs::TEXT_LENGTH,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a range.
pub(super) fn applies(p: &Profile) -> bool {
    p.text.min_words.is_some() || p.text.max_words.is_some()
}

/// The count against the range.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (min, max) = (cx.profile.text.min_words, cx.profile.text.max_words);
    let want = match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b} 字"),
        (Some(a), None) => format!("≥ {a} 字"),
        (None, Some(b)) => format!("≤ {b} 字"),
        (None, None) => String::new(),
    };
    let Some(text) = &cx.facts.text else {
        if cx.facts.kind.category() != Category::Document || cx.facts.unreadable() {
            return Vec::new();
        }
        return vec![cx.finding(sev.min(Severity::Warning),
            Text::new(
                format!(
                    "Length not measured: the text of {} is not read.",
                    cx.facts.kind.a()
                ),
                format!("未统计字数：不读取{}的正文。", cx.facts.kind.describe_zh()),
            ),
        )];
    };
    let n = text.counts.words;
    let (en, zh) = match (min, max) {
        (Some(a), _) if n < a && n > 0 => (
            format!("The text has {n} 字, {} short of the {a} required.", a - n),
            format!("正文 {n} 字，比要求的 {a} 字少 {} 字。", a - n),
        ),
        (_, Some(b)) if n > b => (
            format!("The text has {n} 字, {} over the {b} allowed.", n - b),
            format!("正文 {n} 字，比上限 {b} 字多 {} 字。", n - b),
        ),
        _ => return Vec::new(),
    };
    vec![cx.finding(sev, Text::new(en, zh))
        .values(
            Some(Quantity::num(n as f64, "字", format!("{n} 字"))),
            Some(Quantity::text(want)),
        )
        .hint(Text::new(
            "Shorten or extend the text; Word and WPS show the same count (Review → Word Count, 审阅 → 字数统计).",
            "请删减或补充正文；Word 和 WPS 的字数统计（审阅 → 字数统计）与此一致。",
        ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::kind::FileKind;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let of = |n: usize| text(&"字".repeat(n));
        expect(&RULE, "1 000", &of(1000), &p, &[]);
        expect(&RULE, "10 000", &of(10_000), &p, &[]);
        let short = [error("The text has 999 字, 1 short of the 1000 required.", "正文 999 字，比要求的 1000 字少 1 字。")];
        expect(&RULE, "999", &of(999), &p, &short);
        let long = [error("The text has 10001 字, 1 over the 10000 allowed.", "正文 10001 字，比上限 10000 字多 1 字。")];
        expect(&RULE, "10 001", &of(10_001), &p, &long);
        let mixed = text(&format!("{} Word count 2020", "字".repeat(997)));
        expect(&RULE, "Latin words count one each", &mixed, &p, &[]);
        expect(&RULE, "empty: text.empty says it", &of(0), &p, &[]);
        let pdf = [warning("Length not measured: the text of a PDF document is not read.", "未统计字数：不读取PDF 文档的正文。")];
        expect(&RULE, "a PDF", &bare(FileKind::Pdf, "story.pdf"), &p, &pdf);
    }
}
