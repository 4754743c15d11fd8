//! 3GPP timed text: a sample entry's default style and font table, and a sample's text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = mediavet::subtitle::tx3g::style(data);
    let _ = mediavet::subtitle::tx3g::sample_text(data);
});
