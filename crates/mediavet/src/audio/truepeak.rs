//! True peak (ITU-R BS.1770-4, annex 2): each channel oversampled 4× (2× from 96 kHz,
//! not at all from 192 kHz) by a polyphase interpolator, and its largest magnitude kept.
//!
//! The filter is libebur128's, as the `ebur128` crate ports it (and ffmpeg's ebur128
//! filter uses an equivalent one): a 48-tap Hann-windowed sinc split into one phase per
//! oversampled position. Written here rather than taken from that crate because its
//! interpolator filters one interleaved frame at a time through a ring buffer (a quarter
//! of the whole audio pass, measured with perf); here each channel's block is filtered
//! with the taps outermost and eight outputs at a time, which the compiler turns into
//! SIMD. Same coefficients; the tests compare the two.

use std::f64::consts::PI;

/// Filter length over all phases (libebur128's).
const TAPS: usize = 48;
/// Outputs computed together (one or two SIMD registers per phase).
const LANES: usize = 8;

/// A true-peak meter over `channels` channels.
#[derive(Debug, Clone)]
pub struct TruePeak {
    /// Oversampling factor: 4, 2 or 1 (no interpolation).
    factor: usize,
    /// `taps[t][p]`: the coefficient of the input `t` samples back for output phase `p`.
    taps: Vec<[f32; 4]>,
    /// Per channel: the last `taps.len() - 1` input samples, then room for a block.
    history: Vec<Vec<f32>>,
    peaks: Vec<f32>,
}

impl TruePeak {
    /// A meter for `channels` channels of `rate` Hz audio.
    pub fn new(channels: usize, rate: u32) -> TruePeak {
        let factor = match rate {
            0..96_000 => 4,
            96_000..192_000 => 2,
            _ => 1,
        };
        let per_phase = TAPS / factor;
        let mut taps = vec![[0.0f32; 4]; per_phase];
        for (j, coeff) in (0..TAPS).map(|j| (j, coefficient(j, factor))) {
            taps[j / factor][j % factor] = coeff;
        }
        TruePeak {
            factor,
            history: vec![vec![0.0; per_phase - 1]; channels],
            taps,
            peaks: vec![0.0; channels],
        }
    }

    /// Adds consecutive samples of channel `c` (ignored for a channel the meter lacks).
    pub fn push(&mut self, c: usize, samples: &[f32]) {
        let (Some(history), Some(peak)) = (self.history.get_mut(c), self.peaks.get_mut(c)) else {
            return;
        };
        if self.factor == 1 {
            *peak = samples.iter().fold(*peak, |m, s| m.max(s.abs()));
            return;
        }
        let keep = self.taps.len() - 1;
        history.extend_from_slice(samples);
        *peak = match self.factor {
            4 => scan::<4>(&self.taps, history, *peak),
            _ => scan::<2>(&self.taps, history, *peak),
        };
        let len = history.len();
        history.copy_within(len - keep.., 0);
        history.truncate(keep);
    }

    /// The true peak of channel `c` as a linear magnitude (at least its sample peak).
    pub fn peak(&self, c: usize) -> Option<f32> {
        self.peaks.get(c).copied()
    }
}

/// Coefficient `j` of the windowed sinc for `factor`× oversampling (libebur128's formula).
fn coefficient(j: usize, factor: usize) -> f32 {
    let (j, window) = (j as f64, TAPS as f64);
    let hann = 0.5 * (1.0 - (2.0 * PI * j / window).cos());
    let m = j - window / 2.0;
    let x = m * PI / factor as f64;
    (if m.abs() > 1e-6 {
        hann * x.sin() / x
    } else {
        hann
    }) as f32
}

