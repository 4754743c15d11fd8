//! image.metadata_stripped — the photo carries no camera metadata (information).
//!
//! What: no EXIF make, model or capture time at all. Originality cannot be shown from
//! the file; copies forwarded through chat apps and screenshots look like this.
//!
//! Why: the contest asks for original work.
//!
//! Fix: send the original file from the camera or phone (in WeChat, tick "original
//! image"; e-mail the file rather than a screenshot).

use super::Ctx;
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// Applies when the profile asks for the metadata findings.
pub fn applies(p: &Profile) -> bool {
    p.image.metadata == Some(true)
}

/// A photo without make, model and capture time.
pub fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = &cx.facts.image else {
        return Vec::new();
    };
    let exif = img.exif.clone().unwrap_or_default();
    if exif.make.is_some() || exif.model.is_some() || exif.date_time_original.is_some() {
        return Vec::new();
    }
    vec![Finding::new(
        "image.metadata_stripped",
        sev,
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
