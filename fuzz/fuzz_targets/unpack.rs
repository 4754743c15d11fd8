//! Archives as received: 7z (sevenz-rust2 within its memory bound, one thread) and RAR
//! (an external 7-Zip or unrar, listed first and watched while it writes), by content
//! whatever the name. Unpacking must return within the entry's bounds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = if data.starts_with(b"Rar!") { "entry.rar" } else { "entry.7z" };
    let limits = mediavet::entry::receive::Limits::default();
    let _ = mediavet::entry::receive::receive_bytes(name, data.to_vec(), &limits);
});
