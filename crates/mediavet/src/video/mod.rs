//! Video pictures: keyframes sampled over the duration, decoded to grey, and searched for
//! watermarks, logos and QR codes.

mod analysis;
mod bars;
mod debug;
mod display;
mod frames;
mod glyphs;
mod h264;
mod likeness;
mod luma;
mod persistence;
mod qr;
mod regions;
mod subtitles;
mod textlines;
mod watermark;

pub use analysis::{
    analyse, FailedFrame, FrameFacts, FrameSettings, Inconclusive, Keep, QrFact, WatermarkFact,
    MIN_FRAMES, MIN_WIDTH, SHEET_FRAMES,
};
pub use bars::Rect;
pub use frames::{
    decoding_turn_free, sample_keyframes, sample_keyframes_with, Frame, Sampled, SampledFrames,
};
pub use luma::Luma;
pub use watermark::WINDOWED_FRAMES;
