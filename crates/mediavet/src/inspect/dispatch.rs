//! From the first bytes to the facts of a kind: each reader called once.

use crate::facts::{Facts, Problem};
use crate::isobmff::{Sources, Wants};
use crate::kind::{self, FileKind};
use std::io::{Read, Seek};
use std::path::Path;

/// Reads the text of a Word document. A ZIP whose package has no word-processing
/// document stays a ZIP; one that has is a .docx, whatever its first bytes suggested.
fn probe_docx<R: Read + Seek>(r: &mut R, facts: &mut Facts) {
    if let Err(e) = r.seek(std::io::SeekFrom::Start(0)) {
        facts.problems.push(Problem::new(
            true,
            None,
            format!("read failed: {e}"),
            format!("读取失败：{e}"),
        ));
        return;
    }
    match crate::text::probe_docx(&mut *r, &mut facts.problems) {
        Ok(text) => {
            facts.kind = FileKind::Docx;
            facts.text = Some(text);
        }
        // A ZIP that does not claim to be a document stays a ZIP.
        Err(e) if facts.kind == FileKind::Zip && e.is_no_body() => {}
        // One that has Word parts but no body is a ZIP too, and unreadable as a document.
        Err(e) if e.is_no_body() => {
            facts.kind = FileKind::Zip;
            facts.problems.push(Problem::new(
                true,
                None,
                format!("not a Word document: {e}"),
                format!("不是 Word 文档：{e}"),
            ));
        }
        Err(e) => facts.problems.push(Problem::new(
            true,
            None,
            format!("Word document unreadable: {e}"),
            format!("Word 文档无法读取：{e}"),
        )),
    }
}

/// The facts of any seekable reader of `size` bytes, by the kind its content shows, and
/// the media sources `wants` asks for; `path` is used for naming only. The container is
/// parsed once, here.
pub(super) fn facts_of<R: Read + Seek>(
    r: &mut R,
    size: u64,
    path: &Path,
    wants: Wants,
) -> (Facts, Sources) {
    let mut facts = Facts {
        path: path.display().to_string(),
        size,
        kind: FileKind::Unknown,
        extension: kind::extension(path),
        container: None,
        image: None,
        text: None,
        subtitles: Vec::new(),
        problems: Vec::new(),
        thumbnails: Vec::new(),
    };
    match kind::sniff_reader(r) {
        Ok(k) => facts.kind = k,
        Err(e) => {
            facts.problems.push(Problem::new(
                true,
                Some(0),
                format!("read failed: {e}"),
                format!("读取失败：{e}"),
            ));
            return (facts, Sources::default());
        }
    }
    let mut sources = Sources::default();
    if matches!(facts.kind, FileKind::Mp4 | FileKind::Mov) {
        // Subtitle tracks are read here, whatever the passes: they are facts.
        let wants = Wants {
            subtitles: true,
            ..wants
        };
        let (container, taken) = crate::isobmff::read(r, size, &mut facts.problems, wants);
        (facts.container, sources) = (container, taken);
    }
    let kind = facts.kind;
    for src in std::mem::take(&mut sources.subtitles) {
        let subs = crate::subtitle::tx3g::read_track(r, &src);
        facts.subtitles.push(subs);
    }
    if kind == FileKind::Text {
        let read = r
            .seek(std::io::SeekFrom::Start(0))
            .map(|_| crate::text::read_decoded(&mut *r, size, &mut facts.problems));
        if let Ok(Some((text, encoding, bom))) = read {
            let ext = facts.extension.as_deref();
            match crate::subtitle::from_text(&text, ext, facts.path.clone(), encoding) {
                Some(subs) => {
                    facts.kind = FileKind::Subtitle;
                    facts.subtitles.push(subs);
                }
                None => facts.text = Some(crate::text::TextFacts::of(text, encoding, bom, None)),
            }
        }
    }
    if matches!(kind, FileKind::Docx | FileKind::Zip) {
        probe_docx(r, &mut facts);
    }
    if kind == FileKind::Ole && crate::text::ole::is_encrypted_package(r) {
        facts.kind = FileKind::EncryptedOffice;
    }
    if kind.category() == crate::kind::Category::Image {
        let read = r.seek(std::io::SeekFrom::Start(0)).map(|_| {
            let mut r = crate::image::Buffered::new(64 << 10, &mut *r);
            if kind == FileKind::Jpeg {
                crate::image::probe_jpeg(&mut r, &mut facts.problems)
            } else {
                crate::image::probe_other(&mut r, kind, &mut facts.problems)
            }
        });
        facts.image = read.ok().flatten();
    }
    (facts, sources)
}
