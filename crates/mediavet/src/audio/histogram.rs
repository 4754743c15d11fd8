//! Level histograms in 0.05 dB bins, so percentiles over hours of audio take fixed memory.

const MIN_DB: f64 = -120.0;
const MAX_DB: f64 = 12.0;
const STEP_DB: f64 = 0.05;

/// Counts of dB readings.
#[derive(Debug, Clone)]
pub struct DbHistogram {
    bins: Vec<u64>,
    total: u64,
}

impl Default for DbHistogram {
    fn default() -> Self {
        DbHistogram {
            bins: vec![0; ((MAX_DB - MIN_DB) / STEP_DB) as usize + 1],
            total: 0,
        }
    }
}

impl DbHistogram {
    /// Adds one reading (clamped to the histogram's range).
    pub fn add(&mut self, db: f64) {
        let i = ((db.clamp(MIN_DB, MAX_DB) - MIN_DB) / STEP_DB).round() as usize;
        if let Some(bin) = self.bins.get_mut(i) {
            *bin += 1;
            self.total += 1;
        }
    }

    /// The reading below which `p` percent of readings fall; `None` when empty.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        if self.total == 0 {
            return None;
        }
        let target = ((p / 100.0) * self.total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (i, &n) in self.bins.iter().enumerate() {
            seen += n;
            if seen >= target {
                return Some(MIN_DB + i as f64 * STEP_DB);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_of_a_ramp() {
        let mut h = DbHistogram::default();
        for i in 0..100 {
            h.add(-50.0 + f64::from(i) * 0.5);
        }
        assert_eq!(h.percentile(90.0), Some(-5.5));
        assert_eq!(DbHistogram::default().percentile(50.0), None);
    }
}
