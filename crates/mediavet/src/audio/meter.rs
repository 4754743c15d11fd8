//! One pass over decoded samples computes every level figure: sample and true peaks,
//! loudness (the `ebur128` crate), VU, window-peak percentiles, silence, channel relation.

use super::histogram::DbHistogram;
use super::kweight::{gated_loudness, loudness_range, lufs, KWeighting};
use super::levels::{AudioLevels, ChannelLevels, ChannelRelation, Silence, Trace};
use super::truepeak::TruePeak;
use super::vu::{to_vu, VuMeter};

/// Blocks of 100 ms; 300 ms windows slide by one block.
const BLOCK_S: f64 = 0.1;
/// Below this a block counts as silent.
const SILENCE_DBFS: f64 = -60.0;
/// Below this a window does not count towards the level percentiles.
const GATE_DBFS: f64 = -50.0;
/// 100 ms blocks in a momentary (400 ms) and a short-term (3 s) window.
const MOMENTARY_BLOCKS: usize = 4;
const SHORT_TERM_BLOCKS: usize = 30;

/// BS.1770 channel weight: 1.0 for front channels, 1.41 for surrounds, 0 for LFE
/// (the ebur128 crate's default map: L R C LFE Ls Rs; five channels: L R C Ls Rs).
fn channel_weight(c: usize, channels: usize) -> f64 {
    match (channels, c) {
        (6, 3) => 0.0,
        (6, 4 | 5) | (5, 3 | 4) => 1.41,
        _ => 1.0,
    }
}

/// Most channels metered, and the rates metered (BS.1770 meters', libebur128's limits).
const MAX_CHANNELS: usize = 64;
const MAX_RATE: u32 = 2_822_400;

/// Most trace points kept; beyond, neighbours merge and the interval doubles.
const MAX_TRACE_POINTS: usize = 36_000;

fn db(x: f64) -> f64 {
    20.0 * x.max(1e-12).log10()
}

/// What the meter reads against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeterSettings {
    /// The sine level (dBFS, peak) that reads 0 VU.
    pub vu_reference_dbfs: f64,
    /// Percentile at which the reached level is read.
    pub level_percentile: f64,
    /// Measure the true peak (the audio oversampled 4×): read by `audio.loudness` and the
    /// true-peak meter; without it `true_peak_dbtp` stays empty.
    pub true_peak: bool,
}

impl Default for MeterSettings {
    fn default() -> Self {
        MeterSettings {
            vu_reference_dbfs: super::DEFAULT_VU_REFERENCE_DBFS,
            level_percentile: 90.0,
            true_peak: true,
        }
    }
}

/// Accumulates levels over interleaved `f32` frames.
pub struct Meter {
    channels: usize,
    rate: u32,
    settings: MeterSettings,
    true_peak: Option<TruePeak>,
    /// One channel of the block being added.
    channel: Vec<f32>,
    kweighting: Vec<KWeighting>,
    block_energy: Vec<f64>,
    channel_blocks: Vec<Vec<f64>>,
    programme_blocks: Vec<f64>,
    short_term: Vec<f64>,
    vu: Vec<VuMeter>,
    frames: u64,
    peak: Vec<(f32, u64)>,
    block_len: usize,
    block_pos: usize,
    block_peak: Vec<f32>,
    block_vu: Vec<f64>,
    recent_blocks: Vec<[f32; 3]>,
    window_hist: Vec<DbHistogram>,
    vu_hist: Vec<DbHistogram>,
    max_vu: Vec<f64>,
    silent_blocks: Vec<u64>,
    blocks: u64,
    quiet_blocks: u64,
    first_sound: Option<u64>,
    last_sound: Option<u64>,
    trace: Trace,
    trace_group: u64,
    trace_fill: u64,
    sxy: f64,
    sxx: f64,
    syy: f64,
    identical: bool,
    max_momentary: Option<f64>,
    max_short_term: Option<f64>,
}

