//! Audio: decode a track once and measure its levels.

mod ffmpeg;
mod histogram;
mod kweight;
pub use crate::facts::audio as levels;
mod measure;
mod meter;
mod native;
mod pcm;
mod truepeak;
mod vu;

pub use levels::AudioLevels;
pub use measure::{apply, measure, Measured};
pub use meter::{Meter, MeterSettings};

/// 0 VU = a −20 dBFS sine (SMPTE RP155); −18 dBFS is EBU R68.
pub const DEFAULT_VU_REFERENCE_DBFS: f64 = -20.0;
