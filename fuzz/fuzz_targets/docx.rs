//! Word documents: the ZIP package, its relationships and XML parts, through the whole
//! text check of a file held in memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data, "text", "story.docx"));
