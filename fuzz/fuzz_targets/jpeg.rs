//! JPEG: markers, EXIF/XMP/IPTC segments, the decoder and the clarity and quality
//! measures, through the whole photo check of a file held in memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data, "photo", "photo.jpg"));
