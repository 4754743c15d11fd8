//! One file per command; each writes to `out` and returns the exit status.

pub mod check;
pub mod explain;
pub mod intake;
pub mod probe;
pub mod profiles;
pub mod rules;

use std::process::ExitCode;

/// The exit status `code` once the output is written: a closed pipe (the reader, `head`
/// say, has seen enough) ends the program quietly with that status, as ripgrep does; any
/// other write error is the tool's.
pub fn written(result: std::io::Result<()>, code: ExitCode) -> Result<ExitCode, mediavet::Error> {
    match result {
        Ok(()) => Ok(code),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(mediavet::Error::Usage(format!("cannot write output: {e}"))),
    }
}
