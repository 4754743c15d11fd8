//! audio.level.min — a channel never reaches the bottom of the band.
//!
//! What: the band's "lowest not below −12 dB" is read as: the programme must reach
//! −12. Each channel's 300 ms window peaks are collected over the windows above
//! −50 dBFS (pauses do not count), and their 90th percentile must be at least
//! −12.0 dBFS. With `meter = "vu"` the VU readings are used instead. The profile sets
//! `min_level_db` and `min_level_percentile`; the finding states the reading applied.
//! A channel that is silent throughout fails too.
//!
//! Why: a quiet programme disappears under the channel's other material and forces
//! the playout to add gain, and noise with it.
//!
//! Fix: raise the channel by the amount the finding gives, e.g.
//! `ffmpeg -i in.mp4 -c:v copy -af "volume=6.0dB" -c:a aac -b:a 320k out.mp4`,
//! watching that the peaks stay within `audio.level.max`.

use super::{Check, audio_channels, not_measured_finding, Ctx, Rule, Need};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::{LevelMeter, Profile};

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "audio.level.min",
    default: Severity::Error,
    needs: Some(Need::Levels),
    doc: super::docs::AUDIO_LEVEL_MIN,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets the bottom of the band.
fn applies(p: &Profile) -> bool {
    p.audio.min_level_db.is_some()
}

/// Each channel's reached level against the bottom of the band.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(min) = cx.profile.audio.min_level_db else {
        return Vec::new();
    };
    let meter = cx.profile.audio.meter;
    let pct = cx.profile.audio.min_level_percentile;
    let (channels, not_measured) = audio_channels(cx.facts);
    let mut out: Vec<Finding> = not_measured
        .iter()
        .map(|why| not_measured_finding(cx, sev, why))
        .collect();
    let (unit, reading, reading_zh) = match meter {
        LevelMeter::Vu => (
            "VU",
            format!("{pct:.0}th percentile of VU readings"),
            format!("VU 读数的第 {pct:.0} 百分位"),
        ),
        _ => (
            "dBFS",
            format!("{pct:.0}th percentile of 300 ms peaks"),
            format!("300 毫秒峰值的第 {pct:.0} 百分位"),
        ),
    };
    for (n, c) in channels {
        let reached = match meter {
            LevelMeter::Vu => c.reached_vu,
            _ => c.reached_peak_dbfs,
        };
        let expected = Some(Quantity::num(min, unit, format!("≥ {min:.1} {unit}")));
        let Some(level) = reached else {
            out.push(
                cx.finding(sev,
                    Text::new(
                        format!("Channel {n} never rises above −50 dBFS, so it cannot reach {min:.1} {unit}."),
                        format!("第 {n} 声道始终低于 −50 dBFS，无法达到 {min:.1} {unit}。"),
                    ),
                )
                .values(None, expected),
            );
            continue;
        };
        if level >= min {
            continue;
        }
        let short = min - level;
        out.push(
            cx.finding(sev,
                Text::new(
                    format!("Channel {n} reaches only {level:.1} {unit} ({reading}), below {min:.1} {unit}: raise it by {short:.1} dB."),
                    format!("第 {n} 声道仅达到 {level:.1} {unit}（{reading_zh}），低于 {min:.1} {unit}：需提高 {short:.1} dB。"),
                ),
            )
            .values(Some(Quantity::num(level, unit, format!("{level:.1} {unit}"))), expected)
            .hint(Text::new(
                format!("Raise the channel by {short:.1} dB, keeping peaks within the band: ffmpeg -i INPUT -c:v copy -af \"volume={short:.1}dB\" -c:a aac -b:a 320k OUTPUT.mp4"),
                format!("将该声道提高 {short:.1} dB，同时保持峰值在范围内：ffmpeg -i 输入文件 -c:v copy -af \"volume={short:.1}dB\" -c:a aac -b:a 320k 输出文件.mp4"),
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
        let reaching = |a: Option<f64>| {
            with_levels(video(1920, 1080, 2e7, 60.0), vec![channel(-9.0, a, 0.0), channel(-9.0, Some(-10.0), 0.0)], 0.1)
        };
        expect(&RULE, "reaches the bottom", &reaching(Some(-12.0)), &p, &[]);
        let short = [error("Channel 1 reaches only -12.1 dBFS (90th percentile of 300 ms peaks), below -12.0 dBFS: raise it by 0.1 dB.", "第 1 声道仅达到 -12.1 dBFS（300 毫秒峰值的第 90 百分位），低于 -12.0 dBFS：需提高 0.1 dB。")];
        expect(&RULE, "a tenth short", &reaching(Some(-12.1)), &p, &short);
        let quiet = [error("Channel 1 never rises above −50 dBFS", "第 1 声道始终低于 −50 dBFS")];
        expect(&RULE, "never above −50", &reaching(None), &p, &quiet);
        let vu = profile("micro-video", "[audio]\nmeter = \"vu\"\nmin_level_db = 8.0\nmin_level_percentile = 50\n");
        let vu_short = [error("reaches only 7.9 VU (50th percentile of VU readings)", "仅达到 7.9 VU（VU 读数的第 50 百分位）")];
        expect(&RULE, "VU short", &reaching(Some(-12.1)), &vu, &vu_short);
        let missing = [warning("Audio level not measured", "音频电平未测量")];
        expect(&RULE, "not measured", &not_measured(video(1920, 1080, 2e7, 60.0), "x"), &p, &missing);
    }
}
