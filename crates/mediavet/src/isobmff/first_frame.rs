//! Codec headers that live in the media data rather than in the sample entry: an MP3
//! track's channel mode is in each frame header, and the `mp4a`/`.mp3` entry's channel
//! count is often just the writer's default.

use super::moov::MoovParse;
use super::sample_entry::{codec_channels, note_entry_disagrees};
use std::io::{Read, Seek, SeekFrom};

/// Reads the first frame header of every MP3 track placed by its sample tables (tracks
/// in fragments are left as their entry says) and takes its channel mode.
pub fn read_mp3_headers<R: Read + Seek>(r: &mut R, moov: &mut MoovParse, file_size: u64) {
    for t in &mut moov.traks {
        let Some(entry) = t.entry.as_mut() else {
            continue;
        };
        let mp3 = entry.codec == ".mp3" || matches!(entry.decoding.object_type, Some(0x69 | 0x6B));
        let (Some(a), Some(&offset)) = (entry.audio.as_mut(), t.chunk_offsets.first()) else {
            continue;
        };
        if !mp3 || t.timeline.sizes.count() == 0 || offset.saturating_add(4) > file_size {
            continue;
        }
        let mut head = [0u8; 4];
        if r.seek(SeekFrom::Start(offset)).is_err() || r.read_exact(&mut head).is_err() {
            continue;
        }
        if let Some(n) = mp3_channels(head) {
            let declared = a.channels;
            codec_channels(a, n, None, "MP3 frame header");
            note_entry_disagrees(a, declared);
        }
    }
}

/// Channels of an MPEG-1/2/2.5 Layer III frame header (mode 3 = single channel), `None`
/// when `h` is not one.
fn mp3_channels(h: [u8; 4]) -> Option<u32> {
    let sync = h[0] == 0xFF && h[1] & 0xE0 == 0xE0;
    let version_ok = (h[1] >> 3) & 3 != 1;
    let layer3 = (h[1] >> 1) & 3 == 1;
    let rate_ok = h[2] >> 4 != 0xF && (h[2] >> 2) & 3 != 3;
    (sync && version_ok && layer3 && rate_ok).then_some(if h[3] >> 6 == 3 { 1 } else { 2 })
}

#[cfg(test)]
mod tests {
    use super::mp3_channels;

    #[test]
    fn channel_mode_of_layer_iii_headers() {
        // MPEG-1 Layer III, 128 kb/s, 44.1 kHz: stereo, joint stereo, dual channel, mono.
        assert_eq!(mp3_channels([0xFF, 0xFB, 0x90, 0x00]), Some(2));
        assert_eq!(mp3_channels([0xFF, 0xFB, 0x90, 0x40]), Some(2));
        assert_eq!(mp3_channels([0xFF, 0xFB, 0x90, 0x80]), Some(2));
        assert_eq!(mp3_channels([0xFF, 0xFB, 0x90, 0xC4]), Some(1));
        // MPEG-2 Layer III mono (22.05 kHz).
        assert_eq!(mp3_channels([0xFF, 0xF3, 0x90, 0xC0]), Some(1));
        // Not a frame: no sync, Layer II, reserved version, bad rate index.
        assert_eq!(mp3_channels([0x00, 0xFB, 0x90, 0xC0]), None);
        assert_eq!(mp3_channels([0xFF, 0xFD, 0x90, 0xC0]), None);
        assert_eq!(mp3_channels([0xFF, 0xEB, 0x90, 0xC0]), None);
        assert_eq!(mp3_channels([0xFF, 0xFB, 0xF0, 0xC0]), None);
    }
}
