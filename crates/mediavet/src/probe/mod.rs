//! Probe: facts from a file, no judgement (like MediaInfo).

mod assemble;
mod boxes;
mod chunks;
mod codec_config;
mod first_frame;
mod fragments;
mod iso;
mod language;
mod leaf;
mod metadata;
mod moov;
mod sample_entry;
mod sources;
mod time;
mod timeline;
mod track;

pub use codec_config::aac_name;
pub(crate) use codec_config::avcc as avc_profile;
pub use sample_entry::{AudioDecoding, Pcm};
pub use sources::{
    audio_sources, spread, subtitle_sources, video_sources, AudioSource, Between, Keyframe,
    SubtitleSource, VideoSource, MAX_BETWEEN,
};
pub use time::leading_date;

use crate::facts::{Facts, Problem};
use crate::kind::{self, FileKind};
use crate::Error;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

/// Probes the file at `path` (opened read-only). Errors only when it cannot be opened.
pub fn probe_path(path: &Path) -> Result<Facts, Error> {
    let open_err = |source| Error::Path {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(open_err)?;
    let size = file.metadata().map_err(open_err)?.len();
    let mut reader = BufReader::with_capacity(64 << 10, file);
    let mut facts = probe_reader(&mut reader, size, path);
    if let Some(img) = facts.image.as_mut() {
        add_sidecar(path, img, &mut facts.problems);
    }
    if facts.kind.category() == crate::kind::Category::Video {
        add_subtitle_sidecars(path, &mut facts);
    }
    Ok(facts)
}

/// Adds the subtitle files beside a video (same stem: .srt, .ass, .ssa, .vtt).
fn add_subtitle_sidecars(path: &Path, facts: &mut Facts) {
    for sidecar in crate::subtitle::sidecars(path) {
        let opened = File::open(&sidecar).and_then(|f| Ok((f.metadata()?.len(), f)));
        let read = opened.map(|(size, f)| {
            crate::text::read_decoded(&mut BufReader::new(f), size, &mut facts.problems)
        });
        let Ok(Some((text, encoding, _))) = read else {
            facts.problems.push(Problem::new(
                false,
                None,
                format!("subtitle file {} unreadable", sidecar.display()),
                format!("字幕文件 {} 无法读取", sidecar.display()),
            ));
            continue;
        };
        let ext = kind::extension(&sidecar);
        let source = sidecar.display().to_string();
        let subs = crate::subtitle::from_text(&text, ext.as_deref(), source, encoding);
        facts.subtitles.extend(subs);
    }
}

/// Adds the caption of the photo's sidecar text file, when there is one.
fn add_sidecar(
    path: &Path,
    img: &mut crate::image::ImageFacts,
    problems: &mut Vec<crate::facts::Problem>,
) {
    let Some(sidecar) = crate::image::sidecar_path(path) else {
        return;
    };
    match crate::image::read_sidecar(&sidecar) {
        Ok(caption) => img.captions.extend(caption),
        Err(e) => problems.push(Problem::new(
            false,
            None,
            format!("caption file {} unreadable: {e}", sidecar.display()),
            format!("说明文字文件 {} 无法读取：{e}", sidecar.display()),
        )),
    }
}

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

/// Probes any seekable reader of `size` bytes; `path` is used for naming only.
pub fn probe_reader<R: Read + Seek>(r: &mut R, size: u64, path: &Path) -> Facts {
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
            return facts;
        }
    }
    if matches!(facts.kind, FileKind::Mp4 | FileKind::Mov) {
        facts.container = iso::probe_iso(r, size, &mut facts.problems);
    }
    let kind = facts.kind;
    if facts.container.as_ref().is_some_and(|c| {
        c.tracks
            .iter()
            .any(|t| t.kind == crate::facts::TrackKind::Subtitle)
    }) {
        for src in subtitle_sources(r, size) {
            let subs = crate::subtitle::tx3g::read_track(r, &src);
            facts.subtitles.push(subs);
        }
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
    facts
}
