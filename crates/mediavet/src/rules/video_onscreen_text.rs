//! video.onscreen_text — text on screen advertises or names an account: a phone number,
//! a web address, an e-mail address, a WeChat/Douyin/Kuaishou ID or a call to scan,
//! follow or download.
//!
//! What: the text read by OCR on the sampled frames — burned-in subtitle lines, and with
//! `[frames] onscreen_text` the text boxes PP-OCRv4's detection model finds on
//! `text_frames` frames spread over the video — is searched for mainland mobile and
//! landline numbers (400/800 lines too), URLs and domain names, e-mail addresses,
//! 抖音号/快手号/微信号/公众号/微博 followed by an ID, and 扫码/关注/下载/二维码 calls to action.
//! Readings below the OCR confidence floor (0.8) are not evidence. Each distinct text is
//! reported once, with its times and box in displayed pixels.
//!
//! Why: the contest rules forbid advertising; a repost carries the account it was taken
//! from.
//!
//! Fix: remove the overlay or shot carrying the text in the editing project and export
//! again.

use super::{Check, Ctx, Need, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;
use regex::Regex;
use std::sync::LazyLock;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "video.onscreen_text",
    default: Severity::Warning,
    needs: Some(Need::Frames),
    doc: super::docs::VIDEO_ONSCREEN_TEXT,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks for the on-screen text search.
fn applies(p: &Profile) -> bool {
    p.frames.onscreen_text
}

/// What on-screen text is taken for, with the pattern that finds it.
static KINDS: LazyLock<Vec<(&'static str, &'static str, Regex)>> = LazyLock::new(|| {
    let re = |p: &str| Regex::new(p).expect("the patterns are valid");
    vec![
        ("a phone number", "电话号码", re(r"(?:^|\D)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4})(?:\D|$)")),
        ("an e-mail address", "电子邮箱", re(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")),
        ("a web address", "网址", re(r"(?i)(?:https?://|www\.)\S+|[a-z0-9-]+\.(?:com|cn|net|org|cc|top|vip)\b")),
        ("an account ID", "账号", re(r"(?:抖音|快手|微信|公众|视频|微博|小红书)(?:号|账号|ID)?\s*[:：]?\s*[A-Za-z0-9_@-]{4,}|(?:抖音号|快手号|微信号|公众号)")),
        ("a call to action", "引导语", re(r"扫码|扫一扫|长按识别|关注|下载|二维码|点赞|订阅")),
    ]
});

/// What `text` shows (English, Chinese), if it is advertising or an account.
pub(super) fn kind_of(text: &str) -> Option<(&'static str, &'static str)> {
    KINDS
        .iter()
        .find(|(_, _, re)| re.is_match(text))
        .map(|(en, zh, _)| (*en, *zh))
}

/// One finding per distinct text that matches.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(frames) = cx.facts.frames() else {
        return Vec::new();
    };
    let mut seen: Vec<(&str, Vec<f64>, &crate::facts::frames::ScreenText, usize)> = Vec::new();
    for t in &frames.screen_text {
        let Some(kind) = KINDS.iter().position(|(_, _, re)| re.is_match(&t.text)) else {
            continue;
        };
        match seen.iter_mut().find(|(text, ..)| *text == t.text) {
            Some((_, times, ..)) => times.push(t.time_s),
            None => seen.push((&t.text, vec![t.time_s], t, kind)),
        }
    }
    seen.into_iter()
        .map(|(text, mut times, t, kind)| {
            times.dedup();
            let when = times
                .iter()
                .map(|t| format!("{t:.1} s"))
                .collect::<Vec<_>>()
                .join(", ");
            let (en, zh, _) = &KINDS[kind];
            let r = t.rect;
            cx.finding(
                sev,
                Text::new(
                    format!("On-screen text {text:?} at {when} (box {}×{} at ({}, {})) shows {en}: advertising and reposts are not allowed.", r.w, r.h, r.x, r.y),
                    format!("画面在 {when} 出现文字“{text}”（区域 {}×{}，位置 ({}, {})），含{zh}：作品中不得含有广告或转载标识。", r.w, r.h, r.x, r.y),
                ),
            )
            .values(Some(Quantity::text(text)), Some(Quantity::text("no contact details or account IDs")))
            .hint(Text::new(
                "Remove the overlay or shot carrying the text and export again.",
                "请在剪辑工程中删除带该文字的贴图或镜头后重新导出。",
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::frames::{Rect, ScreenText};
    use crate::rules::testing::*;

    fn shown(texts: &[&str]) -> crate::facts::Facts {
        let mut facts = frames(vec![], vec![]);
        if let Some(f) = frames_mut(&mut facts) {
            f.screen_text = texts
                .iter()
                .enumerate()
                .map(|(k, t)| ScreenText {
                    time_s: k as f64,
                    rect: Rect { x: 1500, y: 40, w: 360, h: 50 },
                    text: (*t).into(),
                    confidence: 0.95,
                })
                .collect();
        }
        facts
    }

    #[test]
    fn table() {
        let p = profile("micro-video", "[frames]\nonscreen_text = true\n");
        expect(&RULE, "subtitles only", &shown(&["孩子们在新学校读书", "2015年我们搬到这里"]), &p, &[]);
        let phone = [warning("On-screen text \"订购热线：13800138000\" at 0.0 s, 1.0 s (box 360×50 at (1500, 40)) shows a phone number", "含电话号码")];
        expect(&RULE, "a phone number twice", &shown(&["订购热线：13800138000", "订购热线：13800138000"]), &p, &phone);
        expect(&RULE, "a year is not a phone number", &shown(&["1380013800"]), &p, &[]);
        expect(&RULE, "a URL", &shown(&["www.fupin-shop.com"]), &p, &[warning("shows a web address", "含网址")]);
        expect(&RULE, "a Douyin ID", &shown(&["抖音号：fp2020888"]), &p, &[warning("shows an account ID", "含账号")]);
        expect(&RULE, "a call to action", &shown(&["扫码关注我们"]), &p, &[warning("shows a call to action", "含引导语")]);
        let off = profile("micro-video", "[frames]\nonscreen_text = false\n");
        expect(&RULE, "off unless asked", &shown(&["www.fupin-shop.com"]), &off, &[]);
    }
}
