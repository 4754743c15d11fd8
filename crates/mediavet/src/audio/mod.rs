//! Audio: decode a track once and measure its levels.

mod histogram;
pub mod levels;
mod meter;
mod vu;

pub use levels::AudioLevels;
pub use meter::Meter;
