//! video.qr_code — a QR code appears in the video (a sign of an advertisement or repost).
//!
//! What: every sampled keyframe (see `video.watermark`) is searched for QR codes with
//! `rqrr`, a pure-Rust QR reader, at up to 960 pixels wide. Each distinct code is
//! reported once with the times it was seen, its box in displayed pixels and its decoded
//! text (or that it could not be read).
//!
//! Why: the contest rules forbid advertising; a QR code on screen is almost always a
//! link to a shop, an account or an app — an advertisement or a repost's signature.
//!
//! Fix: remove the shots or overlay carrying the code in the editing project and export
//! again.

use super::{Check, Ctx, Rule, Need};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "video.qr_code",
    default: Severity::Warning,
    needs: Some(Need::Frames),
    doc: super::docs::VIDEO_QR_CODE,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks for the QR search.
fn applies(p: &Profile) -> bool {
    p.frames.qr_code
}

/// One finding per distinct code (codes found but unreadable count as one).
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(frames) = cx.facts.frames() else {
        return Vec::new();
    };
    let mut seen: Vec<(Option<&str>, Vec<f64>, &crate::video::QrFact)> = Vec::new();
    for q in &frames.qr_codes {
        match seen.iter_mut().find(|(c, _, _)| *c == q.content.as_deref()) {
            Some((_, times, _)) => times.push(q.time_s),
            None => seen.push((q.content.as_deref(), vec![q.time_s], q)),
        }
    }
    seen.into_iter()
        .map(|(content, times, q)| {
            let when = times
                .iter()
                .map(|t| format!("{t:.1} s"))
                .collect::<Vec<_>>()
                .join(", ");
            let r = q.rect;
            let (text_en, text_zh) = match content {
                Some(c) => (format!("reading {c:?}"), format!("内容为 {c:?}")),
                None => ("that could not be read".to_string(), "但无法识别其内容".to_string()),
            };
            cx.finding(sev,
                Text::new(
                    format!("A QR code {text_en} is on screen at {when} (box {}×{} at ({}, {})): advertising is not allowed.", r.w, r.h, r.x, r.y),
                    format!("画面在 {when} 出现二维码，{text_zh}（区域 {}×{}，位置 ({}, {})）：作品中不得含有广告。", r.w, r.h, r.x, r.y),
                ),
            )
            .values(
                Some(Quantity::text(content.unwrap_or("?"))),
                Some(Quantity::num(0.0, "QR codes", "0")),
            )
            .hint(Text::new(
                "Remove the shot or overlay carrying the QR code and export again.",
                "请在剪辑工程中删除带二维码的镜头或贴图后重新导出。",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::frames::{QrFact, Rect};
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        expect(&RULE, "none", &frames(vec![], vec![]), &p, &[]);
        let qr = |time_s: f64, content: Option<&str>| QrFact {
            time_s,
            content: content.map(str::to_string),
            rect: Rect {
                x: 100,
                y: 200,
                w: 300,
                h: 300,
            },
        };
        let shown = frames(vec![], vec![qr(3.0, Some("https://shop.example")), qr(4.0, Some("https://shop.example")), qr(9.0, None)]);
        let found = [
            warning("A QR code reading \"https://shop.example\" is on screen at 3.0 s, 4.0 s (box 300×300 at (100, 200)): advertising is not allowed.", "画面在 3.0 s, 4.0 s 出现二维码，内容为 \"https://shop.example\"（区域 300×300，位置 (100, 200)）：作品中不得含有广告。"),
            warning("A QR code that could not be read is on screen at 9.0 s", "但无法识别其内容"),
        ];
        expect(&RULE, "one code twice, one unread", &shown, &p, &found);
        expect(&RULE, "frames not sampled", &video(1920, 1080, 2e7, 60.0), &p, &[]);
    }
}
