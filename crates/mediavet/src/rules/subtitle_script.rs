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
//! Subtitles burned into the picture (`[subtitle] burned_in`) count too: their lines, read
//! by PP-OCRv4 (whose 6,623 symbols hold Traditional forms: Traditional glyphs are read as
//! Traditional characters, tested on rendered lines), go through the same tables, each
//! line numbered in time order with the time it was first seen. Readings under the OCR
//! confidence floor (0.8) are not evidence and are left out.
//!
//! Why: the contest asks for Simplified Chinese subtitles.
//!
//! Fix: convert the subtitles to Simplified Chinese (for example `opencc -c t2s.json -i
//! in.srt -o out.srt`, or Aegisub/Subtitle Edit's conversion), proof-read them, and
//! re-export the video if they are inside it.

use super::{Check, Ctx, Need, Rule};
use crate::facts::subtitle::CueAt;
use crate::script::ScriptFacts;
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "subtitle.script",
    default: Severity::Warning,
    needs: Some(Need::Frames),
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
    out.extend(burned(cx, sev, max));
    out
}

/// The burned-in lines' script against `max`.
fn burned(cx: &Ctx, sev: Severity, max: f64) -> Vec<Finding> {
    let Some(subs) = cx.facts.frames().and_then(|f| f.subtitles.as_ref()) else {
        return Vec::new();
    };
    if !cx.profile.subtitle.burned_in {
        return Vec::new();
    }
    if !subs.read {
        return vec![super::not_read(cx, subs)];
    }
    let mut s = ScriptFacts::new();
    for (k, line) in subs.lines.iter().enumerate() {
        if line.confidence >= subs.min_confidence {
            let at = CueAt {
                cue: k + 1,
                start_s: line.times_s.first().copied().unwrap_or(0.0),
            };
            s.add(&line.text, &at);
        }
    }
    if !s.over(max) {
        return Vec::new();
    }
    let (share, (en, zh)) = (s.traditional_share(), s.examples());
    let (n, pct) = (s.traditional_only, share * 100.0);
    vec![cx
        .finding(
            sev,
            Text::new(
                format!("Burned-in subtitles (read by OCR): {n} Traditional characters ({pct:.1}% of those that tell the scripts apart), e.g. {en}."),
                format!("画面内字幕（OCR 识别）：有 {n} 个繁体字（占可区分繁简字符的 {pct:.1}%），例如：{zh}。"),
            ),
        )
        .values(
            Some(Quantity::num(share, "", format!("{pct:.1}% Traditional"))),
            Some(Quantity::text(format!("≤ {:.1}%", max * 100.0))),
        )
        .hint(Text::new(
            "Convert the subtitles to Simplified Chinese in the editing project, proof-read them and export the video again.",
            "请在剪辑工程中将字幕改为简体中文并校对后重新导出视频。",
        ))]
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

    fn burned(lines: &[(&str, f64)]) -> crate::facts::Facts {
        use crate::facts::frames::{BurnedLine, BurnedSubtitles, Rect};
        let mut facts = frames(vec![], vec![]);
        if let Some(f) = frames_mut(&mut facts) {
            f.subtitles = Some(BurnedSubtitles {
                ocr: "PP-OCRv4".into(),
                read: true,
                min_confidence: 0.8,
                lines: lines
                    .iter()
                    .enumerate()
                    .map(|(k, (text, confidence))| BurnedLine {
                        text: (*text).into(),
                        confidence: *confidence,
                        times_s: vec![2.0 * k as f64 + 0.5],
                        rect: Rect { x: 700, y: 950, w: 500, h: 50 },
                        centre_offset: 0.0,
                        glyph_height_1080: 48.0,
                    })
                    .collect(),
                centre_offset: 0.0,
                glyph_height_1080: 48.0,
                effect: None,
                font: None,
                stroke_contrast: 1.0,
                stroke_spread: 0.1,
            });
        }
        facts
    }

    #[test]
    fn burned_in() {
        let film = profile("micro-film-5", "");
        expect(&RULE, "Simplified lines", &burned(&[("孩子们在新学校读书", 0.99), ("村里修通了水泥路", 0.98)]), &film, &[]);
        let trad = [error("Burned-in subtitles (read by OCR): 7 Traditional characters", "7 个繁体字")];
        expect(&RULE, "Traditional lines", &burned(&[("這裡的孩子們過來讀書", 0.9)]), &film, &trad);
        expect(&RULE, "low confidence is no evidence", &burned(&[("這裡的孩子們過來讀書", 0.79)]), &film, &[]);
        let mut unread = burned(&[]);
        if let Some(s) = frames_mut(&mut unread).and_then(|f| f.subtitles.as_mut()) {
            (s.read, s.ocr) = (false, "not read: no models".into());
        }
        expect(&RULE, "no models", &unread, &film, &[info("Burned-in subtitles not checked: no models.", "未检查画面内字幕：no models。")]);
        let off = profile("micro-film-5", "[subtitle]\nburned_in = false\n");
        expect(&RULE, "not read unless asked", &burned(&[("這裡的孩子們過來讀書", 0.9)]), &off, &[]);
    }
}
