//! video.resolution — the picture is not the required size as displayed.
//!
//! What: the displayed size is the stored picture size with the pixel aspect
//! ratio (`pasp`) and the track rotation (`tkhd` matrix) applied, which is what
//! a player shows. The micro-video profile needs exactly 1920×1080 landscape.
//! A phone video recorded upright is stored as 1920×1080 with a 90° rotation
//! and displays as 1080×1920: the finding says it is portrait.
//!
//! Why: the contest screens entries in landscape full HD.
//!
//! Fix: edit portrait footage into a landscape 1920×1080 timeline (a rotation
//! flag alone does not make a portrait picture landscape); export other sizes
//! at 1920×1080 from the original footage, e.g.
//! `ffmpeg -i in.mp4 -vf scale=1920:1080 -c:v libx264 -b:v 18M -c:a copy out.mp4`
//! (upscaling a smaller source does not add detail).

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;
use serde_json::json;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "video.resolution",
    default: Severity::Error,
    needs: None,
    doc: super::docs::VIDEO_RESOLUTION,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets width and height.
fn applies(p: &Profile) -> bool {
    p.video.width.is_some() && p.video.height.is_some()
}

/// Displayed size of the main video track against the required size.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (Some(w), Some(h)) = (cx.profile.video.width, cx.profile.video.height) else {
        return Vec::new();
    };
    let Some(v) = cx
        .facts
        .container
        .as_ref()
        .and_then(|c| c.primary_video())
        .and_then(|t| t.video.as_ref())
    else {
        return Vec::new();
    };
    let (dw, dh) = (v.display_width, v.display_height);
    if (dw, dh) == (w, h) {
        return Vec::new();
    }
    let size = format!("{dw}×{dh}");
    let rotated = if v.rotation != 0 {
        (
            format!(
                " (stored {}×{}, rotated {}°)",
                v.width, v.height, v.rotation
            ),
            format!("（存储为 {}×{}，旋转 {}°）", v.width, v.height, v.rotation),
        )
    } else {
        (String::new(), String::new())
    };
    let portrait = dh > dw && w > h;
    let (message, hint) = if portrait {
        (
            Text::new(
                format!("The video is portrait, {size}{}; {w}×{h} landscape is required.", rotated.0),
                format!("视频为竖屏 {size}{}；要求横屏 {w}×{h}。", rotated.1),
            ),
            Text::new(
                format!("Re-edit the footage into a landscape {w}×{h} timeline; a rotation flag alone does not make it landscape."),
                format!("请在 {w}×{h} 横屏时间线上重新剪辑；仅修改旋转标记不能使竖屏画面变为横屏。"),
            ),
        )
    } else {
        (
            Text::new(
                format!("The video displays at {size}{}; {w}×{h} is required.", rotated.0),
                format!("视频显示分辨率为 {size}{}；要求 {w}×{h}。", rotated.1),
            ),
            Text::new(
                format!("Export at {w}×{h} from the original footage: ffmpeg -i INPUT -vf scale={w}:{h} -c:v libx264 -b:v 18M -c:a copy OUTPUT.mp4 (upscaling does not add detail)."),
                format!("请从原始素材以 {w}×{h} 导出：ffmpeg -i 输入文件 -vf scale={w}:{h} -c:v libx264 -b:v 18M -c:a copy 输出文件.mp4（放大低分辨率素材并不能增加细节）。"),
            ),
        )
    };
    let measured = Quantity {
        value: json!([dw, dh]),
        unit: Some("px"),
        text: size,
    };
    let expected = Quantity {
        value: json!([w, h]),
        unit: Some("px"),
        text: format!("{w}×{h}"),
    };
    vec![cx.finding(sev, message)
        .values(Some(measured), Some(expected))
        .hint(hint)]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        expect(&RULE, "1920×1080", &video(1920, 1080, 2e7, 60.0), &p, &[]);
        let small = [error("displays at 1280×720; 1920×1080 is required", "视频显示分辨率为 1280×720；要求 1920×1080")];
        expect(&RULE, "720p", &video(1280, 720, 2e7, 60.0), &p, &small);
        let one_off = [error("1920×1081", "1920×1081")];
        expect(&RULE, "one line off", &video(1920, 1081, 2e7, 60.0), &p, &one_off);
        let mut rotated = video(1080, 1920, 2e7, 60.0);
        let v = video_track(&mut rotated).video.as_mut().unwrap();
        (v.width, v.height, v.rotation) = (1920, 1080, 90);
        let portrait = [error("portrait, 1080×1920 (stored 1920×1080, rotated 90°)", "视频为竖屏 1080×1920（存储为 1920×1080，旋转 90°）")];
        expect(&RULE, "rotated to portrait", &rotated, &p, &portrait);
        let mut no_video = video(1920, 1080, 2e7, 60.0);
        no_video.container.as_mut().unwrap().tracks.remove(0);
        expect(&RULE, "no video track", &no_video, &p, &[]);
        expect(&RULE, "not a video", &photo(100, 100), &p, &[]);
    }
}
