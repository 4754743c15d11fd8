//! audio.silence — the audio track, or one of its channels, is silent.
//!
//! What: measured on the decoded samples in 100 ms blocks; a block is silent when its
//! peak is below −60 dBFS. A warning when the whole programme is silent, or when a
//! channel is silent throughout. Leading and trailing silence and the silent share
//! are in the facts (`audio.levels.silence`).
//!
//! Why: a silent track is usually an export mistake (muted track, wrong channel
//! routing).
//!
//! Fix: check the export settings: the audio tracks must be enabled and routed to
//! channels 1 and 2.

use super::{Check, audio_channels, Ctx, Rule, Need};
use crate::facts::TrackKind;
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "audio.silence",
    default: Severity::Warning,
    needs: Some(Need::Levels),
    doc: super::docs::AUDIO_SILENCE,
    applies,
    check: Check::File(check),
};

/// Applies to profiles that require audio.
fn applies(p: &Profile) -> bool {
    p.audio.required
}

/// A silent programme, or channels silent throughout.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let silent_track = cx
        .facts
        .container
        .iter()
        .flat_map(|c| c.tracks_of(TrackKind::Audio))
        .filter_map(|t| t.audio.as_ref()?.levels.as_ref())
        .any(|l| l.silence.share >= 1.0);
    if silent_track {
        return vec![cx.finding(sev,
            Text::new(
                "The audio is silent throughout (below −60 dBFS).",
                "音频全程无声（低于 −60 dBFS）。",
            ),
        )];
    }
    audio_channels(cx.facts)
        .0
        .into_iter()
        .filter(|(_, c)| c.silent_share >= 1.0)
        .map(|(n, _)| {
            cx.finding(sev,
                Text::new(
                    format!("Channel {n} is silent throughout (below −60 dBFS)."),
                    format!("第 {n} 声道全程无声（低于 −60 dBFS）。"),
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let silent = |a: f64, b: f64| {
            with_levels(video(1920, 1080, 2e7, 60.0), vec![channel(-9.0, Some(-11.0), a), channel(-9.0, Some(-11.0), b)], 0.1)
        };
        expect(&RULE, "sound", &silent(0.5, 0.999), &p, &[]);
        let one = [warning("Channel 2 is silent throughout (below −60 dBFS).", "第 2 声道全程无声（低于 −60 dBFS）。")];
        expect(&RULE, "one channel", &silent(0.2, 1.0), &p, &one);
        let all = [warning("The audio is silent throughout (below −60 dBFS).", "音频全程无声（低于 −60 dBFS）。")];
        expect(&RULE, "all", &silent(1.0, 1.0), &p, &all);
        expect(&RULE, "not measured", &video(1920, 1080, 2e7, 60.0), &p, &[]);
        expect(&RULE, "photo profile", &silent(1.0, 1.0), &profile("photo", ""), &[]);
    }
}