impl Meter {
    /// A meter for `channels` × `rate` audio.
    pub fn new(channels: usize, rate: u32, settings: MeterSettings) -> Result<Meter, String> {
        if !(1..=MAX_CHANNELS).contains(&channels) || !(16..=MAX_RATE).contains(&rate) {
            return Err(format!(
                "{channels} channels at {rate} Hz cannot be metered"
            ));
        }
        Ok(Meter {
            channels,
            rate,
            settings,
            true_peak: settings.true_peak.then(|| TruePeak::new(channels, rate)),
            channel: Vec::new(),
            kweighting: vec![KWeighting::new(rate); channels],
            block_energy: vec![0.0; channels],
            channel_blocks: vec![Vec::new(); channels],
            programme_blocks: Vec::new(),
            short_term: Vec::new(),
            vu: vec![VuMeter::new(rate); channels],
            frames: 0,
            peak: vec![(0.0, 0); channels],
            block_len: ((f64::from(rate) * BLOCK_S).round() as usize).max(1),
            block_pos: 0,
            block_peak: vec![0.0; channels],
            block_vu: vec![0.0; channels],
            recent_blocks: vec![[0.0; 3]; channels],
            window_hist: vec![DbHistogram::default(); channels],
            vu_hist: vec![DbHistogram::default(); channels],
            max_vu: vec![f64::NEG_INFINITY; channels],
            silent_blocks: vec![0; channels],
            blocks: 0,
            quiet_blocks: 0,
            first_sound: None,
            last_sound: None,
            trace: Trace {
                interval_s: BLOCK_S,
                peak_dbfs: vec![Vec::new(); channels],
                vu: vec![Vec::new(); channels],
            },
            trace_group: 1,
            trace_fill: 0,
            sxy: 0.0,
            sxx: 0.0,
            syy: 0.0,
            identical: true,
            max_momentary: None,
            max_short_term: None,
        })
    }

    /// Adds whole interleaved frames (a trailing partial frame would be dropped, so callers
    /// keep it for their next call).
    pub fn push(&mut self, interleaved: &[f32]) {
        let mut rest = &interleaved[..interleaved.len() - interleaved.len() % self.channels];
        while !rest.is_empty() {
            let take = (self.block_len - self.block_pos).min(rest.len() / self.channels);
            let (now, later) = rest.split_at(take * self.channels);
            self.push_within_block(now);
            rest = later;
            if self.block_pos == self.block_len {
                self.end_block();
            }
        }
    }

    fn push_within_block(&mut self, frames: &[f32]) {
        if let Some(tp) = self.true_peak.as_mut() {
            for c in 0..self.channels {
                self.channel.clear();
                self.channel
                    .extend(frames.iter().skip(c).step_by(self.channels));
                tp.push(c, &self.channel);
            }
        }
        for frame in frames.chunks_exact(self.channels) {
            for (c, &s) in frame.iter().enumerate() {
                let k = self.kweighting[c].process(s);
                self.block_energy[c] += k * k;
                let a = s.abs();
                if a > self.peak[c].0 {
                    self.peak[c] = (a, self.frames);
                }
                if a > self.block_peak[c] {
                    self.block_peak[c] = a;
                }
                let v = self.vu[c].push(s);
                if v > self.block_vu[c] {
                    self.block_vu[c] = v;
                }
            }
            if self.channels >= 2 {
                let (x, y) = (f64::from(frame[0]), f64::from(frame[1]));
                self.sxy += x * y;
                self.sxx += x * x;
                self.syy += y * y;
                self.identical &= frame[0] == frame[1];
            }
            self.frames += 1;
        }
        self.block_pos += frames.len() / self.channels;
    }

    fn end_block(&mut self) {
        let mut all_silent = true;
        for c in 0..self.channels {
            let peak = f64::from(self.block_peak[c]);
            let recent = &mut self.recent_blocks[c];
            recent.rotate_left(1);
            recent[2] = self.block_peak[c];
            let window_peak = f64::from(recent.iter().cloned().fold(0.0, f32::max));
            if self.blocks >= 2 && db(window_peak) >= GATE_DBFS {
                self.window_hist[c].add(db(window_peak));
            }
            let vu = to_vu(self.block_vu[c], self.settings.vu_reference_dbfs);
            if db(peak) >= GATE_DBFS {
                self.vu_hist[c].add(vu);
            }
            self.max_vu[c] = self.max_vu[c].max(vu);
            if db(peak) < SILENCE_DBFS {
                self.silent_blocks[c] += 1;
            } else {
                all_silent = false;
            }
            self.trace_point(c, db(peak) as f32, vu as f32);
            self.block_peak[c] = 0.0;
            self.block_vu[c] = 0.0;
        }
        self.trace_fill += 1;
        if self.trace_fill == self.trace_group {
            self.trace_fill = 0;
            self.compact_trace();
        }
        if all_silent {
            self.quiet_blocks += 1;
        } else {
            self.first_sound.get_or_insert(self.blocks);
            self.last_sound = Some(self.blocks);
        }
        // Loudness counts whole 100 ms blocks only, as BS.1770 meters do; a final partial
        // block still counts for peaks, VU and silence.
        if self.block_pos == self.block_len {
            self.loudness_block();
        }
        self.blocks += 1;
        self.block_pos = 0;
    }

