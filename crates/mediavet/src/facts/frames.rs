//! Frame facts: what the sampled pictures of a video show (marks, QR codes), in displayed
//! pixels.

use serde::Serialize;

/// Why a video's frames cannot show whether it carries a mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inconclusive {
    /// Fewer than [`MIN_FRAMES`](crate::video::MIN_FRAMES) keyframes could be sampled.
    FewKeyframes,
    /// The picture is narrower than [`MIN_WIDTH`] pixels.
    SmallPicture,
    /// Under half of the textured picture keeps changing between samples.
    StaticPicture,
}

/// A persistent mark (watermark, logo, channel bug, user ID) in the displayed picture.
#[derive(Debug, Clone, Serialize)]
pub struct WatermarkFact {
    /// Bounding box in displayed pixels.
    #[serde(rename = "box")]
    pub rect: Rect,
    /// Share of the sampled frames showing it.
    pub share: f64,
    /// Time of the first sampled frame showing it, seconds.
    pub first_s: f64,
    /// Time of the last sampled frame showing it, seconds.
    pub last_s: f64,
    /// 0–1: √(share of its edge pixels present in 95% of frames and pointing the same way
    /// × share of the picture around it that changes).
    pub confidence: f64,
}

/// A QR code seen in a sampled frame.
#[derive(Debug, Clone, Serialize)]
pub struct QrFact {
    /// Time of the frame, seconds.
    pub time_s: f64,
    /// Decoded text; `None` when the code was found but could not be read.
    pub content: Option<String>,
    /// Bounding box in displayed pixels.
    #[serde(rename = "box")]
    pub rect: Rect,
}

/// A sampled keyframe that did not decode.
#[derive(Debug, Clone, Serialize)]
pub struct FailedFrame {
    /// Decode time, seconds.
    pub time_s: f64,
    /// Why.
    pub why: String,
}

/// What the sampled frames of a video show.
#[derive(Debug, Clone, Serialize)]
pub struct FrameFacts {
    /// `openh264`, or `ffmpeg (why)`.
    pub decoder: String,
    /// Keyframes in the track (0 when the tables do not place them).
    pub keyframes_available: usize,
    /// Frames decoded between keyframes because the track has fewer than were asked for
    /// (kept for the search, or decoded as their references).
    pub decoded_between: usize,
    /// Times of the frames analysed, seconds.
    pub times_s: Vec<f64>,
    /// Perceptual fingerprints of the analysed frames that are not flat, for finding the
    /// same video twice.
    pub fingerprints: Vec<super::Fingerprint>,
    /// Sampled keyframes that did not decode.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<FailedFrame>,
    /// Size of the grey pictures the watermark search ran on.
    pub analysis_size: [usize; 2],
    /// The picture inside letterbox/pillarbox bars, displayed pixels.
    pub active_area: Rect,
    /// Share of the active picture that changes between samples (0–1).
    pub change_share: f64,
    /// Why marks cannot be told from the scene in this video, when they cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inconclusive: Option<Inconclusive>,
    /// The halves and thirds of the video hold too few frames to be searched on their
    /// own (fewer than [`WINDOWED_FRAMES`](crate::video::WINDOWED_FRAMES) analysed), so a mark that
    /// moves between corners cannot be ruled out.
    pub moving_marks_inconclusive: bool,
    /// Persistent marks found, strongest first.
    pub watermarks: Vec<WatermarkFact>,
    /// QR codes seen.
    pub qr_codes: Vec<QrFact>,
    /// Subtitles burned into the picture, when they were searched for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitles: Option<BurnedSubtitles>,
    /// Text read on screen (subtitle lines and other text), for the advert search.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub screen_text: Vec<ScreenText>,
}

/// What is seen next to a subtitle's strokes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// A darker copy of the strokes offset to one side (a drop shadow).
    Shadow,
    /// A dark edge all round the strokes.
    Outline,
    /// Neither.
    None,
}

/// The class of a typeface, as its strokes show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FontClass {
    /// 黑体: even strokes without serifs (SimHei, and faces like it: Microsoft YaHei,
    /// PingFang, Source Han Sans, WenQuanYi Micro Hei cannot be told apart by pixels).
    Hei,
    /// 宋体/明体: thin horizontals, thick verticals, serifs.
    Song,
    /// 楷体: brush strokes of varying width.
    Kai,
}

/// One subtitle line burned into the picture, as read and measured.
#[derive(Debug, Clone, Serialize)]
pub struct BurnedLine {
    /// The text read (OCR).
    pub text: String,
    /// OCR confidence (mean symbol probability, 0–1).
    pub confidence: f64,
    /// Times of the frames it was seen in, seconds.
    pub times_s: Vec<f64>,
    /// Its glyphs' box in displayed pixels (first frame).
    #[serde(rename = "box")]
    pub rect: Rect,
    /// Horizontal centre minus the picture's centre, as a share of the width (+ right).
    pub centre_offset: f64,
    /// Glyph height (tallest strokes) in pixels of a 1080-line picture.
    pub glyph_height_1080: f64,
}

/// Subtitles burned into the picture.
#[derive(Debug, Clone, Serialize)]
pub struct BurnedSubtitles {
    /// What read them: the OCR models, or why they could not be used.
    pub ocr: String,
    /// Whether OCR ran (when not, lines are not reported: the text decides what a
    /// subtitle is).
    pub read: bool,
    /// Readings below this confidence are not evidence.
    pub min_confidence: f64,
    /// The distinct lines, in time order.
    pub lines: Vec<BurnedLine>,
    /// Median over every crop of the lines: horizontal centre minus the picture's centre,
    /// as a share of the width (+ right).
    pub centre_offset: f64,
    /// Median over every crop of the lines: glyph height in 1080-line pixels.
    pub glyph_height_1080: f64,
    /// Shadow or outline seen beside the strokes (most crops' verdict); `None` when the
    /// scene behind is too dark to tell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// Typeface class, when the strokes tell it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<FontClass>,
    /// Median vertical stroke width over horizontal stroke thickness (Hei ≈ 1.0–1.15,
    /// Song/Ming ≥ 1.5, Kai 1.2–1.5).
    pub stroke_contrast: f64,
    /// Median share of runs across horizontal strokes at least twice their typical
    /// thickness (Hei ≤ 0.2; Kai's swelling brush strokes ≥ 0.25).
    pub stroke_spread: f64,
}

/// Text read on screen.
#[derive(Debug, Clone, Serialize)]
pub struct ScreenText {
    /// Time of the frame, seconds.
    pub time_s: f64,
    /// Box in displayed pixels.
    #[serde(rename = "box")]
    pub rect: Rect,
    /// The text.
    pub text: String,
    /// OCR confidence (0–1).
    pub confidence: f64,
}

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: usize,
    /// Width.
    pub w: usize,
    /// Height.
    pub h: usize,
}
