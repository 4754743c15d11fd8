//! Plain text: encoding detection, decoding, counting, author and script scans, through
//! the whole text check of a file held in memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data, "text", "story.txt"));
