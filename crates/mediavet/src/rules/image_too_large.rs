//! image.too_large — the image header claims more pixels than any camera makes.
//!
//! What: width × height from the header (nothing is decoded) against `[image]
//! max_megapixels` (default 200; the largest medium-format sensors give 150). Such a
//! picture is not decoded, so its clarity is not measured.
//!
//! Why: a header claiming, say, 100 000 × 100 000 pixels (10 000 MP) is damaged or a
//! "decompression bomb" built to exhaust the memory of whoever opens it; reviewers'
//! viewers refuse or crash on it.
//!
//! Fix: ask for the original file again; if the picture really is that large (a
//! stitched panorama), scale it down to a size that prints, e.g.
//! `ffmpeg -i IN.jpg -vf scale=8000:-1 -q:v 2 OUT.jpg`.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.too_large",
    default: Severity::Error,
    needs: None,
    doc: super::docs::IMAGE_TOO_LARGE,
    applies,
    check: Check::File(check),
};

/// Applies to photo profiles (those listing image formats) and whenever a limit is set.
fn applies(p: &Profile) -> bool {
    p.image.formats.is_some() || p.image.max_megapixels.is_some()
}

/// A header over the limit.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = &cx.facts.image else {
        return Vec::new();
    };
    let limit = cx.profile.image.decoding_limit();
    if img.megapixels <= limit {
        return Vec::new();
    }
    let (w, h, mp) = (img.width, img.height, img.megapixels);
    vec![cx.finding(sev,
        Text::new(
            format!("The header claims {w}×{h} pixels ({mp:.0} MP), over the limit of {limit:.0} MP: the file is damaged or built to exhaust memory; it was not decoded."),
            format!("文件头声称 {w}×{h} 像素（{mp:.0} 百万像素），超过上限 {limit:.0} 百万像素：文件已损坏或是恶意构造的“解压炸弹”，未解码。"),
        ),
    )
    .values(
        Some(Quantity::num(mp, "MP", format!("{w}×{h}, {mp:.0} MP"))),
        Some(Quantity::text(format!("≤ {limit:.0} MP"))),
    )
    .hint(Text::new(
        "Ask for the original file again; a real panorama of this size should be scaled down before sending.",
        "请重新索取原始文件；如确为超大全景照片，请先缩小后再提交。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        expect(&RULE, "exactly 200 MP", &photo(20_000, 10_000), &p, &[]);
        let bomb = [error("The header claims 100000×100000 pixels (10000 MP), over the limit of 200 MP", "文件头声称 100000×100000 像素（10000 百万像素），超过上限 200 百万像素")];
        expect(&RULE, "a decompression bomb", &photo(100_000, 100_000), &p, &bomb);
        let tight = profile("photo", "[image]\nmax_megapixels = 1\n");
        let over = [error("(2 MP), over the limit of 1 MP", "超过上限 1 百万像素")];
        expect(&RULE, "a layer's limit", &photo(2000, 1000), &tight, &over);
        expect(&RULE, "no image", &video(1920, 1080, 2e7, 60.0), &p, &[]);
    }
}
