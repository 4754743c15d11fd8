//! Video pictures: keyframes sampled over the duration and decoded to grey.

mod frames;
mod h264;
mod luma;

pub use frames::{sample_keyframes, spread, Frame, SampledFrames};
pub use luma::Luma;
