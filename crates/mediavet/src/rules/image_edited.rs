//! image.edited — the photo's Software tag names an image editor (information).
//!
//! What: EXIF Software mentions Photoshop, Lightroom, GIMP, Meitu 美图秀秀, Snapseed,
//! PicsArt, Affinity, Capture One, Pixelmator, Paint.NET or darktable.
//!
//! Why: reviewers of a true-story contest want to know whether a picture was retouched.
//!
//! Fix: nothing to fix when the editing was light (exposure, crop); send the unedited
//! original alongside when asked.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.edited",
    default: Severity::Info,
    needs: None,
    doc: super::docs::IMAGE_EDITED,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks for the metadata findings.
fn applies(p: &Profile) -> bool {
    p.image.metadata
}

/// Editors whose name in Software marks an edited photo (lower case).
const EDITORS: [&str; 12] = [
    "photoshop",
    "lightroom",
    "gimp",
    "meitu",
    "美图",
    "snapseed",
    "picsart",
    "affinity",
    "capture one",
    "pixelmator",
    "paint.net",
    "darktable",
];

/// Software that names an editor.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let software = cx
        .facts
        .image
        .as_ref()
        .and_then(|i| i.exif.as_ref())
        .and_then(|e| e.software.as_deref());
    let Some(sw) = software.filter(|s| {
        let lower = s.to_lowercase();
        EDITORS.iter().any(|e| lower.contains(e))
    }) else {
        return Vec::new();
    };
    vec![cx.finding(sev,
        Text::new(
            format!("Edited with {sw} (EXIF Software)."),
            format!("经 {sw} 编辑（EXIF Software）。"),
        ),
    )
    .values(Some(Quantity::text(sw)), None)]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::ExifFacts;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        let by = |software: &str| {
            let mut facts = photo(4000, 3000);
            image(&mut facts).exif = Some(ExifFacts {
                software: Some(software.into()),
                ..ExifFacts::default()
            });
            facts
        };
        let edited = [info("Edited with Adobe Photoshop CC 2019 (Windows) (EXIF Software).", "经 Adobe Photoshop CC 2019 (Windows) 编辑（EXIF Software）。")];
        expect(&RULE, "Photoshop", &by("Adobe Photoshop CC 2019 (Windows)"), &p, &edited);
        expect(&RULE, "camera firmware", &by("HDR+ 1.0.199571065z"), &p, &[]);
        expect(&RULE, "no EXIF", &photo(4000, 3000), &p, &[]);
    }
}
