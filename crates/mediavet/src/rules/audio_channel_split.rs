//! audio.channel_split — channels 1 and 2 do not carry separate material.
//!
//! What: measured on the decoded samples. The profile expects narration/live sound on
//! channel 1 and music/effects on channel 2. A warning when both channels carry the same
//! signal (dual mono: every sample equal, or an ordinary stereo mix with a correlation
//! of 0.98 or more), or when one of them is silent throughout (below −60 dBFS).
//!
//! Why: a stereo mix or a mono file duplicated onto two channels cannot be remixed at
//! broadcast, which is why the rules assign the two channels.
//!
//! Fix: export the two stems onto separate channels instead of a stereo mix; see
//! `mediavet explain audio.channels` for an ffmpeg command.

use super::{Check, audio_channels, not_measured_finding, Ctx, Rule, Need};
use crate::facts::TrackKind;
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "audio.channel_split",
    default: Severity::Warning,
    needs: Some(Need::Levels),
    doc: super::docs::AUDIO_CHANNEL_SPLIT,
    applies,
    check: Check::File(check),
};

/// Correlation at or above which two channels count as the same material.
const SAME_MATERIAL: f64 = 0.98;

/// Applies when the profile expects the split.
fn applies(p: &Profile) -> bool {
    p.audio.expect_split
}

/// Dual mono, near-identical channels, or a silent channel.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (channels, not_measured) = audio_channels(cx.facts);
    if let Some(why) = not_measured.first() {
        return vec![not_measured_finding(cx, sev, why)];
    }
    if channels.len() != 2 {
        return Vec::new(); // audio.channels reports the count
    }
    let mut out = Vec::new();
    for (n, c) in &channels {
        if c.silent_share >= 1.0 {
            out.push(cx.finding(sev,
                Text::new(
                    format!("Channel {n} is silent throughout."),
                    format!("第 {n} 声道全程无声。"),
                ),
            ));
        }
    }
    let relation = cx
        .facts
        .container
        .iter()
        .flat_map(|c| c.tracks_of(TrackKind::Audio))
        .filter_map(|t| t.audio.as_ref()?.levels.as_ref()?.relation.as_ref())
        .next();
    if let Some(r) = relation.filter(|_| out.is_empty()) {
        let text = format!("correlation {:.3}", r.correlation);
        let finding = |en: String, zh: String| {
            cx.finding(sev, Text::new(en, zh))
                .values(Some(Quantity::num(r.correlation, "correlation", text.clone())), Some(Quantity::text(format!("< {SAME_MATERIAL}"))))
                .hint(Text::new(
                    "Put narration/live sound on channel 1 and music/effects on channel 2 instead of a stereo mix.",
                    "请将解说/现场声放在第 1 声道、音乐/音效放在第 2 声道，而不是立体声混音。",
                ))
        };
        if r.identical {
            out.push(finding(
                "Channels 1 and 2 are identical (dual mono): there is no separate narration and music.".into(),
                "第 1、2 声道完全相同（双单声道）：没有分开的解说和音乐。".into(),
            ));
        } else if r.correlation >= SAME_MATERIAL {
            out.push(finding(
                format!("Channels 1 and 2 carry nearly the same signal ({text}), like a stereo mix, not narration and music apart."),
                format!("第 1、2 声道内容几乎相同（相关系数 {:.3}），属于立体声混音，而非解说与音乐分轨。", r.correlation),
            ));
        }
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
        let base = || video(1920, 1080, 2e7, 60.0);
        let two = |corr: f64, silent: f64| {
            with_levels(base(), vec![channel(-9.0, Some(-11.0), 0.0), channel(-9.0, Some(-11.0), silent)], corr)
        };
        expect(&RULE, "apart", &two(0.2, 0.0), &p, &[]);
        expect(&RULE, "just under the threshold", &two(0.979, 0.0), &p, &[]);
        let near = [warning("nearly the same signal (correlation 0.980)", "内容几乎相同（相关系数 0.980）")];
        expect(&RULE, "at the threshold", &two(0.98, 0.0), &p, &near);
        let dual = [warning("identical (dual mono)", "完全相同（双单声道）")];
        expect(&RULE, "dual mono", &two(1.0, 0.0), &p, &dual);
        let silent = [warning("Channel 2 is silent throughout.", "第 2 声道全程无声。")];
        expect(&RULE, "a silent channel", &two(0.0, 1.0), &p, &silent);
        let one = with_levels(base(), vec![channel(-9.0, Some(-11.0), 0.0)], 0.0);
        expect(&RULE, "one channel: audio.channels says it", &one, &p, &[]);
        let missing = [warning("Audio level not measured: Opus", "音频电平未测量：Opus")];
        expect(&RULE, "not measured", &not_measured(base(), "Opus"), &p, &missing);
    }
}
