//! container.format — the movie is in a container the profile does not accept.
//!
//! What: the container is read from the `ftyp` brand (`qt  ` or no ftyp means
//! QuickTime MOV; `3gp*` means 3GP; `M4V ` and `M4A ` are Apple's MP4
//! variants; other ISO brands are MP4). The micro-video profile accepts MP4 or
//! MOV; the micro-film profiles accept MP4 only.
//!
//! Why: the contest rules name the containers the jury's playout accepts.
//!
//! Fix: remux without re-encoding, which keeps the quality:
//! `ffmpeg -i in.mov -c copy -movflags +faststart out.mp4`.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "container.format",
    default: Severity::Error,
    needs: None,
    doc: super::docs::CONTAINER_FORMAT,
    applies,
    check: Check::File(check),
};

/// Applies when the profile lists formats.
fn applies(p: &Profile) -> bool {
    p.container.formats.is_some()
}

/// The container format against the accepted list.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (Some(c), Some(formats)) = (&cx.facts.container, &cx.profile.container.formats) else {
        return Vec::new();
    };
    if super::listed(formats, &c.format) {
        return Vec::new();
    }
    let accepted = formats
        .iter()
        .map(|f| f.to_uppercase())
        .collect::<Vec<_>>()
        .join(" / ");
    let found = c.format.to_uppercase();
    vec![cx.finding(sev,
        Text::new(
            format!("The container is {found}; this profile accepts {accepted}."),
            format!("封装格式为 {found}，本类别只接受 {accepted}。"),
        ),
    )
    .values(
        Some(Quantity::text(c.format.clone())),
        Some(Quantity::text(formats.join(", "))),
    )
    .hint(Text::new(
        "Remux without re-encoding: ffmpeg -i INPUT -c copy -movflags +faststart OUTPUT.mp4",
        "无需重新编码即可转封装：ffmpeg -i 输入文件 -c copy -movflags +faststart 输出文件.mp4",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("micro-video", "");
        let as_format = |f: &str| {
            let mut facts = video(1920, 1080, 2e7, 60.0);
            facts.container.as_mut().unwrap().format = f.into();
            facts
        };
        expect(&RULE, "mp4", &as_format("mp4"), &p, &[]);
        expect(&RULE, "mov", &as_format("mov"), &p, &[]);
        let three_gp = [error("The container is 3GP; this profile accepts MP4 / MOV.", "封装格式为 3GP，本类别只接受 MP4 / MOV。")];
        expect(&RULE, "3gp", &as_format("3gp"), &p, &three_gp);
        let film = profile("micro-film-5", "");
        let mov_film = [error("The container is MOV; this profile accepts MP4.", "封装格式为 MOV，本类别只接受 MP4。")];
        expect(&RULE, "micro-film: MP4 only", &as_format("mov"), &film, &mov_film);
        expect(&RULE, "no container", &text("正文"), &p, &[]);
    }
}
