//! MP4/MOV: the box walker, sample tables, codec configurations, audio decoding and
//! keyframe sampling, through the whole micro-video check of a file held in memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static PROFILE: OnceLock<mediavet::Profile> = OnceLock::new();
    let profile = PROFILE.get_or_init(|| mediavet::Profile::builtin("micro-video").unwrap());
    check::check(data, profile, "entry.mp4");
});
