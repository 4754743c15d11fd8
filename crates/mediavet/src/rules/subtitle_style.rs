//! subtitle.style — subtitles are not centred, in 黑体 at size 60, with a shadow.
//!
//! What: where the format stores style — ASS/SSA style lines, and the default style and
//! font table of a tx3g/mov_text track — each style that cues use is compared with
//! `[subtitle]`: `fonts` (names compared without case or spaces: 黑体, SimHei, Heiti,
//! STHeiti …; 微软雅黑/Microsoft YaHei is a different face and does not pass), `font_size`
//! (ASS: script pixels; tx3g: pixels), `centred` (ASS alignment 2/5/8, SSA 2/6/10, tx3g
//! horizontal justification 1) and `shadow` (ASS/SSA Shadow > 0; tx3g cannot store a
//! shadow, so it is not judged there). The finding says what was found. SubRip and
//! WebVTT carry no fonts: their look is set when the subtitles are burnt in or by the
//! player, so they are not judged. An ASS line whose override tags change the font,
//! size, alignment or shadow (`{\fn微软雅黑}`, `{\fs48}`, `{\an1}`, `{\shad0}`) counts
//! under a style of its own, named after its base and the tags (`Default + \fs48`).
//!
//! Why: the contest asks for subtitles "centred, 黑体 60, with shadow".
//!
//! Fix: in the subtitle editor (Aegisub: Subtitle → Styles Manager), set the style's
//! font to 黑体 (SimHei), size 60, alignment bottom-centre (2) and shadow 1–2.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "subtitle.style",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::SUBTITLE_STYLE,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets any style expectation.
fn applies(p: &Profile) -> bool {
    let s = &p.subtitle;
    s.fonts.is_some() || s.font_size.is_some() || s.centred || s.shadow
}

/// Font names compare without case, spaces or a leading `@` (vertical fonts).
fn same_font(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.trim_start_matches('@')
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// One finding per subtitle whose styles in use miss the profile.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let want = &cx.profile.subtitle;
    let mut out = Vec::new();
    for sub in &cx.facts.subtitles {
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        for st in sub.styles.iter().filter(|s| s.cues > 0) {
            let (mut e, mut z) = (Vec::new(), Vec::new());
            if let Some(fonts) = &want.fonts {
                let font = st.font.as_deref().unwrap_or("");
                if !fonts.iter().any(|f| same_font(f, font)) {
                    e.push(format!("font \"{font}\" is not 黑体"));
                    z.push(format!("字体为“{font}”，不是黑体"));
                }
            }
            if let (Some(size), Some(w)) = (st.size, want.font_size) {
                if (size - w).abs() > 0.5 {
                    e.push(format!("size {size} (not {})", w));
                    z.push(format!("字号 {size}（应为 {}）", w));
                }
            }
            if want.centred && st.centred == Some(false) {
                e.push("not centred".to_string());
                z.push("未居中".to_string());
            }
            if want.shadow && st.shadow.is_some_and(|d| d <= 0.0) {
                e.push("no shadow".to_string());
                z.push("无阴影".to_string());
            }
            if !e.is_empty() {
                en.push(format!(
                    "style \"{}\" ({} cues): {}",
                    st.name,
                    st.cues,
                    e.join(", ")
                ));
                zh.push(format!(
                    "样式“{}”（{} 条）：{}",
                    st.name,
                    st.cues,
                    z.join("，")
                ));
            }
        }
        if en.is_empty() {
            continue;
        }
        let src = &sub.source;
        out.push(
            cx.finding(sev,
                Text::new(
                    format!("Subtitles {src}: {}.", en.join("; ")),
                    format!("字幕 {src}：{}。", zh.join("；")),
                ),
            )
            .values(
                Some(Quantity::text(en.join("; "))),
                Some(Quantity::text("centred, 黑体 60, shadow")),
            )
            .hint(Text::new(
                "Set the style to 黑体 (SimHei), size 60, bottom-centre alignment and a shadow of 1–2 (Aegisub: Subtitle → Styles Manager).",
                "请将字幕样式设为黑体（SimHei）、字号 60、底部居中、阴影 1–2（Aegisub：字幕 → 样式管理器）。",
            )),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::subtitle::Style;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let styled = |font: &str, size: f64, centred: bool, shadow: Option<f64>| {
            let mut facts = subtitle("entry.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n");
            facts.subtitles[0].styles = vec![Style {
                name: "Default".into(),
                font: Some(font.into()),
                size: Some(size),
                centred: Some(centred),
                shadow,
                cues: 3,
            }];
            facts
        };
        expect(&RULE, "黑体 60, centred, shadow", &styled("黑体", 60.0, true, Some(2.0)), &p, &[]);
        expect(&RULE, "SimHei without case or spaces, 60.5", &styled("sim hei", 60.5, true, Some(1.0)), &p, &[]);
        expect(&RULE, "tx3g stores no shadow", &styled("SimHei", 60.0, true, None), &p, &[]);
        let wrong = [warning("Subtitles entry.srt: style \"Default\" (3 cues): font \"微软雅黑\" is not 黑体, size 60.6 (not 60), not centred, no shadow.", "字幕 entry.srt：样式“Default”（3 条）：字体为“微软雅黑”，不是黑体，字号 60.6（应为 60），未居中，无阴影。")];
        expect(&RULE, "everything off", &styled("微软雅黑", 60.6, false, Some(0.0)), &p, &wrong);
        let mut unused = styled("微软雅黑", 20.0, false, Some(0.0));
        unused.subtitles[0].styles[0].cues = 0;
        expect(&RULE, "a style no cue uses", &unused, &p, &[]);
        expect(&RULE, "SubRip has no styles", &subtitle("entry.srt", "1\n00:00:01,000 --> 00:00:02,000\n你好\n"), &p, &[]);
    }
}
