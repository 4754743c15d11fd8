//! image.sharpness — the photo looks blurred or out of focus.
//!
//! What: the picture is decoded to grey (luma), scaled to a long side of 1024 pixels so
//! that the measure does not depend on resolution, and filtered with the Laplacian (the
//! second derivative, large on edges and fine detail). The variance of the result is
//! measured in each of 8 × 8 tiles; the mean of the sharpest eighth of the tiles is the
//! photo's focus measure, compared with `[image] min_sharpness` (default 100). Taking the
//! sharpest part keeps a sharp subject before a plain sky or a blurred background from
//! being called blurred. Very dark pictures (mean level under 40 of 255) show little
//! detail too; the message then says the photo is too dark.
//! When the picture could not be decoded the rule says so (information).
//!
//! Why: the contest asks for clear photos (清晰); blur from camera shake, missed focus or
//! heavy resizing shows in print.
//!
//! Fix: send another shot or the original file (not a resized copy); hold the camera
//! steady and let it focus before shooting.

use super::{Check, Ctx, Rule, Need};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.sharpness",
    default: Severity::Warning,
    needs: Some(Need::Pixels),
    doc: super::docs::IMAGE_SHARPNESS,
    applies,
    check: Check::File(check),
};

/// Mean luma under which a picture is called too dark rather than blurred.
const DARK: f64 = 40.0;

/// Applies when the profile sets a least sharpness.
fn applies(p: &Profile) -> bool {
    p.image.min_sharpness.is_some()
}

/// The focus measure against the minimum.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = &cx.facts.image else {
        return Vec::new();
    };
    let min = cx.profile.image.min_sharpness.unwrap_or(0.0);
    let Some(s) = img.sharpness else {
        return img
            .not_decoded
            .iter()
            .map(|why| {
                cx.finding(Severity::Info,
                    Text::new(
                        format!("Sharpness {}.", why.en),
                        format!("清晰度{}。", why.zh),
                    ),
                )
            })
            .collect();
    };
    if s.focus >= min {
        return Vec::new();
    }
    let (what, what_zh) = if s.mean_luma < DARK {
        (
            format!(
                "The photo is too dark to show detail (mean level {:.0} of 255)",
                s.mean_luma
            ),
            format!("照片过暗，看不清细节（平均亮度 {:.0}/255）", s.mean_luma),
        )
    } else {
        (
            "The photo looks blurred or out of focus".to_string(),
            "照片模糊或失焦".to_string(),
        )
    };
    vec![cx.finding(sev,
        Text::new(
            format!(
                "{what}: even its sharpest part has a detail measure of {:.0} (Laplacian variance at 1024 px), under {min:.0}.",
                s.focus
            ),
            format!(
                "{what_zh}：最清晰部分的细节度量为 {:.0}（1024 像素下的拉普拉斯方差），低于 {min:.0}。",
                s.focus
            ),
        ),
    )
    .values(
        Some(Quantity::num(s.focus, "", format!("{:.0}", s.focus))),
        Some(Quantity::num(min, "", format!("≥ {min:.0}"))),
    )
    .hint(Text::new(
        "Send another shot or the original, full-size file; hold the camera steady and let it focus.",
        "请提供另一张照片或原始大图；拍摄时保持相机稳定并等待对焦完成。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::Sharpness;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        let measured = |focus: f64, mean_luma: f64| {
            let mut facts = photo(4000, 3000);
            image(&mut facts).sharpness = Some(Sharpness {
                laplacian_variance: focus / 2.0,
                focus,
                mean_luma,
                working_width: 1024,
                working_height: 768,
            });
            facts
        };
        expect(&RULE, "exactly the minimum", &measured(100.0, 120.0), &p, &[]);
        let blurred = [warning("The photo looks blurred or out of focus: even its sharpest part has a detail measure of 99 (Laplacian variance at 1024 px), under 100.", "照片模糊或失焦：最清晰部分的细节度量为 99（1024 像素下的拉普拉斯方差），低于 100。")];
        expect(&RULE, "just under", &measured(99.0, 120.0), &p, &blurred);
        let dark = [warning("too dark to show detail (mean level 39 of 255)", "照片过暗，看不清细节（平均亮度 39/255）")];
        expect(&RULE, "dark", &measured(10.0, 39.0), &p, &dark);
        let mut undecoded = photo(4000, 3000);
        image(&mut undecoded).not_decoded = Some(crate::finding::Text::new("not measured: damaged", "未测量：已损坏"));
        let said = [info("Sharpness not measured: damaged.", "清晰度未测量：已损坏。")];
        expect(&RULE, "not decoded", &undecoded, &p, &said);
        expect(&RULE, "nothing measured, nothing said", &photo(4000, 3000), &p, &[]);
    }
}
