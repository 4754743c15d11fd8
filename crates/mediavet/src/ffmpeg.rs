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

/// What ffmpeg reads with `-i`: a file's path, or bytes in memory. Bytes go into an
/// anonymous memory file (Linux `memfd`) that ffmpeg opens as `/proc/<our pid>/fd/<n>`:
/// seekable like a file (an MP4 whose `moov` follows its media cannot be read from a
/// pipe), yet nothing is written to any file system. The memory file lives as long as
/// this value.
pub struct Source {
    arg: std::ffi::OsString,
    _memory: Option<std::fs::File>,
}

impl Source {
    /// The source of `input`.
    pub fn of(input: crate::input::Input) -> Result<Source, String> {
        match input {
            crate::input::Input::File(p) => Ok(Source {
                arg: p.as_os_str().to_owned(),
                _memory: None,
            }),
            crate::input::Input::Bytes { bytes, .. } => in_memory(bytes),
        }
    }

    /// The argument after `-i`.
    pub fn arg(&self) -> &std::ffi::OsStr {
        &self.arg
    }
}

#[cfg(target_os = "linux")]
fn in_memory(bytes: &[u8]) -> Result<Source, String> {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let fd = memfd::MemfdOptions::default()
        .close_on_exec(true)
        .create("mediavet-input")
        .map_err(|e| format!("cannot hand the bytes to ffmpeg: {e}"))?;
    let mut file = fd.into_file();
    file.write_all(bytes)
        .map_err(|e| format!("cannot hand the bytes to ffmpeg: {e}"))?;
    let arg = format!("/proc/{}/fd/{}", std::process::id(), file.as_raw_fd());
    Ok(Source {
        arg: arg.into(),
        _memory: Some(file),
    })
}

#[cfg(not(target_os = "linux"))]
fn in_memory(_: &[u8]) -> Result<Source, String> {
    Err("ffmpeg decodes files on disk, not bytes in memory, on this system".into())
}
