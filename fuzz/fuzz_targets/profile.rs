//! Profile TOML: parsing, `extends`, validation and the error's line, as a user profile
//! and as an overlay on a built-in one.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = mediavet::Profile::from_toml(text, "fuzz.toml");
    if let Ok(base) = mediavet::Profile::builtin("micro-video") {
        let _ = base.overlay(text, "options");
    }
});
