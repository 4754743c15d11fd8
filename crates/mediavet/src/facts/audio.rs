//! Audio facts: the levels one decode pass over a track measured.

use serde::Serialize;

/// Levels of a whole track, per channel and together.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AudioLevels {
    /// What decoded the audio: `symphonia (AAC)`, `ffmpeg`, …
    pub decoder: String,
    /// Packets the decoder rejected (skipped; the rest was measured).
    pub packets_failed: u64,
    /// Decoded duration in seconds.
    pub duration: f64,
    /// Decoded sample rate.
    pub sample_rate: u32,
    /// Reference of the VU readings: the sine level (dBFS, peak) that reads 0 VU.
    pub vu_reference_dbfs: f64,
    /// Percentile of the 300 ms windows at which `reached_*` levels are read.
    pub level_percentile: f64,
    /// Integrated loudness of the programme (EBU R 128 / ITU-R BS.1770), LUFS.
    pub integrated_lufs: Option<f64>,
    /// Loudness range, LU.
    pub loudness_range_lu: Option<f64>,
    /// Highest momentary (400 ms) loudness, LUFS.
    pub max_momentary_lufs: Option<f64>,
    /// Highest short-term (3 s) loudness, LUFS.
    pub max_short_term_lufs: Option<f64>,
    /// Highest true peak over all channels, dBTP.
    pub true_peak_dbtp: Option<f64>,
    /// Each channel.
    pub channels: Vec<ChannelLevels>,
    /// Channel 1 against channel 2, when there are two or more.
    pub relation: Option<ChannelRelation>,
    /// Silence of the programme (all channels below −60 dBFS).
    pub silence: Silence,
    /// Peak and VU every `interval_s` seconds, per channel, for plots.
    pub trace: Trace,
}

/// One channel's levels.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChannelLevels {
    /// Highest sample magnitude, dBFS.
    pub sample_peak_dbfs: f64,
    /// When it occurs, seconds.
    pub sample_peak_time_s: f64,
    /// True peak (4× oversampled), dBTP.
    pub true_peak_dbtp: Option<f64>,
    /// Integrated loudness of this channel alone, LUFS.
    pub integrated_lufs: Option<f64>,
    /// Highest VU reading.
    pub max_vu: f64,
    /// The level the programme reaches: the `level_percentile` of its 300 ms window
    /// peaks, over windows above −50 dBFS, dBFS.
    pub reached_peak_dbfs: Option<f64>,
    /// The same percentile of its VU readings (every 100 ms, blocks above −50 dBFS), VU.
    pub reached_vu: Option<f64>,
    /// Share of 100 ms blocks whose peak is below −60 dBFS.
    pub silent_share: f64,
}

/// How channel 1 relates to channel 2.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChannelRelation {
    /// Pearson correlation of the two channels' samples.
    pub correlation: f64,
    /// Every sample equal.
    pub identical: bool,
    /// Channel 1 loudness minus channel 2 loudness, LU.
    pub loudness_difference_lu: Option<f64>,
}

/// Silence of the whole programme.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Silence {
    /// Share of 100 ms blocks in which every channel is below −60 dBFS.
    pub share: f64,
    /// Silence before the first sound, seconds.
    pub leading_s: f64,
    /// Silence after the last sound, seconds.
    pub trailing_s: f64,
}

/// A compact level trace.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Trace {
    /// Seconds each point covers (0.1, doubled for very long tracks to bound its size).
    pub interval_s: f64,
    /// Per channel: highest sample peak in each interval, dBFS.
    pub peak_dbfs: Vec<Vec<f32>>,
    /// Per channel: highest VU reading in each interval.
    pub vu: Vec<Vec<f32>>,
}
