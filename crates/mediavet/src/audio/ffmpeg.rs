//! Fallback decoding through an `ffmpeg` binary on PATH, for codecs decoded nowhere else
//! here (HE-AAC, multichannel AAC, AC-3/E-AC-3, Opus, AMR), from a file or from bytes in
//! memory ([`crate::ffmpeg::Source`]): raw f32 PCM on a pipe,
//! streamed into the meter. ffmpeg is never required; without it the facts say why the
//! level was not measured.

use super::Meter;
use std::io::Read;
use std::process::{Command, Stdio};

/// Decodes audio stream `audio_index` of `input` at `channels` × `rate` into a new meter.
pub fn decode(
    input: crate::input::Input,
    audio_index: usize,
    channels: u32,
    rate: u32,
    settings: super::MeterSettings,
) -> Result<Meter, String> {
    let mut meter = Meter::new(channels as usize, rate, settings)?;
    let source = crate::ffmpeg::Source::of(input)?;
    let mut child = Command::new("ffmpeg")
        .args(["-nostdin", "-v", "error", "-i"])
        .arg(source.arg())
        .args([
            "-map",
            &format!("0:a:{audio_index}"),
            "-ac",
            &channels.to_string(),
            "-ar",
            &rate.to_string(),
        ])
        .args(["-f", "f32le", "-"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("ffmpeg: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("ffmpeg: no output pipe")?;
    let mut buf = vec![0u8; 1 << 16];
    // Only whole frames go to the meter; a pipe read may end in the middle of one.
    let frame_bytes = 4 * channels.max(1) as usize;
    let (mut pending, mut samples) = (Vec::new(), Vec::new());
    loop {
        let n = stdout
            .read(&mut buf)
            .map_err(|e| format!("ffmpeg output: {e}"))?;
        if n == 0 {
            break;
        }
        pending.extend_from_slice(&buf[..n]);
        let whole = pending.len() - pending.len() % frame_bytes;
        samples.clear();
        samples.extend(
            pending[..whole]
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
        );
        meter.push(&samples);
        pending.drain(..whole);
    }
    let status = child.wait().map_err(|e| format!("ffmpeg: {e}"))?;
    if !status.success() {
        return Err(format!("ffmpeg exited with {status}"));
    }
    Ok(meter)
}
