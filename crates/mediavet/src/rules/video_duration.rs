//! video.duration — the movie is longer or shorter than its class allows.
//!
//! What: the movie duration from the movie header (`mvhd`), or from the
//! fragments of a fragmented file. Micro-videos may last at most 180 s; the
//! micro-film 5-minute class at most 300 s; the 15-minutes-and-longer class at
//! least 900 s. The profile's `max_duration_s` and `min_duration_s` set them.
//!
//! Why: each class is judged and scheduled by its length.
//!
//! Fix: trim in the editing project, or cut losslessly at a keyframe with
//! `ffmpeg -i in.mp4 -t 180 -c copy out.mp4`; an entry longer than 5 minutes
//! may belong in the 15-minute class instead.

use super::{Check, Ctx, Rule};
use crate::finding::{duration, Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "video.duration",
    default: Severity::Error,
    needs: None,
    doc: super::docs::VIDEO_DURATION,
    applies,
    check: Check::File(check),
};

/// Applies when the profile bounds the duration.
fn applies(p: &Profile) -> bool {
    p.video.max_duration_s.is_some() || p.video.min_duration_s.is_some()
}

/// Movie duration against the bounds.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(c) = &cx.facts.container else {
        return Vec::new();
    };
    let (min, max) = (
        cx.profile.video.min_duration_s,
        cx.profile.video.max_duration_s,
    );
    let Some(d) = c.duration else {
        return vec![cx.finding(sev.min(Severity::Warning),
            Text::new(
                "The movie duration is unknown (the movie header gives none).",
                "无法得知影片时长（影片头未给出）。",
            ),
        )];
    };
    let measured = Quantity::num(d, "s", duration(d));
    if let Some(max) = max.filter(|&m| d > m) {
        let over = d - max;
        return vec![cx.finding(sev,
            Text::new(
                format!("The video lasts {}, {over:.1} s over the {} limit.", duration(d), duration(max)),
                format!("视频时长 {}，超出上限 {} 共 {over:.1} 秒。", duration(d), duration(max)),
            ),
        )
        .values(Some(measured), Some(Quantity::num(max, "s", format!("≤ {}", duration(max)))))
        .hint(Text::new(
            format!("Trim it in the edit, or cut losslessly: ffmpeg -i INPUT -t {max} -c copy OUTPUT.mp4"),
            format!("请在剪辑中删减，或无损截取：ffmpeg -i 输入文件 -t {max} -c copy 输出文件.mp4"),
        ))];
    }
    if let Some(min) = min.filter(|&m| d < m) {
        return vec![cx.finding(sev,
            Text::new(
                format!(
                    "The video lasts {}, {:.1} s short of the {} minimum for this class.",
                    duration(d),
                    min - d,
                    duration(min)
                ),
                format!(
                    "视频时长 {}，距本类别最短时长 {} 还差 {:.1} 秒。",
                    duration(d),
                    duration(min),
                    min - d
                ),
            ),
        )
        .values(
            Some(measured),
            Some(Quantity::num(min, "s", format!("≥ {}", duration(min)))),
        )
        .hint(Text::new(
            "Enter it in the class that fits its length.",
            "请按作品时长报送相应类别。",
        ))];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let lasting = |s: f64| video(1920, 1080, 2e7, s);
        expect(&RULE, "exactly 180 s", &lasting(180.0), &p, &[]);
        let over = [error("lasts 3:00.1 (180.1 s), 0.1 s over the 3:00.0 (180.0 s) limit", "视频时长 3:00.1 (180.1 s)，超出上限 3:00.0 (180.0 s) 共 0.1 秒")];
        expect(&RULE, "a tenth over", &lasting(180.1), &p, &over);
        let mut unknown = lasting(10.0);
        unknown.container.as_mut().unwrap().duration = None;
        let missing = [warning("duration is unknown", "无法得知影片时长")];
        expect(&RULE, "no duration", &unknown, &p, &missing);
        let long = profile("micro-film-15", "");
        expect(&RULE, "exactly 900 s", &lasting(900.0), &long, &[]);
        let short = [error("2.0 s short of the 15:00.0 (900.0 s) minimum", "距本类别最短时长 15:00.0 (900.0 s) 还差 2.0 秒")];
        expect(&RULE, "two seconds short", &lasting(898.0), &long, &short);
        expect(&RULE, "no container", &photo(10, 10), &p, &[]);
    }
}
