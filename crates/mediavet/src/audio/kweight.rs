//! Per-100 ms K-weighted energies (ITU-R BS.1770 pre-filter), from which momentary and
//! short-term loudness and each channel's gated loudness follow by sliding sums.
//!
//! Written here, beside the `ebur128` crate that still measures true peak: that crate
//! recomputes a whole window every time momentary or short-term loudness is queried (a
//! third of the analysis time at one query per 100 ms), measures one channel only through
//! an instance of its own, and re-sums each 400 ms block four times. The gating and the
//! loudness range follow the crate's (libebur128's) definitions, and the tests compare
//! the two on the same signals.

use std::f64::consts::PI;

/// Two cascaded biquads: the high-shelf "head" filter and the RLB high-pass.
#[derive(Debug, Clone)]
pub struct KWeighting {
    b: [[f64; 3]; 2],
    a: [[f64; 3]; 2],
    state: [[f64; 2]; 2],
}

impl KWeighting {
    /// The BS.1770 filter for `rate` Hz (coefficients by bilinear transform, as in libebur128).
    pub fn new(rate: u32) -> KWeighting {
        let fs = f64::from(rate.max(1));
        let (f0, gain_db, q) = (1681.974450955533, 3.999843853973347, 0.7071752369554196);
        let k = (PI * f0 / fs).tan();
        let vh = 10f64.powf(gain_db / 20.0);
        let vb = vh.powf(0.4996667741545416);
        let a0 = 1.0 + k / q + k * k;
        let shelf_b = [
            (vh + vb * k / q + k * k) / a0,
            2.0 * (k * k - vh) / a0,
            (vh - vb * k / q + k * k) / a0,
        ];
        let shelf_a = [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0];
        let (f0, q) = (38.13547087602444, 0.5003270373238773);
        let k = (PI * f0 / fs).tan();
        let a0 = 1.0 + k / q + k * k;
        let highpass_b = [1.0, -2.0, 1.0];
        let highpass_a = [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0];
        KWeighting {
            b: [shelf_b, highpass_b],
            a: [shelf_a, highpass_a],
            state: [[0.0; 2]; 2],
        }
    }

    /// Filters one sample (transposed direct form II).
    pub fn process(&mut self, x: f32) -> f64 {
        let mut v = f64::from(x);
        for s in 0..2 {
            let (b, a, z) = (&self.b[s], &self.a[s], &mut self.state[s]);
            let y = b[0] * v + z[0];
            z[0] = b[1] * v - a[1] * y + z[1];
            z[1] = b[2] * v - a[2] * y;
            v = y;
        }
        v
    }
}

/// Loudness of a mean square of K-weighted samples (channel weights already applied).
pub fn lufs(mean_square: f64) -> f64 {
    -0.691 + 10.0 * mean_square.max(1e-20).log10()
}

/// Gated integrated loudness (BS.1770-4) from a channel's 100 ms block mean squares:
/// 400 ms blocks with 75% overlap, absolute gate −70 LUFS, relative gate −10 LU.
pub fn gated_loudness(blocks_100ms: &[f64]) -> Option<f64> {
    let windows: Vec<f64> = blocks_100ms
        .windows(4)
        .map(|w| w.iter().sum::<f64>() / 4.0)
        .collect();
    let above_absolute: Vec<f64> = windows.into_iter().filter(|&e| lufs(e) > -70.0).collect();
    if above_absolute.is_empty() {
        return None;
    }
    let relative_gate =
        lufs(above_absolute.iter().sum::<f64>() / above_absolute.len() as f64) - 10.0;
    let gated: Vec<f64> = above_absolute
        .into_iter()
        .filter(|&e| lufs(e) > relative_gate)
        .collect();
    (!gated.is_empty()).then(|| lufs(gated.iter().sum::<f64>() / gated.len() as f64))
}

/// Loudness range (EBU Tech 3342) from 3 s short-term energies taken every second:
/// absolute gate −70 LUFS, relative gate −20 LU, 95th minus 10th percentile.
pub fn loudness_range(short_term: &[f64]) -> Option<f64> {
    if short_term.is_empty() {
        return None;
    }
    let mut q: Vec<f64> = short_term
        .iter()
        .copied()
        .filter(|&e| lufs(e) >= -70.0)
        .collect();
    if q.is_empty() {
        return Some(0.0);
    }
    q.sort_by(f64::total_cmp);
    let gate = q.iter().sum::<f64>() / q.len() as f64 * 0.01;
    let below = q.iter().take_while(|&&v| v < gate).count();
    let Some(last) = (q.len() - below).checked_sub(1) else {
        return Some(0.0);
    };
    let at = |p: f64| q[below + (last as f64 * p + 0.5) as usize];
    Some(lufs(at(0.95)) - lufs(at(0.10)))
}
