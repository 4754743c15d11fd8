//! WebVTT: a `WEBVTT` header, then blocks; cue blocks have an optional identifier line
//! and a timing line with optional settings. NOTE, STYLE and REGION blocks are skipped.

use super::srt::{blocks, cue};
use super::SubtitleFacts;

/// Parses WebVTT text into `facts`.
pub(super) fn parse(text: &str, facts: &mut SubtitleFacts) {
    let lines: Vec<&str> = text.lines().collect();
    // The first block is the header.
    for (first, block) in blocks(&lines).skip(1) {
        let head = block[0].trim_start();
        let skipped = ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| head == *k || head.starts_with(&format!("{k} ")));
        if !skipped {
            cue(block, first, facts, "00:00:01.000 --> 00:00:02.500");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subtitle::Format;

    #[test]
    fn notes_are_skipped_and_ids_allowed() {
        let text = "WEBVTT\n\nNOTE 說明\n\nintro\n00:01.000 --> 00:02.000 line:90%\n<v 甲>你好\n\n00:03.000 --> 00:04.000\n再见\n";
        let mut f = SubtitleFacts::new("x.vtt".into(), Format::Vtt, None);
        parse(text, &mut f);
        assert_eq!((f.cues, f.error_count), (2, 0));
        assert_eq!(f.script.traditional_only, 0, "the NOTE is not a cue");
    }
}
