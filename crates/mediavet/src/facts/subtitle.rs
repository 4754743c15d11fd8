//! Subtitle facts: cues, script, styles and parse errors of a subtitle file or track.

use crate::script::ScriptFacts;
use serde::Serialize;

/// A subtitle format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// SubRip.
    Srt,
    /// WebVTT.
    Vtt,
    /// Advanced SubStation Alpha (v4+).
    Ass,
    /// SubStation Alpha (v4).
    Ssa,
    /// 3GPP timed text in an MP4/QuickTime track (tx3g, ffmpeg's mov_text).
    Tx3g,
}

/// Where a cue is: its number (from 1) and start time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CueAt {
    /// Cue number, from 1, in file order.
    pub cue: usize,
    /// Start time in seconds.
    pub start_s: f64,
}

/// A style as the format states it (ASS/SSA style lines; a tx3g sample entry's default
/// style and font table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Style {
    /// Style name (`Default`; `default` for tx3g).
    pub name: String,
    /// Font name.
    pub font: Option<String>,
    /// Font size (ASS: script pixels; tx3g: pixels of the text box).
    pub size: Option<f64>,
    /// Horizontally centred.
    pub centred: Option<bool>,
    /// Shadow depth; `None` when the format cannot store one (tx3g).
    pub shadow: Option<f64>,
    /// Cues that use it.
    pub cues: usize,
}

/// A parse error and its line (from 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseError {
    /// Line number, from 1 (for a track: the sample number).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One subtitle file or track.
#[derive(Debug, Clone, Serialize)]
pub struct SubtitleFacts {
    /// The file (path as found) or `track N`.
    pub source: String,
    /// Its format.
    pub format: Format,
    /// Encoding the file was read in (`None` for tracks, which are UTF-8/UTF-16).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// Cues read.
    pub cues: usize,
    /// End of the last cue, seconds.
    pub end_s: f64,
    /// Simplified or Traditional, with the first Traditional characters by cue.
    pub script: ScriptFacts<CueAt>,
    /// Styles (ASS/SSA, tx3g), with the number of cues using each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub styles: Vec<Style>,
    /// The first [`MAX_ERRORS`] parse errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ParseError>,
    /// How many parse errors there were in all.
    pub error_count: usize,
    /// The cues' text (at most 10 000, 200 characters each), not serialised.
    #[serde(skip)]
    pub lines: Vec<CueText>,
}

/// One cue's text.
#[derive(Debug, Clone, PartialEq)]
pub struct CueText {
    /// Cue number, from 1.
    pub cue: usize,
    /// Start time in seconds.
    pub start_s: f64,
    /// The text, markup removed.
    pub text: String,
}
