//! entry.author_in_work — the work shows the author's details from the form.
//!
//! What: the name, unit, phone number, e-mail address and ID number given on the form,
//! searched for (spaces ignored, numbers by their digits) in the photos' captions and
//! EXIF/XMP/IPTC creator fields, the videos' metadata tags, subtitle cues, the text read on
//! screen by OCR (burned-in subtitles, captions, credits: "on screen at 00:01:02.500"), and
//! a document's properties (creator, last modified by, company). A text's body is
//! `text.author_info`'s, which searches it for the same details. Each hit names the file
//! and the field or cue, masked.
//!
//! Why: reviewing is anonymous; the rules say no author information may appear in the work.
//!
//! Fix: clear the field (`exiftool -Artist= -XMP-dc:Creator= photo.jpg`;
//! `ffmpeg -i in.mp4 -map_metadata -1 -c copy out.mp4`; in Word, File > Info > Inspect
//! Document), or remove the name from the subtitles.

use super::{Check, EntryCtx, Rule};
use crate::finding::{Finding, Severity, Text};
use crate::profile::Profile;

/// The rule's declaration: its id, default severity, what it needs decoded, its doc.
pub(super) static RULE: Rule = Rule {
    id: "entry.author_in_work",
    default: Severity::Error,
    needs: None,
    doc: super::docs::ENTRY_AUTHOR_IN_WORK,
    applies,
    check: Check::Entry(check),
};

/// Applies to every entry.
fn applies(_p: &Profile) -> bool {
    true
}

/// Each hit.
fn check(cx: &EntryCtx, sev: Severity) -> Vec<Finding> {
    let hits = &cx.entry.author_hits;
    if hits.is_empty() {
        return Vec::new();
    }
    let name = |d: &str| match d {
        "name" => ("name", "姓名"),
        "unit" => ("unit", "单位"),
        "phone" => ("phone number", "电话"),
        "email" => ("e-mail address", "邮箱"),
        _ => ("ID number", "身份证号"),
    };
    let en: Vec<String> = hits.iter().map(|h| format!("{} {}: {} \"{}\"", h.file, h.place, name(h.detail).0, h.masked)).collect();
    let zh: Vec<String> = hits.iter().map(|h| format!("{} {}：{}“{}”", h.file, h.place, name(h.detail).1, h.masked)).collect();
    vec![cx.finding(sev, Text::new(
        format!("The work shows the author's details from the form ({} item(s)): {}.", hits.len(), en.join("; ")),
        format!("作品中出现报名表上的作者信息（{} 处）：{}。", hits.len(), zh.join("；")),
    ))]
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    #[test]
    fn table() {
        use crate::facts::entry::AuthorHit;
        let p = profile("photo", "");
        let mut e = with_form(entry("扶贫征集-自荐-图片类-山路"), form(&[]));
        expect_entry(&RULE, "none", &e, &p, &[]);
        e.author_hits.push(AuthorHit { file: "1.jpg".into(), place: "XMP dc:description".into(), detail: "unit", masked: "青*****".into() });
        expect_entry(&RULE, "caption", &e, &p, &[error("(1 item(s)): 1.jpg XMP dc:description: unit \"青*****\"", "1.jpg XMP dc:description：单位“青*****”")]);
    }
}
