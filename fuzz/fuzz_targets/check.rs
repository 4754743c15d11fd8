//! What the targets that run a whole check of bytes share.
//!
//! `check` turns a panic anywhere in mediavet into an "internal error" report, so
//! that report is the crash this asserts against. The codec decoders mediavet guards on
//! purpose (symphonia, openh264, rqrr: a panic there is "not measured" or a failed
//! frame) must be allowed to unwind to their guard, so libFuzzer's abort-on-panic hook is
//! replaced by one that only prints. The ffmpeg fallback is off: mediavet's own parsers
//! and decoders are under test, and a process per input would slow the run to a crawl.

use std::sync::{Once, OnceLock};

/// Checks `data`, named `name`, against the built-in profile `profile`; aborts on an
/// internal error.
pub fn check(data: &[u8], profile: &str, name: &str) {
    static HOOK: Once = Once::new();
    static PROFILES: OnceLock<Vec<mediavet::Profile>> = OnceLock::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
    let profiles = PROFILES.get_or_init(|| {
        mediavet::Profile::builtin_names()
            .filter_map(|n| mediavet::Profile::builtin(n).ok())
            .collect()
    });
    let Some(profile) = profiles.iter().find(|p| p.name == profile) else {
        panic!("no built-in profile {profile}");
    };
    let options = mediavet::CheckOptions {
        ffmpeg: false,
        ..Default::default()
    };
    let input = mediavet::Input::Bytes {
        name: name.as_ref(),
        bytes: data,
    };
    let report = mediavet::check(input, profile, &options);
    if let Some(f) = report
        .findings
        .iter()
        .find(|f| f.message.en.contains("internal error while checking"))
    {
        eprintln!("{}", f.message.en);
        std::process::abort();
    }
}
