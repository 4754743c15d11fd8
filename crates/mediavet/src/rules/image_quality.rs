//! image.quality — the JPEG has been recompressed heavily.
//!
//! What: the JPEG quality (IJG scale 1–100) estimated from the quantisation tables in the
//! header, against `[image] min_quality` (default 70). Libjpeg-based encoders, ffmpeg,
//! image editors and the chat apps' recompressors write the standard tables scaled to a
//! quality, so for them the estimate is exact; a camera's own tables get the nearest
//! quality (cameras save at 90 or more).
//!
//! Why: photos forwarded through chat apps or saved "for web" are recompressed at 40–70,
//! which leaves blocks and smeared detail that show in print, and they are seldom the
//! original file.
//!
//! Fix: send the original file from the camera or phone (in WeChat, tick "original
//! image"; e-mail the file rather than forwarding it).

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.quality",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::IMAGE_QUALITY,
    applies,
    check: Check::File(check),
};

/// Applies when the profile sets a least quality.
fn applies(p: &Profile) -> bool {
    p.image.min_quality.is_some()
}

/// The estimate against the minimum.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let (Some(q), Some(min)) = (
        cx.facts.image.as_ref().and_then(|i| i.quality),
        cx.profile.image.min_quality,
    ) else {
        return Vec::new();
    };
    if q.estimate >= min {
        return Vec::new();
    }
    let how = if q.exact { "" } else { "about " };
    let how_zh = if q.exact { "" } else { "约" };
    vec![cx.finding(sev,
        Text::new(
            format!(
                "The JPEG was saved at {how}quality {} (under {min}): heavily recompressed, as chat apps do to forwarded photos.",
                q.estimate
            ),
            format!(
                "该 JPEG 的压缩质量为{how_zh} {}（低于 {min}）：经过重度压缩，常见于聊天软件转发的照片。",
                q.estimate
            ),
        ),
    )
    .values(
        Some(Quantity::num(
            f64::from(q.estimate),
            "",
            format!("{how}{}", q.estimate),
        )),
        Some(Quantity::num(f64::from(min), "", format!("≥ {min}"))),
    )
    .hint(Text::new(
        "Send the original file from the camera or phone (in WeChat tick \"original image\", or e-mail the file).",
        "请提供相机或手机中的原始文件（微信发送时勾选“原图”，或通过邮件发送文件）。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::Quality;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        let saved = |estimate: u8, exact: bool| {
            let mut facts = photo(4000, 3000);
            image(&mut facts).quality = Some(Quality { estimate, exact });
            facts
        };
        expect(&RULE, "exactly 70", &saved(70, true), &p, &[]);
        let low = [warning("The JPEG was saved at quality 69 (under 70)", "该 JPEG 的压缩质量为 69（低于 70）")];
        expect(&RULE, "69, IJG tables", &saved(69, true), &p, &low);
        let about = [warning("saved at about quality 50", "压缩质量为约 50")];
        expect(&RULE, "50, other tables", &saved(50, false), &p, &about);
        expect(&RULE, "no tables read", &photo(4000, 3000), &p, &[]);
    }
}
