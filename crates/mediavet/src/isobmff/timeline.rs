//! Sample timelines: totals, frame-rate regularity and the peak one-second bitrate.
//!
//! Tables stay run-length encoded as stored (stts runs, one stsz, trun runs), so a
//! table claiming billions of samples costs nothing; only the peak-window pass
//! iterates per sample, and only up to [`MAX_ITERATED_SAMPLES`].

/// Above this many samples the peak window is not computed (totals still are).
pub const MAX_ITERATED_SAMPLES: u64 = 50_000_000;

/// Sample sizes, as stored.
#[derive(Debug, Clone)]
pub enum Sizes {
    /// One size for every sample (stsz with a non-zero sample_size).
    Same { count: u64, size: u32 },
    /// One entry per sample.
    Each(Vec<u32>),
    /// Runs of (count, size), from movie fragments.
    Runs(Vec<(u64, u32)>),
}

/// A track's samples in decode order: durations as (count, delta) runs, and sizes.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// (sample count, duration in media ticks) runs.
    pub durations: Vec<(u64, u32)>,
    /// Sample sizes.
    pub sizes: Sizes,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            durations: Vec::new(),
            sizes: Sizes::Each(Vec::new()),
        }
    }
}

/// What a pass over a timeline measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Samples with both a duration and a size.
    pub samples: u64,
    /// Sum of sample sizes.
    pub bytes: u64,
    /// Sum of durations in media ticks.
    pub ticks: u64,
    /// More than one sample duration, the last run excepted (it is often a remainder).
    pub variable: bool,
    /// Largest number of bytes whose decode times fall in any one-second window.
    pub peak_window_bytes: Option<u64>,
    /// Samples counted by the duration table, when it disagrees with the size table.
    pub duration_samples: u64,
    /// Samples counted by the size table.
    pub size_samples: u64,
}

impl Sizes {
    /// Number of samples the table lists.
    pub fn count(&self) -> u64 {
        match self {
            Sizes::Same { count, .. } => *count,
            Sizes::Each(v) => v.len() as u64,
            Sizes::Runs(r) => r.iter().map(|&(c, _)| c).fold(0, u64::saturating_add),
        }
    }

    fn total(&self, limit: u64) -> u64 {
        match self {
            Sizes::Same { count, size } => (*count).min(limit).saturating_mul(u64::from(*size)),
            Sizes::Each(v) => v
                .iter()
                .take(usize::try_from(limit).unwrap_or(usize::MAX))
                .map(|&s| u64::from(s))
                .sum(),
            Sizes::Runs(runs) => {
                let mut left = limit;
                let mut sum = 0u64;
                for &(c, s) in runs {
                    let n = c.min(left);
                    sum = sum.saturating_add(n.saturating_mul(u64::from(s)));
                    left -= n;
                }
                sum
            }
        }
    }

    /// Every sample size in order.
    pub fn iter(&self) -> Box<dyn Iterator<Item = u32> + '_> {
        match self {
            Sizes::Same { count, size } => Box::new(std::iter::repeat_n(*size, *count as usize)),
            Sizes::Each(v) => Box::new(v.iter().copied()),
            Sizes::Runs(r) => Box::new(
                r.iter()
                    .flat_map(|&(c, s)| std::iter::repeat_n(s, c as usize)),
            ),
        }
    }
}

impl Timeline {
    /// Decode time of every sample in media ticks.
    pub fn decode_times(&self) -> impl Iterator<Item = u64> + '_ {
        self.durations
            .iter()
            .flat_map(|&(c, d)| std::iter::repeat_n(u64::from(d), c as usize))
            .scan(0u64, |t, d| {
                let start = *t;
                *t = t.saturating_add(d);
                Some(start)
            })
    }

    /// Measures the timeline; `timescale` ticks make one second.
    pub fn stats(&self, timescale: u32) -> Stats {
        let duration_samples = self
            .durations
            .iter()
            .map(|&(c, _)| c)
            .fold(0, u64::saturating_add);
        let size_samples = self.sizes.count();
        let samples = duration_samples.min(size_samples);
        let ticks = self
            .durations
            .iter()
            .map(|&(c, d)| c.saturating_mul(u64::from(d)))
            .fold(0, u64::saturating_add);
        let body = self.durations.len().saturating_sub(1);
        let mut deltas = self.durations[..body]
            .iter()
            .filter(|&&(c, _)| c > 0)
            .map(|&(_, d)| d);
        let variable = match deltas.next() {
            Some(first) => deltas.any(|d| d != first),
            None => false,
        };
        let peak_window_bytes =
            (samples <= MAX_ITERATED_SAMPLES && timescale > 0 && ticks >= u64::from(timescale))
                .then(|| self.peak_window(u64::from(timescale)));
        Stats {
            samples,
            bytes: self.sizes.total(samples),
            ticks,
            variable,
            peak_window_bytes,
            duration_samples,
            size_samples,
        }
    }

    /// Sliding window over (decode time, size) with two cursors on the same sequence.
    fn peak_window(&self, window: u64) -> u64 {
        let mut tail = self.decode_times().zip(self.sizes.iter());
        let mut tail_front: Option<(u64, u32)> = None;
        let mut sum = 0u64;
        let mut peak = 0u64;
        for (t, size) in self.decode_times().zip(self.sizes.iter()) {
            sum += u64::from(size);
            loop {
                let front = match tail_front {
                    Some(f) => f,
                    None => match tail.next() {
                        Some(f) => f,
                        None => break,
                    },
                };
                if t - front.0 >= window {
                    sum -= u64::from(front.1);
                    tail_front = None;
                } else {
                    tail_front = Some(front);
                    break;
                }
            }
            peak = peak.max(sum);
        }
        peak
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_rate_track() {
        // 50 samples of 1/25 s, 1000 bytes each: 2 s, 25 000 bytes in any second.
        let t = Timeline {
            durations: vec![(50, 40)],
            sizes: Sizes::Same {
                count: 50,
                size: 1000,
            },
        };
        let s = t.stats(1000);
        assert_eq!(
            (s.samples, s.bytes, s.ticks, s.variable),
            (50, 50_000, 2000, false)
        );
        assert_eq!(s.peak_window_bytes, Some(25_000));
    }

    #[test]
    fn finds_the_burst() {
        let mut sizes = vec![100u32; 50];
        sizes[30] = 10_000;
        let t = Timeline {
            durations: vec![(50, 40)],
            sizes: Sizes::Each(sizes),
        };
        assert_eq!(t.stats(1000).peak_window_bytes, Some(24 * 100 + 10_000));
    }

    #[test]
    fn huge_claims_cost_nothing() {
        let t = Timeline {
            durations: vec![(u64::from(u32::MAX), u32::MAX)],
            sizes: Sizes::Same {
                count: u64::from(u32::MAX),
                size: u32::MAX,
            },
        };
        let s = t.stats(1);
        assert_eq!(s.samples, u64::from(u32::MAX));
        assert_eq!(s.peak_window_bytes, None);
    }

    #[test]
    fn detects_variable_durations() {
        let t = Timeline {
            durations: vec![(10, 40), (10, 33), (1, 7)],
            sizes: Sizes::Same { count: 21, size: 1 },
        };
        assert!(t.stats(1000).variable);
    }
}
