//! Files beside a file on disk that belong to it: a photo's caption, a video's subtitles.

use crate::facts::{Facts, Problem};
use crate::kind;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// Adds the subtitle files beside a video (same stem: .srt, .ass, .ssa, .vtt).
pub(super) fn add_subtitle_sidecars(path: &Path, facts: &mut Facts) {
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
pub(super) fn add_caption_sidecar(
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
