//! The photo profile on real photos: size, capture date and metadata findings, and a PNG
//! in disguise. Corpus cases skip cleanly when ../shared/corpus is absent.

use crate::common;

use common::{corpus, fixture, skip};
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
        return skip("no corpus");
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

fn photo_check(name: &str) -> mediavet::Report {
    check_path(&common::photo(name), &Profile::builtin("photo").unwrap())
}

fn finding<'a>(r: &'a mediavet::Report, rule: &str) -> Option<&'a mediavet::Finding> {
    r.findings.iter().find(|f| f.rule == rule)
}

#[test]
fn sharp_photo_passes_and_its_blurred_copy_does_not() {
    let sharp = photo_check("sharp.jpg");
    assert_eq!(sharp.verdict, Verdict::Pass, "{:?}", rules(&sharp));
    let s = sharp.facts.image.as_ref().unwrap().sharpness.unwrap();
    assert_eq!((s.working_width, s.working_height), (1024, 576));
    // The 3-pixel Gaussian blur divides the detail measure by about 80.
    let blurred = photo_check("blurred.jpg");
    assert_eq!(rules(&blurred), [("image.sharpness", Severity::Warning)]);
    let b = blurred.facts.image.as_ref().unwrap().sharpness.unwrap();
    assert!(s.focus > 5000.0 && b.focus < 100.0, "{s:?} {b:?}");
    assert!(s.focus > 50.0 * b.focus);
    let f = finding(&blurred, "image.sharpness").unwrap();
    assert!(
        f.message.en.starts_with("The photo looks blurred"),
        "{}",
        f.message.en
    );
    assert_eq!(f.expected.as_ref().unwrap().text, "≥ 100");
}

#[test]
fn recompressed_copy_is_flagged_with_its_quality() {
    let r = photo_check("q40.jpg");
    assert_eq!(rules(&r), [("image.quality", Severity::Warning)]);
    let q = r.facts.image.as_ref().unwrap().quality.unwrap();
    assert_eq!((q.estimate, q.exact), (40, true));
    let q = photo_check("sharp.jpg")
        .facts
        .image
        .unwrap()
        .quality
        .unwrap();
    assert_eq!((q.estimate, q.exact), (90, true));
}

#[test]
fn chinese_captions_are_read_from_every_source() {
    let captions = |name: &str| -> Vec<(String, String)> {
        photo_check(name)
            .facts
            .image
            .unwrap()
            .captions
            .into_iter()
            .map(|c| (c.source, c.text))
            .collect()
    };
    let pair = |s: &str, t: &str| (s.to_string(), t.to_string());
    assert_eq!(
        captions("caption_exif.jpg"),
        [
            pair("EXIF ImageDescription", "村里新修的水泥路"),
            pair("EXIF XPComment", "修路前全是泥巴路")
        ]
    );
    assert_eq!(
        captions("caption_xmp.jpg"),
        [pair("XMP dc:description", "贫困户搬进新房")]
    );
    assert_eq!(
        captions("caption_iptc.jpg"),
        [pair("IPTC Caption-Abstract", "合作社的蔬菜大棚")]
    );
    // GBK without a declared character set, as older Chinese software writes it.
    assert_eq!(
        captions("caption_iptc_gbk.jpg"),
        [pair("IPTC Caption-Abstract", "扶贫车间里的女工")]
    );
    // A GBK text file beside the photo.
    assert_eq!(
        captions("sidecar.jpg"),
        [pair("sidecar sidecar.txt", "村小学的新操场，2019年建成。")]
    );
    let r = photo_check("no_caption.jpg");
    assert!(finding(&r, "image.caption").is_some());
    for name in [
        "caption_exif.jpg",
        "caption_xmp.jpg",
        "caption_iptc.jpg",
        "sidecar.jpg",
    ] {
        assert!(
            finding(&photo_check(name), "image.caption").is_none(),
            "{name}"
        );
    }
}

#[test]
fn authors_in_iptc_and_xmp_and_a_late_date_are_reported() {
    let r = photo_check("author_iptc.jpg");
    let f = finding(&r, "image.author_info").unwrap();
    assert_eq!(
        f.measured.as_ref().unwrap().text,
        "IPTC By-line \"王小明\"; XMP dc:creator \"王小明\""
    );
    let r = photo_check("date_2021.jpg");
    let f = finding(&r, "media.date").unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.en.contains("2021-03-15"), "{}", f.message.en);
}

