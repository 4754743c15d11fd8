//! audio.level.max — the highest level of a channel is above the band's top.
//!
//! What: the contest band reads "highest level not above −8 dB, lowest not below
//! −12 dB" and writes dB(VU). Read literally with 0 VU = −20 dBFS it would demand
//! programme loudness near −30 LUFS, contradicting China's loudness standard (GY/T
//! 282-2014: −24 LKFS), and Chinese editing tools meter in dBFS. So by default the
//! band is a dBFS peak band: each channel's highest sample peak must be at most
//! −8.0 dBFS. The profile chooses the meter (`meter = "peak"`, `"true-peak"` or
//! `"vu"` with `vu_reference_dbfs`) and the numbers (`max_level_db`); every finding
//! states which reading it applied. Levels come from decoding the audio; a codec that
//! cannot be decoded gives a warning saying so.
//!
//! Why: peaks above the band clip or get limited in the broadcast chain.
//!
//! Fix: lower the mix by the amount the finding gives, e.g.
//! `ffmpeg -i in.mp4 -c:v copy -af "volume=-5.0dB" -c:a aac -b:a 320k out.mp4`,
//! or better, with a limiter in the editing project.

use super::{Check, audio_channels, not_measured_finding, Ctx, Rule, Need};
use crate::audio::levels::ChannelLevels;
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::{LevelMeter, Profile};

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "audio.level.max",
    default: Severity::Error,
    needs: Some(Need::Levels),
    doc: super::docs::AUDIO_LEVEL_MAX,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets the top of the band.
fn applies(p: &Profile) -> bool {
    p.audio.max_level_db.is_some()
}

/// The highest reading of a channel on `meter`, with its unit and name.
pub fn highest(
    c: &ChannelLevels,
    meter: LevelMeter,
) -> Option<(f64, &'static str, &'static str, &'static str)> {
    match meter {
        LevelMeter::Peak => Some((c.sample_peak_dbfs, "dBFS", "sample peak", "采样峰值")),
        LevelMeter::TruePeak => c.true_peak_dbtp.map(|v| (v, "dBTP", "true peak", "真峰值")),
        LevelMeter::Vu => Some((c.max_vu, "VU", "VU meter", "VU 表")),
    }
}

/// Each channel's highest reading against the top of the band.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(max) = cx.profile.audio.max_level_db else {
        return Vec::new();
    };
    let meter = cx.profile.audio.meter;
    let (channels, not_measured) = audio_channels(cx.facts);
    let mut out: Vec<Finding> = not_measured
        .iter()
        .map(|why| not_measured_finding(cx, sev, why))
        .collect();
    for (n, c) in channels {
        let Some((level, unit, name, name_zh)) = highest(c, meter) else {
            continue;
        };
        if level <= max {
            continue;
        }
        let over = level - max;
        out.push(
            cx.finding(sev,
                Text::new(
                    format!("Channel {n} peaks at {level:.1} {unit} ({name}), above the {max:.1} {unit} limit: lower it by {over:.1} dB."),
                    format!("第 {n} 声道最高电平 {level:.1} {unit}（{name_zh}），超过上限 {max:.1} {unit}：需降低 {over:.1} dB。"),
                ),
            )
            .values(Some(Quantity::num(level, unit, format!("{level:.1} {unit}"))), Some(Quantity::num(max, unit, format!("≤ {max:.1} {unit}"))))
            .hint(Text::new(
                format!("Lower the mix by {over:.1} dB (a limiter in the edit is best): ffmpeg -i INPUT -c:v copy -af \"volume=-{over:.1}dB\" -c:a aac -b:a 320k OUTPUT.mp4"),
                format!("将混音降低 {over:.1} dB（最好在剪辑中使用限幅器）：ffmpeg -i 输入文件 -c:v copy -af \"volume=-{over:.1}dB\" -c:a aac -b:a 320k 输出文件.mp4"),
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
        let peaking = |a: f64, b: f64| {
            with_levels(video(1920, 1080, 2e7, 60.0), vec![channel(a, Some(-11.0), 0.0), channel(b, Some(-11.0), 0.0)], 0.1)
        };
        expect(&RULE, "at the limit", &peaking(-8.0, -9.0), &p, &[]);
        let over = [error("Channel 2 peaks at -7.9 dBFS (sample peak), above the -8.0 dBFS limit: lower it by 0.1 dB.", "第 2 声道最高电平 -7.9 dBFS（采样峰值），超过上限 -8.0 dBFS：需降低 0.1 dB。")];
        expect(&RULE, "a tenth over", &peaking(-8.0, -7.9), &p, &over);
        let vu = profile("micro-video", "[audio]\nmeter = \"vu\"\nmax_level_db = 12.0\n");
        expect(&RULE, "VU at the limit", &peaking(-8.0, -8.0), &vu, &[]);
        let vu_over = [error("Channel 1 peaks at 12.5 VU (VU meter)", "第 1 声道最高电平 12.5 VU（VU 表）")];
        expect(&RULE, "VU over", &peaking(-7.5, -9.0), &vu, &vu_over);
        let missing = [warning("Audio level not measured: AC-3", "音频电平未测量：AC-3")];
        expect(&RULE, "not measured", &not_measured(video(1920, 1080, 2e7, 60.0), "AC-3"), &p, &missing);
        expect(&RULE, "no audio", &photo(10, 10), &p, &[]);
    }
}
