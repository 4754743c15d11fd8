//! MP4/MOV: the box walker, sample tables, codec configurations, audio decoding and
//! keyframe sampling, through the whole micro-video check of a file held in memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data, "micro-video", "entry.mp4"));
