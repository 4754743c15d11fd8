//! image.resolution — the photo has fewer pixels than the profile asks for.
//!
//! What: megapixels (width × height) and the long side as displayed (EXIF orientation
//! applied), of the decoded picture (the rows the picture data really holds, not the
//! height the frame header claims), against `[image] min_megapixels` (default 2)
//! and `min_long_side` (default 1920).
//!
//! Why: small pictures are usually thumbnails or copies forwarded through chat apps,
//! not the original, and do not print.
//!
//! Fix: send the original file from the camera or phone (in WeChat, tick "original
//! image"; e-mail the file rather than a screenshot).

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::inspect::Need;
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.resolution",
    default: Severity::Error,
    needs: Some(Need::Pixels),
    doc: super::docs::IMAGE_RESOLUTION,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a minimum.
fn applies(p: &Profile) -> bool {
    p.image.min_megapixels.is_some() || p.image.min_long_side.is_some()
}

/// Size against the minimums.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = &cx.facts.image else {
        return Vec::new();
    };
    let min_mp = cx.profile.image.min_megapixels;
    let min_long = cx.profile.image.min_long_side;
    let long = img.display_width.max(img.display_height);
    let small_mp = min_mp.is_some_and(|m| img.megapixels < m);
    let short = min_long.is_some_and(|l| long < l);
    if !small_mp && !short {
        // A picture that was not decoded has only its header's word for its size.
        return img
            .not_decoded
            .iter()
            .map(|why| {
                cx.finding(
                    Severity::Warning,
                    Text::new(
                        format!(
                            "The size {}×{} is the header's claim only: resolution {}.",
                            img.display_width, img.display_height, why.en
                        ),
                        format!(
                            "尺寸 {}×{} 仅为文件头所声称：分辨率{}。",
                            img.display_width, img.display_height, why.zh
                        ),
                    ),
                )
            })
            .collect();
    }
    let (w, h, mp) = (img.display_width, img.display_height, img.megapixels);
    let want = match (min_mp, min_long) {
        (Some(m), Some(l)) => format!("≥ {m:.1} MP, long side ≥ {l}"),
        (Some(m), None) => format!("≥ {m:.1} MP"),
        (None, Some(l)) => format!("long side ≥ {l}"),
        (None, None) => String::new(),
    };
    vec![cx.finding(sev,
        Text::new(
            format!("The photo is {w}×{h} ({mp:.2} MP); {want} is required."),
            format!("照片为 {w}×{h}（{mp:.2} 百万像素）；要求 {want}。"),
        ),
    )
    .values(
        Some(Quantity::num(mp, "MP", format!("{w}×{h}, {mp:.2} MP"))),
        Some(Quantity::text(want)),
    )
    .hint(Text::new(
        "Send the original file from the camera or phone, not a forwarded or resized copy.",
        "请提供相机或手机拍摄的原始文件，而非转发或缩小后的副本。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        expect(&RULE, "2 MP, long side 1920", &photo(1920, 1042), &p, &[]);
        let small = [error("The photo is 1920×1041 (2.00 MP); ≥ 2.0 MP, long side ≥ 1920 is required.", "照片为 1920×1041（2.00 百万像素）；要求 ≥ 2.0 MP, long side ≥ 1920。")];
        expect(&RULE, "a row under 2 MP", &photo(1920, 1041), &p, &small);
        let short = [error("The photo is 1919×1919", "照片为 1919×1919")];
        expect(&RULE, "long side one short", &photo(1919, 1919), &p, &short);
        let long_only = profile("photo", "[image]\nmin_megapixels = 0.1\n");
        expect(&RULE, "megapixels lowered", &photo(1920, 100), &long_only, &[]);
        expect(&RULE, "no image facts", &bare(crate::kind::FileKind::Png, "p.png"), &p, &[]);
        let mut undecoded = photo(4000, 3000);
        image(&mut undecoded).not_decoded = Some(crate::finding::Text::new(
            "not measured: damaged",
            "未测量：已损坏",
        ));
        let header_only = [warning(
            "The size 4000×3000 is the header's claim only: resolution not measured: damaged.",
            "尺寸 4000×3000 仅为文件头所声称：分辨率未测量：已损坏。",
        )];
        expect(&RULE, "not decoded", &undecoded, &p, &header_only);
    }
}
