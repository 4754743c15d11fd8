//! Uncompressed samples to `f32`. QuickTime stores PCM as one "sample" per audio frame,
//! so it is read chunk-wise here rather than through a decoder call per frame.

use crate::isobmff::Pcm;

/// Converts raw bytes of `layout` into `out` (cleared first); a trailing partial sample is dropped.
pub fn to_f32(bytes: &[u8], layout: Pcm, out: &mut Vec<f32>) {
    out.clear();
    let width = (layout.bits as usize).div_ceil(8).max(1);
    out.reserve(bytes.len() / width);
    for s in bytes.chunks_exact(width) {
        let mut b = [0u8; 8];
        if layout.big_endian {
            b[..width].copy_from_slice(s);
            b[..width].reverse();
        } else {
            b[..width].copy_from_slice(s);
        }
        let v = match (layout.float, width) {
            (true, 4) => f32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            (true, 8) => f64::from_le_bytes(b) as f32,
            (false, 1) if !layout.big_endian => (f32::from(b[0]) - 128.0) / 128.0,
            (false, 1) => f32::from(b[0] as i8) / 128.0,
            (false, n) => {
                // Sign-extend the little-endian integer of n bytes.
                let raw = u64::from_le_bytes(b);
                let shift = 64 - 8 * n as u32;
                let value = ((raw << shift) as i64) >> shift;
                (value as f64 / (1u64 << (8 * n as u32 - 1)) as f64) as f32
            }
            _ => 0.0,
        };
        out.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_common_layouts() {
        let mut out = Vec::new();
        to_f32(
            &[0x00, 0x40, 0x00, 0xC0],
            Pcm {
                bits: 16,
                float: false,
                big_endian: false,
            },
            &mut out,
        );
        assert_eq!(out, [0.5, -0.5]);
        to_f32(
            &[0x40, 0x00, 0x00],
            Pcm {
                bits: 24,
                float: false,
                big_endian: true,
            },
            &mut out,
        );
        assert_eq!(out, [0.5]);
        to_f32(
            &0.25f32.to_be_bytes(),
            Pcm {
                bits: 32,
                float: true,
                big_endian: true,
            },
            &mut out,
        );
        assert_eq!(out, [0.25]);
    }
}
