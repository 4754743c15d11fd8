//! Places samples in the file through the chunk tables (stco/co64 + stsc) to find
//! media that a truncated file no longer holds.

use super::timeline::MAX_ITERATED_SAMPLES;

/// Media of one track that lies past the end of the file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Beyond {
    /// Bytes of samples that end past the end of the file.
    pub bytes: u64,
    /// Where the first such sample starts.
    pub first_offset: Option<u64>,
    /// Where the last sample ends.
    pub data_end: u64,
}

/// Visits every sample's (file offset, size) in decode order, walking chunks through
/// `stsc`'s (first_chunk, samples_per_chunk) runs. Returns `false` when the tables
/// cannot place the samples (no stsc or chunks, more than [`MAX_ITERATED_SAMPLES`]).
pub fn for_each_sample(
    offsets: &[u64],
    stsc: &[(u32, u32)],
    mut sizes: impl Iterator<Item = u32>,
    samples: u64,
    mut visit: impl FnMut(u64, u32),
) -> bool {
    if stsc.is_empty() || offsets.is_empty() || samples > MAX_ITERATED_SAMPLES {
        return false;
    }
    let mut left = samples;
    let mut run = 0;
    for (i, &offset) in offsets.iter().enumerate() {
        let Ok(chunk) = u32::try_from(i + 1) else {
            return true;
        };
        while run + 1 < stsc.len() && stsc[run + 1].0 <= chunk {
            run += 1;
        }
        let mut pos = offset;
        for _ in 0..u64::from(stsc[run].1).min(left) {
            let Some(size) = sizes.next() else {
                return true;
            };
            visit(pos, size);
            pos = pos.saturating_add(u64::from(size));
            left -= 1;
        }
        if left == 0 {
            break;
        }
    }
    true
}

/// Media past the end of a `file_size`-byte file; `None` when the tables cannot place the samples.
pub fn beyond_eof(
    offsets: &[u64],
    stsc: &[(u32, u32)],
    sizes: impl Iterator<Item = u32>,
    samples: u64,
    file_size: u64,
) -> Option<Beyond> {
    let mut out = Beyond::default();
    let placed = for_each_sample(offsets, stsc, sizes, samples, |pos, size| {
        let end = pos.saturating_add(u64::from(size));
        if end > file_size {
            out.bytes += u64::from(size);
            out.first_offset = Some(out.first_offset.map_or(pos, |f| f.min(pos)));
        }
        out.data_end = out.data_end.max(end);
    });
    placed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_samples_past_the_end() {
        // Two chunks of two 100-byte samples at 1000 and 5000; the file ends at 5150.
        let b = beyond_eof(&[1000, 5000], &[(1, 2)], std::iter::repeat(100), 4, 5150).unwrap();
        assert_eq!(
            b,
            Beyond {
                bytes: 100,
                first_offset: Some(5100),
                data_end: 5200
            }
        );
    }

    #[test]
    fn follows_stsc_runs() {
        // Chunk 1 holds 3 samples, chunks 2.. hold 1.
        let b = beyond_eof(
            &[0, 300, 400],
            &[(1, 3), (2, 1)],
            std::iter::repeat(100),
            5,
            10_000,
        )
        .unwrap();
        assert_eq!((b.bytes, b.data_end), (0, 500));
    }
}
