//! track.missing — no video track, or no audio track where the profile needs one.
//!
//! What: a track counts when it has at least one sample. A video entry needs a
//! video track; the micro-video profile also needs an audio track (channel 1
//! narration or live sound, channel 2 music and effects).
//!
//! Why: an entry without picture or without sound cannot be judged as a video.
//!
//! Fix: export again with both picture and sound. A silent film still needs a
//! (silent) audio track if the profile requires one:
//! `ffmpeg -i in.mp4 -f lavfi -i anullsrc=r=48000:cl=stereo -shortest -c:v copy -c:a aac out.mp4`.

use super::{Check, Ctx, Rule};
use crate::facts::TrackKind;
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "track.missing",
    default: Severity::Error,
    needs: None,
    doc: super::docs::TRACK_MISSING,
    applies,
    check: Check::File(check),
};

/// Applies when the profile requires video or audio.
fn applies(p: &Profile) -> bool {
    p.video.required || p.audio.required
}

/// Required track kinds with at least one sample.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(c) = &cx.facts.container else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let wanted = [
        (
            cx.profile.video.required,
            TrackKind::Video,
            ("video", "视频"),
        ),
        (
            cx.profile.audio.required,
            TrackKind::Audio,
            ("audio", "音频"),
        ),
    ];
    for (required, kind, (en, zh)) in wanted {
        if !required {
            continue;
        }
        let tracks: Vec<_> = c.tracks_of(kind).collect();
        let message = if tracks.is_empty() {
            Text::new(
                format!("The file has no {en} track."),
                format!("文件没有{zh}轨。"),
            )
        } else if tracks.iter().all(|t| t.sample_count == 0) {
            Text::new(
                format!("The {en} track holds no samples."),
                format!("{zh}轨中没有任何数据。"),
            )
        } else {
            continue;
        };
        out.push(cx.finding(sev, message).hint(Text::new(
            format!("Export the entry again with its {en}."),
            format!("请重新导出带{zh}的作品。"),
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::TrackKind;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        expect(&RULE, "video and audio", &video(1920, 1080, 2e7, 60.0), &p, &[]);
        let mut silent = video(1920, 1080, 2e7, 60.0);
        silent.container.as_mut().unwrap().tracks.retain(|t| t.kind != TrackKind::Audio);
        let no_audio = [error("The file has no audio track.", "文件没有音频轨。")];
        expect(&RULE, "no audio track", &silent, &p, &no_audio);
        let mut empty = video(1920, 1080, 2e7, 60.0);
        video_track(&mut empty).sample_count = 0;
        let no_samples = [error("The video track holds no samples.", "视频轨中没有任何数据。")];
        expect(&RULE, "an empty video track", &empty, &p, &no_samples);
        let mut neither = video(1920, 1080, 2e7, 60.0);
        neither.container.as_mut().unwrap().tracks.clear();
        let both = [error("no video track", "没有视频轨"), error("no audio track", "没有音频轨")];
        expect(&RULE, "no track at all", &neither, &p, &both);
        let film = profile("micro-film-5", "[audio]\nrequired = false\n");
        expect(&RULE, "audio not required", &silent, &film, &[]);
        expect(&RULE, "no container", &photo(10, 10), &p, &[]);
    }
}
