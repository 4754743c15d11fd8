//! The photo profile on real photos: size, capture date and metadata findings, and a PNG
//! in disguise. Corpus cases skip cleanly when ../shared/corpus is absent.

mod common;

use common::{corpus, fixture};
use mediavet::{check_path, Profile, Severity};

fn rules(r: &mediavet::Report) -> Vec<(&'static str, Severity)> {
    r.findings.iter().map(|f| (f.rule, f.severity)).collect()
}

#[test]
fn a_png_named_anything_is_not_a_jpeg() {
    let r = check_path(
        &fixture("png_named.mp4"),
        &Profile::builtin("photo").unwrap(),
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "image.format")
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.message.en, "This is a PNG image, not JPEG.");
}

#[test]
fn corpus_photos_get_their_findings() {
    let Some(dir) = corpus("image") else {
        eprintln!("skipped: no corpus");
        return;
    };
    let photo = Profile::builtin("photo").unwrap();
    let check = |name: &str| check_path(&dir.join(name), &photo);

    // 100×68, shot 2008-05-30, Software "GIMP 2.4.5", saved at quality 65 (ImageMagick's
    // `identify -format %Q` says 65 too), no caption.
    let r = check("exs_Canon_40D.jpg");
    assert_eq!(
        rules(&r),
        [
            ("image.resolution", Severity::Error),
            ("media.date", Severity::Warning),
            ("image.quality", Severity::Warning),
            ("image.caption", Severity::Warning),
            ("image.edited", Severity::Info),
        ]
    );
    let quality = r.facts.image.as_ref().unwrap().quality.unwrap();
    assert_eq!((quality.estimate, quality.exact), (65, true));
    assert!(r.findings[1].message.en.contains("2008-05-30"));
    // A GPS position reveals the place.
    let r = check("exs_gps_DSCN0010.jpg");
    let gps = r
        .findings
        .iter()
        .find(|f| f.rule == "image.author_info")
        .unwrap();
    assert!(
        gps.message.en.contains("GPS 43.46745, 11.88513"),
        "{}",
        gps.message.en
    );
    // No EXIF at all: stripped, and no date to confirm.
    let r = check("exifr_noexif.jpg");
    assert!(rules(&r).contains(&("image.metadata_stripped", Severity::Info)));
    assert!(rules(&r).contains(&("media.date", Severity::Warning)));
    // A 5184×3456 camera original inside the period, nearly black (an exposure in the
    // dark): size and date pass, the clarity rule calls it too dark, and it has no caption.
    let r = check("exifr_canon-dslr.jpg");
    assert_eq!(
        rules(&r),
        [
            ("image.sharpness", Severity::Warning),
            ("image.caption", Severity::Warning)
        ]
    );
    assert!(r.findings[0]
        .message
        .en
        .starts_with("The photo is too dark"));
    let img = r.facts.image.as_ref().unwrap();
    assert_eq!(img.width, 5184);
    assert!(img.quality.unwrap().estimate >= 90, "{:?}", img.quality);
    // A captioned camera photo with author and place: the caption is found in XMP, IPTC
    // and EXIF, and passes image.caption.
    let r = check("immich_prairie_falcon.jpg");
    let captions: Vec<&str> = r
        .facts
        .image
        .as_ref()
        .unwrap()
        .captions
        .iter()
        .map(|c| c.source.as_str())
        .collect();
    assert_eq!(
        captions[..3],
        [
            "XMP dc:description",
            "XMP dc:title",
            "IPTC Caption-Abstract"
        ]
    );
    assert!(!rules(&r).iter().any(|(id, _)| *id == "image.caption"));
}
