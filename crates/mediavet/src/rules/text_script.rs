//! text.script — the text is written in Traditional Chinese characters.
//!
//! What: every character is looked up in OpenCC's character tables (Apache-2.0; the
//! source is named in `data/opencc/README.md`). Characters only Traditional Chinese
//! uses (發, 們, 國 …) and characters only Simplified Chinese uses (发, 们, 国 …) are
//! counted; characters both scripts share (人, 的, 乾, 于 …) count for neither. The rule
//! fires when Traditional-only characters are more than `[text] max_traditional_share`
//! (default 1 %) of the characters that tell the scripts apart — so one quoted shop sign
//! in a Simplified story passes — and names the first few with their Simplified forms and
//! the paragraph each first appears in. A text with kana throughout is Japanese: a
//! warning says so instead of calling its kanji Traditional.
//!
//! Why: entries are read and published in Simplified Chinese.
//!
//! Fix: convert the text to Simplified Chinese (Word: Review → 繁转简; WPS: 审阅 → 繁转简)
//! and proof-read the result.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "text.script",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::TEXT_SCRIPT,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a share.
fn applies(p: &Profile) -> bool {
    p.text.max_traditional_share.is_some()
}

/// The share of Traditional characters against the profile's limit.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (Some(text), Some(max)) = (&cx.facts.text, cx.profile.text.max_traditional_share) else {
        return Vec::new();
    };
    let s = &text.script;
    if s.verdict == crate::script::Verdict::Japanese {
        return vec![super::japanese_finding(cx, sev,
            ("The text", "正文"),
            s,
        )];
    }
    if !s.over(max) {
        return Vec::new();
    }
    let (n, pct) = (s.traditional_only, s.traditional_share() * 100.0);
    let (en, zh) = s.examples();
    vec![cx.finding(sev,
        Text::new(
            format!(
                "{n} Traditional characters ({pct:.1}% of those that tell the scripts apart), e.g. {en}."
            ),
            format!(
                "正文有 {n} 个繁体字（占可区分繁简字符的 {pct:.1}%），例如：{zh}。"
            ),
        ),
    )
    .values(
        Some(Quantity::num(
            s.traditional_share(),
            "",
            format!("{pct:.1}% Traditional"),
        )),
        Some(Quantity::text(format!("≤ {:.1}%", max * 100.0))),
    )
    .hint(Text::new(
        "Convert the text to Simplified Chinese (Word: Review → 繁转简; WPS: 审阅 → 繁转简) and proof-read it.",
        "请将正文转换为简体中文（Word/WPS：审阅 → 繁转简）并校对。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("text", "");
        let mix = |simplified: usize, traditional: usize| {
            text(&format!("{}\n{}", "发".repeat(simplified), "發".repeat(traditional)))
        };
        expect(&RULE, "Simplified", &mix(100, 0), &p, &[]);
        expect(&RULE, "exactly 1 %", &mix(99, 1), &p, &[]);
        let over = [warning("2 Traditional characters (2.0% of those that tell the scripts apart), e.g. 發→发 (paragraph 2).", "正文有 2 个繁体字（占可区分繁简字符的 2.0%），例如：發→发（第 2 段）。")];
        expect(&RULE, "2 %", &mix(98, 2), &p, &over);
        let japanese = text("これは日本語の文章です。漢字と仮名があります。");
        let kana = [warning("The text is Japanese (", "正文是日文（")];
        expect(&RULE, "Japanese", &japanese, &p, &kana);
        expect(&RULE, "no text", &photo(10, 10), &p, &[]);
    }
}
