//! Photo facts against exiftool on every JPEG of ../shared/corpus/image: frame size,
//! capture date, make, model, software, GPS position and every caption field (XMP
//! dc:description/title, IPTC Caption-Abstract/Headline, EXIF ImageDescription, XP*,
//! UserComment); the quality estimate against ImageMagick's. The damaged files must give
//! problems, never a panic. Skips cleanly without exiftool/ImageMagick or the corpus.

use crate::common;

use common::{corpus_files, skip};
use mediavet::kind::FileKind;
use serde_json::Value;
use std::process::Command;

/// Our caption source and the exiftool tag it must agree with.
const CAPTIONS: &[(&str, &str)] = &[
    ("XMP dc:description", "XMP-dc:Description"),
    ("XMP dc:title", "XMP-dc:Title"),
    ("IPTC Caption-Abstract", "IPTC:Caption-Abstract"),
    ("IPTC Headline", "IPTC:Headline"),
    ("EXIF ImageDescription", "EXIF:ImageDescription"),
    ("EXIF XPTitle", "EXIF:XPTitle"),
    ("EXIF XPComment", "EXIF:XPComment"),
    ("EXIF XPSubject", "EXIF:XPSubject"),
    ("EXIF UserComment", "EXIF:UserComment"),
];

/// Differences understood and kept (file, field, why).
const EXPLAINED: &[(&str, &str, &str)] = &[
    (
        "exifr_broken1.jpg",
        "EXIF UserComment",
        "the field is 4 bytes, \"ASCI\", shorter than its 8-byte character-code prefix: exiftool shows the bytes, we read no comment",
    ),
    (
        "androidx_samsung_s20ultra_motion-photo-shortened.jpg",
        "gps",
        "the GPS IFD holds a longitude of 0 and no latitude: exiftool shows the longitude, we report no position (an incomplete one places nobody)",
    ),
    (
        "exiv2_issue_853_poc.jpg",
        "image",
        "a crash proof of concept: a segment length runs into bytes that are not a marker; exiftool reads on and reports its size, we report the damage (a problem, not facts)",
    ),
];

