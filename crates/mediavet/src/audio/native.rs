//! Decoding inside the process: PCM directly, AAC-LC/MP3/ALAC/FLAC with symphonia's
//! decoders fed from our own demuxer (symphonia's MP4 reader rejects files whose hvcC
//! exceeds 1 KiB, which x265 and phones write).

use super::pcm;
use super::Meter;
use crate::isobmff::AudioSource;
use std::io::{Read, Seek, SeekFrom};
use symphonia::core::audio::Channels;
use symphonia::core::codecs::audio::well_known::{
    CODEC_ID_AAC, CODEC_ID_ALAC, CODEC_ID_FLAC, CODEC_ID_MP3,
};
use symphonia::core::codecs::audio::{AudioCodecParameters, AudioDecoderOptions};
use symphonia::core::packet::Packet;

/// Largest packet read (an honest audio packet is a few kilobytes).
const MAX_PACKET: u32 = 16 << 20;

/// How a source can be decoded here, or why not.
pub fn plan(src: &AudioSource) -> Result<Plan, String> {
    let channels = src.channels.unwrap_or(0);
    if let Some(layout) = src.decoding.pcm {
        return Ok(Plan::Pcm(layout));
    }
    let mut params = AudioCodecParameters::new();
    match (src.codec.as_str(), src.decoding.object_type) {
        ("mp4a", Some(0x40 | 0x66..=0x68)) => {
            match src.aac_object_type {
                Some(2) if channels <= 2 => {}
                Some(2) => {
                    return Err(format!(
                        "AAC with {channels} channels is not decodable here"
                    ))
                }
                Some(ot) => {
                    return Err(format!(
                        "{} is not decodable here",
                        crate::isobmff::aac_name(ot)
                    ))
                }
                None => return Err("AAC without an AudioSpecificConfig".into()),
            }
            params.for_codec(CODEC_ID_AAC);
        }
        ("mp4a", Some(0x69 | 0x6B)) | (".mp3", _) => {
            params.for_codec(CODEC_ID_MP3);
        }
        ("alac", _) => {
            params.for_codec(CODEC_ID_ALAC);
        }
        ("fLaC", _) => {
            params.for_codec(CODEC_ID_FLAC);
        }
        (codec, _) => return Err(format!("codec {codec} is not decodable here")),
    }
    if let Some(config) = &src.decoding.config {
        params.with_extra_data(config.clone().into_boxed_slice());
    }
    if let Some(rate) = src.sample_rate.filter(|r| *r >= 1.0) {
        params.with_sample_rate(rate as u32);
    }
    if channels > 0 && src.codec != "mp4a" {
        params.with_channels(Channels::Discrete(channels as u16));
    }
    Ok(Plan::Codec(params))
}

/// A decoding route.
pub enum Plan {
    /// Uncompressed samples.
    Pcm(crate::isobmff::Pcm),
    /// A symphonia decoder.
    Codec(AudioCodecParameters),
}

/// Decodes `src` from `r` into a new meter; returns it with the decoder's name and the count
/// of packets that failed to decode.
pub fn decode<R: Read + Seek>(
    r: &mut R,
    src: &AudioSource,
    plan: Plan,
    settings: super::MeterSettings,
) -> Result<(Meter, String, u64), String> {
    let packets = src
        .packets
        .as_deref()
        .ok_or("the sample tables do not place the audio")?;
    match plan {
        Plan::Pcm(layout) => decode_pcm(r, src, packets, layout, settings),
        Plan::Codec(params) => decode_codec(r, src, packets, &params, settings),
    }
}

/// Pushes the frames of `samples` (interleaved, `channels` wide, the first at `first_tick`,
/// `ticks_per_frame` apart) that fall inside the presented windows.
fn push_presented(
    meter: &mut Meter,
    samples: &[f32],
    channels: usize,
    first_tick: u64,
    ticks_per_frame: f64,
    windows: &[(u64, u64)],
) {
    let frames = samples.len() / channels.max(1);
    let index = |tick: u64| -> usize {
        if tick <= first_tick {
            0
        } else {
            (((tick - first_tick) as f64 / ticks_per_frame).ceil() as usize).min(frames)
        }
    };
    for &(start, end) in windows {
        let (k0, k1) = (index(start), index(end));
        if k0 < k1 {
            meter.push(&samples[k0 * channels..k1 * channels]);
        }
    }
}

/// Bytes read at once: a run of packets stored back to back (a chunk), up to this size,
/// is one read instead of one seek and read a packet (with the 64 KiB read buffer, one
/// packet of 500 bytes cost a 64 KiB refill: a fifth of the audio pass).
const RUN_BYTES: u64 = 1 << 20;

/// The packets (offset, size, tick) in runs stored back to back, each at most
/// [`RUN_BYTES`] unless one packet alone is larger.
fn runs(packets: &[(u64, u32, u64)]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = *packets.get(i)?;
        let (start, mut len) = (i, u64::from(first.1));
        i += 1;
        while let Some(&(offset, size, _)) = packets.get(i) {
            if offset != first.0 + len || len + u64::from(size) > RUN_BYTES {
                break;
            }
            len += u64::from(size);
            i += 1;
        }
        Some(start..i)
    })
}

