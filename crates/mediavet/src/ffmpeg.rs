//! The optional `ffmpeg` binary: some decoding falls back to it when it is on PATH.

use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Whether `ffmpeg -version` runs (checked once per process).
pub fn available() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        Command::new("ffmpeg")
            .arg("-version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}