#[test]
fn jpeg_facts_agree_with_exiftool() {
    let files: Vec<_> = corpus_files("image")
        .into_iter()
        .filter(|p| mediavet::probe_path(p).is_ok_and(|f| f.kind == FileKind::Jpeg))
        .collect();
    let Ok(out) = Command::new("exiftool")
        .args(["-j", "-n", "-q", "-q", "-m"])
        .args([
            "-ImageWidth",
            "-ImageHeight",
            "-EXIF:DateTimeOriginal",
            "-EXIF:Make",
        ])
        .args([
            "-EXIF:Model",
            "-EXIF:Software",
            "-GPSLatitude",
            "-GPSLongitude",
        ])
        .args(CAPTIONS.iter().map(|(_, tag)| format!("-{tag}")))
        .args(&files)
        .output()
    else {
        return skip("no exiftool");
    };
    if files.is_empty() {
        return skip("no corpus");
    }
    let oracle: Vec<Value> = serde_json::from_slice(&out.stdout).expect("exiftool JSON");
    let mut differences = Vec::new();
    let mut compared = 0;
    for o in &oracle {
        let path = o["SourceFile"].as_str().unwrap();
        let name = std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let facts = mediavet::probe_path(path.as_ref()).unwrap();
        let Some(img) = &facts.image else {
            assert!(
                !facts.problems.is_empty(),
                "{name}: neither facts nor a problem"
            );
            differences.push((
                name.to_string(),
                "image".to_string(),
                "unreadable here".to_string(),
            ));
            continue;
        };
        compared += 1;
        let exif = img.exif.clone().unwrap_or_default();
        let text = |k: &str| {
            o.get(k)
                .map(|v| match v {
                    Value::String(s) => s.trim().to_string(),
                    other => other.to_string(),
                })
                .filter(|s| !s.is_empty())
        };
        // exiftool -j prints number-like strings as JSON numbers ("1.00" becomes 1.0).
        let same = |ours: &Option<String>, theirs: &Option<String>| match (ours, theirs) {
            (Some(a), Some(b)) => {
                a == b
                    || a.parse::<f64>()
                        .ok()
                        .zip(b.parse::<f64>().ok())
                        .is_some_and(|(x, y)| x == y)
            }
            (a, b) => a == b,
        };
        let mut check = |field: &str, ours: Option<String>, theirs: Option<String>| {
            if !same(&ours, &theirs) {
                differences.push((
                    name.to_string(),
                    field.to_string(),
                    format!("ours {ours:?}, exiftool {theirs:?}"),
                ));
            }
        };
        check("width", Some(img.width.to_string()), text("ImageWidth"));
        check("height", Some(img.height.to_string()), text("ImageHeight"));
        check(
            "date",
            exif.date_time_original.clone(),
            text("DateTimeOriginal").map(|d| mediavet::image::iso_date(&d)),
        );
        check("make", exif.make.clone(), text("Make"));
        check("model", exif.model.clone(), text("Model"));
        check("software", exif.software.clone(), text("Software"));
        // Captions: what exiftool shows, camera boilerplate aside, is what we found.
        for (source, tag) in CAPTIONS {
            let key = tag.split(':').nth(1).unwrap();
            let theirs = text(key).filter(|t| {
                !mediavet::image::boilerplate(t, exif.make.as_deref(), exif.model.as_deref())
            });
            let ours = img
                .captions
                .iter()
                .find(|c| c.source == *source)
                .map(|c| c.text.clone());
            check(source, ours, theirs);
        }
        let near = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-5,
            (None, None) => true,
            _ => false,
        };
        let (lat, lon) = (o["GPSLatitude"].as_f64(), o["GPSLongitude"].as_f64());
        if !near(exif.gps.map(|g| g.latitude), lat) || !near(exif.gps.map(|g| g.longitude), lon) {
            differences.push((
                name.to_string(),
                "gps".to_string(),
                format!("ours {:?}, exiftool {lat:?} {lon:?}", exif.gps),
            ));
        }
    }
    let unexplained: Vec<_> = differences
        .iter()
        .filter(|(f, field, _)| {
            !EXPLAINED
                .iter()
                .any(|(ef, efield, _)| ef == f && efield == field)
        })
        .collect();
    eprintln!("{compared} JPEGs compared with exiftool");
    assert!(compared > 50, "{compared}");
    let lines: Vec<String> = unexplained
        .iter()
        .map(|(f, field, detail)| format!("{f} {field}: {detail}"))
        .collect();
    assert!(
        lines.is_empty(),
        "{} unexplained:\n{}",
        lines.len(),
        lines.join("\n")
    );
}

/// Files whose IJG tables ImageMagick's `%Q` misjudges (file, why).
const QUALITY_EXPLAINED: &[(&str, &str)] = &[
    ("exs_gps_DSCN0010.jpg", "Nikon writes a third table (a copy of the chroma one); tables 0 and 1 are byte for byte those of `cjpeg -quality 84`, ImageMagick says 75"),
    ("exs_gps_DSCN0025.jpg", "as DSCN0010: exactly IJG quality 94, ImageMagick says 91"),
    ("exs_gps_DSCN0042.jpg", "as DSCN0010: exactly IJG quality 93, ImageMagick says 89"),
];

#[test]
fn exact_quality_agrees_with_imagemagick() {
    let files = corpus_files("image");
    if files.is_empty() || Command::new("identify").arg("-version").output().is_err() {
        return skip("no corpus or no ImageMagick");
    }
    let mut compared = 0;
    for path in files {
        let Ok(facts) = mediavet::probe_path(&path) else {
            continue;
        };
        let Some(q) = facts.image.and_then(|i| i.quality).filter(|q| q.exact) else {
            continue;
        };
        let name = path.file_name().unwrap().to_str().unwrap();
        let out = Command::new("identify")
            .args(["-format", "%Q\n"])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(theirs) = text
            .lines()
            .next()
            .and_then(|l| l.trim().parse::<u8>().ok())
        else {
            continue;
        };
        if QUALITY_EXPLAINED.iter().any(|(f, _)| *f == name) {
            assert_ne!(theirs, q.estimate, "{name} is explained as differing");
            continue;
        }
        assert_eq!(
            q.estimate, theirs,
            "{name}: ours {q:?}, ImageMagick {theirs}"
        );
        compared += 1;
    }
    eprintln!("{compared} exact quality estimates agree with ImageMagick");
    assert!(compared >= 50, "{compared}");
}
