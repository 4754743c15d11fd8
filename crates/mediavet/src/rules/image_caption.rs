//! image.caption — the photo has no explanatory text.
//!
//! What: a caption or title in the metadata — XMP dc:description or dc:title, IPTC
//! Caption-Abstract or Headline (in the character set IPTC declares; undeclared Chinese
//! text is detected as GBK or UTF-8), EXIF ImageDescription, XPTitle, XPComment,
//! XPSubject or UserComment — or a text file beside the photo with the same name and
//! `.txt` (`老屋.jpg` + `老屋.txt`). Cameras' stock descriptions ("OLYMPUS DIGITAL
//! CAMERA", the model name) do not count. The captions found are in the facts.
//!
//! Why: the contest asks for photos with explanatory text (文字说明): what, where, when,
//! and for before/after pairs, what changed.
//!
//! Fix: write the caption into the photo (Windows: Properties → Details → Title or
//! Comments; `exiftool -XMP-dc:Description="说明" photo.jpg`) or put it in a `.txt` file
//! with the photo's name.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.caption",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::IMAGE_CAPTION,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks for captions.
fn applies(p: &Profile) -> bool {
    p.image.caption
}

/// A photo without any caption.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = &cx.facts.image else {
        return Vec::new();
    };
    if !img.captions.is_empty() {
        return Vec::new();
    }
    vec![cx.finding(sev,
        Text::new(
            "The photo has no explanatory text: no caption in EXIF, XMP or IPTC, and no .txt file with the same name beside it.",
            "照片没有文字说明：EXIF、XMP、IPTC 中均无说明，旁边也没有同名的 .txt 文件。",
        ),
    )
    .values(
        Some(Quantity::text("none")),
        Some(Quantity::text("a caption")),
    )
    .hint(Text::new(
        "Add a caption: exiftool -XMP-dc:Description=\"…\" PHOTO.jpg, or Windows Properties → Details → Comments, or a PHOTO.txt beside it.",
        "添加说明：exiftool -XMP-dc:Description=\"……\" 照片.jpg，或在 Windows 属性 → 详细信息 → 备注中填写，或在旁边放同名 .txt 文件。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::Tagged;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        let none = [warning("The photo has no explanatory text", "照片没有文字说明")];
        expect(&RULE, "no caption", &photo(4000, 3000), &p, &none);
        let mut captioned = photo(4000, 3000);
        image(&mut captioned).captions.push(Tagged {
            source: "sidecar 老屋.txt".into(),
            text: "改造后的老屋".into(),
        });
        expect(&RULE, "a sidecar caption", &captioned, &p, &[]);
        expect(&RULE, "not asked", &photo(4000, 3000), &profile("photo", "[image]\ncaption = false\n"), &[]);
    }
}
