//! video.bitrate — the measured video bitrate is below the minimum.
//!
//! What: the bitrate is measured, not read from headers: the sum of the video
//! track's sample sizes × 8 ÷ the track's media duration. An encoder's
//! declared figure (`btrt`, `esds`) is shown for comparison but never counts:
//! an `ffmpeg -b:v 15M` encode typically measures a little under 15 Mb/s and
//! fails. In the micro-video profile the minimum is 15 Mb/s and applies to MP4
//! files only ("MP4 bitrate ≥ 15 Mb/s"); `bitrate_formats` in the profile says
//! which containers it applies to.
//!
//! Why: the contest asks for a broadcast-grade master, not a compressed copy
//! for sharing.
//!
//! Fix: export again from the editing project (not from a compressed copy)
//! with a higher target, e.g.
//! `ffmpeg -i master.mov -c:v libx264 -preset slow -b:v 18M -minrate 16M -maxrate 24M -bufsize 24M -c:a copy out.mp4`.
//! Re-encoding an already compressed file at a higher bitrate passes the check
//! but does not restore lost detail.

use super::{Check, Ctx, Rule};
use crate::finding::{mbps, Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "video.bitrate",
    default: Severity::Error,
    needs: None,
    doc: super::docs::VIDEO_BITRATE,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a minimum bitrate.
fn applies(p: &Profile) -> bool {
    p.video.min_bitrate_mbps.is_some()
}

/// Measured bitrate of the main video track against the minimum.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(min) = cx.profile.video.min_bitrate_mbps else {
        return Vec::new();
    };
    let Some(c) = &cx.facts.container else {
        return Vec::new();
    };
    if let Some(formats) = &cx.profile.video.bitrate_formats {
        if !formats.iter().any(|f| f.eq_ignore_ascii_case(&c.format)) {
            return Vec::new();
        }
    }
    let Some(track) = c.primary_video() else {
        return Vec::new();
    };
    let min_bps = min * 1e6;
    let expected = Quantity::num(min_bps, "bit/s", format!("≥ {}", mbps(min_bps)));
    let Some(measured) = track.bitrate else {
        return vec![cx.finding(sev.min(Severity::Warning),
            Text::new(
                "The video bitrate could not be measured (no samples or no duration).",
                "无法测量视频码率（没有数据或时长为零）。",
            ),
        )
        .values(None, Some(expected))];
    };
    if measured >= min_bps {
        return Vec::new();
    }
    let declared = match track.declared_bitrate {
        Some(d) => (
            format!(" (the header declares {})", mbps(d as f64)),
            format!("（文件头声明为 {}）", mbps(d as f64)),
        ),
        None => (String::new(), String::new()),
    };
    let target = (min * 1.2).ceil();
    vec![cx.finding(sev,
        Text::new(
            format!("The video bitrate measures {}{}, below the {} minimum.", mbps(measured), declared.0, mbps(min_bps)),
            format!("视频实测码率 {}{}，低于最低要求 {}。", mbps(measured), declared.1, mbps(min_bps)),
        ),
    )
    .values(Some(Quantity::num(measured, "bit/s", mbps(measured))), Some(expected))
    .hint(Text::new(
        format!("Export again from the editing project at a higher bitrate, e.g. ffmpeg -i MASTER -c:v libx264 -preset slow -b:v {target}M -minrate {}M -maxrate {}M -bufsize {}M -c:a copy OUTPUT.mp4", min.ceil(), target + 6.0, target + 6.0),
        format!("请从剪辑工程以更高码率重新导出，例如：ffmpeg -i 母版文件 -c:v libx264 -preset slow -b:v {target}M -minrate {}M -maxrate {}M -bufsize {}M -c:a copy 输出文件.mp4", min.ceil(), target + 6.0, target + 6.0),
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let at = |bps: f64| video(1920, 1080, bps, 60.0);
        expect(&RULE, "exactly 15 Mb/s", &at(15e6), &p, &[]);
        expect(&RULE, "over", &at(18e6), &p, &[]);
        let under = [error("measures 14.99 Mb/s, below the 15.00 Mb/s", "实测码率 14.99 Mb/s，低于最低要求 15.00 Mb/s")];
        expect(&RULE, "just under", &at(14_990_000.0), &p, &under);
        let mut declared = at(14_990_000.0);
        video_track(&mut declared).declared_bitrate = Some(15_000_000);
        let with_header = [error("(the header declares 15.00 Mb/s)", "（文件头声明为 15.00 Mb/s）")];
        expect(&RULE, "a header never counts", &declared, &p, &with_header);
        let mut unknown = at(1.0);
        video_track(&mut unknown).bitrate = None;
        let missing = [warning("could not be measured", "无法测量视频码率")];
        expect(&RULE, "no measurement", &unknown, &p, &missing);
        let mut mov = at(1e6);
        mov.container.as_mut().unwrap().format = "mov".into();
        expect(&RULE, "MOV is not held to the MP4 minimum", &mov, &p, &[]);
        expect(&RULE, "no container", &text("正文"), &p, &[]);
        let lower = profile("micro-video", "[video]\nmin_bitrate_mbps = 10\n");
        expect(&RULE, "a layer's minimum", &at(14_990_000.0), &lower, &[]);
    }
}
