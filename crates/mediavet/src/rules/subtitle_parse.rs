//! subtitle.parse — a subtitle file or track has entries that cannot be read.
//!
//! What: SubRip blocks without a valid `00:00:01,000 --> 00:00:02,500` timing line, WebVTT
//! cues likewise, ASS/SSA lines with fewer fields than their section's `Format:` line,
//! bad times or undefined styles, tx3g samples cut short. The finding gives the number
//! of errors and the line (for a track: the sample) of the first ones. Players skip or
//! mis-time such cues, so what the audience sees is not what was written.
//!
//! Why: subtitles that do not parse are shown wrongly or not at all.
//!
//! Fix: open the file in a subtitle editor (Aegisub, Subtitle Edit), fix the lines named
//! and save it again as UTF-8.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "subtitle.parse",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::SUBTITLE_PARSE,
    applies,
    check: Check::File(check),
};

/// Applies wherever subtitles are checked.
fn applies(p: &Profile) -> bool {
    p.subtitle.checked()
}

/// One finding per subtitle with errors.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    for sub in cx.facts.subtitles.iter().filter(|s| s.error_count > 0) {
        let (mut first, mut first_zh) = (Vec::new(), Vec::new());
        for e in sub.errors.iter().take(3) {
            first.push(format!("line {}: {}", e.line, e.message));
            first_zh.push(format!("第 {} 行：{}", e.line, e.message));
        }
        let (n, src) = (sub.error_count, &sub.source);
        let none_read = if sub.cues == 0 {
            (" No cue could be read.", "没有读出任何字幕。")
        } else {
            ("", "")
        };
        out.push(
            cx.finding(sev,
                Text::new(
                    format!("Subtitles {src}: {n} {} cannot be read — {}.{}", if n == 1 { "entry" } else { "entries" }, first.join("; "), none_read.0),
                    format!("字幕 {src}：{n} 处无法解析——{}。{}", first_zh.join("；"), none_read.1),
                ),
            )
            .values(
                Some(Quantity::num(n as f64, "", format!("{n} error(s)"))),
                Some(Quantity::text("none")),
            )
            .hint(Text::new(
                "Open the file in a subtitle editor (Aegisub, Subtitle Edit), fix the lines named and save it as UTF-8.",
                "请用字幕编辑软件（Aegisub、Subtitle Edit）打开，修正所列各行后另存为 UTF-8。",
            )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let good = subtitle("entry.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n");
        expect(&RULE, "well formed", &good, &p, &[]);
        let broken = subtitle("entry.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n\n2\n00:00:03,000 -> 00:00:04,000\n再见\n");
        let errors = [warning("Subtitles entry.srt: 1 entry cannot be read — line 6:", "字幕 entry.srt：1 处无法解析——第 6 行：")];
        expect(&RULE, "a bad arrow", &broken, &p, &errors);
        expect(&RULE, "no subtitles", &video(1920, 1080, 2e7, 60.0), &p, &[]);
    }
}
