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

use super::{audio_channels, Ctx, Rule, Need};
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
    check,
};

/// Applies to profiles that require audio.
fn applies(p: &Profile) -> bool {
    p.audio.required == Some(true)
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
