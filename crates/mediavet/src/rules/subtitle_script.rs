//! subtitle.script — subtitles are written in Traditional Chinese characters.
//!
//! What: every cue of every subtitle — sidecar .srt/.ass/.ssa/.vtt files beside the video
//! (same name), a subtitle file checked on its own, and timed-text (tx3g/mov_text)
//! tracks inside the MP4/MOV — is looked up in OpenCC's character tables (Apache-2.0,
//! named in `data/opencc/README.md`). Characters only Traditional Chinese uses count
//! against characters only Simplified Chinese uses; characters both share count for
//! neither. The rule fires when Traditional-only characters are more than `[subtitle]
//! max_traditional_share` (default 1 %) of those that tell the scripts apart, and names
//! the first few with their Simplified forms, cue number and time. An error for
//! micro-films ("subtitles in Simplified Chinese"), a warning otherwise. Subtitles with
//! kana throughout are Japanese: a warning says so instead of calling their kanji
//! Traditional.
//!
//! Why: the contest asks for Simplified Chinese subtitles.
//!
//! Fix: convert the subtitles to Simplified Chinese (for example `opencc -c t2s.json -i
//! in.srt -o out.srt`, or Aegisub/Subtitle Edit's conversion), proof-read them, and
//! re-export the video if they are inside it.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "subtitle.script",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::SUBTITLE_SCRIPT,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a share.
fn applies(p: &Profile) -> bool {
    p.subtitle.max_traditional_share.is_some()
}

/// One finding per subtitle over the limit.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(max) = cx.profile.subtitle.max_traditional_share else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sub in &cx.facts.subtitles {
        let s = &sub.script;
        if s.verdict == crate::script::Verdict::Japanese {
            let src = &sub.source;
            let what = (format!("Subtitles {src}"), format!("字幕 {src} "));
            out.push(super::japanese_finding(cx, sev,
                (&what.0, &what.1),
                s,
            ));
            continue;
        }
        if !s.over(max) {
            continue;
        }
        let (share, (en, zh)) = (s.traditional_share(), s.examples());
        let (n, pct) = (s.traditional_only, share * 100.0);
        let src = &sub.source;
        out.push(
            cx.finding(sev,
                Text::new(
                    format!(
                        "Subtitles {src}: {n} Traditional characters ({pct:.1}% of those that tell the scripts apart), e.g. {en}."
                    ),
                    format!(
                        "字幕 {src}：有 {n} 个繁体字（占可区分繁简字符的 {pct:.1}%），例如：{zh}。"
                    ),
                ),
            )
            .values(
                Some(Quantity::num(share, "", format!("{pct:.1}% Traditional"))),
                Some(Quantity::text(format!("≤ {:.1}%", max * 100.0))),
            )
            .hint(Text::new(
                "Convert the subtitles to Simplified Chinese (e.g. opencc -c t2s.json), proof-read them, and re-export the video if they are inside it.",
                "请将字幕转换为简体中文（如 opencc -c t2s.json）并校对；字幕在视频内的，请重新导出视频。",
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
        let cues = |text: &str| subtitle("entry.srt", &format!("1\n00:00:01,000 --> 00:00:02,000\n{text}\n"));
        expect(&RULE, "Simplified", &cues(&"发".repeat(100)), &p, &[]);
        expect(&RULE, "exactly 1 %", &cues(&format!("{}發", "发".repeat(99))), &p, &[]);
        let over = [warning("Subtitles entry.srt: 2 Traditional characters (2.0% of those that tell the scripts apart), e.g. 發→发", "字幕 entry.srt：有 2 个繁体字（占可区分繁简字符的 2.0%），例如：發→发")];
        expect(&RULE, "2 %", &cues(&format!("{}發發", "发".repeat(98))), &p, &over);
        let film = profile("micro-film-5", "");
        let error_for_films = [error("2 Traditional characters", "2 个繁体字")];
        expect(&RULE, "an error for micro-films", &cues(&format!("{}發發", "发".repeat(98))), &film, &error_for_films);
        let japanese = [warning("Subtitles entry.srt is Japanese", "字幕 entry.srt 是日文")];
        expect(&RULE, "Japanese", &cues("これは日本語の字幕です。漢字と仮名。"), &p, &japanese);
    }
}
