//! audio.channels — the audio does not have the required number of channels.
//!
//! What: counts the channels of all audio tracks together, as the container and codec
//! configuration declare them (esds AudioSpecificConfig, `chan`, `dac3`/`dec3`, the
//! sound description). The micro-video profile needs exactly two: one stereo track
//! or two mono tracks, channel 1 carrying narration or live sound and channel 2 music
//! and effects. Mono, 5.1 and three-track files fail and the message says what was found.
//!
//! Why: the contest mixes channel 1 and channel 2 separately at broadcast.
//!
//! Fix: export a two-channel mix: narration/live sound on the left (channel 1),
//! music/effects on the right (channel 2). From separate stems:
//! `ffmpeg -i video.mp4 -i voice.wav -i music.wav -filter_complex "[1:a][2:a]amerge=inputs=2[a]" -map 0:v -map "[a]" -c:v copy -c:a aac -b:a 320k out.mp4`.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "audio.channels",
    default: Severity::Error,
    needs: None,
    doc: super::docs::AUDIO_CHANNELS,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a channel count.
fn applies(p: &Profile) -> bool {
    p.audio.channels.is_some()
}

/// Declared channels of all audio tracks against the required count.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (Some(want), Some(c)) = (cx.profile.audio.channels, &cx.facts.container) else {
        return Vec::new();
    };
    let tracks: Vec<_> = c.audio_tracks().collect();
    if tracks.is_empty() {
        return Vec::new(); // track.missing reports it
    }
    let Some(total) = c.count_audio_channels() else {
        return vec![cx.finding(sev.min(Severity::Warning),
            Text::new(
                "The channel count of an audio track is not declared.",
                "有音轨未声明声道数。",
            ),
        )];
    };
    if total == want {
        return Vec::new();
    }
    let layouts: Vec<String> = tracks
        .iter()
        .map(|t| {
            let a = t.audio.as_ref();
            let n = a.and_then(|a| a.channels).unwrap_or(0);
            match a.and_then(|a| a.channel_layout.as_deref()) {
                Some(l) => format!("{l} ({n} ch)"),
                None => format!("{n} ch"),
            }
        })
        .collect();
    let found = format!(
        "{} audio track{}: {}",
        tracks.len(),
        if tracks.len() == 1 { "" } else { "s" },
        layouts.join(" + ")
    );
    let found_zh = format!("{} 条音轨：{}", tracks.len(), layouts.join(" + "));
    vec![cx.finding(sev,
        Text::new(
            format!(
                "The audio has {total} channel{} ({found}); {want} are required: channel 1 narration/live sound, channel 2 music/effects.",
                if total == 1 { "" } else { "s" }
            ),
            format!("音频共 {total} 个声道（{found_zh}）；要求 {want} 个：第 1 声道为解说/现场声，第 2 声道为音乐/音效。"),
        ),
    )
    .values(Some(Quantity::num(f64::from(total), "channels", found)), Some(Quantity::num(f64::from(want), "channels", want.to_string())))
    .hint(Text::new(
        "Export a two-channel mix: narration/live sound on channel 1 (left), music/effects on channel 2 (right).",
        "请导出双声道：第 1 声道（左）为解说/现场声，第 2 声道（右）为音乐/音效。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::TrackKind;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let with = |channels: Option<u32>| {
            let mut facts = video(1920, 1080, 2e7, 60.0);
            audio_track(&mut facts).audio.as_mut().unwrap().channels = channels;
            facts
        };
        expect(&RULE, "stereo", &with(Some(2)), &p, &[]);
        let mono = [error("The audio has 1 channel (1 audio track: 1 ch); 2 are required", "音频共 1 个声道（1 条音轨：1 ch）；要求 2 个")];
        expect(&RULE, "mono", &with(Some(1)), &p, &mono);
        let surround = [error("The audio has 6 channels", "音频共 6 个声道")];
        expect(&RULE, "5.1", &with(Some(6)), &p, &surround);
        let unknown = [warning("channel count of an audio track is not declared", "有音轨未声明声道数")];
        expect(&RULE, "undeclared", &with(None), &p, &unknown);
        let mut two = with(Some(1));
        let mut second = audio_track(&mut two).clone();
        second.id = 3;
        two.container.as_mut().unwrap().tracks.push(second);
        expect(&RULE, "two mono tracks", &two, &p, &[]);
        let mut none = with(Some(2));
        none.container.as_mut().unwrap().tracks.retain(|t| t.kind != TrackKind::Audio);
        expect(&RULE, "no audio: track.missing says it", &none, &p, &[]);
    }
}
