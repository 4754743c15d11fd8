//! The author's details (from the form) searched for in the works, beyond a text's body
//! (which `text.author_info` searches): photo captions and EXIF/XMP/IPTC creator fields,
//! a video's metadata tags, subtitle cues, text read on screen (burned-in subtitles and
//! other on-screen text, by OCR), and a document's properties.

use super::form::Form;
use super::AuthorHit;
use crate::facts::Facts;
use crate::text::author::AuthorDetails;

/// The details the works are searched for.
pub fn details(form: &Form) -> AuthorDetails {
    let get = |k| form.get(k).map(str::to_string);
    AuthorDetails {
        name: get("name"),
        unit: get("unit"),
        phone: get("phone"),
        email: get("email"),
    }
}

/// Where the form's details appear in the metadata, captions and subtitles of `facts`.
pub fn search(facts: &Facts, form: &Form, file: &str) -> Vec<AuthorHit> {
    let details = details(form);
    let id: Option<String> = form
        .get("id_number")
        .map(|s| {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_uppercase()
        })
        .filter(|s| s.len() >= 15);
    let mut places: Vec<(String, &str)> = Vec::new();
    if let Some(img) = &facts.image {
        for t in img.captions.iter().chain(&img.creators) {
            places.push((t.source.clone(), &t.text));
        }
        if let Some(e) = &img.exif {
            for (tag, v) in [
                ("EXIF Artist", &e.artist),
                ("EXIF Copyright", &e.copyright),
                ("EXIF XPComment", &e.xp_comment),
                ("EXIF UserComment", &e.user_comment),
            ] {
                if let Some(v) = v {
                    places.push((tag.to_string(), v));
                }
            }
        }
    }
    if let Some(c) = &facts.container {
        for (k, v) in &c.metadata {
            places.push((format!("metadata {k}"), v));
        }
    }
    for s in &facts.subtitles {
        for l in &s.lines {
            places.push((
                format!(
                    "{} cue {} ({})",
                    s.source,
                    l.cue,
                    crate::finding::clock(l.start_s)
                ),
                &l.text,
            ));
        }
    }
    if let Some(f) = facts.frames() {
        for t in &f.screen_text {
            let at = crate::finding::clock(t.time_s);
            places.push((format!("on screen at {at} (OCR)"), &t.text));
        }
    }
    if let Some(d) = facts.text.as_ref().and_then(|t| t.docx.as_ref()) {
        for (k, v) in [
            ("docx creator", &d.creator),
            ("docx lastModifiedBy", &d.last_modified_by),
            ("docx Company", &d.company),
        ] {
            if let Some(v) = v {
                places.push((k.to_string(), v));
            }
        }
    }
    let mut hits = Vec::new();
    for (place, text) in places {
        for i in crate::text::author::find(text, &details) {
            hits.push(AuthorHit {
                file: file.to_string(),
                place: place.clone(),
                detail: i.kind,
                masked: i.masked,
            });
        }
        if let Some(id) = &id {
            let squeezed: String = text
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_uppercase();
            if squeezed.contains(id.as_str()) {
                hits.push(AuthorHit {
                    file: file.to_string(),
                    place: place.clone(),
                    detail: "id_number",
                    masked: crate::text::identifiers::mask_middle(id),
                });
            }
        }
        if hits.len() >= crate::text::identifiers::MAX_ITEMS {
            break;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::frames::{Rect, ScreenText};
    use crate::rules::testing::{form, frames, frames_mut};

    #[test]
    fn finds_the_author_on_screen() {
        let mut facts = frames(vec![], vec![]);
        if let Some(f) = frames_mut(&mut facts) {
            f.screen_text = vec![ScreenText {
                time_s: 62.5,
                rect: Rect {
                    x: 700,
                    y: 950,
                    w: 500,
                    h: 50,
                },
                text: "摄影：青山县文化馆 电话15812346157".into(),
                confidence: 0.97,
            }];
        }
        let hits = search(&facts, &form(&[]), "作品.mp4");
        let places: Vec<(&str, &str)> = hits.iter().map(|h| (h.place.as_str(), h.detail)).collect();
        assert_eq!(
            places,
            [
                ("on screen at 00:01:02.500 (OCR)", "unit"),
                ("on screen at 00:01:02.500 (OCR)", "phone")
            ]
        );
        assert!(hits.iter().all(|h| !h.masked.contains("15812346157")));
    }
}
