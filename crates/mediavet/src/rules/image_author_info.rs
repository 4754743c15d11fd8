//! image.author_info — the photo's metadata names the author or the place.
//!
//! What: EXIF Artist, Copyright, or a GPS position; IPTC By-line or CopyrightNotice;
//! XMP dc:creator.
//!
//! Why: reviewing is anonymous; these show reviewers who took the photo and where.
//!
//! Fix: clear them, keeping the capture time:
//! `exiftool -Artist= -Copyright= -gps:all= -By-line= -CopyrightNotice= -XMP-dc:Creator= photo.jpg`.

use super::{Check, Ctx, Rule};
use crate::finding::{Finding, Quantity, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "image.author_info",
    default: Severity::Warning,
    needs: None,
    doc: super::docs::IMAGE_AUTHOR_INFO,
    applies,
    check: Check::File(check),
};

/// Applies when the profile asks for the metadata findings.
fn applies(p: &Profile) -> bool {
    p.image.metadata
}

/// Artist, Copyright, GPS and the IPTC/XMP creators, listed in one finding.
fn check(cx: &Ctx, sev: Severity) -> Vec<Finding> {
    let Some(img) = cx.facts.image.as_ref() else {
        return Vec::new();
    };
    let mut revealing = Vec::new();
    if let Some(exif) = &img.exif {
        if let Some(a) = &exif.artist {
            revealing.push(format!("Artist \"{a}\""));
        }
        if let Some(c) = &exif.copyright {
            revealing.push(format!("Copyright \"{c}\""));
        }
        if let Some(g) = exif.gps {
            revealing.push(format!("GPS {:.5}, {:.5}", g.latitude, g.longitude));
        }
    }
    for c in &img.creators {
        revealing.push(format!("{} \"{}\"", c.source, c.text));
    }
    if revealing.is_empty() {
        return Vec::new();
    }
    let list = revealing.join("; ");
    vec![cx.finding(sev,
        Text::new(
            format!("The metadata names the author or the place: {list}."),
            format!("元数据透露了作者或地点：{list}。"),
        ),
    )
    .values(Some(Quantity::text(list)), None)
    .hint(Text::new(
        "Clear them: exiftool -Artist= -Copyright= -gps:all= -By-line= -CopyrightNotice= -XMP-dc:Creator= PHOTO.jpg (the capture time stays).",
        "清除方法：exiftool -Artist= -Copyright= -gps:all= -By-line= -CopyrightNotice= -XMP-dc:Creator= 照片.jpg（拍摄时间保留）。",
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::facts::image::{ExifFacts, Gps, Tagged};
    use crate::rules::testing::*;

    #[test]
    fn table() {
        let p = profile("photo", "");
        expect(&RULE, "nothing revealing", &photo(4000, 3000), &p, &[]);
        let mut named = photo(4000, 3000);
        let img = image(&mut named);
        img.exif = Some(ExifFacts {
            artist: Some("王秀英".into()),
            gps: Some(Gps {
                latitude: 28.2,
                longitude: 112.9,
            }),
            ..ExifFacts::default()
        });
        img.creators.push(Tagged {
            source: "XMP dc:creator".into(),
            text: "王秀英".into(),
        });
        let all = [warning("The metadata names the author or the place: Artist \"王秀英\"; GPS 28.20000, 112.90000; XMP dc:creator \"王秀英\".", "元数据透露了作者或地点：Artist \"王秀英\"; GPS 28.20000, 112.90000; XMP dc:creator \"王秀英\"。")];
        expect(&RULE, "artist, GPS and creator", &named, &p, &all);
        expect(&RULE, "not asked", &named, &profile("photo", "[image]\nmetadata = false\n"), &[]);
    }
}
