//! image.metadata_stripped — the photo carries no camera metadata (information).
//!
//! What: no EXIF make, model or capture time at all. Originality cannot be shown from
//! the file; copies forwarded through chat apps and screenshots look like this.
//!
//! Why: the contest asks for original work.
//!
//! Fix: send the original file from the camera or phone (in WeChat, tick "original
//! image"; e-mail the file rather than a screenshot).

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.metadata_stripped",
    default: Severity::Info,
    needs: None,
    doc: super::docs::IMAGE_METADATA_STRIPPED,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks for the metadata findings.
fn applies(p: &Profile) -> bool {
    p.image.metadata
}

/// A photo without make, model and capture time.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = &cx.facts.image else {
        return Vec::new();
    };
    let exif = img.exif.clone().unwrap_or_default();
    if exif.make.is_some() || exif.model.is_some() || exif.date_time_original.is_some() {
        return Vec::new();
    }
    vec![cx.finding(sev,
        Text::new(
            "No camera metadata (make, model, capture time): the photo's originality cannot be shown; forwarded or screenshot copies look like this.",
            "没有相机信息（品牌、型号、拍摄时间）：无法证明照片为原创；经聊天软件转发或截屏的照片常见此情况。",
        ),
    )
    .hint(Text::new(
        "Send the original file from the camera or phone.",
        "请提供相机或手机拍摄的原始文件。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::ExifFacts;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        let stripped = [info("No camera metadata (make, model, capture time)", "没有相机信息（品牌、型号、拍摄时间）")];
        expect(&RULE, "no EXIF", &photo(4000, 3000), &p, &stripped);
        let mut empty_exif = photo(4000, 3000);
        image(&mut empty_exif).exif = Some(ExifFacts::default());
        expect(&RULE, "EXIF without camera fields", &empty_exif, &p, &stripped);
        let mut timed = photo(4000, 3000);
        image(&mut timed).exif = Some(ExifFacts {
            date_time_original: Some("2019-05-01 10:00:00".into()),
            ..ExifFacts::default()
        });
        expect(&RULE, "a capture time", &timed, &p, &[]);
    }
}