    /// Closes the block's K-weighted energies: per channel for gated channel loudness,
    /// weighted together for momentary (4 blocks) and short-term (30 blocks) loudness.
    fn loudness_block(&mut self) {
        let frames = self.block_len as f64;
        let mut programme = 0.0;
        for c in 0..self.channels {
            let mean_square = self.block_energy[c] / frames;
            self.channel_blocks[c].push(mean_square);
            programme += channel_weight(c, self.channels) * mean_square;
            self.block_energy[c] = 0.0;
        }
        self.programme_blocks.push(programme);
        let window = |n: usize, blocks: &[f64]| {
            (blocks.len() >= n).then(|| lufs(blocks.iter().rev().take(n).sum::<f64>() / n as f64))
        };
        // Short-term values for the loudness range: the first at 3 s, then every second.
        let n = self.programme_blocks.len();
        if n >= SHORT_TERM_BLOCKS && (n - SHORT_TERM_BLOCKS).is_multiple_of(10) {
            let tail = &self.programme_blocks[n - SHORT_TERM_BLOCKS..];
            self.short_term
                .push(tail.iter().sum::<f64>() / SHORT_TERM_BLOCKS as f64);
        }
        if let Some(m) = window(MOMENTARY_BLOCKS, &self.programme_blocks) {
            self.max_momentary = Some(self.max_momentary.map_or(m, |x| x.max(m)));
        }
        if let Some(s) = window(SHORT_TERM_BLOCKS, &self.programme_blocks) {
            self.max_short_term = Some(self.max_short_term.map_or(s, |x| x.max(s)));
        }
    }

    /// Adds to the open trace point of channel `c` (a new one at the start of a group).
    fn trace_point(&mut self, c: usize, peak: f32, vu: f32) {
        let (peaks, vus) = (&mut self.trace.peak_dbfs[c], &mut self.trace.vu[c]);
        if self.trace_fill == 0 {
            peaks.push(peak);
            vus.push(vu);
        } else if let (Some(p), Some(v)) = (peaks.last_mut(), vus.last_mut()) {
            *p = p.max(peak);
            *v = v.max(vu);
        }
    }

    /// Halves the trace when it is full: neighbours merge, the interval doubles.
    fn compact_trace(&mut self) {
        if self
            .trace
            .peak_dbfs
            .first()
            .is_none_or(|p| p.len() < MAX_TRACE_POINTS)
        {
            return;
        }
        let halve = |v: &mut Vec<f32>| {
            *v = v
                .chunks(2)
                .map(|p| p.iter().cloned().fold(f32::MIN, f32::max))
                .collect()
        };
        self.trace.peak_dbfs.iter_mut().for_each(halve);
        self.trace.vu.iter_mut().for_each(halve);
        self.trace.interval_s *= 2.0;
        self.trace_group *= 2;
    }