/// The largest output magnitude (and `peak`) over the inputs of `z` after its first
/// `taps.len() - 1` samples, which are the history before them. Compiled for baseline
/// x86-64 (SSE2, four lanes) and for AVX2 with FMA (eight), picked by the CPU at run time.
#[multiversion::multiversion(targets("x86_64+avx2+fma"))]
fn scan<const F: usize>(taps: &[[f32; 4]], z: &[f32], peak: f32) -> f32 {
    let n = taps.len();
    let outputs = z.len() + 1 - n;
    // Fixed-size arrays and a running maximum per lane keep every loop free of bounds
    // checks and of a serial dependency, so each compiles to packed multiplies and maxima.
    let mut lanes = [peak; LANES];
    let mut k = 0;
    while k + LANES <= outputs {
        let mut acc = [[0.0f32; LANES]; F];
        for (t, coeffs) in taps.iter().enumerate() {
            let start = k + n - 1 - t;
            let Ok(x) = <&[f32; LANES]>::try_from(&z[start..start + LANES]) else {
                continue;
            };
            for p in 0..F {
                let c = coeffs[p];
                for i in 0..LANES {
                    acc[p][i] += c * x[i];
                }
            }
        }
        for a in &acc {
            for i in 0..LANES {
                let v = a[i].abs();
                lanes[i] = if v > lanes[i] { v } else { lanes[i] };
            }
        }
        k += LANES;
    }
    let mut peak = lanes.into_iter().fold(peak, f32::max);
    for k in k..outputs {
        for p in 0..F {
            let y: f32 = taps
                .iter()
                .zip(z[k..k + n].iter().rev())
                .map(|(c, x)| c[p] * x)
                .sum();
            peak = peak.max(y.abs());
        }
    }
    peak
}

#[cfg(test)]
mod tests {
    use super::*;
    use ebur128::{EbuR128, Mode};

    /// A sine of `freq` Hz at `rate`, `phase` radians in, amplitude `amp`, `n` samples.
    fn sine(freq: f64, rate: u32, phase: f64, amp: f64, n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| (amp * (2.0 * PI * freq * i as f64 / f64::from(rate) + phase).sin()) as f32)
            .collect()
    }

    #[test]
    fn matches_the_ebur128_crate() {
        for (rate, freq) in [
            (48_000, 12_000.0),
            (44_100, 9_000.0),
            (96_000, 30_000.0),
            (48_000, 997.0),
        ] {
            for phase in [0.0, 0.3, PI / 4.0] {
                let x = sine(freq, rate, phase, 0.5, 10_007);
                let mut ours = TruePeak::new(1, rate);
                // Blocks of uneven sizes, some shorter than the filter.
                for block in x
                    .chunks(1_000)
                    .flat_map(|b| b.chunks(b.len().min(7).max(b.len() / 3)))
                {
                    ours.push(0, block);
                }
                let mut crate_meter = EbuR128::new(1, rate, Mode::TRUE_PEAK).unwrap();
                crate_meter.add_frames_f32(&x).unwrap();
                let expected = crate_meter.true_peak(0).unwrap();
                let got = f64::from(ours.peak(0).unwrap());
                assert!(
                    (got - expected).abs() < 1e-5,
                    "{rate} Hz, {freq} Hz, {phase}: {got} vs {expected}"
                );
            }
        }
    }

    #[test]
    fn finds_the_peak_between_samples() {
        // 12 kHz at 48 kHz, 45° in: the samples sit 3 dB below the waveform's peak.
        let x = sine(12_000.0, 48_000, PI / 4.0, 0.5, 4_800);
        let mut tp = TruePeak::new(1, 48_000);
        tp.push(0, &x);
        let sample_peak = x.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        let peak = tp.peak(0).unwrap();
        assert!((20.0 * (sample_peak / 0.5).log10() + 3.01).abs() < 0.05);
        assert!((20.0 * (peak / 0.5).log10()).abs() < 0.3, "{peak}");
    }

    #[test]
    fn high_rates_and_missing_channels() {
        let x = sine(1_000.0, 192_000, 0.0, 0.25, 1_000);
        let mut tp = TruePeak::new(1, 192_000);
        tp.push(0, &x);
        tp.push(3, &x);
        assert_eq!(
            tp.peak(0),
            Some(x.iter().fold(0.0f32, |m, s| m.max(s.abs())))
        );
        assert_eq!(tp.peak(3), None);
    }
}
