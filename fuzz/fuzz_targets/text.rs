//! Plain text: encoding detection, decoding, counting, author and script scans, through
//! the whole text check of a file held in memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static PROFILE: OnceLock<mediavet::Profile> = OnceLock::new();
    let profile = PROFILE.get_or_init(|| mediavet::Profile::builtin("text").unwrap());
    check::check(data, profile, "story.txt");
});
