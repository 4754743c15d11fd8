//! Entries as received: mails (MIME, encoded words, RFC 2231), mailboxes, ZIP and 7z
//! archives (names, bounds, nesting), forms (.docx tables, .xlsx), through the whole
//! intake of bytes held in memory. A panic becomes an "internal error" problem of the
//! entry, which is the crash this asserts against.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::{Once, OnceLock};

fuzz_target!(|data: &[u8]| {
    static HOOK: Once = Once::new();
    static INTAKE: OnceLock<mediavet::entry::Intake> = OnceLock::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
    let intake = INTAKE.get_or_init(|| {
        let profiles = mediavet::entry::Profiles::builtin(None).expect("built-in profiles");
        let mut intake = mediavet::entry::Intake::new(profiles);
        intake.options.ffmpeg = false;
        intake.jobs = Some(1);
        intake
    });
    let name = match data.first().map(|b| b % 3) {
        Some(0) => "entry.eml",
        Some(1) => "entry.zip",
        _ => "box.mbox",
    };
    let Ok(entries) = mediavet::entry::check_entry_bytes(name, data.to_vec(), intake) else {
        return;
    };
    for e in &entries {
        let internal = e
            .facts
            .unpack_problems
            .iter()
            .find(|p| p.detail.en.contains("internal error"));
        assert!(internal.is_none(), "{:?}", internal.map(|p| &p.detail.en));
        for r in &e.files {
            assert!(!r.findings.iter().any(|f| f.message.en.contains("internal error while checking")));
        }
    }
});