/// The bytes a run of packets spans.
fn run_bytes(run: &[(u64, u32, u64)]) -> usize {
    run.iter().map(|p| p.1 as usize).sum()
}

fn read_at<R: Read + Seek>(
    r: &mut R,
    offset: u64,
    len: usize,
    buf: &mut Vec<u8>,
) -> Result<(), String> {
    buf.resize(len, 0);
    r.seek(SeekFrom::Start(offset)).map_err(|e| e.to_string())?;
    r.read_exact(buf)
        .map_err(|e| format!("audio data at byte {offset}: {e}"))
}

fn decode_pcm<R: Read + Seek>(
    r: &mut R,
    src: &AudioSource,
    packets: &[(u64, u32, u64)],
    layout: crate::isobmff::Pcm,
    settings: super::MeterSettings,
) -> Result<(Meter, String, u64), String> {
    let channels = src
        .channels
        .filter(|&c| c > 0)
        .ok_or("PCM without a channel count")? as usize;
    let rate = src
        .sample_rate
        .filter(|&r| r >= 1.0)
        .ok_or("PCM without a sample rate")? as u32;
    let mut meter = Meter::new(channels, rate, settings)?;
    let (mut bytes, mut samples) = (Vec::new(), Vec::new());
    let ticks_per_frame = f64::from(src.timescale.max(1)) / f64::from(rate);
    for run in runs(packets) {
        let (start, first_tick) = (packets[run.start].0, packets[run.start].2);
        read_at(r, start, run_bytes(&packets[run]), &mut bytes)?;
        pcm::to_f32(&bytes, layout, &mut samples);
        push_presented(
            &mut meter,
            &samples,
            channels,
            first_tick,
            ticks_per_frame,
            &src.presented,
        );
    }
    Ok((
        meter,
        format!(
            "built-in PCM ({} bit{})",
            layout.bits,
            if layout.float { " float" } else { "" }
        ),
        0,
    ))
}

fn decode_codec<R: Read + Seek>(
    r: &mut R,
    src: &AudioSource,
    packets: &[(u64, u32, u64)],
    params: &AudioCodecParameters,
    settings: super::MeterSettings,
) -> Result<(Meter, String, u64), String> {
    let registry = symphonia::default::get_codecs();
    // The container's edit list decides what is presented, so the decoder trims nothing itself.
    let mut options = AudioDecoderOptions::default();
    options.gapless = false;
    let mut decoder = registry
        .make_audio_decoder(params, &options)
        .map_err(|e| format!("decoder: {e}"))?;
    let name = format!("symphonia ({})", decoder.codec_info().short_name);
    let mut meter: Option<Meter> = None;
    let (mut bytes, mut samples) = (Vec::new(), Vec::new());
    let mut errors = 0u64;
    if let Some(&(offset, size, _)) = packets.iter().find(|p| p.1 > MAX_PACKET) {
        return Err(format!("an audio packet of {size} bytes at byte {offset}"));
    }
    for run in runs(packets) {
        read_at(
            r,
            packets[run.start].0,
            run_bytes(&packets[run.clone()]),
            &mut bytes,
        )?;
        let mut at = 0;
        for n in run {
            let size = packets[n].1 as usize;
            let data = bytes.get(at..at + size).unwrap_or_default();
            at += size;
            let packet = Packet::new(0, (n as i64).into(), 0u64.into(), data);
            let decoded = match decoder.decode(&packet) {
                Ok(d) => d,
                Err(_) => {
                    errors += 1;
                    continue;
                }
            };
            let (channels, rate) = (decoded.spec().channels().count(), decoded.spec().rate());
            if meter.is_none() {
                meter = Some(Meter::new(channels, rate, settings)?);
            }
            decoded.copy_to_vec_interleaved::<f32>(&mut samples);
            if let Some(m) = meter.as_mut() {
                let ticks_per_frame = f64::from(src.timescale.max(1)) / f64::from(rate.max(1));
                let tick = packets[n].2;
                push_presented(m, &samples, channels, tick, ticks_per_frame, &src.presented);
            }
        }
    }
    let meter = meter.ok_or_else(|| format!("no audio packet decoded ({errors} failed)"))?;
    Ok((meter, name, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packets_read_in_runs() {
        // Two back to back, a gap, three back to back, one large enough to stand alone.
        let big = (RUN_BYTES - 10) as u32;
        let packets = [
            (0, 10, 0),
            (10, 20, 1),
            (100, 5, 2),
            (105, 5, 3),
            (110, 5, 4),
            (115, big, 5),
            (115 + u64::from(big), 200, 6),
        ];
        let found: Vec<_> = runs(&packets).collect();
        assert_eq!(found, [0..2, 2..5, 5..6, 6..7]);
        assert_eq!(run_bytes(&packets[2..5]), 15);
        assert_eq!(runs(&[]).count(), 0);
    }
}