#[test]
fn other_formats_named_jpg_are_named_and_measured() {
    let r = photo_check("png_named.jpg");
    assert_eq!(
        finding(&r, "image.format").unwrap().message.en,
        "This is a PNG image, not JPEG."
    );
    let img = r.facts.image.as_ref().unwrap();
    assert_eq!((img.width, img.height), (240, 135));
    let r = photo_check("heic_named.jpg");
    let f = finding(&r, "image.format").unwrap();
    assert_eq!(f.message.en, "This is a HEIF/HEIC image, not JPEG.");
    assert!(f.hint.as_ref().unwrap().en.contains("Most Compatible"));
    let img = r.facts.image.as_ref().unwrap();
    assert_eq!((img.width, img.height), (480, 270));
    assert!(img.not_decoded.is_some());
    for (name, kind, what) in [
        ("gif_named.jpg", "gif", "GIF"),
        ("bmp_named.jpg", "bmp", "BMP"),
        ("tiff_named.jpg", "tiff", "TIFF"),
        ("webp_named.jpg", "webp", "WebP"),
    ] {
        let r = photo_check(name);
        assert_eq!(r.facts.kind.name(), kind);
        let f = finding(&r, "image.format").unwrap();
        assert!(f.message.en.contains(what), "{name}: {}", f.message.en);
        let img = r.facts.image.as_ref().unwrap();
        assert_eq!((img.width, img.height), (48, 27), "{name}");
    }
}

#[test]
fn headers_claiming_huge_pictures_are_findings_not_allocations() {
    // A PNG header claiming 100 000 × 100 000 pixels, named .jpg.
    let r = photo_check("bomb_100000.jpg");
    let f = finding(&r, "image.too_large").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.en.contains("100000×100000"), "{}", f.message.en);
    assert!(finding(&r, "image.format").is_some());
    // A JPEG header of 65 500 × 65 500 (4.3 gigapixels) is never decoded.
    let r = photo_check("bomb_65500.jpg");
    assert!(finding(&r, "image.too_large").is_some());
    let img = r.facts.image.as_ref().unwrap();
    assert!(img.sharpness.is_none());
    assert!(img.not_decoded.as_ref().unwrap().en.contains("4290 MP"));
    let f = finding(&r, "image.sharpness").unwrap();
    assert_eq!(f.severity, Severity::Info);
    // A user profile may lower the limit.
    let strict = Profile::builtin("photo")
        .unwrap()
        .overlay("[image]\nmax_megapixels = 1\n", "test")
        .unwrap();
    let r = check_path(&common::photo("sharp.jpg"), &strict);
    assert!(r.findings.iter().any(|f| f.rule == "image.too_large"));
}

#[test]
fn a_photo_cut_short_is_reported_damaged() {
    let r = photo_check("truncated.jpg");
    let f = finding(&r, "file.unreadable").unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.en.contains("picture data ends early"),
        "{}",
        f.message.en
    );
    // Decoded leniently: the part that arrived is still measured.
    assert!(r.facts.image.as_ref().unwrap().sharpness.is_some());
    // Complete files are not called damaged.
    for name in ["sharp.jpg", "q40.jpg", "caption_iptc_gbk.jpg"] {
        assert!(
            finding(&photo_check(name), "file.unreadable").is_none(),
            "{name}"
        );
    }
}

#[test]
fn profile_formats_compare_without_case() {
    let p = Profile::builtin("photo")
        .unwrap()
        .overlay("[image]\nformats = [\"JPEG\"]\n", "test")
        .unwrap();
    let r = check_path(&common::photo("sharp.jpg"), &p);
    assert_eq!(r.verdict, Verdict::Pass, "{:?}", rules(&r));
}

#[test]
fn progressive_and_cmyk_pictures_are_decoded() {
    let reference = photo_check("progressive.jpg");
    let img = reference.facts.image.as_ref().unwrap();
    assert_eq!(img.progressive, Some(true));
    let p = img.sharpness.unwrap();
    // CMYK goes through RGB to luma: the same picture measures within a few percent.
    let r = photo_check("cmyk.jpg");
    let img = r.facts.image.as_ref().unwrap();
    assert_eq!(img.components, Some(4));
    let c = img.sharpness.unwrap();
    assert!((c.focus / p.focus - 1.0).abs() < 0.1, "{c:?} {p:?}");
    for r in [&reference, &r] {
        assert!(finding(r, "file.unreadable").is_none(), "{:?}", rules(r));
    }
}
