//! Explanatory text carried with a photo: the caption fields of EXIF, XMP and IPTC, and a
//! sidecar text file with the same stem, gathered in the order reviewers' tools show them.

use super::exif::ExifFacts;
use super::iptc::IptcText;
use super::xmp::XmpText;
pub use crate::facts::image::Tagged;
use std::path::{Path, PathBuf};

/// Longest sidecar text read, in bytes (a caption, not a manuscript).
const SIDECAR_LIMIT: u64 = 64 << 10;

fn tagged(source: &str, text: &Option<String>) -> Option<Tagged> {
    text.as_ref().map(|t| Tagged {
        source: source.to_string(),
        text: t.clone(),
    })
}

/// Captions and titles in the metadata, camera boilerplate (`OLYMPUS DIGITAL CAMERA`) left out.
pub fn from_metadata(
    exif: Option<&ExifFacts>,
    xmp: Option<&XmpText>,
    iptc: Option<&IptcText>,
) -> Vec<Tagged> {
    let (make, model) = (
        exif.and_then(|e| e.make.as_deref()),
        exif.and_then(|e| e.model.as_deref()),
    );
    let mut out = Vec::new();
    let mut add = |source: &str, text: &Option<String>| {
        out.extend(tagged(source, text).filter(|t| !boilerplate(&t.text, make, model)));
    };
    if let Some(x) = xmp {
        add("XMP dc:description", &x.description);
        add("XMP dc:title", &x.title);
    }
    if let Some(i) = iptc {
        add("IPTC Caption-Abstract", &i.caption);
        add("IPTC Headline", &i.headline);
    }
    if let Some(e) = exif {
        add("EXIF ImageDescription", &e.image_description);
        add("EXIF XPTitle", &e.xp_title);
        add("EXIF XPComment", &e.xp_comment);
        add("EXIF XPSubject", &e.xp_subject);
        add("EXIF UserComment", &e.user_comment);
    }
    out
}

/// Who made the photo, as the metadata says (beside EXIF Artist and Copyright).
pub fn creators(xmp: Option<&XmpText>, iptc: Option<&IptcText>) -> Vec<Tagged> {
    let mut out = Vec::new();
    if let Some(i) = iptc {
        out.extend(tagged("IPTC By-line", &i.by_line));
        out.extend(tagged("IPTC CopyrightNotice", &i.copyright));
    }
    if let Some(x) = xmp {
        out.extend(x.creators.iter().map(|c| Tagged {
            source: "XMP dc:creator".into(),
            text: c.clone(),
        }));
    }
    out
}

/// Text cameras and tools write by default: the maker or model, a stock phrase, a file
/// path, a version number or a hash — nothing a person wrote about the picture.
pub fn boilerplate(text: &str, make: Option<&str>, model: Option<&str>) -> bool {
    let t = text.trim().to_ascii_uppercase();
    let hash = t.len() >= 32 && t.bytes().all(|b| b.is_ascii_hexdigit());
    let stock = [
        "DIGITAL CAMERA",
        "SONY DSC",
        "EXIF_JPEG_PICTURE",
        "DEFAULT",
        "PICTURE",
        "IMAGE",
        "SCREENSHOT",
        "DCIM",
        "LEAD TECHNOLOGIES",
        "DCF 1.0",
        "IMAGE-DESCRIPTION",
    ];
    !t.chars().any(char::is_alphabetic)
        || hash
        || [make, model]
            .into_iter()
            .flatten()
            .any(|m| t == m.trim().to_ascii_uppercase())
        || stock
            .iter()
            .any(|s| t == *s || t.ends_with(&format!(" {s}")))
        || t.starts_with("DCIM\\")
        || t.starts_with("LEAD TECHNOLOGIES")
}

/// Extensions of a sidecar caption file.
pub const SIDECAR_EXTENSIONS: [&str; 2] = ["txt", "TXT"];

/// The sidecar text file of `photo`: same folder, same stem, extension `.txt` or `.TXT`
/// (looked up directly, so a folder of many photos is not listed once per photo).
pub fn sidecar_path(photo: &Path) -> Option<PathBuf> {
    crate::sidecar::beside(photo, &SIDECAR_EXTENSIONS).next()
}

/// The caption a sidecar holds (its first 64 KiB, any encoding), or why it could not be read.
pub fn read_sidecar(path: &Path) -> Result<Option<Tagged>, std::io::Error> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(SIDECAR_LIMIT)
        .read_to_end(&mut bytes)?;
    let text = crate::charset::decode(&bytes).text;
    let text = text.trim();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((!text.is_empty()).then(|| Tagged {
        source: format!("sidecar {name}"),
        text: text.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_boilerplate_is_not_a_caption() {
        assert!(boilerplate("OLYMPUS DIGITAL CAMERA", Some("OLYMPUS"), None));
        assert!(boilerplate("  ", None, None));
        assert!(boilerplate(
            "Canon EOS 40D",
            Some("Canon"),
            Some("Canon EOS 40D")
        ));
        assert!(!boilerplate("改造前的老屋", Some("Canon"), None));
        assert!(boilerplate("0.9.142", None, None));
        assert!(boilerplate("DCIM\\100GOPRO\\GOPR0482.JPG", None, None));
        assert!(boilerplate(&"a5cb0155".repeat(8), None, None));
        let exif = ExifFacts {
            image_description: Some("SONY DSC".into()),
            xp_comment: Some("村里的新路".into()),
            ..Default::default()
        };
        let got = from_metadata(Some(&exif), None, None);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].source, "EXIF XPComment");
    }
}
