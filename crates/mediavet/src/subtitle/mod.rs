//! Subtitles: SubRip (.srt), WebVTT (.vtt) and Advanced SubStation (.ass/.ssa) files,
//! recognised by content, and timed-text (tx3g/mov_text) tracks of MP4/QuickTime files.
//! Facts: cues, script (Simplified or Traditional, by cue), styles where the format has
//! them, and parse errors with their line.

mod ass;
mod srt;
pub mod tx3g;
mod vtt;

pub use crate::facts::subtitle::{CueAt, Format, ParseError, Style, SubtitleFacts};
use crate::script::ScriptFacts;
use std::path::{Path, PathBuf};

/// File-name extensions a video's subtitle sidecars may have.
pub const SIDECAR_EXTENSIONS: [&str; 8] = ["srt", "SRT", "ass", "ASS", "ssa", "SSA", "vtt", "VTT"];

/// Parse errors kept per file (the count says how many there were).
pub const MAX_ERRORS: usize = 20;

impl crate::script::Place for CueAt {
    fn describe(&self) -> (String, String) {
        let t = clock(self.start_s);
        (
            format!("cue {} at {t}", self.cue),
            format!("第 {} 条（{t}）", self.cue),
        )
    }
}

pub use crate::facts::subtitle::CueText;
pub use crate::finding::clock;

/// Most cue texts kept per file (for searching them for the author's details).
const MAX_LINES: usize = 10_000;

impl SubtitleFacts {
    /// Empty facts for `source` in `format`.
    pub fn new(source: String, format: Format, encoding: Option<&'static str>) -> Self {
        SubtitleFacts {
            source,
            format,
            encoding,
            cues: 0,
            end_s: 0.0,
            script: ScriptFacts::new(),
            styles: Vec::new(),
            errors: Vec::new(),
            error_count: 0,
            lines: Vec::new(),
        }
    }

    /// Counts one cue of `text` (markup already removed) from `start_s` to `end_s`.
    pub fn cue(&mut self, text: &str, start_s: f64, end_s: f64) {
        self.cues += 1;
        self.end_s = self.end_s.max(end_s);
        let at = CueAt {
            cue: self.cues,
            start_s,
        };
        self.script.add(text, &at);
        if self.lines.len() < MAX_LINES {
            self.lines.push(CueText {
                cue: self.cues,
                start_s,
                text: text.chars().take(200).collect(),
            });
        }
    }

    /// Records a parse error at `line`.
    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.error_count += 1;
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(ParseError {
                line,
                message: message.into(),
            });
        }
    }
}

/// The subtitle format of a decoded text, from its content; `None` when it is not one.
pub fn detect(text: &str) -> Option<Format> {
    let head: String = text
        .trim_start_matches('\u{FEFF}')
        .chars()
        .take(2048)
        .collect();
    let first = head.lines().map(str::trim).find(|l| !l.is_empty())?;
    if first.starts_with("WEBVTT") {
        return Some(Format::Vtt);
    }
    if first.eq_ignore_ascii_case("[Script Info]") {
        // The styles section tells v4 (SSA) from v4+ (ASS); the parser looks again.
        let ssa = head.to_ascii_lowercase().contains("[v4 styles]");
        return Some(if ssa { Format::Ssa } else { Format::Ass });
    }
    let mut lines = head.lines().map(str::trim).skip_while(|l| l.is_empty());
    let number = lines.next()?;
    let timing = lines.next()?;
    (number.chars().all(|c| c.is_ascii_digit()) && srt::timing(timing).is_some())
        .then_some(Format::Srt)
}

/// The format a file name claims (`.srt` …).
fn format_of_extension(ext: &str) -> Option<Format> {
    match ext.to_ascii_lowercase().as_str() {
        "srt" => Some(Format::Srt),
        "vtt" => Some(Format::Vtt),
        "ass" => Some(Format::Ass),
        "ssa" => Some(Format::Ssa),
        _ => None,
    }
}

/// The subtitles of a decoded text file: its format from its content, else from the
/// extension its name gives (so a broken .srt still reports its errors); `None` when it
/// is neither.
pub fn from_text(
    text: &str,
    extension: Option<&str>,
    source: String,
    encoding: &'static str,
) -> Option<SubtitleFacts> {
    let format = detect(text).or_else(|| extension.and_then(format_of_extension))?;
    Some(parse(text, format, source, encoding))
}

/// Parses a decoded subtitle file.
pub fn parse(text: &str, format: Format, source: String, encoding: &'static str) -> SubtitleFacts {
    let mut facts = SubtitleFacts::new(source, format, Some(encoding));
    let text = text.trim_start_matches('\u{FEFF}');
    match format {
        Format::Srt => srt::parse(text, &mut facts),
        Format::Vtt => vtt::parse(text, &mut facts),
        Format::Ass | Format::Ssa => ass::parse(text, &mut facts),
        Format::Tx3g => {}
    }
    facts
}

/// Subtitle files beside a video: same folder, same stem, a subtitle extension in lower
/// or upper case.
pub fn sidecars(video: &Path) -> Vec<PathBuf> {
    crate::sidecar::beside(video, &SIDECAR_EXTENSIONS).collect()
}

/// Splits subtitle files that sit beside a video in `files` (same folder and stem) from
/// the rest: they are checked as part of that video.
pub fn split_sidecars(files: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    crate::sidecar::split(files, &SIDECAR_EXTENSIONS)
}

/// Removes markup that is not text: `<i>`-style tags and `{\an8}`-style overrides.
pub(crate) fn strip_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth_angle = false;
    let mut depth_brace = false;
    for c in s.chars() {
        match c {
            '<' if !depth_brace => depth_angle = true,
            '>' if depth_angle => depth_angle = false,
            '{' if !depth_angle => depth_brace = true,
            '}' if depth_brace => depth_brace = false,
            _ if !depth_angle && !depth_brace => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(
            detect("1\n00:00:01,000 --> 00:00:02,000\n你好\n"),
            Some(Format::Srt)
        );
        assert_eq!(detect("\u{FEFF}WEBVTT\n\n"), Some(Format::Vtt));
        assert_eq!(
            detect("[Script Info]\nScriptType: v4.00+\n"),
            Some(Format::Ass)
        );
        assert_eq!(detect("[Script Info]\n[V4 Styles]\n"), Some(Format::Ssa));
        assert_eq!(detect("七年前，村口还是泥巴路。\n"), None);
        assert_eq!(strip_markup("{\\an8}<i>你好</i>"), "你好");
        assert_eq!(clock(3723.5), "01:02:03.500");
    }
}
