//! The photo profile on real photos: size, capture date and metadata findings, and a PNG
//! in disguise. Corpus cases skip cleanly when ../shared/corpus is absent.

mod common;

use common::{corpus, fixture};
use mediavet::{check_path, Profile, Severity, Verdict};

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

    // 100×68, shot 2008-05-30, Software "GIMP 2.4.5".
    let r = check("exs_Canon_40D.jpg");
    assert_eq!(
        rules(&r),
        [
            ("image.resolution", Severity::Error),
            ("media.date", Severity::Warning),
            ("image.edited", Severity::Info),
        ]
    );
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
    // A 5184×3456 camera original inside the period passes.
    let r = check("exifr_canon-dslr.jpg");
    assert_eq!(r.verdict, Verdict::Pass, "{:?}", rules(&r));
    assert_eq!(r.facts.image.as_ref().unwrap().width, 5184);
}