    /// Finishes the pass (a partial last block counts) and returns the figures.
    pub fn finish(mut self, decoder: String) -> AudioLevels {
        if self.block_pos > 0 {
            self.end_block();
        }
        let rate = f64::from(self.rate);
        let blocks = self.blocks.max(1) as f64;
        let channel_lufs: Vec<Option<f64>> = self
            .channel_blocks
            .iter()
            .map(|b| gated_loudness(b))
            .collect();
        let channels: Vec<ChannelLevels> = (0..self.channels)
            .map(|c| ChannelLevels {
                sample_peak_dbfs: db(f64::from(self.peak[c].0)),
                sample_peak_time_s: self.peak[c].1 as f64 / rate,
                true_peak_dbtp: self
                    .true_peak
                    .as_ref()
                    .and_then(|tp| tp.peak(c))
                    .map(|p| db(f64::from(p))),
                integrated_lufs: channel_lufs[c],
                max_vu: self.max_vu[c],
                reached_peak_dbfs: self.window_hist[c].percentile(self.settings.level_percentile),
                reached_vu: self.vu_hist[c].percentile(self.settings.level_percentile),
                silent_share: self.silent_blocks[c] as f64 / blocks,
            })
            .collect();
        let relation = (self.channels >= 2).then(|| ChannelRelation {
            correlation: if self.sxx > 0.0 && self.syy > 0.0 {
                self.sxy / (self.sxx * self.syy).sqrt()
            } else {
                0.0
            },
            identical: self.identical,
            loudness_difference_lu: channel_lufs[0].zip(channel_lufs[1]).map(|(a, b)| a - b),
        });
        let block_s = self.block_len as f64 / rate;
        let silence = Silence {
            share: self.quiet_blocks as f64 / blocks,
            leading_s: self.first_sound.unwrap_or(self.blocks) as f64 * block_s,
            trailing_s: self
                .last_sound
                .map_or(self.blocks as f64, |l| (self.blocks - 1 - l) as f64)
                * block_s,
        };
        AudioLevels {
            decoder,
            packets_failed: 0,
            duration: self.frames as f64 / rate,
            sample_rate: self.rate,
            vu_reference_dbfs: self.settings.vu_reference_dbfs,
            level_percentile: self.settings.level_percentile,
            integrated_lufs: gated_loudness(&self.programme_blocks),
            loudness_range_lu: loudness_range(&self.short_term),
            max_momentary_lufs: self.max_momentary,
            max_short_term_lufs: self.max_short_term,
            true_peak_dbtp: channels
                .iter()
                .filter_map(|c| c.true_peak_dbtp)
                .reduce(f64::max),
            channels,
            relation,
            silence,
            trace: self.trace,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ebur128::{EbuR128, Mode};

    const RATE: u32 = 48_000;

    /// Interleaved stereo: each segment is (seconds, left dBFS, right dBFS, frequency);
    /// `None` is digital silence.
    fn signal(segments: &[(f64, Option<f64>, Option<f64>, f64)]) -> Vec<f32> {
        let mut out = Vec::new();
        let mut n = 0u64;
        for &(secs, l, r, f) in segments {
            for _ in 0..(secs * f64::from(RATE)) as usize {
                let phase = 2.0 * std::f64::consts::PI * f * n as f64 / f64::from(RATE)
                    + std::f64::consts::FRAC_PI_4;
                let amp = |d: Option<f64>| d.map_or(0.0, |d| 10f64.powf(d / 20.0));
                out.push((amp(l) * phase.sin()) as f32);
                out.push((amp(r) * phase.sin()) as f32);
                n += 1;
            }
        }
        out
    }

    fn measure(samples: &[f32]) -> AudioLevels {
        let mut m = Meter::new(2, RATE, MeterSettings::default()).unwrap();
        for chunk in samples.chunks(2048 * 2) {
            m.push(chunk);
        }
        m.finish("test".into())
    }

    #[test]
    fn ebu_3341_steady_tones() {
        for level in [-23.0, -33.0] {
            let l = measure(&signal(&[(20.0, Some(level), Some(level), 1000.0)]));
            let got = l.integrated_lufs.unwrap();
            assert!(
                (got - level).abs() <= 0.1,
                "{level} dBFS tone measured {got} LUFS"
            );
        }
    }

    #[test]
    fn ebu_3341_gating() {
        let l = measure(&signal(&[
            (10.0, Some(-36.0), Some(-36.0), 1000.0),
            (60.0, Some(-23.0), Some(-23.0), 1000.0),
            (10.0, Some(-36.0), Some(-36.0), 1000.0),
        ]));
        assert!(
            (l.integrated_lufs.unwrap() + 23.0).abs() <= 0.1,
            "{:?}",
            l.integrated_lufs
        );
    }

    #[test]
    fn ebu_3342_loudness_range() {
        let l = measure(&signal(&[
            (20.0, Some(-20.0), Some(-20.0), 1000.0),
            (20.0, Some(-30.0), Some(-30.0), 1000.0),
        ]));
        assert!(
            (l.loudness_range_lu.unwrap() - 10.0).abs() <= 1.0,
            "{:?}",
            l.loudness_range_lu
        );
    }

    #[test]
    fn true_peak_between_samples() {
        // 12 kHz at 48 kHz with a 45° phase: every sample sits 3 dB below the waveform's peak.
        let l = measure(&signal(&[(2.0, Some(-6.0), Some(-6.0), 12_000.0)]));
        let c = &l.channels[0];
        assert!(
            (c.sample_peak_dbfs + 9.01).abs() < 0.05,
            "sample peak {}",
            c.sample_peak_dbfs
        );
        let tp = c.true_peak_dbtp.unwrap();
        assert!((-6.4..=-5.8).contains(&tp), "true peak {tp}");
    }

    #[test]
    fn silence_and_channel_relation() {
        let l = measure(&signal(&[
            (2.0, None, None, 0.0),
            (2.0, Some(-20.0), Some(-20.0), 440.0),
            (1.0, None, None, 0.0),
        ]));
        assert!(
            (l.silence.leading_s - 2.0).abs() < 0.11 && (l.silence.trailing_s - 1.0).abs() < 0.11,
            "{:?}",
            l.silence
        );
        assert!((l.silence.share - 0.6).abs() < 0.03, "{:?}", l.silence);
        let r = l.relation.unwrap();
        assert!(r.identical && (r.correlation - 1.0).abs() < 1e-9);
        assert!((l.duration - 5.0).abs() < 1e-9);

        let split = measure(&signal(&[(3.0, Some(-10.0), None, 440.0)]));
        let r = split.relation.unwrap();
        assert!(!r.identical && r.correlation == 0.0);
        assert_eq!(split.channels[1].silent_share, 1.0);
        assert!((split.channels[0].sample_peak_dbfs + 10.0).abs() < 0.01);
    }

    #[test]
    fn window_peak_percentile_and_vu() {
        let l = measure(&signal(&[(5.0, Some(-20.0), Some(-12.0), 1000.0)]));
        let (a, b) = (&l.channels[0], &l.channels[1]);
        assert!(
            (a.reached_peak_dbfs.unwrap() + 20.0).abs() <= 0.05,
            "{:?}",
            a.reached_peak_dbfs
        );
        assert!((b.reached_peak_dbfs.unwrap() + 12.0).abs() <= 0.05);
        assert!(
            (a.reached_vu.unwrap()).abs() <= 0.1,
            "a -20 dBFS tone reads 0 VU: {:?}",
            a.reached_vu
        );
        assert!((b.reached_vu.unwrap() - 8.0).abs() <= 0.1);
        assert_eq!(l.trace.peak_dbfs[0].len(), 50);
    }

    #[test]
    fn momentary_short_term_and_channel_loudness() {
        let l = measure(&signal(&[(10.0, Some(-23.0), Some(-23.0), 1000.0)]));
        assert!(
            (l.max_momentary_lufs.unwrap() + 23.0).abs() <= 0.1,
            "{:?}",
            l.max_momentary_lufs
        );
        assert!(
            (l.max_short_term_lufs.unwrap() + 23.0).abs() <= 0.1,
            "{:?}",
            l.max_short_term_lufs
        );
        // One channel alone carries half the power: 3 dB less.
        let c = l.channels[0].integrated_lufs.unwrap();
        assert!((c + 26.01).abs() <= 0.1, "{c}");
    }

    #[test]
    fn programme_loudness_and_range_match_the_ebur128_crate() {
        let samples = signal(&[
            (8.0, Some(-30.0), Some(-30.0), 1000.0),
            (12.0, Some(-18.0), Some(-24.0), 440.0),
            (6.0, Some(-40.0), Some(-26.0), 100.0),
            (9.0, Some(-22.0), None, 2000.0),
        ]);
        let l = measure(&samples);
        let mut reference = EbuR128::new(2, RATE, Mode::I | Mode::LRA).unwrap();
        reference.add_frames_f32(&samples).unwrap();
        let (i, lra) = (
            reference.loudness_global().unwrap(),
            reference.loudness_range().unwrap(),
        );
        assert!(
            (l.integrated_lufs.unwrap() - i).abs() <= 0.02,
            "{:?} vs ebur128 {i}",
            l.integrated_lufs
        );
        assert!(
            (l.loudness_range_lu.unwrap() - lra).abs() <= 0.05,
            "{:?} vs ebur128 {lra}",
            l.loudness_range_lu
        );
    }

    #[test]
    fn channel_loudness_matches_the_ebur128_crate() {
        let samples = signal(&[
            (10.0, Some(-36.0), Some(-20.0), 1000.0),
            (20.0, Some(-23.0), Some(-30.0), 440.0),
            (5.0, Some(-40.0), None, 100.0),
        ]);
        let l = measure(&samples);
        for c in 0..2 {
            let mono: Vec<f32> = samples.iter().skip(c).step_by(2).copied().collect();
            let mut reference = EbuR128::new(1, RATE, Mode::I).unwrap();
            reference.add_frames_f32(&mono).unwrap();
            let expected = reference.loudness_global().unwrap();
            let got = l.channels[c].integrated_lufs.unwrap();
            assert!(
                (got - expected).abs() <= 0.05,
                "channel {c}: {got} vs ebur128 {expected}"
            );
        }
    }
}
