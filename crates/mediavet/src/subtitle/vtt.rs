//! WebVTT: a `WEBVTT` header, then blocks; cue blocks have an optional identifier line
//! and a timing line with optional settings. NOTE, STYLE and REGION blocks are skipped.

use super::srt::{snippet, timing};
use super::{strip_markup, SubtitleFacts};

/// Parses WebVTT text into `facts`.
pub(super) fn parse(text: &str, facts: &mut SubtitleFacts) {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    // The header block runs to the first blank line.
    while i < lines.len() && !lines[i].trim().is_empty() {
        i += 1;
    }
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < lines.len() && !lines[end].trim().is_empty() {
            end += 1;
        }
        let first = lines[i].trim_start();
        let skipped = ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| first == *k || first.starts_with(&format!("{k} ")));
        if !skipped {
            let timing_at = if lines[i].contains("-->") { i } else { i + 1 };
            match (timing_at < end)
                .then(|| timing(lines[timing_at]))
                .flatten()
            {
                Some((start, stop)) => {
                    let body = lines[timing_at + 1..end].join("\n");
                    facts.cue(&strip_markup(&body), start, stop);
                }
                None => facts.error(
                    timing_at.min(end - 1) + 1,
                    format!(
                        "expected a timing line like \"00:00:01.000 --> 00:00:02.500\", found \"{}\"",
                        snippet(lines[timing_at.min(end - 1)])
                    ),
                ),
            }
        }
        i = end;
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
