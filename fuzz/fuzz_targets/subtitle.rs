//! SubRip, WebVTT and ASS/SSA: every input goes through each parser (detection alone would
//! send most mutations to the same one), then through the whole micro-video check of the
//! bytes as a subtitle file (decoding, detection, script and style rules).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;
use mediavet::subtitle::{self, Format};

fuzz_target!(|data: &[u8]| {
    let decoded = mediavet::charset::decode(data);
    for format in [Format::Srt, Format::Vtt, Format::Ass, Format::Ssa] {
        subtitle::parse(&decoded.text, format, "fuzz".into(), decoded.encoding);
    }
    check::check(data, "micro-video", "cues.srt");
});
