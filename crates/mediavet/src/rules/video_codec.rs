//! video.codec — codec, profile and level of the main video track (information).
//!
//! What: reports the sample-entry codec (avc1/avc3 = H.264, hvc1/hev1 = HEVC,
//! mp4v = MPEG-4 Part 2, or Motion JPEG by its esds object type 0x6C, ap4h/apcn = ProRes, …) with the profile and level
//! from the codec configuration (`avcC`, `hvcC`), frame rate and scan type.
//! It never fails a file.
//!
//! Why: reviewers and playout staff need to know whether the jury's players
//! decode the file (HEVC and ProRes need recent software; interlaced footage
//! needs deinterlacing).
//!
//! Fix: nothing to fix; if the players cannot decode the codec, export H.264:
//! `ffmpeg -i in.mov -c:v libx264 -b:v 18M -c:a aac -b:a 320k out.mp4`.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::kind::Category;
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "video.codec",
    default: Severity::Info,
    needs: None,
    doc: super::docs::VIDEO_CODEC,
    applies,
    check: Check::File(check),
};

/// Applies to video profiles.
fn applies(p: &Profile) -> bool {
    p.category == Some(Category::Video)
}

/// One info finding describing the main video track.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(t) = cx.facts.container.as_ref().and_then(|c| c.primary_video()) else {
        return Vec::new();
    };
    let v = t.video.clone().unwrap_or_default();
    let name = v.format.as_deref().unwrap_or("other");
    let mut parts = vec![format!("{name} ({})", t.codec)];
    parts.extend(v.profile.clone());
    parts.extend(v.level.as_ref().map(|l| format!("level {l}")));
    parts.extend(v.frame_rate.map(|r| {
        format!(
            "{r:.3} fps{}",
            if v.variable_frame_rate {
                " (variable)"
            } else {
                ""
            }
        )
    }));
    parts.extend(v.interlaced.map(|i| {
        if i {
            "interlaced".to_string()
        } else {
            "progressive".to_string()
        }
    }));
    let text = parts.join(", ");
    vec![cx.finding(sev,
        Text::new(format!("Video: {text}."), format!("视频编码：{text}。")),
    )
    .values(Some(Quantity::text(text)), None)]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let mut facts = video(1920, 1080, 2e7, 60.0);
        let v = video_track(&mut facts).video.as_mut().unwrap();
        v.profile = Some("High".into());
        v.level = Some("4.0".into());
        v.frame_rate = Some(25.0);
        v.interlaced = Some(false);
        let described = [info("Video: H.264 (avc1), High, level 4.0, 25.000 fps, progressive.", "视频编码：H.264 (avc1), High, level 4.0, 25.000 fps, progressive。")];
        expect(&RULE, "described", &facts, &p, &described);
        let mut bare_track = video(1920, 1080, 2e7, 60.0);
        video_track(&mut bare_track).video = None;
        let other = [info("Video: other (avc1).", "视频编码：other (avc1)。")];
        expect(&RULE, "nothing known", &bare_track, &p, &other);
        expect(&RULE, "no video", &photo(10, 10), &p, &[]);
        expect(&RULE, "photo profile", &video(1920, 1080, 2e7, 60.0), &profile("photo", ""), &[]);
    }
}
